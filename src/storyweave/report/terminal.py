"""The terminal summary: stories, their sources and labels, who copied whom, findings, the
brief. Wrapped lines are indented under the text they continue."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..records import FactKind, FindingStatus
from ..text import printable
from .json_report import Report
from .order import findings_in_order
from .readable import (
    Cite,
    article_name,
    article_places,
    plural,
    relations_by_story,
    shorten,
    story_cites,
    story_span,
)
from .written import said_changes, shown_values, speaker_of

MAX_STORIES = 12
MAX_FINDINGS = 8
MAX_BRIEF = 4
MAX_MERGED = 5
QUOTE_CHARS = 110
STATUS_STYLE = {
    FindingStatus.DISPUTED: "bold red",
    FindingStatus.GARBLED: "bold magenta",
    FindingStatus.DRIFTED: "yellow",
    FindingStatus.CORROBORATED: "green",
    FindingStatus.SINGLE_SOURCE: "dim",
}


def print_summary(report: Report, console: Console, *, max_stories: int = MAX_STORIES) -> None:
    """Print a readable summary of ``report`` to ``console``."""
    articles = {a["id"]: a for a in report["articles"]}
    stories = report["stories"]
    console.print(
        f"[bold]{plural(len(stories), 'story', 'stories')}[/] from "
        f"{plural(len(report['articles']), 'article')}, "
        f"{plural(len(report['relations']), 'text relation')}"
    )
    _print_merged(report, articles, console)
    shown = stories[:max_stories]
    within = relations_by_story(report["relations"], shown)
    for number, story in enumerate(shown, start=1):
        _print_story(number, story, articles, within.get(story["id"], []), console)
    if len(stories) > max_stories:
        rest = len(stories) - max_stories
        console.print(
            f"\n… and {plural(rest, 'more story', 'more stories')} "
            "(write them all with --json, --md or --html)"
        )


def _print_merged(report: Report, articles: Mapping[str, Any], console: Console) -> None:
    """The inputs merged into an earlier one's article, each named with where that one is."""
    merged = report.get("merged", [])
    if not merged:
        return
    places = article_places(report["stories"])
    grid = _hanging()
    for duplicate in merged[:MAX_MERGED]:
        same = duplicate["same_as"]
        name = shorten(article_name(articles[same]), 60) if same in articles else same
        where = f", {places[same]}" if same in places else ""
        grid.add_row("", "=", f"{_safe(duplicate['ref'])} [dim]same as “{_safe(name)}”{where}[/]")
    if len(merged) > MAX_MERGED:
        grid.add_row("", "", f"… and {len(merged) - MAX_MERGED} more (listed in --json and --md)")
    console.print(f"{plural(len(merged), 'exact duplicate')} merged into the article read first:")
    console.print(grid)


def _print_story(
    number: int,
    story: Mapping[str, Any],
    articles: Mapping[str, Any],
    relations: Sequence[Mapping[str, Any]],
    console: Console,
) -> None:
    members = [a for a in story["articles"] if a in articles]
    cites = story_cites(f"s{number}", members, articles)
    span = story_span(story)
    console.print()
    console.rule(f"[bold]{number}. {_safe(story['headline'])}", align="left")
    details = [plural(len(members), "article")] + ([span] if span else [])
    if story.get("entities"):
        details.append("entities: " + ", ".join(story["entities"][:6]))
    console.print(_safe(" · ".join(details)), style="dim")
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("#", no_wrap=True)
    table.add_column("article", overflow="fold", ratio=3)
    table.add_column("published", no_wrap=True)
    table.add_column("labels", overflow="fold", ratio=1)
    for article_id in members:
        article = articles[article_id]
        outlet = f" [dim]— {_safe(article['outlet'])}[/]" if article.get("outlet") else ""
        table.add_row(
            f"[{cites[article_id].name}]",
            _safe(shorten(article_name(article), 90)) + outlet,
            _safe(_when(article["published"])),
            _safe(", ".join(lb["label"] for lb in article["labels"]) or "–"),
        )
    console.print(table)
    lines = _hanging()
    for text in _copy_pairs(relations, cites, articles):
        lines.add_row("", "copy", text)
    for finding in findings_in_order(story["findings"])[:MAX_FINDINGS]:
        _add_finding(lines, finding, articles, cites)
    for sentence in story["brief"][:MAX_BRIEF]:
        cited = _safe(_cite(sentence["sources"], cites))
        lines.add_row("", "•", f"{_safe(sentence['text'])} [cyan]{cited}[/]")
    if story.get("hoax"):
        lines.add_row("", "hoax", _hoax_line(story["hoax"], cites))
    console.print(lines)


def _hoax_line(hoax: Mapping[str, Any], cites: Mapping[str, Cite]) -> str:
    """The hoax verdict in one line: who calls the report false (the first call quoted) and
    which articles the brief leaves out as telling it as fact."""
    calls = hoax["called_false"]
    callers = _safe(_cite([c["article"] for c in calls], cites))
    first = _safe(shorten(calls[0]["text"], QUOTE_CHARS)) if calls else ""
    line = f"told as a hoax, called false by [cyan]{callers}[/]: “{first}”"
    if hoax["told_as_fact"]:
        left_out = _safe(_cite(hoax["told_as_fact"], cites))
        line += f"; left out as telling it as fact: [cyan]{left_out}[/]"
    return line


def _hanging() -> Table:
    """Rows of a marker and a text: a wrapped text stays indented under its first line."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    return grid


def _copy_pairs(
    relations: Sequence[Mapping[str, Any]], cites: Mapping[str, Cite], articles: Mapping[str, Any]
) -> list[str]:
    """``[5] DailyPulse24 copies [2] Meridian Press (near-duplicate)`` for each pair."""
    pairs = []
    for relation in relations:
        direction = relation["direction"]
        if direction is None or relation["a"] not in cites or relation["b"] not in cites:
            continue
        copy, origin = direction["copy"], direction["origin"]
        pairs.append(
            f"{_who(copy, cites, articles)} copies {_who(origin, cites, articles)} "
            f"[dim]({_safe(relation['kind'])})[/]"
        )
    return pairs


def _who(article_id: str, cites: Mapping[str, Cite], articles: Mapping[str, Any]) -> str:
    article = articles[article_id]
    name = article.get("outlet") or shorten(article_name(article), 40)
    return f"\\[{cites[article_id].name}] {_safe(name)}"


def _add_finding(
    grid: Table, finding: Mapping[str, Any], articles: Mapping[str, Any], cites: Mapping[str, Cite]
) -> None:
    style = STATUS_STYLE.get(finding["status"], "")
    shown = shown_values(finding, articles)
    values = [
        f"{_safe(_quoted(finding, value))} [cyan]{_safe(_cite(v['sources'], cites))}[/]"
        for v, value in zip(finding["variants"], shown, strict=True)
    ]
    if finding["kind"] == FactKind.QUOTE:
        speaker = speaker_of(finding["subject"])
        about = f"quote by {_safe(speaker)}" if speaker else "quote"
    else:
        about = f"{finding['kind']} · {_safe(shorten(finding['subject'], 60))}"
    marker = f"[{style}]{finding['status']}[/]"
    grid.add_row("", marker, f"{about}: {values[0]}")
    for value in values[1:]:
        grid.add_row("", "", f"[dim]vs[/] {value}")
    if finding["kind"] == FactKind.QUOTE and finding["status"] == FindingStatus.DRIFTED:
        for variant, value in zip(finding["variants"][1:], shown[1:], strict=True):
            changes = said_changes(shown[0], value)
            cited = _safe(_cite(variant["sources"], cites))
            grid.add_row("", "", f"[dim]{cited} changes {_safe(changes)}[/]")


def _quoted(finding: Mapping[str, Any], value: str) -> str:
    limit = QUOTE_CHARS if finding["kind"] == FactKind.QUOTE else 60
    return f"“{shorten(value, limit)}”"


def _cite(sources: Sequence[str], cites: Mapping[str, Cite]) -> str:
    return "".join(f"[{cites[s].name}]" for s in sources if s in cites)


def _when(published: str | None) -> str:
    """An ISO date-time, shortened for a table cell: seconds dropped, T as a space."""
    if not published:
        return "–"
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):00(?:\.0+)?(.*)", published)
    return f"{match[1]} {match[2]}{match[3]}" if match else published


def _safe(text: str) -> str:
    """Text from an article, a file name or the user, made plain for rich: no markup, no
    terminal escape sequences or control characters."""
    return escape(printable(text))
