"""count_inputs: the total the progress bar of reading shows, known without parsing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from storyweave.ingest import count_inputs, read_inputs


def _record(n: int) -> str:
    return json.dumps({"id": str(n), "text": f"Article number {n} was written on Tuesday."})


def test_counts_what_reading_yields(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Another.</p>", encoding="utf-8")
    lines = [_record(1), "", _record(2), "{not json", "   ", _record(3)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "blank.jsonl").write_text("\n\n", encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    paths = [str(tmp_path), missing]
    assert count_inputs(paths) == 2 + 4 + 1 + 1
    assert count_inputs(paths) == len(list(read_inputs(paths)))


def test_unknown_where_only_parsing_would_tell(tmp_path: Path) -> None:
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress(_record(1).encode("utf-8")))
    unnamed = tmp_path / "feed.data"
    unnamed.write_text(_record(1), encoding="utf-8")
    assert count_inputs([str(packed)]) is None
    assert count_inputs([str(unnamed)]) is None
    assert count_inputs(["-"]) is None
    assert count_inputs([str(tmp_path / "x.warc")]) is None
    assert count_inputs([]) == 0
