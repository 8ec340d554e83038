"""Golden end-to-end runs on the demo corpus and on the seeds, and determinism.

Regenerate the golden files with ``STORYWEAVE_UPDATE_GOLDEN=1 pytest tests/test_end_to_end.py``
and review the diff: a changed golden file is a changed behaviour.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyweave import build_report, open_store, report_schema, weave
from storyweave.report import render_markdown

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "data" / "golden"
DEMO = REPO / "examples" / "demo"


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Golden files are written by the rule-based extractors, which need no optional model; the
    NER path has its own tests (tests/facts) and a run of its own below."""
    monkeypatch.setenv("STORYWEAVE_NER", "off")


def _report(paths: list[str], db: str = ":memory:") -> dict[str, Any]:
    with open_store(db) as store:
        result = weave(paths, store, workers=1)
    return build_report(result)


def _relative(report: dict[str, Any], root: Path) -> dict[str, Any]:
    """Refs relative to ``root``, so the golden file does not depend on where the repo lies."""
    text = json.dumps(report, ensure_ascii=False).replace(str(root) + os.sep, "")
    relative: dict[str, Any] = json.loads(text)
    return relative


def _check_golden(name: str, actual: Any) -> None:
    path = GOLDEN / name
    text = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("STORYWEAVE_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with STORYWEAVE_UPDATE_GOLDEN=1"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)


def test_demo_report_matches_golden_and_schema() -> None:
    report = _relative(_report([str(DEMO)]), REPO)
    jsonschema.validate(report, report_schema())
    _check_golden("demo.json", report)
    assert render_markdown(report).startswith("# storyweave report")


def _fingerprint(value: str | None) -> str | None:
    """A short hash standing for a third-party string, so that the string stays out of the repo."""
    return None if value is None else hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]


def _seed_digest(report: dict[str, Any]) -> dict[str, Any]:
    """What the seeds' report says, without their text (third-party prose stays out of the repo)."""
    names = {a["id"]: Path(a["ref"]).name for a in report["articles"]}
    return {
        "articles": {
            names[a["id"]]: {
                "title": _fingerprint(a["title"]),
                "byline": _fingerprint(a["byline"]),
                "outlet": _fingerprint(a["outlet"]),
                "published": a["published"],
                "removed": sorted(r["reason"] for r in a["removed"]),
                "labels": sorted(label["label"] for label in a["labels"]),
            }
            for a in report["articles"]
        },
        "relations": sorted([names[r["a"]], names[r["b"]], r["kind"]] for r in report["relations"]),
        "stories": sorted(sorted(names[i] for i in s["articles"]) for s in report["stories"]),
        "findings": sorted(
            [f["kind"], f["status"], len(f["variants"])]
            for s in report["stories"]
            for f in s["findings"]
        ),
    }


def test_seeds_report_matches_golden(seeds_dir: Path) -> None:
    report = _report([str(seeds_dir)])
    jsonschema.validate(report, report_schema())
    _check_golden("seeds-digest.json", _seed_digest(report))


def test_same_input_in_any_order_gives_the_same_report() -> None:
    files = sorted(str(p) for p in DEMO.iterdir() if p.is_file() and p.suffix != ".md")
    assert _report(files) == _report(list(reversed(files)))


def test_a_second_run_reuses_unchanged_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        first = weave([str(DEMO)], store, workers=1)
    with open_store(db) as store:
        second = weave([str(DEMO)], store, workers=1)
    assert first.compared_stories == len(first.stories) > 0
    assert second.compared_stories == 0 and second.new_articles == 0
    assert (second.stories, second.findings, second.briefs) == (
        first.stories,
        first.findings,
        first.briefs,
    )


def test_interrupted_run_keeps_the_store_as_it_was(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    files = sorted(str(p) for p in DEMO.iterdir() if p.is_file() and p.suffix != ".md")
    with open_store(db) as store:
        weave(files[:3], store, workers=1)
        before = store.derived()
        articles_before = store.count("articles")

    def interrupt(stage: str, done: int, total: int | None) -> None:
        if stage == "clustering":
            raise KeyboardInterrupt

    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        weave(files, store, workers=1, progress=interrupt)
    with open_store(db) as store:
        assert store.derived() == before  # cross-document results untouched
        assert store.count("articles") > articles_before  # finished batches were kept
        assert store.count("runs") == 1


def test_demo_with_the_ner_model_finds_the_same_stories_and_ledger_kinds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyweave.facts.ner import model_available

    if not model_available():
        pytest.skip("the optional NER model is not installed")
    rules = _report([str(DEMO)])
    monkeypatch.setenv("STORYWEAVE_NER", "on")
    ner = _report([str(DEMO)])
    jsonschema.validate(ner, report_schema())

    stories = [sorted(s["articles"]) for s in ner["stories"]]
    assert stories == [sorted(s["articles"]) for s in rules["stories"]]
    statuses = {f["status"] for s in ner["stories"] for f in s["findings"]}
    assert {"disputed", "garbled", "drifted", "corroborated"} <= statuses
