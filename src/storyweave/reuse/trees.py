"""A boosted ensemble of decision trees, read from JSON and evaluated with numpy.

The spin model's word weights (see :mod:`storyweave.reuse.spin`) come from such an ensemble,
fitted by ``tools/spin_calibrate.py`` and shipped as a JSON file in this package: the
fitting needs a machine-learning library, reading it needs none.

The JSON holds ``inputs`` (the names of the input columns), ``baseline`` (the ensemble's
constant), ``prior`` (for a classifier's log odds: the log odds of the classes among the rows
it was fitted on), and ``trees``: one object per tree with equal-length node lists ``input``
(the column a split reads; -1 at a leaf), ``threshold`` (values at most this go left),
``missing_left`` (1 when NaN goes left), ``left`` and ``right`` (child node numbers within the
tree) and ``value`` (what a leaf adds). Node 0 is a tree's root.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from storyweave.errors import StoryweaveError
from storyweave.ids import content_id
from storyweave.lexicon import cached_file, read_array, word_blob, write_array

_NODE_FIELDS = ("input", "threshold", "missing_left", "left", "right", "value")


@dataclass(frozen=True)
class TreeEnsemble:
    """All trees' nodes in flat arrays (children renumbered into them) and each tree's root."""

    inputs: tuple[str, ...]
    baseline: float
    roots: np.ndarray
    column: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    is_leaf: np.ndarray
    prior: float = 0.0
    digest: str = ""  # a content id of the description it was read from

    def predict(self, rows: np.ndarray) -> np.ndarray:
        """The ensemble's output (baseline plus the leaves' values) for each row of ``rows``
        (shape ``(n, len(inputs))``, NaN for a missing value)."""
        if rows.ndim != 2 or rows.shape[1] != len(self.inputs):
            raise ValueError(f"expected rows of {len(self.inputs)} inputs, got {rows.shape}")
        steps = self._steps
        width, trees = rows.shape[1], len(self.roots)
        values = np.ascontiguousarray(rows, dtype=np.float64).ravel()
        # each value twice: as it is (NaN goes right: no comparison holds) and with NaN as
        # -inf (it goes left); a split reads the one its missing_left says
        missing = np.isnan(values)
        doubled = np.empty(2 * values.size, dtype=np.float64)
        doubled[0::2] = values
        doubled[1::2] = np.where(missing, -np.inf, values)
        # one entry per (row, tree), row by row; a leaf is its own child
        nodes = np.tile(self.roots, rows.shape[0])
        starts = np.repeat(np.arange(rows.shape[0], dtype=np.int64) * (2 * width), trees)
        for _ in range(_FIRST_STEPS):  # all entries: those at a leaf stay there
            nodes = steps.child[
                2 * nodes + (doubled[starts + steps.read[nodes]] <= steps.bound[nodes])
            ]
        moving = np.flatnonzero(~self.is_leaf[nodes])
        while moving.size:  # then only those not yet at a leaf
            at = nodes[moving]
            go_left = doubled[starts[moving] + steps.read[at]] <= steps.bound[at]
            nodes[moving] = following = steps.child[2 * at + go_left]
            moving = moving[~self.is_leaf[following]]
        per_tree = self.value[nodes].reshape(rows.shape[0], trees)
        out: np.ndarray = self.baseline + per_tree.sum(axis=1)
        return out

    @cached_property
    def _steps(self) -> _Steps:
        leaf = self.is_leaf
        nodes = np.arange(len(self.column), dtype=np.int64)
        child = np.empty(2 * len(nodes), dtype=np.int64)
        child[0::2] = np.where(leaf, nodes, self.right)
        child[1::2] = np.where(leaf, nodes, self.left)
        read = 2 * np.where(leaf, 0, self.column) + self.missing_left.astype(np.int64)
        return _Steps(child, read, np.where(leaf, np.inf, self.threshold))


_FIRST_STEPS = 4  # steps every entry takes before those at a leaf are set apart


@dataclass(frozen=True)
class _Steps:
    """How an entry moves down a tree: from node ``n``, to ``child[2 * n + go_left]``, where
    ``go_left`` is whether the value at ``read[n]`` (of the doubled values of its row, see
    :meth:`TreeEnsemble.predict`) is at most ``bound[n]``; a leaf's children are itself."""

    child: np.ndarray
    read: np.ndarray
    bound: np.ndarray


def ensemble_from_dict(data: Mapping[str, Any], digest: str = "") -> TreeEnsemble:
    """The ensemble described by ``data`` (see the module's docstring)."""
    trees = data["trees"]
    fields: dict[str, list[float]] = {name: [] for name in _NODE_FIELDS}
    roots: list[int] = []
    for tree in trees:
        offset = len(fields["input"])
        roots.append(offset)
        sizes = {len(tree[name]) for name in _NODE_FIELDS}
        if len(sizes) != 1:
            raise ValueError("a tree's node lists differ in length")
        for name in _NODE_FIELDS:
            if name in ("left", "right"):
                fields[name] += [v + offset if v >= 0 else v for v in tree[name]]
            else:
                fields[name] += tree[name]
    column = np.array(fields["input"], dtype=np.int64)
    is_leaf = column < 0
    threshold = np.array(fields["threshold"], dtype=np.float64)
    if np.isnan(threshold[~is_leaf]).any():
        raise ValueError("a split's threshold is NaN")
    left = np.where(is_leaf, 0, np.array(fields["left"], dtype=np.int64))
    right = np.where(is_leaf, 0, np.array(fields["right"], dtype=np.int64))
    return TreeEnsemble(
        tuple(data["inputs"]),
        float(data["baseline"]),
        np.array(roots, dtype=np.int64),
        column,
        threshold,
        np.array(fields["missing_left"], dtype=bool),
        left,
        right,
        np.array(fields["value"], dtype=np.float64),
        is_leaf,
        float(data.get("prior", 0.0)),
        digest,
    )


def load_ensemble(path: Path) -> TreeEnsemble:
    """The ensemble in the JSON file at ``path``; :class:`StoryweaveError` when it is no such
    file. Its arrays are kept in the cache folder (see ``storyweave.lexicon.cached_file``):
    later runs read them instead of parsing the JSON (half a megabyte for spin's)."""
    try:
        small = path.stat().st_size < CACHED_ENSEMBLE_BYTES  # parsed as fast as read
        saved = None if small else cached_file(path, ENSEMBLE_ARRAYS, partial(_save_ensemble, path))
    except OSError as error:  # no such file
        raise StoryweaveError(f"{path}: not a tree-ensemble model ({error})") from error
    if saved is None:
        return _parsed_ensemble(path)
    with open(saved, "rb") as handle:
        header = json.loads(read_array(handle).tobytes().decode("utf-8"))
        roots, column, threshold, missing_left, left, right, value, is_leaf = (
            read_array(handle) for _ in _SAVED_ARRAYS
        )
    inputs, baseline = tuple(header["inputs"]), header["baseline"]
    return TreeEnsemble(
        inputs, baseline, roots, column, threshold, missing_left, left, right, value, is_leaf,
        header["prior"], header["digest"],
    )  # fmt: skip


ENSEMBLE_ARRAYS = "trees1"  # the cache file kind of an ensemble's arrays
CACHED_ENSEMBLE_BYTES = 1 << 16  # smaller JSON files are not kept in the cache folder
# TreeEnsemble's arrays, in the order of its fields
_SAVED_ARRAYS = (
    "roots",
    "column",
    "threshold",
    "missing_left",
    "left",
    "right",
    "value",
    "is_leaf",
)


def _parsed_ensemble(path: Path) -> TreeEnsemble:
    try:
        text = path.read_text(encoding="utf-8")
        return ensemble_from_dict(json.loads(text), content_id("tree ensemble", text))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoryweaveError(f"{path}: not a tree-ensemble model ({error})") from error


def _save_ensemble(path: Path, out: BinaryIO) -> None:
    """Write the ensemble of ``path`` for :func:`load_ensemble`: its scalars as JSON (floats
    keep their exact value through ``repr``), then its arrays."""
    ensemble = _parsed_ensemble(path)
    header = {
        "inputs": list(ensemble.inputs),
        "baseline": ensemble.baseline,
        "prior": ensemble.prior,
        "digest": ensemble.digest,
    }
    write_array(out, word_blob([json.dumps(header)]))
    for name in _SAVED_ARRAYS:
        write_array(out, getattr(ensemble, name))
