"""Where a benchmark's figures are kept: ``benchmarks/results/<name>.json``, with the commit they
were measured on, so a figure quoted in a note or in benchmarks/README.md can be traced back.

Each script calls :func:`save` once, at its end, with what it printed as plain data. The file
holds the commit (``git rev-parse HEAD``), whether the work tree had uncommitted changes then
(``dirty``: the figures may not belong to that commit alone), the date (UTC), the command line
and the figures. A later run of the same script replaces the file; commit it when the figures
are the ones a note quotes. ``BENCHMARK_RESULTS=DIR`` writes them to DIR instead (a trial run
that should leave the committed figures alone).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"


def save(name: str, figures: Any, *, directory: Path | None = None) -> Path:
    """Write ``figures`` (JSON-able data: dicts, lists, numbers, strings, dataclasses, numpy
    scalars) as ``<directory>/<name>.json`` (default: ``$BENCHMARK_RESULTS``, else
    ``benchmarks/results``); return the path."""
    folder = directory or Path(os.environ.get("BENCHMARK_RESULTS") or RESULTS)
    folder.mkdir(parents=True, exist_ok=True)
    commit, dirty = _commit()
    record = {
        "benchmark": name,
        "commit": commit,
        "dirty": dirty,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": ["python", *_relative_argv()],
        "figures": figures,
    }
    path = folder / f"{name}.json"
    text = json.dumps(record, indent=2, ensure_ascii=False, default=_plain) + "\n"
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    print(f"results: {path}", file=sys.stderr)
    return path


def _commit() -> tuple[str | None, bool | None]:
    """HEAD's commit and whether the tree differs from it (results files aside)."""
    try:
        head = _git("rev-parse", "HEAD")
        changes = _git("status", "--porcelain", "--", ".", ":(exclude)benchmarks/results")
    except (OSError, subprocess.CalledProcessError):
        return None, None
    return head, bool(changes)


def _git(*args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=True, timeout=30
    )
    return done.stdout.strip()


def _relative_argv() -> list[str]:
    """``sys.argv`` with the script named from the repository root, as a reader would type it."""
    argv = list(sys.argv)
    if argv:
        script = Path(argv[0]).resolve()
        if script.is_relative_to(REPO):
            argv[0] = str(script.relative_to(REPO))
    return argv


def _plain(value: Any) -> Any:
    """What ``json`` cannot write itself, as data it can."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return dict(value)
    for method in ("tolist", "item"):  # numpy arrays and scalars
        if hasattr(value, method):
            return getattr(value, method)()
    return str(value)
