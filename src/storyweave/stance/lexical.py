"""Word evidence for stance: TF-IDF of an article's key passages and a softmax over it.

Cue lists (:mod:`storyweave.stance.features`) name the words everyone knows to signal a stance;
many more do it less plainly ("sceptics", "stunt", "turned out"). A linear model over the words
and word pairs of two passages learns them from FNC-1's training split:

- the article's sentences that match the claim best (where it says what it makes of the claim),
- its lead (the first :data:`LEAD_SENTENCES` sentences: how it frames the story).

Each passage is a bag of terms weighed as scikit-learn's ``TfidfVectorizer`` does with
``sublinear_tf`` (1 + log of the count, times the term's idf, scaled to length 1) over a fixed
vocabulary; the model's three outputs (agree, disagree, discuss) become inputs of the tree
ensemble. Vocabulary, idf and weights ship in the model file; reading them needs only numpy.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from storyweave.stance.features import PreparedBody, tokens

LEAD_SENTENCES = 5
PASSAGES = ("best", "lead")


def terms(text: str) -> list[str]:
    """Lower-cased words of ``text`` and each pair of neighbouring words."""
    words = [w for w, _, _ in tokens(text)]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def passages(body: PreparedBody, best: Sequence[int]) -> tuple[str, str]:
    """The text of the sentences ``best`` and of the lead of ``body``."""
    text = body.text
    chosen = " ".join(text[body.spans[i][0] : body.spans[i][1]] for i in best)
    lead = " ".join(text[s:e] for s, e in body.spans[:LEAD_SENTENCES])
    return chosen, lead


@dataclass(frozen=True)
class Vocabulary:
    """Terms with their column and idf."""

    index: Mapping[str, int]
    idf: np.ndarray

    def weights(self, text: str) -> dict[int, float]:
        """``text``'s sublinear TF-IDF vector, scaled to length 1, as {column: value}."""
        counts = Counter(t for t in terms(text) if t in self.index)
        row = {
            self.index[t]: (1.0 + math.log(n)) * float(self.idf[self.index[t]])
            for t, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in row.values()))
        return {k: v / norm for k, v in row.items()} if norm else {}


def fit_vocabulary(texts: Iterable[str], size: int, min_df: int) -> Vocabulary:
    """The ``size`` most frequent terms found in at least ``min_df`` of ``texts``, with the
    smoothed idf ``ln((1 + n) / (1 + df)) + 1``; ties broken by the term, so it is stable."""
    counts: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    documents = 0
    for text in texts:
        documents += 1
        found = terms(text)
        counts.update(found)
        frequency.update(set(found))
    kept = sorted((t for t in counts if frequency[t] >= min_df), key=lambda t: (-counts[t], t))
    kept = sorted(kept[:size])
    idf = np.array([math.log((1 + documents) / (1 + frequency[t])) + 1.0 for t in kept])
    return Vocabulary({t: i for i, t in enumerate(kept)}, idf)


@dataclass(frozen=True)
class LexicalModel:
    """One vocabulary per passage and a softmax over their concatenated vectors."""

    vocabularies: tuple[Vocabulary, ...]
    coef: np.ndarray  # (classes, columns of all vocabularies)
    intercept: np.ndarray  # (classes,)

    def offsets(self) -> list[int]:
        starts, total = [], 0
        for vocabulary in self.vocabularies:
            starts.append(total)
            total += len(vocabulary.index)
        return starts

    def row(self, texts: Sequence[str]) -> dict[int, float]:
        """The sparse input row of one pair's passages (one text per vocabulary)."""
        out: dict[int, float] = {}
        for start, vocabulary, text in zip(self.offsets(), self.vocabularies, texts, strict=True):
            out.update({start + k: v for k, v in vocabulary.weights(text).items()})
        return out

    def probabilities(self, rows: Sequence[Mapping[int, float]]) -> np.ndarray:
        """Class probabilities for each sparse row, shape ``(len(rows), classes)``."""
        logits = np.tile(self.intercept, (len(rows), 1))
        for i, row in enumerate(rows):
            if row:
                columns = np.fromiter(row.keys(), dtype=np.int64, count=len(row))
                values = np.fromiter(row.values(), dtype=np.float64, count=len(row))
                logits[i] += self.coef[:, columns] @ values
        return softmax(logits)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    out: np.ndarray = shifted / shifted.sum(axis=1, keepdims=True)
    return out


def lexical_to_dict(model: LexicalModel) -> dict[str, object]:
    """``model`` as plain data for the model file."""
    return {
        "vocabularies": [
            {"terms": sorted(v.index, key=v.index.__getitem__), "idf": v.idf.tolist()}
            for v in model.vocabularies
        ],
        "coef": model.coef.tolist(),
        "intercept": model.intercept.tolist(),
    }


def lexical_from_dict(data: Mapping[str, object]) -> LexicalModel:
    """The model that :func:`lexical_to_dict` wrote."""
    vocabularies = []
    for entry in data["vocabularies"]:  # type: ignore[attr-defined]
        found = list(entry["terms"])
        vocabularies.append(
            Vocabulary({t: i for i, t in enumerate(found)}, np.array(entry["idf"], dtype=float))
        )
    coef = np.array(data["coef"], dtype=np.float64)
    intercept = np.array(data["intercept"], dtype=np.float64)
    if coef.shape != (len(intercept), sum(len(v.index) for v in vocabularies)):
        raise ValueError("lexical weights do not fit the vocabularies")
    return LexicalModel(tuple(vocabularies), coef, intercept)
