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
labelled in groups of 20. The BBC corpus is split by a hash of the id: the calibration half,
on which ``tools/spin_calibrate.py`` fits the shipped model (the word model on the FNC-1
calibration half too), and the held-out half reported here (FNC-1's held-out half is reported
apart). ``--recalibrate`` fits the model in this process as that tool does, without writing
it, and measures the fitted one (for comparing word-frequency sources: ``--unigrams wordfreq``
needs the ``wordfreq`` package; and for ``--no-bigrams``).

    python benchmarks/spin.py [--limit N] [--recalibrate]
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
from dataclasses import replace
from pathlib import Path

from _results import save  # benchmarks/_results.py
from storyweave.lexicon import is_function_word
from storyweave.records import Article, LabelName, Relation
from storyweave.reuse import direct, relate_pair
from storyweave.reuse.labels import label_articles
from storyweave.reuse.spin import (
    SPIN_MIN_SCORE,
    SYMSPELL_UNIGRAMS,
    Lexicon,
    default_lexicon,
    parse_counts,
)
from storyweave.reuse.trees import ensemble_from_dict
from storyweave.text import word_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
WORDNET = Path("/usr/share/wordnet")
RATES = (0.05, 0.10, 0.15, 0.20, 0.30)
GROUP = 20
MIN_NAME_TAIL_ZIPF = 5.0  # the spinner swaps only very common words inside names
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
        if word.isalpha() and len(word) > 1 and not is_function_word(word.lower()):
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
    return {a.id: lb.evidence for a in labelled for lb in a.labels if lb.label == LabelName.SPUN}


# --- evaluation ---------------------------------------------------------------------------------


def evaluate_absent(
    held_out: list[Article], thesaurus: dict[str, list[str]], lexicon: Lexicon, limit: int
) -> list[dict[str, float]]:
    sample = held_out[:limit]
    rows: list[dict[str, float]] = []
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
        rows.append({"swaps": rate, "recall": alone / n, "recall_with_19": together / n})
    return rows


def related(original: Article, copy: Article) -> list[Relation]:
    relation = relate_pair(original, copy)
    return [] if relation is None else [direct(relation, original, copy)]


def evaluate_present(
    held_out: list[Article], thesaurus: dict[str, list[str]], lexicon: Lexicon, limit: int
) -> list[dict[str, object]]:
    sample = held_out[:limit]
    rows: list[dict[str, object]] = []
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
        rows.append(
            {
                "swaps": rate,
                "recall": found / n,
                "recall_by_edge": by_edge / n,
                "related": linked / n,
                "originals_labelled_spun": false / n,
                "direction_right": direction,
            }
        )
    return rows


def false_positives(name: str, articles: list[Article], lexicon: Lexicon) -> dict[str, int]:
    started = time.perf_counter()
    flagged: list[str] = []
    for i in range(0, len(articles), GROUP):
        flagged += sorted(spun_evidence(articles[i : i + GROUP], lexicon))
    rate = len(flagged) / max(len(articles), 1)
    seconds = time.perf_counter() - started
    print(f"| {name} | {len(flagged)}/{len(articles)} | {rate:.4f} | {seconds:.1f} |")
    for article_id in flagged[:8]:
        print(f"|   {article_id} | | | |")
    return {"flagged": len(flagged), "articles": len(articles)}


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
    if args.recalibrate:
        sys.path.insert(0, str(ROOT / "tools"))
        from spin_calibrate import calibrate  # tools/spin_calibrate.py

        fnc_calibration = [a for a in fnc if is_calibration(a)]
        fitted = calibrate(calibration, thesaurus, lexicon, fnc_calibration)
        table, threshold, model, model_threshold = fitted
        if model is None:
            lexicon = replace(lexicon, ratios=table, min_score=threshold)
        else:
            word_model = ensemble_from_dict(model)
            lexicon = replace(
                lexicon, ratios=table, word_model=word_model, min_score=model_threshold
            )
        print(f"# fitted: {len(table)} cells, threshold {lexicon.min_score}")
    held_out = [a for a in bbc if not is_calibration(a)]
    figures: dict[str, object] = {"limit": args.limit, "min_score": lexicon.min_score}
    figures["absent"] = evaluate_absent(held_out, thesaurus, lexicon, args.limit)
    if not args.no_present:
        figures["present"] = evaluate_present(held_out, thesaurus, lexicon, args.limit)
    if not args.no_fp:
        cap = args.fp_limit or None
        print("\nfalse positives, original absent (articles labelled in groups of 20)")
        print("| corpus | flagged | rate | s |\n|---|---|---|---|")
        reuters = unique_articles(DATA / "corpora" / "reuters21578.jsonl", "reuters:")
        figures["false_positives"] = {
            name: false_positives(name, corpus[:cap], lexicon)
            for name, corpus in (
                ("BBC held-out", held_out),
                ("BBC calibration", calibration),
                ("FNC-1", fnc),
                ("FNC-1 held-out", [a for a in fnc if not is_calibration(a)]),
                ("Reuters-21578", reuters),
            )
        }
    print(f"total {time.perf_counter() - started:.1f} s")
    save("spin", figures)


if __name__ == "__main__":
    main()
