"""Reports for the HTML tests: the demo corpus, and a corpus of script-injection payloads
(see hostile.py, which this puts on ``sys.path`` for the test modules)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyweave import build_report, open_store, weave

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from hostile import hostile_records  # noqa: E402

DEMO = HERE.parents[1] / "examples" / "demo"


def _weave(paths: list[str]) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYWEAVE_NER", "off")
        with open_store(":memory:") as store:
            result = weave(paths, store, workers=1)
    return build_report(result)


@pytest.fixture(scope="session")
def demo_report() -> dict[str, Any]:
    """The report of the bundled demo corpus, as `storyweave run examples/demo` makes it."""
    return _weave([str(DEMO)])


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The report of a JSONL corpus whose every field carries a script-injection payload."""
    corpus = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    lines = (json.dumps(record) for record in hostile_records())
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    yield _weave([str(corpus)])
