"""The Markdown report, rendered from the JSON report so that both always say the same."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import FactKind, FindingStatus, LabelName
from ..text import printable
from .json_report import Report
from .order import findings_in_order
from .readable import (
    ARTICLE_ID,
    Cite,
    Point,
    Segment,
    article_name,
    article_places,
    evidence_points,
    name_ids,
    plural,
    readable_text,
    readable_time,
    relations_by_story,
    shorten,
    story_cites,
    story_span,
)
from .written import finding_evidence, said_changes, shown_values, speaker_of

MAX_EVIDENCE = 6  # points per label or finding; the JSON report has them all
# Characters that make Markdown (emphasis, code, links, tables, strikethrough, escapes), and an
# opening that would make a block (a heading, a list item) where text starts a line.
_SPACES = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]|~]")
_BLOCK_OPENING = re.compile(r"^(\d{0,9})((?<=\d)[.)]|(?<!\d)[#+-])(?=\s|$)")
TITLE_CHARS = 70
LABEL_PHRASES = {
    LabelName.ORIGINAL: "is **original**: others copied it",
    LabelName.SYNDICATED: "is **syndicated**: a copy",
    LabelName.SCRAPED: "is **scraped**: taken by a scraper site",
    LabelName.SPUN: "is **spun**: machine-reworded",
    LabelName.UNUSUAL_WORDING: "has **unusual wording**",
}


def render_markdown(report: Report) -> str:
    """Render ``report`` (see :func:`build_report`) as a Markdown document."""
    articles = {a["id"]: a for a in report["articles"]}
    names = {a["id"]: article_name(a) for a in report["articles"]}
    stories = report["stories"]
    errors = report.get("errors", [])
    merged = report.get("merged", [])
    lines = ["# storyweave report", ""]
    merged_note = f"; {plural(len(merged), 'exact duplicate')} merged" if merged else ""
    lines.append(
        f"{plural(len(stories), 'story', 'stories')} from "
        f"{plural(len(report['articles']), 'article')}; "
        f"{plural(len(report['relations']), 'text relation')}"
        f"{merged_note}; {plural(len(errors), 'input')} skipped."
    )
    lines.append("")
    outside = _relations_between_stories(report["relations"], stories)
    sections = Sections(bool(report.get("topics")), bool(outside), bool(merged), bool(errors))
    lines.extend(_contents(stories, sections))
    within = relations_by_story(report["relations"], stories)
    for number, story in enumerate(stories, start=1):
        lines.extend(_story(number, story, articles, names, within.get(story["id"], [])))
    if report.get("topics"):
        lines.extend(_topics(report["topics"], stories))
    if outside:
        lines.extend(_outside_relations(outside, stories, names))
    if merged:
        lines.extend(_merged(merged, stories, names))
    if errors:
        lines.extend(['<a id="skipped"></a>', "", "## Skipped inputs", ""])
        for error in errors:
            where = error["ref"] if error["line"] is None else f"{error['ref']}:{error['line']}"
            lines.append(f"- `{_code(where)}`: {_text(error['reason'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class Sections:
    """Which sections after the stories the report has."""

    topics: bool
    relations: bool
    merged: bool
    errors: bool


def _contents(stories: Sequence[Mapping[str, Any]], sections: Sections) -> list[str]:
    lines = ["## Contents", ""]
    for number, story in enumerate(stories, start=1):
        lines.append(
            f"{number}. [{_link_text(story['headline'])}](#s{number}) — "
            f"{plural(len(story['articles']), 'article')}"
        )
    extras = [
        ("Topics", "topics", sections.topics),
        ("Text relations between stories", "relations", sections.relations),
        ("Exact duplicates merged", "merged", sections.merged),
        ("Skipped inputs", "skipped", sections.errors),
    ]
    lines.extend(f"- [{title}](#{anchor})" for title, anchor, shown in extras if shown)
    lines.append("")
    return lines


def _story(
    number: int,
    story: Mapping[str, Any],
    articles: Mapping[str, Any],
    names: Mapping[str, str],
    relations: Sequence[Mapping[str, Any]],
) -> list[str]:
    members = [a for a in story["articles"] if a in articles]
    cites = story_cites(f"s{number}", members, articles)
    span = story_span(story)
    lines = [f'<a id="s{number}"></a>', "", f"## {number}. {_text(story['headline'])}", ""]
    facts = [plural(len(members), "article")]
    if span:
        facts.append(span)
    if story.get("entities"):
        facts.append("key entities: " + ", ".join(story["entities"]))
    lines.extend([_text(" · ".join(facts)), ""])
    lines.extend(_article_table(members, articles, cites))
    lines.extend(_copies(relations, cites, articles))
    lines.extend(_labels(members, articles, cites, names))
    if story["brief"]:
        lines.extend(["### Brief", ""])
        for sentence in story["brief"]:
            lines.append(f"- {_text(sentence['text'])} {_cite(sentence['sources'], cites)}")
        lines.append("")
    if story.get("hoax"):
        lines.extend([*_hoax(story["hoax"], cites), ""])
    if story["findings"]:
        lines.extend(["### Findings", ""])
        for finding in findings_in_order(story["findings"]):
            lines.extend(_finding(finding, articles, cites, names))
        lines.append("")
    if story.get("timeline"):
        lines.extend(["### Timeline", ""])
        for entry in story["timeline"]:
            lines.append(
                f"- **{entry['when']}** {_text(entry['text'])} {_cite(entry['sources'], cites)}"
            )
        lines.append("")
    return lines


def _article_table(
    members: Sequence[str], articles: Mapping[str, Any], cites: Mapping[str, Cite]
) -> list[str]:
    lines = ["| | title | outlet | published | labels |", "|---|---|---|---|---|"]
    for article_id in members:
        article = articles[article_id]
        labels = ", ".join(lb["label"] for lb in article["labels"]) or "–"
        lines.append(
            f"| [{cites[article_id].name}] | {_cell(article_name(article))} "
            f"| {_cell(article['outlet'] or '–')} | {_cell(readable_time(article['published']))} "
            f"| {_cell(labels)} |"
        )
    lines.append("")
    return lines


def _copies(
    relations: Sequence[Mapping[str, Any]], cites: Mapping[str, Cite], articles: Mapping[str, Any]
) -> list[str]:
    """Who copied whom within the story, one line a pair, each article named with its title."""
    lines = []
    for relation in relations:
        if relation["a"] not in cites or relation["b"] not in cites:
            continue
        direction = relation["direction"]
        how = f"{relation['kind']}, score {relation['score']:.2f}"
        if direction is None:
            first, second = (_named(x, cites, articles) for x in (relation["a"], relation["b"]))
            lines.append(f"- {first} and {second} share text ({how}; which came first is unclear)")
        else:
            copy, origin = (
                _named(x, cites, articles) for x in (direction["copy"], direction["origin"])
            )
            lines.append(f"- {copy} copies {origin} ({how})")
    return ["### Who copied whom", "", *lines, ""] if lines else []


def _named(article_id: str, cites: Mapping[str, Cite], articles: Mapping[str, Any]) -> str:
    article = articles[article_id]
    who = f" ({_text(article['outlet'])})" if article.get("outlet") else ""
    title = _text(shorten(article_name(article), TITLE_CHARS))
    return f"[{cites[article_id].name}] *{_emphasised(title)}*{who}"


def _labels(
    members: Sequence[str],
    articles: Mapping[str, Any],
    cites: Mapping[str, Cite],
    names: Mapping[str, str],
) -> list[str]:
    lines = []
    for article_id in members:
        for label in articles[article_id]["labels"]:
            said = LABEL_PHRASES.get(label["label"], f"is **{label['label']}**")
            lines.append(f"- {_named(article_id, cites, articles)} {said}")
            points = evidence_points(label["evidence"], cites)
            lines.extend(_points(points, cites, names, "  "))
    return ["### Labels", "", *lines, ""] if lines else []


def _points(
    points: Sequence[Point], cites: Mapping[str, Cite], names: Mapping[str, str], indent: str
) -> list[str]:
    lines = []
    for point in points[:MAX_EVIDENCE]:
        head = _said(point.head, cites, names)
        details = [_said(d, cites, names) for d in point.details]
        if head:
            lines.append(f"{indent}- {head}")
            lines.extend(f"{indent}  - {d}" for d in details)
        else:
            lines.extend(f"{indent}- {d}" for d in details)
    if len(points) > MAX_EVIDENCE:
        lines.append(f"{indent}- … and {plural(len(points) - MAX_EVIDENCE, 'more point')}")
    return lines


def _finding(
    finding: Mapping[str, Any],
    articles: Mapping[str, Any],
    cites: Mapping[str, Cite],
    names: Mapping[str, str],
) -> list[str]:
    shown = shown_values(finding, articles)
    variants = [
        f"“{_text(value)}” {_cite(v['sources'], cites)}"
        for v, value in zip(finding["variants"], shown, strict=True)
    ]
    status, kind = f"**{finding['status']}**", finding["kind"]
    if kind == FactKind.QUOTE:
        speaker = speaker_of(finding["subject"])
        opening = f"- {status} quote" + (f" by {_text(speaker)}" if speaker else "")
    else:
        opening = f"- {status} {kind} — {_text(finding['subject'])}"
    if len(variants) == 1:
        lines = [f"{opening}: {variants[0]}"]
    else:
        lines = [f"{opening}:", *(f"  - {v}" for v in variants)]
    lines.extend(_drift(finding, shown, cites))
    evidence = evidence_points(finding_evidence(finding, shown), cites)
    lines.extend(_points(evidence, cites, names, "  "))
    return lines


def _drift(
    finding: Mapping[str, Any], shown: Sequence[str], cites: Mapping[str, Cite]
) -> list[str]:
    """How each later wording of a drifted quote differs from the first, words as written."""
    if finding["kind"] != FactKind.QUOTE or finding["status"] != FindingStatus.DRIFTED:
        return []
    lines = []
    first = finding["variants"][0]
    for variant, value in zip(finding["variants"][1:], shown[1:], strict=True):
        changes = said_changes(shown[0], value)
        if changes:
            lines.append(
                f"  - {_cite(variant['sources'], cites)} against "
                f"{_cite(first['sources'], cites)}: {_text(changes)}"
            )
    return lines


def _topics(topics: Sequence[Mapping[str, Any]], stories: Sequence[Mapping[str, Any]]) -> list[str]:
    number = {story["id"]: n for n, story in enumerate(stories, start=1)}
    lines = ['<a id="topics"></a>', "", "## Topics", ""]
    for topic in topics:
        members = [number[s] for s in topic["stories"] if s in number]
        links = ", ".join(f"[{n}](#s{n})" for n in members)
        label = ", ".join(topic.get("entities") or topic["label"])
        word = "story" if len(members) == 1 else "stories"
        lines.append(f"- {_text(label)}: {word} {links}")
    lines.append("")
    return lines


def _relations_between_stories(
    relations: Sequence[Mapping[str, Any]], stories: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """Relations whose two articles are not in one story (those are under the story)."""
    together = {(a, b) for story in stories for a in story["articles"] for b in story["articles"]}
    return [r for r in relations if (r["a"], r["b"]) not in together]


def _outside_relations(
    relations: Sequence[Mapping[str, Any]],
    stories: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
) -> list[str]:
    where = article_places(stories)
    lines = ['<a id="relations"></a>', "", "## Text relations between stories", ""]
    for relation in relations:
        direction = relation["direction"]
        first, second = (
            (relation["a"], relation["b"])
            if direction is None
            else (direction["copy"], direction["origin"])
        )
        verb = "shares text with" if direction is None else "copies"
        lines.append(
            f"- {_elsewhere(first, names, where)} {verb} {_elsewhere(second, names, where)} "
            f"({relation['kind']}, score {relation['score']:.2f})"
        )
    lines.append("")
    return lines


def _merged(
    merged: Sequence[Mapping[str, Any]],
    stories: Sequence[Mapping[str, Any]],
    names: Mapping[str, str],
) -> list[str]:
    """Inputs whose text, format and metadata were exactly those of an input read before them,
    and the article they were merged into."""
    where = article_places(stories)
    lines = ['<a id="merged"></a>', "", "## Exact duplicates merged", ""]
    lines.append(
        "Each of these inputs repeats an earlier one exactly (text and metadata) and was merged "
        "into its article:"
    )
    lines.append("")
    for duplicate in merged:
        same = _elsewhere(duplicate["same_as"], names, where)
        lines.append(f"- `{_code(duplicate['ref'])}` is the same as {same}")
    lines.append("")
    return lines


def _elsewhere(article_id: str, names: Mapping[str, str], where: Mapping[str, str]) -> str:
    title = _emphasised(_text(shorten(names.get(article_id, article_id), TITLE_CHARS)))
    place = where.get(article_id, "in no story")
    return f"*{title}* ({place})"


def _said(segments: Sequence[Segment], cites: Mapping[str, Cite], names: Mapping[str, str]) -> str:
    """Evidence for the page, on one line: its citations ``[n]`` as they are, the rest escaped
    text with the ids it names named and counts and times readable."""
    return " ".join(
        "".join(
            segment.text if segment.cite else _said_text(segment.text, cites, names)
            for segment in segments
        ).split()
    )


def _said_text(text: str, cites: Mapping[str, Cite], names: Mapping[str, str]) -> str:
    readable = _SPACES.sub(" ", printable(readable_text(text)))
    parts = []
    position = 0
    for match in ARTICLE_ID.finditer(readable):
        named = name_ids(match[0], cites, names)
        cited = (match[1] or match[2]) in cites
        parts += [_escaped(readable[position : match.start()]), named if cited else _text(named)]
        position = match.end()
    parts.append(_escaped(readable[position:]))
    return "".join(parts)


def _hoax(hoax: Mapping[str, Any], cites: Mapping[str, Cite]) -> list[str]:
    """The hoax verdict under the brief: who calls the report false, in which sentence, and
    which articles the brief leaves out as telling the report as fact."""
    lines = ["Told as a hoax. Called false by:", ""]
    for call in hoax["called_false"]:
        lines.append(f"- {_cite([call['article']], cites)} {_text(call['text'])}")
    if hoax["told_as_fact"]:
        left_out = _cite(hoax["told_as_fact"], cites)
        lines.extend(["", f"Left out as telling the report as fact: {left_out}"])
    return lines


def _cite(sources: Sequence[str], cites: Mapping[str, Cite]) -> str:
    return "".join(f"[{cites[s].name}]" for s in sources if s in cites)


def _text(value: str) -> str:
    """Text from an article or a file (or made of it) as Markdown that shows it as written:
    on one line, without control characters, HTML and Markdown syntax escaped."""
    return _escaped(" ".join(printable(str(value)).split()))


def _escaped(text: str) -> str:
    html = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BLOCK_OPENING.sub(r"\1\\\2", _MARKDOWN_SPECIAL.sub(r"\\\g<0>", html), count=1)


def _emphasised(value: str) -> str:
    """Escaped text (see :func:`_text`) that goes between ``*``: nothing more to escape."""
    return value


def _link_text(value: str) -> str:
    return _text(value)


def _cell(value: str) -> str:
    return _text(value)  # "|" is escaped with the rest


def _code(value: str) -> str:
    return printable(value).replace("`", "'")
