"""storyweave: read a pile of news articles and tell, story by story, who copied whom, which facts
independent sources corroborate or dispute, and write a brief in which every sentence cites its
sources.

The public API is what this module exports: the entry points (``weave``, ``dedup``, ``check``,
``build_report`` and the report writers, the store), their results, the main records and the
errors. Everything else is internal; the records that only travel between stages (``Meta``,
``Passage``, ``Signature``, ``Span``…) stay in ``storyweave.records``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from ._version import __version__
from .errors import InputError, StoreError, StoryweaveError, UsageError
from .records import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    Document,
    Finding,
    Label,
    Relation,
    Stance,
    Story,
    Topic,
    Variant,
)

if TYPE_CHECKING:
    from .checking import CheckResult, ClaimCheck, ClaimRequest, check, judge_claims
    from .duplicates import DedupGroup, DedupResult, dedup, dedup_inputs
    from .pipeline import RunResult, report_from_store, weave
    from .report import (
        build_report,
        dumps_report,
        render_html,
        render_markdown,
        report_schema,
    )
    from .store import Store, open_store

# Imported on first use, so that importing one stage does not load every stage's libraries.
__getattr__ = lazy_exports(
    __name__,
    {
        "CheckResult": "checking",
        "ClaimCheck": "checking",
        "ClaimRequest": "checking",
        "check": "checking",
        "judge_claims": "checking",
        "DedupGroup": "duplicates",
        "DedupResult": "duplicates",
        "dedup": "duplicates",
        "dedup_inputs": "duplicates",
        "RunResult": "pipeline",
        "report_from_store": "pipeline",
        "weave": "pipeline",
        "build_report": "report",
        "dumps_report": "report",
        "render_html": "report",
        "render_markdown": "report",
        "report_schema": "report",
        "Store": "store",
        "open_store": "store",
    },
)


__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "CheckResult",
    "Claim",
    "ClaimCheck",
    "ClaimRequest",
    "DedupGroup",
    "DedupResult",
    "Document",
    "Finding",
    "InputError",
    "Label",
    "Relation",
    "RunResult",
    "Stance",
    "Store",
    "StoreError",
    "Story",
    "StoryweaveError",
    "Topic",
    "UsageError",
    "Variant",
    "__version__",
    "build_report",
    "check",
    "dedup",
    "dedup_inputs",
    "dumps_report",
    "judge_claims",
    "open_store",
    "render_html",
    "render_markdown",
    "report_from_store",
    "report_schema",
    "weave",
]
