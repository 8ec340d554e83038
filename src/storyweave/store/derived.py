"""The cross-document results of a run as rows of the store's tables, and which rows differ
between two runs.

Each derived table is seen as a mapping from a key (the rows a run replaces together: one
relation, one article's labels, one story's findings …) to the value stored under it. A run that
changes little, such as a few new articles added to a large store, then deletes and writes only
the keys whose value changed instead of every row, and encodes only those.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..records import Brief, Finding, Label, Relation, Story, Topic
from .codec import dumps

Key = tuple[str, ...]
Row = tuple[Any, ...]


@dataclass(frozen=True)
class Derived:
    """The cross-document and per-story results of the last completed run."""

    relations: list[Relation]
    labels: dict[str, tuple[Label, ...]]
    stories: list[Story]
    findings: list[Finding]
    briefs: list[Brief]
    fingerprints: dict[str, str] = field(default_factory=dict)  # story id -> inputs' hash
    topics: list[Topic] = field(default_factory=list)


@dataclass(frozen=True)
class DerivedTable:
    """One derived table: its key columns, all its columns (keys first), the entries of a run's
    results and the rows of one entry."""

    name: str
    key_columns: tuple[str, ...]
    columns: tuple[str, ...]
    entries: Callable[[Derived], Mapping[Key, Any]]
    rows: Callable[[Key, Any], list[Row]]


@dataclass(frozen=True)
class TableChange:
    """The keys whose rows go (changed or no longer there) and the rows that come in."""

    table: DerivedTable
    gone: list[Key]
    rows: list[Row]


def _findings_by_story(derived: Derived) -> dict[Key, tuple[Finding, ...]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in derived.findings:
        grouped.setdefault(finding.story_id, []).append(finding)
    return {(story,): tuple(found) for story, found in grouped.items()}


def _finding_rows(key: Key, findings: tuple[Finding, ...]) -> list[Row]:
    # The position is the finding's place among its story's findings (the order compare gave
    # them), so a story's findings are written without touching any other story's.
    return [(f.id, key[0], dumps(f), n) for n, f in enumerate(findings)]


DERIVED_TABLES: tuple[DerivedTable, ...] = (
    DerivedTable(
        "relations",
        ("a", "b", "kind"),
        ("a", "b", "kind", "data"),
        lambda d: {(r.a, r.b, r.kind): r for r in d.relations},
        lambda key, r: [(*key, dumps(r))],
    ),
    DerivedTable(
        "labels",
        ("article_id",),
        ("article_id", "data"),
        lambda d: {(i,): labels for i, labels in d.labels.items()},
        lambda key, labels: [(key[0], dumps(labels))],
    ),
    DerivedTable(
        "stories",
        ("id",),
        ("id", "data"),
        lambda d: {(s.id,): s for s in d.stories},
        lambda key, s: [(key[0], dumps(s))],
    ),
    DerivedTable(
        "findings",
        ("story_id",),
        ("id", "story_id", "data", "position"),
        _findings_by_story,
        _finding_rows,
    ),
    DerivedTable(
        "briefs",
        ("story_id",),
        ("story_id", "data"),
        lambda d: {(b.story_id,): b for b in d.briefs},
        lambda key, b: [(key[0], dumps(b))],
    ),
    DerivedTable(
        "story_state",
        ("story_id",),
        ("story_id", "fingerprint"),
        lambda d: {(s,): f for s, f in d.fingerprints.items()},
        lambda key, f: [(key[0], f)],
    ),
    DerivedTable(
        "topics",
        ("id",),
        ("id", "data"),
        lambda d: {(t.id,): t for t in d.topics},
        lambda key, t: [(key[0], dumps(t))],
    ),
)


def changes(derived: Derived, stored: Derived | None) -> list[TableChange]:
    """Per derived table, what turns the rows of ``stored`` into those of ``derived``; with
    ``stored`` None, every row of ``derived`` comes in (and the tables are to be emptied)."""
    found = []
    for table in DERIVED_TABLES:
        now = table.entries(derived)
        before = table.entries(stored) if stored is not None else {}
        gone = sorted(k for k, v in before.items() if k not in now or now[k] != v)
        fresh = [k for k in sorted(now) if k not in before or before[k] != now[k]]
        rows = [row for key in fresh for row in table.rows(key, now[key])]
        found.append(TableChange(table, gone, rows))
    return found
