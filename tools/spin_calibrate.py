"""Fit the spin model (word table, thresholds, word model) and write it into the package.

The word table and thresholds go to ``src/storyweave/reuse/spin/spin_table.json``, the word
model, a boosted tree ensemble fitted with scikit-learn, to ``spin_words.json`` beside it.

The data and the spinner are those of ``benchmarks/spin.py``, which measures the result on the
held-out halves: the BBC articles (``../shared/data/corpora/bbc-news.jsonl``) are split by a hash
of the id and the calibration half is spun here (WordNet 3.0, installed by
``benchmarks/setup.sh``). The table is fitted on the BBC calibration half and its threshold is
a quantile of its unspun articles' scores; the word model is fitted on the BBC and the FNC-1
calibration halves together, and its threshold is their quantile. Without word vectors
(``--no-vectors``) no word model is fitted and the shipped one is kept. Needs scikit-learn
(``pip install -e '.[bench]'``).

    python tools/spin_calibrate.py [--unigrams symspell|wordfreq] [--no-bigrams] [--no-vectors]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from spin import (  # benchmarks/spin.py: the spinner and the data
    DATA,
    ROOT,
    choose_lexicon,
    is_calibration,
    spin,
    spinner_thesaurus,
    unique_articles,
)
from storyweave.records import Article
from storyweave.reuse.spin import (
    LOWER,
    MAX_UNKNOWN_SHARE,
    MIN_SCORED_WORDS,
    MIN_SIGN_WORDS,
    MODEL_INPUTS,
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    SPIN_TABLE_FILE,
    WORD_MODEL_FILE,
    Lexicon,
    WordFeature,
    is_judged,
    model_inputs,
    word_choice,
    word_features,
)
from storyweave.reuse.trees import TreeEnsemble, ensemble_from_dict

CALIBRATION_RATE = 0.10
CALIBRATION_COPIES = 3  # spun copies of each calibration article: more swapped-in words
MIN_CELL = 20  # words a cell of the model needs
FP_QUANTILE = 0.995  # the threshold: this quantile of unspun calibration articles' scores
# ... and with the word model, whose scores of unspun texts have a longer tail in registers
# other than the BBC's (at 0.995, 1.7% of FNC-1's held-out half passed)
MODEL_FP_QUANTILE = 0.997
SPIN_PACKAGE = ROOT / "src" / "storyweave" / "reuse" / "spin"
WORD_MODEL_PATH = SPIN_PACKAGE / WORD_MODEL_FILE
SPIN_TABLE_PATH = SPIN_PACKAGE / SPIN_TABLE_FILE
MODEL_SETTINGS: dict[str, Any] = {
    "max_iter": 200,
    "max_leaf_nodes": 31,
    "min_samples_leaf": 100,
    "learning_rate": 0.1,
    "early_stopping": False,
    "random_state": 0,
}


def calibrate(
    articles: list[Article],
    thesaurus: dict[str, list[str]],
    lexicon: Lexicon,
    more_unspun: list[Article],
) -> tuple[dict[tuple[int, ...], float], float, dict[str, Any] | None, float]:
    """Fit the word table (lower-case swapped-in words against those of unspun text, from
    ``articles`` and spun copies of them) and its threshold; then, with word vectors, the word
    model (all judged words, of ``articles`` and of ``more_unspun``, articles of another
    register, and of spun copies of both) and its threshold, from both sets of articles: how
    well words fit their context varies more between registers than word frequencies do."""
    reader = replace(lexicon, word_model=_constant_model())  # reads capitalised words too
    natural_words, swapped_words = _calibration_words(articles, thesaurus, reader)
    lower_natural = [f for f in natural_words if f.case == LOWER]
    lower_swapped = [f for f in swapped_words if f.case == LOWER]
    table = _ratio_table(lower_natural, lower_swapped)
    print(f"# calibration: {len(lower_natural)} words of unspun text, {len(lower_swapped)} ")
    print(f"# swapped-in words ({CALIBRATION_RATE:.0%} swaps); cells with >= {MIN_CELL} words")
    threshold = _threshold(articles, replace(lexicon, ratios=table, vectors=None, word_model=None))
    if lexicon.vectors is None:
        return table, threshold, None, math.nan
    more_natural, more_swapped = _calibration_words(more_unspun, thesaurus, reader)
    model = fit_word_model([*natural_words, *more_natural], [*swapped_words, *more_swapped], reader)
    fitted = replace(lexicon, ratios=table, word_model=ensemble_from_dict(model))
    return table, threshold, model, _threshold([*articles, *more_unspun], fitted, MODEL_FP_QUANTILE)


def _constant_model() -> TreeEnsemble:
    return ensemble_from_dict({"inputs": MODEL_INPUTS, "baseline": 0.0, "trees": []})


def _calibration_words(
    articles: list[Article], thesaurus: dict[str, list[str]], lexicon: Lexicon
) -> tuple[list[WordFeature], list[WordFeature]]:
    """The judged words of ``articles``, and the swapped-in judged words of spun copies."""
    natural: list[WordFeature] = []
    swapped: list[WordFeature] = []
    for i, article in enumerate(articles):
        natural += [f for f in word_features(article.text, lexicon) if is_judged(f)]
        for copy in range(CALIBRATION_COPIES):
            seed = 10_000 * (copy + 1) + i
            text, starts = spin(article.text, CALIBRATION_RATE, thesaurus, seed)
            features = word_features(text, lexicon)
            swapped += [f for f in features if f.start in starts and is_judged(f)]
    return natural, swapped


def fit_word_model(
    natural: list[WordFeature], swapped: list[WordFeature], lexicon: Lexicon
) -> dict[str, Any]:
    """A boosted tree ensemble (scikit-learn's histogram gradient boosting) telling swapped-in
    words from unspun ones by their MODEL_INPUTS, as the dict that ``reuse/trees.py`` reads."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        sys.exit(
            "spin calibration: fitting the word model needs scikit-learn (pip install '.[bench]')"
        )
    rows = np.array([model_inputs(f, lexicon) for f in [*natural, *swapped]], dtype=np.float64)
    classes = np.array([0] * len(natural) + [1] * len(swapped))
    classifier = HistGradientBoostingClassifier(**MODEL_SETTINGS).fit(rows, classes)
    print(f"# word model: {len(natural)} unspun, {len(swapped)} swapped-in words, {MODEL_SETTINGS}")
    trees = []
    for (predictor,) in classifier._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        thresholds = np.where(leaf, 0, nodes["num_threshold"])
        trees.append(
            {
                "input": np.where(leaf, -1, nodes["feature_idx"]).tolist(),
                "threshold": [float(v) for v in thresholds],
                "missing_left": nodes["missing_go_to_left"].astype(int).tolist(),
                "left": np.where(leaf, -1, nodes["left"]).tolist(),
                "right": np.where(leaf, -1, nodes["right"]).tolist(),
                "value": [float(v) for v in np.where(leaf, nodes["value"], 0)],
            }
        )
    model = {
        "inputs": list(MODEL_INPUTS),
        "baseline": float(classifier._baseline_prediction.ravel()[0]),
        "prior": round(math.log(len(swapped) / len(natural)), 6),
        "trees": trees,
    }
    ours = ensemble_from_dict(model).predict(rows[:5000])
    theirs = classifier.decision_function(rows[:5000])
    # thresholds and values are written exactly (a threshold rounded may fall on either side of
    # a frequency written with two decimals): only the order of summing may differ
    drift = float(np.abs(ours - theirs).max())
    print(f"# exported trees against the fitted ones: largest difference {drift:.1e}")
    assert drift < 1e-9, "the exported trees disagree with the fitted ones"
    return model


def write_word_model(model: dict[str, Any], path: Path) -> None:
    """``model`` as JSON at ``path``, one tree per line, written atomically."""
    head = {k: v for k, v in model.items() if k != "trees"}
    lines = [json.dumps(head, separators=(",", ":"))[:-1] + ',"trees":[']
    trees = [json.dumps(t, separators=(",", ":")) for t in model["trees"]]
    lines += [t + ("," if i < len(trees) - 1 else "") for i, t in enumerate(trees)]
    lines.append("]}")
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def _ratio_table(
    natural_words: list[WordFeature], swapped_words: list[WordFeature]
) -> dict[tuple[int, ...], float]:
    """log(P(cell | swapped-in) / P(cell | unspun)) of each cell with at least MIN_CELL words."""
    natural = Counter(c for f in natural_words for c in _cells(f))
    swapped = Counter(c for f in swapped_words for c in _cells(f))
    n_nat, n_swap = len(natural_words), len(swapped_words)
    table: dict[tuple[int, ...], float] = {}
    if not n_nat or not n_swap:
        return table
    for key in sorted(set(natural) | set(swapped), key=lambda k: (len(k), k)):
        if natural[key] + swapped[key] < MIN_CELL:
            continue
        ratio = ((swapped[key] + 0.5) / n_swap) / ((natural[key] + 0.5) / n_nat)
        table[key] = round(math.log(ratio), 2)
    return table


def _threshold(articles: list[Article], model: Lexicon, quantile: float = FP_QUANTILE) -> float:
    """The ``quantile`` quantile of the unspun articles' scores under ``model``."""
    scores = sorted(
        c.score if c.sign_words >= MIN_SIGN_WORDS else -math.inf
        for c in (word_choice(a.text, model) for a in articles)
        if c.scored_words >= MIN_SCORED_WORDS
        and c.unknown_words <= MAX_UNKNOWN_SHARE * c.scored_words
    )
    print(f"# threshold: the {quantile} quantile of {len(scores)} unspun articles' scores")
    return round(scores[min(len(scores) - 1, int(quantile * len(scores)))] + 0.005, 2)


def _cells(feature: WordFeature) -> list[tuple[int, ...]]:
    """The cells of the model a word counts in: its own and each wider one (see ``log_ratio``);
    none for a word that weighs nothing whatever the table says."""
    if not is_judged(feature):
        return []
    key = feature.key
    return [key[:size] for size in range(2, len(key) + 1)]


def write_spin_table(
    table: dict[tuple[int, ...], float], threshold: float, model_threshold: float, path: Path
) -> None:
    """The word table and the two thresholds as JSON at ``path`` (the format that
    ``reuse/spin/fitted.py`` reads: cells as lists of ints, one per line), written atomically."""
    head = {"spin_min_score": threshold, "spin_context_min_score": model_threshold}
    lines = ["{", *(f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items())]
    cells = [json.dumps([list(key), value]) for key, value in table.items()]
    lines.append('  "word_log_ratios": [')
    lines += [f"    {c}" + ("," if i < len(cells) - 1 else "") for i, c in enumerate(cells)]
    lines += ["  ]", "}"]
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)


def save_model(
    table: dict[tuple[int, ...], float],
    threshold: float,
    model: dict[str, Any] | None,
    model_threshold: float,
) -> None:
    """Write the table and the thresholds, and the word model, into the package. Without word
    vectors no word model is fitted: the shipped one and its threshold are kept."""
    if model is None:
        model_threshold = SPIN_CONTEXT_MIN_SCORE
    write_spin_table(table, threshold, model_threshold, SPIN_TABLE_PATH)
    print(f"# table ({len(table)} cells) written to {SPIN_TABLE_PATH}")
    print(f"# SPIN_MIN_SCORE = {threshold}, SPIN_CONTEXT_MIN_SCORE = {model_threshold}")
    if model is not None:
        write_word_model(model, WORD_MODEL_PATH)
        print(f"# word model ({len(model['trees'])} trees) written to {WORD_MODEL_PATH}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--unigrams", choices=("symspell", "wordfreq"), default="wordfreq")
    parser.add_argument("--no-bigrams", action="store_true", help="no collocation signal")
    parser.add_argument(
        "--no-vectors", action="store_true", help="no context-fit signal (no word model fitted)"
    )
    args = parser.parse_args()
    thesaurus = spinner_thesaurus()
    lexicon = choose_lexicon(args.unigrams, not args.no_bigrams)
    if args.no_vectors:
        lexicon = replace(lexicon, vectors=None, word_model=None, min_score=SPIN_MIN_SCORE)
    bbc = unique_articles(DATA / "corpora" / "bbc-news.jsonl", "bbc:")
    fnc = unique_articles(DATA / "stories" / "fnc1-dev.jsonl", "fnc:")
    calibration = [a for a in bbc if is_calibration(a)]
    fnc_calibration = [a for a in fnc if is_calibration(a)]
    save_model(*calibrate(calibration, thesaurus, lexicon, fnc_calibration))


if __name__ == "__main__":
    main()
