"""Quantities: numbers with units, money, percentages, durations and counts of things.

``"400-800 kilometers (250-500 miles)"`` is one claim with ``low``/``high`` in kilometres; the
bracketed conversion is recognised as the same quantity (``attrs["conversion"]``, checked in
``attrs["conversion_ok"]``). ``"around $5 million"`` is ``5000000 USD`` with ``approx="around"``;
``"28 … cruise missiles"`` is a count of ``missiles``. Miles become km, feet m, pounds (weight)
kg; the original spelling stays in ``attrs["original"]``.

``attrs``: ``unit`` (normalised), ``dimension`` (length, mass, money, percent, duration, count),
``low``, ``high``, ``approx`` (the hedge word, e.g. ``at least``), ``noun`` (the counted or
measured thing). ``subject`` is the measured thing: the counted noun (with the verb that says
what happened to it, ``people killed``) or the head word before a measure (``range``, ``cost``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyweave.facts.common import Sentences, make_claim, stem
from storyweave.facts.lexicon import MULTIPLIERS, NUMBER_WORDS, STOPWORDS
from storyweave.records import Article, Claim

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen"
)
_WORD_NUMBER = rf"(?:(?:{_TENS})(?:-(?:{_UNITS_WORDS}))?|{_UNITS_WORDS}|a dozen|dozen|a hundred)"
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|k)\b)"
_NUMBER = rf"(?:{_DIGITS}|\b{_WORD_NUMBER}\b)(?:{_SCALE})?"
_APPROX = (
    r"(?:at least|at most|up to|more than|less than|fewer than|as many as|as much as|close to"
    r"|upwards of|well over|just over|just under|an estimated|approximately|roughly|around"
    r"|about|nearly|almost|some|over|under)"
)
_CURRENCY = r"(?:US\$|\$|£|€|USD ?|EUR ?|GBP ?)"
_UNIT = (
    r"(?:kilometres|kilometers|kilometre|kilometer|km|miles|mile|metres|meters|metre|meter|m"
    r"|feet|foot|ft|kilograms|kilogram|kilos|kg|tonnes|tonne|tons|ton|pounds|lbs|lb"
    r"|per ?cent|percent|%|dollars|euros|years|year|months|month|weeks|week|days|day|hours|hour"
    r"|minutes|minute)(?![\w-])"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,:/#$£€-])(?:(?P<approx>{_APPROX})\s+)?(?P<between>between\s+|from\s+)?"
    rf"(?P<currency>{_CURRENCY})?(?P<low>{_NUMBER})(?![\d:])"
    rf"(?:(?:\s?(?:-|–|to)\s?|(?(between)\s+and\s+|(?!)))(?P<currency2>{_CURRENCY})?"
    rf"(?P<high>{_NUMBER}))?"
    rf"(?:\s?(?P<unit>{_UNIT}))?",
    re.IGNORECASE,
)
_CONVERSION = re.compile(
    rf"\s*\(\s*(?:{_APPROX}\s+)?(?P<low>{_NUMBER})(?:\s?(?:-|–|to)\s?(?P<high>{_NUMBER}))?"
    rf"\s?(?P<unit>{_UNIT})\s*\)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'-]+")

# unit spelling -> (normalised unit, dimension, factor to the normalised unit)
_UNIT_TABLE: dict[str, tuple[str, str, float]] = {
    **dict.fromkeys(
        ("km", "kilometres", "kilometers", "kilometre", "kilometer"), ("km", "length", 1.0)
    ),
    **dict.fromkeys(("miles", "mile"), ("km", "length", 1.609344)),
    **dict.fromkeys(("m", "metres", "meters", "metre", "meter"), ("m", "length", 1.0)),
    **dict.fromkeys(("feet", "foot", "ft"), ("m", "length", 0.3048)),
    **dict.fromkeys(("kg", "kilograms", "kilogram", "kilos"), ("kg", "mass", 1.0)),
    **dict.fromkeys(("tonnes", "tonne", "tons", "ton"), ("kg", "mass", 1000.0)),
    **dict.fromkeys(("pounds", "lbs", "lb"), ("kg", "mass", 0.45359237)),
    **dict.fromkeys(("%", "percent", "per cent", "percent"), ("%", "percent", 1.0)),
    **dict.fromkeys(("dollars",), ("USD", "money", 1.0)),
    **dict.fromkeys(("euros",), ("EUR", "money", 1.0)),
    **{u: (u.rstrip("s"), "duration", 1.0) for u in ("years", "months", "weeks", "days")},
    **{u: (u, "duration", 1.0) for u in ("year", "month", "week", "day", "hour", "minute")},
    **dict.fromkeys(("hours",), ("hour", "duration", 1.0)),
    **dict.fromkeys(("minutes",), ("minute", "duration", 1.0)),
}
UNIT_WORDS = frozenset(_UNIT_TABLE)
"""Every unit spelling the extractor knows (``km``, ``miles``, ``per cent``, ...)."""
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR"}
_CURRENCIES["eur"] = "EUR"
_CONVERSION_TOLERANCE = 0.05
_MAX_NOUN_WORDS = 4
_IRREGULAR_PLURALS = frozenset("people children men women police cattle staff".split())
# What happened to counted people: kept in the subject so "4 killed" never meets "4 injured".
_OUTCOMES = frozenset(
    "killed injured wounded hurt dead died arrested detained displaced evacuated missing "
    "rescued infected hospitalised hospitalized affected".split()
)
# Adverbs and comparatives that stand before numbers but are never the thing measured.
_NOT_MEASURED = frozenset(
    "now just only still already even less more much far than nearly almost high low per "
    "least most another total whopping".split()
)
_COUNT_BLOCKERS = frozenset("no any every each the this that".split())


@dataclass(frozen=True)
class _Measure:
    low: float
    high: float
    unit: str
    dimension: str
    original: str


def extract_quantities(article: Article) -> list[Claim]:
    """Quantity claims of ``article`` (see the module docstring)."""
    text = article.text
    sentences = Sentences(text)
    claims: list[Claim] = []
    covered = 0  # a conversion in brackets belongs to the quantity before it
    for match in _QUANTITY.finditer(text):
        if match.start() < covered:
            continue
        claim = _quantity_claim(article, match, sentences)
        if claim is not None:
            claims.append(claim)
            covered = claim.end
    return claims


def _quantity_claim(article: Article, match: re.Match[str], sentences: Sentences) -> Claim | None:
    text = article.text
    measure = _measure(match)
    if measure is None:
        return None
    start, end = match.start(), match.end()
    if match["between"] and not match["high"]:
        start = match.start("currency") if match["currency"] else match.start("low")
    attrs: dict[str, str] = {"dimension": measure.dimension}
    if match["approx"]:
        attrs["approx"] = match["approx"].lower()
    if measure.dimension == "count":
        noun, noun_end = _counted_noun(text, match.end(), measure.low)
        if not noun or _blocked_count(text, match) or _looks_like_year(match):
            return None
        attrs["noun"] = noun
        subject = _count_subject(text, start, noun_end, noun)
        end = noun_end
    else:
        conversion = _CONVERSION.match(text, end)
        if conversion is not None:
            end = _attach_conversion(conversion, measure, attrs)
        subject = _measured_thing(text, sentences.around(start), start)
        if subject:
            attrs["noun"] = subject
    attrs.update(unit=measure.unit, low=_fmt(measure.low), high=_fmt(measure.high))
    if measure.original:
        attrs["original"] = measure.original
    value = _format_value(measure)
    if measure.dimension == "count":
        value = f"{value} {stem(attrs['noun'])}"
    return make_claim(article, "quantity", (start, end), value, subject, attrs)


def _measure(match: re.Match[str]) -> _Measure | None:
    currency = match["currency"] or match["currency2"]
    unit_text = (match["unit"] or "").lower()
    low = parse_number(match["low"], money=bool(currency))
    high = parse_number(match["high"], money=bool(currency)) if match["high"] else low
    if low is None or high is None:
        return None
    if high < low:
        return None
    if currency:
        code = _CURRENCIES[currency.strip().lower()]
        if unit_text in ("m", "k"):  # "$5m"
            scale = MULTIPLIERS[unit_text]
            low, high = low * scale, high * scale
        return _Measure(low, high, code, "money", "")
    if not unit_text:
        return _Measure(low, high, "count", "count", "")
    if unit_text == "pounds" and _scaled(match["low"]):
        return _Measure(low, high, "GBP", "money", "")  # "10 million pounds" is money
    unit, dimension, factor = _UNIT_TABLE[unit_text]
    original = "" if factor == 1.0 else _original(match)
    return _Measure(low * factor, high * factor, unit, dimension, original)


def _original(match: re.Match[str]) -> str:
    number = match["low"] if not match["high"] else f"{match['low']}-{match['high']}"
    return f"{number} {match['unit']}"


def _scaled(number: str) -> bool:
    return bool(re.search(r"(?:million|billion|trillion|bn|mn)$", number, re.IGNORECASE))


def parse_number(token: str, money: bool = False) -> float | None:
    """Parse a number: ``"5 million"`` -> 5e6, ``"2,500"`` -> 2500, ``"twenty-five"`` -> 25."""
    token = token.strip().lower()
    scale = 1.0
    found = re.search(r"\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|k)$", token)
    if found and found.start() > 0:
        if found[1] == "k" and not money:
            return None
        scale = float(MULTIPLIERS.get(found[1], NUMBER_WORDS.get(found[1], 1)))
        token = token[: found.start()].strip()
    base = _base_number(token)
    return None if base is None else base * scale


def _base_number(token: str) -> float | None:
    token = token.removeprefix("a ").strip()
    if token and token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    if "-" in token:
        tens, _, unit = token.partition("-")
        if tens in NUMBER_WORDS and unit in NUMBER_WORDS:
            return float(NUMBER_WORDS[tens] + NUMBER_WORDS[unit])
    return float(NUMBER_WORDS[token]) if token in NUMBER_WORDS else None


def _attach_conversion(conversion: re.Match[str], measure: _Measure, attrs: dict[str, str]) -> int:
    unit_text = conversion["unit"].lower()
    info = _UNIT_TABLE.get(unit_text)
    low = parse_number(conversion["low"])
    high = parse_number(conversion["high"]) if conversion["high"] else low
    if info is None or low is None or high is None or info[1] != measure.dimension:
        return conversion.start()
    factor = info[2] if info[0] == measure.unit else _cross_factor(info, measure)
    attrs["conversion"] = conversion.group(0).strip().strip("()").strip()
    ok = _close(low * factor, measure.low) and _close(high * factor, measure.high)
    attrs["conversion_ok"] = "yes" if ok else "no"
    return conversion.end()


def _cross_factor(info: tuple[str, str, float], measure: _Measure) -> float:
    # km <-> m within one dimension
    scale = {"km": 1000.0, "m": 1.0, "kg": 1.0}
    return info[2] * scale.get(info[0], 1.0) / scale.get(measure.unit, 1.0)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _CONVERSION_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _looks_like_year(match: re.Match[str]) -> bool:
    low = match["low"]
    return not match["high"] and len(low) == 4 and low.isdigit() and 1800 <= int(low) <= 2100


def _counted_noun(text: str, offset: int, count: float) -> tuple[str, int]:
    """The noun a bare number counts: ``28 Russian cruise missiles`` -> ``missiles``.

    The run of modifier words after the number ends at a function word or punctuation; the noun
    is its last lower-case word, or for a plural count its first plural-looking word (``15 drones
    overnight`` -> ``drones``).
    """
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    of_the = re.match(r"\s+of\s+(?:the|its|their|those|these)\s+", text[offset:line_end])
    cursor = offset + (of_the.end() if of_the else 0)
    candidates: list[tuple[str, int]] = []
    for taken, found in enumerate(_WORD.finditer(text, cursor, line_end)):
        gap = text[cursor : found.start()]
        if taken >= _MAX_NOUN_WORDS or gap.strip() or (taken == 0 and not gap and not of_the):
            break
        word = found[0]
        low = word.lower()
        if low in STOPWORDS or low[:1].isdigit():
            break
        if word.islower():
            if low.endswith(("ed", "ly", "ing")) and "-" not in low:
                break
            candidates.append((low, found.end()))
        cursor = found.end()
    if not candidates:
        return "", offset
    if count != 1:
        plural = [c for c in candidates if _looks_plural(c[0])]
        if plural:
            return plural[0]
    return candidates[-1]


def _looks_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us")))


def _blocked_count(text: str, match: re.Match[str]) -> bool:
    """``no one``, ``the one``: pronoun uses of number words are not counts."""
    if match["approx"] or match["between"] or match["low"][:1].isdigit():
        return False
    start = match.start("low")
    before = _WORD.findall(text[max(0, start - 20) : start])
    return bool(before) and before[-1].lower() in _COUNT_BLOCKERS


def _count_subject(text: str, start: int, noun_end: int, noun: str) -> str:
    """``people killed``: the counted noun and the participle that says what happened."""
    after = _WORD.findall(text[noun_end : noun_end + 40].split("\n")[0])
    while after and after[0].lower() in ("were", "was", "have", "has", "been", "had", "are"):
        after = after[1:]
    before = _WORD.findall(text[max(0, start - 30) : start].split("\n")[-1])
    participle = ""
    if after and after[0].lower() in _OUTCOMES:
        participle = after[0]
    elif before and before[-1].lower() in _OUTCOMES:
        participle = before[-1]
    return " ".join(w for w in (stem(noun), participle.lower()) if w)


def _measured_thing(text: str, sentence: tuple[int, int], start: int) -> str:
    """The head word before a measure: ``a range between 400-800 km`` -> ``range``."""
    before = [m for m in _WORD.finditer(text, sentence[0], start)]
    for index in range(len(before) - 1, -1, -1):
        word = before[index][0]
        low = word.lower()
        if low in STOPWORDS or not word.islower() or low.endswith(("ed", "ly", "ing")):
            continue
        if low in _NOT_MEASURED:
            continue
        head = _head_of_of_phrase(before, index)
        return stem(head)
    return ""


def _head_of_of_phrase(before: list[re.Match[str]], index: int) -> str:
    """``cost of each missile`` -> ``cost``: the noun governing an ``of`` phrase."""
    cursor = index - 1
    while cursor >= 0 and before[cursor][0].lower() in ("each", "the", "a", "an", "every", "its"):
        cursor -= 1
    if cursor >= 1 and before[cursor][0].lower() == "of" and before[cursor - 1][0].islower():
        return before[cursor - 1][0]
    return before[index][0]


def _format_value(measure: _Measure) -> str:
    number = _fmt(measure.low)
    if measure.high != measure.low:
        number = f"{number}-{_fmt(measure.high)}"
    if measure.dimension == "count":
        return number
    separator = "" if measure.unit == "%" else " "
    return f"{number}{separator}{measure.unit}"


def _fmt(number: float) -> str:
    if abs(number - round(number)) < 1e-9:
        return str(round(number))
    if abs(number) >= 100:
        return str(round(number))
    return f"{number:.3f}".rstrip("0").rstrip(".")
