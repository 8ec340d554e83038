"""The terminal summary: stories, their sources and labels, findings, the brief."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .json_report import Report
from .order import article_names, findings_in_order

MAX_STORIES = 12
MAX_FINDINGS = 8
MAX_BRIEF = 4
STATUS_STYLE = {
    "disputed": "bold red",
    "garbled": "bold magenta",
    "drifted": "yellow",
    "corroborated": "green",
    "single-source": "dim",
}


def print_summary(report: Report, console: Console, *, max_stories: int = MAX_STORIES) -> None:
    """Print a readable summary of ``report`` to ``console``."""
    articles = {a["id"]: a for a in report["articles"]}
    stories = report["stories"]
    console.print(
        f"[bold]{len(stories)} stories[/] from {len(report['articles'])} articles, "
        f"{len(report['relations'])} text relations"
    )
    for number, story in enumerate(stories[:max_stories], start=1):
        _print_story(number, story, articles, console)
    if len(stories) > max_stories:
        console.print(
            f"\n… and {len(stories) - max_stories} more stories "
            "(write them all with --json or --md)"
        )


def _print_story(
    number: int, story: dict[str, Any], articles: dict[str, Any], console: Console
) -> None:
    names = article_names(story["articles"])
    span = " – ".join(dict.fromkeys(x for x in (story.get("start"), story.get("end")) if x))
    console.print()
    console.rule(f"[bold]{number}. {escape(story['headline'])}", align="left")
    details = [f"{len(story['articles'])} articles"] + ([span] if span else [])
    if story.get("entities"):
        details.append("entities: " + ", ".join(story["entities"][:6]))
    console.print(escape(" · ".join(details)), style="dim")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("#")
    table.add_column("source", overflow="fold", ratio=2)
    table.add_column("published", no_wrap=True)
    table.add_column("labels", overflow="fold", ratio=1)
    for article_id in story["articles"]:
        article = articles[article_id]
        table.add_row(
            names[article_id],
            escape(_source_name(article)),
            escape(_when(article["published"])),
            escape(", ".join(lb["label"] for lb in article["labels"]) or "–"),
        )
    console.print(table)
    for finding in findings_in_order(story["findings"])[:MAX_FINDINGS]:
        _print_finding(finding, names, console)
    for sentence in story["brief"][:MAX_BRIEF]:
        cites = "".join(f"[{names.get(s, s)}]" for s in sentence["sources"])
        console.print(f"  • {escape(sentence['text'])} [cyan]{escape(cites)}[/]")


def _print_finding(finding: dict[str, Any], names: dict[str, str], console: Console) -> None:
    style = STATUS_STYLE.get(finding["status"], "")
    variants = " | ".join(
        f"{_clip(v['value'])} " + "".join(f"[{names.get(s, s)}]" for s in v["sources"])
        for v in finding["variants"]
    )
    console.print(
        f"  [{style}]{finding['status']:>13}[/] {finding['kind']}: "
        f"{escape(_clip(finding['subject'], 40))} — {escape(variants)}"
    )


def _when(published: str | None) -> str:
    """An ISO date-time, shortened for a table cell: seconds dropped, T as a space."""
    if not published:
        return "–"
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00(?:\.0+)?(.*)", published)
    return f"{match[1]} {match[2]}{match[3]}" if match else published


def _source_name(article: dict[str, Any]) -> str:
    """The outlet where known, else the input's file name (and record id)."""
    return str(article["outlet"] or PurePath(article["ref"]).name or article["ref"])


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"
