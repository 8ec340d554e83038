"""The stance model: features and word evidence of a (claim, article) pair, through a boosted
tree ensemble per class, to a stance.

Fitted by ``tools/stance_train.py`` on FNC-1's training split and shipped in this
package as ``stance_model.json``: ``labels`` (FNC-1's agree, disagree, discuss, unrelated),
``inputs`` (the names of the ensemble's input columns: :data:`FEATURE_NAMES` and then one word
score per related label), ``lexical`` (see :mod:`storyweave.stance.lexical`) and ``classes``:
one tree ensemble per label (see :mod:`storyweave.reuse.trees`) whose outputs, through a
softmax, are the labels' probabilities.

The stance given is the one that FNC-1's score expects to reward most: telling related from
unrelated earns a quarter, the right related label three quarters more, so a related label is
given when its own probability and the article's relatedness together make that worth more
than "unrelated".
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from storyweave.errors import StoryweaveError
from storyweave.ids import content_id
from storyweave.reuse import TreeEnsemble, ensemble_from_dict
from storyweave.stance.features import (
    FEATURE_NAMES,
    PreparedBody,
    PreparedClaim,
    best_sentences,
    pair_features,
    sentence_scores,
)
from storyweave.stance.lexical import LexicalModel, lexical_from_dict, passages, softmax

MODEL_PATH = Path(__file__).with_name("stance_model.json")
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
STANCES = ("supports", "denies", "discusses", "unrelated")
"""Our names for FNC-1's labels, in the same order."""
RELATED_CREDIT, LABEL_CREDIT = 0.25, 0.75  # FNC-1's score


@dataclass(frozen=True)
class PairInputs:
    """What the model reads of one pair, and the sentences it found matching the claim."""

    features: list[float]
    lexical: dict[int, float]
    best: list[int]  # indexes of the body's best-matching sentences, in text order
    scores: list[float]  # each sentence's match with the claim


@dataclass(frozen=True)
class StanceModel:
    """The shipped stance model (see the module's docstring)."""

    inputs: tuple[str, ...]
    lexical: LexicalModel
    classes: tuple[TreeEnsemble, ...]
    digest: str

    def pair_inputs(self, claim: PreparedClaim, body: PreparedBody) -> PairInputs:
        """The inputs of (claim, body)."""
        scores = sentence_scores(claim, body)
        best = best_sentences(scores)
        return PairInputs(
            pair_features(claim, body), self.lexical.row(passages(body, best)), best, scores
        )

    def probabilities(self, pairs: Sequence[PairInputs]) -> np.ndarray:
        """Probabilities of FNC-1's labels (:data:`FNC_LABELS`), one row per pair."""
        if not pairs:
            return np.zeros((0, len(FNC_LABELS)))
        words = self.lexical.probabilities([p.lexical for p in pairs])
        rows = np.hstack([np.array([p.features for p in pairs], dtype=np.float64), words])
        logits = np.column_stack([tree.predict(rows) for tree in self.classes])
        return softmax(logits)


def decide(probabilities: np.ndarray) -> np.ndarray:
    """For each row of label probabilities, the index of the label with the highest expected
    FNC-1 score (see the module's docstring)."""
    related = probabilities[:, :3].sum(axis=1, keepdims=True)
    expected = np.hstack(
        [
            RELATED_CREDIT * related + LABEL_CREDIT * probabilities[:, :3],
            RELATED_CREDIT * probabilities[:, 3:4],
        ]
    )
    out: np.ndarray = expected.argmax(axis=1)
    return out


def model_from_dict(data: Mapping[str, Any], digest: str = "") -> StanceModel:
    """The model described by ``data`` (see the module's docstring)."""
    inputs = tuple(data["inputs"])
    expected = (*FEATURE_NAMES, *(f"words_{label}" for label in FNC_LABELS[:3]))
    if inputs != expected:
        raise ValueError("the model's inputs are not the features this version computes")
    if tuple(data["labels"]) != FNC_LABELS:
        raise ValueError(f"the model's labels are not {FNC_LABELS}")
    classes = tuple(ensemble_from_dict({"inputs": inputs, **tree}) for tree in data["classes"])
    if len(classes) != len(FNC_LABELS):
        raise ValueError("the model needs one tree ensemble per label")
    return StanceModel(inputs, lexical_from_dict(data["lexical"]), classes, digest)


def load_model(path: Path = MODEL_PATH) -> StanceModel:
    """The stance model in the JSON file at ``path``; :class:`StoryweaveError` naming the file
    when it is missing or not such a model."""
    try:
        text = path.read_text(encoding="utf-8")
        return model_from_dict(json.loads(text), content_id("stance model", text))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StoryweaveError(f"{path}: not a stance model ({error})") from error


@lru_cache(maxsize=1)
def default_model() -> StanceModel:
    """The shipped model, read once per process."""
    return load_model(MODEL_PATH)
