"""Tables of records (Parquet, CSV, TSV, JSON) read as records, never as prose (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyweave.cli import main
from storyweave.errors import InputError
from storyweave.ingest import read_file, read_inputs
from storyweave.ingest.batches import parse_batch, read_batches
from storyweave.ingest.common import Body
from storyweave.ingest.fields import DEFAULT_FIELDS, reading_fields
from storyweave.ingest.tabular import read_table, row_document
from storyweave.records import Document

FLOOD = (
    "Floodwater closed the Quillby bridge in Brindlecombe on Tuesday after the river Askel rose "
    "two metres overnight, the town council said. Council leader Mara Vendrell said crews "
    "would inspect the bridge before it reopens and that about 120 homes were without power. "
    "Residents of the lower town were told to move cars away from the embankment."
)
FLOOD_COPY = FLOOD.replace("about 120 homes", "some 120 homes") + " Schools stayed open."
FAIR = (
    "The Brindlecombe autumn fair opened on Saturday with a record 64 stalls, organisers said. "
    "Fair chair Osric Pellow said the cider tent had doubled in size and that the parade "
    "would follow the old market route through Lantern Street on Sunday afternoon."
)
RECORDS = [
    {"id": "n1", "text": FLOOD, "title": "Bridge closed", "date": "2026-10-13", "outlet": "Ledger"},
    {
        "id": "n2",
        "text": FLOOD_COPY,
        "title": "Bridge shut",
        "date": "2026-10-14",
        "outlet": "Post",
    },
    {"id": "n3", "text": FAIR, "title": "Fair opens", "date": "2026-10-11", "outlet": "Ledger"},
]


def write_table(path: Path, records: list[dict[str, object]], **options: str) -> Path:
    """``records`` written by DuckDB to ``path``, in the format its suffix names."""
    connection = duckdb.connect()
    connection.execute(
        "CREATE TABLE t (id VARCHAR, text VARCHAR, title VARCHAR, date DATE, outlet VARCHAR)"
    )
    connection.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
        [[r.get(k) for k in ("id", "text", "title", "date", "outlet")] for r in records],
    )
    suffix = path.name.split(".", 1)[1]
    fmt = {
        "parquet": "(FORMAT parquet)",
        "csv": "(HEADER)",
        "tsv": "(HEADER, DELIMITER '\t')",
        "json": "(FORMAT json, ARRAY true)",
    }[suffix]
    connection.execute(f"COPY (SELECT * FROM t) TO '{path}' {fmt}")
    connection.close()
    return path


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def documents(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


@pytest.mark.parametrize("name", ["feed.parquet", "feed.csv", "feed.tsv", "feed.json"])
def test_a_table_gives_the_documents_its_jsonl_gives(tmp_path: Path, name: str) -> None:
    table = write_table(tmp_path / name, RECORDS)
    lines = write_jsonl(tmp_path / "feed.jsonl", RECORDS)
    from_table = list(read_file(str(table)))
    from_jsonl = list(read_file(str(lines)))
    assert all(isinstance(item, Document) for item in from_table)
    assert [(d.id, d.text, d.meta, d.format) for d in documents(from_table)] == [
        (d.id, d.text, d.meta, d.format) for d in documents(from_jsonl)
    ]
    assert [d.ref for d in documents(from_table)] == [f"{table}#n1", f"{table}#n2", f"{table}#n3"]


def test_a_json_array_is_records_not_one_article(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"text": FLOOD}, {"text": FAIR}]), encoding="utf-8")
    items = list(read_file(str(path)))
    assert [(type(i), getattr(i, "text", None)) for i in items] == [
        (Document, FLOOD),
        (Document, FAIR),
    ]
    assert [d.ref for d in documents(items)] == [f"{path}#1", f"{path}#2"]  # row numbers


def test_gzipped_json_lines_named_json_are_read(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "items.json.gz"
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in RECORDS).encode()))
    assert [d.ref.rsplit("#")[1] for d in documents(list(read_file(str(path))))] == [
        "n1",
        "n2",
        "n3",
    ]


def test_a_hugging_face_dataset_folder_is_read_in_shard_order(tmp_path: Path) -> None:
    data = tmp_path / "dataset" / "data"
    data.mkdir(parents=True)
    write_table(data / "train-00001-of-00002.parquet", RECORDS[2:])
    write_table(data / "train-00000-of-00002.parquet", RECORDS[:2])
    items = list(read_inputs([str(tmp_path / "dataset")]))
    assert [d.ref.rsplit("#")[1] for d in documents(items)] == ["n1", "n2", "n3"]
    assert len(items) == 3


def test_other_column_names_are_mapped(tmp_path: Path) -> None:
    connection = duckdb.connect()
    path = tmp_path / "news.parquet"
    connection.execute(
        f"COPY (SELECT 'k-7' AS key, '{FAIR}' AS body, 'Fair opens' AS headline, "
        "TIMESTAMP '2026-10-11 09:30:00' AS date_publish, 'https://example.org/fair' AS link, "
        f"'Lantern Post' AS site) TO '{path}' (FORMAT parquet)"
    )
    fields = DEFAULT_FIELDS.with_names(
        text="body", id="key", title="headline", date="date_publish", url="link", outlet="site"
    )
    (doc,) = list(read_file(str(path), fields=fields))
    assert isinstance(doc, Document)
    assert doc.ref == f"{path}#k-7"
    assert doc.source == "https://example.org/fair"
    assert doc.meta == {
        "title": "Fair opens",
        "published": "2026-10-11T09:30:00",
        "url": "https://example.org/fair",
        "outlet": "Lantern Post",
    }
    with reading_fields(fields):  # what `--text-field body …` sets for a whole job
        assert [d.ref for d in documents(list(read_inputs([str(path)])))] == [doc.ref]


def test_fields_apply_to_jsonl_too_in_the_dedup_batches(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "f.jsonl", [{"key": "a", "body": FAIR}, {"key": 7, "body": FLOOD}]
    )
    fields = DEFAULT_FIELDS.with_names(text="body", id="key")
    bodies = [b for batch in read_batches([str(path)], fields=fields) for b in parse_batch(batch)]
    assert bodies == [Body(f"{path}#a", "text", FAIR), Body(f"{path}#7", "text", FLOOD)]


def test_a_missing_text_column_is_one_error_naming_the_columns(tmp_path: Path) -> None:
    path = write_table(tmp_path / "feed.parquet", RECORDS)
    fields = DEFAULT_FIELDS.with_names(text="content")
    assert [str(item) for item in read_file(str(path), fields=fields)] == [
        f'{path}: no "content" column (give its name with --text-field); '
        "its columns: id, text, title, date, outlet"
    ]


def test_a_row_with_an_empty_text_is_skipped_with_its_reason(tmp_path: Path) -> None:
    rows = [RECORDS[0], {**RECORDS[1], "text": ""}, {**RECORDS[2], "text": "  "}]
    for name in ("feed.parquet", "feed.csv"):
        path = write_table(tmp_path / name, rows)
        items = list(read_file(str(path)))
        assert [str(i) for i in items if isinstance(i, InputError)] == [
            f'{path}:2: empty "text" field',
            f'{path}:3: empty "text" field',
        ]
        assert len(documents(items)) == 1


def test_an_oversized_row_is_skipped_alone(tmp_path: Path) -> None:
    path = write_table(tmp_path / "feed.parquet", [RECORDS[0], {**RECORDS[2], "text": FAIR * 9}])
    items = list(read_table(str(path), max_bytes=1000))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], InputError) and items[1].line == 2
    assert "over the 1,000-byte limit" in items[1].reason or "limit" in items[1].reason


def test_row_document_is_the_jsonl_record_document() -> None:
    row = {"id": "n1", "text": FLOOD, "date": "2026-10-13", "outlet": "Ledger", "extra": [1]}
    doc = row_document(row, "feed.parquet", 1)
    assert isinstance(doc, Document)
    assert (doc.ref, doc.meta) == (
        "feed.parquet#n1",
        {"published": "2026-10-13", "outlet": "Ledger"},
    )


def test_run_finds_the_same_stories_from_parquet_as_from_jsonl(tmp_path: Path) -> None:
    table = write_table(tmp_path / "feed.parquet", RECORDS)
    lines = write_jsonl(tmp_path / "feed.jsonl", RECORDS)
    reports = []
    for source in (table, lines):
        out = tmp_path / f"{source.suffix[1:]}.json"
        args = ["run", str(source), "--db", ":memory:", "--json", str(out), "-q", "--workers", "1"]
        assert main(args) == 0
        reports.append(json.loads(out.read_text(encoding="utf-8")))
    from_table, from_jsonl = reports
    assert [s["articles"] for s in from_table["stories"]] == [
        s["articles"] for s in from_jsonl["stories"]
    ]
    assert from_table["relations"] == from_jsonl["relations"]
    assert len(from_table["stories"]) == 2


def test_dups_reads_csv_with_a_text_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{**r, "body": r["text"]} for r in RECORDS]
    path = tmp_path / "feed.csv"
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (ident VARCHAR, body VARCHAR)")
    connection.executemany("INSERT INTO t VALUES (?, ?)", [[r["id"], r["body"]] for r in rows] * 2)
    connection.execute(f"COPY t TO '{path}' (HEADER)")
    out = tmp_path / "groups.json"
    args = ["dups", str(path), "--text-field", "body", "--id-field", "ident", "--json", str(out)]
    assert main([*args, "--workers", "1"]) == 0
    groups = json.loads(out.read_text(encoding="utf-8"))["groups"]
    found = sorted((g["kind"], sorted(r.rsplit("#")[1] for r in g["refs"])) for g in groups)
    assert found == [("duplicate", ["n3", "n3"]), ("near-duplicate", ["n1", "n1", "n2", "n2"])]


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".parquet", ".json.gz"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_table_give_one_line_errors(
    tmp_path: Path, suffix: str, data: bytes
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in read_inputs([str(path)]):
        assert isinstance(item, Document | InputError)
        if isinstance(item, InputError):
            assert "\n" not in str(item) and str(item).startswith(str(path))


@given(text=st.text(max_size=200))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_arbitrary_text_as_csv_through_the_cli_is_never_a_traceback(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fuzz.csv"
    # A row of a real article first: a corpus of fewer than --shingle-size words in all makes
    # dups fail in storyweave.duplicates (a bug of its own, whatever the reader).
    path.write_text(f'text\n"{FAIR}"\n' + text, encoding="utf-8", errors="surrogatepass")
    code = main(["dups", str(path), "--workers", "1", "-q"])
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert "Traceback" not in err


@pytest.mark.parametrize("name", ["feed.parquet", "feed.csv", "feed.json"])
def test_dedup_batches_of_a_table_give_what_read_inputs_gives(tmp_path: Path, name: str) -> None:
    rows = [RECORDS[0], {**RECORDS[1], "text": ""}, {**RECORDS[2], "id": None}]
    path = str(write_table(tmp_path / name, rows))
    fields = DEFAULT_FIELDS.with_names(date="title")
    expected = [
        item if isinstance(item, InputError) else Body(item.ref, item.format, item.text)
        for item in read_inputs([path], fields=fields, max_bytes=500)
    ]
    batches = list(read_batches([path], fields=fields, max_bytes=500, batch_lines=1))
    found = [item for batch in batches for item in parse_batch(batch)]
    assert [str(i) if isinstance(i, InputError) else i for i in found] == [
        str(i) if isinstance(i, InputError) else i for i in expected
    ]
    assert len(batches) == 3 and isinstance(found[2], Body) and found[2].ref == f"{path}#3"


def test_json_values_stay_as_written_like_jsonl(tmp_path: Path) -> None:
    record = {"id": "007", "text": FAIR, "published": "2026-10-11T09:30:00+01:00", "n": 1e400}
    lines = json.dumps(record).replace("Infinity", "1e400")
    (tmp_path / "a.json").write_text(f"[{lines}, 3]", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(lines + "\n", encoding="utf-8")
    from_json = list(read_file(str(tmp_path / "a.json")))
    (from_jsonl,) = list(read_file(str(tmp_path / "a.jsonl")))
    assert isinstance(from_jsonl, Document) and isinstance(from_json[0], Document)
    assert (from_json[0].id, from_json[0].meta) == (from_jsonl.id, from_jsonl.meta)
    assert from_json[0].meta["published"] == "2026-10-11T09:30:00+01:00"
    assert str(from_json[1]) == f"{tmp_path / 'a.json'}:2: row is a number, not a JSON object"
