"""Per-document dedup features: dedup text, word hashes, MinHash signatures over hashed word
shingles, LSH band keys, and sequence keys for short texts.

Everything here is vectorised over a batch of documents with numpy, so that a worker process
turns thousands of documents into signatures without building one Python string per word or
shingle: ASCII words are found and hashed from the text's bytes (other texts are split by
``word_tokens``; a word's hash depends on its bytes only, so both ways agree), shingle hashes
are combinations of word hashes, and one-permutation MinHash turns them into signatures in one
pass (:func:`minhash_signatures`).

Sequence keys are polynomial hashes of word-hash sequences, ``sum(t[i] * P**i) mod 2**64``, so
that the key of a text with one word deleted, or of its first or last ``j`` words, comes from
prefix sums without hashing the words again.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from storyweave.records import Article, Document, Signature
from storyweave.text import normalize, words

DEFAULT_K = 5


DEFAULT_NUM_PERM = 128


MINHASH_SEED = 1


EMPTY_PLACE = 0xFFFFFFFF  # a signature place of a text without words (values have 31 bits)


COPIED = 0x80000000  # high bit of a place no shingle fell into, filled from another place


U64 = np.uint64


_MASK = (1 << 64) - 1


_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64


_BASE_INV = pow(_BASE, -1, 1 << 64)


# The low n bytes of a 64-bit word, for n from 0 to 8 (see _hash_spans).
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=U64)


@dataclass(frozen=True)
class Features:
    """Per-document dedup features of a batch, in batch order.

    ``tokens`` holds the word hashes of all documents end to end; ``lengths`` the word count of
    each. ``signatures`` is a ``(documents, num_perm)`` uint32 MinHash matrix over the word
    ``k``-gram shingle hashes (all-ones rows for documents without words); ``keys`` the key of
    each document's whole word sequence (equal word sequences, equal keys); ``distinct`` the
    number of distinct shingles of each; ``prefix`` and ``prefix_at`` the word-sequence prefix
    sums of the documents of at most ``prefix_words`` words (see :class:`SequenceKeys`:
    ``prefix_at`` is its ``offsets``), for the rules of short texts; ``bands`` the
    ``(documents, bands)`` LSH band keys (:func:`band_keys`).
    """

    tokens: np.ndarray
    lengths: np.ndarray
    signatures: np.ndarray
    keys: np.ndarray
    distinct: np.ndarray
    prefix: np.ndarray
    prefix_at: np.ndarray
    bands: np.ndarray

    def sequence_keys(self) -> SequenceKeys:
        """The prefix sums kept, as :class:`SequenceKeys`."""
        return SequenceKeys(self.lengths, self.prefix_at, self.prefix)


def dedup_text(doc: Document) -> str:
    """The text a document is compared by: the body of an HTML page, else the text as read.

    HTML goes through trafilatura with the clean stage's settings (no comments, tables kept);
    the rest of the clean stage is skipped, which keeps dedup fast enough for millions.
    """
    if doc.format != "html":
        return doc.text
    import trafilatura  # slow to import, and plain text needs none of it

    try:
        text = trafilatura.extract(
            doc.text, include_comments=False, include_tables=True, deduplicate=False
        )
    except Exception:  # trafilatura and lxml raise many kinds on hostile markup
        return ""
    return text or ""


def featurize(
    docs: Sequence[tuple[str, str]],
    *,
    k: int = DEFAULT_K,
    num_perm: int = DEFAULT_NUM_PERM,
    prefix_words: int = 0,
    lsh: tuple[int, int] = (1, 1),
) -> Features:
    """Features of ``docs``, given as ``(format, text)`` pairs (pure; runs in worker processes);
    prefix sums for the documents of at most ``prefix_words`` words; ``lsh`` is the (bands,
    rows) of the band keys."""
    texts = [
        dedup_text(Document("", "", "", fmt, text, "utf-8")) if fmt == "html" else text
        for fmt, text in docs
    ]
    tokens, lengths = token_hashes(texts)
    shingles, counts = shingle_hashes(tokens, lengths, k)
    kept = SequenceKeys.of(tokens, lengths, lengths <= prefix_words)
    signatures = _signatures(shingles, counts, num_perm)
    return Features(
        tokens,
        lengths,
        signatures,
        sequence_keys(tokens, lengths),
        distinct_counts(shingles, counts),
        kept.prefix,
        kept.offsets,
        band_keys(signatures, *lsh),
    )


def fingerprint(
    article: Article, *, k: int = DEFAULT_K, num_perm: int = DEFAULT_NUM_PERM
) -> Signature:
    """The MinHash signature of ``article``'s body for ``run``: the one-permutation MinHash of
    its word ``k``-gram shingles that ``dups`` compares documents by, with the number of
    distinct shingles (0 for a body without words, whose signature no LSH band should join)."""
    tokens, lengths = token_hashes([article.text])
    shingles, counts = shingle_hashes(tokens, lengths, k)
    signature = _signatures(shingles, counts, num_perm)[0]
    distinct = int(distinct_counts(shingles, counts)[0])
    return Signature(article.id, tuple(int(v) for v in signature.tolist()), distinct)


def token_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The word hashes of ``texts`` end to end, and the number of words of each text.

    The words are those of ``words(normalize(text))`` (as ``storyweave.text.word_tokens``); a
    word's hash depends on its UTF-8 bytes only. ASCII texts (most news in English) are split
    and hashed in numpy without one Python string per word; the others are split in Python.
    """
    segments = [
        text.lower().encode("ascii") if text.isascii() else _joined_words(text) for text in texts
    ]
    sizes = np.fromiter((len(s) + 1 for s in segments), dtype=np.int64, count=len(segments))
    buffer = np.frombuffer(b"\n".join(segments) + b"\n", dtype=np.uint8)
    ends = np.cumsum(sizes)
    inside = _ascii_word_bytes(buffer)
    split = [not text.isascii() for text in texts]
    if any(split):  # words already split by word_tokens, joined by spaces
        split_at_spaces = np.repeat(split, sizes).astype(bool)
        inside = np.where(split_at_spaces, (buffer != 32) & (buffer != 10), inside)
    edges = np.diff(inside.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    stops = np.flatnonzero(edges == -1)
    # Words never span the newline between texts: the words before each text's end.
    before = np.searchsorted(starts, ends, side="left")
    lengths = np.diff(before, prepend=0).astype(np.int64)
    return _hash_spans(buffer, starts, stops), lengths


def _joined_words(text: str) -> bytes:
    return " ".join(words(normalize(text))).encode("utf-8", "surrogatepass")


# 1 for a word character, 2 for a joiner, 0 for the rest.
_BYTE_KIND = np.zeros(256, dtype=np.uint8)
for _chars in (b"0123456789", b"abcdefghijklmnopqrstuvwxyz", b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"_"):
    _BYTE_KIND[list(_chars)] = 1
_BYTE_KIND[list(b"'.-")] = 2


def _ascii_word_bytes(buffer: np.ndarray) -> np.ndarray:
    """Which bytes of ASCII text belong to a word of ``storyweave.text.words``: word characters,
    and a joiner (' . -) between two word characters."""
    kind = _BYTE_KIND[buffer]
    word = kind == 1
    inside: np.ndarray = word.copy()
    inside[1:-1] |= (kind[1:-1] == 2) & word[:-2] & word[2:]
    return inside


def _hash_spans(buffer: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """A 64-bit hash of the bytes of each span ``buffer[start:stop]``.

    The span is read as little-endian 8-byte words from unaligned loads; the first (with the
    span's length) starts the hash, each further one is mixed in. Most words fit one load, so
    this costs a few operations per word rather than per byte.
    """
    if len(starts) == 0:
        return np.zeros(0, dtype=U64)
    padded = np.zeros(len(buffer) + 8, dtype=np.uint8)
    padded[: len(buffer)] = buffer
    # Every byte position as the start of an unaligned little-endian 8-byte load.
    loads = np.ndarray((len(buffer),), dtype=np.dtype("<u8"), buffer=padded, strides=(1,))
    sizes = stops - starts
    first = loads[starts] & _LOW_BYTES[np.minimum(sizes, 8)]
    hashes: np.ndarray = _mix(first * U64(_BASE) + sizes.astype(U64) * U64(0x9FB21C651E98DF25))
    todo = np.flatnonzero(sizes > 8)
    offset = 8
    while len(todo):
        left = sizes[todo] - offset
        chunk = loads[starts[todo] + offset] & _LOW_BYTES[np.minimum(left, 8)]
        hashes[todo] = _mix((hashes[todo] * U64(_BASE)) ^ chunk)
        offset += 8
        todo = todo[left > 8]
    return hashes


def whole_text_keys(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The key of each text's whole word sequence and its number of words: the one test of
    exact duplicates, for ``dups`` and for the relations of ``run`` (equal word sequences,
    equal keys)."""
    tokens, lengths = token_hashes(texts)
    return sequence_keys(tokens, lengths), lengths


def sequence_keys(tokens: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The key of each document's whole word sequence (as :meth:`SequenceKeys.whole`)."""
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    owner = np.repeat(np.arange(len(lengths)), lengths)
    powers = _powers(_BASE, int(lengths.max()) + 1 if len(lengths) else 1)
    prefix = np.zeros(len(tokens) + 1, dtype=U64)
    np.cumsum(tokens * powers[np.arange(len(tokens)) - starts[owner]], dtype=U64, out=prefix[1:])
    keys: np.ndarray = prefix[starts + lengths] - prefix[starts]
    return keys


def minhash_signatures(
    tokens: np.ndarray, lengths: np.ndarray, *, k: int, num_perm: int
) -> np.ndarray:
    """The ``(documents, num_perm)`` MinHash matrix of the word ``k``-gram shingle sets.

    One-permutation MinHash: each shingle hash falls into one of ``num_perm`` places (by its
    high bits), and each place keeps the smallest value (31 low bits) that fell into it, so one
    pass over the shingles replaces ``num_perm`` hash functions. A place no shingle fell into
    takes the value of a filled one with the ``COPIED`` bit set (:func:`_densify`): such
    places serve LSH but are no evidence for the estimate. Two documents agree in a place that
    samples the union of their shingle sets with probability about their Jaccard
    (:func:`agreements`).
    """
    return _signatures(*shingle_hashes(tokens, lengths, k), num_perm)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The ``(documents, bands)`` LSH keys of ``signatures``: band ``b`` hashes the places
    ``b, b + bands, ..., b + (rows - 1) * bands``, spread over the row rather than neighbours,
    because the empty places of a short text copy nearby ones (:func:`_densify`)."""
    keys = np.zeros((len(signatures), bands), dtype=U64)
    for j in range(rows):
        places = signatures[:, j * bands : (j + 1) * bands].astype(U64)
        keys = (keys ^ places) * U64(0x100000001B3 + 2 * j)
    return keys


@functools.cache
def _rightward(num_perm: int) -> np.ndarray:
    """Which side each empty place of a signature is filled from (seeded: the same in every
    run and process): :func:`_drawn_sides`, kept in the cache folder (see
    ``storyweave.lexicon.cached_file``) per version of numpy, seed and ``num_perm``, because
    importing ``numpy.random`` to draw them takes longer than a small run's signatures."""
    from storyweave.lexicon import cached_file, read_array, write_array

    def write(out: BinaryIO) -> None:
        write_array(out, _drawn_sides(num_perm))

    key = f"{MINHASH_SEED}|{num_perm}"
    saved = cached_file(Path(np.__file__), SIDES, write, key=key)
    if saved is not None:
        with open(saved, "rb") as handle, suppress(ValueError, EOFError):
            sides = read_array(handle)
            if sides.dtype == np.bool_ and sides.shape == (num_perm,):
                return sides
    return _drawn_sides(num_perm)


SIDES = "sides1"  # the cache file kind of _rightward's sides


def _drawn_sides(num_perm: int) -> np.ndarray:
    """``num_perm`` sides drawn by numpy's generator seeded with :data:`MINHASH_SEED`."""
    return np.random.default_rng(MINHASH_SEED).integers(0, 2, num_perm).astype(bool)


def agreements(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For signature rows ``left[i]`` and ``right[i]``: the places where both hold the same
    own (not copied) value, and the places where at least one holds its own value (those that
    sample the union of the two shingle sets)."""
    own_left = (left & np.uint32(COPIED)) == 0
    same = ((left == right) & own_left).sum(axis=1)
    sampled = (own_left | ((right & np.uint32(COPIED)) == 0)).sum(axis=1)
    return same, sampled


def distinct_counts(shingles: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The number of distinct shingles of each document (shingles end to end, as counted).

    Each shingle is sorted under a key of its document (high bits) and its hash (the rest):
    with at least 40 bits of hash left for batches of up to 2**24 documents, two different
    shingles of one document share a key by chance about once in 10**8 documents.
    """
    found: np.ndarray = counts.astype(np.int64)
    if len(shingles) < 2:
        return found
    owner_bits = max(1, len(counts).bit_length())
    owner = np.repeat(np.arange(len(counts), dtype=U64), counts)
    keys = np.sort((owner << U64(64 - owner_bits)) | (shingles >> U64(owner_bits)))
    repeats = keys[1:][keys[1:] == keys[:-1]] >> U64(64 - owner_bits)
    return found - np.bincount(repeats.astype(np.int64), minlength=len(counts))


def _signatures(shingles: np.ndarray, counts: np.ndarray, num_perm: int) -> np.ndarray:
    """One-permutation MinHash (see :func:`minhash_signatures`)."""
    docs = len(counts)
    owner = np.repeat(np.arange(docs, dtype=np.int64), counts)
    bins = (((shingles >> U64(32)) * U64(num_perm)) >> U64(32)).astype(np.int64)
    flat = np.full(docs * num_perm, EMPTY_PLACE, dtype=np.uint32)
    values = (shingles & U64(COPIED - 1)).astype(np.uint32)
    np.minimum.at(flat, owner * num_perm + bins, values)
    signatures = flat.reshape(docs, num_perm)
    _densify(signatures)
    return signatures


def _densify(signatures: np.ndarray) -> None:
    """Fill each empty place of a signature from the nearest filled place on one side, right
    or left as fixed per place (the same in every document), marked as ``COPIED``.

    Two documents whose filled places agree fill their empty places alike, so LSH bands of
    short texts still meet; the side chosen per place keeps one filled place from being copied
    into long runs (improved densification, Shrivastava and Li 2014). Rows with no filled place
    (texts without words) stay empty.
    """
    num_perm = signatures.shape[1]
    filled = signatures != EMPTY_PLACE
    # Only rows with some places filled and some empty change; positions fit 16 bits, which
    # halves the memory the scans below pass over.
    rows = np.flatnonzero(filled.any(axis=1) & ~filled.all(axis=1))
    if len(rows) == 0:
        return
    filled = filled[rows]
    position = np.int16 if 2 * num_perm < np.iinfo(np.int16).max else np.int32
    places = np.arange(num_perm, dtype=position)
    none = position(2 * num_perm)
    # The nearest filled place at or after each place, around to the row's first if none.
    right = np.minimum.accumulate(np.where(filled, places, none)[:, ::-1], axis=1)[:, ::-1]
    right = np.where(right == none, right[:, :1], right)
    # The nearest at or before, around to the row's last.
    left = np.maximum.accumulate(np.where(filled, places, position(-1)), axis=1)
    left = np.where(left < 0, left[:, -1:], left)
    source = np.where(_rightward(num_perm), right, left)
    part = signatures[rows]
    copied = np.take_along_axis(part, source.astype(np.intp), axis=1)
    np.copyto(part, copied | np.uint32(COPIED), where=~filled)
    signatures[rows] = part


def shingle_hashes(
    tokens: np.ndarray, lengths: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word ``k``-grams of each document, end to end, and their count per document.

    A document of fewer than ``k`` words (but at least one) has one shingle of all its words, as
    in :func:`storyweave.reuse.shingles.shingles_of_words`.
    """
    if not 1 <= k <= len(_POSITION):
        raise ValueError(f"k must be between 1 and {len(_POSITION)}")
    total = len(tokens)
    if total == 0:
        return np.zeros(0, dtype=U64), np.zeros(len(lengths), dtype=np.int64)
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    # Every window of k words from each position, across document ends too (those are dropped
    # below); contiguous slices, no gathers.
    window = tokens * _POSITION[0]
    for j in range(1, min(k, total)):  # a batch of fewer than k words has no full window
        window[: total - j] += tokens[j:] * _POSITION[j]
    owner = np.repeat(np.arange(len(lengths)), lengths)
    valid = np.arange(total) + k <= (starts + lengths)[owner]
    short = np.flatnonzero((lengths > 0) & (lengths < k))
    if len(short):  # fewer than k words: one shingle of them all
        first = starts[short]
        whole = np.zeros(len(short), dtype=U64)
        for j in range(k - 1):
            inside = j < lengths[short]
            term = tokens[np.minimum(first + j, total - 1)] * _POSITION[j]
            whole += np.where(inside, term, U64(0))
        window[first] = whole
        valid[first] = True
    counts = np.bincount(owner[valid], minlength=len(lengths)).astype(np.int64)
    return _mix(window[valid]), counts


def shingle_set(tokens: np.ndarray, k: int) -> frozenset[int]:
    """The set of word ``k``-gram hashes of one document's word hashes."""
    hashes, _ = shingle_hashes(tokens, np.array([len(tokens)], dtype=np.int64), k)
    return frozenset(hashes.tolist())


def _mix(values: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (xor-shift-multiply), so that shingle hashes spread over all bits."""
    values = values ^ (values >> U64(31))
    values = values * U64(0xBF58476D1CE4E5B9)
    mixed: np.ndarray = values ^ (values >> U64(29))
    return mixed


# One odd multiplier per word position of a shingle (k may be up to len(_POSITION)), mixed so
# that they are unrelated to each other: multipliers in arithmetic progression (P_j = A + jB)
# made shingles such as "a b b a c" and "b a a b c" collide, their differences cancelling.
_POSITION = _mix(np.arange(1, 65, dtype=U64) * U64(_BASE)) | U64(1)


def _powers(base: int, count: int) -> np.ndarray:
    out = np.empty(max(count, 1), dtype=U64)
    value = 1
    for i in range(len(out)):
        out[i] = value
        value = (value * base) & _MASK
    return out


def gather_words(
    tokens: np.ndarray, lengths: np.ndarray, docs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The word hashes of ``docs`` end to end (``tokens`` and ``lengths`` as in
    :class:`Features`), and their lengths."""
    starts = np.cumsum(lengths) - lengths
    picked = lengths[docs]
    first = np.cumsum(picked) - picked
    index = np.repeat(starts[docs] - first, picked) + np.arange(int(picked.sum()))
    return tokens[index], picked


@dataclass(frozen=True)
class SequenceKeys:
    """Prefix sums of polynomial hashes of word-hash sequences (see module doc), kept for some
    of the documents of a batch: ``prefix[offsets[d] + i]`` is the hash of the first ``i`` words
    of document ``d`` (``offsets[d]`` is -1 for a document not kept)."""

    lengths: np.ndarray
    offsets: np.ndarray
    prefix: np.ndarray

    @classmethod
    def of(
        cls, tokens: np.ndarray, lengths: np.ndarray, keep: np.ndarray | None = None
    ) -> SequenceKeys:
        """Prefix sums for the documents of ``tokens`` / ``lengths`` (as in :class:`Features`)
        where ``keep`` (default: all)."""
        kept = np.arange(len(lengths)) if keep is None else np.flatnonzero(keep)
        words, counts = gather_words(tokens, lengths, kept)
        starts = np.cumsum(counts) - counts
        powers = _powers(_BASE, int(counts.max()) + 1 if len(counts) else 1)
        owner = np.repeat(np.arange(len(counts)), counts)
        terms = words * powers[np.arange(len(words)) - starts[owner]]
        # Each document's prefix sums, with a leading 0, laid out end to end (length n + 1).
        prefix = np.zeros(len(words) + len(counts), dtype=U64)
        prefix[np.arange(len(words)) + owner + 1] = terms
        bounds = starts + np.arange(len(counts))
        running = np.cumsum(prefix, dtype=U64)
        prefix = running - np.repeat(running[bounds], counts + 1)
        offsets = np.full(len(lengths), -1, dtype=np.int64)
        offsets[kept] = bounds
        return cls(lengths, offsets, prefix)

    def _at(self, docs: np.ndarray, i: np.ndarray) -> np.ndarray:
        found: np.ndarray = self.prefix[self.offsets[docs] + i]
        return found

    def whole(self, docs: np.ndarray) -> np.ndarray:
        """The key of each document's whole word sequence."""
        return self._at(docs, self.lengths[docs])

    def deletions(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(document, key) of each document with one of its words deleted, every position."""
        lengths = self.lengths[docs]
        owner = np.repeat(docs, lengths)
        i = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        at = self.offsets[owner] + i  # each word's place in the prefix sums
        total = np.repeat(self.whole(docs), lengths)
        after = (total - self.prefix[at + 1]) * U64(_BASE_INV)
        return owner, self.prefix[at] + after

    def affixes(
        self, docs: np.ndarray, longest_extra: int, shortest: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(document, key) of each document's first and last ``j`` words, for every ``j`` from
        ``max(shortest, n - longest_extra)`` to ``n - 1``: the keys of the texts it would be with
        up to ``longest_extra`` words cut from its start or end."""
        n = self.lengths[docs]
        low = np.maximum(shortest, n - longest_extra)
        counts = np.maximum(n - low, 0)
        owner = np.repeat(docs, counts)
        first = np.repeat(np.cumsum(counts) - counts, counts)
        j = np.repeat(low, counts) + (np.arange(len(owner)) - first)
        heads = self._at(owner, j)
        cut = np.repeat(n, counts) - j
        powers_inv = _powers(_BASE_INV, int(cut.max()) + 1 if len(cut) else 1)
        tails = (np.repeat(self.whole(docs), counts) - self._at(owner, cut)) * powers_inv[cut]
        return np.concatenate([owner, owner]), np.concatenate([heads, tails])
