"""Claim stance on FNC-1: how well the shipped model does.

``python benchmarks/stance.py [--model FILE]`` measures the shipped model (which
``tools/stance_train.py`` fits) through the package's own code, on the dev half's pairs
(``stance/fnc1-dev-pairs.jsonl`` joined on ``id`` with the bodies of ``stories/fnc1-dev.jsonl``):
FNC-1's score relative to the best possible, per-class F1, macro-F1, the confusion matrix, and
pairs per second on one core (each body and claim prepared once, as ``storyweave check`` does).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from _results import save  # benchmarks/_results.py
from storyweave.stance.features import prepare_body, prepare_claim
from storyweave.stance.model import (
    FNC_LABELS,
    MODEL_PATH,
    PairInputs,
    StanceModel,
    decide,
    load_model,
)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEV_PAIRS = DATA / "stance" / "fnc1-dev-pairs.jsonl"
DEV_BODIES = DATA / "stories" / "fnc1-dev.jsonl"

Pair = tuple[str, str, str]  # claim, body id, FNC-1 label


def read_dev() -> tuple[list[Pair], dict[str, str]]:
    with DEV_BODIES.open(encoding="utf-8") as lines:
        bodies = {r["id"]: r["text"] for r in map(json.loads, lines)}
    with DEV_PAIRS.open(encoding="utf-8") as lines:
        pairs = [(r["claim"], r["id"], r["stance"]) for r in map(json.loads, lines)]
    return pairs, bodies


def fnc_score(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """FNC-1's score relative to the best possible (label 3 is unrelated)."""
    got = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        related = g != 3
        best += 0.25 + (0.75 if related else 0.0)
        got += 0.25 * (related == (p != 3)) + 0.75 * (related and g == p)
    return got / best


def per_class_f1(gold: np.ndarray, predicted: np.ndarray) -> list[float]:
    scores = []
    for k in range(len(FNC_LABELS)):
        hit = float(np.sum((gold == k) & (predicted == k)))
        precision = hit / max(float(np.sum(predicted == k)), 1.0)
        recall = hit / max(float(np.sum(gold == k)), 1.0)
        scores.append(2 * precision * recall / (precision + recall) if hit else 0.0)
    return scores


def prepared_inputs(
    pairs: Sequence[Pair], bodies: dict[str, str], model: StanceModel
) -> list[PairInputs]:
    prepared_bodies = {k: prepare_body(v) for k, v in bodies.items()}
    claims = {c: prepare_claim(c) for c in dict.fromkeys(c for c, _, _ in pairs)}
    return [model.pair_inputs(claims[c], prepared_bodies[b]) for c, b, _ in pairs]


def evaluate(path: Path) -> dict[str, object]:
    model = load_model(path)
    pairs, bodies = read_dev()
    gold = np.array([FNC_LABELS.index(label) for _, _, label in pairs])
    started = time.process_time()
    found = prepared_inputs(pairs, bodies, model)
    predicted = decide(model.probabilities(found))
    seconds = time.process_time() - started
    f1 = per_class_f1(gold, predicted)
    sizes = ", ".join(f"{np.sum(gold == k)} {name}" for k, name in enumerate(FNC_LABELS))
    print(f"FNC-1 dev pairs: {len(pairs)} ({sizes})")
    print(f"FNC score, relative: {fnc_score(gold.tolist(), predicted.tolist()):.4f}")
    print("per-class F1: " + ", ".join(f"{n} {v:.3f}" for n, v in zip(FNC_LABELS, f1, strict=True)))
    print(f"macro-F1: {sum(f1) / len(f1):.4f}")
    print(f"speed: {len(pairs) / seconds:.0f} pairs per CPU-second ({seconds:.2f} s, one process)")
    confusion: defaultdict[tuple[int, int], int] = defaultdict(int)
    for g, p in zip(gold.tolist(), predicted.tolist(), strict=True):
        confusion[g, p] += 1
    print("confusion (rows gold, columns predicted): " + " ".join(FNC_LABELS))
    for g, name in enumerate(FNC_LABELS):
        print(f"  {name:<10}" + "".join(f"{confusion[g, p]:>7}" for p in range(4)))
    return {
        "pairs": len(pairs),
        "fnc_relative": round(fnc_score(gold.tolist(), predicted.tolist()), 4),
        "f1": {n: round(v, 4) for n, v in zip(FNC_LABELS, f1, strict=True)},
        "macro_f1": round(sum(f1) / len(f1), 4),
        "pairs_per_cpu_second": round(len(pairs) / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    save("stance", evaluate(args.model))


if __name__ == "__main__":
    main()
