"""Every command and option is documented, the README starts with the two commands, and its
Python example runs."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import pytest

from storyweave.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_every_command_is_in_the_readme() -> None:
    for name in _subcommands():
        assert f"`storyweave {name}`" in README, f"storyweave {name} is not documented"


def test_every_option_is_in_the_readme_and_has_help() -> None:
    for name, parser in _subcommands().items():
        for action in parser._actions:
            if not action.option_strings or action.dest == "help":
                continue
            assert action.help, f"storyweave {name} {action.option_strings[0]} has no help"
            assert any(opt in README for opt in action.option_strings), (
                f"storyweave {name} {action.option_strings[-1]} is not in the README"
            )


def test_readme_begins_with_the_two_commands() -> None:
    block = re.search(r"```\n(.*?)```", README, re.S)
    assert block is not None
    lines = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == 2
    assert "storyweave run examples/demo" in lines[0]
    assert "pytest" in lines[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci, ".ci/run must run the README's test command exactly"


def _library_example() -> str:
    section = README.split("### As a library", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S)
    assert block is not None, "the README's 'As a library' section has no Python example"
    return block.group(1)


def test_the_readme_python_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(REPO / "examples")
    namespace: dict[str, Any] = {}
    exec(compile(_library_example(), "README.md", "exec"), namespace)
    report = namespace["report"]
    assert report["stories"] and report["topics"]
    assert "stories" in capsys.readouterr().out
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8")
