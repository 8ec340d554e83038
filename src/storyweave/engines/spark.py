"""The Spark engine: ``dups``, and all of ``run`` but its labels and stories, on Apache Spark.

``dups`` runs the local dedup plan in Spark (:mod:`storyweave.engines.spark_dedup`): features
in executors, candidate pairs and components as joins, verification per component; only the
groups come back. For ``run`` (:class:`SparkMapper`), ``pipeline.process_document`` (clean,
fingerprint, extract claims) of each article runs as Spark tasks; the candidate pairs of
``engines.local.relate`` are group-bys over an RDD of the articles (:mod:`.spark_relate`: body
keys, LSH band keys and word 8-gram hashes made in executors, only the pairs of ids come back);
the verification of each candidate pair the verdict memo does not know
(``engines.local.relate_and_direct``), the word-choice evidence of each new article and the
per-story compare and brief (``pipeline.compare_and_brief``) run as Spark tasks. The driver
still holds every article (read from the store, and sent from there to the executors), and
finds the labels and stories on them with the local engine's code. Local inputs are read on
the driver and sent to the executors in waves of batches; inputs given as URIs of any Hadoop
file system (``hdfs://``, ``s3a://`` …) are listed by the driver and read and parsed by the
executors (:mod:`.spark_files`). The results are the local engine's, exactly.

Executors must be able to import storyweave: on one machine an installed (or editable)
package is enough; on a cluster install the wheel on every node or pass it with
``spark-submit --py-files``. ``PYSPARK_PYTHON`` defaults to this interpreter and
``SPARK_HOME`` to the pyspark package (which holds Spark's jars), so ``local[N]`` and
``local-cluster[...]`` work from a plain ``pip install 'storyweave[spark]'``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from storyweave.duplicates import (
    BATCH_SIZE,
    DEFAULT_K,
    DEFAULT_NUM_PERM,
    DEFAULT_THRESHOLD,
    DedupResult,
    Part,
    featurize_work,
    short_text_limit,
)
from storyweave.engines import spark_dedup, spark_files, spark_relate
from storyweave.engines.spark_files import uri_groups
from storyweave.errors import InputError, StoryweaveError, UsageError
from storyweave.ingest import DEFAULT_MAX_BYTES, Batch, Item, current_fields, read_batches
from storyweave.ingest import read_inputs as local_read_inputs
from storyweave.parallel import ProgressFn
from storyweave.records import Article, Signature

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"
WAVE_TASKS = 4  # batches in flight per executor core: what the driver holds of the input
# How Spark's handler of a fatal error ends the JVM after an OutOfMemoryError (SparkExitCode.OOM).
_EXIT_OUT_OF_MEMORY = 52
_OUT_OF_MEMORY = ("OutOfMemoryError", "Java heap space", "GC overhead limit exceeded")
_DEATH_SECONDS = 30.0  # how long a driver JVM that dropped its connection is given to end
_DYING: set[int] = set()  # ids of the sessions whose driver JVM is ending after a failure
_R = TypeVar("_R")
_T = TypeVar("_T")


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
            raise UsageError(f"--spark-conf {item!r}: expected KEY=VALUE")
        builder = builder.config(key.strip(), value)
    try:
        spark = builder.getOrCreate()
    except _spark_errors() as exc:
        message = str(getattr(exc, "java_exception", "") or exc).strip().splitlines()
        raise SparkFailure(f"Spark did not start: {message[0] if message else exc!r}") from exc
    spark.sparkContext.setLogLevel("ERROR")
    atexit.register(_stop, spark)  # executors shut down before the JVM, not killed with it
    return spark


def _stop(spark: SparkSession) -> None:
    if _alive(spark):
        with contextlib.suppress(Exception):
            spark.stop()


def _alive(spark: SparkSession) -> bool:
    """Whether the driver JVM can still be called: a call to a dead one makes py4j log a
    traceback."""
    return id(spark) not in _DYING and _driver_exit(spark) is None


class SparkFailure(StoryweaveError):
    """A Spark job failed or the Spark driver stopped; the message says why, and for a
    lack of memory, which setting to raise."""


def _driver_exit(spark: SparkSession, wait: float = 0.0) -> int | None:
    """The exit status of the driver JVM this process started, or None while it runs after
    ``wait`` seconds (or when it was not started here, as under spark-submit)."""
    proc = getattr(spark.sparkContext._gateway, "proc", None)
    if proc is None:
        return None
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(wait)
    status: int | None = proc.poll()
    return status


def _spark_errors() -> tuple[type[Exception], ...]:
    from py4j.protocol import Py4JError  # type: ignore[import-untyped]
    from pyspark.errors import PySparkException

    return Py4JError, PySparkException, ConnectionError


@contextmanager
def reported_failures(spark: SparkSession) -> Iterator[None]:
    """Turns an error of Spark (a failed job, a driver JVM that died) into a
    :class:`SparkFailure` with one line naming the reason."""
    try:
        yield
    except _spark_errors() as exc:
        raise SparkFailure(failure_reason(spark, exc)) from exc


def failure_reason(spark: SparkSession, exc: BaseException) -> str:
    """One line: why ``exc`` happened, and for a lack of memory which setting to raise."""
    from py4j.protocol import Py4JNetworkError

    # A lost connection to the driver JVM: it is ending, give it time to say how.
    lost = isinstance(exc, (Py4JNetworkError, ConnectionError))
    exit_status = _driver_exit(spark, wait=_DEATH_SECONDS if lost else 0.0)
    text = str(getattr(exc, "java_exception", "") or exc)
    memory = exit_status == _EXIT_OUT_OF_MEMORY or any(m in text for m in _OUT_OF_MEMORY)
    master = spark.sparkContext.master or ""
    # In local mode the executors work in the driver's heap, and an OutOfMemoryError there
    # ends the driver JVM.
    driver = exit_status is not None or master == "local" or master.startswith("local[")
    if exit_status is not None or (memory and driver):
        _DYING.add(id(spark))
    if memory:
        setting = "spark.driver.memory" if driver else "spark.executor.memory"
        return (
            "Spark ran out of memory (java.lang.OutOfMemoryError); raise "
            f"{setting}, e.g. --spark-conf {setting}=4g (see README, Running on Spark)"
        )
    if exit_status is not None:
        how = f"signal {-exit_status}" if exit_status < 0 else f"exit status {exit_status}"
        return f"the Spark driver JVM stopped ({how}); its log is on standard error"
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(exc).__name__)
    return f"Spark failed: {first[:300]}"


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
    progress: ProgressFn | None = None,
) -> DedupResult:
    """``storyweave.duplicates.dedup_inputs`` in Spark (see ``engines.spark_dedup``): the same
    groups; the driver holds a wave of input batches, the refs and the groups."""
    work = featurize_work(threshold=threshold, k=k, num_perm=num_perm)
    tell = progress or (lambda stage, done, total: None)
    refs: list[str] = []

    def on_part(found: list[str], errors: list[InputError]) -> None:
        refs.extend(found)
        tell("reading", len(refs), None)
        if on_error is not None:
            for error in errors:
                on_error(error)

    workdir = spark_dedup.work_directory(spark)
    try:
        with reported_failures(spark):
            saved = spark_dedup.Saved(workdir, on_part)
            _featurize(spark, paths, work, saved, stdin, max_bytes)
            count = saved.documents
            if count == 0:
                return DedupResult(0, [], ())
            tell("grouping", 0, 1)
            settings = spark_dedup.Settings(threshold, k, short_text_limit(k, threshold), workdir)
            groups = list(spark_dedup.groups(spark, settings))
            tell("grouping", 1, 1)
    finally:
        if "://" not in workdir or _alive(spark):  # a remote one is removed by the JVM
            spark_dedup.remove_work_directory(spark, workdir)
    return DedupResult(count, groups, tuple(refs))


def _featurize(
    spark: SparkSession,
    paths: Sequence[str],
    work: Callable[[Batch], Part],
    saved: spark_dedup.Saved,
    stdin: BinaryIO | None,
    max_bytes: int,
) -> None:
    """The features of every input, in order: local paths read by the driver, URIs by the
    executors."""
    wave = max(1, spark.sparkContext.defaultParallelism * WAVE_TASKS)
    fields = current_fields()
    for remote, group in uri_groups(paths):
        if remote:
            spark_dedup.featurize_files(spark, group, work, (max_bytes, fields), saved)
        else:
            batches = read_batches(group, stdin=stdin, max_bytes=max_bytes, batch_lines=BATCH_SIZE)
            spark_dedup.featurize_batches(spark, batches, work, wave, saved)


def read_inputs(
    spark: SparkSession,
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """``storyweave.ingest.read_inputs`` with paths on any Hadoop file system (URIs such as
    ``hdfs://…``), read and parsed in executors (:mod:`.spark_files`); local paths are read
    here, as the local engine reads them."""
    fields = current_fields()
    for remote, group in uri_groups(paths):
        if remote:
            with reported_failures(spark):
                yield from spark_files.read_inputs(spark, group, max_bytes, fields)
        else:
            yield from local_read_inputs(group, stdin=stdin, max_bytes=max_bytes, fields=fields)


class SparkMapper:
    """A mapper for ``pipeline.weave(mapper=...)``: the per-document work (clean, fingerprint,
    extract) and the per-story work (compare and brief) of a run as Spark tasks, results in
    input order; and, as an ``engines.local.CandidateFinder``, the candidate pairs of
    ``engines.local.relate`` as Spark joins (:mod:`.spark_relate`)."""

    def __init__(self, spark: SparkSession) -> None:
        self._spark = spark

    def __call__(self, work: Callable[[_T], _R], items: Sequence[_T]) -> list[_R]:
        if not items:
            return []
        context = self._spark.sparkContext
        slices = min(len(items), max(1, context.defaultParallelism * WAVE_TASKS))
        with reported_failures(self._spark):
            found: list[_R] = context.parallelize(list(items), slices).map(work).collect()
            return found

    def relation_candidates(
        self, articles: Sequence[Article], signatures: Sequence[Signature]
    ) -> list[tuple[str, str]]:
        """``engines.local.relation_candidate_ids``, joined in Spark."""
        with reported_failures(self._spark):
            return spark_relate.relation_candidate_ids(self._spark, articles, signatures)
