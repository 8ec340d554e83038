"""Name mentions: capitalised word sequences as person / organisation / other candidates.

Rule-based: a capitalised sequence (``Maria Lopez``, ``University of Dayton``) is a candidate;
a sentence-initial word is dropped when the text also uses it in lower case or it is a function
word; title-case lines (headlines) are skipped. A role written before the name (``defence
minister Jane Doe``, ``President Jane Doe``; read in :mod:`storyweave.facts.name_roles`) goes
to ``attrs["role"]``, and single-word mentions are linked to the full name they abbreviate
(``Lopez`` -> ``attrs["canonical"] = "Maria Lopez"``).
``subject`` is the entity type: ``person``, ``org`` or ``entity``.

Given the entity spans of a NER model (:mod:`storyweave.facts.ner`), the model's PERSON, ORG,
GPE, LOC and FAC spans are the mentions instead (trimmed of a leading article, role or honorific
and a trailing possessive), typed by the majority label of the mentions of one name (``place``
for GPE/LOC/FAC) unless the rules know better (a role or honorific makes a person, an
organisation word an organisation). A capitalised sequence the model left out is kept only when
it repeats a name the model found, or the rules see a person in it (a role before it or set off
by commas next to it, an honorific, a speech verb after it). Linking and roles work the same on
both paths.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyweave.facts.common import Sentences, SpanIndex, make_claim, strip_possessive
from storyweave.facts.lexicon import MONTHS, PRONOUNS, WEEKDAYS
from storyweave.facts.name_roles import (
    WORD,
    drop_leading_honorific_and_roles,
    honorific_before,
    role_before,
)
from storyweave.facts.ner import Entity
from storyweave.lexicon import HONORIFICS, NON_CONTENT_WORDS, ORG_WORDS, ROLE_WORDS, SPEECH_VERBS
from storyweave.records import Article, Claim, FactKind

# NER labels read as names, and the entity type each gives.
NAME_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
_CAP = r"[A-Z][\w’'\-]*"
_CONNECTOR = r"(?:of|for|de|del|da|di|van|von|der|bin|al|la|le|du)"
# A lower-case particle joined by a hyphen continues a name: ``Abu Bakr al-Baghdadi``.
_PARTICLE = r"[a-z]{1,3}-"
_SEQUENCE = re.compile(rf"\b{_CAP}(?:(?: | {_CONNECTOR} | {_PARTICLE}){_CAP})*")
_INNER_POSSESSIVE = re.compile(r"[’']s (?=[A-Z])")
_OPENERS = "\"'“‘([«"
_ROLE = "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
_APPOSITIVE_AFTER = re.compile(
    rf",\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'-]+\s+){{0,3}}?(?P<role>(?:{_ROLE})(?:\s+[\w’'-]+)?)"
    r"(?=\s+(?:of|at|for)\b|\s*,|\.)",
    re.IGNORECASE,
)
_SPEECH = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
# ", 67," (an age) or ", who chairs the board, said" right after a name of two words or more.
_PERSON_AFTER = re.compile(
    rf",\s+\d{{1,3}},|(?:,[^,.;:!?\"“”\n]{{1,100}},)\s+(?:{_SPEECH})\b", re.IGNORECASE
)
_APPOSITIVE_BEFORE = re.compile(
    rf"\b(?P<role>(?:{_ROLE})(?:\s+[\w’'-]+){{0,2}}),\s+$", re.IGNORECASE
)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    role: str = ""
    honorific: str = ""
    label: str = ""  # the NER label, when a model found the mention
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


def extract_names(article: Article, entities: Sequence[Entity] | None = None) -> list[Claim]:
    """Name mentions of ``article`` as ``name`` claims (see the module docstring).

    ``entities`` are the spans of a NER model over ``article.text``; None uses the rules alone.
    """
    text = article.text
    mentions = _rule_mentions(text)
    if entities is not None:
        mentions = _model_mentions(text, entities, mentions)
    _link_mentions(text, mentions)
    return [
        make_claim(article, FactKind.NAME, (m.start, m.end), m.name, m.attrs["type"], m.attrs)
        for m in mentions
    ]


def _rule_mentions(text: str) -> list[_Mention]:
    sentences = Sentences(text)
    lowered_words = _lowercase_vocabulary(text)
    title_case_lines: dict[int, bool] = {}
    sequences = [
        (match, _sentence_initial(text, match.start(), sentences))
        for whole in _SEQUENCE.finditer(text)
        if not _in_title_case_line(text, whole.start(), title_case_lines)
        for match in _split_at_possessives(text, whole)
    ]
    mid_sentence = frozenset(
        strip_possessive(word)
        for match, initial in sequences
        if not initial
        for word in WORD.findall(match[0])
    )
    # The last word of a name written in full anywhere (``Alison Brandt``) is a name when it
    # opens a sentence alone (``Brandt said …``), even if the full name itself opened one.
    mid_sentence |= {
        strip_possessive(found[-1])
        for match, _ in sequences
        if len(found := WORD.findall(match[0])) >= 2
    }
    mentions: list[_Mention] = []
    for match, initial in sequences:
        mention = _mention_from_sequence(text, match, initial, lowered_words, mid_sentence)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _split_at_possessives(text: str, match: re.Match[str]) -> list[re.Match[str]]:
    """``Brown's Britain`` is two things, the owner and what it owns: a capitalised sequence is
    cut after an inner possessive, unless an organisation word follows (``McDonald's Corp``)."""
    cuts = [match.start()]
    for inner in _INNER_POSSESSIVE.finditer(text, match.start(), match.end()):
        following = WORD.match(text, inner.end())
        if following and following[0].lower() not in ORG_WORDS:
            cuts.append(inner.end())
    if len(cuts) == 1:
        return [match]
    bounds = [*cuts, match.end() + 1]
    parts = [_SEQUENCE.match(text, start, end - 1) for start, end in itertools.pairwise(bounds)]
    return [part for part in parts if part is not None]


def _model_mentions(
    text: str, entities: Sequence[Entity], rule_mentions: list[_Mention]
) -> list[_Mention]:
    """Mentions from the model's name spans, plus the rule mentions the model missed that
    repeat a name it found or show a person (see the module docstring)."""
    found: list[_Mention] = []
    for entity in entities:
        if entity.label in NAME_LABELS:
            mention = _trimmed_entity(text, entity)
            if mention is not None:
                found.append(mention)
    known = {m.name for m in found} | {m.tokens[-1] for m in found if m.label == "PERSON"}
    taken = [(e.start, e.end) for e in entities]
    model_spans = SpanIndex(taken)
    speakers = _names_before_speech_verbs(text, rule_mentions)
    for mention in rule_mentions:
        if model_spans.overlaps((mention.start, mention.end)):
            continue
        if (
            mention.name in known
            or mention.role
            or mention.honorific
            or mention.name in speakers
            or _appositive_role(text, mention)
        ):
            found.append(mention)
    found.extend(_surname_mentions(text, found, taken))
    return sorted(found, key=lambda m: (m.start, m.end))


def _surname_mentions(
    text: str, found: list[_Mention], taken: list[tuple[int, int]]
) -> list[_Mention]:
    """Lone surnames of people the model named in full that it did not mark itself:
    ``Maria Lopez`` … ``Lopez said`` (the model often skips a sentence-initial surname)."""
    surnames = {m.tokens[-1] for m in found if m.label == "PERSON" and len(m.tokens) >= 2}
    covered = SpanIndex(taken + [(m.start, m.end) for m in found])
    return [
        _Mention(start, end, surname)
        for start, end, surname in _whole_word_matches(text, surnames)
        if not covered.overlaps((start, end))
    ]


def _whole_word_matches(text: str, surnames: set[str]) -> list[tuple[int, int, str]]:
    """Where each of ``surnames`` stands in ``text`` as a whole word: not after a word
    character, hyphen or apostrophe, not before a word character or hyphen. Sorted by surname,
    then offset.

    One pass over the text's words for all surnames: a surname of word characters, hyphens and
    apostrophes can only start a run of them (:data:`WORD`) and end where the run ends or an
    apostrophe follows. The odd surname with other characters (``Jr.``) is searched for alone.
    """
    plain = {name for name in surnames if WORD.fullmatch(name)}
    found = [
        (start, end, name) for name in sorted(surnames - plain) for start, end in _alone(text, name)
    ]
    for run in WORD.finditer(text):
        word = run[0]
        ends = [i for i, ch in enumerate(word) if ch in "’'"] + [len(word)]
        for end in ends:
            if word[:end] in plain:
                found.append((run.start(), run.start() + end, word[:end]))
    return sorted(found, key=lambda item: (item[2], item[0]))


def _alone(text: str, name: str) -> list[tuple[int, int]]:
    pattern = re.compile(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _trimmed_entity(text: str, entity: Entity) -> _Mention | None:
    """``The Tessel Valley Water Board`` -> ``Tessel Valley Water Board``; ``President Jane
    Doe's`` -> ``Jane Doe`` (role kept); None when nothing name-like is left."""
    tokens = [(m.start(), m.end()) for m in WORD.finditer(text, entity.start, entity.end)]
    while tokens and text[tokens[0][0] : tokens[0][1]].lower() in NON_CONTENT_WORDS:
        tokens = tokens[1:]
    tokens = drop_leading_honorific_and_roles(text, tokens)
    while tokens and _is_unnameable(text[tokens[-1][0] : tokens[-1][1]]):
        tokens = tokens[:-1]
    if not tokens or "\n" in text[tokens[0][0] : tokens[-1][1]]:
        return None
    start = tokens[0][0]
    name = strip_possessive(text[start : tokens[-1][1]])
    if len(name) < 2 or not name[0].isupper():
        return None
    mention = _Mention(start, start + len(name), name, label=entity.label)
    mention.role = role_before(text, start)
    mention.honorific = honorific_before(text, start)
    return mention


def _lowercase_vocabulary(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text) if w.islower())


def _in_title_case_line(text: str, offset: int, seen: dict[int, bool]) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    if line_start not in seen:
        seen[line_start] = _title_case_line(text, line_start, offset)
    return seen[line_start]


def _title_case_line(text: str, line_start: int, offset: int) -> bool:
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    tokens = [t for t in WORD.findall(line) if t[0].isalpha()]
    if len(tokens) < 4:
        return False
    capitalised = sum(1 for t in tokens if t[0].isupper())
    return capitalised / len(tokens) >= 0.7


def _sentence_initial(text: str, offset: int, sentences: Sentences) -> bool:
    before = offset
    while before > 0 and (text[before - 1] in _OPENERS or text[before - 1] in " \t"):
        before -= 1
    if before == 0 or text[before - 1] in "\n:":
        return True
    return sentences.around(offset)[0] >= before


def _mention_from_sequence(
    text: str,
    match: re.Match[str],
    initial: bool,
    lowered: frozenset[str],
    mid_sentence: frozenset[str],
) -> _Mention | None:
    tokens = [(m.start() + match.start(), m.end() + match.start()) for m in WORD.finditer(match[0])]
    if initial:
        first = text[tokens[0][0] : tokens[0][1]]
        if _is_common_word(first, lowered) or _opens_before_acronym(text, tokens):
            tokens = tokens[1:]
        elif len(tokens) == 1 and strip_possessive(first) not in mid_sentence:
            # A lone capitalised word that opens a sentence and never recurs mid-sentence is
            # more likely an ordinary word than a name.
            return None
    tokens = drop_leading_honorific_and_roles(text, tokens)
    while tokens and _is_unnameable(text[tokens[-1][0] : tokens[-1][1]]):
        tokens = tokens[:-1]
    while tokens and _is_unnameable(text[tokens[0][0] : tokens[0][1]]):
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0][0], tokens[-1][1]
    raw = text[start:end]
    name = strip_possessive(raw)
    end = start + len(name)
    if len(name) < 2:
        return None
    mention = _Mention(start, end, name)
    mention.role = role_before(text, start)
    mention.honorific = honorific_before(text, start)
    return mention


def _opens_before_acronym(text: str, tokens: list[tuple[int, int]]) -> bool:
    """``Earlier VW said``, ``Smaller GAF earned``: a capitalised word that opens a sentence
    before an acronym is no part of the name (a given name comes before a surname, not before
    an acronym)."""
    if len(tokens) < 2:
        return False
    first = text[tokens[0][0] : tokens[0][1]]
    second = strip_possessive(text[tokens[1][0] : tokens[1][1]])
    return not first.isupper() and len(second) >= 2 and second.isupper()


def _is_common_word(word: str, lowered: frozenset[str]) -> bool:
    low = word.lower()
    return low in NON_CONTENT_WORDS or low in PRONOUNS or low in lowered or low in SPEECH_VERBS


def _is_unnameable(word: str) -> bool:
    low = strip_possessive(word).lower()
    return (
        low in PRONOUNS
        or low in HONORIFICS
        or low in MONTHS
        or low in WEEKDAYS
        or low in NON_CONTENT_WORDS
        or low in ROLE_WORDS
    )


def _link_mentions(text: str, mentions: list[_Mention]) -> None:
    """Give every mention ``canonical``, ``type`` and (where known) ``role`` attrs."""
    full = _FullNames([m for m in mentions if len(m.tokens) >= 2])
    speakers = _names_before_speech_verbs(text, mentions)
    for mention in mentions:
        canonical = _canonical_for(mention, full)
        mention.attrs["canonical"] = canonical
    for mention in mentions:
        if not mention.role:
            mention.role = _appositive_role(text, mention)
    persons = {
        m.attrs["canonical"]
        for m in mentions
        if m.role or m.honorific or m.name in speakers or m.attrs["canonical"] in speakers
    }
    # Stronger cues than a bare speech verb ("The United Nations said"): these overrule a model.
    described = {
        m.attrs["canonical"]
        for m in mentions
        if m.role or m.honorific or (len(m.tokens) >= 2 and _PERSON_AFTER.match(text, m.end))
    }
    persons |= described
    roles: dict[str, str] = {}
    for mention in mentions:
        if mention.role and mention.attrs["canonical"] not in roles:
            roles[mention.attrs["canonical"]] = mention.role
    votes: dict[str, Counter[str]] = {}
    for mention in mentions:
        if mention.label:
            votes.setdefault(mention.attrs["canonical"], Counter())[mention.label] += 1
    for mention in mentions:
        canonical = mention.attrs["canonical"]
        if canonical in votes:
            mention.attrs["type"] = _model_type(canonical, votes[canonical], described, roles)
            mention.attrs["ner"] = mention.label or "-"
        else:
            mention.attrs["type"] = _entity_type(mention, canonical, persons)
        if mention.role:
            mention.attrs["role"] = mention.role
        elif canonical in roles:
            mention.attrs["role"] = roles[canonical]
        if mention.honorific:
            mention.attrs["honorific"] = mention.honorific


def _appositive_role(text: str, mention: _Mention) -> str:
    """A role set off by commas next to a name: ``Jane Doe, the agency's director,`` or
    ``the board's chief engineer, Jane Doe,`` -> ``director`` / ``chief engineer``."""
    if len(mention.tokens) < 2:
        return ""
    after = _APPOSITIVE_AFTER.match(text, mention.end)
    if after is not None:
        return after["role"]
    before = _APPOSITIVE_BEFORE.search(text, max(0, mention.start - 60), mention.start)
    return before["role"] if before is not None else ""


class _FullNames:
    """The names of two words or more, in article order, looked up by their last and first
    word (a dictionary, so that resolving every lone word is linear in the article's length)."""

    def __init__(self, full: list[_Mention]) -> None:
        self.by_last: dict[str, list[_Mention]] = {}
        self.by_first: dict[str, list[_Mention]] = {}
        for mention in full:
            tokens = mention.tokens
            self.by_last.setdefault(tokens[-1], []).append(mention)
            self.by_first.setdefault(tokens[0], []).append(mention)


def _canonical_for(mention: _Mention, full: _FullNames) -> str:
    """A lone word stands for the first full name ending in it (one given with a role first),
    else for the first full name of a known person beginning with it."""
    if len(mention.tokens) != 1:
        return mention.name
    word = mention.name
    ending = full.by_last.get(word, [])
    found = next((m for m in ending if m.role), None) or next(iter(ending), None)
    # Family-name-first conventions: only trusted for names known to be people.
    found = found or next(
        (m for m in full.by_first.get(word, []) if m.role or m.label == "PERSON"), None
    )
    return found.name if found else word


def _names_before_speech_verbs(text: str, mentions: list[_Mention]) -> set[str]:
    """Names right before a speech verb: ``Jane Doe said``."""
    found: set[str] = set()
    for mention in mentions:
        after = text[mention.end : mention.end + 30]
        word = WORD.match(after.lstrip(" "))
        if word and word[0].lower() in SPEECH_VERBS and after[:1] == " ":
            found.add(mention.name)
    return found


def _model_type(
    canonical: str, votes: Counter[str], described: set[str], roles: dict[str, str]
) -> str:
    """The majority NER label of a name's mentions, overruled by the rules' strong cues: an
    organisation word, or a role, honorific, age or ``, who …, said`` appositive (``described``)."""
    label = sorted(votes.items(), key=lambda item: (-item[1], item[0]))[0][0]
    kind = NAME_LABELS.get(label, "entity")
    has_org_word = bool({t.lower() for t in canonical.split()} & ORG_WORDS)
    if kind == "person" and has_org_word:
        return "org"
    if kind != "person" and not has_org_word and canonical in described:
        return "person"
    return kind


def _entity_type(mention: _Mention, canonical: str, persons: set[str]) -> str:
    lowered = {t.lower() for t in canonical.split()}
    if lowered & ORG_WORDS:
        return "org"
    if canonical in persons:
        return "person"
    return "entity"
