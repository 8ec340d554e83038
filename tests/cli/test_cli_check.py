"""`storyweave check`: stances of input articles toward claims, as a table and JSON, stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance_texts import CLAIM, DEBUNKS, DISCUSSES, SUPPORTS, UNRELATED
from storyweave.cli import main
from storyweave.store import open_store


def _feed(folder: Path) -> Path:
    path = folder / "feed.jsonl"
    rows = [
        {"id": "s1", "text": SUPPORTS, "title": "Council votes to shut library"},
        {"id": "d1", "text": DEBUNKS},
        {"id": "c1", "text": DISCUSSES},
        {"id": "u1", "text": UNRELATED},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", *args, "--no-progress"])
    out, err = capsys.readouterr()
    return code, out, err


def test_one_claim_against_every_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed(tmp_path)
    report = tmp_path / "checks.json"
    code, out, _ = _check([CLAIM, str(feed), "--db", ":memory:", "--json", str(report)], capsys)
    assert code == 0
    assert "denies" in out and "Council votes" in out
    data = json.loads(report.read_text(encoding="utf-8"))
    [check] = data["checks"]
    assert check["claim"] == CLAIM
    stances = {a["ref"].rpartition("#")[2]: a for a in check["articles"]}
    assert {k: v["stance"] for k, v in stances.items()} == {
        "s1": "supports",
        "d1": "denies",
        "c1": "discusses",
        "u1": "unrelated",
    }
    for entry in check["articles"]:
        assert set(entry) >= {"id", "ref", "stance", "score", "evidence"}
        assert 0.0 <= entry["score"] <= 1.0
    evidence = stances["d1"]["evidence"][0]
    assert " ".join(evidence["text"].split()) in " ".join(DEBUNKS.split())
    assert evidence["end"] > evidence["start"]


def test_claims_file_with_ids_and_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed(tmp_path)
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps({"claim": CLAIM, "ids": ["d1", "u1"]})
        + "\n\n"
        + json.dumps({"claim": "Heavy rain postpones the regional football final"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    args = ["--claims", str(claims), str(feed), "--db", str(db), "--json", "-"]
    code, out, _ = _check(args, capsys)
    assert code == 0
    first = json.loads(out)
    assert [len(c["articles"]) for c in first["checks"]] == [2, 4]
    with open_store(str(db)) as store:
        assert store.count("stances") == 6
        assert store.count("articles") == 4
    code, out, _ = _check(args, capsys)  # again: everything comes from the store
    assert code == 0 and json.loads(out) == first
    with open_store(str(db)) as store:
        assert store.count("stances") == 6


def test_unknown_ids_and_bad_inputs_fail_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _feed(tmp_path)
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"claim": CLAIM, "ids": ["d1", "nope"]}) + "\n", encoding="utf-8")
    code, _, err = _check(["--claims", str(claims), str(feed), "--db", ":memory:"], capsys)
    assert code == 1 and "'nope'" in err
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"")
    code, out, err = _check([CLAIM, str(feed), str(broken), "--db", ":memory:"], capsys)
    assert code == 1 and "broken.html" in err and "supports" in out


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = _feed(tmp_path)
    code, _, err = _check([str(feed)], capsys)
    assert code == 2 and "needs a CLAIM" in err
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"claim": "fine"}\n{"text": "no claim"}\n', encoding="utf-8")
    code, _, err = _check(["--claims", str(claims), str(feed), "--db", ":memory:"], capsys)
    assert code == 2 and "claims.jsonl: line 2" in err and len(err.strip().splitlines()) == 1
    code, _, err = _check(["--claims", str(tmp_path / "none.jsonl"), str(feed)], capsys)
    assert code == 2 and "none.jsonl" in err
