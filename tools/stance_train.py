"""Fit the claim-stance model on FNC-1's training split and write it into the package.

``python tools/stance_train.py [--model FILE]`` reads ``../shared/data/stance/fnc1-train.jsonl``
(49,972 claim/body pairs) and writes ``src/storyweave/stance/stance_model.json`` (or FILE); it
needs scikit-learn (``pip install -e '.[bench]'``). ``python benchmarks/stance.py`` then
measures the model it wrote.

1. Word models: a multinomial logistic regression over the TF-IDF of each related pair's best
   sentences and lead (``storyweave.stance.lexical``), fitted on the related pairs. The tree
   ensemble learns from its *out-of-fold* outputs: five folds by story (the connected
   components of related claim/body pairs), so no pair's word score was fitted on its own
   story.
2. A histogram gradient-boosting classifier over the features and the word scores, four
   labels; its trees are exported per label and checked against scikit-learn's output.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
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
from storyweave.stance.model import FNC_LABELS, MODEL_PATH, model_from_dict

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TRAIN = DATA / "stance" / "fnc1-train.jsonl"

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


def train(output: Path) -> None:
    try:
        from scipy import sparse
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        sys.exit("stance training needs scikit-learn (pip install -e '.[bench]')")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODEL_PATH, help="where to write it")
    args = parser.parse_args()
    train(args.model)


if __name__ == "__main__":
    main()
