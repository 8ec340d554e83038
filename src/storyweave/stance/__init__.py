"""Claim stance: does an article support a claim, deny it, report it without taking a side
(discusses), or say nothing of it (unrelated)? Learned from FNC-1's training split; see
:mod:`storyweave.stance.model`.
"""

from __future__ import annotations

from storyweave.stance.judge import claim_id, judge
from storyweave.stance.model import STANCES, StanceModel, default_model, load_model

__all__ = ["STANCES", "StanceModel", "claim_id", "default_model", "judge", "load_model"]
