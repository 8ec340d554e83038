"""storyweave: read a pile of news articles and tell, story by story, who copied whom, which facts
independent sources corroborate or dispute, and write a brief in which every sentence cites its
sources.

The public API is what this module exports; everything else is internal.
"""

from ._version import __version__
from .errors import InputError, StoreError, StoryweaveError, UsageError
from .pipeline import RunResult, weave
from .records import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    Direction,
    Document,
    Finding,
    Label,
    Meta,
    Passage,
    Relation,
    Removed,
    Signature,
    Story,
    StoryLink,
    TimelineEntry,
    Variant,
)
from .report import build_report, dumps_report, render_markdown, report_schema
from .store import Store, open_store

__all__ = [
    "Article",
    "Brief",
    "BriefSentence",
    "Claim",
    "Direction",
    "Document",
    "Finding",
    "InputError",
    "Label",
    "Meta",
    "Passage",
    "Relation",
    "Removed",
    "RunResult",
    "Signature",
    "Store",
    "StoreError",
    "Story",
    "StoryLink",
    "StoryweaveError",
    "TimelineEntry",
    "UsageError",
    "Variant",
    "__version__",
    "build_report",
    "dumps_report",
    "open_store",
    "render_markdown",
    "report_schema",
    "weave",
]
