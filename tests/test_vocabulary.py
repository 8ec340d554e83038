"""The words records carry (relation kinds, labels, finding kinds and statuses) are spelled once,
in storyweave.records; every other module names them through the enums there."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

from storyweave.pipeline import _fingerprint
from storyweave.records import (
    FINDING_ORDER,
    FactKind,
    FindingStatus,
    LabelName,
    Relation,
    RelationKind,
    Story,
    status_rank,
)

SRC = Path(__file__).resolve().parents[1] / "src" / "storyweave"
# Words no module uses for anything else: flagged wherever they appear as a whole literal.
DISTINCT = {str(m) for enum in (RelationKind, LabelName, FindingStatus) for m in enum}
# Ordinary words ("name", "date"): flagged only where they stand for a claim's or finding's kind.
KINDS = {str(m) for m in FactKind}
KIND_NAMES = {"kind", "facts"}  # a kind, or a set of kinds (brief sentences' ``facts``)
KIND_MAKERS = {"make_claim", "make_finding"}  # their second argument is the kind


def _names_kind(node: ast.expr) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in KIND_NAMES
    if isinstance(node, ast.Name):
        return node.id in KIND_NAMES
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "kind"
    return False


def _names_attrs(node: ast.expr) -> bool:
    """``claim.attrs`` or ``attrs``: a claim's details, keyed by their own names."""
    target = node.value if isinstance(node, ast.Subscript) else node
    return isinstance(target, ast.Attribute | ast.Name) and (
        getattr(target, "attr", None) == "attrs" or getattr(target, "id", None) == "attrs"
    )


def _exempt(tree: ast.Module) -> set[int]:
    """Ids of literals that are prose or names, not vocabulary: docstrings, ``__all__`` entries,
    keys of a claim's ``attrs``."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            exempt.add(id(node.value))
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            exempt.update(id(n) for n in ast.walk(node.value))
        elif isinstance(node, ast.Subscript) and _names_attrs(node):
            exempt.add(id(node.slice))
        elif isinstance(node, ast.Compare) and any(_names_attrs(c) for c in node.comparators):
            exempt.add(id(node.left))
    return exempt


def _kind_literals(tree: ast.Module) -> Iterator[ast.Constant]:
    """String literals compared with a kind, or passed as one."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_names_kind(o) for o in operands):
                yield from (o for o in operands if isinstance(o, ast.Constant))
        elif isinstance(node, ast.Call) and len(node.args) > 1:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in KIND_MAKERS and isinstance(node.args[1], ast.Constant):
                yield node.args[1]


def bare_vocabulary(source: str) -> list[tuple[int, str]]:
    """(line, word) of each vocabulary word ``source`` spells as a bare string literal."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    found = {
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in DISTINCT and id(node) not in exempt
    }
    found.update((n.lineno, n.value) for n in _kind_literals(tree) if n.value in KINDS)
    return sorted(found)


def test_no_module_spells_the_vocabulary_outside_records() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {word!r}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "records.py"
        for line, word in bare_vocabulary(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_scan_flags_bare_words_and_spares_prose() -> None:
    source = '''
"""A module whose docstring may say "duplicate"."""
__all__ = ["garbled"]
KINDS = ("near-duplicate", "reuse")
def f(claim, finding, attrs):
    """Findings are "drifted" or not."""
    attrs["original"] = claim.attrs["original"]
    if "original" in claim.attrs and finding["kind"] == "quote" and finding.status == "spun":
        return make_finding(ctx, "name", x) or {"name": "date"}
'''
    assert bare_vocabulary(source) == [
        (4, "near-duplicate"),
        (4, "reuse"),
        (8, "quote"),
        (8, "spun"),
        (9, "name"),
    ]


def test_finding_order_covers_every_status_once() -> None:
    assert sorted(FINDING_ORDER) == sorted(FindingStatus)
    assert len(set(FINDING_ORDER)) == len(FINDING_ORDER)
    ranks = [status_rank(str(s)) for s in FINDING_ORDER]
    assert ranks == sorted(ranks)
    assert status_rank("unknown") == len(FINDING_ORDER)


def test_the_json_schema_lists_the_same_statuses() -> None:
    schema = json.loads((SRC / "report" / "report.schema.json").read_text(encoding="utf-8"))
    enums = [node["enum"] for node in _walk_json(schema) if "enum" in node]
    assert sorted(FindingStatus) in [sorted(e) for e in enums]


def test_members_are_their_plain_values() -> None:
    assert json.dumps([RelationKind.NEAR_DUPLICATE, LabelName.UNUSUAL_WORDING]) == (
        '["near-duplicate", "unusual-wording"]'
    )
    assert f"{FindingStatus.SINGLE_SOURCE}" == "single-source"


def _walk_json(node: object) -> Iterator[dict[str, object]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_json(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_json(value)


def test_a_story_fingerprint_is_the_same_for_a_kind_member_and_its_stored_str() -> None:
    # Relations read back from the store carry plain str kinds; fresh ones carry members.
    story = Story("s", ("a", "b"), "headline")
    fresh = Relation("a", "b", RelationKind.REUSE, 0.5)
    stored = Relation("a", "b", "reuse", 0.5)
    assert _fingerprint(story, [fresh]) == _fingerprint(story, [stored])
