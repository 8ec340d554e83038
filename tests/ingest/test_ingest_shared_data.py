"""Reading the real pages and corpora of ../shared/data: everything comes through, nothing fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyweave.errors import InputError
from storyweave.ingest import list_input_files, read_inputs
from storyweave.records import Document

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def shared(relative: str) -> Path:
    path = DATA / relative
    if not path.exists():
        pytest.skip(f"../shared/data/{relative} is not present")
    return path


def test_real_gzipped_pages_all_read_as_html() -> None:
    folder = shared("extraction/scrapinghub-aeb/html")
    expected = sorted(str(path) for path in folder.glob("*.html.gz"))
    items = list(read_inputs([str(folder)]))
    assert list_input_files([str(folder)]) == expected
    assert [item.ref for item in items] == expected
    assert all(isinstance(item, Document) and item.format == "html" for item in items)


def test_real_jsonl_story_file_round_trips() -> None:
    path = shared("stories/fnc1-dev.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    items = list(read_inputs([str(path)]))
    assert not [item for item in items if isinstance(item, InputError)]
    assert [item.ref for item in items] == [f"{path}#{record['id']}" for record in records]
    assert [item.text for item in items if isinstance(item, Document)] == [
        record["text"].replace("\r\n", "\n").replace("\r", "\n") for record in records
    ]
