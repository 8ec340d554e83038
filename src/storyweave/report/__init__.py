"""Renderers: the JSON report (the contract), Markdown, HTML and the terminal summary; and the
report of ``storyweave check``. The HTML renderer (and its template engine) is imported on
first use: a run that writes no HTML does not load it."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .checks import check_report, dumps_checks, print_checks
from .json_report import (
    SCHEMA_ID,
    Report,
    build_report,
    dumps_report,
    report_chunks,
    report_schema,
    write_atomic,
)
from .markdown import render_markdown
from .readable import plural
from .terminal import print_summary

if TYPE_CHECKING:
    from .html import render_html

__getattr__ = lazy_exports(__name__, {"render_html": "html"})

__all__ = [
    "SCHEMA_ID",
    "Report",
    "build_report",
    "check_report",
    "dumps_checks",
    "dumps_report",
    "plural",
    "print_checks",
    "print_summary",
    "render_html",
    "render_markdown",
    "report_chunks",
    "report_schema",
    "write_atomic",
]
