"""Evaluation gates: quality on real data must not drop below pinned floors.

The floors sit a little under the figures measured when they were pinned (see the benchmark
scripts, which print the full tables); raise them when quality improves, never lower them to make
a change pass. The data is read from ../shared/data; the gates skip when it is absent.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

EXTRACTION_FLOORS = {"scrapinghub-aeb": 0.955, "mozilla-readability": 0.920}  # pinned at .961/.927
CLUSTERING_FLOOR = 0.960  # B-cubed F1 at the default threshold; pinned at 0.965


def _benchmark(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("dataset", sorted(EXTRACTION_FLOORS))
def test_extraction_f1_stays_above_its_floor_and_trafilatura(dataset: str) -> None:
    bench = _benchmark("extraction")
    root = bench.DATA / dataset
    if not root.is_dir():
        pytest.skip(f"{root} is not present")
    pages = bench.scrapinghub_pages(root) if dataset == "scrapinghub-aeb" else None
    if pages is None:
        pages = bench.readability_pages(root)
    result = bench.evaluate(dataset, pages, None)
    ours = statistics.fmean(f1 for _, _, f1 in result["storyweave"].prf)
    theirs = statistics.fmean(f1 for _, _, f1 in result["trafilatura"].prf)
    assert ours >= EXTRACTION_FLOORS[dataset], f"token F1 {ours:.4f} below the floor"
    assert ours >= theirs, f"token F1 {ours:.4f} below trafilatura alone ({theirs:.4f})"


def test_story_clustering_b_cubed_stays_above_its_floor() -> None:
    bench = _benchmark("clustering")
    if not bench.DATA.exists():
        pytest.skip(f"{bench.DATA} is not present")
    articles, gold = bench.load(bench.DATA)
    relations = bench.relate(articles, [bench.fingerprint(a) for a in articles])
    stories = bench.cluster_stories(articles, relations)
    _, _, f1 = bench.bcubed(bench.assignment(stories, [a.id for a in articles]), gold)
    assert f1 >= CLUSTERING_FLOOR, f"B-cubed F1 {f1:.4f} below the floor"
