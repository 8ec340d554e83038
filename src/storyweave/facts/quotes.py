"""Direct quotes and their speakers.

A quote is text between double quote marks (straight or curly, even mixed) of at least
:data:`MIN_QUOTE_WORDS` words; a quote left open runs to the end of its paragraph, as news style
does for quotes that continue. The speaker comes from the attribution around it (``"…," X said``,
``said X``, ``X said, "…"``, ``according to X``, ``X …, saying, "…"``). A ``he``/``she`` that
:mod:`storyweave.facts.pronouns` linked to a person (a pronoun mention among the ``names``) is
that person, so quotes and name mentions agree; an unlinked one falls back to a person named
since the previous quote, else the speaker of the quote just before, else the last person named
before it outside quotes.
A quote with no attribution of its own continues the previous quote of its paragraph.

``value`` is the quote's lower-cased words; ``subject`` a speaker key (a person's surname, or the
role phrase when no name is given), so the same speaker matches across articles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from storyweave.facts.common import Sentences, SpanIndex, make_claim
from storyweave.facts.lexicon import PRONOUNS
from storyweave.lexicon import NON_CONTENT_WORDS, SPEECH_VERBS
from storyweave.records import Article, Claim, FactKind
from storyweave.text import normalize, words

MIN_QUOTE_WORDS = 4
_MARKS = '"“”'
# the characters quote_spans acts on: line breaks, the marks, and the halves of '' and ``
_QUOTE_EVENT = re.compile(f"[\n'`{_MARKS}]")
_VERB = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_SPEAKER = r"[^,.;:!?\"“”\n]{1,80}?"
_AFTER_SPEAKER_VERB = re.compile(
    rf"^\s*[,.]?\s*(?P<speaker>{_SPEAKER})\s+(?P<verb>{_VERB})\b", re.IGNORECASE
)
_AFTER_APPOSITIVE = re.compile(
    rf"^\s*,?\s*(?P<speaker>{_SPEAKER}),[^,.;:!?\"“”\n]{{1,100}},\s+(?P<verb>{_VERB})\b",
    re.IGNORECASE,
)
_AFTER_VERB_SPEAKER = re.compile(
    rf"^\s*[,.]?\s*(?P<verb>{_VERB})\s+(?P<speaker>[^,.;:!?\"“”\n]{{1,80}})", re.IGNORECASE
)
_AFTER_ACCORDING = re.compile(
    r"^\s*[,.]?\s*(?P<verb>according to)\s+(?P<speaker>[^,.;:!?\"“”\n]{1,80})", re.IGNORECASE
)
_BEFORE_SPEAKER_VERB = re.compile(
    rf"(?P<speaker>{_SPEAKER})\s+(?P<verb>{_VERB})(?:\s+(?:on|in|at)\s+[^,:]{{1,40}})?\s*[,:]?\s*$",
    re.IGNORECASE,
)
_BEFORE_SAYING = re.compile(r"\b(?P<verb>saying|adding|writing|telling \w+)\s*[,:]?\s*$")
_TRAILING_CLAUSE = re.compile(
    r"\s+(?:on|in|at|during|after|before|to|from|with|when|while|as|that)\b.*$", re.IGNORECASE
)
_ATTRIBUTION_TAIL = re.compile(r"\s+(?:on|in|at|during|after|to|when|while|as)\b", re.IGNORECASE)
_SPEECH_AFTER_NAME = re.compile(
    rf"(?:,[^,.;:!?\"“”\n]{{1,100}},|,)?\s(?P<verb>{_VERB})\b", re.IGNORECASE
)
_PRONOUN_SPEECH = re.compile(rf"\b(?:he|she|they)\s+(?P<verb>{_VERB})\b", re.IGNORECASE)
_CONTINUATION_GAP = 400  # characters: "he said" after a quote this close refers to its speaker
# The most characters before a quote read for its attribution: more than any real sentence, and
# a bound that keeps the work per quote constant in a text with no sentence breaks.
_BEFORE_LIMIT = 1000


@dataclass(frozen=True)
class QuoteSpan:
    """The inner span of a quoted passage; ``closed`` is False for a quote left open."""

    start: int
    end: int
    closed: bool


@dataclass(frozen=True)
class _Speaker:
    text: str
    key: str
    verb: str
    direct: str = "yes"


_NO_SPEAKER = _Speaker("", "", "")


class _Names:
    """Name claims looked up by where they start, in the order they were given.

    The order matters (the last or first match wins), and the names come as a few runs sorted by
    start (names, then pronouns): each run is searched by bisection, so a lookup costs what it
    finds plus a logarithm, never a scan of the whole article's names.
    """

    def __init__(self, names: list[Claim]) -> None:
        self._runs: list[tuple[list[int], list[Claim]]] = []
        for name in names:
            if not self._runs or self._runs[-1][0][-1] > name.start:
                self._runs.append(([], []))
            self._runs[-1][0].append(name.start)
            self._runs[-1][1].append(name)

    def between(self, low: int, high: int) -> list[Claim]:
        """The names starting in ``[low, high)``, in the given order."""
        found: list[Claim] = []
        for starts, claims in self._runs:
            found += claims[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
        return found

    def last_ending_by(self, offset: int) -> Claim | None:
        """The last name (in the given order) that ends at or before ``offset``."""
        for starts, claims in reversed(self._runs):
            found = next(_ending_by(starts, claims, offset), None)
            if found is not None:
                return found
        return None

    def only(self, keep: Callable[[Claim], bool]) -> _Names:
        """The names ``keep`` accepts, in the same order."""
        return _Names([n for _, claims in self._runs for n in claims if keep(n)])


def _ending_by(starts: list[int], claims: list[Claim], offset: int) -> Iterator[Claim]:
    """Names of one run ending at or before ``offset``, from the last back."""
    for index in range(bisect.bisect_right(starts, offset) - 1, -1, -1):
        if claims[index].end <= offset:
            yield claims[index]


@dataclass(frozen=True)
class _Lookup:
    """What attributing a quote looks up: all names, those outside quotes, and of those the
    people."""

    names: _Names
    outside: _Names
    persons: _Names

    @classmethod
    def of(cls, names: list[Claim], spans: list[QuoteSpan]) -> _Lookup:
        quoted = SpanIndex((s.start, s.end) for s in spans)
        outside = _Names(names).only(lambda n: not quoted.holds(n.start))
        return cls(_Names(names), outside, outside.only(lambda n: n.subject == "person"))


def extract_quotes(
    article: Article, names: list[Claim], spans: list[QuoteSpan] | None = None
) -> list[Claim]:
    """Quotes of ``article`` with speakers resolved against its ``names`` claims.

    ``names`` may hold pronoun mentions already linked to a person
    (:mod:`storyweave.facts.pronouns`): a ``he said`` attribution then takes the person the
    pronoun was linked to, so quotes and name mentions agree. ``spans`` are the article's
    :func:`quote_spans`, when already computed.
    """
    text = article.text
    spans = quote_spans(text) if spans is None else spans
    sentences = Sentences(text)
    lookup = _Lookup.of(names, spans)
    claims: list[Claim] = []
    previous: tuple[QuoteSpan, _Speaker] | None = None
    for span in spans:
        inner = text[span.start : span.end]
        if len(words(inner)) < MIN_QUOTE_WORDS:
            continue
        speaker = _attribute(text, span, lookup, sentences, previous)
        attrs = {"speaker": speaker.text, "verb": speaker.verb, "direct": speaker.direct}
        if not span.closed:
            attrs["closed"] = "no"
        value = " ".join(words(normalize(inner)))
        claims.append(
            make_claim(article, FactKind.QUOTE, (span.start, span.end), value, speaker.key, attrs)
        )
        previous = (span, speaker)
    return claims


def quote_spans(text: str) -> list[QuoteSpan]:
    """Inner spans of double-quoted passages (quote marks excluded, whitespace trimmed); two
    apostrophes close a quote as a double mark does, two backquotes open one."""
    spans: list[QuoteSpan] = []
    opened = -1
    for found in _QUOTE_EVENT.finditer(text):  # any other character changes nothing
        position, char = found.start(), found[0]
        if char == "\n" and opened >= 0:
            spans.append(_trimmed(text, opened + 1, position, closed=False))
            opened = -1
        pair = text[position : position + 2]
        if pair == "''" and opened >= 0 and text[position - 1 : position] != "'":
            # typewriter style, common on the wires: ``Like this,'' he said
            spans.append(_trimmed(text, opened + 1, position, closed=True))
            opened = -1
            continue
        if pair == "``" and opened < 0:
            opened = position + 1
            continue
        if char not in _MARKS:
            continue
        if opened < 0:
            if _can_open(text, position):
                opened = position
        elif not _opens_nested(text, position):
            spans.append(_trimmed(text, opened + 1, position, closed=True))
            opened = -1
    if opened >= 0:
        spans.append(_trimmed(text, opened + 1, len(text), closed=False))
    return [s for s in spans if s.end > s.start]


def _can_open(text: str, position: int) -> bool:
    if text[position] == "”":
        return False
    following = text[position + 1 : position + 2]
    return bool(following) and not following.isspace()


def _opens_nested(text: str, position: int) -> bool:
    """A mark inside an open quote that starts a quote of its own rather than closing it."""
    if text[position] == "”":
        return False
    preceding = text[position - 1 : position]
    following = text[position + 1 : position + 2]
    return (not preceding or preceding.isspace()) and following.isalnum()


def _trimmed(text: str, start: int, end: int, closed: bool) -> QuoteSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return QuoteSpan(start, end, closed)


def _attribute(
    text: str,
    span: QuoteSpan,
    lookup: _Lookup,
    sentences: Sentences,
    previous: tuple[QuoteSpan, _Speaker] | None,
) -> _Speaker:
    close = span.end + 1 if span.closed else span.end
    if text[close - 1 : close + 1] == "''":
        close += 1  # the second mark of a typewriter close
    after = text[close : _line_end(text, close, 160)]
    before_start = max(
        _line_start(text, span.start),
        sentences.around(span.start - 1)[0],
        span.start - _BEFORE_LIMIT,
    )
    before = text[before_start : max(before_start, span.start - 1)].rstrip("`")
    for pattern in (_AFTER_SPEAKER_VERB, _AFTER_APPOSITIVE, _AFTER_VERB_SPEAKER, _AFTER_ACCORDING):
        match = pattern.match(after)
        if match and _attribution_follows(text, span, after, match):
            base = close
            # "the board's chief engineer, Jane Doe, told ...": the name may be the appositive.
            speaker_end = (
                match.start("verb") if pattern is _AFTER_APPOSITIVE else match.end("speaker")
            )
            speaker = _NO_SPEAKER
            if pattern is _AFTER_APPOSITIVE:
                # "…," Jane Doe, an aide to John Roe, said: the name before the appositive.
                speaker = _named_speaker(
                    base + match.start("speaker"),
                    base + match.end("speaker"),
                    match["verb"],
                    lookup,
                )
            if not speaker.key:
                speaker = _resolve(
                    text,
                    base + match.start("speaker"),
                    base + speaker_end,
                    match["verb"],
                    lookup,
                    previous,
                )
            if speaker.key:
                return speaker
    match = _BEFORE_SPEAKER_VERB.search(before)
    if match:
        start = before_start + match.start("speaker")
        end = before_start + match.end("speaker")
        speaker = _resolve(text, start, end, match["verb"], lookup, previous)
        if speaker.key:
            return speaker
    return _fallback(text, span, before_start, before, lookup, previous)


def _attribution_follows(text: str, span: QuoteSpan, after: str, match: re.Match[str]) -> bool:
    """Whether text after a quote attributes it, rather than starting a new sentence.

    ``"... invasion," he said`` attributes; ``"... going." He emphasised that ...`` does not,
    unless the clause is just the attribution (``"... going." He said.``).
    """
    inner_end = text[span.start : span.end].rstrip()[-1:]
    if inner_end not in ".!?" or after.lstrip().startswith(","):
        return True
    rest = after[match.end() :]
    return (
        not rest.strip() or rest.lstrip()[:1] in ".,;" or _ATTRIBUTION_TAIL.match(rest) is not None
    )


def _fallback(
    text: str,
    span: QuoteSpan,
    before_start: int,
    before: str,
    lookup: _Lookup,
    previous: tuple[QuoteSpan, _Speaker] | None,
) -> _Speaker:
    saying = _BEFORE_SAYING.search(before)
    persons = lookup.outside.between(before_start, span.start)
    people = [n for n in persons if n.subject == "person"] or persons
    if saying and people:
        return _person_speaker(people[0], saying["verb"].split()[0])
    speakers_in_sentence = [n for n in people if _followed_by_speech_verb(text, n.end)]
    if speakers_in_sentence:
        verb = speech_verb_after(text, speakers_in_sentence[-1].end)
        partial = _person_speaker(speakers_in_sentence[-1], verb)
        return _Speaker(partial.text, partial.key, partial.verb, direct="no")
    pronoun = _PRONOUN_SPEECH.search(before)
    if pronoun:
        # "He said an examination showed … but that it was "too early …"": a partial quote.
        start = before_start + pronoun.start()
        partial = _resolve_pronoun(text, start, pronoun["verb"].lower(), lookup, previous)
        if partial.key:
            return _Speaker(partial.text, partial.key, partial.verb, direct="no")
    if previous is not None and _same_paragraph(text, previous[0].end, span.start):
        return previous[1]
    return _NO_SPEAKER


def _resolve(
    text: str,
    start: int,
    end: int,
    verb: str,
    lookup: _Lookup,
    previous: tuple[QuoteSpan, _Speaker] | None,
) -> _Speaker:
    phrase = _TRAILING_CLAUSE.sub("", text[start:end]).strip()
    named = _named_speaker(start, end, verb, lookup)
    if named.key:
        return named
    lowered = phrase.lower()
    if lowered in PRONOUNS:
        return _resolve_pronoun(text, start, verb.lower(), lookup, previous)
    role = _role_phrase(phrase)
    if not role:
        return _NO_SPEAKER
    return _Speaker(role, role.lower(), verb.lower())


def _named_speaker(start: int, end: int, verb: str, lookup: _Lookup) -> _Speaker:
    """The person named in ``text[start:end]`` (the last one; a non-org name if no person)."""
    inside = [n for n in lookup.names.between(start, end) if n.end <= end and n.subject != "org"]
    people = [n for n in inside if n.subject == "person"]
    if people or inside:
        return _person_speaker((people or inside)[-1], verb.lower())
    return _NO_SPEAKER


def _resolve_pronoun(
    text: str,
    start: int,
    verb: str,
    lookup: _Lookup,
    previous: tuple[QuoteSpan, _Speaker] | None,
) -> _Speaker:
    """``he``/``she`` at ``start``: a person named since the previous quote (the first one of
    the latest sentence naming one: the subject, not the one spoken to), else the previous
    quote's speaker when it is close, else the last person named before."""
    since = previous[0].end if previous is not None else -1
    newer = [n for n in lookup.persons.between(since, start) if n.end <= start]
    if newer:
        latest = _sentence_start(text, newer[-1].start)
        return _person_speaker(next(n for n in newer if n.start >= latest), verb)
    if previous is not None and previous[1].key and start - previous[0].end <= _CONTINUATION_GAP:
        return _Speaker(previous[1].text, previous[1].key, verb)
    last = lookup.persons.last_ending_by(start)
    if last is not None:
        return _person_speaker(last, verb)
    return _NO_SPEAKER


def _sentence_start(text: str, offset: int) -> int:
    floor = max(0, offset - _BEFORE_LIMIT)
    stop = text.rfind(". ", floor, offset)
    return max(stop + 2 if stop >= 0 else floor, text.rfind("\n", floor, offset) + 1)


def _person_speaker(name: Claim, verb: str) -> _Speaker:
    canonical = name.attrs.get("canonical", name.value)
    return _Speaker(canonical, speaker_key(canonical), verb)


def speaker_key(name: str) -> str:
    """A key for matching a speaker across articles: the lower-cased last word of the name."""
    tokens = words(name)
    return tokens[-1] if tokens else ""


def _role_phrase(phrase: str) -> str:
    tokens = phrase.split()
    while tokens and tokens[0].lower() in NON_CONTENT_WORDS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 6 or not any(t[0].isalpha() for t in tokens):
        return ""
    return " ".join(tokens)


def _followed_by_speech_verb(text: str, end: int) -> bool:
    """``Jane Doe said`` or ``Jane Doe, the agency's director, said``."""
    return bool(speech_verb_after(text, end))


def speech_verb_after(text: str, end: int) -> str:
    """The speech verb right after a name ending at ``end`` (``said``, or ``, the agency's
    director, said``), lower-cased; empty when there is none."""
    found = _SPEECH_AFTER_NAME.match(text, end, min(len(text), end + 140))
    return found["verb"].lower() if found else ""


def _first_word(text: str) -> str:
    found = words(text[:40])
    return found[0] if found else ""


def _same_paragraph(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


def _line_start(text: str, offset: int) -> int:
    """The start of the line holding ``offset``, looking back no further than the attribution
    is read (:data:`_BEFORE_LIMIT`)."""
    floor = max(0, offset - _BEFORE_LIMIT)
    return max(floor, text.rfind("\n", floor, offset) + 1)


def _line_end(text: str, offset: int, limit: int) -> int:
    end = text.find("\n", offset, offset + limit)
    return min(len(text), offset + limit) if end < 0 else end
