"""The seed articles: general soundness checks (no seed-specific strings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.clean import clean_document
from storyweave.ids import content_id
from storyweave.records import Document
from storyweave.text import words

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _seeds() -> list[Path]:
    if not SEEDS.is_dir():
        return []
    return sorted(SEEDS.glob("*.txt"))


@pytest.mark.skipif(not _seeds(), reason="shared seeds not available")
@pytest.mark.parametrize("path", _seeds(), ids=lambda p: p.name)
def test_seed_is_cleaned_conservatively(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = Document(content_id("text", text), str(path), str(path), "text", text, "utf-8")
    article = clean_document(doc)
    assert article.title is not None
    for removed in article.removed:
        assert removed.text in text
    # Apart from an author bio, boilerplate is a small part: 80% of the words stay in the body.
    bios = {r.text for r in article.removed if r.reason == "author bio"}
    bio_words = sum(len(words(bio)) for bio in bios)
    assert len(words(article.text)) >= 0.8 * (len(words(text)) - bio_words)
    # Every paragraph of 25 words or more that ends a sentence survives, unless it is a bio.
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) >= 25 and line.endswith((".", '"', "”")) and line not in bios:
            assert " ".join(line.split()) in article.text
