"""What the stance model reads of a claim and an article: numbers, no learning.

A claim and an article are each *prepared* once (:func:`prepare_claim`, :func:`prepare_body`):
their word stems, the rarity of each stem, and for the article each sentence's stems and cue
words. A pair's :func:`pair_features` then costs a few set operations per sentence, so that one
claim checked against many articles, or many claims against one, prepares each text once.

The features are of two sorts:

- *relatedness*: how much of the claim the article holds, its rare words weighed more (a
  word's weight is its rarity in English by Zipf frequency), over the whole body, its lead and
  its single best-matching sentence;
- *stance*: cue words (:data:`CUE_GROUPS`) of refutation ("hoax", "denied", "not true"), of
  hedging ("reportedly", "unconfirmed", "may"), of confirmation ("confirmed", "announced"), and
  negations, questions and reported speech ("said", "told", "according"), counted over the
  whole body, its lead, and the sentences that match
  the claim best (where an article says what it thinks of the claim), and the same cues in the
  claim itself (a claim that something "is a hoax" is supported by a body calling it one).

The names of the features are :data:`FEATURE_NAMES`, in the order :func:`pair_features` returns
them; the shipped model names its inputs, and loading it checks they match.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from storyweave.lexicon import is_function_word
from storyweave.text import normalize, sentence_spans, stem

STEM_CHARS = 6  # stems cut to this many letters, so that "chooses" meets "chose"
MAX_RARITY = 7.0  # weight of a word unknown to the frequency list
RARE = 4.0  # rarity from which a word is rare (Zipf frequency 3 or less)
TOP_SENTENCES = 3  # best-matching sentences whose cues are counted apart
LEAD_SENTENCES = 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\?", re.UNICODE)

# Cue words of one kind each; a word counts when its lower-cased form starts with a prefix
# ending in "*" or equals a listed word.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "refute": (
        "fake*",
        "hoax*",
        "false",
        "falsely",
        "untrue",
        "debunk*",
        "deny",
        "denies",
        "denied",
        "denying",
        "denial*",
        "refut*",
        "fabricat*",
        "bogus",
        "myth",
        "myths",
        "satire",
        "satirical",
        "prank*",
        "misleading",
        "doctored",
        "photoshop*",
        "incorrect",
        "retract*",
        "dismiss*",
        "reject*",
        "nonsense",
        "baseless",
        "unfounded",
        "spoof*",
        "parody",
        "joke",
        "lie",
        "lies",
        "lying",
        "wrong",
        "erroneous*",
        "discredit*",
        "disprov*",
        "contradict*",
        "mistaken*",
        "rubbish",
        "invented",
        "scam*",
        "fiction*",
        "fictitious",
    ),
    "hedge": (
        "reportedly",
        "allegedly",
        "alleged",
        "alleging",
        "allegation*",
        "purported*",
        "apparently",
        "supposedly",
        "claim",
        "claims",
        "claimed",
        "claiming",
        "rumor*",
        "rumour*",
        "unconfirmed",
        "unverified",
        "may",
        "might",
        "could",
        "possibly",
        "possible",
        "perhaps",
        "appears",
        "appear",
        "appeared",
        "seems",
        "seem",
        "seemed",
        "suggest*",
        "speculat*",
        "if",
        "whether",
        "according",
        "reports",
        "reported",
        "report",
        "unclear",
        "believed",
        "likely",
        "unknown",
        "uncertain",
        "circulat*",
        "viral",
        "sources",
        "source",
    ),
    "confirm": (
        "confirm*",
        "official",
        "officially",
        "officials",
        "announc*",
        "verified",
        "verify",
        "proved",
        "proven",
        "proof",
        "revealed",
        "indeed",
        "actually",
        "true",
        "truth",
        "genuine",
        "authentic*",
        "real",
        "evidence",
        "statement",
        "admitted",
        "acknowledg*",
    ),
    "negate": (
        "not",
        "no",
        "never",
        "n't",
        "neither",
        "nor",
        "none",
        "nothing",
        "without",
        "nobody",
        "didn't",
        "doesn't",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "won't",
        "can't",
        "cannot",
        "hasn't",
        "haven't",
        "don't",
        "couldn't",
        "wouldn't",
    ),
    "question": ("?",),
    "say": (
        "said",
        "says",
        "say",
        "told",
        "tell",
        "tells",
        "stated",
        "states",
        "wrote",
        "writes",
        "tweeted",
        "added",
        "explained",
        "insisted",
        "insists",
        "argued",
        "argues",
        "according",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "interview",
        "quoted",
    ),
}
GROUPS = tuple(CUE_GROUPS)


def _cue_matchers() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    matchers = {}
    for group, entries in CUE_GROUPS.items():
        exact = frozenset(e for e in entries if not e.endswith("*"))
        prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))
        matchers[group] = (exact, prefixes)
    return matchers


_MATCHERS = _cue_matchers()


@lru_cache(maxsize=65536)
def word_cues(word: str) -> tuple[int, ...]:
    """For a lower-cased token, 1 for each group of :data:`GROUPS` it is a cue of, else 0."""
    return tuple(
        int(word in exact or (bool(prefixes) and word.startswith(prefixes)))
        for exact, prefixes in _MATCHERS.values()
    )


@lru_cache(maxsize=65536)
def stem_of(word: str) -> str:
    """A crude stem: possessive dropped, singular (:func:`storyweave.text.stem`), cut
    to :data:`STEM_CHARS` letters."""
    word = word.replace("’", "'")
    return stem(word.removesuffix("'s"))[:STEM_CHARS]


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How rare ``word`` is in English: 7 minus its Zipf frequency, between 0.5 and 7."""
    return max(0.5, min(MAX_RARITY, MAX_RARITY - _zipf(word)))


def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return 3.0
    return float(zipf_frequency(word, "en"))


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lower-cased word tokens (and question marks) of ``text`` with their character spans."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _content(words: Sequence[str]) -> dict[str, float]:
    """Content stems of ``words`` with their weights (the rarest form's rarity)."""
    weights: dict[str, float] = {}
    for word in words:
        if word == "?" or is_function_word(word) or (len(word) < 2 and not word.isdigit()):
            continue
        key = stem_of(word)
        weights[key] = max(weights.get(key, 0.0), rarity(word))
    return weights


def _bigrams(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    kept = [stem_of(w) for w in words if w != "?" and not is_function_word(w)]
    return frozenset(pairwise(kept))


@dataclass(frozen=True)
class PreparedClaim:
    """A claim's text as the features read it."""

    text: str
    weights: dict[str, float]  # content stem -> rarity
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    cues: tuple[int, ...]  # cue counts by group


@dataclass(frozen=True)
class PreparedBody:
    """An article's text as the features read it: its sentences, their stems and cues."""

    text: str
    spans: tuple[tuple[int, int], ...]
    sentence_stems: tuple[frozenset[str], ...]
    sentence_cues: tuple[tuple[int, ...], ...]
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    words: int


def prepare_claim(text: str) -> PreparedClaim:
    """``text`` (a claim, such as a headline) ready for :func:`pair_features`."""
    words = [w for w, _, _ in tokens(normalize(text))]
    return PreparedClaim(
        text=text,
        weights=_content(words),
        bigrams=_bigrams(words),
        numbers=frozenset(w for w in words if w.isdigit()),
        cues=_sum_cues(words),
    )


def prepare_body(text: str) -> PreparedBody:
    """``text`` (an article's body) ready for :func:`pair_features`; offsets are into ``text``."""
    clean = normalize(text)
    if len(clean) != len(text):  # NFKC changed lengths: keep offsets into the text as given
        clean = text
    spans = tuple(sentence_spans(clean))
    sentence_words = [[w for w, _, _ in tokens(clean[s:e])] for s, e in spans]
    all_words = [w for ws in sentence_words for w in ws]
    return PreparedBody(
        text=text,
        spans=spans,
        sentence_stems=tuple(frozenset(_content(ws)) for ws in sentence_words),
        sentence_cues=tuple(_sum_cues(ws) for ws in sentence_words),
        stems=frozenset(_content(all_words)),
        bigrams=_bigrams(all_words),
        numbers=frozenset(w for w in all_words if w.isdigit()),
        words=len(all_words),
    )


def _sum_cues(words: Sequence[str]) -> tuple[int, ...]:
    totals = [0] * len(GROUPS)
    for word in words:
        for i, hit in enumerate(word_cues(word)):
            totals[i] += hit
    return tuple(totals)


Holds = Callable[[frozenset[str], str], bool]
"""Whether some stems hold a claim's stem (:func:`sentence_scores`' ``holds``)."""


def _coverage(claim: PreparedClaim, stems: frozenset[str], holds: Holds | None = None) -> float:
    total = sum(claim.weights.values())
    if not total:
        return 0.0
    if holds is None:
        return sum(w for s, w in claim.weights.items() if s in stems) / total
    return sum(w for s, w in claim.weights.items() if holds(stems, s)) / total


def rare_missing(claim: PreparedClaim, body: PreparedBody) -> list[str]:
    """The claim's rare words (rarity 4 or more: names, numbers, uncommon terms) that the
    article never uses."""
    return sorted(s for s, w in claim.weights.items() if w >= RARE and s not in body.stems)


def sentence_scores(
    claim: PreparedClaim, body: PreparedBody, holds: Holds | None = None
) -> list[float]:
    """For each sentence of ``body``, the weighted share of the claim's stems it holds (the
    stem itself, or as ``holds`` tells: the ledger counts inflections too)."""
    return [_coverage(claim, stems, holds) for stems in body.sentence_stems]


def best_sentences(scores: Sequence[float], count: int = TOP_SENTENCES) -> list[int]:
    """Indexes of the ``count`` best-scoring sentences (ties: the earlier), in text order."""
    ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:count]
    return sorted(i for i in ranked if scores[i] > 0)


FEATURE_NAMES: tuple[str, ...] = (
    "coverage",
    "plain_coverage",
    "lead_coverage",
    "best_sentence",
    "second_sentence",
    "best_position",
    "matching_sentences",
    "bigram_share",
    "number_share",
    "claim_numbers",
    "claim_words",
    "rare_missing",
    "log_words",
    *(f"body_{g}" for g in GROUPS),
    *(f"lead_{g}" for g in GROUPS),
    *(f"top_{g}" for g in GROUPS),
    *(f"best_{g}" for g in GROUPS),
    *(f"claim_{g}" for g in GROUPS),
)


def pair_features(claim: PreparedClaim, body: PreparedBody) -> list[float]:
    """The features of (claim, article), named by :data:`FEATURE_NAMES`."""
    scores = sentence_scores(claim, body)
    ranked = [*sorted(scores, reverse=True), 0.0, 0.0]
    top = best_sentences(scores)
    best = max(top, key=lambda i: (scores[i], -i)) if top else -1
    lead_stems = frozenset().union(*body.sentence_stems[:LEAD_SENTENCES])
    weights = claim.weights
    missing_rare = rare_missing(claim, body)
    per_100 = 100.0 / max(body.words, 1)
    features = [
        _coverage(claim, body.stems),
        sum(1 for s in weights if s in body.stems) / max(len(weights), 1),
        _coverage(claim, lead_stems),
        ranked[0],
        ranked[1],
        (best / max(len(scores), 1)) if top else 1.0,
        float(sum(1 for s in scores if s >= 0.3)),
        len(claim.bigrams & body.bigrams) / max(len(claim.bigrams), 1),
        len(claim.numbers & body.numbers) / len(claim.numbers) if claim.numbers else -1.0,
        float(len(claim.numbers)),
        float(len(weights)),
        float(len(missing_rare)),
        math.log1p(body.words),
    ]
    body_cues = _add_cues(body.sentence_cues)
    features += [c * per_100 for c in body_cues]
    features += [float(c) for c in _add_cues(body.sentence_cues[:LEAD_SENTENCES])]
    features += [float(c) for c in _add_cues([body.sentence_cues[i] for i in top])]
    best_cues = body.sentence_cues[best] if top else (0,) * len(GROUPS)
    features += [float(c) for c in best_cues]
    features += [float(c) for c in claim.cues]
    return features


def _add_cues(rows: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    totals = [0] * len(GROUPS)
    for row in rows:
        for i, value in enumerate(row):
            totals[i] += value
    return tuple(totals)
