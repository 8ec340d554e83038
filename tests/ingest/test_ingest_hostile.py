"""Hostile inputs: odd file names, files that are not regular, endless or cut-off streams and
formats that are not read yet all become one-line InputErrors; nothing hangs or raises."""

from __future__ import annotations

import gzip
import json
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from builders import warc_page
from storyweave.errors import InputError
from storyweave.ingest import count_inputs, read_bytes, read_file, read_inputs
from storyweave.ingest.batches import parse_batch, read_batches
from storyweave.ingest.common import path_ref
from storyweave.records import Document

ARTICLE = (
    "Dockworkers at the port of Vellmar walked off the job on Tuesday, halting the loading of "
    "about 40 ships, the port authority said.\n"
)
Item = Document | InputError


def _within(seconds: float, produce: Callable[[], list[Item]]) -> list[Item]:
    """What ``produce`` returns, failing the test (instead of hanging it) after ``seconds``."""
    found: list[list[Item]] = []
    worker = threading.Thread(target=lambda: found.append(produce()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"reading did not end within {seconds} s"
    return found[0]


def _errors(items: Iterable[object]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


# --- defect 3: file names that are not UTF-8 --------------------------------------------------


def test_a_file_name_that_is_not_utf8_gives_a_storable_ref(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as out:
        out.write(ARTICLE)
    items = list(read_inputs([str(tmp_path)]))
    assert [type(item) for item in items] == [Document]
    ref = items[0].ref
    ref.encode("utf-8")  # no lone surrogate left: DuckDB and JSON can take it
    assert ref.endswith("caf\\xe9.txt")


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    name = "evil\nstoryweave: skipped forged.txt: \x1b]0;title\x07.txt"
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty\x1b[2J.txt").write_bytes(b"")
    items = list(read_inputs([str(tmp_path)]))
    refs = [item.ref for item in items]
    assert all(ref.isprintable() for ref in refs)
    assert any(
        ref.endswith("evil\\nstoryweave: skipped forged.txt: \\x1b]0;title\\x07.txt")
        for ref in refs
    )
    assert "\x1b" not in str(_errors(items)[0])


def test_path_ref_leaves_ordinary_names_alone() -> None:
    assert path_ref("news/été – 2026.txt") == "news/été – 2026.txt"
    assert path_ref("a\tb\u202ec") == "a\\tb\\u202ec"


def test_a_jsonl_id_with_escape_sequences_is_escaped_in_the_ref() -> None:
    line = json.dumps({"id": "x\x1b[2Jy", "text": ARTICLE}).encode() + b"\n"
    items = list(read_bytes(line, "feed.jsonl", fmt="jsonl"))
    assert [item.ref for item in items] == ["feed.jsonl#x\\x1b[2Jy"]


# --- defect 6: FIFOs, devices, endless streams ------------------------------------------------


def test_a_fifo_is_skipped_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    items = _within(10, lambda: list(read_inputs([str(fifo)])))
    assert [str(item) for item in items] == [f"{fifo}: is a FIFO (named pipe), not a regular file"]
    assert count_inputs([str(fifo)]) == 1  # counting does not open it either


def test_a_fifo_is_skipped_by_the_batch_reader(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)

    def batches() -> list[Item]:
        found: list[Item] = []
        for batch in read_batches([str(fifo)]):
            found.extend(x for x in parse_batch(batch) if isinstance(x, InputError))
        return found

    assert [error.reason for error in _within(10, batches)] == [
        "is a FIFO (named pipe), not a regular file"
    ]


@pytest.mark.parametrize("suffix", [".jsonl", ".warc", ".txt"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_as_an_input_is_skipped(tmp_path: Path, device: str, suffix: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    link = tmp_path / f"feed{suffix}"
    link.symlink_to(device)
    items = _within(10, lambda: list(read_inputs([str(link)])))
    assert [str(item) for item in items] == [f"{link}: is a character device, not a regular file"]


def test_a_jsonl_file_of_garbage_stops_after_a_run_of_bad_lines(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n"
    garbage = b"".join(b"\x8f\x00garbage line %d\n" % n for n in range(5000))
    data = good + b"not json\n" + good.replace(b'"a"', b'"b"') + garbage
    items = list(read_bytes(data, "feed.jsonl", fmt="jsonl"))
    assert [item.ref for item in items if isinstance(item, Document)] == [
        "feed.jsonl#a",
        "feed.jsonl#b",
    ]
    errors = [str(error) for error in _errors(items)]
    assert errors == [
        "feed.jsonl:2: malformed JSON: Expecting value at column 1",
        "feed.jsonl: lines 4 to 103 are all unreadable: 100 bad lines in a row, the rest of the "
        "file is not read",
    ]


def test_the_batch_reader_stops_a_garbage_jsonl_file_the_same_way(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n"
    feed.write_bytes(good + b"[1]\n" * 50 + good.replace(b'"a"', b'"b"') + b"x}\n" * 3000)
    expected = [str(i) if isinstance(i, InputError) else i.ref for i in read_inputs([str(feed)])]
    found: list[str] = []
    for batch in read_batches([str(feed)], batch_lines=7):
        found.extend(str(i) if isinstance(i, InputError) else i.ref for i in parse_batch(batch))
    assert found == expected
    assert len(expected) == 2 + 50 + 1


# --- defect 7: a WARC record cut off ----------------------------------------------------------


def test_a_warc_record_cut_mid_content_is_skipped() -> None:
    text = (ARTICLE * 2)[:140]
    whole = warc_page(text)
    cut = whole[: whole.index(text.encode()) + 46]
    items = list(read_bytes(cut, "crawl.warc", fmt="warc"))
    assert [str(item) for item in items] == [
        "crawl.warc#1: record cut off: the file ends 94 bytes before it does"
    ]
    complete = list(read_bytes(whole, "crawl.warc", fmt="warc"))
    assert [type(item) for item in complete] == [Document]


# --- defect 9: .json and .csv are records, never prose (issue 20 reads them as tables) --------


@pytest.mark.parametrize("name", ["items.json", "items.json.gz", "items.JSON"])
def test_a_json_array_is_read_as_records(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = json.dumps([{"text": ARTICLE}]).encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (item,) = read_file(str(path))
    assert isinstance(item, Document)
    assert (item.ref, item.text) == (f"{path}#1", ARTICLE)


def test_a_csv_without_a_text_column_is_one_line_not_prose(tmp_path: Path) -> None:
    path = tmp_path / "items.CSV"
    path.write_text("headline,when\nA storm,today\n", encoding="utf-8")
    assert [str(item) for item in read_file(str(path))] == [
        f'{path}: no "text" column (give its name with --text-field); its columns: headline, when'
    ]


def test_a_warc_record_with_a_wrong_length_prints_nothing_itself(
    capsys: pytest.CaptureFixture[str],
) -> None:
    whole = warc_page((ARTICLE * 2)[:140])
    # Content-Length two bytes short: warcio finds no blank line after the record and would
    # write a warning of several lines, with the archive's bytes, to stderr.
    short = re.sub(
        rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m[1]) - 2), whole, count=1
    )
    items = list(read_bytes(short + whole, "crawl.warc", fmt="warc"))
    assert items
    assert capsys.readouterr().err == ""


def test_a_regular_file_of_zeros_named_warc_is_refused_at_once(tmp_path: Path) -> None:
    zeros = tmp_path / "crawl.warc"
    zeros.write_bytes(bytes(20 * 2**20))  # one "line" warcio would read whole, again and again
    items = _within(15, lambda: list(read_inputs([str(zeros)])))
    assert [str(item) for item in items] == [
        f"{zeros}: not a WARC file: it does not open with a WARC/ version line"
    ]
