"""brief stage: the story retold in extracted sentences, each citing its sources (pure, per story).

:func:`make_brief` writes, in this order:

1. **the event**: among the articles' lead sentences (their first :data:`LEAD_SENTENCES`, or
   as many prose sentences after captions without a full stop) that
   are not quotations and tell an event on their own (:mod:`storyweave.brief.reading`: not
   background, not garbled, no noun phrase leaning on a sentence before, no one called by the
   surname alone) and that two independent sources at least say in their leads, the one most
   articles say in their leads (copies included: they corroborate nothing, but show how
   widely it was carried), then the one the headlines and the other sources' leads echo
   most (:func:`_echo`), then the best supported, the one most articles carry, the earliest
   in its article, the one with more kinds of fact (who, when, how many). When there is
   none, an article's opening sentence that tells an event opens instead: the one carried by
   the most articles, then the one echoed most.
   In a story that half its independent sources or more call false in their leads (a hoax,
   a fake: :func:`storyweave.brief.reading.calls_false`; one source alone only by a word that
   calls a report false whatever it is said of, not "fake" or "false"), the outcome is the
   event: a sentence calling the report false opens (one that also says what the report
   claimed first, then the one most sources say in their leads, then the one echoed most; one
   quoting the report's title may open), and the articles that never call it false nor tell
   that someone rejects it, or that the ledger has asserting the claim (the report retold as
   fact), are not told. When the opening does not say what the report claimed, the sentence
   that does follows it (:func:`_claim`): one attributing the claim ("an article claiming
   …", "reports that …": :func:`storyweave.brief.reading.reports_claim`) and sharing
   :data:`CLAIM_WORDS` content words with a headline or with the lead of an article telling
   the report as fact, a caption's label before it and a colon after it left out ("Origins:
   On 7 May, a site published an article claiming …:");
2. **developments**, in the order the articles tell them (publication order, then position):
   the sentences most independent sources support, each saying something the brief has not
   said yet (a sentence whose word stems overlap a chosen one's by :data:`REDUNDANT`, or hold
   :data:`CONTAINED` of the shorter one's, one telling the same event in other words, or
   another article's opening retelling the lead, is the same fact:
   :mod:`storyweave.brief.repeats`; the sentence kept then also cites those of the repeat's
   sources whose text says it); a sentence that one source alone
   gives only while the brief is under half its length; a sentence whose noun phrase leans on
   a sentence before ("The handset will …") or that calls someone by the surname alone only
   when the brief names what it points to (the person in full), and after that sentence; in
   a story told as a hoax, no sentence an article telling the report as fact also says,
   unless it calls something false, attributes a claim or tells a rejection (the false
   report's details, which a debunker may quote: :meth:`_Told.retells_report`);
3. **the state of the claims**: when the ledger (the ``claim`` findings) has a source denying a
   claim at stake, the best-supported sentence of those sources that words the refutation ("a
   hoax", "denied"); else a sentence telling that someone denies or rejects what the headlines
   claim ("X has denied …", "dismissed reports that …"; "a hoax" when two independent sources
   or more say so), the one most sources give (:func:`_denial`: the ledger often has no claim,
   or no source its stance model reads as denying); else a sentence telling that the claim
   is confirmed (:func:`_confirmation`: a verb of confirming or someone's verdict of
   authenticity, neither negated nor hedged, given as an official's or by two independent
   sources, sharing two content words written in lower case with a headline: not the claim
   merely repeated), the one most sources give; else, when the ledger has the claim
   confirmed, one of its confirming sources' sentences that words the confirmation. A denial
   or a confirmation (:func:`_confirmed`) is told whatever the brief's length: the outcome.

A sentence that still leans on something no sentence of the brief tells is left out.
One word of a name used alone (:mod:`storyweave.brief.names`: "Keys based his theory …") that
no sentence before mentions is told by the one full name its article gives ("Ancel Keys …");
one its article never gives in full, rare in English and used as someone's (a subject, a
speaker, an owner: "Chowdry thinks …") leans like a surname alone. So does a definite noun
phrase of two words or more pointing back to a thing its article introduced before ("… at the
gas station" after "a gas station": :mod:`storyweave.brief.referents`) until the brief tells
of that noun.

Only sentences that stand on their own (:func:`storyweave.brief.sentences.stands_alone`: no
caption, label or bracketed aside either), are not garbled, are not questions, have a finite
verb, are English, do not speak to the reader and carry a fact (some claim lies in them) are
told; none of an article labelled ``spun`` while the story has others (a spinner's words, not a
reporter's), though its text still supports what the others say. Each
sentence cites the articles whose own text supports it (:mod:`storyweave.brief.support`),
checked per source; not an article that rebuts it: one with a sentence calling a report false
or rejecting one that says what it says in words of its own (names aside), or one whose lead
calls a report false that a sentence of that lead tells ("… However, the claims in the story
are untrue."), though it quotes the report further on.
The brief's length follows the number of independent sources (:func:`brief_length`): a line
for two, a paragraph or two for thirty. A brief told as a hoax carries the verdict and its
evidence (:class:`storyweave.records.Hoax`): each source's first lead sentence calling the
report false, with its offsets, and the articles left out for telling the report as fact.
Disputed points are the ids of disputed findings; the timeline lists the story's dated events
(day or month), earliest first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from storyweave.brief.names import mentioned, name_key
from storyweave.brief.reading import (
    addresses_reader,
    calls_false,
    confirms,
    english,
    garbled,
    has_finite_verb,
    leaning_heads,
    refuses_comment,
    reports_claim,
    states_event,
)
from storyweave.brief.repeats import retells_lead, same_check, same_event, same_measure
from storyweave.brief.sentences import (
    NameReader,
    Sentence,
    content_terms,
    split_articles,
    stands_alone,
)
from storyweave.brief.support import Supports, rejects_report, similarity
from storyweave.brief.timeline import timeline
from storyweave.compare import outlets_of, source_groups
from storyweave.records import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    FactKind,
    FalseCall,
    Finding,
    FindingStatus,
    Hoax,
    LabelName,
    Relation,
    Story,
)
from storyweave.stance import GROUPS, stem_of, word_cues
from storyweave.text import LazyPattern, words

__all__ = [
    "MAX_SENTENCES",
    "MIN_SENTENCES",
    "brief_length",
    "content_terms",
    "make_brief",
    "similarity",
]

MIN_SENTENCES = 1
MAX_SENTENCES = 8
SENTENCES_PER_DOUBLING = 1.6  # brief length grows with the log of the number of sources
LEAD_SENTENCES = 5
OPENING_SENTENCES = 2  # an article's first prose sentences, where it tells its event
REDUNDANT = 0.4  # Dice overlap at which a sentence says what a chosen one says
CONTAINED = 0.35  # share of the shorter sentence's stems that, found in the other, repeats it
# "Orme added: …", "…," added Orme: more words of someone quoted before
_ADDED = LazyPattern(
    r"\b[A-Z][\w’'-]+\s+(?:added|adds)\b(?=\s*[:,\"“]|\s+that\b)|[,\"”]\s*(?:added|adds)\s+[A-Z]"
)
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][\w’'-]*")
_QUOTATION = re.compile(r"[\"“][^\"“”]*[\"”]")
MIN_WORDS = 8
MAX_WORDS = 60
REBUTTAL_REACH = 2  # sentences: a report told just before an article calls it false
DENIAL_SOURCES = 2  # independent sources giving a verdict ("a hoax") the ledger does not have
CONFIRMATION_SOURCES = 2  # independent sources telling a confirmation no official gives
CLAIM_WORDS = 2  # content stems a sentence shares with a false report to tell what it claimed
# words for a report and for its falsehood: shared with a headline, they tell no claim
_FRAME_STEMS = frozenset(
    stem_of(w)
    for w in "report reports reported story stories news article articles claim claims claimed "
    "rumour rumours rumor rumors hoax hoaxes fake false bogus untrue viral internet online "
    "website site web".split()
)
# a caption's or a fact-check's label before a sentence: "Origins: On 7 May, …"
_LEADING_LABEL = LazyPattern(r"(?:[A-Z][a-z][\w’'-]*\s+){0,2}[A-Z][a-z][\w’'-]*:\s+(?=[A-Z])")
_QUOTE_MARKS = "\"“'‘"
_TITLE = LazyPattern(r"\b(?:titled|entitled|headlined|headline)\s*:?\s*[\"“‘']", re.IGNORECASE)
_REFUTE = GROUPS.index("refute")
_NEGATE = GROUPS.index("negate")
# adverbs hedging a claim told, not attributing it to anyone
_HEDGES = LazyPattern(r"\b(?:reportedly|allegedly|supposedly|purportedly)\b", re.IGNORECASE)
_CONFIRM = GROUPS.index("confirm")
# a confirmation given as an authority's: an official, a spokesperson, a statement, a government
_OFFICIAL = LazyPattern(
    r"\b(?:official(?:s|ly)?|statement|spokes(?:man|woman|person)|government)\b", re.IGNORECASE
)
_DENIAL = LazyPattern(r"\bden(?:y|ies|ied|ying|ials?)\b", re.IGNORECASE)
# a denial of what its article reports, named by a word for it: "denied the claims", "denied
# any such plans"
_DENIES_REPORTED = LazyPattern(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed)?|reject(?:s|ed)?)\s+(?:the|these|those|such"
    r"|any\s+such|all\s+such)\s+(?:claims?|reports?|rumou?rs?|allegations?|stor(?:y|ies)"
    r"|plans?)\b",
    re.IGNORECASE,
)
# "has not denied", "neither denied nor confirmed": no denial
_NOT_DENIED = LazyPattern(
    r"\b(?:not|never|neither|n[’']t)\s+(?:\w+\s+)?den(?:y|ied)\b", re.IGNORECASE
)


def make_brief(
    story: Story,
    articles: Sequence[Article],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    relations: Sequence[Relation],
) -> Brief:
    """The cited brief of ``story`` (see the module docstring)."""
    by_id = {a.id: a for a in articles}
    members = [aid for aid in story.article_ids if aid in by_id]
    order = {aid: i for i, aid in enumerate(members)}
    groups = source_groups(members, relations, outlets=outlets_of(articles))
    story_claims = [c for c in claims if c.article_id in order]
    every = split_articles([by_id[aid] for aid in members], order, story_claims, names=False)
    named = NameReader([by_id[aid] for aid in members])  # read for the sentences told only
    supports = Supports(every)
    told = _Told(groups, _title_stems([by_id[aid] for aid in members]), supports)
    false_calls = _false_calls(every, groups, members)
    told.told_false = bool(false_calls)
    own = [f for f in findings if f.story_id == story.id]
    refuting = _refuting(every) if told.told_false else set()
    as_fact = _telling_as_fact(refuting, every, own) if told.told_false else set()
    told.as_fact = as_fact
    reworded = _machine_reworded(articles, members)
    for sentence in every:
        if sentence.article_id in reworded:
            continue  # its wording is a spinner's; it still supports what others say
        if told.told_false and sentence.article_id not in as_fact:
            told.add_claim(named(_unlabelled(sentence)), supports)
        if sentence.article_id in as_fact:
            # the false report retold as fact, by its author or a credulous copy: not told,
            # but its lead says what the story is about
            told.reported += [sentence] if sentence.position < LEAD_SENTENCES else []
            continue
        if _tellable(sentence):
            told.add(named(sentence), supports.sources(sentence))
        elif sentence.prose < OPENING_SENTENCES and _may_open(named(sentence)):
            told.consider(named(sentence), supports.sources(sentence))
    chosen = _compose(told, brief_length(len({groups.get(a, a) for a in members})), own)
    texts = _named_in_full(chosen)
    rebuttals = _rebuttals(every)
    sentences = tuple(
        BriefSentence(
            text=" ".join(texts[i].split()),
            sources=tuple(
                sorted(
                    (a for a in told.support[s] if not _rebuts(a, s, rebuttals, told)),
                    key=lambda a: (order[a], a),
                )
            ),
        )
        for i, s in enumerate(chosen)
    )
    disputed = tuple(f.id for f in own if f.status == FindingStatus.DISPUTED)
    hoax = (
        Hoax(
            called_false=tuple(
                FalseCall(article_id=s.article_id, text=s.text, start=s.start, end=s.end)
                for s in false_calls
            ),
            # the evidence names only articles that never call it false nor tell it rejected:
            # one that also does (a debunker restating the claim, a copy with a correction
            # appended) is left out of the brief's telling but accused of nothing
            told_as_fact=tuple(
                sorted(as_fact - refuting, key=lambda a: (order.get(a, len(order)), a))
            ),
        )
        if false_calls
        else None
    )
    return Brief(
        story_id=story.id,
        sentences=sentences,
        disputed=disputed,
        timeline=timeline(by_id, order, story_claims),
        hoax=hoax,
    )


def _rebuttals(every: Sequence[Sentence]) -> dict[str, list[Sentence]]:
    """Each article's sentences calling a report false in its own words (a hoax, untrue,
    debunked, "not true": ``calls_false(report=True)``; not someone's claim that it is one) or
    telling that someone rejects one."""
    found: dict[str, list[Sentence]] = {}
    for sentence in every:
        text = sentence.text
        if rejects_report(text) or (calls_false(text, report=True) and not reports_claim(text)):
            found.setdefault(sentence.article_id, []).append(sentence)
    return found


def _rebuts(
    article_id: str, sentence: Sentence, rebuttals: dict[str, list[Sentence]], told: _Told
) -> bool:
    """Whether ``article_id``, another article than the one ``sentence`` comes from, calls
    what ``sentence`` says false or tells it rejected: one of its rebuttals (:func:`_rebuttals`)
    says what it says (shares :data:`CLAIM_WORDS` content stems written in lower case: names
    aside, which all of a story's sentences share), or the article calls a report false in its
    lead (a debunker: "… However, the claims in the story are untrue.") and ``sentence`` says
    what a sentence of that lead says (as many stems), the report it debunks. A sentence that
    itself calls something false, tells a rejection, doubts or negates (a cue of refutation or
    negation) or attributes a claim to someone ("X claimed that …", not a hedge such as
    "reportedly") is what such an article says too."""
    found = rebuttals.get(article_id, [])
    if not found or article_id == sentence.article_id:
        return False
    text = sentence.text
    if calls_false(text, quotations=True) or rejects_report(text):
        return False
    if any(word_cues(w)[_REFUTE] or word_cues(w)[_NEGATE] for w in words(text)):
        return False
    if reports_claim(_HEDGES.sub(" ", text)):
        return False  # "Huzlers claimed that …": a debunker says so too ("reportedly" aside)
    said = _lower_stems(text) - _FRAME_STEMS
    if any(len(said & _lower_stems(r.text)) >= CLAIM_WORDS for r in found):
        return True
    if not any(r.position < LEAD_SENTENCES and calls_false(r.text, report=True) for r in found):
        return False
    return any(
        len(said & _lower_stems(lead.text)) >= CLAIM_WORDS for lead in told.lead_of(article_id)
    )


def _lower_stems(text: str) -> frozenset[str]:
    """The stems of the content words ``text`` writes in lower case: what it says of the
    story's people and places, whose names any two of its sentences may share."""
    return frozenset(stem_of(w) for w in content_terms(" ".join(_LOWER_WORD.findall(text))))


def _named_in_full(chosen: Sequence[Sentence]) -> list[str]:
    """The texts of ``chosen``, in order, each name used alone that no sentence before (nor
    its own words before it) mentions told by the one full name its article gives
    ("Keys based his theory …" -> "Ancel Keys based his theory …")."""
    texts: list[str] = []
    seen: set[str] = set()
    for sentence in chosen:
        text = sentence.text
        for start, word, full in sorted(sentence.expansions, reverse=True):
            key = name_key(word)
            if (
                key in seen
                or key in mentioned(text[:start])
                or key in _told_earlier(sentence, start)
            ):
                continue
            text = text[:start] + full + text[start + len(word) :]
        texts.append(text)
        seen |= mentioned(text)
    return texts


def _told_earlier(sentence: Sentence, start: int) -> frozenset[str]:
    """The keys of the names used alone that ``sentence`` expands before ``start``: a name
    told in full once in it need not be told so again."""
    return frozenset(name_key(w) for at, w, _ in sentence.expansions if at < start)


def _machine_reworded(articles: Sequence[Article], members: Sequence[str]) -> frozenset[str]:
    """The members labelled ``spun`` (a synonym-spinner's rewording of another's text), whose
    sentences the brief does not tell while other articles are there to tell the story: their
    words are the spinner's ("begging his allies to have weapons"), not the reporter's."""
    spun = frozenset(
        a.id
        for a in articles
        if a.id in members and any(x.label == LabelName.SPUN for x in a.labels)
    )
    return spun if len(spun) < len(set(members)) else frozenset()


def brief_length(sources: int) -> int:
    """How many sentences tell a story of ``sources`` independent sources: one for up to two,
    :data:`SENTENCES_PER_DOUBLING` more (rounded) each time the sources double (2 for 3, 3 for
    4, 7 for 30), :data:`MAX_SENTENCES` at most."""
    if sources <= 2:
        return MIN_SENTENCES
    grown = 1 + math.floor(SENTENCES_PER_DOUBLING * math.log2(sources / 2) + 0.5)
    return max(MIN_SENTENCES, min(MAX_SENTENCES, grown))


class _Told:
    """The tellable sentences of a story with the sources supporting each."""

    def __init__(
        self, groups: dict[str, str], titles: dict[str, frozenset[str]], supports: Supports
    ) -> None:
        self.groups = groups
        self.supports = supports
        self.every = {(s.article_id, s.position): s for s in supports.sentences}
        self.titles = titles  # the stems of each article's headline, where it has one
        self.candidates: list[Sentence] = []
        self.openings: list[Sentence] = []  # may open the brief though they carry no claim
        self.support: dict[Sentence, dict[str, int]] = {}
        self.told_false = False  # the sources call the story's report false (a hoax)
        self.reported: list[Sentence] = []  # the lead sentences of articles telling it as fact
        self.as_fact: set[str] = set()  # the articles telling the report called false as fact
        # in a story told as a hoax, sentences telling what the report claimed (attributed),
        # with the sources supporting each
        self.claims: dict[Sentence, dict[str, int]] = {}

    def add_claim(self, sentence: Sentence, supports: Supports) -> None:
        """Keep ``sentence`` as one that may tell what the false report claimed: whole, not
        a quotation, attributing a claim (:func:`storyweave.brief.reading.reports_claim`)."""
        if not reports_claim(sentence.text) or not _reads_whole(sentence):
            return
        if sentence.text.lstrip()[:1] in _QUOTE_MARKS or _leans_on_before(sentence):
            return
        self.claims[sentence] = supports.sources(sentence)

    def claim_words(self, sentence: Sentence) -> int:
        """How many content stems ``sentence`` shares with what the false report says: the
        most it shares with one headline or one lead of an article telling it as fact, words
        for reports and falsehood aside."""
        said = sentence.stems - _FRAME_STEMS
        texts = [*self.titles.values(), *(s.stems for s in self.reported)]
        return max((len(said & t) for t in texts), default=0)

    def states_claim(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` tells what the false report claimed: it attributes a claim
        and shares :data:`CLAIM_WORDS` content stems with the report (:meth:`claim_words`)."""
        return reports_claim(sentence.text) and self.claim_words(sentence) >= CLAIM_WORDS

    def retells_report(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` retells the report called false as fact: an article telling
        the report as fact says it too, and it neither calls anything false, nor attributes
        a claim, nor tells that someone rejects one (a debunker quoting the fake's details:
        "“There was no sign of foul play,” said Det. …")."""
        if not self.as_fact or not self.as_fact.intersection(self.support[sentence]):
            return False
        text = sentence.text
        return not (calls_false(text) or reports_claim(text) or rejects_report(text))

    def leads(self) -> list[Sentence]:
        """The lead sentences the headlines and other leads are compared with (:func:`_echo`),
        those of articles telling a false report as fact included."""
        return [s for s in self.support if s.position < LEAD_SENTENCES] + self.reported

    def add(self, sentence: Sentence, sources: dict[str, int]) -> None:
        self.candidates.append(sentence)
        self.support[sentence] = sources

    def lead_of(self, article_id: str) -> list[Sentence]:
        """The first :data:`LEAD_SENTENCES` sentences of ``article_id``."""
        found = (self.every.get((article_id, at)) for at in range(LEAD_SENTENCES))
        return [s for s in found if s is not None]

    def consider(self, sentence: Sentence, sources: dict[str, int]) -> None:
        self.openings.append(sentence)
        self.support[sentence] = sources

    def merge(self, kept: Sentence, repeat: Sentence) -> None:
        """``kept`` says what ``repeat`` says: it also cites those sources of ``repeat`` whose
        text says it (:meth:`storyweave.brief.support.Supports.also`)."""
        others = [a for a in self.support[repeat] if a not in self.support[kept]]
        for article_id, at in self.supports.also(kept, others).items():
            self.support[kept][article_id] = at

    def independent(self, sentence: Sentence) -> int:
        return len({self.groups.get(a, a) for a in self.support[sentence]})

    def in_leads(self, sentence: Sentence) -> int:
        """How many independent sources say it in their lead."""
        found = self.support[sentence].items()
        return len({self.groups.get(a, a) for a, at in found if at < LEAD_SENTENCES})

    def lead_reach(self, sentence: Sentence) -> int:
        """How many articles say it in their lead, copies included: how widely it was carried
        as the story's news (its prominence, not its corroboration)."""
        return sum(at < LEAD_SENTENCES for at in self.support[sentence].values())

    def key(self, sentence: Sentence) -> tuple[int, int, int]:
        """Best first: most independent sources, then the earliest telling."""
        return (-self.independent(sentence), sentence.rank, sentence.position)


def _false_calls(
    every: Sequence[Sentence], groups: dict[str, str], members: Sequence[str]
) -> list[Sentence]:
    """The lead sentences calling the story's report false (a hoax, a fake), the first of each
    article, when half the independent sources or more call it false in their leads: the
    outcome is then the event to tell (else none). One source alone counts only with a word
    that calls a report false whatever it is said of (``calls_false(report=True)``): one
    article's "false accounts" or "fake sites" (fraud, scams) is no hoax."""
    calls = [s for s in every if s.position < LEAD_SENTENCES and calls_false(s.text)]
    calling = {groups.get(s.article_id, s.article_id) for s in calls}
    sources = {groups.get(a, a) for a in members}
    if 2 * len(calling) < len(sources):
        return []
    if len(calling) < 2 and not any(calls_false(s.text, report=True) for s in calls):
        return []
    first: dict[str, Sentence] = {}
    for sentence in sorted(calls, key=lambda s: (s.rank, s.position)):
        first.setdefault(sentence.article_id, sentence)
    return list(first.values())


def _telling_as_fact(
    refuting: set[str], every: Sequence[Sentence], findings: Sequence[Finding]
) -> set[str]:
    """The articles that tell a report their story's sources call false as fact: those that
    never call anything false nor tell that someone rejects a report, and those the ledger
    has asserting a claim that another source denies (and denying none). ``refuting``: the
    articles that call something false or tell a report rejected (:func:`_refuting`)."""
    asserting: set[str] = set()
    denying: set[str] = set()
    for finding in findings:
        values = {v.value for v in finding.variants}
        if finding.kind != FactKind.CLAIM or not any(v.startswith("denied") for v in values):
            continue  # a claim no source denies is not the report called false
        for variant in finding.variants:
            if variant.value == "asserted":
                asserting.update(variant.sources)
            elif variant.value.startswith("denied"):
                denying.update(variant.sources)
    return {s.article_id for s in every} - refuting | (asserting - denying)


def _refuting(every: Sequence[Sentence]) -> set[str]:
    """The articles that call something false or tell that someone rejects a report."""
    return {s.article_id for s in every if calls_false(s.text) or rejects_report(s.text)}


def _unlabelled(sentence: Sentence) -> Sentence:
    """``sentence`` without a leading label ("Origins: On 7 May, …") and, when it ends on a
    colon (a quotation of the report follows it), ending on a full stop instead."""
    text = sentence.text.rstrip()
    label = _LEADING_LABEL.match(text)
    cut = label.end() if label else 0
    if cut == 0 and not text.endswith(":"):
        return sentence
    body = text[cut:]
    body = body[:-1] + "." if body.endswith(":") else body
    terms = content_terms(body)
    return replace(
        sentence,
        start=sentence.start + cut,
        text=body,
        terms=terms,
        stems=frozenset(stem_of(t) for t in terms),
    )


def _tellable(sentence: Sentence) -> bool:
    return bool(sentence.facts) and _reads_whole(sentence)


def _reads_whole(sentence: Sentence) -> bool:
    count = len(words(sentence.text))
    if not MIN_WORDS <= count <= MAX_WORDS or sentence.text.rstrip().endswith("?"):
        return False
    text = sentence.text
    if not stands_alone(text) or garbled(text) or addresses_reader(text):
        return False
    return has_finite_verb(text) and english(text)


def _may_open(sentence: Sentence) -> bool:
    """Whether ``sentence`` could open a brief: whole, not a quotation, telling an event on
    its own (no noun phrase leaning on a sentence before, no one called by the surname
    alone)."""
    if not _reads_whole(sentence) or _quotation(sentence) or sentence.by_surname:
        return False
    if sentence.unknown or sentence.pointed:
        return False
    return states_event(sentence.text) and not leaning_heads(sentence.text)


def _compose(told: _Told, length: int, findings: Sequence[Finding]) -> list[Sentence]:
    """The lead, the developments in the order told, then the state of the claims."""
    if not told.candidates:
        return []
    lead = _lead(told)
    outcome = calls_false(lead.text)
    claim = _claim(told, lead) if outcome and told.told_false else None
    status = None if outcome else _status(told, findings, [lead])
    denied = _denied(findings) or (status is not None and _tells_denial(status.text))
    settled = denied or (status is not None and _confirmed(told, status))
    if status is not None and not settled and length < 2:
        status = None  # a status that is no outcome is told only when there is room
    opening = [lead] + ([claim] if claim else [])
    room = length - len(opening) - (status is not None and not settled)
    body = _developments(
        told, room, opening + ([status] if status else []), status if settled else None
    )
    body.sort(key=lambda s: (s.rank, s.position))
    if status is not None and settled:
        _cite_outcome(told, status)
    told_order = _settle([*opening, *body, *([status] if status else [])])
    return _without_antecedent(told_order, status if settled else None)


def _tells_outcome(sentence: Sentence, outcome: Sentence) -> bool:
    """Whether ``sentence`` tells what ``outcome`` tells: a denial (:func:`_tells_denial`) or
    a confirmation (:func:`storyweave.brief.reading.confirms`, quotations included)."""
    if _tells_denial(outcome.text):
        return _tells_denial(sentence.text)
    return confirms(sentence.text, quotations=True)


def _cite_outcome(told: _Told, outcome: Sentence) -> None:
    """Keep as the sources of ``outcome`` (a denial or a confirmation) those whose supporting
    sentence tells it too (:func:`_tells_denial`, :func:`storyweave.brief.reading.confirms`,
    in its own words or those it quotes): an article telling what was denied ("… may be
    released as part of a cease-fire") shares the denial's words without supporting it."""
    support = told.support[outcome]
    kept = {}
    for article_id, at in support.items():
        said = told.every.get((article_id, at))
        if article_id == outcome.article_id or (said is not None and _tells_outcome(said, outcome)):
            kept[article_id] = at
    support.clear()
    support.update(kept)


def _claim(told: _Told, lead: Sentence) -> Sentence | None:
    """In a story told as a hoax whose outcome ``lead`` does not say what the report claimed,
    the sentence that does, to follow it (:meth:`_Told.states_claim`): the one sharing most
    words with the report, then the best supported, the earliest told; none that leans on
    something ``lead`` does not tell."""
    if told.states_claim(lead):
        return None
    found = [
        s
        for s in told.claims
        if told.states_claim(s)
        and s.text != lead.text
        and not _repeats(s, lead)
        and not _leans(s, [lead])
        and not _unnamed_people(s, lead)
    ]
    if not found:
        return None
    groups = told.groups

    def independent(sentence: Sentence) -> int:
        return len({groups.get(a, a) for a in told.claims[sentence]})

    claim = min(found, key=lambda s: (-told.claim_words(s), -independent(s), s.rank, s.position))
    told.support.setdefault(claim, told.claims[claim])
    return claim


def _lead(told: _Told) -> Sentence:
    """The sentence telling the event: of those that may open (:func:`_may_open`) and that two
    independent sources or more say in their leads, what most articles say in their leads
    (:meth:`_Told.lead_reach`: a copy corroborates nothing, but collapsing copies into one
    source must not make a background sentence a few outlets add outrank the event the
    copies carry), then what the headlines and the other leads echo most (:func:`_echo`),
    then the best supported, the more articles carrying it (copies show its reach), the
    earliest in its article, the more kinds of fact (who, when, how many) the better, the
    earliest article's; not a quotation nor a refusal to comment (reactions to the event).
    When none may open, an article's opening event (:func:`_opening_event`) opens instead. In
    a story the sources call false, a sentence that may open and calls the report false opens
    (:func:`_outcome_lead`)."""
    outcome = _outcome_lead(told) if told.told_false else None
    if outcome is not None:
        return outcome
    reactions = [s for s in told.candidates if _quotation(s) or refuses_comment(s.text)]
    unquoted = [s for s in told.candidates if s not in reactions] or told.candidates
    pool = [s for s in unquoted if min(s.position, s.prose) < LEAD_SENTENCES] or unquoted
    shared = min(pool, key=lambda s: (_leans_on_before(s), *_lead_rank(told, s), s.rank))
    opening = [s for s in pool if told.in_leads(s) >= 2 and _may_open(s)]
    if opening:
        leads = told.leads()
        return min(
            opening,
            key=lambda s: (
                -told.lead_reach(s),
                -round(_echo(told, s, leads), 6),
                *_lead_rank(told, s),
                s.rank,
            ),
        )
    return _opening_event(told) or shared


def _outcome_lead(told: _Told) -> Sentence | None:
    """Of the sentences that call the report false and may open but for telling no happening
    (the outcome may be a state: "X is alive, despite a hoax"), the one most independent
    sources say in their leads, then the one the headlines and the other leads echo most
    (:func:`_echo`: it names what the report was about, not another hoax), then the best
    supported, the earliest in its article."""
    found = [
        s
        for s in [*told.candidates, *told.openings]
        if calls_false(s.text)
        and _reads_whole(s)
        and (not _quotation(s) or _quotes_title(s) or told.states_claim(s))
        and not _leans_on_before(s)
    ]
    leads = told.leads()
    return (
        min(
            found,
            key=lambda s: (
                not told.states_claim(s),
                -told.in_leads(s),
                -round(_echo(told, s, leads), 6),
                *_lead_rank(told, s),
                s.rank,
            ),
        )
        if found
        else None
    )


def _unnamed_people(sentence: Sentence, before: Sentence) -> frozenset[str]:
    """The people ``sentence`` refers to by a pronoun ("a photo of him") without naming them,
    neither in it nor in ``before``."""
    named = sentence.named | sentence.in_full | before.named | before.in_full | before.people
    return sentence.people - named - sentence.by_surname


def _leans_on_before(sentence: Sentence) -> bool:
    """Whether ``sentence`` cannot open for leaning on a sentence before it: a noun phrase
    pointing back or someone called by the surname alone."""
    if sentence.by_surname or sentence.unknown or sentence.pointed:
        return True
    return bool(leaning_heads(sentence.text))


def _opening_event(told: _Told) -> Sentence | None:
    """The opening sentence (one of an article's first :data:`OPENING_SENTENCES` prose
    sentences) that tells an event, the one carried by the most articles (copies and sources
    citing it anywhere: its reach), then the one the story's headlines and the other
    independent sources' leads echo most (:func:`_echo`), then the earliest published."""
    openings = [
        s
        for s in [*told.candidates, *told.openings]
        if s.prose < OPENING_SENTENCES and _may_open(s)
    ]
    if not openings:
        return None
    reach = max(len(told.support[s]) for s in openings)
    widest = [s for s in openings if len(told.support[s]) == reach]
    leads = told.leads()
    return min(widest, key=lambda s: (-round(_echo(told, s, leads), 6), s.rank, s.position))


def _echo(told: _Told, sentence: Sentence, leads: Sequence[Sentence]) -> float:
    """How much the story says what ``sentence`` says: the sum, over its independent sources,
    of the best word overlap of ``sentence`` with their headlines (a headline states what its
    article is about) or, for sources other than its own, their lead sentences."""
    own = told.groups.get(sentence.article_id, sentence.article_id)
    best: dict[str, float] = {}
    for other in leads:
        group = told.groups.get(other.article_id, other.article_id)
        if group != own:
            best[group] = max(best.get(group, 0.0), similarity(sentence.stems, other.stems))
    for article_id, title in told.titles.items():
        group = told.groups.get(article_id, article_id)
        best[group] = max(best.get(group, 0.0), similarity(sentence.stems, title))
    return sum(best.values())


def _title_stems(articles: Sequence[Article]) -> dict[str, frozenset[str]]:
    return {
        a.id: frozenset(stem_of(t) for t in content_terms(a.title.value))
        for a in articles
        if a.title is not None
    }


def _lead_rank(told: _Told, sentence: Sentence) -> tuple[int, int, int, int, int]:
    return (
        -told.in_leads(sentence),
        -told.independent(sentence),
        -len(told.support[sentence]),
        sentence.position,
        -len(sentence.facts),
    )


def _quotes_title(sentence: Sentence) -> bool:
    """Whether what ``sentence`` quotes is a title ("an article titled “…”"), not someone's
    words."""
    opens = sentence.text.lstrip()[:1] in _QUOTE_MARKS
    return not opens and bool(_TITLE.search(sentence.text))


def _quotation(sentence: Sentence) -> bool:
    return FactKind.QUOTE in sentence.facts or sentence.text.lstrip()[:1] in _QUOTE_MARKS


def _developments(
    told: _Told, room: int, chosen: list[Sentence], outcome: Sentence | None = None
) -> list[Sentence]:
    """Up to ``room`` sentences, best supported first, each a fact not yet told (a repeat adds
    its sources to the sentence it repeats); a sentence that a single source gives only while
    the brief is under half its length. A sentence repeats ``outcome`` (a denial or a
    confirmation, of ``chosen``) only when it tells that outcome too: one sharing its words
    tells what was denied or confirmed ("Boko Haram's kidnapping of 276 schoolgirls …" beside
    "… denied agreeing to any cease-fire, and said he married off the schoolgirls …")."""
    others = [c for c in chosen if c is not outcome]
    picked: list[Sentence] = []
    multi_source = any(told.independent(s) >= 2 for s in told.candidates)
    for sentence in sorted(told.candidates, key=told.key):
        if len(picked) >= room:
            break
        if multi_source and told.independent(sentence) < 2 and len(picked) * 2 >= room:
            break
        if told.retells_report(sentence):
            continue  # the false report's own details, not to be told as fact
        said = _said_by(sentence, others + picked)
        if said is None and outcome is not None and _repeats(sentence, outcome):
            said = outcome if _tells_outcome(sentence, outcome) else None
        if said is not None:
            told.merge(said, sentence)
            continue
        if _leans(sentence, chosen + picked):
            continue
        picked.append(sentence)
    return picked


def _said_by(sentence: Sentence, chosen: Sequence[Sentence]) -> Sentence | None:
    """The sentence of ``chosen`` (the lead first) that says what ``sentence`` says, if any."""
    if retells_lead(sentence, chosen[0]):
        return chosen[0]
    return next((c for c in chosen if _repeats(sentence, c)), None)


def _leans(sentence: Sentence, others: Sequence[Sentence], named: bool = False) -> bool:
    """Whether a noun phrase of ``sentence`` leans on a sentence that none of ``others`` is,
    it calls someone by the surname alone whom none of ``others`` names in full, or it adds
    to the words of someone none of ``others`` names ("Orme added: …"). With ``named``, a
    noun phrase that a name after it says which does not lean (:func:`_named_head`)."""
    told = {t for o in others if o is not sentence for t in o.stems}
    introduced = {n for o in others if o is not sentence for n in o.in_full}
    heads = leaning_heads(sentence.text, told)
    if named:
        heads = [h for h in heads if not _named_head(sentence.text, h)]
    if heads or not sentence.by_surname <= introduced:
        return True
    if sentence.unknown and not sentence.unknown <= _mentioned_by(others, sentence):
        return True  # "Chowdry thinks …": someone the brief never said who is
    if any(not told.intersection(map(stem_of, p.split())) for p in sentence.pointed):
        return True  # "… at the gas station": a thing its article told of before, not the brief
    return _adds_to_someone_untold(sentence, others)


def _named_head(text: str, head: str) -> bool:
    """Whether ``text``'s noun phrase on ``head`` is said which by a name after it: "The
    leader of Boko Haram …", "The official at the Orne embassy …" (told as the outcome
    closing a brief, it needs no sentence before it; opening one, it might be background)."""
    pattern = rf"\b[Tt]he\s+{re.escape(head)}\s+(?:of|at|for)\s+(?:the\s+)?[A-Z]"
    return re.search(pattern, text) is not None


def _mentioned_by(others: Sequence[Sentence], sentence: Sentence) -> frozenset[str]:
    return frozenset(k for o in others if o is not sentence for k in mentioned(o.text))


def _adds_to_someone_untold(sentence: Sentence, others: Sequence[Sentence]) -> bool:
    if not _ADDED.search(_QUOTATION.sub(" ", sentence.text)):
        return False
    named = {n for o in others if o is not sentence for n in o.people | o.by_surname}
    return not (sentence.people | sentence.by_surname) & named


def _settle(sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` in order, except that one whose noun phrase leans on a later one ("The
    handset …" before the sentence naming the handset) moves just after it."""
    settled = list(sentences)
    for sentence in sentences[1:]:
        at = settled.index(sentence)
        if not _leans(sentence, settled[:at]):
            continue
        after = next(
            (j for j in range(at + 1, len(settled)) if not _leans(sentence, settled[: j + 1])), None
        )
        if after is not None:
            settled.insert(after, settled.pop(at))
    return settled


def _without_antecedent(
    sentences: list[Sentence], outcome: Sentence | None = None
) -> list[Sentence]:
    """``sentences`` less those after the first whose noun phrase leans on a sentence that
    none of the brief's sentences is (what it points to is never told); for ``outcome``, one
    that a name after it says which does not lean (:func:`_named_head`)."""
    return [
        s for s in sentences if s is sentences[0] or not _leans(s, sentences, named=s is outcome)
    ]


def _repeats(a: Sentence, b: Sentence) -> bool:
    """Whether two sentences state the same fact: their stems mostly the same, the shorter's
    largely found in the other (a fact retold with more detail), one event told in other
    words (:func:`storyweave.brief.repeats.same_event`), one measure in other units
    (:func:`storyweave.brief.repeats.same_measure`) or one speaker's check of a claim told
    twice (:func:`storyweave.brief.repeats.same_check`)."""
    if similarity(a.stems, b.stems) >= REDUNDANT or same_event(a, b):
        return True
    if same_measure(a, b) or same_check(a, b):
        return True
    shorter = min(len(a.stems), len(b.stems))
    return shorter > 0 and len(a.stems & b.stems) / shorter >= CONTAINED


def _status(told: _Told, findings: Sequence[Finding], chosen: list[Sentence]) -> Sentence | None:
    """The sentence giving the state of the claims at stake (see the module docstring)."""
    claims = [f for f in findings if f.kind == FactKind.CLAIM]
    if not _denied(claims):
        found = _denial(told, chosen) or _confirmation(told, chosen)
        if found is not None:
            return found
    if not claims:
        return None
    denied = _denied(claims)
    cue = _REFUTE if denied else _CONFIRM
    sources = {
        a
        for f in claims
        for v in f.variants
        if v.value.startswith("denied") == denied
        for a in v.sources
    }
    fitting = [
        s
        for s in told.candidates
        if s.article_id in sources
        and any(word_cues(w)[cue] for w in words(s.text))
        and not any(similarity(s.stems, c.stems) >= REDUNDANT for c in chosen)
        and not _leans(s, told.candidates)
    ]
    return min(fitting, key=told.key) if fitting else None


def _denial(told: _Told, chosen: list[Sentence]) -> Sentence | None:
    """When the ledger has no source denying a claim (often it has no claim at all): the
    sentence telling that the claim at stake is denied or rejected (:func:`_tells_denial`; a
    verdict such as "a hoax" only when :data:`DENIAL_SOURCES` independent sources give it),
    the one most independent sources give, then the earliest told. The claim at stake is
    what the headlines assert: the sentence shares :data:`CLAIM_WORDS` content stems with one
    of them, words for reports and falsehood aside, or it denies what its article reports by
    a word for it and its article tells the lead's event (:func:`_denies_lead`). None that
    repeats a chosen sentence telling a denial already (one retelling the lead's words adds
    that it is denied), or leans on something ``chosen`` does not tell (a noun phrase that a
    name after it says which aside: "The leader of Boko Haram has denied …")."""
    found = []
    for sentence in told.candidates:
        several = told.independent(sentence) >= DENIAL_SOURCES
        if not _tells_denial(sentence.text, several):
            continue
        said = sentence.stems - _FRAME_STEMS
        shared = max((len(said & t) for t in told.titles.values()), default=0)
        if shared < CLAIM_WORDS and not _denies_lead(told, sentence, chosen):
            continue  # of something else than the claim at stake
        if any(_repeats(sentence, c) and _tells_denial(c.text) for c in chosen):
            continue  # told already; one retelling the lead's words adds that it is denied
        if _leans(sentence, chosen, named=True):
            continue
        found.append(sentence)
    return min(found, key=told.key) if found else None


def _denies_lead(told: _Told, sentence: Sentence, chosen: list[Sentence]) -> bool:
    """Whether ``sentence`` denies what its article reports by a word for it ("denied the
    claims", "denied any such plans"), its article telling the lead's event: what it denies
    is what the brief opens on."""
    if not chosen or not _DENIES_REPORTED.search(sentence.text):
        return False
    return sentence.article_id in told.support.get(chosen[0], {})


def _confirmation(told: _Told, chosen: list[Sentence]) -> Sentence | None:
    """When the ledger has no source denying a claim and the sources tell no denial: the
    sentence telling that the claim at stake is confirmed (:func:`_confirmed`), the one most
    independent sources give, then the earliest told. The claim at stake is what the headlines
    assert: the sentence shares :data:`CLAIM_WORDS` content stems written in lower case with
    one of them (not only the names of the people a story is about: "Kestle confirmed it will
    open a plant" in a story about a Kestle strike), words for reports and falsehood
    aside. None that leans on something ``chosen`` does not tell,
    nor one repeating a sentence of ``chosen`` that tells the confirmation already: one
    repeating the lead's event adds who confirmed it ("officials said the video is
    authentic" after "a video purportedly shows …")."""
    found = []
    for sentence in told.candidates:
        if not _confirmed(told, sentence) or _quotation(sentence):
            continue
        said = _lower_stems(sentence.text) - _FRAME_STEMS
        shared = max((len(said & t) for t in told.titles.values()), default=0)
        if shared < CLAIM_WORDS:
            continue  # of something else than the claim at stake, or of its people alone
        if any(_repeats(sentence, c) and confirms(c.text) for c in chosen):
            continue
        if _leans(sentence, chosen, named=True):
            continue
        found.append(sentence)
    return min(found, key=told.key) if found else None


def _confirmed(told: _Told, sentence: Sentence) -> bool:
    """Whether ``sentence`` tells a confirmation (:func:`storyweave.brief.reading.confirms`:
    a verb of confirming or someone's verdict of authenticity, neither negated nor hedged)
    given as an authority's (an official, a spokesperson, a statement, a government) or told
    by :data:`CONFIRMATION_SOURCES` independent sources: not a claim merely repeated."""
    if not confirms(sentence.text):
        return False
    official = _OFFICIAL.search(_QUOTATION.sub(" ", sentence.text))
    return bool(official) or told.independent(sentence) >= CONFIRMATION_SOURCES


def _tells_denial(text: str, verdict: bool = True) -> bool:
    """Whether ``text`` tells a denial: someone denies ("denied agreeing to …", not "has not
    denied") or rejects a report ("dismissed claims that …"), or, with ``verdict``, it calls
    a report false by a word that does so whatever it is said of (a hoax, "not true"; not
    "satirical", "wrong" nor "fake"): one source's "a bomb hoax", "it is not a hoax" may tell
    of something else than the claim at stake, but a verdict several sources give does not."""
    if _NOT_DENIED.search(text):
        return False
    if _DENIAL.search(text) or rejects_report(text):
        return True
    return verdict and calls_false(text, report=True)


def _denied(findings: Sequence[Finding]) -> bool:
    return any(
        v.value.startswith("denied")
        for f in findings
        if f.kind == FactKind.CLAIM
        for v in f.variants
    )
