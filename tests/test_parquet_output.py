"""`run --parquet DIR` result tables and `dups --keep` as Parquet with every column (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from tests.ingest.test_tabular import FAIR, FLOOD, FLOOD_COPY, RECORDS, write_jsonl, write_table

from storyweave.cli import main
from storyweave.store.report_tables import write_report_tables


def table(path: Path) -> list[dict[str, object]]:
    result = duckdb.execute("SELECT * FROM read_parquet($1)", [str(path)])
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def test_run_parquet_tables_match_the_json_report(tmp_path: Path) -> None:
    feed = write_table(tmp_path / "feed.parquet", RECORDS)
    out, report = tmp_path / "tables", tmp_path / "report.json"
    args = ["run", str(feed), "--db", ":memory:", "--json", str(report), "--parquet", str(out)]
    assert main([*args, "-q", "--workers", "1"]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.parquet",
        "findings.parquet",
        "relations.parquet",
        "stories.parquet",
    ]  # and no temporary file left
    articles = table(out / "articles.parquet")
    assert [(a["id"], a["ref"], a["title"], a["published"], a["text"]) for a in articles] == [
        (a["id"], a["ref"], a["title"], a["published"], a["text"]) for a in data["articles"]
    ]
    assert [a["labels"] for a in articles] == [
        [label["label"] for label in a["labels"]] for a in data["articles"]
    ]
    relations = table(out / "relations.parquet")
    assert [(r["a"], r["b"], r["kind"], r["score"]) for r in relations] == [
        (r["a"], r["b"], r["kind"], r["score"]) for r in data["relations"]
    ]
    assert relations  # the flood copy relates to its original
    stories = table(out / "stories.parquet")
    assert [(s["id"], s["articles"], s["headline"]) for s in stories] == [
        (s["id"], s["articles"], s["headline"]) for s in data["stories"]
    ]
    assert [s["hoax"] for s in stories] == [None for _ in data["stories"]]  # none is a hoax
    findings = table(out / "findings.parquet")
    assert [(f["story"], f["id"], f["kind"], f["status"]) for f in findings] == [
        (s["id"], f["id"], f["kind"], f["status"]) for s in data["stories"] for f in s["findings"]
    ]
    for finding, row in zip(
        [f for s in data["stories"] for f in s["findings"]], findings, strict=True
    ):
        assert json.loads(str(row["variants"])) == finding["variants"]


def test_run_parquet_into_a_file_is_refused_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", RECORDS)
    taken = tmp_path / "taken"
    taken.write_text("not a folder", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    code = main(["run", str(feed), "--db", str(db), "--parquet", str(taken), "-q"])
    assert code == 2
    err = capsys.readouterr().err
    assert err == f"storyweave: error: --parquet {taken}: is not a folder\n"
    assert not db.exists()  # nothing was run


def _dups_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.parquet"
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE t (doc_id VARCHAR, body VARCHAR, lang VARCHAR, votes INTEGER, "
        "crawled TIMESTAMP, tags VARCHAR[])"
    )
    rows = [
        ["x-1", FLOOD, "en", 3, "2026-10-13 08:00:00", ["flood"]],
        ["x-2", FAIR, "en", 5, "2026-10-11 10:00:00", ["fair", "town"]],
        ["x-3", FLOOD, "en", 1, "2026-10-13 09:00:00", []],
        ["x-4", FLOOD_COPY, "cy", 2, "2026-10-14 07:00:00", None],
    ]
    connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
    connection.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    return path


@pytest.mark.parametrize(
    ("name", "extra"), [("kept.parquet", []), ("kept.data", ["--keep-format", "parquet"])]
)
def test_dups_keep_parquet_keeps_every_column_and_id(
    tmp_path: Path, name: str, extra: list[str]
) -> None:
    corpus = _dups_corpus(tmp_path)
    kept = tmp_path / name
    args = [
        "dups",
        str(corpus),
        "--text-field",
        "body",
        "--id-field",
        "doc_id",
        "--keep",
        str(kept),
    ]
    assert main([*args, *extra, "-q", "--workers", "1"]) == 0
    rows = table(kept)
    assert [row["doc_id"] for row in rows] == ["x-1", "x-2"]  # x-3 and x-4 copy x-1
    assert list(rows[0]) == ["doc_id", "body", "lang", "votes", "crawled", "tags"]
    assert rows[1]["body"] == FAIR and rows[1]["votes"] == 5 and rows[1]["tags"] == ["fair", "town"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dups_keep_jsonl_from_a_table_keeps_every_column(tmp_path: Path) -> None:
    corpus = _dups_corpus(tmp_path)
    kept = tmp_path / "kept.jsonl"
    args = [
        "dups",
        str(corpus),
        "--text-field",
        "body",
        "--id-field",
        "doc_id",
        "--keep",
        str(kept),
    ]
    assert main([*args, "-q", "--workers", "1"]) == 0
    rows = [json.loads(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {
            "doc_id": "x-1",
            "body": FLOOD,
            "lang": "en",
            "votes": 3,
            "crawled": "2026-10-13 08:00:00",
            "tags": ["flood"],
        },
        {
            "doc_id": "x-2",
            "body": FAIR,
            "lang": "en",
            "votes": 5,
            "crawled": "2026-10-11 10:00:00",
            "tags": ["fair", "town"],
        },
    ]


def test_a_story_told_as_a_hoax_keeps_its_evidence_in_the_stories_table(tmp_path: Path) -> None:
    hoax = {
        "called_false": [{"article": "b", "text": "The whale was a hoax.", "start": 0, "end": 21}],
        "told_as_fact": ["a"],
    }
    story = {"id": "s", "articles": ["a", "b"], "headline": "whale", "brief": [], "hoax": hoax}
    report = {"articles": [], "relations": [], "stories": [story]}
    write_report_tables(report, str(tmp_path))
    (row,) = table(tmp_path / "stories.parquet")
    assert json.loads(str(row["hoax"])) == hoax
