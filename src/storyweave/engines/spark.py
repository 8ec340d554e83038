"""The Spark engine: ``dups``, and the per-document work of ``run``, on Apache Spark.

``dups`` runs the local dedup engine's plan in Spark (:mod:`storyweave.engines.spark_dedup`):
features in executors, candidate pairs and components as joins, verification per component;
only the groups come back. For ``run``, ``pipeline.process_document`` (clean, fingerprint,
extract claims) of each article runs as a map over partitions; relations, stories and the
per-story compare and brief still run on the driver with the local engine's code, on the
articles gathered from Spark. The inputs are read on the driver and sent to the executors in
waves of batches. The results are the local engine's, exactly.

Executors must be able to import storyweave: on one machine an installed (or editable)
package is enough; on a cluster install the wheel on every node or pass it with
``spark-submit --py-files``. ``PYSPARK_PYTHON`` defaults to this interpreter and
``SPARK_HOME`` to the pyspark package (which holds Spark's jars), so ``local[N]`` and
``local-cluster[...]`` work from a plain ``pip install 'storyweave[spark]'``.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from storyweave.engines import spark_dedup
from storyweave.engines.dedup import (
    BATCH_SIZE,
    DedupResult,
    Progress,
    _featurize_batch,
    lsh_shape,
)
from storyweave.errors import InputError
from storyweave.ingest.batches import read_batches
from storyweave.ingest.common import DEFAULT_MAX_BYTES
from storyweave.reuse.dedup import (
    DEFAULT_K,
    DEFAULT_NUM_PERM,
    DEFAULT_THRESHOLD,
    MAX_APPENDED_WORDS,
    short_text_limit,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
WAVE_TASKS = 4  # batches in flight per executor core: what the driver holds of the input
_T = TypeVar("_T")
_R = TypeVar("_R")


def unavailable_reason() -> str | None:
    """Why the Spark engine cannot run here (pyspark or Java missing), or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "the Spark engine needs pyspark: pip install 'storyweave[spark]'"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))):
        from shutil import which

        if which("java") is None:
            return "the Spark engine needs Java 17 or later (java not found; set JAVA_HOME)"
    return None


def session(master: str = DEFAULT_MASTER, conf: Sequence[str] = ()) -> SparkSession:
    """A Spark session on ``master`` with ``conf`` (``KEY=VALUE`` strings) applied; an active
    session is reused as it is (under spark-submit, its master and settings rule)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    import pyspark
    from pyspark.sql import SparkSession

    os.environ.setdefault("SPARK_HOME", os.path.dirname(pyspark.__file__))
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.master(master).appName("storyweave")
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    for item in conf:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"--spark-conf {item!r}: expected KEY=VALUE")
        builder = builder.config(key.strip(), value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    atexit.register(spark.stop)  # executors shut down before the JVM, not killed with it
    return spark


def map_in_waves(
    spark: SparkSession, items: Iterable[_T], work: Callable[[_T], _R]
) -> Iterator[_R]:
    """``work`` on each of ``items`` in Spark executors, results in input order. The items are
    sent in waves of a few per executor core, so the driver never holds all of them."""
    context = spark.sparkContext
    wave = max(1, context.defaultParallelism * WAVE_TASKS)
    it = iter(items)
    while chunk := list(islice(it, wave)):
        yield from context.parallelize(chunk, len(chunk)).map(work).collect()


def dedup_inputs(
    paths: Sequence[str],
    spark: SparkSession,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    threshold: float = DEFAULT_THRESHOLD,
    k: int = DEFAULT_K,
    num_perm: int = DEFAULT_NUM_PERM,
    on_error: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> DedupResult:
    """``engines.dedup.dedup_inputs`` in Spark (see ``engines.spark_dedup``): the same
    groups; the driver holds a wave of input batches, the refs and the groups."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    tell = progress or (lambda stage, done, total: None)
    work = partial(
        _featurize_batch,
        k=k,
        num_perm=num_perm,
        prefix_words=short_text_limit(k, threshold) + MAX_APPENDED_WORDS,
        lsh=lsh_shape(num_perm, threshold),
    )
    batches = read_batches(paths, stdin=stdin, max_bytes=max_bytes, batch_lines=BATCH_SIZE)
    refs: list[str] = []

    def on_part(found: list[str], errors: list[InputError]) -> None:
        refs.extend(found)
        tell("reading", len(refs), None)
        if on_error is not None:
            for error in errors:
                on_error(error)

    workdir = spark_dedup.work_directory(spark)
    try:
        wave = max(1, spark.sparkContext.defaultParallelism * WAVE_TASKS)
        count = spark_dedup.featurize_waves(spark, batches, work, workdir, wave, on_part)
        if count == 0:
            return DedupResult(0, [], ())
        tell("grouping", 0, 1)
        settings = spark_dedup.Settings(threshold, k, short_text_limit(k, threshold), workdir)
        groups = list(spark_dedup.groups(spark, settings))
        tell("grouping", 1, 1)
    finally:
        spark_dedup.remove_work_directory(spark, workdir)
    return DedupResult(count, groups, tuple(refs))


def document_mapper(
    spark: SparkSession,
) -> Callable[[Callable[[Any], _R], Sequence[Any]], list[_R]]:
    """A mapper for ``pipeline.weave(mapper=...)``: the per-document work in Spark."""

    def mapper(work: Callable[[Any], _R], items: Sequence[Any]) -> list[_R]:
        if not items:
            return []
        context = spark.sparkContext
        slices = min(len(items), max(1, context.defaultParallelism * WAVE_TASKS))
        return context.parallelize(list(items), slices).map(work).collect()

    return mapper
