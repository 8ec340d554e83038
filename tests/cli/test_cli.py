from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from storyweave.cli import main
from storyweave.report import report_schema
from storyweave.store import open_store

ARTICLE = """Harbour cranes stop as dockworkers walk out

By Lena Okafor

Published 4 March 2026

Dockworkers at the port of Vellmar walked off the job on Tuesday, halting the loading of about
40 ships, the port authority said. "We will not return until the safety rules are signed," said
union leader Tomas Riedl, who spoke to reporters outside the main gate.

The authority said the strike would cost around 3 million euros a day. Talks are due to resume
on Thursday in the city hall, according to a statement from the regional government.
"""


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_help_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["run", "--help"], ["schema", "--help"]):
        with pytest.raises(SystemExit) as stop:
            main(args)
        assert stop.value.code == 0
        assert "usage: storyweave" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    text = capsys.readouterr().out
    for option in ("--db", "--json", "--md", "--max-bytes", "--workers", "exit status"):
        assert option in text


def test_bad_inputs_are_skipped_with_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "a1", "text": ARTICLE.replace("Vellmar", "Ostrand")}) + "\n{not json\n",
        encoding="utf-8",
    )
    report_path = tmp_path / "r.json"
    code, _, err = _run(
        [
            "run",
            str(folder),
            "--db",
            str(tmp_path / "s.duckdb"),
            "--json",
            str(report_path),
            "--quiet",
        ],
        capsys,
    )
    assert code == 1
    assert "Traceback" not in err
    skipped = [line for line in err.splitlines() if line.startswith("storyweave: skipped")]
    assert len(skipped) == 3, err
    assert any("empty.txt" in line for line in skipped)
    assert any("binary.txt" in line for line in skipped)
    assert any("feed.jsonl:2" in line for line in skipped)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    jsonschema.validate(report, report_schema())
    refs = sorted(a["ref"] for a in report["articles"])
    assert refs == [f"{folder / 'feed.jsonl'}#a1", str(folder / "good.txt")]
    assert len(report["errors"]) == 3


def test_default_store_is_created_here_and_rereading_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    assert _run(["run", "a.txt", "--quiet"], capsys)[0] == 0
    assert _run(["run", "a.txt", "--quiet"], capsys)[0] == 0
    with open_store("storyweave.duckdb") as store:
        assert store.count("articles") == 1
        assert store.count("runs") == 2


def test_reads_standard_input_and_writes_json_to_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = _run(["run", "-", "--db", ":memory:", "--json", "-"], capsys)
    assert code == 0
    report = json.loads(out)
    assert [a["ref"] for a in report["articles"]] == ["-"]
    assert report["articles"][0]["published"] == "2026-03-04"


def test_missing_path_and_nothing_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["run", str(tmp_path / "nope"), "--db", ":memory:"], capsys)
    assert code == 2  # a path given that does not exist is a usage error, not a skipped input
    assert "nope" in err and "Traceback" not in err


def test_unusable_store_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_bytes(b"not a database" * 100)
    code, _, err = _run(["run", str(tmp_path / "a.txt"), "--db", str(bogus)], capsys)
    assert code == 2
    assert err.startswith("storyweave: error:") and len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", "x", "--workers", "0"])
    assert stop.value.code == 2
    assert "must be at least 1" in capsys.readouterr().err


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["schema"], capsys)
    assert code == 0
    assert json.loads(out)["$id"] == "storyweave.report/1"


# The model reads a place name opening a sentence, which the rules pass over.
NER_SENSITIVE = (
    "Strike at the port\n\nVellmar port workers met Tomas Riedl and the Harbour Board at noon "
    "on Monday. They said the Board would decide on the new safety rules by Friday.\n"
)


def _stored_names(db: Path) -> set[tuple[str, int]]:
    with open_store(str(db)) as store:
        return {(c.value, c.start) for c in store.claims() if c.kind == "name"}


@pytest.mark.parametrize("choice", ["off", "on"])
def test_ner_option_decides_how_names_are_read(
    choice: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyweave.clean import clean_document
    from storyweave.facts.ner import model_available

    if not model_available():
        pytest.skip("the NER model is not installed")
    from storyweave.facts import extract_claims
    from storyweave.ingest import read_bytes

    (tmp_path / "a.txt").write_text(NER_SENSITIVE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    code, _, err = _run(
        ["run", str(tmp_path / "a.txt"), "--db", str(db), "-q", "--ner", choice], capsys
    )
    assert code == 0, err
    (doc,) = read_bytes(NER_SENSITIVE.encode(), "a.txt")
    assert not isinstance(doc, Exception)
    article = clean_document(doc)
    expected = {
        (c.value, c.start) for c in extract_claims(article, ner=choice == "on") if c.kind == "name"
    }
    other = {
        (c.value, c.start) for c in extract_claims(article, ner=choice != "on") if c.kind == "name"
    }
    assert expected != other  # the text tells the two readings apart
    assert _stored_names(db) == expected


def test_ner_on_without_the_model_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyweave.facts as facts

    monkeypatch.setattr(facts, "model_available", lambda: False)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = _run(["run", str(tmp_path / "a.txt"), "--db", ":memory:", "--ner", "on"], capsys)
    assert code == 2
    assert "--ner on needs the NER model" in err and len(err.strip().splitlines()) == 1


def test_embeddings_without_the_model_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyweave.cluster as cluster

    monkeypatch.setattr(cluster, "embeddings_unavailable_reason", lambda: "the model is missing")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    code, _, err = _run(
        ["run", str(tmp_path / "a.txt"), "--db", ":memory:", "--embeddings"], capsys
    )
    assert code == 2
    assert err.strip() == "storyweave: error: --embeddings: the model is missing"


def test_embeddings_run_keeps_the_demo_stories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from storyweave.cluster import embeddings

    if not embeddings.available():
        pytest.skip("the embedding model is not installed")
    demo = Path(__file__).resolve().parents[2] / "examples" / "demo"
    reports = {}
    for flags in ([], ["--embeddings"]):
        out = tmp_path / f"r{len(flags)}.json"
        args = ["run", str(demo), "--db", ":memory:", "--json", str(out), "-q", "--ner", "off"]
        code, _, err = _run(args + flags, capsys)
        assert code == 0, err
        reports[len(flags)] = json.loads(out.read_text(encoding="utf-8"))
    stories = {n: sorted(sorted(s["articles"]) for s in r["stories"]) for n, r in reports.items()}
    assert len(stories[0]) == 3 and stories[1] == stories[0]
