"""Exact duplicate inputs that a run merges are said so: in the run's first line, the JSON
report's ``merged`` list, the Markdown and HTML reports; and each phase's progress has its unit."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console
from rich.progress import Progress

from storyweave import Document, InputError, open_store, pipeline, weave
from storyweave.cli import main
from storyweave.cli.bars import CountColumn
from storyweave.cli.progress import PROGRESS_UNITS
from storyweave.report import report_schema

DAM = "Engineers said the dam would hold through the winter, and about 410 homes were evacuated."
MAYOR = "The council elected a new mayor on Tuesday after a long debate about the city budget."


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYWEAVE_NER", "off")


def _feed(folder: Path) -> Path:
    """Five records, two of them repeating an earlier one exactly, and one bad line."""
    records = [
        {"id": "dam", "title": "Dam to hold", "text": DAM},
        {"id": "mayor", "title": "New mayor", "text": MAYOR},
        {"id": "dam-again", "title": "Dam to hold", "text": DAM},
        {"id": "dam-retitled", "title": "Dam will hold", "text": DAM},
        {"id": "mayor-again", "title": "New mayor", "text": MAYOR},
    ]
    feed = folder / "feed.jsonl"
    lines = [json.dumps(r) for r in records] + ["{not json"]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


def test_the_run_says_how_many_inputs_were_merged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the temporary folder's long name on one line
    feed = _feed(tmp_path)
    json_path, md_path, html_path = (tmp_path / f"r.{x}" for x in ("json", "md", "html"))
    args = ["run", str(feed), "--db", ":memory:", "--json", str(json_path)]
    code = main([*args, "--md", str(md_path), "--html", str(html_path)])
    out, err = capsys.readouterr()
    assert code == 1  # the bad line
    assert out.splitlines()[0] == (
        "6 inputs read: 3 articles, 2 exact duplicates of earlier ones merged, 1 skipped"
    )
    assert f"{feed}#dam-again same as “Dam to hold”, story 1 [1]" in out
    assert "storyweave: 1 input skipped; 3 articles read" in err

    report = json.loads(json_path.read_text(encoding="utf-8"))
    jsonschema.validate(report, report_schema())
    ids = {a["ref"].rpartition("#")[2]: a["id"] for a in report["articles"]}
    assert report["merged"] == [
        {"ref": f"{feed}#dam-again", "same_as": ids["dam"]},
        {"ref": f"{feed}#mayor-again", "same_as": ids["mayor"]},
    ]
    markdown = md_path.read_text(encoding="utf-8")
    assert "- [Exact duplicates merged](#merged)" in markdown
    assert f"- `{feed}#dam-again` is the same as *Dam to hold*" in markdown
    page = html_path.read_text(encoding="utf-8")
    assert '<section id="merged">' in page
    assert f"<code>{feed}#mayor-again</code> is the same as" in page


def test_one_duplicate_is_said_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DAM, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DAM, encoding="utf-8")
    assert main(["run", str(tmp_path), "--db", ":memory:"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "2 inputs read: 1 article, 1 exact duplicate of an earlier one merged"


def test_a_second_run_counts_stored_articles_but_merges_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(DAM, encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    assert main(["run", str(tmp_path / "a.txt"), "--db", db]) == 0
    (tmp_path / "b.txt").write_text(MAYOR, encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(tmp_path), "--db", db]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "2 inputs read: 2 articles (1 new to the store)"
    report_path = tmp_path / "stored.json"
    assert main(["report", "--db", db, "--json", str(report_path)]) == 0
    assert json.loads(report_path.read_text(encoding="utf-8"))["merged"] == []


def test_a_copy_of_a_skipped_input_is_skipped_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(DAM, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DAM, encoding="utf-8")

    def failing(doc: Document, *, ner: bool | None = None, budget: object = None) -> InputError:
        return InputError(doc.ref, "could not be processed")

    monkeypatch.setattr(pipeline, "process_document", failing)
    with open_store(":memory:") as store:
        result = weave([str(tmp_path)], store, workers=1)
    assert result.merged == [] and result.input_articles == 0
    assert [(e.ref, e.reason) for e in result.errors] == [
        (str(tmp_path / "a.txt"), "could not be processed"),
        (str(tmp_path / "b.txt"), f"same content as {tmp_path / 'a.txt'}, which was skipped"),
    ]


def test_every_phase_of_a_run_has_a_total_and_a_unit(tmp_path: Path) -> None:
    feed = _feed(tmp_path)
    seen: dict[str, list[tuple[int, int | None]]] = {}
    with open_store(":memory:") as store:
        weave(
            [str(feed)],
            store,
            workers=1,
            progress=lambda stage, done, total: seen.setdefault(stage, []).append((done, total)),
        )
    assert list(seen) == ["reading", "relating", "labelling", "clustering", "comparing"]
    assert set(seen) <= set(PROGRESS_UNITS)
    for stage, calls in seen.items():
        done, total = calls[-1]
        assert total is not None and done == total, stage
    assert seen["reading"][-1] == (6, 6)
    assert seen["clustering"][-1] == (3, 3)


def test_the_count_column_shows_the_unit_and_the_total() -> None:
    progress = Progress(console=Console(width=80, color_system=None))
    known = progress.add_task("reading", total=2225, completed=1024, unit="articles")
    unknown = progress.add_task("reading", total=None, completed=7, unit="articles")
    plain = progress.add_task("grouping", total=1, unit="")
    column = CountColumn()
    assert column.render(progress.tasks[known]).plain == "1,024/2,225 articles"
    assert column.render(progress.tasks[unknown]).plain == "7 articles"
    assert column.render(progress.tasks[plain]).plain == ""
