"""Every command and option is documented, the README starts with the two commands, and its
Python example runs."""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import re
import sys
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


# --- docs/architecture.md and the benchmarks' and tools' READMEs ---------------------------------

SRC = REPO / "src"
_SOURCE_PATH = re.compile(r"src/storyweave(?:/\w+)*(?:\.py|/)")
_DOTTED_NAME = re.compile(r"\bstoryweave(?:\.\w+)+")


def _module_file(parts: list[str]) -> Path | None:
    """The file of the module ``parts`` names (``["storyweave", "reuse"]``), if there is one."""
    base = SRC.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _top_level_names(path: Path) -> set[str]:
    """Names a module defines or imports at its top level (what ``module.name`` can reach)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.If):  # ``if TYPE_CHECKING:`` imports of lazy names
            names.update(_top_level_names_of(node.body))
    return names


def _top_level_names_of(body: list[ast.stmt]) -> set[str]:
    return {
        (a.asname or a.name).split(".")[0]
        for node in body
        if isinstance(node, ast.ImportFrom | ast.Import)
        for a in node.names
    }


def _missing_module_paths(text: str) -> list[str]:
    """Paths (``src/storyweave/x/y.py``, ``src/storyweave/x/``) and dotted names
    (``storyweave.x.y``, or ``storyweave.x.y.name`` for a name that module defines) in ``text``
    that name nothing in the source tree."""
    missing = [p for p in _SOURCE_PATH.findall(text) if not (REPO / p).exists()]
    for dotted in _DOTTED_NAME.findall(text):
        parts = dotted.split(".")
        module = next(
            (n for n in range(len(parts), 0, -1) if _module_file(parts[:n]) is not None), 0
        )
        rest = parts[module:]
        path = _module_file(parts[:module]) if module else None
        if path is None or len(rest) > 1 or (rest and rest[0] not in _top_level_names(path)):
            missing.append(dotted)
    return missing


def test_the_architecture_names_only_modules_that_exist() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert _SOURCE_PATH.findall(text) and _DOTTED_NAME.findall(text)
    assert _missing_module_paths(text) == []


def test_the_module_path_check_sees_missing_ones() -> None:
    text = (
        "`src/storyweave/reuse/labels.py`, `storyweave.duplicates.features.fingerprint`, "
        "`storyweave.facts.extract_claims`, `src/storyweave/compare/`, "
        "`src/storyweave/reuse/gone.py`, `storyweave.nowhere.thing`, "
        "`storyweave.duplicates.features.no_such_function`, `src/storyweave/gone/`"
    )
    assert _missing_module_paths(text) == [
        "src/storyweave/reuse/gone.py",
        "src/storyweave/gone/",
        "storyweave.nowhere.thing",
        "storyweave.duplicates.features.no_such_function",
    ]


@pytest.mark.parametrize("folder", ["benchmarks", "tools"])
def test_every_script_is_in_its_folders_readme(folder: str) -> None:
    scripts = sorted(
        p.name for p in (REPO / folder).iterdir() if p.suffix in (".py", ".sh") and p.is_file()
    )
    readme = (REPO / folder / "README.md").read_text(encoding="utf-8")
    assert scripts, f"no scripts in {folder}/"
    assert [name for name in scripts if f"`{name}`" not in readme] == []


def _results_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "benchmark_results", REPO / "benchmarks" / "_results.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_results_are_saved_with_their_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    results = _results_module()
    monkeypatch.setattr(sys, "argv", [str(REPO / "benchmarks" / "topics.py"), "--per-topic", "5"])
    path = results.save("topics", {"f1": 0.5, "kinds": {"b", "a"}}, directory=tmp_path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert path == tmp_path / "topics.json"
    assert record["benchmark"] == "topics"
    assert record["command"] == ["python", "benchmarks/topics.py", "--per-topic", "5"]
    assert record["figures"] == {"f1": 0.5, "kinds": ["a", "b"]}
    assert isinstance(record["date"], str)
    if (REPO / ".git").exists():
        assert re.fullmatch(r"[0-9a-f]{40}", record["commit"])
        assert isinstance(record["dirty"], bool)


def test_every_measuring_benchmark_saves_its_results() -> None:
    helpers = {"_results.py", "kill_runs.py"}
    scripts = sorted(p for p in (REPO / "benchmarks").glob("*.py") if p.name not in helpers)
    silent = [p.name for p in scripts if "save(" not in p.read_text(encoding="utf-8")]
    assert silent == []


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code: docstrings (usage examples) left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
    ]


def test_no_benchmark_or_tool_runs_the_projects_venv_by_its_path() -> None:
    """Other processes are started with ``sys.executable``: a checkout without ``.venv`` (CI, a
    user's own environment) runs the scripts too."""
    scripts = [*(REPO / "benchmarks").glob("*.py"), *(REPO / "tools").glob("*.py")]
    assert [p.name for p in scripts if any(".venv" in s for s in _code_strings(p))] == []


def _storyweave_imports(path: Path) -> list[tuple[str, str]]:
    """The ``(module, name)`` pairs of a script's ``from storyweave… import name`` lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storyweave")
        for alias in node.names
    ]


def test_every_name_a_benchmark_or_tool_imports_from_the_package_exists() -> None:
    """A script is run by hand, not by the suite: a renamed function must not break it unseen."""
    scripts = sorted([*(REPO / "benchmarks").glob("*.py"), *(REPO / "tools").glob("*.py")])
    missing = [
        f"{path.name}: {module}.{name}"
        for path in scripts
        for module, name in _storyweave_imports(path)
        if not hasattr(importlib.import_module(module), name)
        and importlib.util.find_spec(f"{module}.{name}") is None
    ]
    assert missing == []
