"""Inputs on any Hadoop file system (``hdfs://``, ``s3a://``, ``gs://``, ``file://`` …) for the
Spark engine.

The driver lists them through Hadoop's ``FileSystem`` API, folders recursively with the rules
of local folders (:func:`list_inputs`); the listing (names and sizes) is all the driver holds
of them. The executors read the files' bytes (Spark's ``binaryFile`` source, a wave of files
at a time) and parse them with the local engine's reader
(:func:`storyweave.ingest.reader.read_named_bytes`), so a file gives the Documents and
InputErrors it gives when read from a local path, named by its URI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from storyweave.errors import InputError, UsageError
from storyweave.ingest import (
    EMPTY,
    Fields,
    Item,
    has_input_suffix,
    is_input_name,
    no_input_files,
    path_ref,
    read_named_bytes,
    uri_scheme,
)

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

_GLOB = re.compile(r"([\\*?\[\]{}])")  # what Spark's file sources read as a pattern
WAVE_FILES = 2_000  # files read at once per executor core, at most
WAVE_BYTES = 16 << 20  # bytes of files read at once per executor core, at most (one file more)


def is_uri(path: str) -> bool:
    """Whether ``path`` names its file system by a URI scheme (``hdfs://…``)."""
    return uri_scheme(path) is not None


def uri_groups(paths: Sequence[str]) -> Iterator[tuple[bool, list[str]]]:
    """``paths`` as runs of consecutive URIs (True) and local paths (False), in order."""
    run: list[str] = []
    for path in paths:
        if run and is_uri(path) != is_uri(run[0]):
            yield is_uri(run[0]), run
            run = []
        run.append(path)
    if run:
        yield is_uri(run[0]), run


@dataclass(frozen=True)
class Listed:
    """A file to read: ``key`` its qualified path as Hadoop writes it (how Spark's file sources
    name it), ``ref`` its URI under the path as given, ``size`` its length in bytes."""

    key: str
    ref: str
    size: int


Entry = Listed | InputError


def list_inputs(spark: SparkSession, uris: Sequence[str]) -> list[Entry]:
    """The files named by ``uris``, folders expanded recursively as local folders are (hidden
    names skipped, files of a known suffix, in sorted order), and the folders that could not
    be listed or hold no input file. A missing path is a UsageError."""
    context = spark.sparkContext
    jvm: Any = context._jvm
    conf = context._jsc.hadoopConfiguration()
    found: list[Entry] = []
    for uri in uris:
        path = jvm.org.apache.hadoop.fs.Path(uri)
        status = _status(path.getFileSystem(conf), path, uri)
        if status.isDirectory():
            found.extend(_folder_entries(path.getFileSystem(conf), status, uri))
        else:
            found.append(Listed(status.getPath().toString(), path_ref(uri), status.getLen()))
    return found


def _status(fs: Any, path: Any, uri: str) -> Any:
    try:
        return fs.getFileStatus(path)
    except Exception as exc:
        raise UsageError(f"{path_ref(uri)}: {_listing_failure(exc)}") from exc


def _listing_failure(exc: Exception) -> str:
    text = str(getattr(exc, "java_exception", "") or exc)
    if "FileNotFoundException" in text:
        return "no such file or folder"
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return f"could not be listed ({first[:200]})"


def _folder_entries(fs: Any, folder: Any, uri: str) -> list[Entry]:
    files: list[Entry] = []
    unreadable: list[Entry] = []
    _walk(fs, folder, uri.rstrip("/"), files, unreadable)
    if not files and not unreadable:
        return [no_input_files(path_ref(uri))]
    return unreadable + files


def _walk(fs: Any, folder: Any, ref: str, files: list[Entry], unreadable: list[Entry]) -> None:
    """Depth first, names sorted: the order of a local folder's sorted paths."""
    try:
        children = sorted(fs.listStatus(folder.getPath()), key=lambda s: s.getPath().getName())
    except Exception as exc:
        unreadable.append(InputError(path_ref(ref), _listing_failure(exc)))
        return
    for child in children:
        name = child.getPath().getName()
        if not is_input_name(name):
            continue
        if child.isDirectory():
            _walk(fs, child, f"{ref}/{name}", files, unreadable)
        elif has_input_suffix(name):
            key, size = child.getPath().toString(), child.getLen()
            files.append(Listed(key, path_ref(f"{ref}/{name}"), size))


def waves(entries: Sequence[Entry], tasks: int) -> Iterator[list[tuple[int, Entry]]]:
    """``entries`` numbered, in consecutive waves of at most ``tasks`` times WAVE_FILES files and
    WAVE_BYTES bytes (a larger file is a wave of its own)."""
    wave: list[tuple[int, Entry]] = []
    size = 0
    for index, entry in enumerate(entries):
        grows = entry.size if isinstance(entry, Listed) else 0
        if wave and (len(wave) >= tasks * WAVE_FILES or size + grows > tasks * WAVE_BYTES):
            yield wave
            wave, size = [], 0
        wave.append((index, entry))
        size += grows
    if wave:
        yield wave


def read_wave(
    spark: SparkSession, wave: Sequence[tuple[int, Entry]], max_bytes: int, fields: Fields
) -> RDD[tuple[int, list[Item]]]:
    """The items of each file of ``wave`` by its number, read and parsed in executors. A file
    Spark's source leaves out (an empty one, a name starting with ``_``) is not in it."""
    files = {entry.key: (index, entry.ref) for index, entry in wave if isinstance(entry, Listed)}
    if not files:
        return spark.sparkContext.emptyRDD()
    frame = (
        spark.read.format("binaryFile")
        .option("recursiveFileLookup", "true")  # no partition columns guessed from folder names
        .load([_GLOB.sub(r"\\\1", key) for key in files])
        .select("path", "content")
    )
    read = partial(_read_file, files=files, max_bytes=max_bytes, fields=fields)
    return frame.rdd.map(read)


def _read_file(
    row: Any, files: dict[str, tuple[int, str]], max_bytes: int, fields: Fields
) -> tuple[int, list[Item]]:
    key, content = row[0], bytes(row[1])
    index, ref = files[key]
    return index, list(read_named_bytes(content, key, ref, max_bytes=max_bytes, fields=fields))


def not_read(entry: Listed) -> InputError:
    """The error of a listed file that Spark's source did not give back."""
    if entry.size == 0:
        return InputError(entry.ref, EMPTY)
    if entry.key.rsplit("/", 1)[-1].startswith("_"):
        return InputError(entry.ref, "not read: Spark skips files whose name starts with '_'")
    return InputError(entry.ref, "not read: Spark did not find it (removed while reading?)")


def read_inputs(
    spark: SparkSession, uris: Sequence[str], max_bytes: int, fields: Fields
) -> Iterator[Item]:
    """Documents and InputErrors of ``uris`` in the order a local reading gives them; the
    driver holds the parsed items of one wave of files at a time."""
    tasks = max(1, spark.sparkContext.defaultParallelism)
    for wave in waves(list_inputs(spark, uris), tasks):
        found = dict(read_wave(spark, wave, max_bytes, fields).collect())
        for index, entry in wave:
            yield from wave_items(index, entry, found)


def wave_items(index: int, entry: Entry, found: dict[int, list[Item]]) -> list[Item]:
    """What the ``index``-th entry of a wave came to, given what executors ``found``."""
    if isinstance(entry, Listed) and index in found:
        return found[index]
    return [unread_error(entry)]


def unread_error(entry: Entry) -> InputError:
    """The error of an entry that executors did not read."""
    return entry if isinstance(entry, InputError) else not_read(entry)
