"""The command line against hostile input and hostile output paths: odd file names, article
data that would drive the terminal, report paths that are links, devices or missing folders,
and a store on a full disk. Each ends in one-line messages and the documented exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from storyweave.cli import main

ARTICLE = (
    "Dockworkers at the port of Vellmar walked off the job on Tuesday, halting the loading of "
    'about 40 ships, the port authority said. "We will not return until the safety rules are '
    'signed," said union leader Tomas Riedl, who spoke to reporters outside the main gate. The '
    "authority said the strike would cost around 3 million euros a day.\n"
)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([*args, "--no-progress"] if args[0] in ("run", "dups") else args)
    out, err = capsys.readouterr()
    return code, out, err


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


# --- defect 3 ---------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_does_not_abort_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as out:
        out.write(ARTICLE.replace("Vellmar", "Ostrand"))
    report = tmp_path / "r.json"
    code, _, err = _run(["run", str(folder), "--db", ":memory:", "--json", str(report)], capsys)
    assert (code, err) == (0, "")
    refs = sorted(a["ref"] for a in json.loads(report.read_text(encoding="utf-8"))["articles"])
    assert refs == [str(folder / "a.txt"), str(folder / "caf\\xe9.txt")]


def test_dups_keep_with_a_file_name_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    with open(os.path.join(os.fsencode(folder), b"\xff.txt"), "w", encoding="utf-8") as out:
        out.write("Something else entirely happened in another town on a Sunday.\n")
    kept = tmp_path / "kept.jsonl"
    code, _, err = _run(["dups", str(folder), "--keep", str(kept), "--workers", "1"], capsys)
    assert (code, err) == (0, "")
    refs = [json.loads(line)["ref"] for line in kept.read_text(encoding="utf-8").splitlines()]
    assert refs == [str(folder / "a.txt"), str(folder / "\\xff.txt")]


# --- defect 4 ---------------------------------------------------------------------------------


def test_a_report_written_onto_a_symlink_replaces_its_target_not_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    real = tmp_path / "reports" / "real.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _, _ = _run(["run", str(folder), "--db", ":memory:", "--md", str(link)], capsys)
    assert code == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("# storyweave report")
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.md"]  # no temporary left


def test_a_report_written_onto_a_fifo_is_written_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def drain() -> None:
        with open(fifo, "rb") as pipe:
            received.append(pipe.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    code, _, _ = _run(["run", str(folder), "--db", ":memory:", "--json", str(fifo)], capsys)
    reader.join(20)
    assert code == 0
    assert fifo.is_fifo()  # still the FIFO, not a regular file put in its place
    assert received and json.loads(received[0])["schema"] == "storyweave.report/1"


# --- defect 5 ---------------------------------------------------------------------------------

HOSTILE_TITLE = "Port strike \x1b]0;owned\x07 ends\x1b[2J\x1b[31m today\x9b1m"


def _hostile_feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "one", "title": HOSTILE_TITLE, "outlet": "Daily\x1b[5m Blink", "text": ARTICLE},
        {
            "id": "two\x1b[2J",
            "title": HOSTILE_TITLE,
            "outlet": "Coast\rPost",
            "text": ARTICLE.replace("Tuesday", "Tuesday morning"),
        },
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return feed


def test_article_data_never_reaches_the_terminal_as_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = _hostile_feed(tmp_path)
    (tmp_path / "bad\x1b[2J.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    code, out, err = _run(
        ["run", str(feed), str(tmp_path / "bad\x1b[2J.jsonl"), "--db", ":memory:"], capsys
    )
    assert code == 1
    assert "Port strike" in out and "Daily" in out
    for stream in (out, err):
        assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in stream), (
            repr(stream)
        )


def test_a_newline_in_a_file_name_cannot_forge_a_skipped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    (folder / "x\nstoryweave: skipped forged: fake.txt").write_bytes(b"")
    (folder / "y.txt").write_bytes(b"")
    code, _, err = _run(["run", str(folder), "--db", ":memory:", "-q"], capsys)
    assert code == 1
    skipped = [line for line in err.splitlines() if line.startswith("storyweave: skipped")]
    assert len(skipped) == 2
    assert skipped[0].endswith("x\\nstoryweave: skipped forged: fake.txt: empty file")


# --- defect 8 ---------------------------------------------------------------------------------

_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from storyweave.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_full_disk_under_the_store_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    store = tmp_path / "s.duckdb"
    done = subprocess.run(
        [
            *(sys.executable, "-c", _FULL_DISK.format(limit=20_000)),
            *("run", str(folder), "--db", str(store), "--no-progress", "-q"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("storyweave: error: ") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "s.duckdb" in done.stderr


# --- defect 9 ---------------------------------------------------------------------------------


def test_a_report_path_in_a_missing_folder_is_refused_before_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    store = tmp_path / "s.duckdb"
    target = tmp_path / "nowhere" / "r.json"
    code, out, err = _run(["run", str(folder), "--db", str(store), "--json", str(target)], capsys)
    assert code == 2 and out == ""
    assert err == f"storyweave: error: --json {target}: no folder {target.parent}\n"
    assert not store.exists()  # nothing was run


def test_a_report_path_that_is_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    code, _, err = _run(["run", str(folder), "--db", ":memory:", "--md", str(tmp_path)], capsys)
    assert code == 2
    assert err == f"storyweave: error: --md {tmp_path}: is a folder\n"


def test_two_reports_on_standard_output_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    code, out, err = _run(
        ["run", str(folder), "--db", ":memory:", "--json", "-", "--md", "-"], capsys
    )
    assert code == 2 and out == ""
    assert err == "storyweave: error: --json and --md both write to standard output ('-')\n"


def test_a_missing_input_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    missing = tmp_path / "nope.txt"
    code, _, err = _run(["run", str(folder), str(missing), "--db", ":memory:"], capsys)
    assert code == 2
    assert err == f"storyweave: error: {missing}: no such file or folder\n"


def test_dups_keep_in_a_missing_folder_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    target = tmp_path / "nowhere" / "kept.jsonl"
    code, out, err = _run(["dups", str(folder), "--keep", str(target)], capsys)
    assert code == 2 and out == ""
    assert err == f"storyweave: error: --keep {target}: no folder {target.parent}\n"
