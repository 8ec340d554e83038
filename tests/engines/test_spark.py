"""The Spark engine gives the local engine's results, on a real multi-process Spark
(``local-cluster``: executors in their own JVMs and Python workers)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyweave.engines.dedup import dedup_inputs
from storyweave.pipeline import weave
from storyweave.store import open_store

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
DEMO = ROOT / "examples" / "demo"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "data" / "corpora" / "bbc-news.jsonl"
SEEDS = SHARED / "seeds"

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark absent"),
    pytest.mark.skipif(shutil.which("java") is None, reason="Java absent"),
]


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    from storyweave.engines.spark import session

    started = session(
        "local-cluster[2,1,1024]",
        ["spark.default.parallelism=4", "spark.executor.memory=768m"],
    )
    yield started
    started.stop()


def test_spark_session_runs_in_separate_executor_processes(spark: Any) -> None:
    import os

    pids = spark.sparkContext.parallelize(range(8), 8).map(lambda _: os.getpid()).collect()
    assert os.getpid() not in pids


def test_dups_groups_equal_local(spark: Any, tmp_path: Path) -> None:
    from storyweave.engines.spark import dedup_inputs as spark_dedup_inputs

    paths = [str(DEMO)]
    if BBC.exists():
        sample = tmp_path / "sample.jsonl"
        with BBC.open(encoding="utf-8") as source:
            lines = [line for _, line in zip(range(300), source, strict=False)]
        # One more copy of an article under another id.
        lines += [lines[5].replace('"id": "', '"id": "copy-', 1)]
        sample.write_text("".join(lines), encoding="utf-8")
        paths.append(str(sample))
    local = dedup_inputs(paths, workers=1)
    distributed = spark_dedup_inputs(paths, spark)
    assert distributed.count == local.count
    assert distributed.refs == local.refs
    assert distributed.groups == local.groups


def test_run_stories_relations_findings_equal_local(spark: Any, tmp_path: Path) -> None:
    from storyweave.engines.spark import document_mapper

    paths = [str(DEMO)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    with open_store(str(tmp_path / "local.duckdb")) as store:
        local = weave(paths, store, workers=1, ner=False)
    with open_store(str(tmp_path / "spark.duckdb")) as store:
        distributed = weave(paths, store, ner=False, mapper=document_mapper(spark))
    assert [a.id for a in distributed.articles] == [a.id for a in local.articles]
    assert distributed.stories == local.stories
    assert distributed.relations == local.relations
    assert distributed.findings == local.findings
    assert [a.labels for a in distributed.articles] == [a.labels for a in local.articles]
    assert distributed.briefs == local.briefs
    assert len(local.stories) > 1 and local.relations


def test_cli_dups_engine_spark_writes_the_local_groups(spark: Any, tmp_path: Path) -> None:
    from storyweave.cli import main

    local, distributed = tmp_path / "local.json", tmp_path / "spark.json"
    assert main(["dups", str(DEMO), "--json", str(local), "-q"]) == 0
    # The session of the fixture is active, so the CLI uses it (as under spark-submit).
    argv = ["dups", str(DEMO), "--json", str(distributed), "-q", "--engine", "spark"]
    assert main(argv) == 0
    assert distributed.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
