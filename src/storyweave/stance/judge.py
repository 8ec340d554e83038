"""Judge how articles stand toward claims: a pure function of the texts and the model.

Each claim and each article is prepared once, whatever the number of pairs; the model then reads
all pairs in one batch. Every stance comes with the sentences that show it, as spans of the
article's text:

- ``supports``: the sentences that match the claim best;
- ``discusses``: the best match, then a refutation near the best matches if there is one (an
  article that reports someone's denial discusses the claim), else the second best match;
- ``denies``: first those of the best-matching sentences, or of their neighbours, that hold a
  refutation cue ("hoax", "denied", "not true"), then the best match;
- ``unrelated``: the closest sentence there is, if any shares a word with the claim.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from storyweave.ids import content_id
from storyweave.records import Article, Span, Stance
from storyweave.stance.features import (
    GROUPS,
    PreparedBody,
    PreparedClaim,
    prepare_body,
    prepare_claim,
)
from storyweave.stance.model import STANCES, PairInputs, StanceModel, decide, default_model
from storyweave.text import normalize

MAX_EVIDENCE = 2
_REFUTE = GROUPS.index("refute")


def claim_id(claim: str) -> str:
    """The content id of a claim's text (typography and outer spaces ignored)."""
    return content_id("claim", normalize(claim).strip())


def judge(
    claims: Sequence[str],
    articles: Sequence[Article],
    pairs: Sequence[tuple[int, int]] | None = None,
    model: StanceModel | None = None,
) -> list[Stance]:
    """The stance of each article toward each claim: for every (claim index, article index) in
    ``pairs``, or every combination when ``pairs`` is None, in that order."""
    if pairs is None:
        pairs = [(c, a) for c in range(len(claims)) for a in range(len(articles))]
    prepared_claims = {c: prepare_claim(claims[c]) for c in sorted({c for c, _ in pairs})}
    bodies = {a: prepare_body(articles[a].text) for a in sorted({a for _, a in pairs})}
    ids = [a.id for a in articles]
    return judge_prepared(prepared_claims, bodies, ids, pairs, model)


def judge_prepared(
    claims: Mapping[int, PreparedClaim],
    bodies: Mapping[int, PreparedBody],
    article_ids: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    model: StanceModel | None = None,
) -> list[Stance]:
    """:func:`judge` over claims and bodies already prepared (by claim and article index),
    for callers that read the prepared texts themselves."""
    model = model or default_model()
    inputs = [model.pair_inputs(claims[c], bodies[a]) for c, a in pairs]
    probabilities = model.probabilities(inputs)
    chosen = decide(probabilities)
    stances = []
    for (c, a), found, row, label in zip(pairs, inputs, probabilities, chosen, strict=True):
        stance = STANCES[int(label)]
        stances.append(
            Stance(
                claim_id=claim_id(claims[c].text),
                claim=claims[c].text,
                article_id=article_ids[a],
                stance=stance,
                score=round(float(row[label]), 4),
                evidence=evidence(stance, found, bodies[a]),
                probabilities={s: round(float(p), 4) for s, p in zip(STANCES, row, strict=True)},
                model=model.digest,
            )
        )
    return stances


def evidence(stance: str, found: PairInputs, body: PreparedBody) -> tuple[Span, ...]:
    """The sentences that show ``stance`` (see the module's docstring), in text order."""
    by_match = sorted(found.best, key=lambda i: (-found.scores[i], i))
    near = sorted({j for i in found.best for j in (i - 1, i, i + 1) if 0 <= j < len(body.spans)})
    refuting = [i for i in near if body.sentence_cues[i][_REFUTE]]
    if stance == "unrelated":
        chosen = by_match[:1]
    elif stance == "denies":
        chosen = (refuting + [i for i in by_match if i not in refuting])[:MAX_EVIDENCE]
    elif stance == "discusses" and refuting:
        chosen = [*by_match[:1], *[i for i in refuting if i not in by_match[:1]]][:MAX_EVIDENCE]
    else:
        chosen = by_match[:MAX_EVIDENCE]
    return tuple(
        Span(body.spans[i][0], body.spans[i][1], body.text[body.spans[i][0] : body.spans[i][1]])
        for i in sorted(chosen)
    )
