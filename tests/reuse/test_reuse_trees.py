"""The tree ensemble that weighs words for spin detection (storyweave.reuse.trees)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from storyweave.errors import StoryweaveError
from storyweave.reuse.spin import LOWER, MODEL_INPUTS, WORD_MODEL_FILE
from storyweave.reuse.trees import ensemble_from_dict, load_ensemble

Node = dict[str, list[float]]


def stump(column: int, threshold: float, low: float, high: float, nan_left: int) -> Node:
    return {
        "input": [column, -1, -1],
        "threshold": [threshold, 0.0, 0.0],
        "missing_left": [nan_left, 0, 0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, low, high],
    }


def deep_tree() -> Node:
    """x0 <= 0 ? (x1 <= 5 ? 1 : 2) : 3."""
    return {
        "input": [0, 1, -1, -1, -1],
        "threshold": [0.0, 5.0, 0.0, 0.0, 0.0],
        "missing_left": [1, 0, 0, 0, 0],
        "left": [1, 3, -1, -1, -1],
        "right": [2, 4, -1, -1, -1],
        "value": [0.0, 0.0, 3.0, 1.0, 2.0],
    }


def test_ensemble_sums_the_leaves_of_every_tree() -> None:
    model = ensemble_from_dict(
        {"inputs": ["a", "b"], "baseline": 0.5, "trees": [deep_tree(), stump(1, 1.0, -1, 1, 0)]}
    )
    rows = np.array([[-1.0, 4.0], [-1.0, 6.0], [2.0, 0.0], [math.nan, 0.5], [-1.0, math.nan]])
    # row 4: NaN in x0 goes left, x1 0.5 <= 5 -> 1, and x1 0.5 <= 1 -> -1
    # row 5: x1 NaN goes right in both trees that read it
    assert model.predict(rows).tolist() == [2.5, 3.5, 2.5, 0.5, 3.5]


def test_ensemble_without_trees_is_its_baseline() -> None:
    model = ensemble_from_dict({"inputs": ["a"], "baseline": -0.25, "trees": []})
    assert model.predict(np.zeros((3, 1))).tolist() == [-0.25] * 3


def test_rows_of_the_wrong_width_are_refused() -> None:
    model = ensemble_from_dict({"inputs": ["a", "b"], "baseline": 0.0, "trees": [deep_tree()]})
    with pytest.raises(ValueError, match="2 inputs"):
        model.predict(np.zeros((1, 3)))


def test_a_broken_model_file_is_a_one_line_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"inputs": ["a"], "trees": []}', encoding="utf-8")
    with pytest.raises(StoryweaveError, match=r"model\.json: not a tree-ensemble model") as error:
        load_ensemble(path)
    assert "\n" not in str(error.value)
    uneven = stump(0, 1.0, 0, 1, 0) | {"value": [0.0]}
    path.write_text(json.dumps({"inputs": ["a"], "baseline": 0, "trees": [uneven]}), "utf-8")
    with pytest.raises(StoryweaveError, match="differ in length"):
        load_ensemble(path)


def test_the_shipped_word_model_reads_the_spin_models_inputs() -> None:
    import storyweave.reuse.spin as spin

    model = load_ensemble(Path(spin.__file__).with_name(WORD_MODEL_FILE))
    assert model.inputs == MODEL_INPUTS
    assert len(model.roots) >= 50 and model.is_leaf.sum() > 2 * len(model.roots)
    assert model.prior < 0  # fewer swapped-in words than unspun ones among those fitted on
    assert len(model.digest) >= 16
    # a rare word that fits its context badly while a common synonym fits well weighs for
    # spinning; a common word that fits well, against it
    odd = [LOWER, 2.0, 5.5, 6, 4, 4, 8.0, 0.1, 0.8, 0.7, 0, 8]
    plain = [LOWER, 5.5, 5.6, 0, 0, 1, 0.0, 0.8, 0.7, -0.1, 0, 5]
    odd_weight, plain_weight = model.predict(np.array([odd, plain])) - model.prior
    assert odd_weight > 1.0 > 0.0 > plain_weight


def chain(depth: int, nan_left: int) -> Node:
    """Node k splits x(k % 2) at k - depth / 2 (the last at +inf): left to a leaf worth k,
    right to node k + 1; the last node's right leaf is worth -1."""
    tree: Node = {name: [] for name in ("input", "threshold", "missing_left", "left", "right")}
    tree["value"] = []
    for k in range(depth):
        last = k == depth - 1
        tree["input"] += [k % 2]
        tree["threshold"] += [math.inf if last else k - depth / 2]
        tree["missing_left"] += [nan_left]
        tree["left"] += [depth + k]
        tree["right"] += [2 * depth if last else k + 1]
        tree["value"] += [0.0]
    for name, fill in (("input", -1), ("threshold", 0.0), ("missing_left", 0)):
        tree[name] += [fill] * (depth + 1)
    tree["left"] += [-1] * (depth + 1)
    tree["right"] += [-1] * (depth + 1)
    tree["value"] += [float(k) for k in range(depth)] + [-1.0]
    return tree


def walk(tree: Node, row: list[float]) -> float:
    node = 0
    while tree["input"][node] >= 0:
        value = row[int(tree["input"][node])]
        left = tree["missing_left"][node] if math.isnan(value) else value <= tree["threshold"][node]
        node = int(tree["left"][node] if left else tree["right"][node])
    return tree["value"][node]


def test_deep_trees_treat_missing_and_infinite_values_as_a_walk_does() -> None:
    trees = [chain(9, 1), chain(7, 0), stump(0, -math.inf, 5.0, 7.0, 1)]
    model = ensemble_from_dict({"inputs": ["a", "b"], "baseline": 0.0, "trees": trees})
    special = [math.nan, math.inf, -math.inf, -10.0, 0.0, 10.0]
    rows = [[a, b] for a in special for b in special]
    expected = [sum(walk(tree, row) for tree in trees) for row in rows]
    assert model.predict(np.array(rows)).tolist() == expected


def test_a_split_at_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="NaN"):
        ensemble_from_dict({"inputs": ["a"], "baseline": 0, "trees": [stump(0, math.nan, 0, 1, 1)]})


def test_a_large_model_is_read_back_from_the_cache_folder_as_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyweave.lexicon import CACHE_ENV
    from storyweave.reuse import trees

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(trees, "CACHED_ENSEMBLE_BYTES", 0)
    path = tmp_path / "model.json"
    model = {
        "inputs": ["a", "b"],
        "baseline": 0.1,
        "prior": -1 / 3,
        "trees": [stump(0, 0.5, -1.25, 2.0, 1), stump(1, -3.0, 0.3, 0.7, 0)],
    }
    path.write_text(json.dumps(model), encoding="utf-8")
    parsed = ensemble_from_dict(model)
    rows = np.array([[0.2, math.nan], [0.9, -4.0], [math.nan, 1.0]])
    for _ in range(2):  # made, then read
        read = load_ensemble(path)
        assert read.inputs == parsed.inputs and read.digest
        assert (read.baseline, read.prior) == (parsed.baseline, parsed.prior)
        for name in ("roots", "column", "threshold", "missing_left", "left", "right", "value"):
            assert np.array_equal(getattr(read, name), getattr(parsed, name)), name
            assert getattr(read, name).dtype == getattr(parsed, name).dtype
        assert read.predict(rows).tolist() == parsed.predict(rows).tolist()
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".trees1"]
