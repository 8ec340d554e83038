"""Determinism as a property: the same input gives the same whole report, run twice, in
another order (files and JSONL lines shuffled), and after runs killed part-way.

The corpus is the demo plus, when the shared data is present, two BBC business articles that
quote the same words (distinct findings that once shared an id: one was dropped when stored).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from storyweave import build_report, open_store, weave

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


def _run_command(corpus: Path, db: Path, report: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "storyweave.cli", "run", str(corpus)),
        *("--db", str(db), "--json", str(report), "--workers", "1", "-q", "--no-progress"),
    ]


def _run(corpus: Path, db: Path, report: Path) -> dict[str, Any]:
    done = subprocess.run(
        _run_command(corpus, db, report), capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return loaded


def _killed_run(corpus: Path, db: Path, report: Path, after: float) -> bool:
    """Start a run and SIGKILL it ``after`` seconds in; False when it had already ended."""
    with subprocess.Popen(
        _run_command(corpus, db, report), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as process:
        deadline = time.monotonic() + after
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        ended = process.poll() is not None
        if not ended:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return not ended


def test_a_run_after_killed_runs_gives_the_report_of_a_clean_run(
    corpus: Path, tmp_path: Path
) -> None:
    started = time.monotonic()
    clean = _run(corpus, tmp_path / "clean.duckdb", tmp_path / "clean.json")
    length = time.monotonic() - started
    rng = random.Random(SEED)
    killed = 0
    for number in range(KILLS):
        db = tmp_path / f"k{number}.duckdb"
        # two kills on one store, at moments spread over a whole run (startup to report)
        for _ in range(2):
            killed += _killed_run(corpus, db, tmp_path / "k.json", rng.uniform(0.2, length))
        with open_store(str(db)) as store:
            assert store.problems() == []
        assert _run(corpus, db, tmp_path / f"k{number}.json") == clean
    assert killed > 0
