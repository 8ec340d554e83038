"""Renderers: the JSON report (the contract), Markdown, HTML and the terminal summary; and the
report of ``storyweave check``."""

from .checks import check_report, dumps_checks, print_checks
from .html import render_html
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
