"""The per-article budget: an article whose per-document work takes more CPU time or memory
than allowed is skipped in one line naming it, and the run goes on."""

from __future__ import annotations

import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from storyweave import open_store, weave
from storyweave.engines.budget import Budget, OverBudget, within
from storyweave.errors import InputError

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def _long_article(path: Path, size: int) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    body = "\n\n".join(texts)
    path.write_text((body * (size // len(body) + 1))[:size], encoding="utf-8")
    return path


def _spin(seconds: float) -> None:
    """Burn CPU time (not wall time) for about ``seconds``."""
    import time

    start = time.process_time()
    while time.process_time() - start < seconds:
        sum(range(1000))


def test_work_over_its_time_budget_is_stopped() -> None:
    with pytest.raises(OverBudget, match=r"more than 0\.2 s of CPU time"), within(Budget(0.2, 0)):
        _spin(5)


def test_work_over_its_memory_budget_is_stopped() -> None:
    held: list[bytes] = []
    with pytest.raises(OverBudget, match="more than 20 MiB of memory"), within(Budget(0, 20)):
        for _ in range(400):  # at most 400 MiB, far more than the budget
            held.append(b"x" * 2**20)  # written, so resident (bytes(n) may stay unmapped)
            _spin(0.01)
    assert len(held) < 400


def test_work_within_its_budget_runs_to_the_end() -> None:
    with within(Budget(5, 512)):
        _spin(0.3)
    with within(None):
        _spin(0.01)


def test_an_over_budget_exception_is_not_swallowed_by_the_work() -> None:
    """`except Exception` in the work (a lenient parser) must not catch the budget."""
    with pytest.raises(OverBudget), within(Budget(0.2, 0)):
        for _ in range(100):
            try:
                _spin(0.1)
            except Exception:  # what a lenient step might do
                continue


def test_an_over_budget_exception_lost_in_a_callback_is_raised_again() -> None:
    """A tick landing in a garbage-collection callback or a ``__del__`` has its exception
    printed and dropped by Python; the next tick must raise it again."""
    with pytest.raises(OverBudget), within(Budget(0.2, 0)):
        with suppress(OverBudget):  # what Python does to an exception raised in a callback
            _spin(0.5)
        _spin(2)


def test_an_article_over_budget_is_skipped_naming_it_and_the_others_are_kept(
    tmp_path: Path,
) -> None:
    long = _long_article(tmp_path / "long.txt", 400_000)
    short = DEMO / "cna-2026-02-28.txt"
    errors: list[InputError] = []
    with open_store() as store:
        result = weave(
            [str(short), str(long)],
            store,
            workers=1,
            ner=False,
            budget=Budget(0.3, 0),
            on_error=errors.append,
        )
    assert [e.ref for e in errors] == [str(long)]
    assert "per-article budget (raise it with --article-seconds)" in str(errors[0])
    assert [a.ref for a in result.articles] == [str(short)]


def test_the_cli_skips_an_article_over_budget_in_one_line(tmp_path: Path) -> None:
    long = _long_article(tmp_path / "long.txt", 400_000)
    short = DEMO / "cna-2026-02-28.txt"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "storyweave.cli", "run", str(short), str(long)),
            *("--db", ":memory:", "--article-seconds", "0.3", "--ner", "off", "-q"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1
    skipped = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert skipped[0] == (
        f"storyweave: skipped {long}: took more than 0.3 s of CPU time, over the per-article "
        "budget (raise it with --article-seconds)"
    )
    assert len(skipped) == 2 and skipped[1].endswith("1 input skipped; 1 article read")
