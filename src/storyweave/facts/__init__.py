"""facts stage: claim extraction from one article (pure, per document).

:func:`extract_claims` returns the article's quotes, quantities, dates and name mentions as
:class:`~storyweave.records.Claim` records whose offsets index ``Article.text`` exactly. Names
come from a NER model when it is installed (:mod:`storyweave.facts.ner`; ``STORYWEAVE_NER=off``
turns it off) and from capitalisation rules otherwise; everything else is rule-based. Pronouns
(``he``, ``she``, ``his``, ``her``…) are linked to the person they stand for.
"""

from __future__ import annotations

from storyweave.facts.common import SpanIndex
from storyweave.facts.dates import extract_dates
from storyweave.facts.names import extract_names
from storyweave.facts.ner import entities, model_available, ner_enabled
from storyweave.facts.pronouns import pronoun_claims
from storyweave.facts.quantities import UNIT_WORDS, extract_quantities
from storyweave.facts.quotes import extract_quotes, quote_spans
from storyweave.records import Article, Claim

__all__ = [
    "UNIT_WORDS",
    "extract_claims",
    "extract_quantities",
    "model_available",
    "ner_enabled",
]


def extract_claims(article: Article, *, ner: bool | None = None) -> list[Claim]:
    """All claims of ``article``, sorted by (start, kind).

    ``ner``: use the NER model for names (True), the rules alone (False), or decide by
    :func:`~storyweave.facts.ner.ner_enabled` (None: on when installed, unless
    ``STORYWEAVE_NER=off``). A quantity or name that overlaps a date (``2022 elections``,
    ``December``) is dropped: the date reading wins. Pronouns linked to a person
    (:mod:`storyweave.facts.pronouns`) are ``name`` claims with ``attrs["mention"] ==
    "pronoun"``; quote speakers given by a pronoun take the same person.
    """
    found = entities(article.text) if ner_enabled(ner) else None
    dates = extract_dates(article)
    date_spans = SpanIndex((c.start, c.end) for c in dates)
    names = [c for c in extract_names(article, found) if not date_spans.overlaps((c.start, c.end))]
    quantities = [
        c for c in extract_quantities(article) if not date_spans.overlaps((c.start, c.end))
    ]
    spans = quote_spans(article.text)
    names += pronoun_claims(article, names, spans)
    quotes = extract_quotes(article, names, spans)
    claims = dates + names + quantities + quotes
    return sorted(claims, key=lambda c: (c.start, c.kind, c.end))
