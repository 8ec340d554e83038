"""Signs of spinning and the evidence text that tells what each rests on."""

from __future__ import annotations

import math
from dataclasses import dataclass

from storyweave.reuse.spin.features import (
    NO_SYNONYM,
    PLAIN_PAIR,
    RARE_PAIR,
    STRONG_PLAIN_PAIR,
    UNFAMILIAR,
    WordFeature,
)
from storyweave.reuse.spin.lexicon import Lexicon


@dataclass(frozen=True)
class SpinSign:
    """One sign of spinning: a span of the text and what it was compared with."""

    kind: str  # MANGLED_NAME | MULTIWORD_NAME | "improbable word" | "improbable collocation"
    start: int
    end: int
    text: str
    compared: str  # what the span was compared with, in words
    weight: float = 0.0

    def describe(self) -> str:
        """The sign as one line of evidence."""
        return f'{self.kind} "{self.text}" at {self.start}-{self.end}: {self.compared}'


def _sign_kind(feature: WordFeature) -> str:
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        return "improbable collocation"
    return "improbable word"


def _why(feature: WordFeature, lexicon: Lexicon) -> str:
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(feature.word)
    if feature.familiarity == UNFAMILIAR:
        why = "word unknown to the frequency list and the thesaurus, no misspelling of a word"
    elif feature.gap == NO_SYNONYM:
        why = f"rare word (Zipf {zipf:.1f}), no thesaurus entry"
    else:
        why = (
            f'word of Zipf {zipf:.1f}; its synonym "{feature.best}" is of Zipf '
            f"{feature.best_zipf:.1f}"
        )
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        why += (
            f'; its word pair here is no common English pair, while "{feature.plain_pair}" is '
            f"({feature.plain_count:,} in Google Books)"
        )
    elif feature.pair == RARE_PAIR:
        why += "; its word pair here is no common English pair"
    if lexicon.vectors is not None and not math.isnan(feature.fit):
        why += f"; fit with its context {feature.fit:.2f}"
        if feature.fitting_synonym and feature.synonym_fit > feature.fit:
            why += f', its synonym "{feature.fitting_synonym}" fits at {feature.synonym_fit:.2f}'
    elif lexicon.vectors is not None:
        why += "; no word vector"
    return why
