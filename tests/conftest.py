"""Shared fixtures: where the repository and the shared evaluation data are.

Also puts this folder on ``sys.path`` so that test modules, which pytest imports with
``--import-mode=importlib`` (no packages, no path changes), can import ``builders``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"

if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def seeds_dir() -> Path:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is not present")
    return seeds
