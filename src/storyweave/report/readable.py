"""Readable text shared by the Markdown, terminal and HTML renderers.

Articles are cited as ``[n]`` (with their title where there is room), never by hex id; evidence
is said as short points, each once; counts get the right plural; quotes and amounts are shown as
the articles wrote them where the report holds that text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import Any

from ..facts import extract_quantities
from ..records import Article, Claim, FactKind, FindingStatus

# An article id, with the parentheses evidence often puts around it: "(3f2a…)" reads "[2]".
ARTICLE_ID = re.compile(r"\(([0-9a-f]{16})\)|\b([0-9a-f]{16})\b")
# "4 independent source(s)", "1 value(s)": a count, words between, and a noun left open.
_OPEN_PLURAL = re.compile(r"\b(\d+)((?:\s+[A-Za-z-]+)*?)\s+([A-Za-z]+)\(s\)")
_ISO_TIME = re.compile(
    r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?(?![\w:])"
)
_WORD_CHARS = re.compile(r"\w+")
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


@dataclass(frozen=True)
class DiffPart:
    """A run of words of a word diff: ``op`` is ``same``, ``del`` or ``ins``."""

    op: str
    text: str


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
    """The relations between two articles of one story, by story id, in report order: one pass
    over a report's relations instead of one per story."""
    story_of = {a: story["id"] for story in stories for a in story["articles"]}
    within: dict[str, list[Mapping[str, Any]]] = {}
    for relation in relations:
        story = story_of.get(relation["a"])
        if story is not None and story == story_of.get(relation["b"]):
            within.setdefault(story, []).append(relation)
    return within


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


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The words of ``old`` and ``new`` as kept, deleted and inserted runs. Words are compared
    without case and punctuation, so only changed words show as changed."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=[_comparable(w) for w in old_words], b=[_comparable(w) for w in new_words], autojunk=False
    )
    parts: list[DiffPart] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", " ".join(new_words[b1:b2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("del", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("ins", " ".join(new_words[b1:b2])))
    return parts


def _comparable(word: str) -> str:
    return "".join(_WORD_CHARS.findall(word.lower())) or word


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """The changed runs of a word diff as (old words, new words) pairs, either may be empty."""
    changes: list[tuple[str, str]] = []
    removed, added = "", ""
    for part in [*word_diff(old, new), DiffPart("same", "")]:
        if part.op == "del":
            removed = part.text
        elif part.op == "ins":
            added = part.text
        elif removed or added:
            changes.append((removed, added))
            removed, added = "", ""
    return changes


def as_written(value: str, texts: Iterable[str]) -> str:
    """``value`` as the first of ``texts`` that holds it wrote it (case, punctuation and
    spacing kept), matching its words in order; ``value`` itself when none holds it."""
    words = _WORD_CHARS.findall(value)
    if not words or value != value.lower():  # capitals: written as the article wrote it
        return value
    # punctuation before the first word and after the last ("(Russia) is…", "…distress.")
    lead = value[: value.lower().find(words[0].lower())]
    tail = value[value.lower().rfind(words[-1].lower()) + len(words[-1]) :]
    pattern = re.compile(
        f"(?:{re.escape(lead)})?"
        + r"\W+".join(re.escape(w) for w in words)
        + f"(?:{re.escape(tail)})?",
        re.IGNORECASE,
    )
    for text in texts:
        found = pattern.search(text)
        if found:
            return " ".join(found[0].split())
    return value


def written_amount(subject: str, value: str, texts: Iterable[str]) -> str:
    """A quantity as an article wrote it ("$38 million", "about 410 homes"), found between the
    words the finding's subject keeps around it ("refurbishment at … and said"); the report's
    value made readable when the subject keeps no words on both sides or no text holds them."""
    before, gap, after = subject.partition("…")
    lead, follow = before.split()[-4:], after.split()[:1]
    if not gap or not lead or not follow:
        return readable_value(value)
    pattern = re.compile(
        r"\s+".join(map(re.escape, lead))
        + r"\s+([^\s;!?](?:(?![.!?]\s)[^;!?]){0,40}?)\s+("
        + re.escape(follow[0])
        + r")",
        re.IGNORECASE,
    )
    unit = value.split()[-1].lower()
    for text in texts:
        found = pattern.search(text)
        if found is None or not any(ch.isdigit() or ch.isalpha() for ch in found[1]):
            continue
        counted = unit.isalpha() and found[2].lower().startswith(unit)
        return f"{found[1]} {found[2]}" if counted else found[1]
    return readable_value(value)


def speaker_of(subject: str) -> str | None:
    """The speaker a quote finding's subject names (``Ruth Hartwell: “We would…”``), if any."""
    speaker, colon, _ = subject.partition(": “")
    return speaker.strip() or None if colon else None


def with_written_values(text: str, written: Mapping[str, str]) -> str:
    """``text`` with each report value in it replaced by the value as written."""
    for value, shown in sorted(written.items(), key=lambda kv: -len(kv[0])):
        if value != shown:
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", shown, text)
    return text


# Unit symbols a quantity's value may end with: never given a plural "s".
_UNIT_SYMBOLS = frozenset({"km", "m", "cm", "mm", "kg", "g", "t", "ft", "in", "lb", "mi", "mph"})
_LONG_NUMBER = re.compile(r"(?<![\d.,])\d{5,}(?![\d.,])")
_FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def readable_value(value: str) -> str:
    """A quantity's report value made readable where its text is not at hand: long numbers
    grouped (``38,000,000 USD``) and a counted noun in the plural (``at least 240 homes``)."""
    grouped = _LONG_NUMBER.sub(lambda m: f"{int(m[0]):,}", value)
    words = grouped.split()
    number = _FIRST_NUMBER.search(value)
    noun = words[-1] if len(words) > 1 else ""
    counted = noun.isalpha() and noun.islower() and noun not in _UNIT_SYMBOLS
    if number and float(number[0]) != 1 and counted:
        words[-1] = plural_of(noun)
    return " ".join(words)


def shown_values(finding: Mapping[str, Any], articles: Mapping[str, Any]) -> list[str]:
    """Each variant's value as the articles wrote it: quotes with their case and punctuation,
    amounts as written where the finding's subject lets them be found."""
    shown = []
    for variant in finding["variants"]:
        value = str(variant["value"])
        texts = [str(articles[s]["text"]) for s in variant["sources"] if s in articles]
        if finding["kind"] == FactKind.QUOTE:
            value = as_written(value, texts)
        elif finding["kind"] == FactKind.QUANTITY:
            value = claim_text(variant, articles) or written_amount(
                str(finding["subject"]), value, texts
            )
        shown.append(value)
    return shown


def claim_text(variant: Mapping[str, Any], articles: Mapping[str, Any]) -> str | None:
    """A quantity variant's first claim as its article wrote it ("£14.5bn", "5 inches (127
    mm)"), found again by extracting the article's quantities: claim ids hash the article and
    the span, so the same text gives the same ids."""
    wanted = set(variant.get("claims", ()))
    for source in variant["sources"]:
        article = articles.get(source)
        if article is None or not wanted:
            continue
        for claim in _quantity_claims(str(article["id"]), str(article["text"])):
            if claim.id in wanted:
                return " ".join(claim.text.split())
    return None


@functools.lru_cache(maxsize=256)
def _quantity_claims(article_id: str, text: str) -> tuple[Claim, ...]:
    return tuple(extract_quantities(Article(id=article_id, ref="", source="", text=text)))


def finding_evidence(finding: Mapping[str, Any], shown: Sequence[str]) -> list[str]:
    """A finding's evidence with values as shown; for a drifted quote without the word diff
    of normalised words, which :func:`word_changes` says again from the quotes as written."""
    written = {str(v["value"]): s for v, s in zip(finding["variants"], shown, strict=True)}
    if finding["kind"] == FactKind.QUANTITY:  # evidence compares values; not the sentence's words
        written = {value: readable_value(value) for value in written}
    drifted_quote = finding["kind"] == FactKind.QUOTE and finding["status"] == FindingStatus.DRIFTED
    return [
        with_written_values(str(item), written)
        for item in finding.get("evidence", [])
        if not (drifted_quote and str(item).startswith("wording in "))
    ]


def said_changes(old: str, new: str, limit: int = 6) -> str:
    """How quote ``new`` differs from ``old``, words as written: ``“fully” → “completely”;
    adds “every summer”``; at most ``limit`` changes, long runs cut short."""
    said = []
    for removed, added in word_changes(old, new):
        cut, put = shorten(removed, 40), shorten(added, 40)
        said.append(
            f"“{cut}” → “{put}”" if cut and put else (f"adds “{put}”" if put else f"drops “{cut}”")
        )
    more = f"; … {plural(len(said) - limit, 'more change')}" if len(said) > limit else ""
    return "; ".join(said[:limit]) + more
