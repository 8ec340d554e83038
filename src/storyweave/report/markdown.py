"""The Markdown report, rendered from the JSON report so that both always say the same."""

from __future__ import annotations

from typing import Any

from .json_report import Report
from .order import article_names, cite_ids, findings_in_order


def render_markdown(report: Report) -> str:
    """Render ``report`` (see :func:`build_report`) as a Markdown document."""
    articles = {a["id"]: a for a in report["articles"]}
    lines = ["# storyweave report", ""]
    lines.append(
        f"{len(report['stories'])} stories from {len(report['articles'])} articles; "
        f"{len(report['relations'])} text relations; "
        f"{len(report.get('errors', []))} inputs skipped."
    )
    lines.append("")
    for number, story in enumerate(report["stories"], start=1):
        lines.extend(_story(number, story, articles))
    if report.get("topics"):
        lines.extend(_topics(report["topics"], report["stories"]))
    if report["relations"]:
        lines.extend(_relations(report["relations"], articles))
    if report.get("errors"):
        lines.extend(["## Skipped inputs", ""])
        for error in report["errors"]:
            where = error["ref"] if error["line"] is None else f"{error['ref']}:{error['line']}"
            lines.append(f"- `{_code(where)}`: {_text(error['reason'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _story(number: int, story: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    names = article_names(story["articles"])
    span = " – ".join(dict.fromkeys(x for x in (story.get("start"), story.get("end")) if x))
    lines = [f"## {number}. {_text(story['headline'])}", ""]
    facts = [f"{len(story['articles'])} articles"]
    if span:
        facts.append(span)
    if story.get("entities"):
        facts.append("key entities: " + ", ".join(story["entities"]))
    lines.extend(
        [" · ".join(_text(f) for f in facts), "", "| | title | outlet | published | labels |"]
    )
    lines.append("|---|---|---|---|---|")
    for article_id in story["articles"]:
        article = articles[article_id]
        labels = ", ".join(lb["label"] for lb in article["labels"]) or "–"
        lines.append(
            f"| {names[article_id]} | {_cell(article['title'] or article['ref'])} "
            f"| {_cell(article['outlet'] or '–')} | {_cell(article['published'] or '–')} "
            f"| {_cell(labels)} |"
        )
    lines.append("")
    for article_id in story["articles"]:
        lines.extend(_label_evidence(names[article_id], articles[article_id], names))
    if story["brief"]:
        lines.extend(["### Brief", ""])
        for sentence in story["brief"]:
            lines.append(f"- {_text(sentence['text'])} {_cite(sentence['sources'], names)}")
        lines.append("")
    if story["findings"]:
        lines.extend(["### Findings", ""])
        for finding in findings_in_order(story["findings"]):
            lines.extend(_finding(finding, names))
        lines.append("")
    if story.get("timeline"):
        lines.extend(["### Timeline", ""])
        for entry in story["timeline"]:
            lines.append(
                f"- **{entry['when']}** {_text(entry['text'])} {_cite(entry['sources'], names)}"
            )
        lines.append("")
    return lines


# Labels that are no verdict on the article, said as what they are.
_LABEL_PHRASES = {"unusual-wording": "has **unusual wording**"}


def _label_evidence(name: str, article: dict[str, Any], names: dict[str, str]) -> list[str]:
    lines = []
    for label in article["labels"]:
        evidence = "; ".join(label["evidence"][:3])
        said = _LABEL_PHRASES.get(label["label"], f"is **{label['label']}**")
        lines.append(f"- {name} {said}: {_text(cite_ids(evidence, names))}")
    if lines:
        lines.append("")
    return lines


def _finding(finding: dict[str, Any], names: dict[str, str]) -> list[str]:
    variants = "; ".join(
        f"“{_text(v['value'])}” {_cite(v['sources'], names)}" for v in finding["variants"]
    )
    lines = [
        f"- **{finding['status']}** {finding['kind']} — {_text(finding['subject'])}: {variants}"
    ]
    lines.extend(f"  - {_text(cite_ids(e, names))}" for e in finding.get("evidence", [])[:3])
    return lines


def _topics(topics: list[dict[str, Any]], stories: list[dict[str, Any]]) -> list[str]:
    number = {story["id"]: n for n, story in enumerate(stories, start=1)}
    lines = ["## Topics", ""]
    for topic in topics:
        members = ", ".join(str(number[s]) for s in topic["stories"] if s in number)
        label = ", ".join(topic.get("entities") or topic["label"])
        lines.append(f"- {_text(label)}: stories {members}")
    lines.append("")
    return lines


def _relations(relations: list[dict[str, Any]], articles: dict[str, Any]) -> list[str]:
    lines = [
        "## Text relations",
        "",
        "| kind | score | origin | copy | why |",
        "|---|---|---|---|---|",
    ]
    for rel in relations:
        direction = rel["direction"]
        if direction is None:
            origin, copy, why = rel["a"], rel["b"], "direction unknown"
        else:
            origin, copy = direction["origin"], direction["copy"]
            why = "; ".join(direction["evidence"])
        lines.append(
            f"| {rel['kind']} | {rel['score']:.2f} | {_cell(_short(articles, origin))} "
            f"| {_cell(_short(articles, copy))} | {_cell(why)} |"
        )
    lines.append("")
    return lines


def _short(articles: dict[str, Any], article_id: str) -> str:
    article = articles.get(article_id)
    return article["ref"] if article else article_id


def _cite(sources: list[str], names: dict[str, str]) -> str:
    return "".join(f"[{names.get(s, s)}]" for s in sources)


def _text(value: str) -> str:
    return " ".join(str(value).split())


def _cell(value: str) -> str:
    return _text(value).replace("|", "\\|")


def _code(value: str) -> str:
    return value.replace("`", "'")
