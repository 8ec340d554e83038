"""Cold start (issue 19): nothing heavy is imported or read before a text needs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storyweave.reuse.spin import Lexicon
from storyweave.reuse.spin.lexicon import _pair_sides


def _modules_after(code: str) -> set[str]:
    """The top-level modules imported by a fresh interpreter that runs ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_the_pipeline_imports_no_html_extractor() -> None:
    assert "trafilatura" not in _modules_after("import storyweave.pipeline")


def test_a_plain_text_article_is_cleaned_without_the_html_extractor(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    code = (
        "from storyweave.clean import clean_document\n"
        "from storyweave.ingest import read_inputs\n"
        f"[clean_document(d) for d in read_inputs([{str(article)!r}])]"
    )
    assert "trafilatura" not in _modules_after(code)


def test_word_frequencies_are_read_without_importing_wordfreq() -> None:
    pytest.importorskip("wordfreq")
    found = _modules_after(
        "from storyweave.lexicon import wordfreq_zipf\nassert wordfreq_zipf() is not None"
    )
    assert "wordfreq" not in found


def test_pair_sides_are_the_first_and_second_words_of_each_pair() -> None:
    pairs = {"open field": 3, "wide field": 2, "open sea": 1}
    assert _pair_sides(pairs) == (frozenset({"open", "wide"}), frozenset({"field", "sea"}))
    odd = {"open field day": 1, "sea air": 2}  # not every pair is two words: split one by one
    assert _pair_sides(odd) == (frozenset({"open", "sea"}), frozenset({"field", "air"}))
    lexicon = Lexicon(None, {}, pairs)
    assert lexicon.pair_words(2) == frozenset({"open", "wide", "field", "sea"})
