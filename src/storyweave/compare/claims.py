"""Claims at stake: what a story's headlines assert, and where each source stands on it.

A story is about a few claims: what its articles' headlines (else their lead sentences) assert.
A headline that negates or refutes ("No, X is not Y", "X is a hoax") is left out: the stance
model reads denials of a negative claim the wrong way round.
Headlines that say the same thing (most of their content words shared) are one claim; the
claims asserted by the most articles come first, at most :data:`MAX_CLAIMS`. Each article's
stance toward each claim comes from the stance model (:mod:`storyweave.stance`), and articles
that copy one another count as one source.

A finding of kind ``claim`` lists the sources that assert the claim, those that deny it, and
those that report it without taking a side. Its status:

- ``disputed`` when independent sources assert it and another denies it *in its own voice*;
- a denial the article attributes to someone ("the ministry denied …", "… is false, a spokesman
  said", a denial inside a quotation) is that party's denial, reported by the article: it
  becomes a variant "denied by PARTY (as reported)" and is no conflict between sources; so
  does an article that reports the claim without taking a side when its evidence is such an
  attributed refutation;
- otherwise ``corroborated`` (two or more independent sources assert it) or ``single-source``;
  here a source asserts the claim only when its stating sentence holds
  :data:`MIN_CORROBORATING_COVERAGE` of the claim's words: one that states part of it
  ("the ferry's last crossing from Kestle in 2019" for "Ferry back in service at Kestle") is
  listed apart, as supporting it with a sentence that states part of it.

Precision first: a source counts only when it uses every rare word of the claim (names,
numbers, uncommon terms: otherwise it is about something else, however close its topic); it
counts as asserting or denying only when the model gives that stance at least
:data:`MIN_STANCE` (:data:`MIN_OWN_DENIAL` for a denial in the outlet's own voice) and one of
its sentences states most of the claim (:data:`MIN_ASSERTED_COVERAGE` of its words, weighed by
rarity; :data:`MIN_DENIED_COVERAGE` for a denial, which often names less of what it denies),
at least :data:`MIN_PLAIN_COVERAGE` of its words however rare, and every number of it. A source
whose stating sentence hedges ("reportedly", "according to") reports the claim without taking
a side. A denial counts as the outlet's own only when one of its evidence sentences holds a
refutation cue ("false", "hoax", "debunked") that it attributes to nobody (who a refutation is
attributed to is read in :mod:`storyweave.compare.denials`); a denial that no evidence sentence
words is left out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.compare.common import StoryContext, make_finding
from storyweave.compare.denials import REFUTE, denying_party, reported_denial, speaker_like
from storyweave.lexicon import is_function_word
from storyweave.records import Article, FactKind, Finding, FindingStatus, Span, Stance, Variant
from storyweave.stance import (
    GROUPS,
    PreparedBody,
    PreparedClaim,
    judge_prepared,
    prepare_body,
    prepare_claim,
    rare_missing,
    sentence_scores,
    stem_of,
    tokens,
    word_cues,
)
from storyweave.text import sentence_spans

MAX_CLAIMS = 3
MIN_CLAIM_WORDS = 4  # content words a headline or lead needs to be a claim
MAX_CLAIM_WORDS = 45  # a longer lead sentence is no claim a reader can take in
SAME_CLAIM = 0.5  # Jaccard of content stems above which two headlines are one claim
MIN_STANCE = 0.5  # probability a stance needs to count as asserting or denying
MIN_OWN_DENIAL = 0.75  # for a denial in the outlet's own voice, which makes a claim disputed
MIN_ASSERTED_COVERAGE = 0.6  # of the claim's (rarity-weighted) words, in one sentence
MIN_DENIED_COVERAGE = 0.4
MIN_PLAIN_COVERAGE = 0.5  # of the claim's words, unweighted, in that sentence
MIN_CORROBORATING_COVERAGE = 0.8  # of the claim's words, for a source that corroborates it
MAX_MISSING_RARITY = 0.6  # an asserting sentence has every claim word rarer than this share
# of the claim's rarest ("MAKING MARKET FOR GM STOCK" is not stated by a market in USAir)
_TICKER = re.compile(r"<[^<>\s]{1,12}>")  # "<HT>": a wire story's stock symbol, no claim word
# a headline's figure in billions or millions by a letter ("$2.5B", "73M", "£4bn"), which an
# article writes in words ("$2.5 billion"): the letter is read as the word, else the claim's
# "5b" is a rare word no article uses. A lower-case "b" or "m" only after a currency sign
# ("100m" may be metres).
_SCALED = re.compile(
    r"(?P<figure>(?P<currency>[$£€]\s?)?\d[\d.,]*)(?P<scale>\s?[bm]n|[bm])\b", re.IGNORECASE
)
MIN_SHARED_DETAIL = 0.15  # Dice of two stating sentences' words besides the claim's
MIN_SAME_SENTENCE = 0.5  # Dice of two stating sentences' words, for a claim that is a lead
_REPORTING = frozenset("reporting expected expects cites cited".split())
MAX_VALUE_CHARS = 200
_HEDGE = GROUPS.index("hedge")
ASSERTED = "asserted"
DENIED = "denied"
DISCUSSED = "reported without taking a side"
PARTLY = "supported by a sentence that states part of it"


@dataclass(frozen=True)
class _Claim:
    text: str
    stems: frozenset[str]
    articles: tuple[str, ...]  # those whose headline or lead asserts it, story order


def claim_findings(
    ctx: StoryContext, articles: Sequence[Article], headline: str = ""
) -> list[Finding]:
    """``claim`` findings of the story (see the module's docstring)."""
    members = [a for a in articles if a.id in ctx.texts]
    members.sort(key=lambda a: (ctx.order.get(a.id, len(ctx.order)), a.id))
    claims = claims_at_stake(members, headline)
    if not claims or len({ctx.groups.get(a.id, a.id) for a in members}) < 2:
        return []
    prepared = dict(enumerate(prepare_claim(_claim_words(c.text)) for c in claims))
    bodies = dict(enumerate(prepare_body(a.text) for a in members))
    pairs = [(c, a) for c in prepared for a in bodies]
    stances = judge_prepared(prepared, bodies, [a.id for a in members], pairs)
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    coverage: dict[tuple[str, str], _Statement] = {}
    for (c, a), stance in zip(pairs, stances, strict=True):
        claim_text, body = prepared[c], bodies[a]
        if rare_missing(claim_text, body):
            continue  # the article never names what the claim is about: not about it
        by_claim[stance.claim].append(stance)
        coverage[stance.claim, stance.article_id] = _stated(claim_text, body)
    findings = []
    for claim in claims:
        finding = _claim_finding(ctx, claim, by_claim[claim.text], coverage)
        if finding is not None:
            findings.append(finding)
    return findings


def _claim_words(text: str) -> str:
    """A claim's text as its words are compared with an article's: stock symbols left out,
    figures in billions or millions by a letter spelled out (:data:`_SCALED`)."""

    def spell(match: re.Match[str]) -> str:
        scale = match.group("scale").strip()
        if scale in ("b", "m") and not match.group("currency"):
            return match.group()  # "100m": metres, perhaps
        return match.group("figure") + (" billion" if scale[0] in "bB" else " million")

    return _SCALED.sub(spell, _TICKER.sub(" ", text))


@dataclass(frozen=True)
class _Statement:
    """The sentence of an article that states most of a claim."""

    coverage: float  # weighted share of the claim's words
    hedged: bool  # "reportedly", "according to": it reports the claim, does not assert it
    span: Span | None
    stems: frozenset[str] = frozenset()
    complete: bool = False  # it leaves out none of the claim's rarest words
    plain: float = 0.0  # share of the claim's words it holds, however rare


_NOTHING_STATED = _Statement(0.0, False, None)


def _stated(claim: PreparedClaim, body: PreparedBody) -> _Statement:
    """The article's sentence that states most of the claim, among those that also give every
    number of the claim (a sentence with other figures is about another sale, auction or
    forecast) and at least :data:`MIN_PLAIN_COVERAGE` of its words."""
    scores = sentence_scores(claim, body, holds=_has_word)  # "fired" states a claim's "fire"
    rarest = max(claim.weights.values(), default=0.0)
    rare = {w for w, weight in claim.weights.items() if weight > MAX_MISSING_RARITY * rarest}
    best = _NOTHING_STATED
    for index, (score, stems) in enumerate(zip(scores, body.sentence_stems, strict=True)):
        complete = all(_has_word(stems, word) for word in rare)
        if (complete, score) <= (best.complete, best.coverage) or not claim.numbers <= stems:
            continue
        if len(claim.weights.keys() & stems) < MIN_PLAIN_COVERAGE * len(claim.weights):
            continue  # its rarest words alone: "Allis-Chalmers said it asked"
        start, end = body.spans[index]
        text = body.text[start:end]
        hedged = bool(body.sentence_cues[index][_HEDGE]) or _reporting(text)
        plain = sum(_has_word(stems, w) for w in claim.weights) / len(claim.weights)
        best = _Statement(score, hedged, Span(start, end, text), stems, complete, plain)
    return best


def _has_word(stems: frozenset[str], stem: str) -> bool:
    """Whether ``stems`` hold ``stem`` or an inflection of it (``vote``/``vot`` of "voted")."""
    if stem in stems:
        return True
    prefix = stem[: min(5, max(3, len(stem) - 1))]
    return any(s.startswith(prefix) for s in stems)


def claims_at_stake(articles: Sequence[Article], headline: str = "") -> list[_Claim]:
    """The story's claims: its headlines (else lead sentences), one per set of headlines that
    say the same, those asserted by the most articles first (then the earliest)."""
    candidates: list[tuple[str, str]] = []  # (article id, text)
    if headline and not headline.isupper():  # a story named by a wire slug: see below
        candidates.append(("", headline))
    for article in articles:
        title = article.title.value if article.title else ""
        if title.isupper():
            # A wire slug ("CBT 10 YEAR NOTES CLSG 7-APR"), a label rather than a sentence a
            # reader can check; the leads of such stories are table lines ("Shr 12 cts vs 10
            # cts") as often as sentences, so the article puts no claim at stake.
            continue
        text = title or _lead(article.text)
        if text and not text.isupper():  # an untitled table's heading: "TIN PRICES MIDDAY SESSION"
            candidates.append((article.id, text))
    groups: list[tuple[str, frozenset[str], list[str]]] = []
    for article_id, text in candidates:
        stems = _stems(text)
        if len(stems) < MIN_CLAIM_WORDS or len(stems) > MAX_CLAIM_WORDS:
            continue
        if not text.lstrip(" \"“‘'([").lstrip()[:1].isalpha():
            continue  # "1.25 compared with 1.21 yesterday.": the rest of a table line
        if _negative(text):
            continue  # "No, X did not ...": supporting and denying it read the wrong way round
        for _, known, members in groups:
            if _jaccard(stems, known) >= SAME_CLAIM:
                members.append(article_id)
                break
        else:
            groups.append((text, stems, [article_id]))
    ranked = sorted(
        enumerate(groups), key=lambda item: (-len({m for m in item[1][2] if m}), item[0])
    )
    return [
        _Claim(text, stems, tuple(m for m in members if m))
        for _, (text, stems, members) in ranked[:MAX_CLAIMS]
    ]


def _negative(claim: str) -> bool:
    """Whether a claim is itself a negation or a refutation ("X is a hoax", "no cases")."""
    return any(
        cues[GROUPS.index("negate")] or cues[REFUTE] for cues in map(word_cues, _words(claim))
    )


def _words(text: str) -> list[str]:
    return [w for w, _, _ in tokens(text)]


def _lead(text: str) -> str:
    for start, end in sentence_spans(text)[:3]:
        if MIN_CLAIM_WORDS <= len(_stems(text[start:end])) <= MAX_CLAIM_WORDS:
            return " ".join(text[start:end].split())
    return ""


def _stems(text: str) -> frozenset[str]:
    return frozenset(
        stem_of(w)
        for w, _, _ in tokens(text)
        if w != "?" and not is_function_word(w) and len(w) > 1
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _claim_finding(
    ctx: StoryContext,
    claim: _Claim,
    stances: list[Stance],
    coverage: dict[tuple[str, str], _Statement],
) -> Finding | None:
    asserting, own_denials, discussing = [], [], []
    statements: dict[str, _Statement] = {}
    parties: dict[str, list[str]] = defaultdict(list)
    evidence = []
    for stance in sorted(stances, key=lambda s: (ctx.order.get(s.article_id, 0), s.article_id)):
        statement = coverage.get((stance.claim, stance.article_id), _NOTHING_STATED)
        said = statement.coverage
        if stance.probabilities.get("supports", 0.0) >= MIN_STANCE:
            if said < MIN_ASSERTED_COVERAGE or not statement.complete:
                continue  # supportive, but no sentence of it states the claim
            if statement.hedged:
                discussing.append(stance.article_id)
            else:
                asserting.append(stance.article_id)
                statements[stance.article_id] = statement
            evidence.append(_evidence_line(stance, statement.span))
            continue
        elif (denial := stance.probabilities.get("denies", 0.0)) >= MIN_STANCE:
            if said < MIN_DENIED_COVERAGE:
                continue  # a denial, but of something its sentences do not tie to the claim
            party = denying_party(stance.evidence)
            if party == "" or (party is not None and not speaker_like(party)):
                continue  # no sentence words the denial, or nobody says who denies: unsure
            if party is None:
                if denial < MIN_OWN_DENIAL:
                    continue  # an outlet calling a claim false is an accusation: be sure
                own_denials.append(stance.article_id)
            else:
                parties[party].append(stance.article_id)
        elif stance.stance == "discusses":
            party = reported_denial(stance.evidence)
            if party is None or not speaker_like(party):
                discussing.append(stance.article_id)
            else:
                parties[party].append(stance.article_id)
        else:
            continue
        evidence.append(_evidence_line(stance))
    supporting = {
        ctx.groups.get(s.article_id, s.article_id)
        for s in stances
        if s.probabilities.get("supports", 0.0) >= MIN_STANCE
    }
    deniers = {ctx.groups.get(a, a) for a in own_denials} - supporting
    asserting = _telling_the_same(claim, asserting, statements)
    partly: list[str] = []
    if not deniers:
        # Sources agreeing is a verdict too: each must state the claim itself, not a sentence
        # that shares some of its words (another match of the player, another month's figure).
        partly = [a for a in asserting if statements[a].plain < MIN_CORROBORATING_COVERAGE]
        asserting = [a for a in asserting if a not in partly]
    independent = {ctx.groups.get(a, a) for a in asserting}
    if not asserting:
        return None
    status = FindingStatus.CORROBORATED if len(independent) >= 2 else FindingStatus.SINGLE_SOURCE
    if deniers:
        status = FindingStatus.DISPUTED
    variants = [Variant(ASSERTED, ctx.sort_articles(asserting))]
    if partly:
        variants.append(Variant(PARTLY, ctx.sort_articles(partly)))
    if own_denials:
        variants.append(Variant(DENIED, ctx.sort_articles(own_denials)))
    for party, sources in sorted(parties.items()):
        variants.append(Variant(f"denied by {party} (as reported)", ctx.sort_articles(sources)))
    if discussing:
        variants.append(Variant(DISCUSSED, ctx.sort_articles(discussing)))
    return make_finding(ctx, FactKind.CLAIM, status, _shorten(claim.text), variants, evidence)


def _reporting(sentence: str) -> bool:
    """Whether a sentence relays a report or an expectation rather than stating a fact."""
    return any(w in _REPORTING for w, _, _ in tokens(sentence))


def _telling_the_same(
    claim: _Claim, asserting: list[str], statements: dict[str, _Statement]
) -> list[str]:
    """The asserting articles that tell the same event as the claim's own article: linked to
    it through stating sentences that share details beyond the claim's words (who, where, how
    many: :data:`MIN_SHARED_DETAIL` of them). Sentences that share nothing but the claim's
    words are about another sale, filing or ruling that a headline's words happen to fit."""
    if not asserting:
        return []
    own = [a for a in claim.articles if a in statements]
    linked = [own[0] if own else asserting[0]]
    details = {a: statements[a].stems - claim.stems for a in asserting}
    needed = MIN_SHARED_DETAIL
    if not details[linked[0]]:
        # The claim is its article's lead sentence, details and all: the others' sentences
        # must be mostly the same words.
        details = {a: statements[a].stems for a in asserting}
        needed = MIN_SAME_SENTENCE
    waiting = [a for a in asserting if a not in linked]
    grown = True
    while grown:
        grown = False
        for article in list(waiting):
            if any(_dice(details[article], details[k]) >= needed for k in linked):
                linked.append(article)
                waiting.remove(article)
                grown = True
    return [a for a in asserting if a in linked]


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / max(1, len(a) + len(b))


def _evidence_line(stance: Stance, stating: Span | None = None) -> str:
    """The stance with its evidence: the sentence that states the claim, else the model's."""
    span = stating or (stance.evidence[0] if stance.evidence else None)
    quoted = _shorten(span.text, 160) if span else ""
    where = f" at {span.start}-{span.end}" if span else ""
    return f"{stance.article_id} {stance.stance} ({stance.score:.2f}){where}: “{quoted}”"


def _shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
