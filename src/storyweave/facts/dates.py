"""Dates: absolute (``December 30``, ``Jan 9, 2024``, ``3 March 2021``, ``February 2022``,
``2022``) and relative (``Thursday``, ``yesterday``, ``last week``, ``overnight``), resolved
against the article's publication date when it is known.

``5:15 a.m.`` and ``17:15`` are times of day, ``T05:15`` and ``T17:15`` (granularity ``time``).

``value`` is an ISO date (``2024-01-04``), month (``2024-01``) or year (``2024``); a day and month
with no year and nothing to resolve it against is ``--12-30``; a relative date that cannot be
resolved keeps its words and ``attrs["resolved"] = "no"``. ``attrs["granularity"]`` is ``time``,
``day``, ``week``, ``month``, ``year`` or ``decade`` (``1970s``); ``attrs["resolved_from"]`` tells
how a date was resolved. A weekday is the latest such day up to the publication date, or the
next one from it when the words before it in the sentence speak of the future (``will``,
``until``, ``expected``, ...). ``six o'clock``, ``noon`` and ``midnight`` are times of day too.
``subject`` names the event: the nearest verb of the clause and the noun before it.

A day or month named without its year takes the year that the clause's tense points to: the
next such day when it speaks of the future ("is scheduled for April 30"), the latest one when a
verb before it is in the past ("the board met on April 30", "the sale in April"), and else the
nearer one, a day ahead counting :data:`FUTURE_WEIGHT` times its distance (news mostly reports
the recent past). ``overnight`` or ``tonight`` before a noun ("the overnight rate") is no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyweave.facts.common import DisjointSpans, Sentences, make_claim
from storyweave.facts.lexicon import MONTHS, WEEKDAYS
from storyweave.lexicon import NON_CONTENT_WORDS, PAST_FORMS
from storyweave.records import Article, Claim, FactKind

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NOT_DIGIT_AFTER = r"(?![\d,.]\d)"
_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<nmonth>[01]\d)-(?P<nday>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH} {_DAY}\b(?:,? {_YEAR}\b)?{_NOT_DIGIT_AFTER}"),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH}\b(?:,? {_YEAR}\b)?{_NOT_DIGIT_AFTER}"),
    re.compile(rf"\b{_MONTH},? {_YEAR}\b{_NOT_DIGIT_AFTER}"),
    re.compile(
        r"(?:\b(?i:(?P<lead>in|since|last|this|next|early|late|mid|until|by|during|from|of)) )"
        rf"{_MONTH}\b"
    ),
    re.compile(rf"(?:\b(?P<rel>last|next|this|on) )?{_WEEKDAY}\b"),
    re.compile(
        r"\b(?P<word>yesterday|today|tonight|overnight|last night|(?:last|this|next) "
        r"(?:week|month|year))\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<decade>(?:19|20)\d0)s\b"),
    re.compile(rf"(?<![\d$£€#.,-]){_YEAR}(?![\d%]|,\d|\.\d| ?(?:per ?cent|percent))"),
    re.compile(
        r"\b(?P<oclock>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|1[0-2]|0?[1-9])"
        r" o['’]clock\b|\b(?P<noon>noon|midday|midnight)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?<![\d.:])(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ampm>[ap])(?:\.m\.|m\b)"
        r"|(?<![\d.:])(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?![\d:])",
        re.IGNORECASE,
    ),
]
_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
# Words before a weekday that put it ahead of the publication date ("will reopen on Monday").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|until|till|due|expected|expects|scheduled|may be|could be|"
    r"is to|are to|set to|plans? to|going to)\b",
    re.IGNORECASE,
)
_SAYING = frozenset(
    "said told added reported announced stated noted explained confirmed disclosed".split()
)
FUTURE_WEIGHT = 3  # a day ahead counts as this many days back when choosing a day's year
_ABSOLUTE_JOIN = re.compile(r",?\s*(?:on\s+)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Resolved:
    value: str
    granularity: str
    resolved_from: str = ""
    resolved: bool = True


def extract_dates(article: Article) -> list[Claim]:
    """Date claims of ``article`` (see the module docstring)."""
    text = article.text
    published = publication_date(article)
    sentences = Sentences(text)
    taken = DisjointSpans()
    claims: list[Claim] = []
    for pattern in _PATTERNS:  # most specific first; a span already taken is not re-read
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if taken.overlaps(span):
                continue
            if _part_of_name(text, match) or _modifier(text, match) or _in_range(text, match):
                continue
            sentence_start = sentences.around(span[0])[0]
            future = _future_clause(text, sentence_start, span[0])
            past = not future and _past_clause(text, sentence_start, span[0])
            resolved = _resolve(match, published, future, past)
            if resolved is None:
                continue
            taken.add(span)
            claims.append(_claim(article, span, resolved, sentences))
    return _drop_relatives_next_to_absolutes(text, sorted(claims, key=lambda c: c.start))


def _drop_relatives_next_to_absolutes(text: str, claims: list[Claim]) -> list[Claim]:
    """``Overnight on 5 March``, ``on Tuesday, January 2``: the written date says it all."""
    kept: list[Claim] = []
    for index, claim in enumerate(claims):
        relative = "relative" in claim.attrs.get("resolved_from", "") or claim.attrs.get(
            "resolved_from", ""
        ).startswith(tuple(name.capitalize() for name in WEEKDAYS))
        unresolved_relative = claim.attrs.get("resolved") == "no" and not claim.value.startswith(
            "-"
        )
        following = claims[index + 1] if index + 1 < len(claims) else None
        if (
            (relative or unresolved_relative)
            and following is not None
            and following.attrs.get("granularity") == "day"
            and _ABSOLUTE_JOIN.fullmatch(text[claim.end : following.start])
        ):
            continue
        kept.append(claim)
    return kept


def publication_date(article: Article) -> dt.date | None:
    """The article's publication date, if its ISO value can be read."""
    if article.published is None:
        return None
    try:
        return dt.date.fromisoformat(article.published.value[:10])
    except ValueError:
        return None


def _claim(
    article: Article, span: tuple[int, int], resolved: _Resolved, sentences: Sentences
) -> Claim:
    attrs = {"granularity": resolved.granularity}
    if resolved.resolved_from:
        attrs["resolved_from"] = resolved.resolved_from
    if not resolved.resolved:
        attrs["resolved"] = "no"
    subject = event_words(article.text, sentences.around(span[0]), span)
    return make_claim(article, FactKind.DATE, span, resolved.value, subject, attrs)


def _part_of_name(text: str, match: re.Match[str]) -> bool:
    """``Norvale Today``: a capitalised date word right after a capitalised word names a thing."""
    word = match.group(0)
    if not word[:1].isupper() or not match.groupdict().get("word"):
        return False
    before = _WORD.findall(text[max(0, match.start() - 30) : match.start()])
    gap = text[max(0, match.start() - 1) : match.start()]
    return bool(before) and before[-1][:1].isupper() and gap == " "


_RANGE_JOIN = re.compile(rf"[/-]\s?{_MONTH}", re.IGNORECASE)
_RANGE_START = re.compile(rf"{_MONTH}\s?[/-]$", re.IGNORECASE)


def _in_range(text: str, match: re.Match[str]) -> bool:
    """Whether the date is one end of a span of months ("January/March 1987", "in
    April-June"): the span is a period, and neither month the date of an event."""
    before = text[max(0, match.start() - 12) : match.start()]
    return bool(_RANGE_START.search(before) or _RANGE_JOIN.match(text, match.end()))


def _past_clause(text: str, sentence_start: int, start: int) -> bool:
    """Whether a verb before a date in its sentence is in the past tense (not a verb of
    saying: "said the record date is April 30" speaks of no past)."""
    window = text[sentence_start:start]
    window = window[max(window.rfind('"'), window.rfind("”")) + 1 :]
    for word in _WORD.findall(window):
        low = word.lower()
        if low in _SAYING:
            continue
        if (
            low in PAST_FORMS
            or low in ("was", "were", "had")
            or (word.islower() and low.endswith("ed") and len(low) > 4)
        ):
            return True
    return False


def _modifier(text: str, match: re.Match[str]) -> bool:
    """Whether a relative day word qualifies the noun after it ("the overnight call money
    rate", "today's auction" is a date) rather than saying when."""
    if match.group(0).lower() not in ("overnight", "tonight"):
        return False
    after = (
        _WORD.match(text, match.end() + 1) if text[match.end() : match.end() + 1] == " " else None
    )
    return after is not None and after[0].islower() and after[0].lower() not in NON_CONTENT_WORDS


def _future_clause(text: str, sentence_start: int, start: int) -> bool:
    """Whether the words before a date in its sentence speak of what is to come."""
    window = text[sentence_start:start]
    after_quote = max(window.rfind('"'), window.rfind("”")) + 1  # a quote's own tense is not ours
    return _FUTURE.search(window, after_quote) is not None


def _resolve(
    match: re.Match[str], published: dt.date | None, future: bool = False, past: bool = False
) -> _Resolved | None:
    groups = {k: v for k, v in match.groupdict().items() if v}
    if "oclock" in groups or "noon" in groups:
        return _named_time(groups)
    if "decade" in groups:
        return _Resolved(f"{groups['decade']}s", "decade")
    if "hour" in groups or "hour24" in groups:
        return _clock_time(groups)
    if "nmonth" in groups:
        return _full_date(int(groups["year"]), int(groups["nmonth"]), int(groups["nday"]))
    if "weekday" in groups:
        relation = groups.get("rel", "")
        if future and relation.lower() in ("", "on", "this"):
            relation = "coming"
        return _weekday(groups["weekday"], relation, published)
    if "word" in groups:
        return _relative(groups["word"].lower(), published)
    if "month" in groups:
        return _month_based(groups, published, future, past)
    return _Resolved(groups["year"], "year")


def _named_time(groups: dict[str, str]) -> _Resolved:
    """``six o'clock`` -> ``T06:00`` (as written: no a.m./p.m. guess); ``noon`` -> ``T12:00``."""
    if "noon" in groups:
        return _Resolved("T00:00" if groups["noon"].lower() == "midnight" else "T12:00", "time")
    word = groups["oclock"].lower()
    hour = int(word) if word.isdigit() else _HOUR_WORDS.index(word) + 1
    return _Resolved(f"T{hour:02d}:00", "time")


def _clock_time(groups: dict[str, str]) -> _Resolved:
    """``5:15 a.m.`` -> ``T05:15``: a time of day, its day left to the clause around it."""
    if "hour24" in groups:
        hour, minute = int(groups["hour24"]), int(groups["minute24"])
    else:
        hour = int(groups["hour"]) % 12 + (12 if groups["ampm"].lower() == "p" else 0)
        minute = int(groups.get("minute", "0"))
    return _Resolved(f"T{hour:02d}:{minute:02d}", "time")


def _month_based(
    groups: dict[str, str], published: dt.date | None, future: bool = False, past: bool = False
) -> _Resolved | None:
    month = MONTHS[groups["month"].lower().rstrip(".")]
    if "day" in groups:
        day = int(groups["day"])
        if "year" in groups:
            return _full_date(int(groups["year"]), month, day)
        return _day_without_year(month, day, published, future, past)
    if "year" in groups:
        return _Resolved(f"{int(groups['year']):04d}-{month:02d}", "month")
    lead = groups.get("lead", "").lower()
    if published is None:
        return _Resolved(f"--{month:02d}", "month", resolved=False)
    year = published.year
    if lead == "next" or (lead != "last" and future and month < published.month):
        year += 1  # "next March"; "will be paid in January", written in March
    elif lead == "last" and month >= published.month:
        year -= 1
    elif lead != "last" and month > published.month + (0 if past else 1) and not future:
        year -= 1  # "the sale in April", written in March: last April
    note = f"{lead} {groups['month']} near {published.isoformat()}".strip()
    return _Resolved(f"{year:04d}-{month:02d}", "month", note)


def _full_date(year: int, month: int, day: int) -> _Resolved | None:
    try:
        return _Resolved(dt.date(year, month, day).isoformat(), "day")
    except ValueError:
        return None


def _day_without_year(
    month: int, day: int, published: dt.date | None, future: bool = False, past: bool = False
) -> _Resolved | None:
    if not 1 <= day <= 31:
        return None
    if published is None:
        return _Resolved(f"--{month:02d}-{day:02d}", "day", "no year and no publication date")
    candidates: list[dt.date] = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if future:  # "the meeting is scheduled for April 30": the next such day
        ahead = [c for c in candidates if c >= published]
        best = min(ahead or candidates, key=lambda c: abs((c - published).days))
        return _Resolved(best.isoformat(), "day", f"next after {published.isoformat()}")
    if past:  # "the board met on April 30": the latest such day, up to a week late
        recent = [c for c in candidates if c <= published + dt.timedelta(days=7)]
        best = min(recent or candidates, key=lambda c: abs((c - published).days))
        return _Resolved(best.isoformat(), "day", f"latest before {published.isoformat()}")
    # Nothing says when: news mostly reports the recent past, so a day ahead is taken only when
    # it is much nearer (a record date of April 30 named in March) than the day a year back.
    best = min(
        candidates, key=lambda c: (c - published).days * (FUTURE_WEIGHT if c > published else -1)
    )
    return _Resolved(best.isoformat(), "day", f"nearest to {published.isoformat()}")


def _weekday(name: str, relation: str, published: dt.date | None) -> _Resolved:
    if published is None:
        return _Resolved(name.lower(), "day", resolved=False)
    target = WEEKDAYS[name.lower()]
    relation = relation.lower()
    if relation == "next":
        delta = (target - published.weekday()) % 7 or 7
        when = published + dt.timedelta(days=delta)
        note = f"{name} after {published.isoformat()}"
    elif relation == "coming":
        when = published + dt.timedelta(days=(target - published.weekday()) % 7)
        note = f"{name} on or after {published.isoformat()} (future tense)"
    else:
        delta = (published.weekday() - target) % 7
        if relation == "last" and delta == 0:
            delta = 7
        when = published - dt.timedelta(days=delta)
        note = f"{name} on or before {published.isoformat()}"
    return _Resolved(when.isoformat(), "day", note)


def _relative(word: str, published: dt.date | None) -> _Resolved:
    if published is None:
        return _Resolved(word, "day", resolved=False)
    note = f"{word} relative to {published.isoformat()}"
    day_offsets = {"yesterday": -1, "today": 0, "tonight": 0, "overnight": 0, "last night": -1}
    if word in day_offsets:
        when = published + dt.timedelta(days=day_offsets[word])
        return _Resolved(when.isoformat(), "day", note)
    which, unit = word.split()
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return _Resolved(monday.isoformat(), "week", note)
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return _Resolved(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", note)
    return _Resolved(f"{published.year + step:04d}", "year", note)


def event_words(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> str:
    """A few words naming the event a date or number belongs to: ``missile fired``.

    The nearest verb of the sentence before the span (else after it), and the nearest noun-like
    word before that verb.
    """
    before = [(m.start(), m[0]) for m in _WORD.finditer(text, sentence[0], span[0])]
    after = [(m.start(), m[0]) for m in _WORD.finditer(text, span[1], max(sentence[1], span[1]))]
    verb_index = next((i for i in range(len(before) - 1, -1, -1) if _is_verb(before[i][1])), -1)
    if verb_index < 0:
        verb = next((w for _, w in after if _is_verb(w)), "")
        noun = next((w for p, w in reversed(before) if _is_noun(w, p == sentence[0])), "")
        return " ".join(w for w in (noun, verb) if w).lower()
    verb = before[verb_index][1]
    candidates = reversed(before[:verb_index])
    noun = next((w for p, w in candidates if _is_noun(w, p == sentence[0])), "")
    return " ".join(w for w in (noun, verb) if w).lower()


def _is_verb(word: str) -> bool:
    return word.islower() and (word.endswith("ed") or word in PAST_FORMS)


def _is_noun(word: str, sentence_initial: bool = False) -> bool:
    low = word.lower()
    return (
        (word.islower() or (sentence_initial and word[1:].islower()))
        and low not in NON_CONTENT_WORDS
        and not low.endswith(("ed", "ly"))
        and low not in PAST_FORMS
        and len(low) > 2
    )
