"""Renderers: the JSON report (the contract), Markdown, HTML and the terminal summary; and the
report of ``storyweave check``. The renderers but the JSON report are imported on first use:
a run that writes no HTML does not load its template engine, and a quiet run without
``--md`` loads neither the Markdown renderer nor rich's tables."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .json_report import (
    SCHEMA_ID,
    Report,
    build_report,
    dumps_report,
    report_chunks,
    report_schema,
    write_atomic,
)
from .readable import plural

if TYPE_CHECKING:
    from .checks import check_report, dumps_checks, print_checks
    from .html import render_html
    from .markdown import render_markdown
    from .terminal import print_summary

__getattr__ = lazy_exports(
    __name__,
    {
        "check_report": "checks",
        "dumps_checks": "checks",
        "print_checks": "checks",
        "render_html": "html",
        "render_markdown": "markdown",
        "print_summary": "terminal",
    },
)

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
