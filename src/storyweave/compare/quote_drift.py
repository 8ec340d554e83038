"""How two wordings of one quote stand to each other: one wording, a drift, or two remarks.

A drift needs a changed word after all that the word keys (:mod:`storyweave.compare.quote_keys`)
fold, within quotes that are mostly the same words (:data:`MIN_DRIFT_SHARE`) and share a run of
:data:`MIN_DRIFT_RUN` words: two different sentences of one speaker are two quotes, not one
drifted quote; and wordings that differ in more than :data:`MAX_DRIFT_CHANGES` places are a
drift only when one article rewords the other or is labelled a spinner's copy: between
independent reports, so many changes are more often the speaker on the same theme twice than
one remark misquoted. A typo (one letter off in a longer word) or another inflection of a word
(``build``/``building``) is no change, nor are words left out in pieces of
:data:`MIN_CUT_WORDS` or more without an ellipsis (an unmarked cut); a dropped or added negation
("not", "never") always is. Wordings that differ only in function words ("the" for "our", a
dropped "just") are neither a drift nor the same words: they corroborate nothing; nor are two
quotes that share words but each go on beyond them (two remarks, one repeated sentence in
each). Words that differ at the ends of a short partial quote are the reporter's own.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from storyweave.compare.quote_keys import EDITOR_MARK, letters_of
from storyweave.lexicon import is_function_word
from storyweave.text import fold

MIN_SHORT_QUOTE_MATCH = 0.7
_ANCHOR_GAP = 3
SAME_WORDS = "same words, different extent"
MIN_DRIFT_SHARE = 0.5  # of the shorter wording's words, found in order in the longer
MIN_DRIFT_RUN = 3  # words in a row that two wordings of one quote share
MAX_DRIFT_CHANGES = 2  # separate changes between independent reports of one quote
MIN_TYPO_LETTERS = 4
MIN_CUT_WORDS = 3  # words left out in one piece: an unmarked cut, not a change of words
_INFLECTIONS = ("s", "es", "d", "ed", "ing")
_NEGATIONS = frozenset("not no never nothing nobody none neither nor".split())
SHORT_QUOTE_WORDS = 6  # a wording this short needs MIN_SHORT_QUOTE_MATCH instead of a run


def match_share(short: Sequence[str], long: Sequence[str]) -> tuple[float, int]:
    """Share of ``short``'s words found in order in ``long``, and how many words that is."""
    share, matched, _ = matching(short, long)
    return share, matched


def matching(short: Sequence[str], long: Sequence[str]) -> tuple[float, int, int]:
    """Share and number of ``short``'s words found in order in ``long``, and the longest run."""
    if len(short) > len(long):
        short, long = long, short
    if not short:
        return 0.0, 0, 0
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = sum(block.size for block in blocks)
    return matched / len(short), matched, max(block.size for block in blocks)


def _censored_match(a: str, b: str) -> bool:
    return (a.endswith("*") or b.endswith("*")) and a[:1] == b[:1]


def _misspelt(a: str, b: str) -> bool:
    """One edit (or two letters swapped) apart in a word of :data:`MIN_TYPO_LETTERS` letters or
    more (``disbelier``, ``fsical``, ``al-shabab``/``al-shabaab``, ``lost``/``loss``, a letter
    dropped from one: ``wil``/``will``): a typo or a transliteration, not a changed word."""
    return (
        max(len(a), len(b)) >= MIN_TYPO_LETTERS
        and min(len(a), len(b)) >= MIN_TYPO_LETTERS - 1
        and not (a.isdigit() or b.isdigit())
        and OSA.distance(a, b, score_cutoff=1) <= 1
    )


def _inflection_of(a: str, b: str) -> bool:
    """``independent``/``independently``: a dropped "-ly" is a slip, not another word; so is
    another inflection of one verb or noun (``build``/``building``, ``risk``/``risks``)."""
    if a + "ly" == b or b + "ly" == a:
        return True
    short, long = sorted((a, b), key=len)
    dropped_e = short.endswith("e") and long in (short[:-1] + "ing", short[:-1] + "ed")
    return len(short) >= MIN_TYPO_LETTERS and (
        dropped_e or any(long == short + ending for ending in _INFLECTIONS)
    )


def wording_relation(
    references: list[list[str]],
    others: list[list[str]],
    names: frozenset[str] = frozenset(),
    reworded: bool = False,
) -> str:
    """How another wording stands to the reference, under some reading of the editors'
    bracketed insertions (kept or left out): :data:`SAME_WORDS` (one wording), "" (too unlike
    to tell: another remark), or else the word changes of a drift; more than
    :data:`MAX_DRIFT_CHANGES` changes only when one of the two is ``reworded``."""
    found = [_relation_of(r, o, names) for r in references for o in others]
    if SAME_WORDS in found:
        return SAME_WORDS
    if "" in found:
        return ""
    if len(found[0].split("; ")) > MAX_DRIFT_CHANGES and not reworded:
        return ""  # independent reports changed in many places: more often two remarks
    return found[0]


def _relation_of(
    reference: list[str], other: list[str], names: frozenset[str] = frozenset()
) -> str:
    """:func:`wording_relation` for one reading of each wording."""
    if sorted(reference) == sorted(other):
        return SAME_WORDS  # the same words, perhaps reordered
    share, _, run = matching(reference, other)
    if min(len(reference), len(other)) <= SHORT_QUOTE_WORDS:
        if share < MIN_SHORT_QUOTE_MATCH:
            return ""
    elif share < MIN_DRIFT_SHARE or run < MIN_DRIFT_RUN:
        return ""
    diff = word_diff(reference, other, names)
    if diff == SAME_WORDS:
        # one must hold the other: two quotes that share a sentence but each go on beyond it
        # ("That is needless. We oppose the toll" and "We oppose the toll.... We will fight
        # it") are two remarks, not one wording
        return SAME_WORDS if _holds_the_other(reference, other) else ""
    if not _content_change(diff) or _unmarked_cuts(diff):
        return ""  # "the" for "our", a dropped "just": no drift, nor the same words either
    return diff


def _unmarked_cuts(diff: str) -> bool:
    """Whether every change of a word diff only leaves words out of one wording, each time
    :data:`MIN_CUT_WORDS` or more in one piece: a reporter's cut without an ellipsis (or an
    editor's unbracketed aside), not a misquote; a swap of function words alongside ("hear
    about"/"hear of") is left aside. A dropped negation stays a change."""
    changes = [c for c in diff.split("; ") if _content_change(c) or " +" not in c]
    signs = {change[:1] for change in changes}
    left_out = {w.lstrip("+-") for change in changes for w in change.split()}
    return (
        len(signs) == 1
        and not left_out & _NEGATIONS
        and all(" +" not in change for change in changes)
        and all(len(change.split()) >= MIN_CUT_WORDS for change in changes)
    )


def _holds_the_other(reference: Sequence[str], other: Sequence[str]) -> bool:
    """Whether the shared stretch of two wordings covers the whole of one of them."""
    ref_window, other_window = _shared_stretch(reference, other)
    return ref_window == (0, len(reference)) or other_window == (0, len(other))


def _content_change(diff: str) -> bool:
    """Whether a word diff changes a content word (not only "a", "the", "that" ...); a
    negation, though a stop word, reverses what was said."""
    return any(
        not is_function_word(word) or word in _NEGATIONS
        for change in diff.split("; ")
        for word in change.replace("+", " ").replace("-", " ").split()
    )


def word_diff(
    reference: Sequence[str], other: Sequence[str], names: frozenset[str] = frozenset()
) -> str:
    """Word-level changes from ``reference`` to ``other``: ``-very glad +happy``.

    Only the stretch both quotes cover is compared, so an excerpt does not show the words it
    leaves out at either end; :data:`SAME_WORDS` when nothing but its extent, spacing or
    hyphenation differs. A change is no change when it swaps one name for another form of it
    (all its words among ``names``, the keys of words written capitalised: ``ISIS``/``ISIL``),
    moves words (what one change removes another adds), is written in another script
    (a transliteration) or with other vowels in a name, or is a typo of several words
    (``meters high``/``meterhigh``).
    """
    ref_window, other_window = _shared_stretch(reference, other)
    ref_part = list(reference[ref_window[0] : ref_window[1]])
    other_part = list(other[other_window[0] : other_window[1]])
    if letters_of("".join(ref_part)) == letters_of("".join(other_part)):
        return SAME_WORDS  # only spaces or hyphens differ: "multi-planetary", "min ute"
    matcher = difflib.SequenceMatcher(None, ref_part, other_part, autojunk=False)
    changes: list[str] = []
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1 and all(
            _censored_match(x, y) or _misspelt(x, y) or _inflection_of(x, y)
            for x, y in zip(ref_part[i1:i2], other_part[j1:j2], strict=True)
        ):
            continue  # a censored word against the word it hides, or a typo
        if _form_change(ref_part[i1:i2], other_part[j1:j2], names):
            continue
        if EDITOR_MARK in (*ref_part[i1:i2], *other_part[j1:j2]) and (
            set(ref_part[i1:i2]) <= {EDITOR_MARK} or set(other_part[j1:j2]) <= {EDITOR_MARK}
        ):
            continue  # an editor's words in brackets for the speaker's: "on the (region)"
        removed += ref_part[i1:i2]
        added += other_part[j1:j2]
        parts = []
        if i2 > i1:
            parts.append("-" + " ".join(ref_part[i1:i2]))
        if j2 > j1:
            parts.append("+" + " ".join(other_part[j1:j2]))
        changes.append(" ".join(parts))
    if sorted(removed) == sorted(added):
        return SAME_WORDS  # the same words, moved: "can't really" and "really can't"
    return "; ".join(changes) if changes else SAME_WORDS


def _form_change(removed: Sequence[str], added: Sequence[str], names: frozenset[str]) -> bool:
    """Whether a change swaps only a name's forms, scripts or the spelling of several words."""
    if not removed or not added:
        return False
    if all(w in names for w in (*removed, *added)):
        return True
    if any(not _latin(w) for w in (*removed, *added)):
        return True
    if _initials_of(removed, added) or _initials_of(added, removed):
        return True  # "U.N."/"United Nations", "UK"/"United Kingdom"
    joined_a, joined_b = letters_of("".join(removed)), letters_of("".join(added))
    if any(w in names for w in (*removed, *added)) and _consonants(joined_a) == _consonants(
        joined_b
    ):
        return True  # a name transliterated with other vowels: "al Qaeda", "al-Qaida"
    return _misspelt(joined_a, joined_b) and len(removed) != len(added)


def _initials_of(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` is one word made of the initials of the two or more words of ``long``."""
    return (
        len(short) == 1 and len(long) >= 2 and letters_of(short[0]) == "".join(w[:1] for w in long)
    )


def _consonants(letters: str) -> str:
    return "".join(ch for ch in letters if ch not in "aeiouy")


def _latin(word: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() for ch in fold(word))


def _shared_stretch(
    reference: Sequence[str], other: Sequence[str]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The windows of both word lists between their first and last anchoring match.

    Anchors are runs of two or more equal words, plus single equal words close (within
    :data:`_ANCHOR_GAP` words) to an anchor; a lone shared word far away ("has", "the") must
    not stretch the diff over the whole of a longer quote.
    """
    matcher = difflib.SequenceMatcher(None, list(reference), list(other), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    kept = [b for b in blocks if b.size >= 2] or blocks[:1]
    if not kept:
        return (0, len(reference)), (0, len(other))
    for block in blocks:
        if block in kept:
            continue
        near = any(_close_blocks(block, k) or _close_blocks(k, block) for k in kept)
        if near:
            kept.append(block)
    ref_start, other_start = min(b.a for b in kept), min(b.b for b in kept)
    ref_end, other_end = max(b.a + b.size for b in kept), max(b.b + b.size for b in kept)
    # A few unmatched words at an end of both quotes are changed words, and one lone extra word
    # is a dropped word; more words on one side only are the rest of a longer quote.
    # A short partial quote is set in the reporter's own words: what differs at its ends is
    # the reporter's, not the speaker's ("a safe harbour open all winter").
    short = min(len(reference), len(other)) <= SHORT_QUOTE_WORDS
    if _edge_changed(ref_start, other_start, short):
        ref_start = other_start = 0
    if _edge_changed(len(reference) - ref_end, len(other) - other_end, short):
        ref_end, other_end = len(reference), len(other)
    return (ref_start, ref_end), (other_start, other_end)


def _edge_changed(left_over_a: int, left_over_b: int, short: bool = False) -> bool:
    if left_over_a and left_over_b:
        return not short and max(left_over_a, left_over_b) <= _ANCHOR_GAP
    return max(left_over_a, left_over_b) <= 1


def _close_blocks(first: difflib.Match, second: difflib.Match) -> bool:
    """Whether ``second`` starts within a few words after ``first`` ends, in both lists."""
    gap_a = second.a - (first.a + first.size)
    gap_b = second.b - (first.b + first.size)
    return 0 <= gap_a <= _ANCHOR_GAP and 0 <= gap_b <= _ANCHOR_GAP
