"""`storyweave dups`: groups, JSON shape, --keep, skipped inputs and exit codes."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from storyweave.cli import main

WORDS = "river storm bridge council budget school harbour festival market tram judge".split()


def story(seed: int, length: int = 60) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(length)) + "."


def write_corpus(folder: Path) -> Path:
    base = story(1)
    changed = base.split()
    changed[30] = "zeppelin"
    records = [
        {"id": "a", "text": base, "title": "A", "url": "https://example.org/a"},
        {"id": "b", "text": story(2)},
        {"id": "c", "text": base},
        {"id": "d", "text": " ".join(changed), "outlet": "Copycat"},
        {"id": "e", "text": story(3, 25)},
        {"id": "f", "text": story(3, 25) + "\nClick here to subscribe to our newsletter."},
    ]
    path = folder / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_groups_json_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = write_corpus(tmp_path)
    out = tmp_path / "groups.json"
    code = main(["dups", str(feed), "--json", str(out), "--workers", "1"])
    assert code == 0
    assert "6 articles, 2 groups (0 duplicate, 2 near-duplicate), 3 redundant" in (
        capsys.readouterr().out
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"] == 6 and data["redundant"] == 3
    assert [g["refs"] for g in data["groups"]] == [
        [f"{feed}#a", f"{feed}#c", f"{feed}#d"],
        [f"{feed}#e", f"{feed}#f"],
    ]
    for group in data["groups"]:
        assert set(group) == {"kind", "refs", "score"}
        assert group["kind"] == "near-duplicate"
        assert 0.0 < group["score"] < 1.0


def test_exact_copies_make_a_duplicate_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "one.txt").write_text(story(5), encoding="utf-8")
    (tmp_path / "two.txt").write_text(story(5).upper() + "\n", encoding="utf-8")
    code = main(["dups", str(tmp_path), "--json", "-", "--workers", "1"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["groups"] == [
        {
            "kind": "duplicate",
            "refs": [str(tmp_path / "one.txt"), str(tmp_path / "two.txt")],
            "score": 1.0,
        }
    ]


@pytest.mark.parametrize("texts", [["0:0"], ["one two", "one two"], ["a", "b c", "a"]])
def test_a_corpus_shorter_than_one_shingle_still_groups(
    texts: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "tiny.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    assert main(["dups", str(feed), "--json", "-", "--workers", "1"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    same = [i for i, t in enumerate(texts) if texts.count(t) > 1]
    assert [len(g["refs"]) for g in groups] == ([len(same)] if same else [])


def test_keep_writes_one_article_per_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_corpus(tmp_path)
    kept = tmp_path / "kept.jsonl"
    assert main(["dups", str(feed), "--keep", str(kept), "-q", "--workers", "1"]) == 0
    assert capsys.readouterr().out == ""
    records = [json.loads(line) for line in kept.read_text(encoding="utf-8").splitlines()]
    assert [r["ref"].rsplit("#", 1)[1] for r in records] == ["a", "b", "e"]
    assert records[0]["title"] == "A" and records[0]["url"] == "https://example.org/a"
    assert records[0]["text"] == story(1)
    assert all(len(r["id"]) == 16 for r in records)


def test_keep_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = write_corpus(tmp_path)

    class Stdin:
        buffer = feed.open("rb")

    monkeypatch.setattr("sys.stdin", Stdin)
    kept = tmp_path / "kept.jsonl"
    try:
        assert main(["dups", "-", "--keep", str(kept), "-q", "--workers", "1"]) == 0
    finally:
        Stdin.buffer.close()
    assert len(kept.read_text(encoding="utf-8").splitlines()) == 3


def test_bad_inputs_are_skipped_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = write_corpus(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    with feed.open("a", encoding="utf-8") as out:
        out.write("{not json\n")
    code = main(["dups", str(tmp_path), "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.strip().splitlines()
    assert any(line.startswith(f"storyweave: skipped {tmp_path / 'empty.txt'}: ") for line in lines)
    assert any(line.startswith(f"storyweave: skipped {feed}:7: malformed JSON") for line in lines)
    assert lines[-1] == "storyweave: 2 input(s) skipped; 6 article(s) read"
    assert "6 articles, 2 groups" in captured.out


def test_nothing_readable_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["dups", str(tmp_path / "empty.txt")]) == 1
    assert "no article could be read" in capsys.readouterr().err


@pytest.mark.parametrize(
    "option", [["--threshold", "0"], ["--threshold", "x"], ["--num-perm", "0"]]
)
def test_bad_options_exit_2(option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["dups", "x.jsonl", *option])
    assert stop.value.code == 2


def test_threshold_changes_what_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = story(8, 200).split()
    other = list(base)
    for i in range(0, 200, 25):
        other[i] = "zeppelin"
    (tmp_path / "a.txt").write_text(" ".join(base), encoding="utf-8")
    (tmp_path / "b.txt").write_text(" ".join(other), encoding="utf-8")
    main(["dups", str(tmp_path), "--json", "-", "--threshold", "0.5", "--workers", "1"])
    assert len(json.loads(capsys.readouterr().out)["groups"]) == 1
    main(["dups", str(tmp_path), "--json", "-", "--threshold", "0.95", "--workers", "1"])
    assert json.loads(capsys.readouterr().out)["groups"] == []


@pytest.mark.parametrize(
    "argv",
    [
        ["dups", "hdfs://head:8020/news", "-q"],
        ["run", "s3a://bucket/news/", "-q", "--db", "unused.duckdb"],
        ["dups", "README.md", "file:///tmp/news", "-q"],
    ],
)
def test_a_uri_without_the_spark_engine_is_a_one_line_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("storyweave: error: ") and "--engine spark" in err
    assert len(err.splitlines()) == 1
    assert "://" in err.split(": ")[2]


def test_keep_is_refused_for_uris(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["dups", "file:///tmp/news", "--keep", "kept.jsonl", "--engine", "spark"]
    assert main(argv) == 2
    assert "--keep" in capsys.readouterr().err
