"""`storyweave export`: a thin command over Store.export, with one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.cli import EXIT_FATAL, EXIT_OK, main
from storyweave.store import open_store
from storyweave.store.migrations import VIEWS


def _export(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _empty_store(path: Path) -> str:
    with open_store(str(path)):
        pass
    return str(path)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_one_file_per_view(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    db = _empty_store(tmp_path / "s.duckdb")
    code, out, err = _export(["--db", db, "--format", fmt, str(tmp_path / "new")], capsys)
    assert (code, err) == (EXIT_OK, "")
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == sorted(
        f"{view}.{fmt}" for view in VIEWS
    )
    assert out.splitlines() == [f"{tmp_path / 'new' / view}.{fmt}: 0 rows" for view in VIEWS]


def test_export_writes_csv_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = _empty_store(tmp_path / "s.duckdb")
    code, _, _ = _export(["--db", db, str(tmp_path / "out")], capsys)
    assert code == EXIT_OK
    header = (tmp_path / "out" / "relations_v.csv").read_text(encoding="utf-8")
    assert header.startswith("a,b,kind,score,origin,copy")


def test_a_missing_store_is_one_line_and_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, target = tmp_path / "none.duckdb", tmp_path / "out"
    code, out, err = _export(["--db", str(db), str(target)], capsys)
    assert code == EXIT_FATAL
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "no store at" in err and str(db) in err
    assert not db.exists() and not target.exists()


def test_an_unwritable_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _empty_store(tmp_path / "s.duckdb")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    code, out, err = _export(["--db", db, str(blocker / "views")], capsys)
    assert code == EXIT_FATAL
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("storyweave: error: cannot write to") and "a-file" in err


def test_an_unknown_format_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["export", "--format", "xlsx", str(tmp_path)])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_help_names_every_view(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = capsys.readouterr().out
    for view in VIEWS:
        assert view in text
