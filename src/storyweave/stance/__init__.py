"""Claim stance: does an article support a claim, deny it, report it without taking a side
(discusses), or say nothing of it (unrelated)? Learned from FNC-1's training split; see
:mod:`storyweave.stance.model`.

Besides the verdict, the stage lends the pieces it is made of to the stages after it: claims and
bodies prepared once and judged many times (``prepare_claim``, ``prepare_body``,
``judge_prepared``), its word stems (``stem_of``) and its cue words (``GROUPS``, ``word_cues``).
"""

from __future__ import annotations

from storyweave.stance.features import (
    GROUPS,
    PreparedBody,
    PreparedClaim,
    prepare_body,
    prepare_claim,
    rare_missing,
    sentence_scores,
    stem_of,
    tokens,
    word_cues,
)
from storyweave.stance.judge import claim_id, judge, judge_prepared
from storyweave.stance.model import STANCES, StanceModel, default_model, load_model

__all__ = [
    "GROUPS",
    "STANCES",
    "PreparedBody",
    "PreparedClaim",
    "StanceModel",
    "claim_id",
    "default_model",
    "judge",
    "judge_prepared",
    "load_model",
    "prepare_body",
    "prepare_claim",
    "rare_missing",
    "sentence_scores",
    "stem_of",
    "tokens",
    "word_cues",
]
