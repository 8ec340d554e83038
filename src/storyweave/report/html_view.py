"""What the HTML page shows, worked out from the report dict: plain data for the template."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import FactKind, FindingStatus, LabelName
from .html_text import safe_href
from .html_timeline import Timeline, TimelineArticle, TimelineLink, layout_timeline
from .json_report import Report
from .order import findings_in_order
from .readable import (
    Cite,
    Point,
    Segment,
    article_name,
    article_places,
    citations,
    evidence_points,
    plural,
    readable_time,
    relations_by_story,
    shorten,
    story_cites,
    story_span,
)
from .written import DiffPart, finding_evidence, shown_values, word_diff

LEADING_STATUSES = (
    FindingStatus.DISPUTED,
    FindingStatus.GARBLED,
    FindingStatus.DRIFTED,
    FindingStatus.CORROBORATED,
)
FLAG_LABELS = (LabelName.SCRAPED, LabelName.SPUN, LabelName.UNUSUAL_WORDING)
LABEL_PHRASES = {
    LabelName.ORIGINAL: "original: others copied it",
    LabelName.SYNDICATED: "syndicated: a copy",
    LabelName.SCRAPED: "scraped: taken by a scraper site",
    LabelName.SPUN: "spun: machine-reworded",
    LabelName.UNUSUAL_WORDING: "unusual wording",
}
TITLE_CHARS = 90


@dataclass(frozen=True)
class Coverage:
    articles: int
    independent: int
    copies: int
    flags: dict[str, int]

    @property
    def independent_share(self) -> float:
        return round(100 * self.independent / self.articles, 2) if self.articles else 0.0

    @property
    def summary(self) -> str:
        parts = [
            plural(self.independent, "independent source"),
            plural(self.copies, "copy", "copies"),
        ]
        parts.extend(f"{n} {label}" for label, n in self.flags.items() if n)
        return " · ".join(parts)


@dataclass(frozen=True)
class LabelView:
    label: str
    phrase: str
    points: list[Point]


@dataclass(frozen=True)
class TextPart:
    text: str
    shared_with: str | None  # "[2], [5]" when this run is shared with other articles


@dataclass(frozen=True)
class ArticleView:
    cite: Cite
    title: str
    outlet: str | None
    byline: str | None
    published: str
    ref: str
    href: str | None
    metadata_evidence: dict[str, str]
    labels: list[LabelView]
    text: list[TextPart]
    words: int
    removed: list[tuple[str, str]]


@dataclass(frozen=True)
class VariantView:
    value: str
    sources: list[Segment]


@dataclass(frozen=True)
class DiffView:
    base: list[Segment]  # the articles with the first wording
    sources: list[Segment]  # the articles with this wording
    parts: list[DiffPart]


@dataclass(frozen=True)
class FindingView:
    status: str
    kind: str
    subject: str
    variants: list[VariantView]
    diffs: list[DiffView]
    evidence: list[Point]


@dataclass(frozen=True)
class BriefLine:
    when: str | None
    text: str
    sources: list[Segment]


@dataclass(frozen=True)
class HoaxView:
    """A story told as a hoax: the sentences calling its report false, each citing its
    article, and the articles left out as telling the report as fact."""

    called_false: list[BriefLine]
    told_as_fact: list[Segment]


@dataclass(frozen=True)
class StoryView:
    number: int
    anchor: str
    headline: str
    topic: str | None
    span: str
    entities: list[str]
    coverage: Coverage
    timeline: Timeline
    brief: list[BriefLine]
    background: list[BriefLine]
    hoax: HoaxView | None
    findings: list[FindingView]
    single_source: list[FindingView]
    articles: list[ArticleView]


@dataclass(frozen=True)
class MergedView:
    """An input merged into an earlier one's article: ``cite`` links to that article."""

    ref: str
    cite: Cite | None
    place: str


@dataclass(frozen=True)
class Page:
    summary: str
    stories: list[StoryView]
    unassigned: list[ArticleView]
    errors: list[tuple[str, str]]
    merged: list[MergedView]


def build_page(report: Report) -> Page:
    """Everything the page shows, in the order it shows it."""
    articles = {a["id"]: a for a in report["articles"]}
    topics = _topic_names(report.get("topics", []))
    within = relations_by_story(report["relations"], report["stories"])
    stories = [
        _story(number, story, articles, within.get(story["id"], []), topics.get(story["id"]))
        for number, story in enumerate(report["stories"], start=1)
    ]
    in_stories = {a for story in report["stories"] for a in story["articles"]}
    loose = [a for a in report["articles"] if a["id"] not in in_stories]
    loose_cites = story_cites("u", [a["id"] for a in loose], articles)
    merged = report.get("merged", [])
    summary = (
        f"{plural(len(stories), 'story', 'stories')} from "
        f"{plural(len(report['articles']), 'article')}; "
        f"{plural(len(report['relations']), 'text relation')}; "
        + (f"{plural(len(merged), 'exact duplicate')} merged; " if merged else "")
        + f"{plural(len(report.get('errors', [])), 'input')} skipped"
    )
    return Page(
        summary=summary,
        stories=stories,
        unassigned=[_article(a, loose_cites, {}, []) for a in loose],
        errors=[_error(e) for e in report.get("errors", [])],
        merged=_merged_inputs(merged, report["stories"], articles, loose_cites),
    )


def _merged_inputs(
    merged: Sequence[Mapping[str, Any]],
    stories: Sequence[Mapping[str, Any]],
    articles: Mapping[str, Any],
    loose_cites: Mapping[str, Cite],
) -> list[MergedView]:
    cites: dict[str, Cite] = dict(loose_cites)
    for number, story in enumerate(stories, start=1):
        for article_id, cite in story_cites(f"s{number}", story["articles"], articles).items():
            cites.setdefault(article_id, cite)
    places = article_places(stories)
    views = []
    for duplicate in merged:
        same = duplicate["same_as"]
        place = places.get(same, "in no story" if same in articles else "not in this report")
        views.append(MergedView(str(duplicate["ref"]), cites.get(same), place))
    return views


def _error(error: Mapping[str, Any]) -> tuple[str, str]:
    where = error["ref"] if error.get("line") is None else f"{error['ref']}:{error['line']}"
    return str(where), str(error["reason"])


def _topic_names(topics: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    names = {}
    for topic in topics:
        words = list(topic.get("entities") or topic.get("label") or [])[:3]
        if words:
            for story_id in topic["stories"]:
                names[story_id] = ", ".join(words)
    return names


def _story(
    number: int,
    story: Mapping[str, Any],
    articles: Mapping[str, Any],
    relations: Sequence[Mapping[str, Any]],
    topic: str | None,
) -> StoryView:
    anchor = f"s{number}"
    members = [a for a in story["articles"] if a in articles]
    cites = story_cites(anchor, members, articles)
    links = _links(relations, set(members))
    copies = {link.copy for link in links if link.directed}
    ordered = findings_in_order(story["findings"])
    return StoryView(
        number=number,
        anchor=anchor,
        headline=str(story["headline"]),
        topic=topic,
        span=story_span(story),
        entities=list(story.get("entities", [])),
        coverage=_coverage(members, copies, articles),
        timeline=layout_timeline(
            [_timeline_article(articles[a], cites[a], a in copies) for a in members], links
        ),
        brief=[BriefLine(None, s["text"], citations(s["sources"], cites)) for s in story["brief"]],
        background=[
            BriefLine(t["when"], t["text"], citations(t["sources"], cites))
            for t in story.get("timeline", [])
        ],
        hoax=_hoax(story.get("hoax"), cites),
        findings=[_finding(f, cites, articles) for f in ordered if f["status"] in LEADING_STATUSES],
        single_source=[
            _finding(f, cites, articles) for f in ordered if f["status"] not in LEADING_STATUSES
        ],
        articles=[_article(articles[a], cites, cites, relations) for a in members],
    )


def _hoax(hoax: Mapping[str, Any] | None, cites: Mapping[str, Cite]) -> HoaxView | None:
    if not hoax:
        return None
    return HoaxView(
        called_false=[
            BriefLine(None, c["text"], citations([c["article"]], cites))
            for c in hoax["called_false"]
        ],
        told_as_fact=citations(hoax["told_as_fact"], cites),
    )


def _links(relations: Sequence[Mapping[str, Any]], members: set[str]) -> list[TimelineLink]:
    links = []
    for relation in relations:
        if relation["a"] not in members or relation["b"] not in members:
            continue
        direction = relation.get("direction")
        if direction is None:
            links.append(TimelineLink(relation["b"], relation["a"], relation["kind"], False))
        else:
            links.append(
                TimelineLink(direction["copy"], direction["origin"], relation["kind"], True)
            )
    return links


def _coverage(members: Sequence[str], copies: set[str], articles: Mapping[str, Any]) -> Coverage:
    flags: dict[str, int] = dict.fromkeys(FLAG_LABELS, 0)
    for article_id in members:
        for label in {lb["label"] for lb in articles[article_id]["labels"]}:
            if label in flags:
                flags[label] += 1
    copied = len(copies & set(members))
    return Coverage(len(members), len(members) - copied, copied, flags)


def _timeline_article(article: Mapping[str, Any], cite: Cite, is_copy: bool) -> TimelineArticle:
    labels = {lb["label"] for lb in article["labels"]}
    kind = next(
        (k for k in (LabelName.SPUN, LabelName.SCRAPED) if k in labels),
        "copy"
        if is_copy
        else (LabelName.ORIGINAL if LabelName.ORIGINAL in labels else "independent"),
    )
    label = article.get("outlet") or article_name(article)
    return TimelineArticle(article["id"], cite, str(label), article.get("published"), kind)


def _finding(
    finding: Mapping[str, Any], cites: Mapping[str, Cite], articles: Mapping[str, Any]
) -> FindingView:
    shown = shown_values(finding, articles)
    variants = [
        VariantView(value, citations(v["sources"], cites))
        for v, value in zip(finding["variants"], shown, strict=True)
    ]
    diffs = []
    if (
        finding["kind"] == FactKind.QUOTE
        and finding["status"] == FindingStatus.DRIFTED
        and variants
    ):
        first = finding["variants"][0]
        base = citations(first["sources"], cites)
        diffs = [
            DiffView(base, citations(v["sources"], cites), word_diff(shown[0], value))
            for v, value in zip(finding["variants"][1:], shown[1:], strict=True)
        ]
    return FindingView(
        status=str(finding["status"]),
        kind=str(finding["kind"]),
        subject=str(finding["subject"]),
        variants=variants,
        diffs=diffs,
        evidence=evidence_points(finding_evidence(finding, shown), cites),
    )


def _article(
    article: Mapping[str, Any],
    own: Mapping[str, Cite],
    cites: Mapping[str, Cite],
    relations: Sequence[Mapping[str, Any]],
) -> ArticleView:
    text = str(article["text"])
    evidence = article.get("metadata_evidence") or {}
    return ArticleView(
        cite=own[article["id"]],
        title=shorten(article_name(article), 300),
        outlet=article.get("outlet"),
        byline=article.get("byline"),
        published=readable_time(article.get("published")),
        ref=str(article["ref"]),
        href=safe_href(article.get("source")),
        metadata_evidence={k: str(v) for k, v in evidence.items() if v},
        labels=[
            LabelView(
                lb["label"],
                LABEL_PHRASES.get(lb["label"], lb["label"]),
                evidence_points(lb["evidence"], cites),
            )
            for lb in article["labels"]
        ],
        text=_marked_text(text, _shared_spans(article["id"], len(text), relations, cites)),
        words=len(text.split()),
        removed=[(str(r["reason"]), str(r["text"])) for r in article.get("removed", [])],
    )


def _shared_spans(
    article_id: str, length: int, relations: Sequence[Mapping[str, Any]], cites: Mapping[str, Cite]
) -> list[tuple[int, int, set[str]]]:
    """Character spans of the article's text that it shares with other cited articles."""
    spans: list[tuple[int, int, set[str]]] = []
    for relation in relations:
        for side, other in (("a", "b"), ("b", "a")):
            if relation[side] != article_id or relation[other] not in cites:
                continue
            partner = f"[{cites[relation[other]].name}]"
            for passage in relation.get("passages", []):
                start, end = max(0, passage[side][0]), min(length, passage[side][1])
                if start < end:
                    spans.append((start, end, {partner}))
    return _merged(spans)


def _merged(spans: list[tuple[int, int, set[str]]]) -> list[tuple[int, int, set[str]]]:
    merged: list[tuple[int, int, set[str]]] = []
    for start, end, partners in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] | partners)
        else:
            merged.append((start, end, set(partners)))
    return merged


def _marked_text(text: str, spans: Sequence[tuple[int, int, set[str]]]) -> list[TextPart]:
    parts = []
    position = 0
    for start, end, partners in spans:
        if start > position:
            parts.append(TextPart(text[position:start], None))
        parts.append(TextPart(text[start:end], ", ".join(sorted(partners, key=_cite_number))))
        position = end
    if position < len(text):
        parts.append(TextPart(text[position:], None))
    return parts


def _cite_number(name: str) -> int:
    digits = name.strip("[]")
    return int(digits) if digits.isdigit() else 0
