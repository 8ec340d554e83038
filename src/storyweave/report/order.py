"""Ordering and naming shared by the renderers."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..records import status_rank


def findings_in_order(findings: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings with disputed and garbled first, then drifted, corroborated, single-source."""
    return sorted(findings, key=lambda f: status_rank(f["status"]))


def article_names(article_ids: Sequence[str]) -> dict[str, str]:
    """Short citation names for a story's articles: 1, 2, 3 … in story order."""
    return {article_id: str(n) for n, article_id in enumerate(article_ids, start=1)}


_ARTICLE_ID = re.compile(r"\b[0-9a-f]{16}\b")


def cite_ids(text: str, names: Mapping[str, str]) -> str:
    """Replace the article ids that evidence strings carry with their citation names, ``[2]``."""
    return _ARTICLE_ID.sub(lambda m: f"[{names[m[0]]}]" if m[0] in names else m[0], text)
