"""The word-choice score: each word's weight for spinning and their sum over a text.

Each word's log-likelihood ratio, spun against unspun, comes from the word model (with word
vectors) or from the fitted table (see :func:`word_log_ratios`); :func:`word_choice` sums them
into the text's score and picks its strongest words as signs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from storyweave.ids import content_id
from storyweave.reuse.context import CONTEXT_WINDOW
from storyweave.reuse.spin.explain import SpinSign, _sign_kind, _why
from storyweave.reuse.spin.features import (
    FITTING_SYNONYMS,
    NO_SYNONYM,
    UNFAMILIAR,
    UNJUDGED,
    WordFeature,
    word_features,
)
from storyweave.reuse.spin.fitted import SPIN_MIN_SCORE
from storyweave.reuse.spin.lexicon import Lexicon

RHO = 0.05  # share of swapped words the spun hypothesis assumes
MAX_WORD_EVIDENCE = 6
MIN_SCORED_WORDS = 40  # shorter texts give no reliable word-choice score
MAX_UNKNOWN_SHARE = 0.07  # more words unknown to frequency list and thesaurus: not English
SIGN_MIN_WEIGHT = 0.2  # a word weighing this much for spinning is shown as evidence
MIN_SIGN_WORDS = 4  # a spun text shows at least this many such words
MAX_SIGN_REPEATS = 3  # a word written this often in a text is no sign of spinning
LENGTH_POWER = 0.7  # the score: word weights summed, over (scored words / 100) ** LENGTH_POWER
FAMILY_PREFIX = 7  # words sharing this many first letters are forms of one word (see word_family)


@dataclass(frozen=True)
class WordChoice:
    """The word-choice score of a text: the log-likelihood ratio and its strongest words."""

    score: float
    scored_words: int
    signs: tuple[SpinSign, ...]
    unknown_words: int = 0  # words neither frequency list nor thesaurus knows (foreign, typos)
    min_score: float = SPIN_MIN_SCORE
    sign_words: int = 0  # distinct words weighing at least SIGN_MIN_WEIGHT for spinning

    @property
    def is_spun(self) -> bool:
        """Whether the score passes ``min_score`` on an English text long enough to tell, with
        at least :data:`MIN_SIGN_WORDS` words to show for it."""
        english = self.unknown_words <= MAX_UNKNOWN_SHARE * self.scored_words
        return (
            english
            and self.scored_words >= MIN_SCORED_WORDS
            and self.sign_words >= MIN_SIGN_WORDS
            and self.score >= self.min_score
        )


def _unknown(feature: WordFeature) -> bool:
    """Whether neither the frequency list nor the thesaurus knows the word and it does not look
    like an English word of its own (foreign words, typos): many of them, the text is no
    English."""
    return feature.familiarity != UNFAMILIAR and feature.band == 0 and feature.gap == NO_SYNONYM


def is_judged(feature: WordFeature) -> bool:
    """Whether the model weighs the word at all (see :func:`log_ratio`)."""
    return feature.familiarity != UNJUDGED and not _unknown(feature)


def log_ratio(feature: WordFeature, ratios: Mapping[tuple[int, ...], float]) -> float:
    """The table's log-likelihood ratio of a word's cell, else of the widest cell containing it.

    A misspelling, a word of a passage in another language, a handle, or an unknown word too
    short or too foreign in spelling to look like a word of its own is a typo, another language
    or jargon far more often than a spinner's choice: it weighs nothing either way.
    """
    if not is_judged(feature):
        return 0.0
    key = feature.key
    for size in range(len(key), 1, -1):
        found = ratios.get(key[:size])
        if found is not None:
            return found
    return 0.0


# What the word model reads of a word, in this order (see model_inputs).
MODEL_INPUTS = (
    "case",
    "zipf",
    "synonym zipf",
    "gap band",
    "rank band",
    "collocation class",
    "log plain pair count",
    "fit",
    "synonym fit",
    "synonym lead",
    "familiarity",
    "length",
)


def model_inputs(feature: WordFeature, lexicon: Lexicon) -> list[float]:
    """The inputs of the word model for one word, in the order of :data:`MODEL_INPUTS` (NaN
    where the word has no most frequent synonym, or no vector)."""
    zipf = lexicon.zipf(feature.word) if lexicon.zipf is not None else 0.0
    return [
        feature.case,
        zipf,
        feature.best_zipf if feature.best else math.nan,
        feature.gap,
        feature.rank,
        feature.pair,
        math.log1p(feature.plain_count),
        feature.fit,
        feature.synonym_fit,
        feature.synonym_fit - feature.fit,
        feature.familiarity,
        len(feature.word),
    ]


def word_log_ratios(features: list[WordFeature], lexicon: Lexicon) -> list[float]:
    """Each word's log-likelihood ratio, spun against unspun: with a word model, its output
    less the log share of swapped-in words among the words it was fitted on (``prior``),
    else that of the word's cell in ``lexicon.ratios`` (see :func:`log_ratio`). A word that
    is not judged (see :func:`is_judged`) weighs nothing."""
    model = lexicon.word_model
    if model is None:
        return [log_ratio(f, lexicon.ratios) for f in features]
    judged = [i for i, f in enumerate(features) if is_judged(f)]
    ratios = [0.0] * len(features)
    if judged:
        rows = np.array([model_inputs(features[i], lexicon) for i in judged], dtype=np.float64)
        for i, value in zip(judged, model.predict(rows).tolist(), strict=True):
            ratios[i] = round(value - model.prior, 4)
    return ratios


def word_log_ratio(feature: WordFeature, lexicon: Lexicon) -> float:
    """One word's log-likelihood ratio (see :func:`word_log_ratios`)."""
    return word_log_ratios([feature], lexicon)[0]


def word_choice_model(lexicon: Lexicon) -> str:
    """A fingerprint of what :func:`word_choice` results depend on besides the text: the model
    (its table and settings) and the lexicon's data (which resources, and their sizes), so that
    results kept from an earlier run are used only while it is the same."""
    settings = (RHO, LENGTH_POWER, MIN_SCORED_WORDS, MAX_UNKNOWN_SHARE, SIGN_MIN_WEIGHT)
    more = (MIN_SIGN_WORDS, MAX_SIGN_REPEATS, MAX_WORD_EVIDENCE, FAMILY_PREFIX, lexicon.min_score)
    data = (lexicon.has_frequencies, len(lexicon.synonyms), len(lexicon.bigrams))
    table = sorted(lexicon.ratios.items())
    context: list[object] = []
    if lexicon.vectors is not None:
        vectors = (len(lexicon.vectors.index), lexicon.vectors.matrix.shape, CONTEXT_WINDOW)
        context = [vectors, FITTING_SYNONYMS]
    if lexicon.word_model is not None:
        context += [MODEL_INPUTS, lexicon.word_model.digest]
    return content_id(
        "word choice", repr(settings), repr(more), repr(data), repr(table), repr(context)
    )


def word_choice(text: str, lexicon: Lexicon) -> WordChoice:
    """Score the lower-case words of ``text`` for improbable, thesaurus-like choices.

    Each word adds ``log(1 - RHO + RHO * ratio)``, ``ratio`` being the likelihood ratio of its
    cell in ``lexicon.ratios``; the sum is divided by ``(words / 100) ** LENGTH_POWER``. A word
    that weighs for spinning counts once per text (with its strongest occurrence), and not at
    all when written :data:`MAX_SIGN_REPEATS` times or more: topic words and jargon repeat, a
    spinner's random swaps rarely do. The forms of one word (see :func:`word_family`) count
    together, as one word.
    """
    if lexicon.zipf is None:
        return WordChoice(0.0, 0, ())
    total = 0.0
    strongest: dict[str, tuple[float, WordFeature]] = {}
    features = word_features(text, lexicon)
    for feature, ratio in zip(features, word_log_ratios(features, lexicon), strict=True):
        weight = math.log(1 - RHO + RHO * math.exp(ratio))
        family = word_family(feature.word)
        if weight <= 0:
            total += weight
        elif weight > strongest.get(family, (0.0, feature))[0]:
            strongest[family] = (weight, feature)
    repeats = Counter(word_family(f.word) for f in features)
    for family in [w for w in strongest if repeats[w] >= MAX_SIGN_REPEATS]:
        del strongest[family]  # a word written again and again is the topic's (or jargon)
    total += sum(weight for weight, _ in strongest.values())
    # Unspun texts' sums spread with their length; a spun text's grows with it: a power between
    # the two keeps the false-positive rate of long and short texts alike.
    score = total / (max(len(features), 1) / 100) ** LENGTH_POWER
    signs = [
        SpinSign(_sign_kind(f), f.start, f.end, text[f.start : f.end], _why(f, lexicon), weight)
        for weight, f in strongest.values()
        if weight >= SIGN_MIN_WEIGHT
    ]
    signs.sort(key=lambda s: (-s.weight, s.start))
    unknown = sum(1 for f in features if _unknown(f))
    return WordChoice(
        round(score, 3),
        len(features),
        tuple(signs[:MAX_WORD_EVIDENCE]),
        unknown,
        lexicon.min_score,
        len(signs),
    )


def word_family(word: str) -> str:
    """The key under which :func:`word_choice` counts a word once: its first
    :data:`FAMILY_PREFIX` letters, so that the forms of one word ("catcall", "catcalls",
    "catcalling") are one word of the topic, not several improbable choices; a spinner's random
    swaps rarely bring in two forms of one rare word."""
    return word[:FAMILY_PREFIX]
