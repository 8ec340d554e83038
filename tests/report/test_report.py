from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rich.console import Console

from storyweave.errors import InputError
from storyweave.pipeline import RunResult
from storyweave.records import (
    Article,
    Brief,
    BriefSentence,
    Direction,
    FalseCall,
    Finding,
    Hoax,
    Label,
    Meta,
    Passage,
    Relation,
    Removed,
    Story,
    TimelineEntry,
    Variant,
)
from storyweave.report import (
    build_report,
    dumps_report,
    print_summary,
    render_html,
    render_markdown,
    report_chunks,
    report_schema,
    write_atomic,
)


def _records() -> dict[str, Any]:
    origin = Article(
        "a1",
        "in/wire.txt",
        "https://wire.example/a",
        "The bridge closed on Monday.",
        title=Meta("Bridge closed", "line 1"),
        published=Meta("2026-03-02T08:15:00-05:00", 'line 3: "Mar 02, 2026 08:15 AM EST"'),
        labels=(Label("original", ("published first",)),),
    )
    copy = Article(
        "a2",
        "in/farm.txt",
        "in/farm.txt",
        "The bridge closed on Monday.",
        removed=(Removed("Leave a Reply", "comment form"),),
        labels=(Label("scraped", ("ad marker removed: [ad_3]",)),),
    )
    story = Story("s1", ("a1", "a2"), "Bridge closed", "2026-03-02", "2026-03-02", ("Bridge",))
    finding = Finding(
        "f1",
        "s1",
        "quantity",
        "disputed",
        "cars a day",
        (Variant("4000", ("a1",)), Variant("9000", ("a2",))),
        ("4000 vs 9000 differ by more than 5%",),
    )
    relation = Relation(
        "a1",
        "a2",
        "duplicate",
        1.0,
        (Passage(0, 28, 0, 28),),
        Direction("a1", "a2", ("a1 published earlier",)),
    )
    brief = Brief(
        "s1",
        (BriefSentence("The bridge closed on Monday.", ("a1", "a2")),),
        ("f1",),
        (TimelineEntry("2026-03-02", "bridge closed", ("a1",)),),
    )
    return {
        "articles": [origin, copy],
        "relations": [relation],
        "stories": [story],
        "findings": [finding],
        "briefs": [brief],
    }


def _report() -> dict[str, Any]:
    errors = [InputError("in/bad.jsonl", "invalid JSON", line=3)]
    return build_report(RunResult(**_records(), errors=errors))


def test_report_follows_the_contract_and_schema() -> None:
    report = _report()
    jsonschema.validate(report, report_schema())
    article = report["articles"][0]
    assert article["published"] == "2026-03-02T08:15:00-05:00"
    assert report["articles"][1]["title"] is None
    assert report["relations"][0]["direction"]["origin"] == "a1"
    assert report["stories"][0]["brief"][0]["sources"] == ["a1", "a2"]
    assert report["errors"] == [{"ref": "in/bad.jsonl", "line": 3, "reason": "invalid JSON"}]
    assert json.loads(dumps_report(report)) == report


def test_schema_rejects_a_broken_report() -> None:
    report = _report()
    report["stories"][0]["findings"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, report_schema())
    report = _report()
    report["articles"][0]["published"] = "March 2"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, report_schema())


def test_markdown_cites_sources_and_lists_disputes_first() -> None:
    text = render_markdown(_report())
    assert "## 1. Bridge closed" in text
    assert "- The bridge closed on Monday. [1][2]" in text
    assert "**disputed** quantity — cars a day" in text
    assert (
        "- [2] *farm.txt* is **scraped**: taken by a scraper site\n"
        "  - ad marker removed: \\[ad\\_3\\]" in text  # article text: Markdown syntax escaped
    )
    assert "`in/bad.jsonl:3`: invalid JSON" in text


def test_markdown_evidence_names_articles_by_citation() -> None:
    report = _report()
    report["stories"][0]["findings"][0]["evidence"] = ["0123456789abcdef is older than a1"]
    report["articles"][0]["id"] = "0123456789abcdef"
    report["stories"][0]["articles"][0] = "0123456789abcdef"
    text = render_markdown(report)
    assert "  - [1] is older than a1" in text


def test_terminal_summary_names_stories_findings_and_labels() -> None:
    buffer = io.StringIO()
    print_summary(_report(), Console(file=buffer, width=120, color_system=None))
    text = buffer.getvalue()
    assert "1 story from 2 articles" in text
    assert "Bridge closed" in text
    assert "disputed" in text and "scraped" in text


def test_write_atomic_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_the_report_written_in_pieces_is_the_same_text(tmp_path: Path) -> None:
    report = _report()
    pieces = list(report_chunks(report))
    assert len(pieces) > 1
    whole = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    assert dumps_report(report) == whole
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, iter(pieces))
    assert target.read_text(encoding="utf-8") == whole
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_write_atomic_gives_new_files_the_usual_mode_and_keeps_an_old_ones(
    tmp_path: Path,
) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_atomic(fresh, "{}")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("old", encoding="utf-8")
        kept.chmod(0o600)
        write_atomic(kept, "new")
        assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_text(encoding="utf-8") == "new"
    finally:
        os.umask(old_umask)


def _hoax_report() -> dict[str, Any]:
    """A story told as a hoax: a2 calls the report false, a1 (the report) is left out."""
    records = _records()
    fake = "The report that the bridge closed on Monday is a hoax, the council said."
    records["articles"][1] = Article("a2", "in/check.txt", "in/check.txt", fake)
    records["relations"] = []
    records["briefs"] = [
        Brief(
            "s1",
            (BriefSentence(fake, ("a2",)),),
            hoax=Hoax((FalseCall("a2", fake, 0, len(fake)),), ("a1",)),
        )
    ]
    return build_report(RunResult(**records))


def test_a_story_told_as_a_hoax_carries_its_evidence_in_every_report() -> None:
    report = _hoax_report()
    jsonschema.validate(report, report_schema())
    fake = "The report that the bridge closed on Monday is a hoax, the council said."
    assert report["stories"][0]["hoax"] == {
        "called_false": [{"article": "a2", "text": fake, "start": 0, "end": len(fake)}],
        "told_as_fact": ["a1"],
    }
    assert _report()["stories"][0]["hoax"] is None  # no hoax, no verdict
    text = render_markdown(report)
    assert "Told as a hoax. Called false by:" in text
    assert f"- [2] {fake}" in text
    assert "Left out as telling the report as fact: [1]" in text
    page = render_html(report)
    assert "Told as a hoax" in page and fake in page
    assert "Told as a hoax" not in render_html(_report())
    assert "told as a hoax" in _terminal(report) and "told as a hoax" not in _terminal(_report())
    assert "called false by [2]" in _terminal(report)
    assert "left out as telling it as fact: [1]" in _terminal(report)


def _terminal(report: dict[str, Any]) -> str:
    buffer = io.StringIO()
    print_summary(report, Console(file=buffer, width=200, color_system=None))
    return " ".join(buffer.getvalue().split())


def test_schema_rejects_a_hoax_without_the_sources_calling_it_false() -> None:
    report = _hoax_report()
    report["stories"][0]["hoax"]["called_false"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, report_schema())
