"""The result tables of a run as Parquet files (``storyweave run --parquet DIR``): articles,
relations, stories and findings, one file each, their rows those of the JSON report.

Each table is written by DuckDB (``COPY … (FORMAT parquet)``) under a temporary name in DIR and
then renamed, so a file in DIR is never half-written. Nested report fields (removed boilerplate,
passages, briefs, a hoax verdict's evidence, variants) are kept as JSON text (a story told as
no hoax has none: NULL); lists of ids and labels as lists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from storyweave.errors import StoreError

# table -> (column, DuckDB type), in order
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("id", "VARCHAR"),
        ("ref", "VARCHAR"),
        ("source", "VARCHAR"),
        ("title", "VARCHAR"),
        ("byline", "VARCHAR"),
        ("outlet", "VARCHAR"),
        ("published", "VARCHAR"),
        ("text", "VARCHAR"),
        ("labels", "VARCHAR[]"),
        ("label_evidence", "VARCHAR"),
        ("removed", "VARCHAR"),
    ),
    "relations": (
        ("a", "VARCHAR"),
        ("b", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("score", "DOUBLE"),
        ("origin", "VARCHAR"),
        ("copy", "VARCHAR"),
        ("passages", "VARCHAR"),
        ("evidence", "VARCHAR[]"),
    ),
    "stories": (
        ("id", "VARCHAR"),
        ("headline", "VARCHAR"),
        ("start", "VARCHAR"),
        ("end", "VARCHAR"),
        ("articles", "VARCHAR[]"),
        ("brief", "VARCHAR"),
        ("hoax", "VARCHAR"),
    ),
    "findings": (
        ("story", "VARCHAR"),
        ("id", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("status", "VARCHAR"),
        ("subject", "VARCHAR"),
        ("variants", "VARCHAR"),
    ),
}


@dataclass(frozen=True)
class WrittenTable:
    """One table written: its file and how many rows it holds."""

    path: str
    rows: int


def directory_problem(directory: str) -> str | None:
    """Why the tables cannot be written into ``directory`` (created when missing), or None."""
    path = os.path.realpath(directory)
    if os.path.exists(path) and not os.path.isdir(path):
        return "is not a folder"
    existing = path
    while not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if not os.path.isdir(existing):
        return f"{existing} is not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"folder {existing} is not writable"
    return None


def write_report_tables(report: Mapping[str, Any], directory: str) -> list[WrittenTable]:
    """Write the tables of ``report`` (the JSON report as a dict) into ``directory``."""
    os.makedirs(directory, exist_ok=True)
    rows = {
        "articles": _articles(report.get("articles", ())),
        "relations": _relations(report.get("relations", ())),
        "stories": _stories(report.get("stories", ())),
        "findings": _findings(report.get("stories", ())),
    }
    return [_write_table(directory, name, rows[name]) for name in TABLES]


def _write_table(directory: str, name: str, rows: Iterable[dict[str, Any]]) -> WrittenTable:
    target = os.path.join(directory, f"{name}.parquet")
    staged = os.path.join(directory, f".{name}.jsonl.partial")
    partial = os.path.join(directory, f".{name}.parquet.partial")
    count = 0
    try:
        with open(staged, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
        columns = ", ".join(f"{_quoted(column)}: '{kind}'" for column, kind in TABLES[name])
        names = ", ".join(_quoted(column) for column, _ in TABLES[name])
        connection = duckdb.connect()
        connection.execute("SET enable_progress_bar = false")  # DuckDB would draw on stdout
        try:
            connection.execute(
                f"COPY (SELECT {names} FROM read_json($1, format = 'newline_delimited', "
                f"columns = {{{columns}}})) TO $2 (FORMAT parquet)",
                [staged, partial],
            )
        finally:
            connection.close()
        os.replace(partial, target)
    except duckdb.Error as exc:
        raise StoreError(f"{target}: could not be written ({str(exc).splitlines()[0]})") from exc
    finally:
        for leftover in (staged, partial):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return WrittenTable(target, count)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _articles(articles: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for article in articles:
        labels = article.get("labels") or []
        yield {
            **{key: article.get(key) for key in ("id", "ref", "source", "title", "byline")},
            **{key: article.get(key) for key in ("outlet", "published", "text")},
            "labels": [label.get("label") for label in labels],
            "label_evidence": _json(labels),
            "removed": _json(article.get("removed") or []),
        }


def _relations(relations: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for relation in relations:
        direction = relation.get("direction") or {}
        yield {
            "a": relation.get("a"),
            "b": relation.get("b"),
            "kind": relation.get("kind"),
            "score": relation.get("score"),
            "origin": direction.get("origin"),
            "copy": direction.get("copy"),
            "passages": _json(relation.get("passages") or []),
            "evidence": list(relation.get("evidence") or []),
        }


def _stories(stories: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for story in stories:
        yield {
            **{key: story.get(key) for key in ("id", "headline", "start", "end")},
            "articles": list(story.get("articles") or []),
            "brief": _json(story.get("brief") or []),
            "hoax": _json(story["hoax"]) if story.get("hoax") else None,
        }


def _findings(stories: Sequence[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    for story in stories:
        for finding in story.get("findings") or []:
            yield {
                "story": story.get("id"),
                **{key: finding.get(key) for key in ("id", "kind", "status", "subject")},
                "variants": _json(finding.get("variants") or []),
            }
