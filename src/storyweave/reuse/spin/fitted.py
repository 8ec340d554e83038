"""What ``tools/spin_calibrate.py`` fits: the word table, the thresholds, the word model.

The table (:data:`WORD_LOG_RATIOS`) and the thresholds (:data:`SPIN_MIN_SCORE`,
:data:`SPIN_CONTEXT_MIN_SCORE`) are read, once, at import, from :data:`SPIN_TABLE_FILE`, a JSON
file shipped in this package: ``spin_min_score``, ``spin_context_min_score``, and
``word_log_ratios``, a list of ``[cell, log ratio]`` pairs, each cell a list of ints. The word
model, a tree ensemble (see :mod:`storyweave.reuse.trees`), is the JSON file
:data:`WORD_MODEL_FILE` beside it, read with the lexicon (see
:func:`~storyweave.reuse.spin.lexicon.default_lexicon`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SPIN_TABLE_FILE = "spin_table.json"
WORD_MODEL_FILE = "spin_words.json"


def _read_fitted() -> dict[str, Any]:
    """The contents of :data:`SPIN_TABLE_FILE`."""
    fitted: dict[str, Any] = json.loads(
        Path(__file__).with_name(SPIN_TABLE_FILE).read_text(encoding="utf-8")
    )
    return fitted


_FITTED = _read_fitted()

# the 99.5% quantile of unspun calibration articles' scores
SPIN_MIN_SCORE: float = float(_FITTED["spin_min_score"])

# log(P(cell | swapped-in word) / P(cell | word of an unspun text)) per cell (Zipf band, rank
# band, gap band, collocation class), and per (Zipf band, rank band, gap band) and (Zipf band,
# rank band) for words of sparse cells. Zipf band: int(Zipf frequency), capped at 6. Rank band:
# the share of the word's thesaurus synonyms more frequent than it, in fifths (0-4); NO_RANK
# without a thesaurus entry. Gap band: how many half-Zipf steps (factor of about 3.2) the most
# frequent thesaurus synonym is above the word, clamped to [-2, 6]; NO_SYNONYM when the word has
# no entry in the thesaurus. Collocation class: see COMMON_PAIR etc. Unfamiliar words (see
# package doc) are in the cells of Zipf band 0 without a thesaurus entry. Computed (and written
# to SPIN_TABLE_FILE) by `python tools/spin_calibrate.py` on the calibration half of the
# BBC corpus (three copies of each article with 10% swaps, WordNet spinner; wordfreq
# frequencies, symspellpy word pairs, Moby thesaurus).
WORD_LOG_RATIOS: dict[tuple[int, ...], float] = {
    tuple(int(i) for i in cell): float(ratio) for cell, ratio in _FITTED["word_log_ratios"]
}


# With word vectors, the word weights come from a boosted tree ensemble instead of the table
# above (see word_log_ratios and MODEL_INPUTS): the table's cells cannot follow how a word's
# context fit, its frequency and its synonyms' interact. Fitted by
# `python tools/spin_calibrate.py` on the calibration halves of the BBC and FNC-1
# corpora (unspun words against the swapped-in words of three spun copies of each article).
# The threshold with it: the 99.7% quantile of the scores of both calibration halves (unspun),
# since how well words fit their context varies between registers.
SPIN_CONTEXT_MIN_SCORE: float = float(_FITTED["spin_context_min_score"])
