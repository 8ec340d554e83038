"""Pronoun mentions: ``he``/``she``/``his``/``her``… linked to the person they stand for.

A third-person singular pronoun is linked to a person the article has named before it, by one
general rule (no list of first names):

1. *Where to look.* A pronoun outside quote marks looks only at mentions outside quote marks; a
   pronoun inside a quote looks only inside the same quote. A speaker calls themself ``I``, not
   ``he``: a ``he`` inside a quote is someone the speaker talks about, never the speaker, and
   the reporter's narrative outside the quote is another frame of reference.
2. *Which sentence.* A person named earlier in the pronoun's own sentence wins (the nearest
   one: ``X said that Y is seeking help from his allies`` -> Y). Otherwise the latest of the
   :data:`MAX_SENTENCES_BACK` sentences before it that names a compatible person; in that
   sentence the person followed by a speech verb (``… spokesman Tom Reyes said. He warned …``),
   else the first named (the subject, not the one spoken to). A possessor (``Jane Doe's aide``)
   is passed over when someone else is named there.
3. *Gender.* A person whose gender the text states (an honorific ``Mr``/``Ms``, a gendered
   role word ``spokeswoman``, or an earlier pronoun unambiguously linked to them) is never
   linked to a pronoun of the other gender; a person of unknown gender is compatible with both.
4. Pronouns already linked count as mentions of their person, so a chain ``Lopez … She … She``
   carries on past the sentences that name her.
5. *Someone unnamed.* Looking back, a stretch with no compatible person named that brings in
   someone unnamed of a compatible gender (``a spokesman for the ministry said …``, ``a young
   woman``) ends the search: the pronoun most likely stands for them, and it is left unlinked.
6. A capitalised pronoun inside a sentence (``His Dark Materials``) is part of a title, and a
   pronoun inside a name claim (``He`` as a family name) is part of that name: neither is
   linked.

Only people are linked (name claims typed ``person``); ``it`` and ``they`` are not.

Each link is a ``name`` claim over the pronoun, as a lone surname is: ``value`` the pronoun in
lower case, ``subject`` ``person``, ``attrs``: ``canonical`` (the full name), ``type``,
``mention`` = ``pronoun``, ``antecedent`` (``START-END`` of the mention it was resolved to) and
``resolution`` (the rule that chose it, and the people passed over for their gender, if any).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyweave.facts.common import make_claim
from storyweave.facts.lexicon import GENDERED_WORDS, PERSON_NOUNS, PERSON_PRONOUNS, ROLE_MODIFIERS
from storyweave.facts.quotes import QuoteSpan, speech_verb_after
from storyweave.lexicon import ROLE_WORDS
from storyweave.records import Article, Claim, FactKind
from storyweave.text import sentence_spans

MAX_SENTENCES_BACK = 3
_PRONOUN = re.compile(
    r"(?<![\w’'-])(?:" + "|".join(sorted(PERSON_PRONOUNS, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z]+")
# "a spokesman", "an elderly woman": someone new, unnamed, whom a later pronoun may stand for.
_UNNAMED_PERSON = re.compile(
    r"\b[Aa]n?\s+(?:[a-z][\w-]*\s+){0,2}?(?P<noun>"
    + "|".join(sorted((ROLE_WORDS - ROLE_MODIFIERS) | PERSON_NOUNS, key=len, reverse=True))
    + r")\b"
)
_OPENING_CONTEXT = ".!?:;\n\"'“”‘’()[]—–-…"


@dataclass(frozen=True)
class _Mention:
    """A mention a pronoun may refer to: a person's name, or a pronoun already linked."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class PronounLink:
    """A pronoun at ``text[start:end]`` standing for ``canonical``, resolved to the mention at
    ``antecedent`` by ``resolution``."""

    start: int
    end: int
    pronoun: str
    canonical: str
    antecedent: tuple[int, int]
    resolution: str


class _Spans:
    """Which of some disjoint spans, if any, holds an offset."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def of(self, offset: int) -> tuple[int, int] | None:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self._spans[index][1]:
            return self._spans[index]
        return None


def pronoun_claims(
    article: Article, names: Sequence[Claim], quotes: Sequence[QuoteSpan]
) -> list[Claim]:
    """The pronoun mentions of ``article`` linked to the people of its ``names`` claims, as
    ``name`` claims (see the module docstring). ``quotes`` are the article's quote spans."""
    claims = []
    for link in link_pronouns(article.text, names, quotes):
        attrs = {
            "canonical": link.canonical,
            "type": "person",
            "mention": "pronoun",
            "antecedent": f"{link.antecedent[0]}-{link.antecedent[1]}",
            "resolution": link.resolution,
        }
        span = (link.start, link.end)
        claims.append(make_claim(article, FactKind.NAME, span, link.pronoun, "person", attrs))
    return claims


def link_pronouns(
    text: str, names: Sequence[Claim], quotes: Sequence[QuoteSpan]
) -> list[PronounLink]:
    """Each third-person singular pronoun of ``text`` that the rule links to a person."""
    context = _Context(
        text=text,
        sentences=sentence_spans(text),
        people=sorted(
            (
                _Mention(n.start, n.end, n.attrs.get("canonical", n.value))
                for n in names
                if _person(n)
            ),
            key=_position,
        ),
        quotes=_Spans((q.start, q.end) for q in quotes),
        genders=_stated_genders(names),
    )
    named = _Spans((n.start, n.end) for n in names)
    links: list[PronounLink] = []
    for match in _PRONOUN.finditer(text):
        if _in_title(text, match.start()) or named.of(match.start()) is not None:
            continue
        link = _link(context, match.start(), match.end())
        if link is not None:
            links.append(link)
            bisect.insort(
                context.people, _Mention(link.start, link.end, link.canonical), key=_position
            )
    return links


@dataclass
class _Context:
    """What resolving a pronoun needs; ``people`` and ``genders`` grow as pronouns are linked."""

    text: str
    sentences: list[tuple[int, int]]
    people: list[_Mention]
    quotes: _Spans
    genders: dict[str, str]

    def sentence_index(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, (offset, len(self.text) + 1)) - 1


def _position(mention: _Mention) -> tuple[int, int]:
    return (mention.start, mention.end)


def _link(context: _Context, start: int, end: int) -> PronounLink | None:
    """The link of the pronoun at ``text[start:end]``, or None (see the module docstring)."""
    pronoun = context.text[start:end]
    gender = PERSON_PRONOUNS[pronoun.lower()]
    frame = context.quotes.of(start)
    passed_over: set[str] = set()
    index = context.sentence_index(start)
    for back in range(min(MAX_SENTENCES_BACK, index) + 1):
        sentence_start, sentence_end = context.sentences[index - back]
        stop = start if back == 0 else sentence_end
        in_frame = [
            m
            for m in _between(context.people, sentence_start, stop)
            if context.quotes.of(m.start) == frame
        ]
        candidates = [m for m in in_frame if context.genders.get(m.canonical, gender) == gender]
        passed_over |= {m.canonical for m in in_frame} - {m.canonical for m in candidates}
        if not candidates:
            if _unnamed_person(context, sentence_start, stop, frame, gender):
                return None
            continue
        mention, rule, sure = _choose(context.text, candidates, back)
        if sure:
            context.genders.setdefault(mention.canonical, gender)
        if passed_over:
            rule += f"; other gender: {', '.join(sorted(passed_over))}"
        antecedent = (mention.start, mention.end)
        return PronounLink(start, end, pronoun.lower(), mention.canonical, antecedent, rule)
    return None


def _unnamed_person(
    context: _Context, start: int, stop: int, frame: tuple[int, int] | None, gender: str
) -> bool:
    """Whether ``text[start:stop]`` brings in someone unnamed (``a spokesman for the ministry
    defended the plan. He said …``) whom the pronoun may stand for, in the pronoun's frame."""
    for match in _UNNAMED_PERSON.finditer(context.text, start, stop):
        noun_gender = GENDERED_WORDS.get(match["noun"], gender)
        if noun_gender == gender and context.quotes.of(match.start()) == frame:
            return True
    return False


def _choose(text: str, candidates: list[_Mention], back: int) -> tuple[_Mention, str, bool]:
    """The candidate a pronoun ``back`` sentences after them stands for, the rule that chose it,
    and whether no other person could have been chosen by it."""
    # "Jane Doe's aide said he …": a possessor is seldom the one a pronoun stands for.
    candidates = [m for m in candidates if not _possessive(text, m)] or candidates
    if back == 0:
        return candidates[-1], "nearest person before it in its sentence", _one(candidates)
    speakers = [m for m in candidates if speech_verb_after(text, m.end)]
    where = "the sentence before" if back == 1 else f"{back} sentences before"
    if speakers:
        return speakers[0], f"speaker of {where}", _one(speakers)
    return candidates[0], f"first person named in {where}", _one(candidates)


def _in_title(text: str, offset: int) -> bool:
    """A capitalised pronoun that does not open a sentence, a quote or a line belongs to a
    title (``His Dark Materials``, ``She's Gotta Have It``)."""
    if not text[offset].isupper():
        return False
    index = offset - 1
    while index >= 0 and text[index] in " \t":
        index -= 1
    return index >= 0 and text[index] not in _OPENING_CONTEXT


def _person(name: Claim) -> bool:
    return name.subject == "person" and name.attrs.get("mention") != "pronoun"


def _stated_genders(names: Sequence[Claim]) -> dict[str, str]:
    """The gender the text states for each person: an honorific or a gendered role word on any
    of the person's mentions. A person given both genders is left out (unknown)."""
    seen: dict[str, set[str]] = {}
    for name in names:
        if not _person(name):
            continue
        cues = f"{name.attrs.get('honorific', '')} {name.attrs.get('role', '')}".lower()
        canonical = name.attrs.get("canonical", name.value)
        for word in _WORD.findall(cues):
            if word in GENDERED_WORDS:
                seen.setdefault(canonical, set()).add(GENDERED_WORDS[word])
    return {canonical: next(iter(g)) for canonical, g in seen.items() if len(g) == 1}


def _possessive(text: str, mention: _Mention) -> bool:
    after = text[mention.end : mention.end + 2]
    return after in ("'s", "’s") or (text[mention.end - 1] == "s" and after[:1] in ("'", "’"))


def _one(mentions: list[_Mention]) -> bool:
    """Whether ``mentions`` are all of one person (the choice could not have been another)."""
    return len({m.canonical for m in mentions}) == 1


def _between(people: list[_Mention], start: int, stop: int) -> list[_Mention]:
    low = bisect.bisect_left(people, start, key=lambda m: m.start)
    high = bisect.bisect_left(people, stop, key=lambda m: m.start)
    return people[low:high]
