"""The Spark engine gives the local engine's results, on a real multi-process Spark
(``local-cluster``: executors in their own JVMs and Python workers)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

import pytest

from builders import warc_page
from storyweave.duplicates import (
    DEFAULT_K,
    DEFAULT_NUM_PERM,
    DEFAULT_THRESHOLD,
    MAX_APPENDED_WORDS,
    dedup_inputs,
    short_text_limit,
)
from storyweave.ingest.batches import read_batches
from storyweave.pipeline import weave
from storyweave.store import open_store

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
DEMO = ROOT / "examples" / "demo"
SHARED = ROOT.parent / "shared"
BBC = SHARED / "data" / "corpora" / "bbc-news.jsonl"
REUTERS = SHARED / "data" / "corpora" / "reuters21578.jsonl"
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


def _bbc_sample(tmp_path: Path) -> Path | None:
    """The first 300 BBC articles and one more copy of one of them under another id."""
    if not BBC.exists():
        return None
    sample = tmp_path / "sample.jsonl"
    with BBC.open(encoding="utf-8") as source:
        lines = [line for _, line in zip(range(300), source, strict=False)]
    lines += [lines[5].replace('"id": "', '"id": "copy-', 1)]
    sample.write_text("".join(lines), encoding="utf-8")
    return sample


def _near_copies(tmp_path: Path) -> Path:
    """BBC articles, each with copies a word changed, a line added, or its start cut."""
    if not BBC.exists():
        pytest.skip("BBC corpus absent")
    with BBC.open(encoding="utf-8") as source:
        records = [json.loads(line) for line in islice(source, 60)]
    out = []
    for i, record in enumerate(records):
        words = record["text"].split()
        changed = [*words[:10], "meanwhile", *words[11:]]
        variants = [words, changed, [*words, "Read", "more", "at", "our", "site."], words[12:]]
        for j, variant in enumerate(variants[: 1 + i % 4]):
            out.append(json.dumps({"id": f"{i}-{j}", "text": " ".join(variant)}) + "\n")
    copies = tmp_path / "copies.jsonl"
    copies.write_text("".join(out), encoding="utf-8")
    return copies


@pytest.mark.parametrize("shard_docs", [2_000, 7])
def test_dups_groups_equal_local_across_aligned_blocks(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_docs: int
) -> None:
    # Blocks of a few pairs, so that the global numbering of the aligned blocks (which pairs
    # are aligned together decides which links, hence which scores, the groups get) is used;
    # and shards of a few texts, more shards than partitions, as on a large corpus.
    from storyweave.duplicates import api, decisions
    from storyweave.engines import spark_dedup

    paths = [str(_near_copies(tmp_path))]
    monkeypatch.setattr(decisions, "ALIGN_BLOCK", 4)
    monkeypatch.setattr(spark_dedup, "SHARD_DOCS", shard_docs)
    local = dedup_inputs(paths, workers=1)
    work = partial(
        api.featurize_batch,
        k=DEFAULT_K,
        num_perm=DEFAULT_NUM_PERM,
        prefix_words=short_text_limit(DEFAULT_K, DEFAULT_THRESHOLD) + MAX_APPENDED_WORDS,
        lsh=api.lsh_shape(DEFAULT_NUM_PERM, DEFAULT_THRESHOLD),
    )
    batches = read_batches(paths, batch_lines=api.BATCH_SIZE)
    refs: list[str] = []
    count = spark_dedup.featurize_waves(
        spark, batches, work, str(tmp_path / "work"), 2, lambda found, _: refs.extend(found)
    )
    limit = short_text_limit(DEFAULT_K, DEFAULT_THRESHOLD)
    settings = spark_dedup.Settings(DEFAULT_THRESHOLD, DEFAULT_K, limit, str(tmp_path / "work"), 4)
    assert (count, tuple(refs)) == (local.count, local.refs)
    assert list(spark_dedup.groups(spark, settings)) == local.groups
    assert len({g.score for g in local.groups if g.kind == "near-duplicate"}) > 3


def test_run_stories_relations_findings_equal_local(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyweave.engines import local as local_engine
    from storyweave.engines.spark import SparkMapper

    paths = [str(DEMO)] + ([str(SEEDS)] if SEEDS.is_dir() else [])
    with open_store(str(tmp_path / "local.duckdb")) as store:
        local = weave(paths, store, workers=1, ner=False)
    mapped: list[str] = []

    class Mapper(SparkMapper):
        def __call__(self, work: Any, items: Any) -> Any:
            mapped.append(getattr(work, "__name__", "per-document"))
            return super().__call__(work, items)

        def relation_candidates(self, articles: Any, signatures: Any) -> Any:
            mapped.append("relation_candidates")
            return super().relation_candidates(articles, signatures)

    def not_here(*args: Any) -> Any:
        raise AssertionError("the driver joined the candidate pairs")

    mapper = Mapper(spark)
    monkeypatch.setattr(local_engine, "relation_candidate_ids", not_here)

    with open_store(str(tmp_path / "spark.duckdb")) as store:
        distributed = weave(paths, store, ner=False, mapper=mapper)
    assert "compare_and_brief" in mapped  # the per-story work ran in Spark too
    assert "relation_candidates" in mapped  # and so did the candidate pairs
    assert [a.id for a in distributed.articles] == [a.id for a in local.articles]
    assert distributed.stories == local.stories
    assert distributed.relations == local.relations
    assert distributed.findings == local.findings
    assert [a.labels for a in distributed.articles] == [a.labels for a in local.articles]
    assert distributed.briefs == local.briefs
    assert len(local.stories) > 1 and local.relations


def _candidate_corpus() -> list[Any]:
    """Articles with every kind of candidate: identical bodies (the earliest their
    representative), a near-duplicate pair (LSH), a 30-word passage inside long different
    articles (shared 8-grams), and pairs that are none: a 10-word passage (3 8-grams) and a
    formula that 52 articles share."""
    from random import Random

    from storyweave.records import Article, Meta

    words = [f"w{i}" for i in range(60)]

    def text(seed: int, length: int) -> str:
        rng = Random(seed)
        return " ".join(rng.choice(words) for _ in range(length))

    base, passage, short = text(1, 150), text(2, 30), text(3, 10)
    bodies = {
        "near-a": base,
        "near-b": base.replace(" ", " extra ", 1),
        "long-a": f"{text(4, 200)} {passage} {text(5, 200)}",
        "long-b": f"{text(6, 250)} {passage} {text(7, 150)}",
        "brief-a": f"{text(8, 200)} {short} {text(9, 200)}",
        "brief-b": f"{text(10, 200)} {short} {text(11, 200)}",
        "empty": "",
    }
    formula = text(12, 30)
    bodies |= {f"formula-{i:02d}": f"{text(100 + i, 80)} {formula}" for i in range(52)}
    articles = [Article(key, key, key, body) for key, body in bodies.items()]
    dates = ["2024-05-03", "2024-05-01T09:00:00+02:00", None]
    articles += [
        Article(f"copy-{i}", "", "", text(13, 40), published=date and Meta(date, "test"))
        for i, date in enumerate(dates)
    ]
    return articles


def test_run_candidate_pairs_in_spark_equal_local(spark: Any) -> None:
    from storyweave.duplicates import fingerprint
    from storyweave.engines.local import relation_candidate_ids
    from storyweave.engines.spark import SparkMapper

    articles = _candidate_corpus()
    signatures = [fingerprint(a) for a in articles]
    local = relation_candidate_ids(articles, signatures)
    found = SparkMapper(spark).relation_candidates(list(reversed(articles)), signatures)
    assert found == local
    assert {("near-a", "near-b"), ("long-a", "long-b")} <= set(local)
    assert ("copy-0", "copy-1") in local and ("copy-1", "copy-2") in local  # copy-1 is earliest
    assert ("copy-0", "copy-2") not in local
    assert not any(a.startswith("brief") or a.startswith("formula") for pair in local for a in pair)


def test_run_candidate_pairs_of_a_large_family_in_spark_equal_local(spark: Any) -> None:
    """Spark keeps each article's most alike LSH partners as the local engine does (60
    members: their word 8-grams are in more articles than make a reuse candidate, so the
    candidates are the LSH ones alone)."""
    from storyweave.duplicates import fingerprint
    from storyweave.engines.local import BAND_PARTNERS, relation_candidate_ids
    from storyweave.engines.spark import SparkMapper
    from storyweave.records import Article

    base = [f"word{i % 45}" for i in range(60)]
    articles = [
        Article(f"f{n:02d}", "", "", " ".join([*base[:n], f"variant{n}", *base[n + 1 :]]))
        for n in range(60)
    ]
    signatures = [fingerprint(a) for a in articles]
    local = relation_candidate_ids(articles, signatures)
    assert SparkMapper(spark).relation_candidates(articles, signatures) == local
    assert len(local) <= 60 * BAND_PARTNERS < 60 * 59 // 2


def test_run_with_a_spark_mapper_verifies_only_pairs_the_memo_does_not_know(spark: Any) -> None:
    from storyweave.duplicates import fingerprint
    from storyweave.engines.local import relate, relate_and_direct, relation_candidate_ids
    from storyweave.engines.spark import SparkMapper

    articles = _candidate_corpus()
    signatures = [fingerprint(a) for a in articles]
    ids = relation_candidate_ids(articles, signatures)
    by_id = {a.id: a for a in articles}
    kept = {pair: relate_and_direct((by_id[pair[0]], by_id[pair[1]])) for pair in ids[1:]}
    verified: list[Any] = []

    class Memo:
        def known(self, pairs: Any) -> Any:
            return {pair: kept[pair] for pair in pairs if pair in kept}

        def keep(self, verdicts: Any) -> None:
            verified.extend(verdicts)

    class Mapper(SparkMapper):
        def __call__(self, work: Any, items: Any) -> Any:
            assert [(a.id, b.id) for a, b in items] == ids[:1]
            return super().__call__(work, items)

    relations = relate(articles, signatures, mapper=Mapper(spark), memo=Memo())
    assert verified == ids[:1]
    assert relations == relate(articles, signatures)


def test_cli_dups_engine_spark_writes_the_local_groups(spark: Any, tmp_path: Path) -> None:
    from storyweave.cli import main

    paths = [str(DEMO)]
    sample = _bbc_sample(tmp_path)
    if sample is not None:
        paths.append(str(sample))
    if sample is not None:
        paths.append(str(_near_copies(tmp_path)))
    if REUTERS.exists():
        head = tmp_path / "reuters.jsonl"
        with REUTERS.open(encoding="utf-8") as source:
            head.write_text("".join(islice(source, 5000)), encoding="utf-8")
        paths.append(str(head))
    local, distributed = tmp_path / "local.json", tmp_path / "spark.json"
    assert main(["dups", *paths, "--json", str(local), "-q"]) == 0
    # The session of the fixture is active, so the CLI uses it (as under spark-submit).
    argv = ["dups", *paths, "--json", str(distributed), "-q", "--engine", "spark"]
    assert main(argv) == 0
    assert distributed.read_bytes() == local.read_bytes()


class _Proc:
    def __init__(self, status: int | None) -> None:
        self.status = status

    def wait(self, timeout: float) -> int | None:
        return self.status

    def poll(self) -> int | None:
        return self.status


def _fake_session(master: str, status: int | None) -> Any:
    from types import SimpleNamespace

    gateway = SimpleNamespace(proc=_Proc(status))
    return SimpleNamespace(sparkContext=SimpleNamespace(master=master, _gateway=gateway))


@pytest.mark.parametrize(
    ("master", "status", "error", "expected"),
    [
        ("local[2]", 52, "Answer from Java side is empty", "raise spark.driver.memory"),
        ("local[2]", None, "java.lang.OutOfMemoryError: Java heap space", "spark.driver.memory"),
        ("spark://h:7077", None, "Task failed: OutOfMemoryError", "spark.executor.memory"),
        ("spark://h:7077", -9, "Connection refused", "driver JVM stopped (signal 9)"),
        ("local[2]", None, "Job aborted\n  at somewhere", "Spark failed: Job aborted"),
    ],
)
def test_failure_reason_is_one_line_naming_the_setting(
    master: str, status: int | None, error: str, expected: str
) -> None:
    from storyweave.engines.spark import failure_reason

    reason = failure_reason(_fake_session(master, status), RuntimeError(error))
    assert expected in reason and "\n" not in reason


_OUT_OF_MEMORY_RUN = """
import sys
from storyweave import cli
from storyweave.engines import spark_dedup

def groups(spark, settings):  # a task whose result does not fit the driver's heap
    spark.sparkContext.parallelize([0], 1).map(lambda _: b"x" * (700 << 20)).collect()
    return iter(())

spark_dedup.groups = groups
sys.exit(cli.main(["dups", sys.argv[1], "-q", "--engine", "spark", "--spark-master",
                   "local[1]", "--spark-conf", "spark.driver.memory=512m"]))
"""


def test_cli_dups_out_of_driver_memory_is_one_line_and_exit_2() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _OUT_OF_MEMORY_RUN, str(DEMO)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr[-3000:]
    assert lines[-1].startswith("storyweave: error: Spark ran out of memory")
    assert "spark.driver.memory" in lines[-1]


def _inputs_with_bad_files(tmp_path: Path) -> Path:
    """The demo, a Parquet and a CSV table, a WARC archive, and files that cannot be read: an
    empty one, a WARC archive that is not one, a Parquet table that is not one."""
    import duckdb

    folder = tmp_path / "inputs"
    shutil.copytree(DEMO, folder / "demo")
    table = folder / "tables" / "wire.parquet"
    table.parent.mkdir()
    texts = [
        "The harbour authority closed the north pier after storm damage on Tuesday.",
        "Storm damage led the harbour authority to close the north pier on Tuesday night.",
    ]
    rows = ", ".join(f"('w{i}', '{text}')" for i, text in enumerate(texts))
    duckdb.sql(f"COPY (SELECT * FROM (VALUES {rows}) t(id, text)) TO '{table}' (FORMAT parquet)")
    (folder / "tables" / "desk.csv").write_text(
        "id,text\nd1,The ferry company said crossings would resume on Thursday morning.\n",
        encoding="utf-8",
    )
    (folder / "crawl.warc.gz").write_bytes(
        warc_page(
            "Council members voted to rebuild the flood wall before the winter rains.",
            "https://news.example/wall",
            gzip=True,
        )
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.warc").write_bytes(b"no archive here\n")
    (folder / "tables" / "broken.parquet").write_bytes(b"not parquet at all")
    return folder


def _local_refs(refs: Any, folder: Path) -> list[str]:
    return [str(ref).replace(folder.as_uri(), str(folder)) for ref in refs]


def test_run_on_file_uris_reads_in_executors_with_the_local_results(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # file:// goes through Hadoop's LocalFileSystem, as hdfs:// goes through HDFS's.
    from storyweave.engines import spark_files
    from storyweave.engines.spark import SparkMapper
    from storyweave.engines.spark import read_inputs as spark_read_inputs
    from storyweave.ingest import reader

    folder = _inputs_with_bad_files(tmp_path)
    with open_store(str(tmp_path / "local.duckdb")) as store:
        local = weave([str(folder)], store, workers=1, ner=False)

    def not_here(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the driver read an input file")

    monkeypatch.setattr(spark_files, "read_named_bytes", not_here)
    monkeypatch.setattr(reader, "open_regular", not_here)
    with open_store(str(tmp_path / "spark.duckdb")) as store:
        distributed = weave(
            [folder.as_uri()],
            store,
            ner=False,
            mapper=SparkMapper(spark),
            reader=partial(spark_read_inputs, spark),
        )
    assert [a.id for a in distributed.articles] == [a.id for a in local.articles]
    refs = _local_refs((a.ref for a in distributed.articles), folder)
    assert refs == [a.ref for a in local.articles]
    assert distributed.stories == local.stories
    assert distributed.relations == local.relations
    assert distributed.findings == local.findings
    assert _items(distributed.errors, folder) == _items(local.errors, folder)
    assert len(local.errors) == 3
    for ref in ("wire.parquet#w1", "desk.csv#d1", "crawl.warc.gz"):
        assert any(ref in a.ref for a in local.articles)
    assert len(local.stories) > 1 and local.relations


def test_cli_dups_on_file_uris_writes_the_local_groups_and_skips_bad_files(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyweave.cli import main

    folder = _inputs_with_bad_files(tmp_path)
    shutil.copy(_near_copies(tmp_path), folder / "copies.jsonl")
    local, distributed = tmp_path / "local.json", tmp_path / "spark.json"
    assert main(["dups", str(folder), "--json", str(local), "-q"]) == 1
    skipped_locally = capsys.readouterr().err.splitlines()
    argv = ["dups", folder.as_uri(), "--json", str(distributed), "-q", "--engine", "spark"]
    assert main(argv) == 1
    skipped = capsys.readouterr().err.splitlines()
    text = distributed.read_text(encoding="utf-8")
    assert text.replace(folder.as_uri(), str(folder)) == local.read_text(encoding="utf-8")
    assert len(json.loads(text)["groups"]) > 10
    assert _local_refs(skipped, folder) == skipped_locally
    assert skipped[0].startswith(f"storyweave: skipped {folder.as_uri()}/broken.warc: not a WARC")
    assert skipped[-1].startswith("storyweave: 3 input(s) skipped")


def _items(items: Iterable[Any], folder: Path) -> list[tuple[str, str]]:
    """(ref, id or reason) of each Document or InputError, the URI of ``folder`` read as its
    local path."""
    uri = folder.as_uri()
    found = [(i.ref, getattr(i, "id", None) or i.reason) for i in items]
    return [(ref.replace(uri, str(folder)), what.replace(uri, str(folder))) for ref, what in found]


def test_file_uris_of_folders_and_files_mixed_with_local_paths_read_in_order(
    spark: Any, tmp_path: Path
) -> None:
    from storyweave.engines.spark import read_inputs as spark_read_inputs
    from storyweave.ingest import read_inputs

    folder = _inputs_with_bad_files(tmp_path)
    demo = folder / "demo"
    # Characters Spark's file source would read as a pattern, or as a list of paths.
    odd = folder / "tables" / "odd [1] {a,b} * ? % é.txt"
    odd.write_text("A name Spark would glob still names this one file.", encoding="utf-8")
    given = [str(demo / "feed.jsonl"), (folder / "tables").as_uri(), str(folder / "empty.txt")]
    given += [(demo / "touchline.html").as_uri(), (folder / "empty.txt").as_uri(), str(demo)]
    locally = [path.replace(folder.as_uri(), str(folder)) for path in given]
    found = _items(spark_read_inputs(spark, given), folder)
    assert found == _items(read_inputs(locally), folder)
    assert any(ref.endswith("wire.parquet#w0") for ref, _ in found)
    assert str(odd) in dict(found)


def test_a_missing_uri_is_a_one_line_usage_error(
    spark: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyweave.cli import main

    missing = (tmp_path / "nowhere").as_uri()
    assert main(["dups", missing, "-q", "--engine", "spark"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"storyweave: error: {missing}: no such file or folder"
