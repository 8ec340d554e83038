"""Claim stance on FNC-1: train the shipped model, or measure it.

``python benchmarks/stance.py --train`` fits the model on FNC-1's training split
(``../shared/data/stance/fnc1-train.jsonl``: 49,972 claim/body pairs) and writes
``src/storyweave/stance/stance_model.json``; it needs scikit-learn (``pip install -e '.[bench]'``).

1. Word models: a multinomial logistic regression over the TF-IDF of each related pair's best
   sentences and lead (``storyweave.stance.lexical``), fitted on the related pairs. The tree
   ensemble learns from its *out-of-fold* outputs: five folds by story (the connected
   components of related claim/body pairs), so no pair's word score was fitted on its own
   story.
2. A histogram gradient-boosting classifier over the features and the word scores, four
   labels; its trees are exported per label and checked against scikit-learn's output.

``python benchmarks/stance.py`` (no ``--train``) measures the shipped model, through the
package's own code, on the dev half's pairs (``stance/fnc1-dev-pairs.jsonl`` joined on ``id``
with the bodies of ``stories/fnc1-dev.jsonl``): FNC-1's score relative to the best possible,
per-class F1, macro-F1, the confusion matrix, and pairs per second on one core (each body
and claim prepared once, as ``storyweave check`` does).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.stance.features import (
    FEATURE_NAMES,
    best_sentences,
    pair_features,
    prepare_body,
    prepare_claim,
    sentence_scores,
)
from storyweave.stance.lexical import (
    LexicalModel,
    fit_vocabulary,
    lexical_to_dict,
    passages,
)
from storyweave.stance.model import (
    FNC_LABELS,
    MODEL_PATH,
    PairInputs,
    StanceModel,
    decide,
    load_model,
    model_from_dict,
)

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TRAIN = DATA / "stance" / "fnc1-train.jsonl"
DEV_PAIRS = DATA / "stance" / "fnc1-dev-pairs.jsonl"
DEV_BODIES = DATA / "stories" / "fnc1-dev.jsonl"

VOCABULARY_SIZE = 5000
MIN_DF = 5
WORD_C = 0.3  # inverse regularisation of the word model
FOLDS = 5
TREE_SETTINGS: dict[str, Any] = {
    "max_iter": 250,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "class_weight": "balanced",
    "early_stopping": False,  # on by default above 10,000 rows: it would hold out 10% at random
    "random_state": 0,
}

Pair = tuple[str, str, str]  # claim, body id, FNC-1 label


def read_train() -> tuple[list[Pair], dict[str, str]]:
    pairs, bodies = [], {}
    with TRAIN.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            bodies[record["id"]] = record["text"]
            pairs += [(h["headline"], record["id"], h["stance"]) for h in record["headlines"]]
    return pairs, bodies


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


def story_folds(pairs: Sequence[Pair]) -> np.ndarray:
    """Fold number of each pair: related claims and bodies joined into stories, each story
    in one fold (by a hash of its first body id, so the split is stable)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for claim, body, label in pairs:
        if label != "unrelated":
            parent[find("c:" + claim)] = find("b:" + body)
    return np.array([zlib.crc32(find("b:" + body).encode()) % FOLDS for _, body, _ in pairs])


def prepared_inputs(
    pairs: Sequence[Pair], bodies: dict[str, str], model: StanceModel
) -> list[PairInputs]:
    prepared_bodies = {k: prepare_body(v) for k, v in bodies.items()}
    claims = {c: prepare_claim(c) for c in dict.fromkeys(c for c, _, _ in pairs)}
    return [model.pair_inputs(claims[c], prepared_bodies[b]) for c, b, _ in pairs]


def train(output: Path) -> None:
    try:
        from scipy import sparse
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        sys.exit("stance benchmark: training needs scikit-learn (pip install -e '.[bench]')")
    started = time.perf_counter()
    pairs, bodies = read_train()
    labels = np.array([FNC_LABELS.index(label) for _, _, label in pairs])
    related = labels != 3
    prepared_bodies = {k: prepare_body(v) for k, v in bodies.items()}
    claims = {c: prepare_claim(c) for c in dict.fromkeys(c for c, _, _ in pairs)}
    features, texts = [], []
    for claim, body, _ in pairs:
        features.append(pair_features(claims[claim], prepared_bodies[body]))
        best = best_sentences(sentence_scores(claims[claim], prepared_bodies[body]))
        texts.append(passages(prepared_bodies[body], best))
    vocabularies = tuple(
        fit_vocabulary(sorted({t[i] for t in texts}), VOCABULARY_SIZE, MIN_DF) for i in range(2)
    )
    seconds = time.perf_counter() - started
    print(f"# {len(pairs)} pairs, {len(bodies)} bodies; inputs in {seconds:.1f} s")

    def matrix(rows: Sequence[dict[int, float]]) -> Any:
        width = sum(len(v.index) for v in vocabularies)
        data, columns, pointers = [], [], [0]
        for row in rows:
            for k in sorted(row):
                columns.append(k)
                data.append(row[k])
            pointers.append(len(columns))
        return sparse.csr_matrix((data, columns, pointers), shape=(len(rows), width))

    lexical_shape = LexicalModel(vocabularies, np.zeros((3, 1)), np.zeros(3))
    words = matrix([lexical_shape.row(t) for t in texts])
    folds = story_folds(pairs)
    out_of_fold = np.zeros((len(pairs), 3))
    for fold in range(FOLDS):
        fit_rows = (folds != fold) & related
        regression = LogisticRegression(C=WORD_C, max_iter=5000).fit(
            words[fit_rows], labels[fit_rows]
        )
        out_of_fold[folds == fold] = regression.predict_proba(words[folds == fold])
    regression = LogisticRegression(C=WORD_C, max_iter=5000).fit(words[related], labels[related])
    lexical = LexicalModel(vocabularies, regression.coef_, regression.intercept_)
    rows = np.hstack([np.array(features), out_of_fold])
    classifier = HistGradientBoostingClassifier(**TREE_SETTINGS).fit(rows, labels)
    inputs = [*FEATURE_NAMES, *(f"words_{label}" for label in FNC_LABELS[:3])]
    model = {
        "labels": list(FNC_LABELS),
        "inputs": inputs,
        "lexical": lexical_to_dict(lexical),
        "classes": [_class_trees(classifier, k) for k in range(len(FNC_LABELS))],
        "settings": {
            "trees": TREE_SETTINGS,
            "vocabulary": VOCABULARY_SIZE,
            "min_df": MIN_DF,
            "word_c": WORD_C,
            "folds": FOLDS,
        },
    }
    ours = np.column_stack(
        [model_from_dict(model).classes[k].predict(rows[:5000]) for k in range(4)]
    )
    theirs = classifier._raw_predict(rows[:5000])
    drift = float(np.abs(ours - theirs).max())
    print(f"# exported trees against the fitted ones: largest difference {drift:.1e}")
    assert drift < 1e-9, "the exported trees disagree with the fitted ones"
    write_model(model, output)
    print(f"# wrote {output} in {time.perf_counter() - started:.1f} s")


def _class_trees(classifier: Any, k: int) -> dict[str, Any]:
    trees = []
    for predictors in classifier._predictors:
        nodes = predictors[k].nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "input": np.where(leaf, -1, nodes["feature_idx"]).tolist(),
                "threshold": [float(v) for v in np.where(leaf, 0, nodes["num_threshold"])],
                "missing_left": nodes["missing_go_to_left"].astype(int).tolist(),
                "left": np.where(leaf, -1, nodes["left"]).tolist(),
                "right": np.where(leaf, -1, nodes["right"]).tolist(),
                "value": [float(v) for v in np.where(leaf, nodes["value"], 0)],
            }
        )
    return {"baseline": float(classifier._baseline_prediction.ravel()[k]), "trees": trees}


def write_model(model: dict[str, Any], path: Path) -> None:
    """``model`` as JSON at ``path``, a tree a line, written atomically."""
    parts = [json.dumps({k: v for k, v in model.items() if k != "classes"}, separators=(",", ":"))]
    parts[0] = parts[0][:-1] + ',"classes":['
    for k, entry in enumerate(model["classes"]):
        parts.append('{"baseline":' + json.dumps(entry["baseline"]) + ',"trees":[')
        trees = [json.dumps(t, separators=(",", ":")) for t in entry["trees"]]
        parts += [t + ("," if i < len(trees) - 1 else "") for i, t in enumerate(trees)]
        parts.append("]}" + ("," if k < len(model["classes"]) - 1 else ""))
    parts.append("]}")
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text("\n".join(parts) + "\n", encoding="utf-8")
    temporary.replace(path)


def evaluate(path: Path) -> None:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="fit and write the model first")
    parser.add_argument("--model", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    if args.train:
        train(args.model)
    evaluate(args.model)


if __name__ == "__main__":
    main()
