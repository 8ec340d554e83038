"""Mangled names: a name written both whole and with a common word inside it swapped.

A spinning tool swaps common words inside names too ("Hartwell" -> "Hart" + a synonym of
"well"; "Water Board" -> "Water Panel"): see :func:`mangled_names`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from storyweave.lexicon import is_function_word
from storyweave.reuse.spin.explain import SpinSign
from storyweave.reuse.spin.lexicon import Lexicon, are_synonyms

MIN_COMMON_ZIPF = 4.0  # a "common word" inside a name: at least 10 per million words
MIN_PREFIX = 2  # letters of a name kept before the swapped word
MAX_MANGLED_ZIPF = 1.5  # the mangled form is no English word of its own
MIN_NAME_WORD_ZIPF = 3.0  # words of a multi-word name that a thesaurus would swap
MIN_NAME_SWAP_GAP = 0.5  # the swapped-in word of a name is at least ~3 times rarer

# Words that tell two real places or bodies of otherwise equal names apart (directions,
# ordinals, sizes, ages): a difference in one of them is no synonym swap.
DISTINGUISHING_WORDS = frozenset(
    """
    north south east west northern southern eastern western northeast northwest southeast
    southwest upper lower inner outer central middle new old great greater little big small
    high low first second third fourth fifth last next junior senior left right
    """.split()
)

MANGLED_NAME = "mangled name"  # a one-word name with a part swapped: "Kirby" -> "Kirthrough"
MULTIWORD_NAME = "mangled multi-word name"  # "Lord X" / "Baron X": real usage shows it too

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
                    MANGLED_NAME,
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
            if other[cut].isupper() or word[cut].isupper():
                continue  # "DraftPro" / "Draftmaster": a maker's compound names, not a mangling
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
                    MULTIWORD_NAME,
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
        while parts and is_function_word(parts[0].lower()):
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
