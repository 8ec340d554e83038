"""The role or honorific written right before a name (``defence minister Jane Doe``,
``Dr Jane Doe``), read from the words before it on its line."""

from __future__ import annotations

import re

from storyweave.facts.lexicon import PRONOUNS, ROLE_VERBS
from storyweave.lexicon import HONORIFICS, NON_CONTENT_WORDS, ROLE_WORDS, SPEECH_VERBS

WORD = re.compile(r"[\w’'\-]+")  # a word of a name, or of the words before one
_MAX_ROLE_WORDS = 6


def drop_leading_honorific_and_roles(
    text: str, tokens: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``President Jane Doe`` -> ``Jane Doe`` (the role is read back by :func:`role_before`)."""
    last_role = -1
    for index, (s, e) in enumerate(tokens[:-1]):
        word = text[s:e].lower().rstrip(".")
        if word in ROLE_WORDS or word in HONORIFICS:
            last_role = index
    return tokens[last_role + 1 :]


def _previous_words(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    """Spans of up to ``limit`` words right before ``start`` on the same line, nearest first."""
    # Words are short: a window of 40 characters a word is ample and keeps this linear.
    floor = max(0, start - 40 * limit)
    line_start = max(text.rfind("\n", floor, start) + 1, floor)
    spans = [(m.start(), m.end()) for m in WORD.finditer(text, line_start, start)]
    # Stop at punctuation between words (a comma ends the role phrase).
    result: list[tuple[int, int]] = []
    cursor = start
    for s, e in reversed(spans):
        gap = text[e:cursor]
        if gap.strip(" "):
            break
        result.append((s, e))
        cursor = s
        if len(result) >= limit:
            break
    return result


def role_before(text: str, start: int) -> str:
    words = _previous_words(text, start, _MAX_ROLE_WORDS)
    role_end = -1
    for index, (s, e) in enumerate(words):
        word = text[s:e].lower()
        if word.rstrip(".") in HONORIFICS:
            continue
        if word in ROLE_WORDS:
            role_end = index
        break
    if role_end < 0 or _used_as_verb(text, words, role_end):
        return ""
    role_start = role_end
    lowercase_modifiers = 0
    for index in range(role_end + 1, len(words)):
        s, e = words[index]
        word = text[s:e]
        if not _can_modify_role(word):
            break
        if word.islower():
            lowercase_modifiers += 1
            if lowercase_modifiers > 2:
                break
        role_start = index
    s = words[role_start][0]
    e = words[role_end][1]
    return text[s:e]


def _used_as_verb(text: str, words: list[tuple[int, int]], index: int) -> bool:
    """``to head Ferrow Town``, ``to chair the board``: a role word that is also a verb, after
    ``to``, is the verb."""
    s, e = words[index]
    if text[s:e] not in ROLE_VERBS or index + 1 >= len(words):
        return False
    before_s, before_e = words[index + 1]
    return text[before_s:before_e].lower() == "to"


def _can_modify_role(word: str) -> bool:
    """Words that can stand in a role phrase: ``White House``, ``defence``, ``deputy``."""
    low = word.lower()
    if low in NON_CONTENT_WORDS or low in SPEECH_VERBS or low in PRONOUNS:
        return False
    if word.islower():
        return low in ROLE_WORDS or not low.endswith(("ed", "ing", "ly"))
    return True


def honorific_before(text: str, start: int) -> str:
    words = _previous_words(text, start, 1)
    if words:
        s, e = words[0]
        if text[s:e].lower().rstrip(".") in HONORIFICS:
            return text[s:e]
    return ""
