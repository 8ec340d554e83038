"""Metadata read from the text of an article: bylines, date lines, headlines, author bios.

Each function looks at one line and answers a narrow question ("is this a byline, and whose?"),
so the cleaner can decide from position and context which lines are metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyweave.clean.boilerplate import layout_tokens
from storyweave.clean.dates import FoundDate, find_date
from storyweave.text import normalize, words

_I = re.IGNORECASE
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_CONNECTOR = r"(?:and|&|de|da|di|van|von|der|den|la|le|du|del|bin|al|el|ibn|y)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_TOKEN}){{0,5}}"
_BYLINE = re.compile(
    rf"^(?i:(?:(?:written|words|story|text|reported|reporting|report)\s+)?by)"
    rf"(?::\s*|\s+|(?=[A-Z][a-z]))(?P<name>{_NAME})(?P<rest>.*)$"
)
_NAME_ONLY = re.compile(rf"{_NAME}")
_NAME_WITH_AGENCY = re.compile(
    rf"^(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})\s*(?:\||•|·|–|—)\s*"
    rf"(?P<org>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})$"
)
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep sept "
    "oct nov dec today yesterday tomorrow".split()
)
_NOT_NAME_WORDS = frozenset(
    "the a an this that these those his her their its our my your it he she they we you i".split()
)
_DATE_PREFIX = re.compile(
    r"^(?:(?:(?:first |last |originally )?(?:published|updated|posted|modified|created|released"
    r"|uploaded|edited)|date[ds]?|on|at"
    r"|this (?:story|article|post|report|piece|item) (?:is|was) (?:from|published on|published)"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|wed|thu|fri|sat|sun)\.?)"
    r"(?=\W|$)[\s:,|–—-]*)+",
    _I,
)
_SITE_SUFFIX = re.compile(r"\s+[|–—·-]\s+[^|–—·]{1,60}$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_UPDATED = re.compile(r"\b(?:updated|modified|edited)\b", _I)
_SEPARATORS = re.compile(r"^[\s,;:|•·()\[\]/–—-]*$")
_ROLE = (
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|author"
    r"|analyst|freelancer|blogger|intern|anchor|photographer|commentator|critic|news desk)"
)
_BIO = re.compile(
    rf"^(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})\s+(?:is|was|has been|serves as"
    rf"|works as)\s+(?:a|an|the)\s+(?P<rest>[^.]{{0,160}}?\b{_ROLE}s?\b.*)$"
)
_OUTLET_BEFORE_ROLE = re.compile(rf"^(?P<outlet>(?:[A-Z][\w&'’.-]*\s+){{1,4}}){_ROLE}")
_OUTLET_AFTER_ROLE = re.compile(
    rf"\b{_ROLE}s?\s+(?:for|at|with)\s+(?:the\s+)?"
    rf"(?P<outlet>[A-Z][\w&'’.-]*(?:\s+(?:of\s+)?[A-Z][\w&'’.-]*){{0,4}})"
)
_ROLE_MODIFIERS = frozenset(
    "senior staff freelance breaking news contributing associate political national foreign "
    "investigative general sports business digital deputy chief managing assistant junior trainee "
    "special international science health technology tech culture features weekend night "
    "multimedia video audio data lead principal executive global regional local award-winning "
    "veteran former".split()
)


@dataclass(frozen=True)
class DateLine:
    """A line that is a date (perhaps with "Updated:"-style words around it)."""

    found: FoundDate
    updated: bool
    layout: tuple[str, ...]  # UI tokens glued to the line (icon names like "arrow_back")


def date_line(line: str) -> DateLine | None:
    """If ``line`` consists of a date expression and date words only, return that date."""
    text = line.strip().lstrip("-•·–—*|,;: ")
    if len(text) > 160:
        return None
    layout = tuple(layout_tokens(text))
    for token in layout:
        text = text.replace(token, " ")
    updated = False
    rest = text
    first: FoundDate | None = None
    for _ in range(3):
        prefix = _DATE_PREFIX.match(rest)
        if prefix is not None:
            updated = updated or (first is None and _UPDATED.search(prefix.group(0)) is not None)
            rest = rest[prefix.end() :]
        found = find_date(rest)
        if found is None or not _SEPARATORS.match(rest[: found.start]):
            return None
        first = first or found
        rest = rest[found.end :]
        if _SEPARATORS.match(rest):
            return DateLine(first, updated, layout) if first else None
    return None


@dataclass(frozen=True)
class Byline:
    """A byline read from a line, and the date the same line carries, if any."""

    name: str
    date: DateLine | None


def byline_line(line: str) -> Byline | None:
    """Read "By Jane Doe", "ByJane Doe", "By Jane Doe | Updated: <date>", "Written by ..."."""
    text = line.strip().lstrip("•·-–— ")
    if len(text.split()) > 20:
        return None
    match = _BYLINE.match(text)
    if match is None:
        return None
    name = _trim_name(match.group("name"))
    rest = match.group("rest")
    if name is None or not _byline_rest_ok(rest):
        return None
    return Byline(name, date_line(rest) if rest.strip() else None)


def agency_byline(line: str) -> str | None:
    """Read "Jane Doe | Example News" (a name, a bar, an organisation) as a byline name."""
    match = _NAME_WITH_AGENCY.match(line.strip())
    if match is None:
        return None
    return _trim_name(match.group("name"))


def _trim_name(raw: str) -> str | None:
    tokens = raw.split()
    while tokens and tokens[-1].lower() in {"and", "&"}:
        tokens.pop()
    if not tokens:
        return None
    lowered = [t.lower().strip(".,") for t in tokens]
    if any(t in _CALENDAR_WORDS or t in _NOT_NAME_WORDS for t in lowered):
        return None
    if tokens[0].isupper() and len(tokens[0]) > 1 and all(t.isupper() for t in tokens):
        tokens = [t.capitalize() if t.isalpha() else t for t in tokens]
    return " ".join(tokens).rstrip(",.")


def _byline_rest_ok(rest: str) -> bool:
    """What follows the name in a byline: nothing, an outlet/role, or a date."""
    stripped = rest.strip()
    if not stripped:
        return True
    if not re.match(r"^[,;|•·–—(/-]", stripped):
        return False
    if date_line(stripped.lstrip(",;|•·–—(/- ")) is not None:
        return True
    tail = re.sub(r"^[,;|•·–—(/\s-]+", "", stripped)
    if not tail[:1].isupper() or len(tail.split()) > 6:
        return False
    return not re.search(r"[.!?]\s+\w", tail)


@dataclass(frozen=True)
class Bio:
    """An author bio line: whose, and the outlet it names, if any."""

    name: str
    outlet: str | None


def bio_line(line: str) -> Bio | None:
    """Read "Jane Doe is a reporter for Example News ..." as an author bio."""
    match = _BIO.match(line.strip())
    if match is None:
        return None
    name = _trim_name(match.group("name"))
    if name is None:
        return None
    return Bio(name, _bio_outlet(match.group("rest")))


def _bio_outlet(rest: str) -> str | None:
    before = _OUTLET_BEFORE_ROLE.match(rest)
    if before is not None:
        outlet = _strip_modifiers(before.group("outlet"))
        if outlet:
            return outlet
    after = _OUTLET_AFTER_ROLE.search(rest)
    if after is not None:
        return _strip_modifiers(after.group("outlet"))
    return None


def _strip_modifiers(text: str) -> str | None:
    tokens = text.split()
    while tokens and tokens[0].lower() in _ROLE_MODIFIERS:
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _ROLE_MODIFIERS:
        tokens.pop()
    return " ".join(tokens).rstrip(".,;:") or None


def is_heading_like(line: str, min_words: int = 4, max_words: int = 30) -> bool:
    """A short line without final sentence punctuation that could be a headline."""
    text = line.strip()
    count = len(text.split())
    if not min_words <= count <= max_words or len(text) > 250:
        return False
    if re.search(r"[.,;][\"'”’]$", text):
        return False
    if re.search(r"[.,;]$", text) and not re.search(r"(?:\.\.\.|…|\b[A-Z]\.)$", text):
        return False
    if re.search(r"[a-z]{2,}[.;] +[A-Z]", text):  # two sentences: a paragraph, not a headline
        return False
    first = re.sub(r"^[\W_]+", "", text)[:1]
    return first.isupper() or first.isdigit()


def is_short_label(line: str) -> bool:
    """A one-to-three word label without punctuation at its end ("World", "Politics")."""
    text = line.strip()
    return 1 <= len(text.split()) <= 3 and not re.search(r"[.!?,;:\"”]$", text)


def same_headline(a: str, b: str) -> bool:
    """True if two lines are the same headline, ignoring case, typography and punctuation.

    Also true when one of them adds a site name after a separator ("Headline | Outlet") or is
    cut short with an ellipsis ("Headline that goes on…").
    """
    wa, wb = words(normalize(a)), words(normalize(b))
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    for short, long_ in ((a, b), (b, a)):
        ws = words(normalize(short))
        if ws == words(normalize(_SITE_SUFFIX.sub("", long_))):
            return True
        long_words = words(normalize(long_))
        if _ELLIPSIS_END.search(short) and len(ws) >= 4 and long_words[: len(ws)] == ws:
            return True
    return False


def is_prose(line: str) -> bool:
    """A line that reads like article text: a dozen words or more ending like a sentence."""
    text = line.strip()
    return len(text.split()) >= 12 and re.search(r"[.!?…][\"'”’)\]]*$", text) is not None


def is_name(text: str) -> bool:
    """True if ``text`` looks like a person's name (two to four capitalised words)."""
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and _NAME_ONLY.fullmatch(text.strip()) is not None
