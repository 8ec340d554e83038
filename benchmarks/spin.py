"""Spin benchmark: recall of the `spun` label on machine-spun BBC articles, false positives.

Spins real articles from ../shared/data/corpora/bbc-news.jsonl the way content farms do: a share
of the words (5-30%) is replaced by a random thesaurus synonym, including common words inside
names ("Goodwin" -> "Good" + a synonym of "win") and words of multi-word names. The spinner's
thesaurus is WordNet 3.0 (Debian package ``wordnet-base``; ``benchmarks/setup.sh`` installs it),
a different thesaurus from the detector's (Moby), so the detector cannot simply look up the
spinner's choices.

Two variants, each by swap rate:

- original ABSENT: each spun article is labelled alone (``label_articles([spun], [])``) and
  together with 19 unrelated articles: only single-document signals can find it;
- original PRESENT: the spun article and its original, related by ``relate_pair`` and
  ``direct`` as the pipeline does; recall of `spun` on the copy (and how much of it comes from
  the word swaps along the origin -> copy edge) and false positives on the original.

False positives of the single-text signals: every unspun BBC, Reuters-21578 and FNC-1 article,
labelled in groups of 20. The BBC corpus is split by a hash of the id: the calibration half
(``--calibrate`` writes the table and thresholds to ``reuse/spin/spin_table.json`` and the
word model, a boosted tree ensemble fitted with scikit-learn, to ``reuse/spin/spin_words.json``)
and the held-out half reported here. The word model is fitted on the BBC and the FNC-1
calibration halves together, and its threshold is their quantile (FNC-1 split by the same
hash; its held-out half is reported apart). ``--recalibrate`` fits in-process (for
comparing word-frequency sources: ``--unigrams wordfreq`` needs the ``wordfreq`` package; and
for ``--no-bigrams``).

    .venv/bin/python benchmarks/spin.py [--limit N] [--calibrate | --recalibrate]
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import math
import random
import re
import sys
import time
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.records import Article, Relation
from storyweave.reuse import direct, relate_pair
from storyweave.reuse.labels import SPUN, label_articles
from storyweave.reuse.spin import (
    LOWER,
    MAX_UNKNOWN_SHARE,
    MIN_SCORED_WORDS,
    MIN_SIGN_WORDS,
    MODEL_INPUTS,
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    SPIN_TABLE_FILE,
    SYMSPELL_UNIGRAMS,
    WORD_MODEL_FILE,
    Lexicon,
    WordFeature,
    default_lexicon,
    is_judged,
    model_inputs,
    parse_counts,
    word_choice,
    word_features,
)
from storyweave.reuse.stopwords import is_stopword
from storyweave.reuse.trees import TreeEnsemble, ensemble_from_dict
from storyweave.text import word_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
WORDNET = Path("/usr/share/wordnet")
RATES = (0.05, 0.10, 0.15, 0.20, 0.30)
GROUP = 20
MIN_NAME_TAIL_ZIPF = 5.0  # the spinner swaps only very common words inside names
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
EDGE_EVIDENCE = re.compile(r"single-word swaps in \d+ of \d+ sentences aligned with")


def load_wordnet() -> dict[str, list[str]]:
    """WordNet synonyms (single words, lower case) of each lemma, from the Debian data files."""
    synonyms: dict[str, set[str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for line in (WORDNET / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue
            fields = line.split()
            count = int(fields[3], 16)
            lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
            lemmas = [lemma for lemma in lemmas if lemma.isalpha()]
            for lemma in lemmas:
                synonyms.setdefault(lemma, set()).update(x for x in lemmas if x != lemma)
    return {word: sorted(others) for word, others in synonyms.items() if others}


def spinner_thesaurus() -> dict[str, list[str]]:
    """The spinner's thesaurus (WordNet), or exit with a message on how to install it."""
    if not (WORDNET / "data.noun").exists():
        sys.exit(
            f"spin benchmark: WordNet 3.0 data not found in {WORDNET}. The spinner needs a "
            "thesaurus other than the detector's: run `sudo benchmarks/setup.sh` (installs the "
            "Debian package wordnet-base), then run this benchmark again."
        )
    return load_wordnet()


def _recase(new: str, old: str) -> str:
    if old[0].isupper():
        return new[0].upper() + new[1:]
    return new


def _options(word: str, thesaurus: dict[str, list[str]], lexicon: Lexicon) -> list[str]:
    lower = word.lower()
    if lower in thesaurus:
        return [_recase(o, word) for o in thesaurus[lower]]
    if lower.endswith("s") and lower[:-1] in thesaurus:
        return [_recase(o + "s", word) for o in thesaurus[lower[:-1]]]
    if word[0].isupper() and len(word) >= 5 and lexicon.zipf is not None:
        for cut in range(2, len(word) - 1):  # a common word at the end of a name
            tail = word[cut:]
            if tail in thesaurus and lexicon.zipf(tail) >= MIN_NAME_TAIL_ZIPF:
                return [word[:cut] + o for o in thesaurus[tail]]
    return []


def spin(
    text: str, rate: float, thesaurus: dict[str, list[str]], seed: int
) -> tuple[str, set[int]]:
    """``text`` with ``rate`` of its words replaced by random thesaurus synonyms, and the start
    offsets (in the new text) of the swapped-in words."""
    rng = random.Random(seed)
    spans = word_spans(text)
    lexicon = default_lexicon()
    candidates: list[tuple[int, int, list[str]]] = []
    for start, end in spans:
        word = text[start:end]
        if word.isalpha() and len(word) > 1 and not is_stopword(word.lower()):
            options = _options(word, thesaurus, lexicon)
            if options:
                candidates.append((start, end, options))
    chosen = sorted(
        rng.sample(range(len(candidates)), min(len(candidates), round(rate * len(spans))))
    )
    parts: list[str] = []
    swapped: set[int] = set()
    last = length = 0
    for i in chosen:
        start, end, options = candidates[i]
        kept = text[last:start]
        new = rng.choice(options)
        length += len(kept)
        swapped.add(length)
        length += len(new)
        parts += [kept, new]
        last = end
    return "".join([*parts, text[last:]]), swapped


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def unique_articles(path: Path, prefix: str) -> list[Article]:
    seen: set[str] = set()
    articles: list[Article] = []
    for record in read_jsonl(path):
        text = str(record.get("text", "")).strip()
        if text and text not in seen:
            seen.add(text)
            rid = f"{prefix}{record.get('id', len(articles))}"
            articles.append(Article(rid, rid, rid, text))
    return articles


def is_calibration(article: Article) -> bool:
    return zlib.crc32(article.id.encode()) % 2 == 0


def spun_evidence(
    articles: list[Article], lexicon: Lexicon, relations: list[Relation] | None = None
) -> dict[str, tuple[str, ...]]:
    labelled = label_articles(articles, relations or [], lexicon)
    return {a.id: lb.evidence for a in labelled for lb in a.labels if lb.label == SPUN}


# --- calibration --------------------------------------------------------------------------------


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
            "spin benchmark: fitting the word model needs scikit-learn (pip install '.[bench]')"
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


# --- evaluation ---------------------------------------------------------------------------------


def evaluate_absent(
    held_out: list[Article], thesaurus: dict[str, list[str]], lexicon: Lexicon, limit: int
) -> None:
    sample = held_out[:limit]
    print(f"\noriginal ABSENT: {len(sample)} held-out BBC articles spun per rate")
    print("| swaps | recall alone | recall with 19 unrelated | s |")
    print("|---|---|---|---|")
    for rate in RATES:
        started = time.perf_counter()
        alone = together = 0
        for i, article in enumerate(sample):
            text, _ = spin(article.text, rate, thesaurus, i)
            spun = Article(f"spun-{article.id}", "spun", "spun", text)
            alone += spun.id in spun_evidence([spun], lexicon)
            others = [a for a in held_out[i + 1 : i + GROUP] if a.id != article.id]
            together += spun.id in spun_evidence([spun, *others], lexicon)
        seconds = time.perf_counter() - started
        n = len(sample)
        print(f"| {rate:.0%} | {alone / n:.3f} | {together / n:.3f} | {seconds:.1f} |")


def related(original: Article, copy: Article) -> list[Relation]:
    relation = relate_pair(original, copy)
    return [] if relation is None else [direct(relation, original, copy)]


def evaluate_present(
    held_out: list[Article], thesaurus: dict[str, list[str]], lexicon: Lexicon, limit: int
) -> None:
    sample = held_out[:limit]
    print(f"\noriginal PRESENT: {len(sample)} held-out BBC articles, each with its spun copy")
    print(
        "| swaps | recall | recall from the origin->copy edge | related | FP on originals "
        "| direction right |"
    )
    print("|---|---|---|---|---|---|")
    for rate in RATES:
        found = by_edge = linked = false = labelled = right_way = 0
        for i, article in enumerate(sample):
            text, _ = spin(article.text, rate, thesaurus, i)
            spun = Article(f"spun-{article.id}", "spun", "spun", text)
            relations = related(article, spun)
            linked += bool(relations)
            evidence = spun_evidence([article, spun], lexicon, relations)
            found += spun.id in evidence
            by_edge += any(EDGE_EVIDENCE.search(e) for e in evidence.get(spun.id, ()))
            false += article.id in evidence
            # of the pairs where either side is labelled spun, the copy alone
            labelled += spun.id in evidence or article.id in evidence
            right_way += spun.id in evidence and article.id not in evidence
        n = len(sample)
        direction = f"{right_way}/{labelled}"
        print(
            f"| {rate:.0%} | {found / n:.3f} | {by_edge / n:.3f} | {linked / n:.3f} | "
            f"{false / n:.3f} | {direction} |"
        )


def false_positives(name: str, articles: list[Article], lexicon: Lexicon) -> None:
    started = time.perf_counter()
    flagged: list[str] = []
    for i in range(0, len(articles), GROUP):
        flagged += sorted(spun_evidence(articles[i : i + GROUP], lexicon))
    rate = len(flagged) / max(len(articles), 1)
    seconds = time.perf_counter() - started
    print(f"| {name} | {len(flagged)}/{len(articles)} | {rate:.4f} | {seconds:.1f} |")
    for article_id in flagged[:8]:
        print(f"|   {article_id} | | | |")


def choose_lexicon(unigrams: str, bigrams: bool) -> Lexicon:
    """The default lexicon, with word frequencies from ``unigrams`` and pairs or none."""
    lexicon = default_lexicon()
    if not lexicon.has_frequencies:
        sys.exit("spin benchmark: neither wordfreq nor symspellpy (word counts) is installed")
    if unigrams == "symspell":
        data = importlib.resources.files("symspellpy").joinpath(SYMSPELL_UNIGRAMS)
        counts = parse_counts(data.read_text("utf-8").splitlines())
        total = sum(counts.values())
        table = {w: math.log10(c * 1e9 / total) for w, c in counts.items()}
        lexicon = replace(lexicon, zipf=lambda w: table.get(w, 0.0), _bands={}, _best={})
    if not bigrams:
        lexicon = replace(lexicon, bigrams={}, _pair_words={})
    return lexicon


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="spun articles per swap rate")
    parser.add_argument("--calibrate", action="store_true", help="fit and write the model")
    parser.add_argument("--recalibrate", action="store_true", help="fit the model, then measure")
    parser.add_argument("--unigrams", choices=("symspell", "wordfreq"), default="wordfreq")
    parser.add_argument("--no-bigrams", action="store_true", help="no collocation signal")
    parser.add_argument(
        "--no-vectors", action="store_true", help="no context-fit signal (the fallback model)"
    )
    parser.add_argument("--no-fp", action="store_true", help="skip the false-positive sweep")
    parser.add_argument("--no-present", action="store_true", help="skip the original-present run")
    parser.add_argument("--fp-limit", type=int, default=0, help="articles per corpus (0: all)")
    args = parser.parse_args()
    started = time.perf_counter()
    thesaurus = spinner_thesaurus()
    lexicon = choose_lexicon(args.unigrams, not args.no_bigrams)
    if args.no_vectors:
        lexicon = replace(lexicon, vectors=None, word_model=None, min_score=SPIN_MIN_SCORE)
    print(
        f"spinner: WordNet 3.0 ({len(thesaurus)} words); detector: {args.unigrams} unigrams, "
        f"{len(lexicon.bigrams)} bigrams, Moby thesaurus ({len(lexicon.synonyms)} head words), "
        f"word vectors: {'none' if lexicon.vectors is None else len(lexicon.vectors.index)}"
    )
    bbc = unique_articles(DATA / "corpora" / "bbc-news.jsonl", "bbc:")
    calibration = [a for a in bbc if is_calibration(a)]
    fnc = unique_articles(DATA / "stories" / "fnc1-dev.jsonl", "fnc:")
    if args.calibrate or args.recalibrate:
        fnc_calibration = [a for a in fnc if is_calibration(a)]
        fitted = calibrate(calibration, thesaurus, lexicon, fnc_calibration)
        table, threshold, model, model_threshold = fitted
        if args.calibrate:
            save_model(table, threshold, model, model_threshold)
            return
        if model is None:
            lexicon = replace(lexicon, ratios=table, min_score=threshold)
        else:
            word_model = ensemble_from_dict(model)
            lexicon = replace(
                lexicon, ratios=table, word_model=word_model, min_score=model_threshold
            )
        print(f"# fitted: {len(table)} cells, threshold {lexicon.min_score}")
    held_out = [a for a in bbc if not is_calibration(a)]
    evaluate_absent(held_out, thesaurus, lexicon, args.limit)
    if not args.no_present:
        evaluate_present(held_out, thesaurus, lexicon, args.limit)
    if not args.no_fp:
        cap = args.fp_limit or None
        print("\nfalse positives, original absent (articles labelled in groups of 20)")
        print("| corpus | flagged | rate | s |\n|---|---|---|---|")
        false_positives("BBC held-out", held_out[:cap], lexicon)
        false_positives("BBC calibration", calibration[:cap], lexicon)
        false_positives("FNC-1", fnc[:cap], lexicon)
        false_positives("FNC-1 held-out", [a for a in fnc if not is_calibration(a)][:cap], lexicon)
        reuters = unique_articles(DATA / "corpora" / "reuters21578.jsonl", "reuters:")
        false_positives("Reuters-21578", reuters[:cap], lexicon)
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
