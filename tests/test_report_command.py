"""`storyweave report`: reports made from the store alone, and the same as the run's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyweave import (
    Article,
    Story,
    UsageError,
    build_report,
    open_store,
    report_from_store,
    report_schema,
    weave,
)
from storyweave.cli import main
from storyweave.store import Derived

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Any]]]:
    """A DuckDB store the demo was woven into (rules only, as the golden run) and the run's
    report."""
    db = tmp_path_factory.mktemp("store") / "demo.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYWEAVE_NER", "off")
        with open_store(str(db)) as store:
            result = weave([str(DEMO)], store, workers=1)
    report = build_report(result)
    yield db, report


def _from_store(db: Path, **choice: Any) -> dict[str, Any]:
    with open_store(str(db)) as store:
        return report_from_store(store, **choice)


def _story_ids(report: dict[str, Any]) -> list[str]:
    return [s["id"] for s in report["stories"]]


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _one_line_error(err: str) -> bool:
    lines = err.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("storyweave: error:")


def test_report_from_the_store_is_the_runs_report(demo_run: tuple[Path, dict[str, Any]]) -> None:
    db, run_report = demo_run
    assert run_report["errors"] == []  # errors are not stored; the demo has none to compare
    assert len(run_report["stories"]) > 1 and run_report["topics"]
    stored = _from_store(db)
    jsonschema.validate(stored, report_schema())
    assert stored == run_report


def test_a_story_is_chosen_by_a_prefix_of_its_id(demo_run: tuple[Path, dict[str, Any]]) -> None:
    db, run_report = demo_run
    story = run_report["stories"][1]
    report = _from_store(db, stories=[story["id"][:6].upper()])
    assert _story_ids(report) == [story["id"]]
    assert [a["id"] for a in report["articles"]] == story["articles"]
    members = set(story["articles"])
    assert all({r["a"], r["b"]} <= members for r in report["relations"])
    assert all(story["id"] in t["stories"] for t in report["topics"])
    assert report["stories"][0] == story


def test_several_stories_keep_the_runs_order(demo_run: tuple[Path, dict[str, Any]]) -> None:
    db, run_report = demo_run
    ids = _story_ids(run_report)
    report = _from_store(db, stories=[ids[2], ids[0], ids[0][:8]])
    assert _story_ids(report) == [ids[0], ids[2]]


@pytest.mark.parametrize(
    ("name", "message"),
    [("ffffff", "no story 'ffffff'"), ("75147", "at least 6"), ("not-hex", "at least 6")],
)
def test_an_unknown_story_is_a_usage_error(
    demo_run: tuple[Path, dict[str, Any]], name: str, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        _from_store(demo_run[0], stories=[name])


def test_since_keeps_stories_ending_on_or_after_the_date(
    demo_run: tuple[Path, dict[str, Any]],
) -> None:
    db, run_report = demo_run
    ends = {s["id"]: s["end"] for s in run_report["stories"]}
    day = sorted(ends.values())[1]
    report = _from_store(db, since=date.fromisoformat(day))
    assert _story_ids(report) == [i for i in _story_ids(run_report) if ends[i] >= day]
    assert 0 < len(report["stories"]) < len(run_report["stories"])
    assert _from_store(db, since=date(2100, 1, 1))["stories"] == []


def _hand_made_store(path: Path) -> None:
    """Three one-article stories: two whose ids share a 6-character prefix, one without dates."""
    articles = [
        Article(id=f"a{n}", ref=f"a{n}.txt", source=f"a{n}.txt", text="x") for n in (1, 2, 3)
    ]
    stories = [
        Story(id="abcdef0000000001", article_ids=("a1",), headline="one", start="2026-01-02"),
        Story(
            id="abcdef0000000002",
            article_ids=("a2",),
            headline="two",
            start="2025-12-30",
            end="2026-01-05",
        ),
        Story(id="0123456789abcdef", article_ids=("a3",), headline="undated"),
    ]
    with open_store(str(path)) as store:
        store.add_documents([], articles, [], [])
        store.replace_derived(Derived([], {}, stories, [], []))


def test_since_leaves_out_undated_stories_and_reads_the_start_without_an_end(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.duckdb"
    _hand_made_store(db)
    assert set(_story_ids(_from_store(db, since=date(2026, 1, 2)))) == {
        "abcdef0000000001",
        "abcdef0000000002",
    }
    assert _story_ids(_from_store(db, since=date(2026, 1, 3))) == ["abcdef0000000002"]
    assert len(_from_store(db)["stories"]) == 3


def test_an_ambiguous_prefix_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "s.duckdb"
    _hand_made_store(db)
    code, out, err = _cli(["report", "--db", str(db), "--story", "abcdef"], capsys)
    assert code == 2 and out == ""
    assert _one_line_error(err) and "ambiguous" in err
    assert "abcdef0000000001" in err and "abcdef0000000002" in err
    code, out, _ = _cli(
        ["report", "--db", str(db), "--story", "abcdef0000000002", "--json", "-"], capsys
    )
    assert code == 0
    assert _story_ids(json.loads(out)) == ["abcdef0000000002"]


def test_an_unknown_story_on_the_command_line_is_a_one_line_error(
    demo_run: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _cli(["report", "--db", str(demo_run[0]), "--story", "ffffff"], capsys)
    assert code == 2 and out == ""
    assert _one_line_error(err) and "no story 'ffffff'" in err


def test_a_missing_store_is_an_error_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.duckdb"
    code, out, err = _cli(["report", "--db", str(missing)], capsys)
    assert code == 2 and out == ""
    assert _one_line_error(err) and str(missing) in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["garbage file", "folder"])
def test_a_path_that_is_no_store_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path / "s.duckdb"
    if kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"not a database" * 100)
    code, out, err = _cli(["report", "--db", str(path)], capsys)
    assert code == 2 and out == ""
    assert _one_line_error(err) and "Traceback" not in err


def test_a_bad_date_is_a_usage_error(
    demo_run: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["report", "--db", str(demo_run[0]), "--since", "2026-13-01"])
    assert stop.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_the_command_writes_each_report_asked_for(
    demo_run: tuple[Path, dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, run_report = demo_run
    paths = {option: tmp_path / f"report.{option}" for option in ("json", "md", "html")}
    args = [f"--{option}={path}" for option, path in paths.items()]
    code, out, err = _cli(["report", "--db", str(db), *args], capsys)
    assert (code, out, err) == (0, "", "")
    assert json.loads(paths["json"].read_text(encoding="utf-8")) == run_report
    assert paths["md"].read_text(encoding="utf-8").startswith("# storyweave report")
    html = paths["html"].read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert all(story["headline"] in html for story in run_report["stories"])


def test_only_the_reports_asked_for_are_rendered(
    demo_run: tuple[Path, dict[str, Any]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyweave.report

    def not_asked_for(report: dict[str, Any]) -> str:
        raise AssertionError("rendered a report that was not asked for")

    monkeypatch.setattr(storyweave.report, "render_markdown", not_asked_for)
    monkeypatch.setattr(storyweave.report, "render_html", not_asked_for)
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    out_json = tmp_path / "r.json"
    code, _, err = _cli(["report", "--db", str(demo_run[0]), "--json", str(out_json)], capsys)
    assert code == 0, err
    run = ["run", str(DEMO), "--db", str(tmp_path / "s.duckdb"), "--json", str(out_json), "-q"]
    code, _, err = _cli(run, capsys)
    assert code == 0, err


def test_without_outputs_it_prints_the_summary_run_prints_after_its_inputs_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    db = str(tmp_path / "s.duckdb")
    code, run_summary, err = _cli(["run", str(DEMO), "--db", db, "--no-progress"], capsys)
    assert code == 0, err
    code, report_summary, err = _cli(["report", "--db", db], capsys)
    assert (code, err) == (0, "")
    inputs_line, rest = run_summary.split("\n", 1)
    assert inputs_line == "13 inputs read: 13 articles"
    assert report_summary == rest
    assert "3 stories" in report_summary


def test_the_minimum_prefix_is_the_same_in_the_help_and_the_library() -> None:
    import storyweave.cli.parser
    import storyweave.pipeline

    assert storyweave.cli.parser.MIN_STORY_PREFIX == storyweave.pipeline.MIN_STORY_PREFIX
