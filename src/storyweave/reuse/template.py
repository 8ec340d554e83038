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

from storyweave.records import Passage

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
_WORD_FIGURE = re.compile(
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
    cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum""".split()
)
PLACEHOLDER_SHARE = 0.5


def is_placeholder(text: str) -> bool:
    """Whether ``text`` is mostly placeholder Latin: two pages filled with the same stock
    filler share it without either copying the other."""
    words = re.findall(r"[a-z]+", text.lower())
    filler = sum(1 for word in words if word in _PLACEHOLDER_WORDS)
    return bool(words) and filler >= PLACEHOLDER_SHARE * len(words)
