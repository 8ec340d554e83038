"""What the Spark engine's reading of URIs decides without Spark: which paths are URIs, and
the waves of files the executors read."""

from __future__ import annotations

import pytest

from storyweave.engines import spark_files
from storyweave.engines.spark_files import Listed, is_uri, uri_groups, waves
from storyweave.errors import InputError


def test_uris_are_told_from_local_paths_and_grouped_in_order() -> None:
    paths = ["a.txt", "hdfs://head/x", "s3a://b/y/", "-", "gs://c/z", "C:/news"]
    assert [is_uri(path) for path in paths] == [False, True, True, False, True, False]
    assert list(uri_groups(paths)) == [
        (False, ["a.txt"]),
        (True, ["hdfs://head/x", "s3a://b/y/"]),
        (False, ["-"]),
        (True, ["gs://c/z"]),
        (False, ["C:/news"]),
    ]


def test_waves_keep_the_order_and_bound_files_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spark_files, "WAVE_FILES", 2)
    monkeypatch.setattr(spark_files, "WAVE_BYTES", 100)
    entries = [
        Listed("k0", "r0", 10),
        InputError("r1", "folder has no readable input files"),
        Listed("k2", "r2", 10),
        Listed("k3", "r3", 500),  # larger than a wave: a wave of its own
        Listed("k4", "r4", 10),
    ]
    found = [[index for index, _ in wave] for wave in waves(entries, tasks=1)]
    assert found == [[0, 1], [2], [3], [4]]
    assert [i for wave in found for i in wave] == list(range(len(entries)))
