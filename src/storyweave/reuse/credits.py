"""What an article says about where its text came from: credits, bylines, sign-offs, markers.

Two kinds of credit are told apart:

- a *source credit* says the text came from elsewhere ("(With inputs from agencies)", "Source:
  X", "first appeared on X", a byline or sign-off naming an agency or another outlet): evidence
  that the article is a copy;
- a *staff credit* names the outlet's own people ("(Reporting by A; editing by B)", "Additional
  reporting by C"): wire services print it under their own copy, so it is, if anything, weak
  evidence that the article is the original text.
"""

from __future__ import annotations

import re

from storyweave.lexicon import is_function_word
from storyweave.records import Article
from storyweave.text import LazyPattern

SOURCE_CREDIT_REASONS = frozenset({"credit line"})
STAFF_CREDIT_REASONS = frozenset({"staff credit"})
# Only what scraper tools leave: a publisher's own "Advertisement", "Read more" or hashtags are
# no sign that its page was copied.
SCRAPER_REASONS = frozenset({"scraper marker"})
# Removed lines that carry the outlet's own name.
OWN_NAME_REASONS = frozenset({"copyright line", "outlet sign-off"})

_I = re.IGNORECASE

# Credits that say the text came from another source.
_SOURCE_CREDIT = LazyPattern(
    r"\(\s*(?:with\s+(?:additional\s+)?(?:agency\s+)?inputs?(?:\s+from)?\b|source\s*:|"
    r"courtesy\b\s*:?|via\b)[^)]{0,120}\)"
    # "This story first appeared on X", "The post Y appeared first on X" (feed footers)
    r"|\b(?:story|article|post|report|piece)\b[^.\n]{0,120}?\b(?:(?:was\s+)?(?:first|"
    r"originally)\s+(?:appeared|published)|appeared\s+first)\s+(?:on|in|at|by)\b",
    _I,
)
# Credits naming the outlet's own staff.
_STAFF_CREDIT = LazyPattern(
    r"\b(?:(?:additional\s+)?reporting|writing|written|editing|edited|compiled)\s+by\b", _I
)
# The international and large national news agencies whose copy is syndicated; acronyms only
# as written (upper case, "dpa"), so that a name such as "Ani" is not taken for one.
_WIRE_AGENCY = LazyPattern(
    r"\b(?:Reuters|Associated Press|Agence France[- ]Presse|Xinhua|Kyodo|Yonhap|agencies|"
    r"wire services?|(?-i:AP|AFP|PTI|IANS|ANI|dpa|UPI|EFE|ANSA))\b",
    _I,
)
_AGENCY_WORD = LazyPattern(r"\b(?:agency|agencies|wires?|news\s+service)\b", _I)
# Words that make a byline the name of an organisation rather than of a person.
_ORGANISATION_WORD = LazyPattern(
    r"\b(?:agency|agencies|news|press|wire|wires|service|services|newswire|syndicate|bureau|"
    r"media|network|broadcasting)\b",
    _I,
)
# Bylines for an outlet's own staff ("News Desk", "Staff Writer"): not a credit to anyone else.
_OWN_STAFF = LazyPattern(
    r"\b(?:desk|staff|team|editors?|editorial|newsroom|correspondents?|reporters?|writers?)\b",
    _I,
)
# A closing line that names where the text came from: "- Example News Agency", "— AP".
_SIGN_OFF = LazyPattern(
    r"(?:^|\n|(?<=[.!?\"”’])[ \t]+)[ \t]*[-–—]+[ \t]*(?P<name>[A-Z][\w&.'’ -]{1,60}?)[ \t.]*\Z"
)
# The last word of a newspaper's or magazine's name ("Daily Mirror", "The Independent").
_PAPER = (
    r"(?:Times|Post|Mirror|Guardian|Herald|Telegraph|Independent|Journal|Tribune|Express|Mail|"
    r"Gazette|Chronicle|Observer|Standard|Courier|Globe|Magazine|Sun|Star|Record|Today)"
)
_PAPER_NAME = LazyPattern(rf"^(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,3}}{_PAPER}$")
# A text that says another paper reported what it tells: "…, report The Independent."
_PAPER_REPORTED = LazyPattern(
    rf"\b(?:[Rr]eports?|[Rr]eported|[Aa]ccording\s+to)\s+(?:the\s+)?"
    rf"(?P<name>(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,3}}{_PAPER})\b"
)
_MAX_NAME_WORDS = 6
# Numbered ad-slot tokens such as "[ad_2]" or "[ad3]" that WordPress ad plugins leave in scraped
# copies when the page is converted to text.
_AD_TOKEN = re.compile(r"\[ad_?\d+\]", _I)


def is_staff_credit(text: str) -> bool:
    """Whether a credit line names the outlet's own staff and no outside source.

    "(Reporting by A; editing by B)" is a staff credit; "(Reporting by Reuters)" or "(With
    inputs from agencies)" credit an outside source.
    """
    return (
        _STAFF_CREDIT.search(text) is not None
        and _SOURCE_CREDIT.search(text) is None
        and _WIRE_AGENCY.search(text) is None
        and _AGENCY_WORD.search(text) is None
    )


def staff_credits(article: Article) -> list[str]:
    """The staff credits ``article`` carries (removed or in its body)."""
    found = [
        r.text
        for r in article.removed
        if r.reason in STAFF_CREDIT_REASONS
        or (r.reason in SOURCE_CREDIT_REASONS and is_staff_credit(r.text))
    ]
    found += [
        line.strip()
        for line in article.text.splitlines()
        if line.strip().startswith("(") and is_staff_credit(line)
    ]
    return found


def credit_signs(article: Article) -> list[str]:
    """Evidence that ``article`` credits another source for its text (source credits only)."""
    signs = [
        f'removed credit line "{short(r.text)}"'
        for r in article.removed
        if r.reason in SOURCE_CREDIT_REASONS
        and not is_staff_credit(r.text)
        and not _names_own_outlet(r.text, article)
    ]
    signs += [
        f'credit in body "{short(m.group(0))}"' for m in _SOURCE_CREDIT.finditer(article.text)
    ]
    byline = credited_byline(article)
    if byline is not None:
        signs.append(f'byline names an agency or outlet other than its own: "{short(byline)}"')
    sign_off = sign_off_name(article)
    if sign_off is not None and (
        _is_outside_organisation(sign_off, article) or _other_paper(sign_off, article)
    ):
        signs.append(f'closing sign-off credits "{short(sign_off)}"')
    signs += [
        f'credits another paper in its text: "{short(m.group(0))}"'
        for m in _PAPER_REPORTED.finditer(article.text)
        if _other_paper(m.group("name"), article)
    ]
    return signs


def _other_paper(name: str, article: Article) -> bool:
    """Whether ``name`` is a newspaper's or magazine's name other than the article's outlet."""
    outlet = _outlet(article)
    own = bool(outlet) and (_mentions(name, outlet) or _mentions(outlet, name))
    return _PAPER_NAME.match(name.strip()) is not None and not own


# Credits that say only part of the text came from elsewhere ("X contributed to this report"), or
# that it came from a platform where anyone posts ("Source: Reddit"): no sign that the article is
# a copy of another news report.
_PARTIAL_OR_PLATFORM = LazyPattern(
    r"\bcontribut\w*|\b(?:reddit|twitter|x\.com|facebook|instagram|youtube|tiktok|weibo"
    r"|telegram|linkedin|imgur|4chan|social media)\b",
    _I,
)


def copy_signs(article: Article) -> list[str]:
    """The :func:`credit_signs` that say ``article`` copies another news report: not those that
    credit a contributor or a platform."""
    return [sign for sign in credit_signs(article) if not _PARTIAL_OR_PLATFORM.search(sign)]


# Words of a credit line around the name it credits ("Courtesy: X", "Source: X", "Photo via X");
# function words ("via", "by") are left out as such.
_CREDIT_WORDS = frozenset(
    "courtesy source sources photo photos image images picture pictures credit credits "
    "copyright reporting report additional".split()
)
_CAPITALISED_RUN = LazyPattern(r"[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*)*")
_QUOTED = LazyPattern(r'"(.+)"')


def names_a_source_of(sign: str, other: Article) -> bool:
    """Whether the source a credit ``sign`` names is one that ``other`` names in its own text
    as a source too ("Courtesy: X" in one, "…told the website X" in the other), but not as
    ``other``'s own name: both then took the story from X, and the credit says nothing about
    which of the two copied the other."""
    quoted = _QUOTED.search(sign)
    if quoted is None:
        return False
    own = [_compact(text) for text, _ in own_names(other)]
    body = _compact(other.text)
    for run in _CAPITALISED_RUN.findall(quoted[1]):
        words = [w for w in run.split() if not _credit_word(w)]
        name = _compact(" ".join(words))
        if len(name) >= 4 and name in body and not any(name in text for text in own):
            return True
    return False


def _credit_word(word: str) -> bool:
    folded = word.casefold().strip(".:")
    return folded in _CREDIT_WORDS or is_function_word(folded)


def _compact(text: str) -> str:
    """A name's words without spaces or punctuation, case kept: "Pink News" and "PinkNews" are
    one name, "With" opening a sentence is not "with"."""
    return "".join(re.findall(r"\w+", text))


def excerpt_signs(article: Article) -> list[str]:
    """Evidence that ``article`` is an excerpt or teaser of a fuller text: a removed "Read more"
    or "Continue reading" line, or a credit that sends the reader to the full story."""
    return [
        f'removed {r.reason} "{short(r.text)}"'
        for r in article.removed
        if r.reason == "read-more link" or (r.reason == "credit line" and _TEASER.match(r.text))
    ]


_TEASER = LazyPattern(r"\W*(?:read|see|continue)\b", _I)


def scraper_signs(article: Article) -> list[str]:
    """Evidence that ``article`` was scraped by a content farm (markers its copier left)."""
    signs = [
        f'removed {r.reason} "{short(r.text)}"'
        for r in article.removed
        if r.reason in SCRAPER_REASONS
    ]
    signs += [f'ad-slot token "{m.group(0)}" in body' for m in _AD_TOKEN.finditer(article.text)]
    return signs


def credited_byline(article: Article) -> str | None:
    """The byline when it names an agency or an outlet other than the article's own."""
    if article.byline is None:
        return None
    name = article.byline.value.strip()
    return name if _is_outside_organisation(name, article) else None


def sign_off_name(article: Article) -> str | None:
    """The name in a closing sign-off line of the body ("- Example News Agency"), if any."""
    match = _SIGN_OFF.search(article.text.rstrip())
    if match is None:
        return None
    name = match.group("name").strip(" .-")
    return name if 0 < len(name.split()) <= _MAX_NAME_WORDS else None


def credited_names(article: Article) -> list[str]:
    """Names ``article`` gives as the author of its text: its byline and closing sign-off."""
    names = [article.byline.value.strip()] if article.byline is not None else []
    sign_off = sign_off_name(article)
    if sign_off is not None:
        names.append(sign_off)
    return [n for n in names if n and not _same_name(n, _outlet(article))]


def own_names(article: Article) -> list[tuple[str, str]]:
    """Texts that carry the article's own name, each with what it is.

    Its outlet, and its removed copyright and outlet sign-off lines (``(text, "outlet")``,
    ``(text, "copyright line")``, ...).
    """
    names = [(_outlet(article), "outlet")] if article.outlet is not None else []
    names += [(r.text, r.reason) for r in article.removed if r.reason in OWN_NAME_REASONS]
    return [(text, what) for text, what in names if text]


def names_outlet_of(copy: Article, origin: Article) -> str | None:
    """How ``copy`` credits ``origin``: when a name ``copy`` credits (byline, closing sign-off)
    is ``origin``'s own (its outlet, or the holder in its copyright line), that in words."""
    targets = own_names(origin)
    for name in credited_names(copy):
        if len(_fold(name)) < 3:
            continue
        for text, what in targets:
            if _mentions(text, name):
                return f'{copy.id} credits "{short(name)}", named in the {what} of {origin.id}'
    return None


def short(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _outlet(article: Article) -> str:
    return article.outlet.value.strip() if article.outlet is not None else ""


def _is_outside_organisation(name: str, article: Article) -> bool:
    if _OWN_STAFF.search(name) or _same_name(name, _outlet(article)):
        return False
    outlet = _outlet(article)
    if outlet and _mentions(name, outlet):
        return False  # "Jane Doe, Example Times" in the Example Times
    if any(_mentions(own, name) for own, _ in own_names(article)):
        return False
    return bool(_WIRE_AGENCY.search(name) or _ORGANISATION_WORD.search(name))


def _names_own_outlet(text: str, article: Article) -> bool:
    """Whether a credit line is the article's own outlet signing its text ("Reuter" at the end
    of a Reuters story), which says nothing about where the text came from."""
    return _same_name(text, _outlet(article))


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _same_name(first: str, second: str) -> bool:
    """One name, written alike but for case, punctuation or a plural "s" ("Reuter"/"Reuters")."""
    return bool(first) and _singular_words(first) == _singular_words(second)


def _singular_words(text: str) -> str:
    return " ".join(word.removesuffix("s") for word in _fold(text).split())


def _mentions(text: str, name: str) -> bool:
    folded = _fold(name)
    if not folded:
        return False
    return re.search(rf"(?:^| ){re.escape(folded)}(?: |$)", _fold(text)) is not None
