"""The stance model: its features, the shipped model's verdicts on texts written for the test,
the evidence it gives, and broken model files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stance_texts import CLAIM, DEBUNKS, DENIES, DISCUSSES, SUPPORTS, UNRELATED
from storyweave.errors import StoryweaveError
from storyweave.records import Article
from storyweave.stance import claim_id, default_model, judge, load_model
from storyweave.stance.features import (
    FEATURE_NAMES,
    GROUPS,
    pair_features,
    prepare_body,
    prepare_claim,
    stem_of,
    word_cues,
)
from storyweave.stance.model import MODEL_PATH, decide


def _article(name: str, text: str) -> Article:
    return Article(id=name, ref=f"feed.jsonl#{name}", source=name, text=text)


ARTICLES = [
    _article("supports", SUPPORTS),
    _article("denies", DEBUNKS),
    _article("discusses", DISCUSSES),
    _article("unrelated", UNRELATED),
]


def test_each_body_gets_its_stance() -> None:
    stances = judge([CLAIM], ARTICLES)
    assert [s.stance for s in stances] == ["supports", "denies", "discusses", "unrelated"]
    for stance in stances:
        assert stance.score == stance.probabilities[stance.stance]
        assert abs(sum(stance.probabilities.values()) - 1.0) < 1e-3
        assert stance.claim_id == claim_id(CLAIM)
        assert stance.model == default_model().digest


def test_evidence_is_spans_of_the_article() -> None:
    for stance, article in zip(judge([CLAIM], ARTICLES), ARTICLES, strict=True):
        for span in stance.evidence:
            assert article.text[span.start : span.end] == span.text
    denial = judge([CLAIM], ARTICLES[1:2])[0]
    assert any("false" in span.text or "hoax" in span.text for span in denial.evidence)
    reported = judge([CLAIM], [_article("reported", DENIES)])[0]
    assert reported.stance in ("discusses", "denies")
    assert any("denied" in span.text for span in reported.evidence)


def test_pairs_choose_what_is_judged() -> None:
    stances = judge([CLAIM, "A football final was postponed by rain"], ARTICLES, [(1, 3), (0, 0)])
    assert [(s.claim_id, s.article_id) for s in stances] == [
        (claim_id("A football final was postponed by rain"), "unrelated"),
        (claim_id(CLAIM), "supports"),
    ]
    assert stances[0].stance != "unrelated"


def test_same_input_same_output() -> None:
    assert judge([CLAIM], ARTICLES) == judge([CLAIM], list(ARTICLES))


def test_claim_ids_ignore_typography() -> None:
    assert claim_id("“Quoted” claim ") == claim_id('"Quoted" claim')
    assert claim_id("one claim") != claim_id("another claim")


def test_cue_words_and_stems() -> None:
    refute = GROUPS.index("refute")
    hedge = GROUPS.index("hedge")
    assert word_cues("hoaxes")[refute] == 1
    assert word_cues("reportedly")[hedge] == 1
    assert word_cues("library") == (0,) * len(GROUPS)
    assert stem_of("libraries") == stem_of("library")
    assert stem_of("council's") == stem_of("council")


def test_features_measure_overlap() -> None:
    claim = prepare_claim(CLAIM)
    related = pair_features(claim, prepare_body(SUPPORTS))
    unrelated = pair_features(claim, prepare_body(UNRELATED))
    assert len(related) == len(FEATURE_NAMES)
    coverage = FEATURE_NAMES.index("coverage")
    assert related[coverage] > 0.6 > unrelated[coverage]
    refute = FEATURE_NAMES.index("body_refute")
    denial = pair_features(claim, prepare_body(DEBUNKS))
    assert denial[refute] > related[refute]


@given(st.text(max_size=400), st.text(max_size=80))
def test_any_text_gives_finite_features_and_valid_spans(body: str, claim: str) -> None:
    prepared = prepare_body(body)
    features = pair_features(prepare_claim(claim), prepared)
    assert len(features) == len(FEATURE_NAMES)
    assert all(np.isfinite(features))
    for start, end in prepared.spans:
        assert 0 <= start < end <= len(body)
    [stance] = judge([claim or "x"], [_article("a", body)])
    for span in stance.evidence:
        assert body[span.start : span.end] == span.text


def test_decision_weighs_fnc_credit() -> None:
    # related at 0.6 in all, no single label above 0.25: a related label still earns more
    rows = np.array([[0.25, 0.1, 0.25, 0.4], [0.05, 0.05, 0.1, 0.8], [0.7, 0.1, 0.1, 0.1]])
    assert decide(rows).tolist() == [0, 3, 0]


def test_broken_model_files_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(StoryweaveError, match=r"missing\.json"):
        load_model(missing)
    wrong = tmp_path / "wrong.json"
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["inputs"] = data["inputs"][:-1]
    wrong.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoryweaveError, match=r"wrong\.json: not a stance model"):
        load_model(wrong)
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    with pytest.raises(StoryweaveError, match=r"garbage\.json"):
        load_model(garbage)
