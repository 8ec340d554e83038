"""Spin benchmark: recall of the `spun` label on machine-spun BBC articles, false positives.

Spins real articles from ../shared/data/corpora/bbc-news.jsonl the way content farms do: a share
of the words (5-30%) is replaced by a random thesaurus synonym, including common words inside
names ("Kirby" -> "Kir" + a synonym of "by") and words of multi-word names. The spinner's
thesaurus is WordNet 3.0 (Debian package ``wordnet-base``: ``apt-get install wordnet-base``),
a different thesaurus from the detector's (Moby), so the detector cannot simply look up the
spinner's choices. Without WordNet the spinner falls back to Moby and says so (optimistic).

Each spun article is labelled ALONE (``label_articles([spun], [])``) and together with unrelated
articles (its original NOT in the set): only single-document signals can find it. False
positives: every unspun BBC, Reuters-21578 and FNC-1 article, labelled in groups of 20.

The BBC corpus is split by a hash of the id: the calibration half (``--calibrate`` prints the
word table and threshold to paste into ``reuse/spin.py``) and the held-out half reported here.

    .venv/bin/python benchmarks/spin.py [--limit N] [--calibrate]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

from storyweave.records import Article
from storyweave.reuse.labels import SPUN, label_articles
from storyweave.reuse.spin import default_lexicon, word_band, word_choice
from storyweave.reuse.stopwords import is_stopword
from storyweave.text import word_spans

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
WORDNET = Path("/usr/share/wordnet")
RATES = (0.05, 0.10, 0.15, 0.20, 0.30)
GROUP = 20
MIN_NAME_TAIL_ZIPF = 5.0  # the spinner swaps only very common words inside names


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


def spinner_thesaurus() -> tuple[dict[str, list[str]], str]:
    if (WORDNET / "data.noun").exists():
        return load_wordnet(), "WordNet 3.0 (wordnet-base)"
    lexicon = default_lexicon()
    print("WARNING: WordNet missing; spinning with the detector's own thesaurus", file=sys.stderr)
    return {w: sorted(s) for w, s in lexicon.synonyms.items() if s}, "Moby (same as detector)"


def _recase(new: str, old: str) -> str:
    if old[0].isupper():
        return new[0].upper() + new[1:]
    return new


def _options(word: str, thesaurus: dict[str, list[str]]) -> list[str]:
    lower = word.lower()
    if lower in thesaurus:
        return [_recase(o, word) for o in thesaurus[lower]]
    if lower.endswith("s") and lower[:-1] in thesaurus:
        return [_recase(o + "s", word) for o in thesaurus[lower[:-1]]]
    if word[0].isupper() and len(word) >= 5:  # a common word at the end of a name
        zipf = default_lexicon().zipf
        for cut in range(2, len(word) - 1):
            tail = word[cut:]
            if tail in thesaurus and zipf is not None and zipf(tail) >= MIN_NAME_TAIL_ZIPF:
                return [word[:cut] + o for o in thesaurus[tail]]
    return []


def spin(text: str, rate: float, thesaurus: dict[str, list[str]], seed: int) -> str:
    """``text`` with ``rate`` of its words replaced by random thesaurus synonyms."""
    rng = random.Random(seed)
    spans = word_spans(text)
    candidates: list[tuple[int, int, list[str]]] = []
    for start, end in spans:
        word = text[start:end]
        if word.isalpha() and len(word) > 1 and not is_stopword(word.lower()):
            options = _options(word, thesaurus)
            if options:
                candidates.append((start, end, options))
    chosen = sorted(
        rng.sample(range(len(candidates)), min(len(candidates), round(rate * len(spans))))
    )
    parts, last = [], 0
    for i in chosen:
        start, end, options = candidates[i]
        parts += [text[last:start], rng.choice(options)]
        last = end
    return "".join([*parts, text[last:]])


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


def spun_labelled(articles: list[Article]) -> set[str]:
    return {a.id for a in label_articles(articles, []) if any(lb.label == SPUN for lb in a.labels)}


def calibrate(articles: list[Article], thesaurus: dict[str, list[str]]) -> None:
    """Print the word log-ratio table: swapped-in words against words of unspun text."""
    lexicon = default_lexicon()
    natural: Counter[tuple[int, int]] = Counter()
    swapped: Counter[tuple[int, int]] = Counter()
    for i, article in enumerate(articles):
        original = _lower_words(article.text)
        natural.update(word_band(w, lexicon)[:2] for w in original)
        spun = _lower_words(spin(article.text, 0.2, thesaurus, i))
        gone = Counter(original)
        gone.subtract(spun)
        added = Counter(spun)
        added.subtract(original)
        for word, count in added.items():
            if count > 0:
                swapped[word_band(word, lexicon)[:2]] += count
    n_nat, n_swap = sum(natural.values()), sum(swapped.values())
    table = {}
    for key in sorted(set(natural) | set(swapped)):
        if natural[key] + swapped[key] < 20:
            continue
        ratio = ((swapped[key] + 0.5) / n_swap) / ((natural[key] + 0.5) / n_nat)
        table[key] = round(math.log(ratio), 2)
    print(f"# {n_nat} natural words, {n_swap} swapped-in words; bands with >= 20 words")
    print("{" + ", ".join(f"{k}: {v}" for k, v in table.items()) + "}")
    scores = sorted(word_choice(a.text, lexicon).score for a in articles)
    for q in (0.95, 0.99, 0.995, 1.0):
        print(
            f"word-choice score of unspun calibration articles, quantile {q}: "
            f"{scores[min(len(scores) - 1, int(q * len(scores)))]:.2f} (current table)"
        )
    for rate in RATES:
        spun = sorted(
            word_choice(spin(a.text, rate, thesaurus, i), lexicon).score
            for i, a in enumerate(articles[:300])
        )
        print(f"swap {rate:.0%}: 10% quantile of spun scores {spun[len(spun) // 10]:.2f}")


def _lower_words(text: str) -> list[str]:
    found = []
    for start, end in word_spans(text):
        word = text[start:end]
        if word.isalpha() and word.islower() and not is_stopword(word):
            found.append(word)
    return found


def evaluate(held_out: list[Article], thesaurus: dict[str, list[str]], limit: int) -> None:
    sample = held_out[:limit]
    print(f"held-out BBC articles spun: {len(sample)} (of {len(held_out)})")
    for rate in RATES:
        started = time.perf_counter()
        alone = together = 0
        for i, article in enumerate(sample):
            spun_text = spin(article.text, rate, thesaurus, i)
            spun = Article(f"spun-{article.id}", "spun", "spun", spun_text)
            alone += spun.id in spun_labelled([spun])
            others = [a for a in held_out[i + 1 : i + GROUP] if a.id != article.id]
            together += spun.id in spun_labelled([spun, *others])
        seconds = time.perf_counter() - started
        print(
            f"swap {rate:.0%}: recall alone {alone / len(sample):.3f}, "
            f"with {GROUP - 1} unrelated articles {together / len(sample):.3f}  ({seconds:.1f} s)"
        )


def false_positives(name: str, articles: list[Article]) -> None:
    started = time.perf_counter()
    flagged: list[str] = []
    for i in range(0, len(articles), GROUP):
        flagged += sorted(spun_labelled(articles[i : i + GROUP]))
    rate = len(flagged) / max(len(articles), 1)
    seconds = time.perf_counter() - started
    print(f"false positives {name}: {len(flagged)}/{len(articles)} = {rate:.4f}  ({seconds:.1f} s)")
    for article_id in flagged[:5]:
        print(f"  {article_id}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=300, help="spun articles per swap rate")
    parser.add_argument("--calibrate", action="store_true", help="print the word table")
    parser.add_argument("--no-fp", action="store_true", help="skip the false-positive sweep")
    args = parser.parse_args()
    started = time.perf_counter()
    thesaurus, source = spinner_thesaurus()
    lexicon = default_lexicon()
    print(f"spinner thesaurus: {source}; detector thesaurus entries: {len(lexicon.synonyms)}")
    bbc = unique_articles(DATA / "corpora" / "bbc-news.jsonl", "bbc:")
    if args.calibrate:
        calibrate([a for a in bbc if is_calibration(a)], thesaurus)
        return
    held_out = [a for a in bbc if not is_calibration(a)]
    evaluate(held_out, thesaurus, args.limit)
    if not args.no_fp:
        false_positives("BBC held-out", held_out)
        false_positives("BBC calibration", [a for a in bbc if is_calibration(a)])
        false_positives("FNC-1", unique_articles(DATA / "stories" / "fnc1-dev.jsonl", "fnc:"))
        reuters = DATA / "corpora" / "reuters21578.jsonl"
        false_positives("Reuters-21578", unique_articles(reuters, "reuters:"))
    print(f"total {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
