"""Two reports written on one template: the same wording around different figures.

Wire services and data desks publish many items from one template (dividend notices, weekly
money-supply figures, bond issues, daily market reports): their wording is near-identical, so
they look like copies of one another, but each reports its own figures. A copy keeps the
figures of its origin: a trimmed re-run keeps a subset, a corrected or updated one changes a
few. Judged by hand on Reuters-21578 (benchmarks/labels_audit.py), every copy kept at least
0.9 of the shorter text's figures and every template pair kept at most 0.67.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from storyweave.lexicon import are_synonyms, is_function_word, thesaurus
from storyweave.records import Passage
from storyweave.text import LazyPattern, word_tokens

# A figure: digits with their separators ("1,250", "6-1/4", "2.1"), commas dropped.
_FIGURE = re.compile(r"\d(?:[\d.,/-]*\d)?")
MAX_KEPT = 0.5  # a copy keeps more than this share of the shorter text's figures ...
MANY_FIGURES = 5  # ... and, when the shorter text gives at least this many,
MAX_KEPT_OF_MANY = 0.7  # more than this share


_SMALL_NUMBERS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_NUMBER_WORD_VALUES = {word: str(n) for n, word in enumerate(_SMALL_NUMBERS, start=1)}
# A number written as a word before a scale ("one billion dlrs"): the figure "1", as "1 billion"
# gives. A bare number word ("two weeks") is not counted: reports write those either way.
_WORD_FIGURE = LazyPattern(
    rf"\b({'|'.join(_SMALL_NUMBERS)})\s+(?:hundred|thousand|million|billion|trillion|mln|bln)\b",
    re.IGNORECASE,
)


def figures(text: str) -> frozenset[str]:
    """The distinct figures written in ``text``."""
    digits = {m.group(0).replace(",", "") for m in _FIGURE.finditer(text)}
    words = {_NUMBER_WORD_VALUES[m.group(1).lower()] for m in _WORD_FIGURE.finditer(text)}
    return frozenset(digits | words)


def template_fill(shorter: str, longer: str) -> str | None:
    """Why ``shorter`` and ``longer`` are two reports on one template (their figures differ),
    or None when they keep the same figures (or one side gives none)."""
    own, other = figures(shorter), figures(longer)
    if not own or not other:
        return None  # a figure written out in words on one side ("twelve" / "12") is no fill
    kept = len(own & other) / len(own)
    limit = MAX_KEPT_OF_MANY if len(own) >= MANY_FIGURES else MAX_KEPT
    if kept > limit:
        return None
    return (
        f"one template, different figures: {kept:.0%} of the {len(own)} figures of the shorter "
        "text recur in the other"
    )


def passage_texts(a_text: str, b_text: str, passages: tuple[Passage, ...]) -> tuple[str, str]:
    """The text of the shared passages on each side."""
    a_side = " ".join(a_text[p.a_start : p.a_end] for p in passages)
    b_side = " ".join(b_text[p.b_start : p.b_end] for p in passages)
    return a_side, b_side


# The words of the typesetters' placeholder text ("lorem ipsum dolor sit amet…") that page
# templates and test pages fill their columns with.
_PLACEHOLDER_WORDS = frozenset(
    """lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisicing elit sed do
    eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
    exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
    reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur sint occaecat
    cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum
    blah""".split()
)
PLACEHOLDER_SHARE = 0.5


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is mostly placeholder Latin: two pages filled with the same stock
    filler share it without either copying the other."""
    return placeholder_words(word_tokens(text))


def placeholder_words(words: Sequence[str]) -> bool:
    """:func:`is_placeholder` of already tokenised words."""
    filler = sum(1 for word in words if word in _PLACEHOLDER_WORDS)
    return bool(words) and filler >= PLACEHOLDER_SHARE * len(words)


# The opening name of a sentence: capitalised words, with the small words names hold ("Bank of
# Finland", "Caisse Centrale Desjardins du Quebec").
_OPENING_NAME = LazyPattern(
    r"[A-Z][\w&.'’-]*(?:\s+(?:(?:of|de|du|des|la|le|and|&)\s+)?[A-Z][\w&.'’-]*)*"
)
OPENING_WORDS = 40
SAME_FRAME = 0.5  # share of the shorter opening's words found in the other: one frame
SPELLING_RATIO = 0.8  # normalised similarity of two spellings of one name word
# Words that say what kind of body a name is, not which one: "Acme Inc" and "Borden Inc" share
# no name.
_DESIGNATORS = frozenset(
    "inc corp corporation co company ltd limited plc llc ag sa nv bv la le".split()
)


def subject_fill(a_text: str, b_text: str) -> str | None:
    """Why two texts are reports on one template about different subjects, or None.

    Their openings are one frame (most of the shorter opening's words recur in the other) whose
    opening names share no word, not even in another spelling: "Union Bank of Finland is issuing
    a 10 billion yen eurobond…" and "DNC International Finance is issuing a 10 billion yen
    eurobond…", with the same terms and figures. A copy keeps the subject of its origin; a copy
    that opens with words of its own is no one frame.
    """
    a_open, b_open = _opening(a_text), _opening(b_text)
    a_words = {w for w in word_tokens(a_open) if not is_function_word(w)}
    b_words = {w for w in word_tokens(b_open) if not is_function_word(w)}
    if not a_words or not b_words:
        return None
    if len(a_words & b_words) < SAME_FRAME * min(len(a_words), len(b_words)):
        return None
    a_name, b_name = _opening_name(a_open), _opening_name(b_open)
    if not a_name or not b_name or any(_one_name(x, y) for x in a_name for y in b_name):
        return None
    if _swapped_word_for_word(a_name, b_name):
        return None
    if _named_after_opening(a_text, b_name) or _named_after_opening(b_text, a_name):
        return None
    return (
        f'one template, different subjects: "{" ".join(a_name)}" and "{" ".join(b_name)}" '
        "open the same words"
    )


def _opening(text: str) -> str:
    """The first :data:`OPENING_WORDS` words of ``text``, on one line."""
    return " ".join(text.split()[:OPENING_WORDS])


def _opening_name(opening: str) -> list[str]:
    """The words of the name ``opening`` starts with; none when it starts with one capitalised
    word ("Residents complained…", "Officials said…"), which may be any word opening a
    sentence: a name here has two capitalised words or an acronym ("Hertz Corp", "RJR")."""
    found = _OPENING_NAME.match(opening.lstrip(" \"'“‘("))
    if found is None:
        return []
    capitalised = found.group(0).split()
    capitalised = [w for w in capitalised if w[0].isupper()]
    if len(capitalised) < 2 and not any(len(w) > 1 and w.isupper() for w in capitalised):
        return []
    words = word_tokens(found.group(0))
    return [w for w in words if not is_function_word(w) and len(w) > 1 and w not in _DESIGNATORS]


def _swapped_word_for_word(a_name: Sequence[str], b_name: Sequence[str]) -> bool:
    """Whether one opening name is the other with each word swapped for a synonym, as a spinner
    rewrites a name made of common words ("President Bush" / "Chairman Shrub"): one subject in
    other words, not another subject. Without a thesaurus, no name is taken for a swap."""
    synonyms = thesaurus()
    if not synonyms or len(a_name) != len(b_name):
        return False
    return all(are_synonyms(x, y, synonyms) for x, y in zip(a_name, b_name, strict=True))


def _named_after_opening(text: str, name: Sequence[str]) -> bool:
    """Whether ``text`` names ``name`` (every word of it) after its own opening: a copy that
    renamed the subject's first mention ("UK" as "Britain") still names it further on, where an
    item on one template about another subject does not."""
    rest = set(word_tokens(" ".join(text.split()[OPENING_WORDS:])))
    return all(word in rest for word in name)


def _one_name(a: str, b: str) -> bool:
    """One name word, or two spellings of one ("Goodwin" / "Good", "Nabisco" / "Nabsico")."""
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    return Levenshtein.normalized_similarity(a, b) >= SPELLING_RATIO
