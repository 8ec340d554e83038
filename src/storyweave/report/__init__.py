"""Renderers: the JSON report (the contract), Markdown, HTML and the terminal summary."""

from .html import render_html
from .json_report import (
    SCHEMA_ID,
    Report,
    build_report,
    dumps_report,
    report_schema,
    write_atomic,
)
from .markdown import render_markdown
from .terminal import print_summary

__all__ = [
    "SCHEMA_ID",
    "Report",
    "build_report",
    "dumps_report",
    "print_summary",
    "render_html",
    "render_markdown",
    "report_schema",
    "write_atomic",
]
