"""The sentences of a story's articles, with what the brief needs to know of each: its content
words, the people it names (and those it calls by a surname the story gives in full
elsewhere; a name the rules left unclassified counts as someone's when a given name no English
word list knows leads it: "De’Ann Quell"), the figures it gives, the kinds of fact in it, and
whether it stands on its own.

A sentence stands on its own unless it leans on the one before it: it opens with a connective
("But", "Also", "Nor", "Indeed", "In fact", "An additional", "If true", "That said", "Except
that", "Because, …", "Well, …") or a place, time or picture told before ("There, …", "Above, …",
"Back in Kestle, …", "Once at the station, …"), with a pronoun that has no antecedent in the
sentence ("He added", "They'll", "On Monday, she said", "According to Ann Ray, it’s …"), with
"that" standing for what was told ("That's until …", "That doesn't mean …"), with a part of a
group named before ("None more so than …"; "None of …" names it), with a preposition and a
demonstrative ("Among those fighters …", "For this reason …"), with a few quoted words as its
subject ("“Next spring” is …": words said before, taken up), with a time or thing pointed at
after a preposition ("… before that.", "After this, …", "since then"), or it sets itself against
what came before ("…, however, …", "… fared no better" without a "than"); it starts in the
middle of a quotation (a closing quote mark, quote marks that do not pair up, a single quote
mark that opens a quotation never closed), or it is a quotation whose speaker it does not name
(all of it quoted, "…," he said, "…," says the one with the camera, or "I", "we", "our" outside
quotation marks: the writer or someone named before speaking); it opens with a lower-case letter
(a lost drop cap: "urkey has …") or an ellipsis (cut from a longer text: "…Recently the talk has
changed"), or it does not end like a sentence (an ellipsis set apart from the last word, outside
quotation marks, marks words left out: "The last word goes to the mayor ..."). An aside
in brackets, a caption's or an update's label ("Attacks: …", "Update: …") and a picture's credit
("(Photo: …)", "Getty Images") are not the story told.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from storyweave.brief.names import common_words, full_name, lone_names, name_forms, name_key
from storyweave.brief.reading import TIME_NOUNS
from storyweave.brief.referents import introductions, pointed_back_at
from storyweave.lexicon import NON_CONTENT_WORDS, wordfreq_zipf
from storyweave.records import Article, Claim, FactKind
from storyweave.stance import stem_of
from storyweave.text import fold, sentence_spans, words

__all__ = ["NameReader", "Sentence", "content_terms", "split_articles", "stands_alone"]

MAX_SENTENCES_PER_ARTICLE = 60  # the lead carries the story; bounds the work on long articles
_ENDS_LIKE_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")
# "… should go to the mayor ...": an ellipsis apart from the last word marks words left out (the
# sentence was cut there); one joined to it ("… next to women…") only trails off
_TRAILS_OFF = re.compile(r"\s(?:…|\.\.\.?)\s*$")
_CONNECTIVES = frozenset(
    "but and or so yet also however meanwhile still then nevertheless nonetheless moreover "
    "furthermore besides instead otherwise thus hence therefore additionally likewise similarly "
    "another additional further indeed nor similar".split()
)
_PRONOUNS = frozenset(
    "he she it they him her them his hers its their theirs this these those such "
    "i me my we us our".split()  # first person: a quotation whose speaker is elsewhere
)
# "There, …", "Then, …": a place or time named in the sentence before
_FIRST_PERSON = frozenset(("i", "me", "my"))  # outside quotes: someone unnamed speaks
# "we", "our", "us" (not "US") outside quotes: the writer or an unnamed speaker talking
_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us)\b")
# a quotation in straight single quotes ('We will …,' she said), which an apostrophe may end early
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(:—]))'(?=[A-Za-z]).*?[\w.,!?…]'(?![A-Za-z])")
# a single quote mark opening a quotation, and one that may close it (or end a plural possessive)
_OPENS_SINGLE = re.compile(r"(?:^|(?<=[\s(:—–-]))[‘'](?=[A-Za-z])")
_CLOSES_SINGLE = re.compile(r"(?<=[\w.,!?…])[’'](?![A-Za-z])")
_ACRONYM = re.compile(r"US\b")  # "US officials …": the country, not the pronoun "us"
# "… hasn't fared much better": compared with something told before, when "than" is missing
_COMPARED = re.compile(r"\b(?:much|any|no|even|far)\s+(?:better|worse)\b", re.IGNORECASE)
_THAN = re.compile(r"\bthan\b", re.IGNORECASE)
# "Among those fighters …", "For this reason, …": a group or a thing pointed at in the sentence
# before (times aside: "In this week's …" is read by the time noun after it)
_POINTED = re.compile(
    r"(?:Among|Amongst|Of|For|With|From|Like|Unlike|Besides|Beyond|Despite|Under|In|On|At|By)"
    r"\s+(?:this|these|those)(?:\s+([a-z]+)\b|\s*,)"
)
# "“Early 2015” is simply …": a word or two quoted from something said before, as the subject
_QUOTED_SUBJECT = re.compile(
    r"[\"“‘']([^\"“”‘’']{1,40})[\"”’'],?\s+(?:is|are|was|were|means|meant)\b"
)
MAX_QUOTED_SUBJECT_WORDS = 4
# "None more so than …", "Neither was hurt": a part of a group named before ("None of …" names it)
_REFERRING_QUANTIFIERS = frozenset(("none", "neither"))
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|‘[^‘’]*’")
# "…, however, …", "… as well, too.": set against something said before
_CONTRAST = re.compile(r",\s*(?:however|though|too|instead|meanwhile|nevertheless)\s*[,.;]")
_DEICTIC = re.compile(
    r"(?:There|Here|Then|Now|Still|Instead|Thereafter|Above|Below),"
    r"|If (?:true|so|confirmed|accurate)\b|In fact\b|(?:By|In) (?:comparison|contrast)\b"
    r"|That said\b|Having said that\b|Except (?:that|when|for the fact)\b"  # a concession
    r"|Because,"  # the answer to a question asked before ("Because, as it turns out, …")
    r"|Well,"  # a talker's reply ("Well, this is rather surprising: …")
    r"|Back (?:in|at|home)\b|Once (?:at|in|inside|there)\b|From there\b"  # a place told before
    r"|At (?:the|that) time\b|Back then\b|By then\b|Until then\b"  # a time told before
    # "There the committee denies …": the place told before, not "There is …"
    r"|There\s+(?!(?:is|are|was|were|has|have|had|will|would|may|might|must|could|can|should"
    r"|seems?|seemed|appears?|appeared|remains?|remained|exists?|existed|used|came|comes"
    r"|lies|lay|stands?|stood|goes|went|isn|aren|wasn|weren|hasn|haven)\b|['’])\w"
    # "That's until …", "That doesn't mean …": "that" standing for what was told before
    r"|That(?:[’']s|\s+(?:is|was|does|doesn[’']t|did|didn[’']t|means|meant|has|had|will|would|"
    r"could|may|might|came|comes|led|leads|left|leaves|makes|made)\b)"
)
# "… $33 per user before that.", "After this, …", "… since then": a time or thing told before
_POINTING_BACK = re.compile(
    r"\b(?:[Bb]efore|[Aa]fter|[Bb]esides|[Dd]espite|[Ll]ike|than)\s+(?:that|this)\s*[,.;!?]"
    r"|\b[Ss]ince then\b"
)
# an aside in brackets, whole: "(Two other towns were also on the list.)"
_ASIDE = re.compile(r"\([^()]*\)[.!?]?|\([^()]*[.!?]\)")
# a caption's or an update's label: "Attacks: Police said …", "Update: The account …"
_LABEL = re.compile(r"(?:[A-Z][a-z][\w’'-]*\s+){0,2}[A-Z][a-z][\w’'-]*:\s+(?![\"“‘'])")
# a picture's credit or caption
_CREDIT = re.compile(
    r"\b(?:Photo|Image|Picture|Photograph)s?\s*(?:copyright|credit|courtesy|by)\b"
    r"|\((?:Photo|Image|Picture|Photograph|Pictured)s?\b|\b(?:Photo|Picture|Photograph)s?:"
    r"|\b(?:Pictured|Above|Below|Left|Right|Inset)\s*:|\bGetty Images\b|\bAP Photo\b"
    r"|\bAFP/|/\s*(?:AFP|Reuters|Getty)\b",
    re.IGNORECASE,
)
_OPENING_WORDS = 6  # a pronoun this early, after an opening phrase, is the sentence's subject
_CLOSING_QUOTES = "”’"
_OPENING_QUOTES = "\"“‘'"
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# "…," he said: the speaker is someone named in an earlier sentence
_SPEECH = r"(?:said|says|added|adds|told|tells|wrote|writes|explained)"
_UNNAMED = r"(?:he|she|they|the\s+one|the\s+other|one)"
_PRONOUN_SPEAKER = re.compile(
    rf"[,.!?…][\"'”’]\s+(?:{_UNNAMED}\s+{_SPEECH}|{_SPEECH}\s+{_UNNAMED})\b"
    r"|\bquot(?:ed|ing|es)\s+(?:him|her|them)\b"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of one article."""

    article_id: str
    rank: int  # the article's position in the story (publication order)
    position: int  # the sentence's position in its article
    prose: int  # how many sentences ending like prose come before it in its article
    start: int
    end: int
    text: str
    terms: frozenset[str]
    stems: frozenset[str]  # the content words cut to their stems ("released" -> "releas")
    people: frozenset[str]  # surnames of the people it names or refers to by pronoun
    named: frozenset[str]  # surnames of the people it names outright
    facts: frozenset[str]  # kinds of the claims lying in it
    numbers: frozenset[str]  # the figures it gives, as written ("5:15", "1,850")
    # last words of the names it gives in full ("Ann Ray" -> "ray"), and of those it gives by
    # that word alone though the story names them in full elsewhere ("Ray said …")
    in_full: frozenset[str] = frozenset()
    by_surname: frozenset[str] = frozenset()
    # the physical measures it gives: (what is measured, normalised unit, value), miles as km
    measures: frozenset[tuple[str, str, float]] = frozenset()
    # one word of a name used alone that its article gives in full once: (offset of the word
    # in the sentence, the word, the full name), to tell it in full if the brief has not yet
    expansions: tuple[tuple[int, str, str], ...] = ()
    # the keys of the names used alone as someone's (a subject, a speaker, an owner) that its
    # article never gives in full and that are no common word: who it is, the brief must say
    unknown: frozenset[str] = frozenset()
    # its definite noun phrases pointing back to a thing its article introduced before ("gas
    # station" for "the gas station" after "a gas station"): the brief must have told of it
    pointed: frozenset[str] = frozenset()


@cache
def wordfreq_zipf_cached() -> Callable[[str], float] | None:
    """:func:`storyweave.lexicon.wordfreq_zipf`, read once."""
    return wordfreq_zipf()


def content_terms(text: str) -> frozenset[str]:
    """The content words of ``text``: lower-cased, function words and bare numbers dropped."""
    return frozenset(w for w in words(text) if w not in NON_CONTENT_WORDS and not w.isdigit())


def split_articles(
    articles: Sequence[Article],
    order: dict[str, int],
    claims: Sequence[Claim],
    *,
    names: bool = True,
) -> list[Sentence]:
    """Every sentence of ``articles`` (up to :data:`MAX_SENTENCES_PER_ARTICLE` each); without
    ``names``, their names used alone are not read (``expansions`` and ``unknown`` empty:
    :class:`NameReader` reads them for the sentences that need them)."""
    reader = NameReader(articles) if names else None
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article_id, []).append(claim)
    people = _last_words(claims, full=True, subjects=_PEOPLE) | _given_named(claims)
    found: list[Sentence] = []
    for article in articles:
        own = by_article.get(article.id, [])
        spans = sentence_spans(article.text)[:MAX_SENTENCES_PER_ARTICLE]
        told = introductions(article.text)
        prose = 0
        for position, (start, end) in enumerate(spans):
            if position == 0:
                start += wire_dateline_length(article.text[start:end])
            inside = [c for c in own if start <= c.start and c.end <= end]
            text = article.text[start:end]
            terms = content_terms(text)
            sentence = Sentence(
                article_id=article.id,
                rank=order[article.id],
                position=position,
                prose=prose,
                start=start,
                end=end,
                text=text,
                terms=terms,
                stems=frozenset(stem_of(t) for t in terms),
                people=_surnames(inside, pronouns=True),
                named=_surnames(inside, pronouns=False),
                facts=frozenset(c.kind for c in inside if c.attrs.get("mention") != "pronoun"),
                numbers=frozenset(_NUMBER.findall(text)),
                in_full=_last_words(inside, full=True),
                by_surname=(_last_words(inside, full=False) & people)
                - _last_words(inside, full=True),
                measures=_measures(inside),
                pointed=pointed_back_at(text, start, told),
            )
            found.append(reader(sentence) if reader is not None else sentence)
            prose += bool(_ENDS_LIKE_PROSE.search(text.rstrip()))
    return found


class NameReader:
    """Reads the names used alone of sentences of ``articles`` (``expansions``, ``unknown``:
    see :class:`Sentence`), each article's full names and common words read once, when a
    sentence of it first needs them."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._texts = {a.id: a.text for a in articles}
        self._read: dict[str, tuple[dict[str, frozenset[str]], frozenset[str]]] = {}

    def __call__(self, sentence: Sentence) -> Sentence:
        """``sentence`` with its names used alone read (from its text as it is)."""
        read = self._read.get(sentence.article_id)
        if read is None:
            text = self._texts[sentence.article_id]
            lower = common_words(text)
            read = self._read[sentence.article_id] = (name_forms(text, lower), lower)
        return replace(sentence, **_names_alone(sentence.text, *read))


KNOWN_NAME_ZIPF = 3.0  # a word this common in English is a common word or a known name


def _names_alone(
    text: str, forms: dict[str, frozenset[str]], lower: frozenset[str]
) -> dict[str, Any]:
    """The ``expansions`` and ``unknown`` of a sentence (see :class:`Sentence`): its names
    used alone (:func:`storyweave.brief.names.lone_names`) that are no common word of its
    article (never written there in lower case), given in full once in the article, or, when
    not and used as someone's, rare in English (a known name needs no introduction)."""
    zipf = wordfreq_zipf_cached()
    expansions = []
    unknown = set()
    for lone in lone_names(text):
        key = name_key(lone.word)
        if key in lower:
            continue
        full = full_name(lone, forms)
        if full is not None:
            expansions.append((lone.start, lone.word, full))
        elif lone.subject and zipf is not None and zipf(key) < KNOWN_NAME_ZIPF:
            unknown.add(key)
    return {"expansions": tuple(expansions), "unknown": frozenset(unknown)}


_NOT_PHYSICAL = frozenset(("count", "money", "duration", "percent"))


def _measures(claims: Sequence[Claim]) -> frozenset[tuple[str, str, float]]:
    """The physical measures (a distance, a weight) ``claims`` give, in normalised units:
    what is measured, the unit and the middle of the value's range."""
    found = set()
    for claim in claims:
        dimension = claim.attrs.get("dimension")
        if claim.kind != FactKind.QUANTITY or dimension is None or dimension in _NOT_PHYSICAL:
            continue
        try:
            value = (float(claim.attrs["low"]) + float(claim.attrs["high"])) / 2
        except (KeyError, ValueError):
            continue
        found.add((claim.subject, claim.attrs.get("unit", ""), value))
    return frozenset(found)


# A wire dateline opening an article: a place in capitals, maybe its region and the day, maybe
# the agency, and a dash or a colon ("KELLHURST, Norvale, Oct 14 (Meridian Press) - ",
# "LONDON (Reuters) -", "KELLHURST: ").
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*){0,2}"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r'\s*(?:\([^()]{1,40}\))?\s*(?:[-–—]+|:)\s+(?=[A-Z0-9"“‘])'
)


def wire_dateline_length(text: str) -> int:
    """How many characters of ``text`` a wire dateline opening it takes (0 when none): a brief
    sentence says what happened, not where the wire filed it."""
    found = _WIRE_DATELINE.match(text)
    return found.end() if found else 0


def _surnames(claims: Sequence[Claim], *, pronouns: bool) -> frozenset[str]:
    names = set()
    for claim in claims:
        if claim.kind != FactKind.NAME or claim.subject != "person":
            continue
        if claim.attrs.get("mention") == "pronoun" and not pronouns:
            continue
        parts = words(claim.value)
        if parts:
            names.add(fold(parts[-1]))
    return frozenset(names)


# names of people, and of beings the extraction without a model could not classify
_PEOPLE = frozenset(("person",))
_NAMED_BEINGS = frozenset(("person", "entity"))
MAX_FULL_NAME = 3  # words; a longer run of capitals is a title, not someone's name
# words that join a phrase, never the parts of someone's name ("Shares of Microsoft")
_JOINED = frozenset("of for and the in on at to from with by".split())


GIVEN_NAME_ZIPF = 2.0  # below this, a word is in no English word list: a given name
# a given name is one word in capitals then small letters, maybe with an apostrophe ("De’Ann"),
# unlike a compound ("IS-affiliated") or a brand ("WatchKit")
_GIVEN_NAME = re.compile(r"[A-Z][a-z]*(?:[’'][A-Z]?[a-z]+)?[a-z]\s")


def _given_named(claims: Sequence[Claim]) -> frozenset[str]:
    """The last words of the names the rules did not classify (``entity``) that read as
    someone's full name: two or three words led by a word no English word list knows
    ("Dornella Conner"), which a one-word mention of the last word then stands for."""
    zipf = wordfreq_zipf_cached()
    if zipf is None:
        return frozenset()
    found = set()
    for claim in claims:
        if claim.kind != FactKind.NAME or claim.subject != "entity":
            continue
        parts = words(claim.value)
        given = _GIVEN_NAME.match(claim.value)
        if given and 2 <= len(parts) <= MAX_FULL_NAME and zipf(parts[0]) < GIVEN_NAME_ZIPF:
            found.add(fold(parts[-1]))
    return frozenset(found)


def _last_words(
    claims: Sequence[Claim], *, full: bool, subjects: frozenset[str] = _NAMED_BEINGS
) -> frozenset[str]:
    """The last words of the names of ``subjects`` in ``claims``: of those given in full (two
    or three words) or, with ``full`` false, of those given by one word."""
    found = set()
    for claim in claims:
        if claim.kind != FactKind.NAME or claim.subject not in subjects:
            continue
        if claim.attrs.get("mention") == "pronoun":
            continue
        parts = words(claim.value)
        if full and _JOINED.intersection(claim.value.split()):
            continue  # "Shares of Microsoft": a phrase taken for a name, no one's full name
        if parts and (2 <= len(parts) <= MAX_FULL_NAME if full else len(parts) == 1):
            found.add(fold(parts[-1]))
    return frozenset(found)


def stands_alone(text: str) -> bool:
    """Whether ``text`` reads as a whole sentence without the one before it (module docstring)."""
    stripped = text.strip()
    if not stripped or not _ENDS_LIKE_PROSE.search(stripped):
        return False
    if _TRAILS_OFF.search(stripped):
        return False  # "The last word should go to the mayor ...": what it leads to is cut
    first = stripped.lstrip("\"“‘'([")
    if not first or first[0].islower() or first.startswith(("…", "..")):
        return False  # a lost drop cap, or words cut from a longer text ("…Recently, …")
    if stripped[0] in _CLOSING_QUOTES or not _quotes_pair(stripped):
        return False
    if not _single_quote_closes(stripped):
        return False
    if _ASIDE.fullmatch(stripped) or _LABEL.match(stripped) or _CREDIT.search(stripped):
        return False  # an aside, a caption or a label, not the story told
    if _all_quoted(stripped) or _PRONOUN_SPEAKER.search(stripped):
        return False  # a quotation whose speaker is not named in it
    unquoted = _QUOTED.sub(" ", stripped)
    opening = words(unquoted[:80])[:_OPENING_WORDS]
    if not opening or _head(opening[0]) in _CONNECTIVES:
        return False
    if _head(opening[0]) in _PRONOUNS and not _ACRONYM.match(unquoted.lstrip("\"“‘'([ ")):
        return False
    if opening[0] in _REFERRING_QUANTIFIERS and opening[1:2] != ["of"]:
        return False
    if _DEICTIC.match(first) or _CONTRAST.search(unquoted) or _speaker_unnamed(unquoted):
        return False
    if _points_back(stripped) or _quoted_subject(stripped) or _POINTING_BACK.search(unquoted):
        return False
    if _COMPARED.search(unquoted) and not _THAN.search(unquoted):
        return False
    if opening[0] in ("a", "an", "the") and len(opening) > 1 and opening[1] in _CONNECTIVES:
        return False  # "An additional 118 people …", "A further …"
    return not _pronoun_subject_after_phrase(stripped)


def _points_back(text: str) -> bool:
    """Whether ``text`` opens with a preposition and a demonstrative ("Among those fighters
    …", "For this reason …"): what it points at is in the sentence before."""
    found = _POINTED.match(text)
    return found is not None and (found.group(1) or "") not in TIME_NOUNS


def _quoted_subject(text: str) -> bool:
    """Whether ``text`` opens on a few quoted words as its subject ("“Early 2015” is …"):
    the words of someone in a sentence before, taken up."""
    found = _QUOTED_SUBJECT.match(text)
    return found is not None and len(words(found.group(1))) <= MAX_QUOTED_SUBJECT_WORDS


def _head(word: str) -> str:
    """The word before a contraction ("they'll" -> "they"), else ``word``."""
    return re.split(r"[’']", word, maxsplit=1)[0]


def _speaker_unnamed(unquoted: str) -> bool:
    """Whether the first person speaks outside quotation marks: "I", or "we", "our" (the
    writer, or someone quoted in a sentence before)."""
    rest = _SINGLE_QUOTED.sub(" ", unquoted)
    return bool(_FIRST_PERSON & set(words(rest))) or bool(_FIRST_PLURAL.search(rest))


def _single_quote_closes(text: str) -> bool:
    """Whether a quotation opened with a single quote mark is closed after it (a sentence
    cut from a longer quotation leaves it open: "Konowal said: ‘The first days were fine.")."""
    opened = [m.start() for m in _OPENS_SINGLE.finditer(text)]
    return not opened or any(m.start() > opened[-1] for m in _CLOSES_SINGLE.finditer(text))


def _quotes_pair(text: str) -> bool:
    """Whether the double quotes of ``text`` open and close in pairs."""
    straight = text.count('"')
    return straight % 2 == 0 and text.count("“") == text.count("”")


def _all_quoted(text: str) -> bool:
    """Whether the whole sentence is one quotation: who says it is in another sentence."""
    if text[0] not in _OPENING_QUOTES:
        return False
    inner = text[1:]
    closing = max(inner.rfind(q) for q in "\"”’'")
    return closing < 0 or not words(inner[closing + 1 :])


def _pronoun_subject_after_phrase(text: str) -> bool:
    """ "On Monday, he said …": a short opening phrase, a comma, then a pronoun."""
    head, comma, rest = text.partition(",")
    if not comma or len(words(head)) > _OPENING_WORDS:
        return False
    after = words(rest[:30])
    return bool(after) and _head(after[0]) in _PRONOUNS - {
        "such",
        "this",
        "these",
        "those",
        "my",
        "our",
    }
