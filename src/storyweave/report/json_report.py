"""The JSON report: the contract README.md gives ("The report") and :func:`report_schema`
publishes, plus ``ref`` and evidence fields (see docs/architecture.md for the data flow).

The Markdown and terminal renderers read this same structure, so all three always agree.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TextIO

from ..errors import InputError
from ..records import (
    Article,
    Brief,
    Finding,
    Hoax,
    MergedInput,
    Meta,
    Relation,
    Story,
    StoryLink,
    TimelineEntry,
    Topic,
)

SCHEMA_ID = "storyweave.report/1"

Report = dict[str, Any]


class RunRecords(Protocol):
    """The records a report is made of: ``storyweave.RunResult``, what ``weave`` returns."""

    @property
    def articles(self) -> Sequence[Article]: ...
    @property
    def relations(self) -> Sequence[Relation]: ...
    @property
    def stories(self) -> Sequence[Story]: ...
    @property
    def findings(self) -> Sequence[Finding]: ...
    @property
    def briefs(self) -> Sequence[Brief]: ...
    @property
    def errors(self) -> Sequence[InputError]: ...
    @property
    def topics(self) -> Sequence[Topic]: ...
    @property
    def merged(self) -> Sequence[MergedInput]: ...


def build_report(result: RunRecords) -> Report:
    """Assemble the report document from a run's records (in the order given)."""
    findings_by_story: dict[str, list[Finding]] = {}
    for finding in result.findings:
        findings_by_story.setdefault(finding.story_id, []).append(finding)
    briefs_by_story = {b.story_id: b for b in result.briefs}
    return {
        "schema": SCHEMA_ID,
        "articles": [_article(a) for a in result.articles],
        "relations": [_relation(r) for r in result.relations],
        "stories": [
            _story(s, findings_by_story.get(s.id, []), briefs_by_story.get(s.id))
            for s in result.stories
        ],
        "topics": [_topic(t) for t in result.topics],
        "errors": [{"ref": e.ref, "line": e.line, "reason": e.reason} for e in result.errors],
        "merged": [{"ref": m.ref, "same_as": m.same_as} for m in result.merged],
    }


def dumps_report(report: Report) -> str:
    """The report as stable, human-diffable JSON text."""
    return "".join(report_chunks(report))


def report_chunks(report: Report) -> Iterator[str]:
    """:func:`dumps_report`'s text in pieces, for writing a large report without holding its
    whole text in memory."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=2, sort_keys=False).iterencode(report)
    yield "\n"


def write_atomic(path: str | Path, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, in order) to ``path`` so that readers see the old file or
    the new one, never half.

    What ``path`` points to is written, as a shell redirection would: through a symbolic link
    to its target (replaced; the link stays), and into a device or FIFO directly (never
    replaced by a regular file). An OSError names ``path``, not a temporary file.
    """
    target = Path(os.path.realpath(path))
    try:
        if _is_special(target):
            with open(target, "w", encoding="utf-8") as handle:
                _write_pieces(handle, text)
        else:
            _replace(target, text)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc


def _is_special(target: Path) -> bool:
    """True for an existing file that is not a regular file nor a folder (a device, a FIFO)."""
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_pieces(handle: TextIO, text: str | Iterable[str]) -> None:
    for piece in [text] if isinstance(text, str) else text:
        handle.write(piece)


def _replace(target: Path, text: str | Iterable[str]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            _write_pieces(handle, text)
        # mkstemp makes the file private (0600); give it the mode the old file had, else the
        # one a plain open() would give it.
        os.chmod(tmp, _mode_of(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_of(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report (also in the repository as report.schema.json)."""
    text = resources.files(__package__).joinpath("report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _value(meta: Meta | None) -> str | None:
    return meta.value if meta is not None else None


def _evidence(meta: Meta | None) -> str | None:
    return meta.evidence if meta is not None else None


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "ref": article.ref,
        "source": article.source,
        "title": _value(article.title),
        "byline": _value(article.byline),
        "outlet": _value(article.outlet),
        "published": _value(article.published),
        "metadata_evidence": {
            "title": _evidence(article.title),
            "byline": _evidence(article.byline),
            "outlet": _evidence(article.outlet),
            "published": _evidence(article.published),
        },
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "labels": [{"label": lb.label, "evidence": list(lb.evidence)} for lb in article.labels],
    }


def _relation(relation: Relation) -> dict[str, Any]:
    direction = relation.direction
    return {
        "a": relation.a,
        "b": relation.b,
        "kind": relation.kind,
        "score": round(relation.score, 4),
        "direction": None
        if direction is None
        else {
            "origin": direction.origin,
            "copy": direction.copy,
            "evidence": list(direction.evidence),
        },
        "passages": [
            {"a": [p.a_start, p.a_end], "b": [p.b_start, p.b_end]} for p in relation.passages
        ],
        "evidence": list(relation.evidence),
    }


def _story(story: Story, findings: Sequence[Finding], brief: Brief | None) -> dict[str, Any]:
    return {
        "id": story.id,
        "articles": list(story.article_ids),
        "headline": story.headline,
        "start": story.start,
        "end": story.end,
        "entities": list(story.entities),
        "links": [_link(link) for link in story.links],
        "brief": []
        if brief is None
        else [{"text": s.text, "sources": list(s.sources)} for s in brief.sentences],
        "timeline": [] if brief is None else [_timeline(t) for t in brief.timeline],
        "hoax": None if brief is None or brief.hoax is None else _hoax(brief.hoax),
        "findings": [_finding(f) for f in findings],
    }


def _topic(topic: Topic) -> dict[str, Any]:
    return {
        "id": topic.id,
        "stories": list(topic.story_ids),
        "label": list(topic.label),
        "entities": list(topic.entities),
        "start": topic.start,
        "end": topic.end,
    }


def _link(link: StoryLink) -> dict[str, Any]:
    return {
        "article": link.article,
        "linked_to": link.linked_to,
        "score": round(link.score, 4),
        "shared": list(link.shared),
    }


def _hoax(hoax: Hoax) -> dict[str, Any]:
    return {
        "called_false": [
            {"article": c.article_id, "text": c.text, "start": c.start, "end": c.end}
            for c in hoax.called_false
        ],
        "told_as_fact": list(hoax.told_as_fact),
    }


def _timeline(entry: TimelineEntry) -> dict[str, Any]:
    return {"when": entry.when, "text": entry.text, "sources": list(entry.sources)}


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "kind": finding.kind,
        "status": finding.status,
        "subject": finding.subject,
        "variants": [
            {"value": v.value, "sources": list(v.sources), "claims": list(v.claims)}
            for v in finding.variants
        ],
        "evidence": list(finding.evidence),
    }
