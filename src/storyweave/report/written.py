"""Quotes and amounts as the articles wrote them, and the words two wordings change, for the
Markdown, terminal and HTML renderers: a finding's values are shown in the articles' own text
where the report holds it, not in the extractor's normalised form."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..facts import extract_quantities
from ..records import Article, Claim, FactKind, FindingStatus
from .readable import plural, plural_of, shorten

_WORD_CHARS = re.compile(r"\w+")


@dataclass(frozen=True)
class DiffPart:
    """A run of words of a word diff: ``op`` is ``same``, ``del`` or ``ins``."""

    op: str
    text: str


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
