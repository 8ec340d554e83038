"""Every command and option is documented, and the README starts with the two commands."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

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
