"""A stage imports only the records (and shared helpers) and the stages before it
(docs/architecture.md, "The layer rules")."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "storyweave"
STAGES = [
    "ingest",
    "duplicates",
    "clean",
    "reuse",
    "cluster",
    "facts",
    "stance",
    "compare",
    "brief",
    "report",
]
SHARED = {
    "records",
    "errors",
    "ids",
    "text",
    "graph",
    "lexicon",
    "parallel",
    "_lazy",
    "_version",
}
# Beyond the stages before them: the store knows only records; engines compose the stages they
# run (dedup reads inputs itself, in its workers).
EXTRA = {"store": set(), "engines": {"ingest", "duplicates", "reuse", "cluster", "store"}}


def _imported_modules(path: Path) -> set[str]:
    """Top-level storyweave modules that ``path`` imports (``storyweave.X`` or relative)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SRC).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    found.add(parts[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("storyweave."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("storyweave.")
            )
    return found


PACKAGES = sorted(p.parent.name for p in SRC.glob("*/__init__.py"))


def _public_names(package: str) -> set[str]:
    """The names the ``__all__`` of ``package``'s ``__init__.py`` lists, read without importing."""
    for node in ast.parse((SRC / package / "__init__.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return set()


def _submodules(package: str) -> set[str]:
    folder = SRC / package
    files = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    return files | {p.parent.name for p in folder.glob("*/__init__.py")}


def reaching_imports(source: str, where: tuple[str, ...]) -> list[str]:
    """The imports of ``source`` (the module at ``where``, its path under ``src/storyweave``)
    that reach into another package's submodules instead of naming the package: ``from
    storyweave.X.Y import n``, its relative forms, ``import storyweave.X.Y``, and ``from
    storyweave.X import Y`` where Y is a submodule of X that X's ``__all__`` does not list (as
    ``judge``, a function of ``stance`` named like its module, is)."""
    own = where[0] if len(where) > 1 else None
    here = ["storyweave", *where[:-1]]
    found = []
    for node in ast.walk(ast.parse(source)):
        for parts, names in _import_targets(node, here):
            if parts[:1] != ["storyweave"] or len(parts) < 2 or parts[1] not in PACKAGES:
                continue
            package = parts[1]
            if package == own:
                continue
            if len(parts) > 2 or (_submodules(package) - _public_names(package)) & set(names):
                found.append(f"line {node.lineno}: {'.'.join(parts)} {', '.join(names)}".strip())
    return found


def _import_targets(node: ast.AST, here: list[str]) -> list[tuple[list[str], list[str]]]:
    """(module, names taken from it) for each module an import statement names, resolving
    relative imports from the package ``here``; ``import a.b`` takes no names."""
    if isinstance(node, ast.ImportFrom):
        module = node.module.split(".") if node.module else []
        parts = here[: len(here) - node.level + 1] + module if node.level else module
        return [(parts, [alias.name for alias in node.names])]
    if isinstance(node, ast.Import):
        return [(alias.name.split("."), []) for alias in node.names]
    return []


def test_packages_are_imported_by_their_public_names() -> None:
    """A module outside a package imports what the package's ``__init__`` exports, never one of
    its submodules: what a package lends to others is in its ``__all__`` (tests, benchmarks and
    tools, which are no stage, may reach in)."""
    problems = [
        f"{path.relative_to(SRC)} {problem}"
        for path in sorted(SRC.rglob("*.py"))
        for problem in reaching_imports(
            path.read_text(encoding="utf-8"), path.relative_to(SRC).parts
        )
    ]
    assert not problems, "\n".join(problems)


def test_the_public_names_check_catches_reaching_in() -> None:
    brief = ("brief", "sample.py")
    assert reaching_imports("from storyweave.reuse.relate import relate_pair", brief)
    assert reaching_imports("from ..reuse.relate import relate_pair", brief)
    assert reaching_imports("from ..reuse import relate", brief)
    assert reaching_imports("import storyweave.reuse.spin", brief)
    assert reaching_imports("from ..engines import spark", ("cli", "run.py"))
    assert reaching_imports("from storyweave.engines import local", ("pipeline.py",))
    assert not reaching_imports("from storyweave.reuse import relate_pair", brief)
    assert not reaching_imports("from ..stance import judge, stem_of", brief)
    assert not reaching_imports("from storyweave.brief.support import Supports", brief)
    assert not reaching_imports("from .sentences import Sentence", brief)
    assert not reaching_imports("import storyweave.reuse", brief)


def _allowed(folder: str) -> set[str]:
    if folder in STAGES:
        return SHARED | set(STAGES[: STAGES.index(folder) + 1])
    return SHARED | {folder} | EXTRA[folder]


def test_stages_import_only_earlier_stages() -> None:
    problems = []
    for folder in STAGES + list(EXTRA):
        for path in sorted((SRC / folder).rglob("*.py")):
            bad = _imported_modules(path) - _allowed(folder)
            if bad:
                problems.append(f"{path.relative_to(SRC)} imports {sorted(bad)}")
    assert not problems, "\n".join(problems)


def _imported_names(path: Path) -> set[str]:
    """Dotted storyweave modules that ``path`` imports by absolute name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("storyweave.")}


def test_the_shared_lexicon_loads_no_stage() -> None:
    assert _imported_modules(SRC / "lexicon.py") <= {"_version"}


def test_the_parallel_helpers_load_nothing_of_storyweave() -> None:
    """Any stage or engine may use them, and the command line before its heavy imports."""
    assert _imported_modules(SRC / "parallel.py") == set()


def test_compare_does_not_load_the_spin_models() -> None:
    """Compare asks the shared lexicon for synonyms: spin's vectors and tree model stay out."""
    problems = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in sorted((SRC / "compare").rglob("*.py"))
        for name in sorted(_imported_names(path))
        if name.startswith("storyweave.reuse.spin")
    ]
    assert not problems, "\n".join(problems)


def test_the_check_sees_imports() -> None:
    assert "records" in _imported_modules(SRC / "clean" / "article.py")
    assert "reuse" in _imported_modules(SRC / "engines" / "local.py")


def test_every_public_name_resolves() -> None:
    import storyweave

    missing = [name for name in storyweave.__all__ if getattr(storyweave, name, None) is None]
    assert missing == []
    assert {"weave", "open_store", "build_report", "dedup", "dedup_inputs"} <= set(
        storyweave.__all__
    )


def test_every_name_a_package_exports_resolves() -> None:
    """Lazy names included: each maps to a submodule that defines it."""
    import importlib

    missing = [
        f"{package}.{name}"
        for package in PACKAGES
        for name in _public_names(package)
        if getattr(importlib.import_module(f"storyweave.{package}"), name, None) is None
    ]
    assert missing == []


def test_the_public_api_holds_entry_points_results_and_main_records_only() -> None:
    import storyweave

    public = set(storyweave.__all__)
    assert {"weave", "dedup", "check", "build_report", "render_markdown", "Topic"} <= public
    plumbing = {"Meta", "Passage", "Removed", "Signature", "Span", "StoryLink", "MergedInput"}
    assert not public & plumbing


def test_every_name_of_the_reuse_stage_resolves_to_a_function_or_a_constant() -> None:
    import types

    import storyweave.reuse
    import storyweave.reuse.shingles  # the submodule of the same name as a function

    found = {name: getattr(storyweave.reuse, name, None) for name in storyweave.reuse.__all__}
    assert [n for n, v in found.items() if v is None or isinstance(v, types.ModuleType)] == []
    assert all(callable(v) or name.isupper() for name, v in found.items())
