"""Metadata read from the text of an article: bylines, date lines, headlines, author bios.

Each function looks at one line and answers a narrow question ("is this a byline, and whose?"),
so the cleaner can decide from position and context which lines are metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyweave.clean.boilerplate import layout_tokens
from storyweave.clean.dates import FoundDate, find_date
from storyweave.text import CALENDAR_WORDS, LazyPattern, normalize, words

_I = re.IGNORECASE
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_CONNECTOR = r"(?:and|&|de|da|di|van|von|der|den|la|le|du|del|bin|al|el|ibn|y)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_CONNECTOR}\s+)?{_NAME_TOKEN}){{0,5}}"
_BYLINE = re.compile(
    rf"^(?i:(?:(?:written|words|story|text|reported|reporting|report)\s+)?by)"
    rf"(?::\s*|\s+|(?=[A-Z][a-z]))(?P<name>{_NAME})(?P<rest>.*)$"
)
_NAME_ONLY = LazyPattern(rf"{_NAME}")
_NAME_WITH_AGENCY = re.compile(
    rf"^(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})\s*(?:\||•|·|–|—)\s*"
    rf"(?P<org>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}})$"
)
_CALENDAR_WORDS = CALENDAR_WORDS | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow".split()
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
_UPDATED = LazyPattern(r"\b(?:updated|modified|edited)\b", _I)
_SEPARATORS = re.compile(r"^[\s,;:|•·()\[\]/–—-]*$")
_ROLE = (
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|producer|author"
    r"|analyst|freelancer|blogger|intern|anchor|photographer|commentator|critic|news desk)"
)
_BIO = re.compile(
    rf"^(?P<name>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{1,3}})\s+(?:is|was|has been|serves as"
    rf"|works as)\s+(?:a|an|the)\s+(?P<rest>[^.]{{0,160}}?\b{_ROLE}s?\b.*)$"
)
_OUTLET_BEFORE_ROLE = LazyPattern(rf"^(?P<outlet>(?:[A-Z][\w&'’.-]*\s+){{1,4}}){_ROLE}")
_OUTLET_AFTER_ROLE = LazyPattern(
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


def byline_organisation(line: str) -> str | None:
    """The outlet named after the bar of "Jane Doe | Example Courier", if it reads as one."""
    match = _NAME_WITH_AGENCY.match(line.strip())
    return outlet_name(match.group("org")) if match is not None else None


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
    wa, wb = _headline_words(a), _headline_words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    for short, long_, ws, long_words in ((a, b, wa, wb), (b, a, wb, wa)):
        if ws == _headline_words(_SITE_SUFFIX.sub("", long_)):
            return True
        if _ELLIPSIS_END.search(short) and len(ws) >= 4 and long_words[: len(ws)] == ws:
            return True
    return False


@lru_cache(maxsize=1024)
def _headline_words(text: str) -> tuple[str, ...]:
    # each line of a page is compared with the same title, and the title with each line
    return tuple(words(normalize(text)))


def is_prose(line: str) -> bool:
    """A line that reads like article text: a dozen words or more ending like a sentence."""
    text = line.strip()
    return len(text.split()) >= 12 and re.search(r"[.!?…][\"'”’)\]]*$", text) is not None


def is_name(text: str) -> bool:
    """True if ``text`` looks like a person's name (two to four capitalised words)."""
    tokens = text.split()
    return 2 <= len(tokens) <= 4 and _NAME_ONLY.fullmatch(text.strip()) is not None


# Nouns that end the names of news organisations ("The Example Gazette", "Example News Agency").
# A masthead names the outlet with one of them; section labels ("World News") add no other word.
_OUTLET_NOUNS = frozenset(
    "news press times post herald gazette tribune journal courier chronicle agency agencies wire "
    "newswire daily today express telegraph observer guardian mail star sun mirror standard "
    "independent ledger review record bulletin dispatch radio tv television network media "
    "magazine weekly monitor sentinel examiner inquirer enquirer register leader echo advertiser "
    "argus voice globe mercury pioneer statesman insider broadcasting channel online "
    "service".split()
)
_SECTION_WORDS = frozenset(
    "the home news world local national international breaking latest top business sport sports "
    "politics opinion live region regions environment science tech technology health culture "
    "entertainment lifestyle travel weather markets economy city metro headlines stories updates "
    "today daily web digital online staff editorial foreign features video videos photos "
    "desk all more new and of".split()
)
_CRUMB_SEPARATOR = re.compile(r"\s+(?:\||»|›|>|/|→|·|•|–|—|-)\s+")
_FIELD_SEPARATOR = re.compile(r"\s*(?:\||•|·)\s*")
_SMALL_WORDS = frozenset("the of and for a an in on at to".split())


def outlet_name(text: str) -> str | None:
    """``text`` if it reads as the name of a news outlet ("EXAMPLE GAZETTE" → "Example Gazette").

    The name ends with a news-organisation noun and has a word of its own besides section
    words, so that "World News" or "Latest News" are not taken for outlets.
    """
    tokens = text.strip().split()
    if not 1 <= len(tokens) <= 6:
        return None
    if not all(t[:1].isupper() or t[:1].isdigit() or t.lower() in _SMALL_WORDS for t in tokens):
        return None
    bare = [re.sub(r"\W", "", t).lower() for t in tokens]
    if bare[-1] not in _OUTLET_NOUNS or all(b in _SECTION_WORDS | _OUTLET_NOUNS for b in bare):
        return None
    if all(t.isupper() for t in tokens if t.isalpha()):
        tokens = [_masthead_case(t, i) for i, t in enumerate(tokens)]
    return " ".join(tokens)


def _masthead_case(token: str, index: int) -> str:
    """Title case for an all-caps masthead word; short non-words stay acronyms ("CNA")."""
    lowered = token.lower()
    if lowered in _SMALL_WORDS:
        return lowered.capitalize() if index == 0 else lowered
    if len(token) <= 3:
        return token
    return token.capitalize()


@dataclass(frozen=True)
class HeadLabel:
    """A masthead or navigation line above the headline, and the outlet it names, if any."""

    outlet: str | None


def head_label(line: str) -> HeadLabel | None:
    """Read a masthead ("EXAMPLE GAZETTE", "EXAMPLE PRESS | World | Europe") or a crumb trail.

    A line of two to five short capitalised segments separated by bars, chevrons or dashes is
    a crumb; its first segment names the outlet when it reads as an outlet name. A single
    segment counts only when it is an outlet name.
    """
    text = line.strip()
    if re.search(r"[.!?,;:\"”]$", text) or len(text.split()) > 14:
        return None
    segments = _CRUMB_SEPARATOR.split(text)
    if len(segments) == 1:
        outlet = outlet_name(text) if len(text.split()) <= 4 else None
        return HeadLabel(outlet) if outlet else None
    if len(segments) > 5 or not all(_is_label_segment(seg) for seg in segments):
        return None
    return HeadLabel(outlet_name(segments[0]))


def _is_label_segment(segment: str) -> bool:
    tokens = segment.split()
    if not 1 <= len(tokens) <= 4:
        return False
    return all(t[:1].isupper() or t[:1].isdigit() or t.lower() in _SMALL_WORDS for t in tokens)


_COUNTER_WORDS = r"(?:shares?|views?|reads?|comments?|likes?|reactions?|claps?)"
_COUNTER_FIELD = LazyPattern(
    rf"(?:{_COUNTER_WORDS}\s*:?\s*\d+(?:[.,]\d+)*[kKmM]?|\d+(?:[.,]\d+)*[kKmM]?\s+{_COUNTER_WORDS}"
    rf"|{_COUNTER_WORDS}\s*\(\d+(?:[.,]\d+)*[kKmM]?\)|\d{{1,2}} min(?:ute)?s? read)",
    _I,
)
_DESK = LazyPattern(r"(?P<name>\S.{0,40}?)\s+(?:news\s+|web\s+|online\s+|digital\s+)?desk", _I)


@dataclass(frozen=True)
class FieldLine:
    """A line of metadata fields ("<date> | Example Desk | Shares 212 | Views 1.4K").

    ``counters`` are the share/view/comment counts; ``desk_outlet`` is the outlet a desk byline
    is named after ("Example Desk" → "Example"), if it is not a generic desk ("News Desk").
    """

    date: DateLine | None
    byline: str | None
    desk_outlet: str | None
    counters: tuple[str, ...]


def field_line(line: str) -> FieldLine | None:
    """Read a line of bar-separated metadata fields: a date, a byline or desk, counters.

    Every field must be one of these, and a date or a byline must be among them.
    """
    fields = [f for f in _FIELD_SEPARATOR.split(line.strip()) if f]
    if not 2 <= len(fields) <= 8:
        return None
    found_date: DateLine | None = None
    byline: str | None = None
    desk_outlet: str | None = None
    names: list[str] = []
    counters: list[str] = []
    for field_text in fields:
        dated = date_line(field_text)
        desk = _DESK.fullmatch(field_text)
        by = byline_line(field_text)
        if dated is not None:
            found_date = found_date or dated
        elif _COUNTER_FIELD.fullmatch(field_text):
            counters.append(field_text)
        elif by is not None:
            byline = byline or by.name
        elif desk is not None and desk.group("name")[:1].isupper():
            byline = byline or field_text
            desk_outlet = desk_outlet or _desk_outlet(desk.group("name"))
        elif is_name(field_text):
            names.append(field_text)
        else:
            return None
    if names and found_date is not None and byline is None:
        byline = names[0]
    elif names:
        return None
    if found_date is None and byline is None:
        return None
    return FieldLine(found_date, byline, desk_outlet, tuple(counters))


def _desk_outlet(name: str) -> str | None:
    bare = [re.sub(r"\W", "", t).lower() for t in name.split()]
    if all(b in _SECTION_WORDS for b in bare):
        return None
    return name


_CREDITED_REPORTER = LazyPattern(
    rf"^\W*(?i:(?:reporting|reported|written|words|writing)\s+by)\s+(?P<name>{_NAME})"
)


def credit_reporter(line: str) -> str | None:
    """The first reporter a staff credit names ("(Reporting by Jane Roe; editing by ...)")."""
    match = _CREDITED_REPORTER.match(line.strip())
    if match is None:
        return None
    name = _trim_name(match.group("name"))
    return name if name is not None and is_name(name) else None
