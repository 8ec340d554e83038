"""Determinism as a property: the same input gives the same whole report, run twice, in
another order (files and JSONL lines shuffled), and after runs killed part-way.

The corpus is the demo plus, when the shared data is present, two BBC business articles that
quote the same words (distinct findings that once shared an id: one was dropped when stored).
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storyweave import build_report, open_store, weave

sys.path.append(str(Path(__file__).resolve().parents[1] / "benchmarks"))

from kill_runs import finish, kill_rounds  # benchmarks/kill_runs.py, shared with kills.py

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
BBC = REPO.parent / "shared" / "data" / "corpora" / "bbc-news.jsonl"
BBC_PAIR = ("bbc-business-264", "bbc-business-279")
KILLS = 2
SEED = 17


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules read names (no optional model), in this process and in the CLI runs."""
    monkeypatch.setenv("STORYWEAVE_NER", "off")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the demo (with the BBC pair as one more JSONL file when available)."""
    folder = tmp_path / "corpus"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns("*.md"))
    if BBC.is_file():
        with BBC.open(encoding="utf-8") as lines:
            pair = [line for line in lines if json.loads(line)["id"] in BBC_PAIR]
        (folder / "bbc.jsonl").write_text("".join(pair), encoding="utf-8")
    return folder


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.iterdir() if p.is_file())


def _report(paths: list[str], db: str) -> dict[str, Any]:
    with open_store(db) as store:
        return build_report(weave(paths, store, workers=1))


def _shuffle_lines(path: Path, rng: random.Random) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rng.shuffle(lines)
    path.write_text("".join(lines), encoding="utf-8")


def test_the_same_input_twice_gives_the_same_report(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    first = _report(_files(corpus), db)
    assert _report(_files(corpus), db) == first  # the second run reuses the stored results
    assert _report(_files(corpus), ":memory:") == first


def test_another_input_order_gives_the_same_report(corpus: Path) -> None:
    rng = random.Random(SEED)
    expected = _report(_files(corpus), ":memory:")
    for _ in range(2):
        for jsonl in corpus.glob("*.jsonl"):
            _shuffle_lines(jsonl, rng)
        files = _files(corpus)
        rng.shuffle(files)
        assert _report(files, ":memory:") == expected


def test_a_run_after_killed_runs_gives_the_report_of_a_clean_run(
    corpus: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    clean, error = finish(corpus, tmp_path / "clean.duckdb", tmp_path / "clean.json")
    length = time.monotonic() - started
    assert clean is not None, error
    # two kills on each store, at moments spread over a whole run (startup to report)
    rounds = kill_rounds(
        corpus, tmp_path, random.Random(SEED), per_store=2, earliest=0.2, latest=length
    )
    killed = 0
    for _ in range(KILLS):
        done = next(rounds)
        assert done.problems == []  # after every kill and after the run let finish
        assert done.report == clean, done.error
        killed += len(done.kills)
    assert killed > 0
