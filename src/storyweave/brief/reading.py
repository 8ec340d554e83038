"""How a sentence reads at the head of a brief or after the ones before it.

- :func:`states_event`: the sentence tells something that happened (or is reported to happen):
  it has a verb of happening (a past form, "is planning" but not "is something", "will open";
  not a name given, "as it is known", "is known as") after some subject, and it is not
  background ("has long been", "for years", "four years ago", "usually", "in the '90s"), a
  flashback opening on a year ("In 1995 …") nor a refusal to comment (a reaction);
- :func:`has_finite_verb`, :func:`english`, :func:`addresses_reader`: a sentence to tell at
  all has a finite verb (a caption or label has none), is English, and does not speak to the
  reader;
- :func:`calls_false`: the sentence, in its own words (outside quotations), calls something
  false: a hoax, fake, phony, bogus, untrue, fabricated, debunked, "not true" (a denial or a
  rejection is someone's word against another's, not the outcome);
- :func:`confirms`: the sentence, in its own words, tells that something is confirmed: a verb
  of confirming ("confirmed that …", "has verified"; not "could not confirm", "was confirmed
  as" an appointment) or someone's verdict of authenticity ("officials said the video is
  authentic"), neither negated, conditional, hedged nor given by someone unnamed ("has not
  confirmed", "if the video is genuine", "appears to be authentic", "a source confirmed");
- :func:`reports_claim`: the sentence tells what a report, a story or someone claimed as theirs,
  not as fact: a verb of claiming ("claimed", "alleging", "reporting that", "reportedly"), or a
  noun for something told followed by what it told ("reports that …", "a hoax about his
  death", "an article titled …", "fake news that …");
- :func:`garbled`: words repeated back to back ("the terrorist group terrorist group"), the
  mark of a botched rewrite or machine translation, or a "nor" with no negation before it ("The
  council nor the mayor have …": its "neither" or "not" was lost);
- :func:`leaning_heads`: the noun phrases that lean on a sentence before: a demonstrative
  ("those reports", "this deal") or a bare definite subject opening the sentence ("The handset
  will …", "The family also …"; also after an opening phrase: "On Monday, the family …", and
  as the subject of a clause joined by "and" or "but": "…, and the winner will …") whose head
  noun the sentence itself and the sentences before it never introduced (a name's possessive
  in the opening phrase may be its owner: "According to a source at Kestle's mill, the company
  …"); a noun that stands
  for something told ("the matter", "the dramatic event", "the articles were …", "The news
  comes …", "The reports follow …") or for a place named before ("arrested
  on the lot", "at the location") unless what follows says which ("the report of …", "the
  site where …"); the subject of an "also" ("The ferry also …", "There is also …": something
  was said of it before); a quotation's speaker given as "the" and a noun ("…," said the
  spokesman); an opening "The" and a noun's possessive ("The company's plan …"), or one
  anywhere with no name before it in the sentence ("Experts believe the singer's hit …"); a
  noun after "the same", "the other", "the actual" ("The actual number is …")
  unless a comparison or "of" follows; an age standing for someone ("The 12-year-old had …",
  not "The 12-year-old boy …"). Names ("The White House"), times ("this week") and nouns
  with a modifier ("The evacuation order") do not lean. An opening phrase may be a
  preposition's ("On Monday, …") or an attribution ("According to the board, the plan …").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyweave.lexicon import NON_CONTENT_WORDS, PAST_FORMS
from storyweave.stance import GROUPS, stem_of, word_cues
from storyweave.text import CALENDAR_WORDS, LazyPattern

__all__ = [
    "TIME_NOUNS",
    "addresses_reader",
    "calls_false",
    "confirms",
    "english",
    "garbled",
    "has_finite_verb",
    "leaning_heads",
    "refuses_comment",
    "reports_claim",
    "states_event",
    "verbs_of_happening",
]

_TOKEN = re.compile(r"[A-Za-z][\w’'-]*|\d[\d.,:]*|[,;:]")
_PARTICIPLES = frozenset(
    "been done gone seen taken given shown known chosen stolen driven written broken fallen "
    "begun sunk hidden risen grown thrown drawn flown".split()
)
# irregular past forms beyond the shared list (a verb of happening in a news lead)
_IRREGULAR_PAST = frozenset(
    "woke wore bought beat hid bit ate drank dug forgot froze got grew hung knew lay lit meant "
    "rode rang shook shut sang sat slept spoke stole stuck swam swore taught tore thought "
    "withdrew blew chose drove forbade forgave kept lent rose sought shone slid spun sprang "
    "strove swung wove".split()
)
_BE = frozenset("is are was were be been being".split())
_FUTURE = frozenset(("will",))
# background: a state of long standing or a habit, not what happened
_BACKGROUND = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+long|for\s+(?:many\s+)?(?:years|decades|generations)"
    r"|(?:years|decades)\s+ago|ever\s+since|usually|traditionally|typically|generally"
    r"|it[’']s\s+been|in\s+the\s+(?:(?:19|20)?\d0s|[’']\d0s))\b",
    re.IGNORECASE,
)
# no comment: a reaction to the event, not the event ("X declined to comment")
_NO_COMMENT = re.compile(
    r"\b(?:declined|declines|refused|refuses|did\s+not|didn[’']t)\s+(?:to\s+)?(?:comment|respond)",
    re.IGNORECASE,
)
# a flashback: a sentence opening on a year ("In 1995 …", "Back in the 1920s, …")
_PAST_YEAR = re.compile(r"(?:(?:Back\s+)?[Ii]n|Since)\s+(?:the\s+)?\d{4}s?\b")
# the reader addressed ("If you've been following …"): commentary, not the event
_READER = re.compile(r"\b(?:you|your|you[’']ve|you[’']re|you[’']ll)\b", re.IGNORECASE)
_FINITE = frozenset(
    "is are was were am has have had do does did will would can could may might must shall "
    "should isn't aren't wasn't weren't hasn't haven't hadn't doesn't didn't won't can't "
    "couldn't wouldn't".split()
)
_COUNTS = frozenset("two three four five six seven eight nine ten both".split())
_CLAIM_NOUNS = frozenset(stem_of(w) for w in "claim report rumour rumor allegation story".split())
_OUTCOME = (GROUPS.index("refute"), GROUPS.index("confirm"))
_HEDGE = GROUPS.index("hedge")
_VERB_PREFIXES = ("out", "over", "under", "re", "mis", "up", "with", "fore")
_CONTRACTED = ("'re", "'ve", "'ll", "'d", "n't", "'m")
_PRONOUN_IS = frozenset("it's he's she's that's there's what's who's here's".split())
FOREIGN_WORDS = 6
_ENGLISH = frozenset(
    "the of to and is was are were for with that it by at from as has have had be been this he "
    "she they his her their not but or will would could should can may might must we you i "
    "our its than then there which who what when where said says also after before about over "
    "up out more all into just".split()
)
_NOT_PAST = frozenset("need needed indeed speed seed feed bed red shed breed".split())
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
TIME_NOUNS = (
    frozenset(
        "time times year years week weeks month months day days morning afternoon evening night "
        "weekend season summer winter spring autumn fall decade century hour hours moment "
        "way".split()
    )
    | CALENDAR_WORDS
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
# nouns that stand for something said before ("the matter", "the couple"), or for a place
# named before ("arrested on the lot", "shots fired at the location")
_SHELL_NOUNS = frozenset(
    "subject matter issue topic move claim claims news decision announcement footage couple "
    "pair duo source sources event incident episode affair report reports article articles "
    "story stories legend myth rumour rumor allegation allegations "
    "location lot site premises venue problem situation".split()
)
# the plural ones: their verb has no -s ("The reports follow …"); not "news" ("the news agency")
_PLURAL_SHELL_NOUNS = frozenset("claims sources reports articles stories allegations".split())
# words after a shell noun that say which one it is ("the claim that …", "the report of …",
# "the site where …")
_SPECIFYING = frozenset("of that about regarding concerning over against between where".split())
# a quotation's speaker given as "the" and a noun ("…," cautioned the Kestle subsidiary): who
# it is was said before, unless names alone follow "the" ("…," said the Kestle Council)
_SPEAKER_DESCRIBED = re.compile(
    r"(?:[,!?…][\"”’']|[\"”’'],)\s+[a-z]+\s+the\s+(?:[A-Z][\w.&’'-]*\s+){0,3}([a-z]{3,})\b"
    r"(?![’'-])(?!\s*,\s*[A-Z])"  # not "the mayor's …" nor "the mayor, Ida Orme"
)
# prepositions opening a phrase set before the subject ("On Monday, …", "Across the city, …")
_FRONTING = frozenset(
    "on in at after before during since across from amid despite according".split()
)
_POSSESSIVE = re.compile(r"(?<=[a-z])[’']s$")
_UNIQUE = frozenset(("world",))  # "The world's oldest burger": there is one
# words after "the" that point at something told before ("the actual number", "the same man")
_REFERRING = frozenset("same other actual former latter aforementioned".split())
# words after such a noun that say what it is compared with or which one it is
_COMPARING = frozenset("as of that which who".split())
MAX_FRONTED = 12  # tokens: a longer opening is a clause of its own
# conjunctions opening a clause set before the main one ("While the company claims …, …")
_SUBORDINATORS = frozenset("while when whereas although though because if unless once".split())
# prefixes of a hyphenated verb ("re-elected", "co-founded"); after another word, a hyphenated
# form in -ed is an adjective ("well-placed", "long-awaited")
_HYPHENATED_VERB = frozenset("re co pre de un over under out mis".split())
# "also" in "also known as" does not add to something told before
_NAMING = frozenset("known called dubbed named nicknamed".split())
_NEGATIONS = frozenset(
    "not no never neither none nothing nobody nowhere cannot without hardly".split()
)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_QUOTED.sub(" ", text))


def _verb_of_happening(tokens: list[str], at: int) -> bool:
    word = tokens[at].lower()
    head, hyphen, _ = word.partition("-")
    if hyphen and head not in _HYPHENATED_VERB:
        return False  # "well-placed", "AK-47"
    if word in _NAMING and _names_only(tokens, at):
        return False
    if word in PAST_FORMS or word in _PARTICIPLES or word in _IRREGULAR_PAST:
        return True
    if word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST:
        return True
    before = [t.lower() for t in tokens[max(0, at - 2) : at]]
    if not before:
        return False
    if word.endswith("ing") and len(word) >= 5 and not word.endswith("thing"):
        # "is planning", "is reportedly planning"; not "is something"
        return before[-1] in _BE or (before[-1].endswith("ly") and before[0] in _BE)
    # "will open", not a hedge ("will likely …")
    verb = word.isalpha() and word not in NON_CONTENT_WORDS and not word.endswith("ly")
    return before[-1] in _FUTURE and verb


def _names_only(tokens: list[str], at: int) -> bool:
    """ "HIIT, as it is known, …", "is known as …", "is known for …": the participle at ``at``
    gives a name or a repute, nothing that happened."""
    before = [t.lower() for t in tokens[max(0, at - 3) : at]]
    after = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
    return "as" in before or (tokens[at].lower() == "known" and after in ("as", "for"))


def states_event(text: str) -> bool:
    """Whether ``text`` tells an event (module docstring)."""
    if _BACKGROUND.search(text) or _PAST_YEAR.match(text.lstrip()) or refuses_comment(text):
        return False
    if _READER.search(_QUOTED.sub(" ", text)):
        return False
    tokens = _TOKEN.findall(text)
    for at in range(1, len(tokens)):
        if not _verb_of_happening(tokens, at):
            continue
        subject = [t for t in tokens[:at] if t.isalpha() and t.lower() not in NON_CONTENT_WORDS]
        if subject:
            return True
    return False


def refuses_comment(text: str) -> bool:
    """Whether ``text`` tells that someone declined to comment: a reaction, not the event."""
    return bool(_NO_COMMENT.search(text))


def verbs_of_happening(text: str, *, quotations: bool = False) -> list[str]:
    """The verbs of happening of ``text`` outside quotations (or also inside them, with
    ``quotations``), lower-cased, in order."""
    tokens = _TOKEN.findall(text) if quotations else _tokens(text)
    return [tokens[at].lower() for at in range(1, len(tokens)) if _verb_of_happening(tokens, at)]


def has_finite_verb(text: str) -> bool:
    """Whether ``text`` has a word that may be its finite verb: an auxiliary or a form of
    "be" or "have", a past form, or a lower-case word ending in "s" (a present "says", or a
    plural noun: the test lets those through). A line without one is a caption or a label
    ("Kestle's mayor, the man who closed the bridge.")."""
    for token in _TOKEN.findall(text):
        word = token.lower()
        word = word.replace("’", "'")
        if word in _FINITE or _past_form(word):
            return True
        if word.endswith(_CONTRACTED) or word in _PRONOUN_IS:
            return True
        if word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST:
            return True
        if token.islower() and word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            return True
    return False


def _past_form(word: str) -> bool:
    """A past form, also after a prefix ("outsold", "overtook", "withheld")."""
    if word in PAST_FORMS or word in _IRREGULAR_PAST:
        return True
    for prefix in _VERB_PREFIXES:
        rest = word.removeprefix(prefix)
        if rest != word and (rest in PAST_FORMS or rest in _IRREGULAR_PAST):
            return True
    return False


def english(text: str) -> bool:
    """Whether ``text`` reads as English: a sentence of :data:`FOREIGN_WORDS` words or more
    has one of the commonest English function words (an untranslated quotation has none)."""
    found = [w.lower() for w in _TOKEN.findall(text) if w.isalpha()]
    return len(found) < FOREIGN_WORDS or bool(_ENGLISH & set(found))


def addresses_reader(text: str) -> bool:
    """Whether ``text`` speaks to the reader outside quotations ("If you have …"): commentary,
    not the story."""
    return bool(_READER.search(_QUOTED.sub(" ", text)))


# words calling a report false (prefixes): stronger than the stance cues of refutation, which
# also hold "wrong", "denied", "satirical" (a satirical magazine is no hoax)
_HOAX = ("hoax", "untrue", "bogus", "debunk", "fabricat", "fictitious", "doctored", "photoshop")
# "fake", "false" and "phony" also name things and deeds that are no report: fake sites, false
# accounts, phony charges
_FALSE = (*_HOAX, "fake", "false", "phony", "phoney")
# "not true", "no longer true", "none of those things are true"
_NOT_TRUE = re.compile(
    r"\b(?:(?:not|no\s+longer)\s+true|none\s+of\s+(?:[\w'-]+\s+){1,3}(?:is|are|was|were)\s+true)\b",
    re.IGNORECASE,
)
# a fact-check's verdict: the word in capitals standing alone on its line or after a label
# ("Rating: FALSE"), not a headline in capitals ("FAKE FOOTWEAR SEIZED")
_RATING = re.compile(r"(?:^|[\n:])[ \t]*(?:FALSE|FAKE)[ \t]*(?:$|[\n.!])")


def calls_false(text: str, *, quotations: bool = False, report: bool = False) -> bool:
    """Whether ``text`` calls something false in its own words (module docstring), or also
    in the words it quotes, with ``quotations``; with ``report``, only by a word that calls a
    report false whatever it is said of (a hoax, "not true", a fact-check's "FALSE"; not
    "fake", "false")."""
    unquoted = text if quotations else _QUOTED.sub(" ", text)
    if _NOT_TRUE.search(unquoted) or _RATING.search(unquoted):
        return True
    prefixes = _HOAX if report else _FALSE
    return any(w.startswith(prefixes) for w in _TOKEN.findall(unquoted.lower()))


# an explicit confirmation: a verb of confirming in a finite or past form (not the bare
# "confirm" of "could not confirm", "declined to confirm", nor a clause's "confirming"), or a
# verdict of authenticity said of something ("… is authentic", "declared the video authentic")
_CONFIRMING = LazyPattern(
    r"\b(?:confirm(?:s|ed)|verifie[sd]|authenticated)\b(?!\s+as\b)"
    r"|\b(?:is|are|was|were|be|been)\s+(?:[\w’'-]+\s+)?(?:authentic|genuine|true|accurate)\b"
    r"|\bdeclared\s+(?:[\w’'-]+\s+){1,8}?(?:authentic|genuine|true|accurate)\b",
    re.IGNORECASE,
)
# a verdict is someone's: said, declared, concluded, judged
_VERDICT_SAID = LazyPattern(
    r"\b(?:said|says|say|stated|told|declared|concluded|determined|ruled|judg(?:e)?ment)\b",
    re.IGNORECASE,
)
# words that, before a confirmation, make it none besides negations and the stance cues of
# hedging ("reportedly", "unconfirmed", "sources", "may"): conditional, still sought, seeming,
# by someone unnamed
_NOT_CONFIRMING = frozenset(
    "if whether unless would could may might yet until unable declined refused try trying "
    "tried working seek seeking sought appears appear appeared seems seem seemed likely "
    "believed unidentified unnamed anonymous".split()
)
CONFIRMING_REACH = 6  # words before a confirmation that may negate or hedge it


def confirms(text: str, *, quotations: bool = False) -> bool:
    """Whether ``text`` tells, in its own words (outside quotations, or also in the words it
    quotes, with ``quotations``), that something is
    confirmed: a verb of confirming ("confirmed that …", "has verified", not "could not
    confirm", "was confirmed as" an appointment) or a verdict of authenticity someone gives
    ("officials said the video is authentic", "declared the video authentic"), with no
    negation, condition or hedge in the :data:`CONFIRMING_REACH` words before it ("has not
    confirmed", "if the video is genuine", "appears to be authentic", "neither confirmed
    nor denied", "unconfirmed reports say it is true", "a source confirmed", "an unnamed
    official confirmed") nor between the verb to be and the verdict ("is not authentic")."""
    unquoted = text if quotations else _QUOTED.sub(" ", text)
    for match in _CONFIRMING.finditer(unquoted):
        found = match.group().lower()
        if not found.startswith(("confirm", "verifie", "authenticated")):
            if not _VERDICT_SAID.search(unquoted):
                continue  # a verdict in no one's words
            if any(w in _NEGATIONS or w.endswith("n't") for w in found.split()):
                continue
        before = [w.lower() for w in _TOKEN.findall(unquoted[: match.start()]) if w not in ",;:"]
        near = before[-CONFIRMING_REACH:]
        if any(_negating(w) or w in _NOT_CONFIRMING or word_cues(w)[_HEDGE] for w in near):
            continue
        return True
    return False


def _negating(word: str) -> bool:
    return word in _NEGATIONS or word.replace("’", "'").endswith("n't") or word == "nor"


# a verb of claiming: what follows is someone's claim, not a fact the sentence tells
_CLAIMING = LazyPattern(
    r"\b(?:claim(?:ed|ing)|claims?\s+(?:that|to)|report(?:s|ed|ing)?\s+that"
    r"|alleg(?:e|es|ed|ing|edly)"
    r"|purport(?:s|ed|ing|edly)?|reportedly|supposedly)\b",
    re.IGNORECASE,
)
# a noun for something told and what it told: "reports that …", "an article titled …", "a
# story with the headline …"; a rumour or a hoax and what it was about: "a hoax about his
# death", "reports of her arrest" (a story or an article "about" something is no claim)
_TOLD_OF = LazyPattern(
    r"\b(?:reports?|rumou?rs?|stor(?:y|ies)|news|articles?|posts?|hoax(?:es)?|claims?"
    r"|allegations?|headlines?|piece|meme)\s+(?:[\w’'-]+\s+){0,3}?(?:that|titled|headlined"
    r"|saying|stating|with\s+the\s+headline)\b"
    r"|\b(?:reports?|rumou?rs?|hoax(?:es)?|allegations?|claims?)\s+(?:of|about|concerning"
    r"|regarding)\b",
    re.IGNORECASE,
)


def reports_claim(text: str) -> bool:
    """Whether ``text`` tells, in its own words, what a report or someone claimed (module
    docstring): a claim attributed, not told as fact."""
    unquoted = _QUOTED.sub(" ", text)
    return bool(_CLAIMING.search(unquoted) or _TOLD_OF.search(unquoted))


def garbled(text: str) -> bool:
    """Whether a run of two or more words comes twice back to back in ``text``, or a "nor"
    follows no negation."""
    tokens = [t.lower() for t in _tokens(text) if t not in ",;:"]
    for size in (2, 3, 4):
        for at in range(len(tokens) - 2 * size + 1):
            if tokens[at : at + size] == tokens[at + size : at + 2 * size]:
                return True
    return _nor_without_negation([t.lower().replace("’", "'") for t in _TOKEN.findall(text)])


def _nor_without_negation(tokens: list[str]) -> bool:
    """ "The council nor the mayor have …": a "nor" past the first word with no negative word
    before it (an opening "Nor" is a connective: the sentence does not stand alone)."""
    for at, token in enumerate(tokens):
        if token == "nor" and at > 0:
            return not any(t in _NEGATIONS or t.endswith("n't") for t in tokens[:at])
    return False


def leaning_heads(text: str, told: Iterable[str] = ()) -> list[str]:
    """The head nouns of the noun phrases of ``text`` that lean on a sentence before it
    (module docstring); ``told``: the stems the brief has already introduced."""
    known = set(told)
    if _words_outcome(text):
        known |= _CLAIM_NOUNS  # "these claims are false": the story's claim, told in the lead
    tokens = _tokens(text)
    found: list[str] = []
    for at, token in enumerate(tokens[:-1]):
        phrase = _leaning_phrase(tokens, at)
        if phrase and not any(_introduced(stem_of(w), known) for w in phrase):
            found.append(phrase[-1])
        known.add(stem_of(token.lower()))
    known.update(stem_of(t.lower()) for t in tokens[-1:])
    found += [h for h in _added_to(tokens, set(told)) if h not in found]
    speaker = _SPEAKER_DESCRIBED.search(text)
    if speaker and not _introduced(stem_of(speaker.group(1)), set(told)):
        found.append(speaker.group(1))
    return found + _quoted_leaning(text, known)


def _added_to(tokens: list[str], known: set[str]) -> list[str]:
    """The subject of an "also" ("The video also shows …", "There is also …") when the brief
    has not told of it: "also" adds to something said of it before. A subject without a
    content word ("There is also …", "It is also …") never has."""
    lowered = [t.lower() for t in tokens]
    if "also" not in lowered:
        return []
    at = lowered.index("also")
    if at + 1 < len(lowered) and lowered[at + 1] in _NAMING:
        return []
    subject = [t for t in lowered[:at] if t.isalpha() and t not in NON_CONTENT_WORDS]
    if any(_introduced(stem_of(w), known) for w in subject):
        return []
    return [subject[-1] if subject else "also"]


def _words_outcome(text: str) -> bool:
    """Whether ``text`` words a denial or a confirmation (a cue word of either)."""
    return any(word_cues(w.lower())[g] for w in _TOKEN.findall(text) for g in _OUTCOME)


def _quoted_leaning(text: str, known: set[str]) -> list[str]:
    """The head nouns of demonstrative phrases inside the quotations of ``text`` ("There are
    solutions to this problem," …) that neither the quotation, the rest of the sentence nor
    the brief introduced: a quotation is no antecedent of its own."""
    found: list[str] = []
    for quotation in _QUOTED.findall(text):
        tokens = _TOKEN.findall(quotation)
        for at, token in enumerate(tokens[:-1]):
            if token.lower() in _DEMONSTRATIVES - {"that"}:
                phrase = _leaning_phrase(tokens, at)
                if phrase and not any(_introduced(stem_of(w), known) for w in phrase):
                    found.append(phrase[-1])
            known.add(stem_of(token.lower()))
    return found


def _introduced(stem: str, known: set[str]) -> bool:
    """Whether ``stem`` or a word of its family ("plans", "planned") was told before."""
    if stem in known:
        return True
    return len(stem) >= 4 and any(len(k) >= 4 and _one_family(stem, k) for k in known)


def _one_family(a: str, b: str) -> bool:
    """Whether one stem is the other with an ending ("plan", "planne"), not a compound
    ("note", "notebo"): what follows the shorter starts with a vowel, "s", "y" or its last
    letter doubled."""
    short, long = sorted((a, b), key=len)
    if not long.startswith(short):
        return False
    rest = long[len(short) :]
    return not rest or rest[0] in "aeiouys" or rest[0] == short[-1]


def _shell_noun(tokens: list[str], at: int) -> int | None:
    """The index of a shell noun right after "the" at ``at``, or after one word describing
    it ("the dramatic event"), if there is one."""
    for index in (at + 1, at + 2):
        if index < len(tokens) and tokens[index] in _SHELL_NOUNS:
            return index
        if index >= len(tokens) or not _noun(tokens[index]):
            return None
    return None


def _bare(tokens: list[str], at: int) -> bool:
    """Whether nothing at ``tokens[at]`` says which one the noun before it is: a punctuation
    mark, a verb or a function word other than a preposition naming its content."""
    after = tokens[at] if at < len(tokens) else ","
    if after in ",;:" or _verb_of_happening(tokens, at):
        return True
    lowered = after.lower()
    if lowered in _SPECIFYING:
        return False
    verb = after.islower() and (lowered.endswith("ly") or _present_verb(lowered))
    if tokens[at - 1].lower() in _PLURAL_SHELL_NOUNS:
        verb = verb or _plain_verb(after)
    return lowered in NON_CONTENT_WORDS or verb


def _plain_verb(word: str) -> bool:
    """A word that may be a present verb after a plural subject ("follow", "say"): lower
    case, no ending of a plural, a participle or an adverb, not a time ("today")."""
    time = word in TIME_NOUNS or word in ("today", "yesterday", "tonight")
    plain = word.isalpha() and word.islower() and not time
    return plain and not word.endswith(("s", "ing", "ly"))


def _present_verb(word: str) -> bool:
    """A word in -s that may be a verb ("comes", "shows"), not one in -ss ("press")."""
    return word.endswith("s") and not word.endswith("ss") and len(word) > 3


def _noun(token: str) -> bool:
    return token.isalpha() and token.islower() and token not in NON_CONTENT_WORDS


def _subject_start(tokens: list[str]) -> int:
    """Where the sentence's subject starts: after a phrase opening on a preposition and closed
    by a comma before any verb ("On Twitter and the Web, the women …"), after a conjunction
    opening a clause ("While the company …"), else at the start."""
    if tokens and tokens[0].lower() in _SUBORDINATORS:
        return 1  # "While the company claims …": the clause's own subject
    if not tokens or tokens[0].lower() not in _FRONTING:
        return 0
    start = 0
    for at, token in enumerate(tokens[:MAX_FRONTED]):
        if token.lower() in _FINITE or _verb_of_happening(tokens, at):
            break
        if token == ",":
            start = at + 1
    return start


def _referred(tokens: list[str], at: int) -> list[str]:
    """The noun at ``at`` after "the same", "the actual" … when nothing after it says what it
    is compared with or which one it is ("the same day as …", "the other side of …")."""
    noun = tokens[at]
    follows = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
    if not _noun(noun) or noun in TIME_NOUNS or follows in _COMPARING:
        return []
    return [noun]


def _joined_subject(tokens: list[str], at: int) -> bool:
    """Whether "the" at ``at`` and its one noun are the subject of a clause joined by "and" or
    "but" ("…, and the winner will …"): a bare subject there leans as an opening one does."""
    if at < 1 or at + 2 >= len(tokens) or tokens[at - 1].lower() not in ("and", "but"):
        return False
    verb = tokens[at + 2].lower() in _FINITE or _verb_of_happening(tokens, at + 2)
    return verb and _noun(tokens[at + 1]) and tokens[at + 1] not in TIME_NOUNS


def _named_before(tokens: list[str], at: int) -> bool:
    """Whether a name (a capitalised word past the first) comes before ``tokens[at]``: what
    a possessive there ("Ida Orme said the singer's …") may stand for."""
    return any(t[:1].isupper() for t in tokens[1:at])


def _age_alone(tokens: list[str], at: int) -> bool:
    """Whether ``tokens[at:]`` is an age standing for a person ("12", "year-old") followed by
    neither a name nor a noun saying who ("The 12-year-old had …", not "The 12-year-old
    Kestle girl …" nor "… boy")."""
    if at + 2 >= len(tokens) or not tokens[at].isdigit():
        return False
    if tokens[at + 1].lower() not in ("year-old", "years-old", "month-old"):
        return False
    after = tokens[at + 2]
    if after in ",;:":
        return True
    return after[:1].islower() and (after in NON_CONTENT_WORDS or not _noun(after))


def _leaning_phrase(tokens: list[str], at: int) -> list[str]:
    """The words of a noun phrase starting at ``tokens[at]`` that may lean on a sentence
    before (empty when none starts there): a demonstrative's next one or two nouns, an
    opening "The" and its one noun before a verb or a function word, or anywhere "the" and a
    noun that stands for something told before (:data:`_SHELL_NOUNS`: "weighed in on the
    subject", "confronted the couple") with nothing after it that says which. A count after
    "the" ("The two photos show …", "… the two groups appear …") counts things told before,
    and "the same", "the other", "the actual" … point at them (:func:`_referred`)."""
    word = tokens[at].lower()
    if word == "the" and at == _subject_start(tokens) and _age_alone(tokens, at + 1):
        return [tokens[at + 2]]  # "The 12-year-old had been …": someone named before
    if word == "the" and at + 3 < len(tokens) and tokens[at + 1].lower() in _COUNTS:
        counted = _noun(tokens[at + 2]) and tokens[at + 3].lower() != "of"
        return [tokens[at + 2]] if counted else []
    if word == "the" and at + 2 < len(tokens) and tokens[at + 1].lower() in _REFERRING:
        return _referred(tokens, at + 2)
    if word == "the" and (at == _subject_start(tokens) or not _named_before(tokens, at)):
        owner = _POSSESSIVE.sub("", tokens[at + 1])  # "The company's plan …": which company
        if owner != tokens[at + 1] and _noun(owner) and owner not in TIME_NOUNS | _UNIQUE:
            return [owner]
    if not _noun(tokens[at + 1]) or tokens[at + 1] in TIME_NOUNS:
        return []
    if word == "the":
        shell = _shell_noun(tokens, at)
        if shell is not None:
            return [tokens[shell]] if _bare(tokens, shell + 1) else []
    if word in _DEMONSTRATIVES - {"that"}:  # "that" also joins clauses ("said that …")
        phrase = tokens[at + 1 : at + 3]
        return [w for w in phrase[:1] + [w for w in phrase[1:] if _noun(w)]]
    if word == "the" and _joined_subject(tokens, at):
        return [tokens[at + 1]]
    if word != "the" or at != _subject_start(tokens) or at + 2 >= len(tokens):
        return []
    if any(_POSSESSIVE.search(t) and t[:1].isupper() for t in tokens[:at]):
        return []  # "According to a source inside Kestle's council, the company …": Kestle's
    after = tokens[at + 2]
    adverb = after.lower() in ("thus", "now") or (after.islower() and after.endswith("ly"))
    bare = after.lower() in NON_CONTENT_WORDS or after == "," or _verb_of_happening(tokens, at + 2)
    bare = bare or adverb
    return [tokens[at + 1]] if bare else []
