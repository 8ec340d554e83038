"""Ordering and naming shared by the renderers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

STATUS_ORDER = ("disputed", "garbled", "drifted", "corroborated", "single-source")


def findings_in_order(findings: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings with disputed and garbled first, then drifted, corroborated, single-source."""
    rank = {status: n for n, status in enumerate(STATUS_ORDER)}
    return sorted(findings, key=lambda f: rank.get(f["status"], len(rank)))


def article_names(article_ids: Sequence[str]) -> dict[str, str]:
    """Short citation names for a story's articles: 1, 2, 3 … in story order."""
    return {article_id: str(n) for n, article_id in enumerate(article_ids, start=1)}
