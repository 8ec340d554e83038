"""Readable text shared by the Markdown, terminal and HTML renderers.

Articles are cited as ``[n]`` (with their title where there is room), never by hex id; evidence
is said as short points, each once; counts get the right plural; quotes and amounts are shown as
the articles wrote them where the report holds that text (see
:mod:`storyweave.report.written`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any

from ..graph import edges_within

# An article id, with the parentheses evidence often puts around it: "(3f2a…)" reads "[2]".
ARTICLE_ID = re.compile(r"\(([0-9a-f]{16})\)|\b([0-9a-f]{16})\b")
# "4 independent source(s)", "1 value(s)": a count, words between, and a noun left open.
_OPEN_PLURAL = re.compile(r"\b(\d+)((?:\s+[A-Za-z-]+)*?)\s+([A-Za-z]+)\(s\)")
_ISO_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w:])"
)
_SAME_IN_PLURAL = frozenset(
    {"people", "children", "men", "women", "staff", "police", "sheep", "fish", "deer"}
)
# Punctuation a varied word carries that belongs to the sentence, not to the word.
_TRAILING_PUNCTUATION = re.compile(r"[,:;.]+$")


@dataclass(frozen=True)
class Cite:
    """How one article of a story is cited: ``[n]``, its in-page anchor and a tooltip."""

    name: str
    anchor: str
    title: str


@dataclass(frozen=True)
class Segment:
    """A run of text; ``cite`` makes it a link to a cited article."""

    text: str
    cite: Cite | None = None


@dataclass(frozen=True)
class Point:
    """One piece of evidence: a sentence, optionally with the clauses it was made of."""

    head: list[Segment]
    details: list[list[Segment]]


def article_name(article: Mapping[str, Any]) -> str:
    """An article as people know it: its title, else its file name."""
    return str(article.get("title") or PurePath(str(article["ref"])).name or article["ref"])


def story_cites(
    prefix: str, article_ids: Sequence[str], articles: Mapping[str, Any]
) -> dict[str, Cite]:
    """``[1]``, ``[2]`` … for a story's articles in story order, anchored under ``prefix``."""
    return {
        article_id: Cite(str(n), f"{prefix}-a{n}", shorten(article_name(articles[article_id]), 120))
        for n, article_id in enumerate(article_ids, start=1)
        if article_id in articles
    }


def relations_by_story(
    relations: Iterable[Mapping[str, Any]], stories: Sequence[Mapping[str, Any]]
) -> dict[str, list[Mapping[str, Any]]]:
    """The relations between two articles of one story, by story id, in report order."""
    groups = {story["id"]: story["articles"] for story in stories}
    return edges_within(groups, relations, lambda relation: (relation["a"], relation["b"]))


def article_places(stories: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Where each article of a report is cited first: ``story 2 [3]``."""
    places: dict[str, str] = {}
    for number, story in enumerate(stories, start=1):
        for position, article_id in enumerate(story["articles"], start=1):
            places.setdefault(article_id, f"story {number} [{position}]")
    return places


def plain(segments: Iterable[Segment]) -> str:
    """Segments as plain text, citations as ``[n]``."""
    return "".join(segment.text for segment in segments)


def linked(text: str, cites: Mapping[str, Cite]) -> list[Segment]:
    """``text`` with the article ids it names turned into citations of those articles."""
    segments: list[Segment] = []
    position = 0
    for match in ARTICLE_ID.finditer(text):
        cite = cites.get(match[1] or match[2])
        if cite is None:
            continue
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        segments.append(Segment(f"[{cite.name}]", cite))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def name_ids(text: str, cites: Mapping[str, Cite], names: Mapping[str, str]) -> str:
    """``text`` with every article id it names as ``[n]`` (articles of the story) or as the
    article's name in quotes (others that ``names`` knows)."""

    def name(match: re.Match[str]) -> str:
        article_id = match[1] or match[2]
        if article_id in cites:
            return f"[{cites[article_id].name}]"
        if article_id in names:
            return f"“{shorten(names[article_id], 60)}”"
        return match[0]

    return ARTICLE_ID.sub(name, text)


def citations(sources: Sequence[str], cites: Mapping[str, Cite]) -> list[Segment]:
    """``[1][3]`` for the given article ids; ids outside the story are left out."""
    return [Segment(f"[{cites[s].name}]", cites[s]) for s in sources if s in cites]


def evidence_points(evidence: Sequence[str], cites: Mapping[str, Cite]) -> list[Point]:
    """Evidence strings as points, each said once: ``head: clause; clause`` becomes a point
    with the clauses listed under it; clauses that differ in one word are said together; a
    point already said inside another one, or a clause said before, is left out."""
    drafts: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    said: set[str] = set()
    for item in evidence:
        key = " ".join(item.split())
        if key in seen:
            continue
        seen.add(key)
        head, clauses = _head_and_clauses(readable_text(key))
        fresh = [c for c in dict.fromkeys(clauses) if c not in said]
        said.update(fresh)
        drafts.append((head, said_together(fresh)))
    points: list[Point] = []
    loose: list[str] = []  # a run of points without clauses, said together when it ends
    for head, details in _without_repeats(drafts):
        if not details:
            loose.append(head)
            continue
        points.extend(Point(linked(h, cites), []) for h in said_together(loose))
        loose = []
        points.append(Point(linked(head, cites), [linked(d, cites) for d in details]))
    points.extend(Point(linked(h, cites), []) for h in said_together(loose))
    return points


def _without_repeats(drafts: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Drafts without the lone points whose words another point already says."""
    kept = []
    for index, (head, details) in enumerate(drafts):
        elsewhere = " \n ".join(
            " ".join([h, *d]) for other, (h, d) in enumerate(drafts) if other != index
        )
        if details or not head or head not in elsewhere:
            kept.append((head, details))
    return kept


def _head_and_clauses(item: str) -> tuple[str, list[str]]:
    clauses = split_outside_quotes(item, "; ")
    if len(clauses) < 2:
        return item, []
    head, colon, first = clauses[0].partition(": ")
    if not colon or '"' in head:
        return "", clauses
    clauses = [first, *clauses[1:]]
    # "swaps aligned with [2] (it is the copy: a; b; c)": the parenthesis runs through the
    # clauses; it is closed on the head, and the clauses are listed under it.
    if head.count("(") > head.count(")") and clauses[-1].endswith(")"):
        head += ")"
        clauses[-1] = clauses[-1][:-1]
    return head, clauses


def said_together(clauses: Sequence[str]) -> list[str]:
    """Consecutive clauses that differ in one word only, said as one: ``removed marker "a"``,
    ``removed marker "b"`` become ``removed markers "a", "b"``."""
    groups: list[tuple[list[str], int | None, list[str]]] = []
    for clause in clauses:
        words = clause.split(" ")
        if groups:
            frame, slot, values = groups[-1]
            place = _varied_word(frame, slot, words)
            if place is not None:
                groups[-1] = (frame, place, [*values, words[place - len(frame) + len(words)]])
                continue
        groups.append((words, None, []))
    return [_group_text(frame, slot, values) for frame, slot, values in groups]


def _varied_word(frame: list[str], slot: int | None, words: list[str]) -> int | None:
    """Where in ``frame`` the clause ``words`` (set against its end) differs by one word, if
    it differs by exactly one and shares two words or more."""
    offset = len(frame) - len(words)
    if offset < 0 or len(words) < 3:
        return None
    differing = [i for i, word in enumerate(words) if frame[offset + i] != word]
    if len(differing) != 1:
        return None
    place = offset + differing[0]
    return place if slot is None or slot == place else None


def _group_text(frame: list[str], slot: int | None, values: list[str]) -> str:
    if slot is None:
        return " ".join(frame)
    words = [frame[slot], *values]
    ending = _TRAILING_PUNCTUATION.search(words[0])
    tail = ending[0] if ending and all(w.endswith(ending[0]) for w in words) else ""
    listed = ", ".join(dict.fromkeys(w[: len(w) - len(tail)] for w in words)) + tail
    before = frame[:slot]
    # 'marker "a", "b"' names several things: the noun before quoted values takes the plural
    quoted = all(w.startswith(('"', "“")) for w in words)
    if quoted and before and before[-1].isalpha() and before[-1].islower():
        before = [*before[:-1], plural_of(before[-1])]
    return " ".join([*before, listed, *frame[slot + 1 :]])


def split_outside_quotes(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` wherever it is not inside double quotes."""
    parts: list[str] = []
    quoted = False
    start = 0
    index = 0
    while index < len(text):
        if text[index] == '"':
            quoted = not quoted
        elif not quoted and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def readable_text(text: str) -> str:
    """Evidence text as people write it: ``1 source(s)`` as ``1 source``, ISO times as
    ``2026-03-03 09:42 +00:00``."""
    counted = _OPEN_PLURAL.sub(
        lambda m: f"{m[1]}{m[2]} {m[3] if m[1] == '1' else plural_of(m[3])}", text
    )
    return _ISO_TIME.sub(lambda m: readable_time(m[0]), counted)


def plural_of(noun: str) -> str:
    """The plural of an English noun, for the nouns reports count."""
    lower = noun.lower()
    if lower.endswith(("ss", "x", "ch", "sh")):
        return noun + "es"
    if lower in _SAME_IN_PLURAL or lower.endswith("s"):  # "markers" is plural already
        return noun
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 copy``, ``3 copies``."""
    word = singular if count == 1 else (plural_form or plural_of(singular))
    return f"{count} {word}"


def story_span(story: Mapping[str, Any]) -> str:
    """When a story ran, from its articles' publication dates: "2026-03-03 – 2026-03-04", or
    "date unknown" when none of them gives one (dates the text mentions are not its date)."""
    dates = dict.fromkeys(x for x in (story.get("start"), story.get("end")) if x)
    return " – ".join(dates) if dates else "date unknown"


def readable_time(value: str | None) -> str:
    """``2026-03-03T09:42:00+00:00`` as ``2026-03-03 09:42 +00:00``; other values as given."""
    if not value:
        return "–"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value.strip()) <= len("YYYY-MM-DD"):
        return value
    offset = parsed.strftime("%z")
    zone = f" {offset[:3]}:{offset[3:5]}" if offset else ""
    return parsed.strftime("%Y-%m-%d %H:%M") + zone


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
