"""Renderers of claim checks (``storyweave check``): JSON and a terminal table.

JSON: ``{"schema": "storyweave.check/1", "checks": [{"claim", "claim_id", "articles": [{"id",
"ref", "title", "stance", "score", "probabilities", "evidence": [{"text", "start", "end"}]}],
"unknown_ids"}]}``; ``ref`` as in the run report, offsets into the article's clean text.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..records import Article, Stance
from ..text import printable

CHECK_SCHEMA_ID = "storyweave.check/1"
STANCE_STYLE = {
    "supports": "green",
    "denies": "bold red",
    "discusses": "yellow",
    "unrelated": "dim",
}
EVIDENCE_CHARS = 200


def check_report(
    checks: Sequence[tuple[str, str, Sequence[Stance], Sequence[str]]],
    articles: Mapping[str, Article],
) -> dict[str, Any]:
    """The JSON-ready report of ``checks``: (claim, claim id, stances, unknown ids) each."""
    return {
        "schema": CHECK_SCHEMA_ID,
        "checks": [
            {
                "claim": claim,
                "claim_id": key,
                "articles": [_stance_entry(s, articles[s.article_id]) for s in stances],
                "unknown_ids": list(unknown),
            }
            for claim, key, stances, unknown in checks
        ],
    }


def _stance_entry(stance: Stance, article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "ref": article.ref,
        "title": article.title.value if article.title else None,
        "stance": stance.stance,
        "score": stance.score,
        "probabilities": dict(stance.probabilities),
        "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in stance.evidence],
    }


def dumps_checks(report: Mapping[str, Any]) -> str:
    """``report`` as indented JSON text."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def print_checks(report: Mapping[str, Any], console: Console) -> None:
    """One table per claim: each article's stance, score and first evidence sentence."""
    for check in report["checks"]:
        counts: dict[str, int] = {}
        for entry in check["articles"]:
            counts[entry["stance"]] = counts.get(entry["stance"], 0) + 1
        tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no article"
        table = Table(
            title=f"[bold]{_safe(check['claim'])}[/]\n{tally}",
            title_justify="left",
            expand=False,
            show_lines=False,
        )
        table.add_column("article", overflow="fold", max_width=36)
        table.add_column("stance")
        table.add_column("score", justify="right")
        table.add_column("evidence", overflow="fold")
        for entry in check["articles"]:
            name = entry["title"] or entry["ref"]
            style = STANCE_STYLE.get(entry["stance"], "")
            table.add_row(
                _safe(name),
                f"[{style}]{entry['stance']}[/]" if style else entry["stance"],
                f"{entry['score']:.2f}",
                _safe(_first_evidence(entry)),
            )
        console.print(table)
        for name in check["unknown_ids"]:
            console.print(f"[red]no input article has id {_safe(name)}[/]")


def _first_evidence(entry: Mapping[str, Any]) -> str:
    if not entry["evidence"]:
        return ""
    text = " ".join(str(entry["evidence"][0]["text"]).split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def _safe(text: str) -> str:
    """Text from an article, a file name or the user, made plain for rich: no markup, no
    terminal escape sequences or control characters."""
    return escape(printable(text))
