"""Batches of raw JSONL lines parsed apart give what read_inputs gives, errors included."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.errors import InputError
from storyweave.ingest import jsonl, read_inputs
from storyweave.ingest.batches import JsonlLines, parse_batch, read_batches
from storyweave.ingest.common import Body


def via_batches(
    paths: list[str], max_bytes: int = 50 * 2**20, batch_lines: int = 2000
) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for batch in read_batches(paths, max_bytes=max_bytes, batch_lines=batch_lines):
        for item in parse_batch(batch):
            found.append(as_row(item))
    return found


def via_read_inputs(paths: list[str], max_bytes: int = 50 * 2**20) -> list[tuple[str, ...]]:
    return [as_row(item) for item in read_inputs(paths, max_bytes=max_bytes)]


def as_row(item: object) -> tuple[str, ...]:
    if isinstance(item, InputError):
        return ("error", str(item))
    assert not isinstance(item, Body) or item.format in ("text", "html")
    return ("doc", item.ref, item.format, item.text)  # type: ignore[attr-defined]


def write_feed(path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "First story.\r\nSecond line."}),
        "",
        "{not json",
        json.dumps({"text": "<p>Some <b>markup</b></p><div>more</div>"}),
        json.dumps([1, 2]),
        json.dumps({"id": 7, "text": "   "}),
        json.dumps({"title": "no text"}),
        json.dumps({"id": "big", "text": "x" * 300}),
        "\ufeff" + json.dumps({"text": "after a stray byte-order mark"}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"text": "caf\xe9"}\n')


def test_same_items_as_read_inputs(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    write_feed(feed)
    (tmp_path / "note.txt").write_text("A plain article.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    with gzip.open(tmp_path / "zipped.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write(json.dumps({"text": "compressed"}) + "\n")
    paths = [str(feed), str(tmp_path), str(tmp_path / "missing.jsonl")]
    expected = via_read_inputs(paths, max_bytes=200)
    assert via_batches(paths, max_bytes=200, batch_lines=3) == expected
    assert any(row[0] == "error" and "over the" in row[1] for row in expected)


def test_jsonl_lines_come_in_batches_parsed_elsewhere(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": f"t{i}"}) + "\n" for i in range(5)), "utf-8")
    batches = list(read_batches([str(feed)], batch_lines=2))
    assert [len(b.lines) for b in batches if isinstance(b, JsonlLines)] == [2, 2, 1]


def test_whitespace_only_jsonl_is_one_error(tmp_path: Path) -> None:
    feed = tmp_path / "blank.jsonl"
    feed.write_text("\n  \n\n", encoding="utf-8")
    assert via_batches([str(feed)]) == via_read_inputs([str(feed)])
    assert via_batches([str(feed)])[0][0] == "error"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=30), st.binary(max_size=30)), max_size=8))
def test_any_lines_read_alike(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str | bytes]
) -> None:
    folder = tmp_path_factory.mktemp("lines")
    feed = folder / "in.jsonl"
    raw = b"\n".join(
        line if isinstance(line, bytes) else json.dumps({"text": line}).encode() for line in lines
    )
    feed.write_bytes(b'{"text": "first"}\n' + raw)
    assert via_batches([str(feed)], batch_lines=3) == via_read_inputs([str(feed)])


_ID = st.one_of(
    st.none(),
    st.integers(-5, 10**20),
    st.booleans(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.text(alphabet=st.characters(max_codepoint=127), min_size=1, max_size=8),
    st.lists(st.integers(), max_size=2),
)
_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
    st.text(alphabet=" \t\r\n\x00\f\v<>/ab\u00e9\ufeff", max_size=20),
    st.sampled_from(["<p>x</p><div>y</div>", "  <html><body>z</body></html>", "plain words"]),
    st.integers(),
    st.none(),
)


@settings(max_examples=400, deadline=None)
@given(
    record=st.one_of(
        st.fixed_dictionaries({}, optional={"id": _ID, "text": _TEXT, "title": st.text()}),
        st.fixed_dictionaries(  # the plain shape, with its edge cases
            {
                "id": st.one_of(st.integers(0, 99), st.sampled_from(["a1", "x y", "", "\x7f"])),
                "text": st.text(alphabet=" \t\r\n\x00\f<>ab\u00e9", min_size=1, max_size=12),
            }
        ),
    ),
    before=st.sampled_from(["", " ", "\ufeff", "\t"]),
    after=st.sampled_from(["\n", "\r\n", "", " \n", "\f\n", "\x0b\n", ' {"x": 1}\n', ",\n"]),
    ascii_only=st.booleans(),
)
def test_plain_lines_are_read_as_parse_body_reads_them(
    record: dict[str, object], before: str, after: str, ascii_only: bool
) -> None:
    line = (before + json.dumps(record, ensure_ascii=ascii_only) + after).encode("utf-8")
    batch = JsonlLines("feed.jsonl", 1 << 20, ((3, line),))
    expected = jsonl.parse_body(line, "feed.jsonl", 3)
    assert [as_row(item) for item in parse_batch(batch)] == (
        [] if expected is None else [as_row(expected)]
    )
