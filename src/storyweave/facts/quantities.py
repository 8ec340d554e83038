"""Quantities: numbers with units, money, percentages, durations and counts of things.

``"300-600 kilometers (186-373 miles)"`` is one claim with ``low``/``high`` in kilometres; the
bracketed conversion is recognised as the same quantity (``attrs["conversion"]``, checked in
``attrs["conversion_ok"]``). ``"around $5 million"`` is ``5000000 USD`` with ``approx="around"``;
``"28 … cargo planes"`` is a count of ``planes``. Miles become km, feet m, pounds (weight)
kg; the original spelling stays in ``attrs["original"]``.

``attrs``: ``unit`` (normalised), ``dimension`` (length, mass, money, percent, duration, count),
``low``, ``high``, ``approx`` (the hedge word, e.g. ``at least``), ``noun`` (the counted or
measured thing). ``subject`` is the measured thing: the counted noun (with the verb that says
what happened to it, ``people killed``) or the head word before a measure (``range``, ``cost``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyweave.facts.common import Sentences, make_claim
from storyweave.facts.lexicon import MULTIPLIERS
from storyweave.facts.qualifiers import (
    CHANGE_VERBS,
    change_verb,
    clause_times,
    facet_after,
    is_label,
    of_noun_after,
    subset_qualifier,
)
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS
from storyweave.records import Article, Claim, FactKind
from storyweave.text import stem

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen"
)
_WORD_NUMBER = rf"(?:(?:{_TENS})(?:-(?:{_UNITS_WORDS}))?|{_UNITS_WORDS}|a dozen|dozen|a hundred)"
# "212m cubic metres": a bare "m" is a scale only before a unit that cannot follow "m" itself.
_SCALE = r"(?:\s?(?:hundred|thousand|million|billion|trillion)\b|(?:bn|mn|tn|k)\b|m(?=\s+cubic\b))"
_NUMBER = rf"(?:{_DIGITS}|\b{_WORD_NUMBER}\b)(?:{_SCALE})?"
_APPROX = (
    r"(?:at least|at most|up to|more than|less than|fewer than|as many as|as much as|close to"
    r"|upwards of|well over|just over|just under|an estimated|approximately|roughly|around"
    r"|about|nearly|almost|some|over|under)"
)
_CURRENCY = r"(?:US\$|\$|£|€|USD ?|EUR ?|GBP ?)"
_CUBIC = r"cubic (?:metres|meters|metre|meter|feet|foot|m|ft)"
_RATE = r"(?:\s+(?:of \w+\s+)?(?:per|a|an|each)\s+(?:second|sec|hour|day))"
_UNIT = (
    rf"(?:{_CUBIC}{_RATE}?|kilometres|kilometers|kilometre|kilometer|km|miles|mile"
    r"|millimetres|millimeters|millimetre|millimeter|mm|centimetres|centimeters|centimetre"
    r"|centimeter|cm|metres|meters|metre|meter|m|inches|inch|yards|yard"
    r"|feet|foot|ft|kilograms|kilogram|kilos|kg|tonnes|tonne|tons|ton|pounds|lbs|lb"
    r"|per ?cent|percent|%|dollars|euros|years|year|months|month|weeks|week|days|day|hours|hour"
    r"|minutes|minute)(?![\w-])"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,:/#$£€-])(?:(?P<approx>{_APPROX})\s+(?:a total of\s+)?)?"
    rf"(?P<between>between\s+|from\s+)?"
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
    **dict.fromkeys(("yards", "yard"), ("m", "length", 0.9144)),
    **dict.fromkeys(
        ("cm", "centimetres", "centimeters", "centimetre", "centimeter"), ("cm", "length", 1.0)
    ),
    **dict.fromkeys(
        ("mm", "millimetres", "millimeters", "millimetre", "millimeter"), ("mm", "length", 1.0)
    ),
    **dict.fromkeys(("inches", "inch"), ("mm", "length", 25.4)),
    **dict.fromkeys(("kg", "kilograms", "kilogram", "kilos"), ("kg", "mass", 1.0)),
    **dict.fromkeys(("tonnes", "tonne", "tons", "ton"), ("kg", "mass", 1000.0)),
    **dict.fromkeys(("pounds", "lbs", "lb"), ("kg", "mass", 0.45359237)),
    **dict.fromkeys(("%", "percent", "per cent"), ("%", "percent", 1.0)),
    **dict.fromkeys(("dollars",), ("USD", "money", 1.0)),
    **dict.fromkeys(("euros",), ("EUR", "money", 1.0)),
    **{u: (u.rstrip("s"), "duration", 1.0) for u in ("years", "months", "weeks", "days")},
    **{u: (u, "duration", 1.0) for u in ("year", "month", "week", "day", "hour", "minute")},
    **dict.fromkeys(("hours",), ("hour", "duration", 1.0)),
    **dict.fromkeys(("minutes",), ("minute", "duration", 1.0)),
}
_CUBIC_FACTORS = {"m": 1.0, "f": 0.0283168466}  # cubic metres / cubic feet, by first letter
_PER_SECOND = {"second": 1.0, "sec": 1.0, "hour": 3600.0, "day": 86400.0}
UNIT_WORDS = frozenset(_UNIT_TABLE) | {"cubic", "per", "second", "sec"}
"""Every unit spelling the extractor knows (``km``, ``miles``, ``per cent``, ...)."""
# Scale of the length units relative to the metre, for conversions across them.
_LENGTH_SCALE = {"km": 1000.0, "m": 1.0, "cm": 0.01, "mm": 0.001}
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
    "least most another total whopping further additional extra year years month months week "
    "weeks day days hour hours minute minutes".split()
)
_COUNT_BLOCKERS = frozenset("no any every each the this that".split())
_DETERMINERS = frozenset("the this that".split())
_CLOCK_AFTER = re.compile(r"\s?[ap]\.?m\b", re.IGNORECASE)
_PARTITIVE = re.compile(r"\s+of\s+")
_OF_PHRASE = re.compile(
    r"\s+of\s+(?:(?:the|its|their|those|these|our|his|her|a|an|[\w-]+['’]s)\s+)*", re.IGNORECASE
)
# Nouns that follow a number without being counted things: clock readings.
_NOT_COUNTED = frozenset("o'clock o’clock noon midnight am pm a.m p.m".split())


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
    sentence = sentences.around(start)
    if measure.dimension == "count":
        counted = _count_claim_parts(text, match, measure, attrs)
        if counted is None:
            return None
        subject, end = counted
    else:
        conversion = _CONVERSION.match(text, end)
        if conversion is not None:
            end = _attach_conversion(conversion, measure, attrs)
        subject = _measure_subject(text, sentence, start, end, measure, attrs)
        if subject:
            attrs["noun"] = subject
    _add_state(text, sentence, (start, end), attrs)
    attrs.update(unit=measure.unit, low=_fmt(measure.low), high=_fmt(measure.high))
    if measure.original:
        attrs["original"] = measure.original
    value = _format_value(measure)
    if measure.dimension == "count":
        value = f"{value} {stem(attrs['noun'])}"
    return make_claim(article, FactKind.QUANTITY, (start, end), value, subject, attrs)


def _count_claim_parts(
    text: str, match: re.Match[str], measure: _Measure, attrs: dict[str, str]
) -> tuple[str, int] | None:
    """Subject and end of a count, or None when the number is no count (a label, a year).

    ``one of the four gates`` picks one thing out of a whole: not a count at all (the whole,
    ``four gates``, is read on its own). ``two of its four gates`` is a part of a whole: kept,
    with ``attrs["partitive"]``, and never compared with counts of the whole.
    """
    if _blocked_count(text, match) or _looks_like_year(match):
        return None
    if _CLOCK_AFTER.match(text, match.end()):
        return None  # "3 p.m."
    if not (match["approx"] or match["between"]) and is_label(text, match.start("low")):
        return None
    partitive = not match["approx"] and _PARTITIVE.match(text, match.end()) is not None
    if partitive and measure.low == measure.high == 1:
        return None
    noun, noun_end = _counted_noun(text, match.end(), measure.low)
    if not noun:
        return None
    attrs["noun"] = noun
    if partitive:
        attrs["partitive"] = "yes"
        return f"{stem(noun)} (part)", match.end()
    qualifier = subset_qualifier(text, match.start(), noun_end)
    if qualifier:
        attrs["qualifier"] = qualifier
    return _count_subject(text, match.start(), noun_end, noun), noun_end


def _measure_subject(
    text: str,
    sentence: tuple[int, int],
    start: int,
    end: int,
    measure: _Measure,
    attrs: dict[str, str],
) -> str:
    """The measured thing: a facet after the measure (``12 m wide`` -> ``width``), an ``of``
    phrase (``186 mm of rain`` -> ``rain``), else the head word before it."""
    facet = facet_after(text, end, measure.dimension)
    if facet:
        attrs["facet"] = facet
        return facet
    noun = of_noun_after(text, end)
    if noun:
        return stem(noun)
    return _measured_thing(text, sentence, start)


def _add_state(
    text: str, sentence: tuple[int, int], span: tuple[int, int], attrs: dict[str, str]
) -> None:
    verb = change_verb(text, sentence[0], span[0])
    if verb:
        attrs["verb"] = verb
    times = clause_times(text, sentence, span[0], span[1])
    if times:
        attrs["time"] = times


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
    info = unit_info(unit_text)
    if info is None:
        return None
    unit, dimension, factor = info
    original = "" if factor == 1.0 else _original(match)
    return _Measure(low * factor, high * factor, unit, dimension, original)


def unit_info(unit_text: str) -> tuple[str, str, float] | None:
    """``(normalised unit, dimension, factor)`` of a unit spelling: ``miles`` -> km, x1.609.

    Cubic measures are volumes in ``m3``; followed by a rate (``per second``, ``a second``,
    ``of water per hour``) they are flows in ``m3/s``.
    """
    text = " ".join(unit_text.lower().split())
    if not text.startswith("cubic "):
        return _UNIT_TABLE.get(text)
    parts = text.split()
    factor = _CUBIC_FACTORS.get(parts[1][:1], 1.0)
    if parts[-1] in _PER_SECOND and len(parts) > 2:
        return "m3/s", "flow", factor / _PER_SECOND[parts[-1]]
    return "m3", "volume", factor


def _original(match: re.Match[str]) -> str:
    number = match["low"] if not match["high"] else f"{match['low']}-{match['high']}"
    return f"{number} {match['unit']}"


def _scaled(number: str) -> bool:
    return bool(re.search(r"(?:million|billion|trillion|bn|mn)$", number, re.IGNORECASE))


def parse_number(token: str, money: bool = False) -> float | None:
    """Parse a number: ``"5 million"`` -> 5e6, ``"2,500"`` -> 2500, ``"twenty-five"`` -> 25."""
    token = token.strip().lower()
    scale = 1.0
    found = re.search(r"\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|k|m)$", token)
    if found and found.start() > 0:
        if found[1] == "k" and not money:
            return None
        # A trailing "m" reaches here only as a scale ("212m cubic metres", see _SCALE).
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
    info = unit_info(unit_text)
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
    # km <-> m <-> mm within one dimension
    scale = _LENGTH_SCALE
    return info[2] * scale.get(info[0], 1.0) / scale.get(measure.unit, 1.0)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _CONVERSION_TOLERANCE * max(abs(a), abs(b), 1e-9)


def _looks_like_year(match: re.Match[str]) -> bool:
    low = match["low"]
    return not match["high"] and len(low) == 4 and low.isdigit() and 1800 <= int(low) <= 2100


def _counted_noun(text: str, offset: int, count: float) -> tuple[str, int]:
    """The noun a bare number counts: ``28 Dutch cargo planes`` -> ``planes``.

    The run of modifier words after the number ends at a function word or punctuation; the noun
    is its last lower-case word, or for a plural count its first plural-looking word (``15 drones
    overnight`` -> ``drones``).
    """
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    of_the = _OF_PHRASE.match(text[offset:line_end])
    cursor = offset + (of_the.end() if of_the else 0)
    if of_the:  # "two of its four gates": the whole's number is not the noun
        number = re.match(rf"(?:{_NUMBER})\s+", text[cursor:line_end], re.IGNORECASE)
        cursor += number.end() if number else 0
    candidates: list[tuple[str, int]] = []
    for taken, found in enumerate(_WORD.finditer(text, cursor, line_end)):
        gap = text[cursor : found.start()]
        if taken >= _MAX_NOUN_WORDS or gap.strip() or (taken == 0 and not gap and not of_the):
            break
        word = found[0]
        low = word.lower()
        if low in NON_CONTENT_WORDS or low[:1].isdigit() or low in _NOT_COUNTED:
            break
        if not any(ch in "aeiouy" for ch in low):
            return "", offset  # an abbreviation ("mln dlrs", "pct", "bpd"): no counted thing
        if word.islower():
            if _looks_like_verb_or_adverb(low):
                break
            candidates.append((low, found.end()))
        cursor = found.end()
    if not candidates:
        return "", offset
    if count != 1:
        plural = [c for c in candidates if _looks_plural(c[0])]
        if plural:
            return plural[0]
        if candidates[-1][0] not in _OUTCOMES:
            return "", offset  # "219 remain missing": a verb, not what was counted
    return candidates[-1]


def _looks_plural(word: str) -> bool:
    if word.endswith(("'s", "’s")):
        return False  # a possessive: "the dam's"
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith(("ss", "us")))


def _blocked_count(text: str, match: re.Match[str]) -> bool:
    """``no one``, ``the one``: pronoun uses of number words are not counts."""
    if match["approx"] or match["between"] or match["low"][:1].isdigit():
        return False
    start = match.start("low")
    before = _WORD.findall(text[max(0, start - 20) : start])
    if not before:
        return False
    previous = before[-1].lower()
    # "the three gates" counts; "the one that failed" does not.
    return previous in _COUNT_BLOCKERS and (
        previous not in _DETERMINERS or match["low"].lower() == "one"
    )


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
    """The head word before a measure: ``a range between 300-600 km`` -> ``range``."""
    before = [m for m in _WORD.finditer(text, sentence[0], start)]
    for index in range(len(before) - 1, -1, -1):
        word = before[index][0]
        low = word.lower()
        if low in NON_CONTENT_WORDS or not word.islower() or low.endswith(("ed", "ly", "ing")):
            continue
        if low in _NOT_MEASURED or low in CHANGE_VERBS:
            continue
        head = _head_of_of_phrase(before, index)
        return stem(head)
    return ""


def _head_of_of_phrase(before: list[re.Match[str]], index: int) -> str:
    """``cost of each boat`` -> ``cost``: the noun governing an ``of`` phrase."""
    cursor = index - 1
    while cursor >= 0 and before[cursor][0].lower() in ("each", "the", "a", "an", "every", "its"):
        cursor -= 1
    if cursor >= 1 and before[cursor][0].lower() == "of" and before[cursor - 1][0].islower():
        return before[cursor - 1][0]
    return before[index][0]


def _format_value(measure: _Measure) -> str:
    # A value converted from another unit is no more precise than the original figure.
    fmt = _fmt_converted if measure.original else _fmt
    number = fmt(measure.low)
    if measure.high != measure.low:
        number = f"{number}-{fmt(measure.high)}"
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


def _fmt_converted(number: float) -> str:
    return _fmt(float(f"{number:.3g}"))


def _looks_like_verb_or_adverb(word: str) -> bool:
    """``evacuated``, ``quickly``, ``working``: words that end a counted noun phrase."""
    if "-" in word or word.endswith("eed"):  # "feed", "speed" are nouns
        return False
    return word.endswith(("ed", "ly", "ing"))
