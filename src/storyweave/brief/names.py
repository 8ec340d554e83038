"""Names a brief must introduce before it calls someone by one word of their name.

A news article names someone in full once ("Dr. Ancel Keys", "analyst Trip Chowdry") and
then by the surname alone ("Keys based his theory …"); a brief that takes the second sentence
without the first calls someone the reader never met. :func:`lone_names` finds the words of a
sentence that are one word of a name used alone: a capitalised word, outside quotations,
neither next to another capitalised word (a name given in full, "Apple Watch") nor after a
title, a role or a describing noun ("Mr. R", "analyst Chowdry", "website UDN"), "the" or
"a" ("the Watch"). :func:`name_forms` reads, in an article's text, the full names (two or three
capitalised words, titles and roles before them left out, not at a sentence's start) that
each such word belongs to, as the last word ("Ancel Keys") or the first ("Dornella Conner");
a word whose article gives one full name is told by it (:func:`full_name`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storyweave.lexicon import (
    HONORIFICS,
    NON_CONTENT_WORDS,
    ORG_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
)
from storyweave.text import CALENDAR_WORDS, fold

__all__ = [
    "LoneName",
    "common_words",
    "full_name",
    "lone_names",
    "mentioned",
    "name_forms",
    "name_key",
]

WORDS_CACHED = 1 << 16  # words whose readings are kept: a story repeats its names
HEADING_WORDS = 3  # longer words all capitalised on a line: a heading in title case
MAX_FULL_NAME = 3  # words of a person's full name ("Josh Paler Lin")
_TOKEN = re.compile(r"[^\W\d_][\w’'.-]*[^\W_]|[^\W\d_]|\S")
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_POSSESSIVE = re.compile(r"[’']s?$")
_CAPITAL = re.compile(r"[A-Z][^\W\d_]*(?:[’'-][^\W\d_]+)*")
# not a person's name, nor a part of one
_NOT_NAMES = (
    NON_CONTENT_WORDS
    | HONORIFICS
    | ROLE_WORDS
    | ORG_WORDS
    | TITLE_ABBREVIATIONS
    | CALENDAR_WORDS
    | frozenset(("the", "a", "an"))
)
_ENDS = frozenset('.!?"“”‘’:;…')  # a capital after these may open a sentence
_AUXILIARIES = frozenset(
    "is was has had will would could can may might must should does did also".split()
)
_TITLES = HONORIFICS | ROLE_WORDS | TITLE_ABBREVIATIONS | frozenset(("the", "a", "an"))
_SENTENCE_END = frozenset('.!?"“”‘’:;(—–-\n')


@dataclass(frozen=True)
class LoneName:
    """One word of a name used alone in a sentence."""

    word: str  # as written, without a possessive ending
    start: int  # offsets in the sentence
    end: int
    subject: bool  # the subject of a clause (not a source saying something), or an owner


@lru_cache(maxsize=WORDS_CACHED)
def name_key(word: str) -> str:
    """How a name word is compared: without accents, lower case."""
    return fold(word).lower()


@lru_cache(maxsize=WORDS_CACHED)
def _bare(token: str) -> str:
    return _POSSESSIVE.sub("", token)


@lru_cache(maxsize=WORDS_CACHED)
def _capitalised(token: str) -> bool:
    return bool(_CAPITAL.fullmatch(_bare(token))) and len(_bare(token)) > 1


def _tokens(text: str) -> list[tuple[str, int, int]]:
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(unquoted)]


def _joined(text: str, end: int, start: int) -> bool:
    """Whether only spaces lie between two tokens (no comma, no line break)."""
    return text[end:start].strip(" ") == "" and "\n" not in text[end:start]


def name_forms(text: str, common: frozenset[str] | None = None) -> dict[str, frozenset[str]]:
    """The full names ``text`` gives, by the key (:func:`name_key`) of their last and of their
    first word (module docstring); ``common``: :func:`common_words` of ``text``, if known."""
    tokens = _tokens(text)
    lower = common_words(text) if common is None else common
    written = frozenset(name_key(t) for t, _, _ in tokens if t[:1].islower())
    first_alone: dict[str, int] = {}
    for lone in lone_names(text, tokens):
        first_alone.setdefault(name_key(lone.word), lone.start)
    alone = frozenset(first_alone)
    found: dict[str, dict[str, str]] = {}
    at = 0
    while at < len(tokens):
        if not _capitalised(tokens[at][0]):
            at += 1
            continue
        end = at
        while (
            end + 1 < len(tokens)
            and _capitalised(tokens[end + 1][0])
            and _POSSESSIVE.search(tokens[end][0]) is None
            and _joined(text, tokens[end][2], tokens[end + 1][1])
        ):
            end += 1
        run = tokens[at : end + 1]
        at = end + 1
        if len(run) > MAX_FULL_NAME + 2:
            continue  # a title or a heading in capitals
        # titles, roles and words also written in lower case before the name ("President
        # Barack Obama", "Time to Put Ancel Keys' Theory to Rest")
        while run and (_bare(run[0][0]).lower() in _NOT_NAMES or name_key(run[0][0]) in written):
            run = run[1:]
        if not 2 <= len(run) <= MAX_FULL_NAME or _in_heading(text, run[0][1]):
            continue
        names = [_bare(t[0]) for t in run]
        if any(n.lower() in _NOT_NAMES or n.isupper() for n in names):
            continue
        if any(name_key(n) in lower for n in names):
            continue  # "Apple watch", "Yesterday Keys …": common words, no one's name
        if name_key(names[0]) in alone:
            continue  # "Apple Watch", "Torpoint Nursery": its first word a name of its own
        if any(re.search(r"-[a-z]", n) for n in names):
            continue  # "Shia-dominated National …": a compound, no one's name
        if first_alone.get(name_key(names[-1]), len(text)) < run[0][1]:
            continue  # "Seinfeld reruns" before "Jerry Seinfeld": named so before, not short
        full = " ".join(names)
        found.setdefault(name_key(names[-1]), {}).setdefault(name_key(full), full)
    return {k: _longest(v.values()) for k, v in found.items()}


def _longest(forms: Iterable[str]) -> frozenset[str]:
    """``forms`` less those that end another ("Paler Lin" in "Josh Paler Lin")."""
    keys = {name_key(f): f for f in forms}
    return frozenset(
        f for k, f in keys.items() if not any(o != k and o.endswith(" " + k) for o in keys)
    )


def lone_names(text: str, tokens: list[tuple[str, int, int]] | None = None) -> list[LoneName]:
    """The words of ``text`` that are one word of a name used alone (module docstring);
    ``tokens``: those of ``text``, if read already."""
    tokens = _tokens(text) if tokens is None else tokens
    found = []
    for at, (token, start, end) in enumerate(tokens):
        word = _bare(token)
        if not _capitalised(token) or word.lower() in _NOT_NAMES:
            continue
        before = tokens[at - 1][0] if at > 0 else ""
        after = tokens[at + 1][0] if at + 1 < len(tokens) else ""
        if before and _capitalised(before) and _joined(text, tokens[at - 1][2], start):
            continue  # "Ancel Keys", "Apple Watch"
        if after in ("and", "&") and at + 2 < len(tokens) and _capitalised(tokens[at + 2][0]):
            continue  # "Shlomo and Nehama Tawil": one surname for two
        named_on = after and _capitalised(after) and _joined(text, end, tokens[at + 1][1])
        if named_on and _POSSESSIVE.search(token) is None:
            continue
        if re.search(r"-[a-z]", word):
            continue  # "Stockholm-based": a compound, no one's name
        title = tokens[at - 2][0] if before == "." and at > 1 else before
        if title.lower() in _TITLES:
            continue  # "Mr. R", "the Watch", "President Obama"
        if _describing(before):
            continue  # a noun saying what it is: "analyst Chowdry", "website UDN"
        subject = (
            (at == 0 and _verb(after))
            or (before == "," and _verb(after) and not after.endswith("s"))
            or _POSSESSIVE.search(token) is not None
        )
        found.append(LoneName(word, start, start + len(word), subject))
    return found


def _verb(word: str) -> bool:
    """Whether ``word`` after a name may be its verb ("Keys based", "Orme thinks", "Orme
    will"), not a noun it qualifies ("Kestle council", "Imgur user") nor a verb of saying or
    reporting."""
    if not word.isalpha() or not word.islower():
        return False
    if word in SPEECH_VERBS or word.startswith("report"):
        return False  # "Inquisitr reports …", "Orme said …": a source named, as news names one
    if word in _AUXILIARIES or word.endswith(("ed", "ly")):
        return True
    return word.endswith("s") and not word.endswith("ss")


def _describing(word: str) -> bool:
    """Whether ``word`` before a name may be a noun saying what it names: a lower-case content
    word, not a verb of saying nor a past form ("website UDN", not "said Keys", "asked Lin")."""
    plain = word.isalpha() and word.islower() and word not in NON_CONTENT_WORDS
    return plain and word not in SPEECH_VERBS and not word.endswith("ed")


def mentioned(text: str) -> frozenset[str]:
    """The keys (:func:`name_key`) of the capitalised words of ``text``, quotations included."""
    return frozenset(
        name_key(_bare(m.group(0))) for m in _TOKEN.finditer(text) if _capitalised(m.group(0))
    )


def _in_heading(text: str, at: int) -> bool:
    """Whether the line of ``text`` around ``at`` is a heading in title case ("Time to Put
    Ancel Keys' Theory to Rest"), where every longer word has a capital."""
    line = text[text.rfind("\n", 0, at) + 1 : (text.find("\n", at) + 1 or len(text) + 1) - 1]
    longer = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(longer) >= HEADING_WORDS and all(w[0].isupper() for w in longer)


def common_words(text: str) -> frozenset[str]:
    """The keys of the words ``text`` writes in lower case and never with a capital inside a
    sentence: a capitalised one of them opening a sentence is a common word, not a name."""
    lower: set[str] = set()
    inside: set[str] = set()
    previous = "."
    for found in _TOKEN.finditer(text):
        token = found.group(0)
        if token[:1].islower():
            lower.add(name_key(token))
        elif _capitalised(token) and previous not in _ENDS:
            inside.add(name_key(_bare(token)))
        previous = token
    return frozenset(lower - inside)


def full_name(lone: LoneName, forms: dict[str, frozenset[str]]) -> str | None:
    """The one full name ``forms`` (:func:`name_forms`) give for ``lone``, or None (no full
    name, or several: "Donnell Conner" and "Dornella Conner")."""
    found = forms.get(name_key(lone.word), frozenset())
    return next(iter(found)) if len(found) == 1 else None
