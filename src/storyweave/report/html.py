"""The HTML report: one self-contained page rendered from the JSON report.

Everything that comes from the articles is escaped by Jinja2's autoescape; the page loads
nothing, runs no script, and says so in its Content-Security-Policy (the one stylesheet is
allowed by its hash, so not even an injected style attribute would apply).
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from .html_text import css_word
from .html_view import build_page
from .json_report import Report
from .readable import plural

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"


def render_html(report: Report) -> str:
    """Render ``report`` (see :func:`build_report`) as one self-contained HTML page."""
    css = _stylesheet()
    template = _environment().get_template(TEMPLATE)
    return template.render(
        page=build_page(report),
        css=Markup(css),  # our own package file, not article data
        csp=content_security_policy(css),
    )


def content_security_policy(css: str) -> str:
    """A policy that allows the page's own stylesheet and data: images, and nothing else."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src data:; "
        "base-uri 'none'; "
        "form-action 'none'"
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("storyweave.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_word"] = css_word
    environment.globals["plural"] = plural
    return environment


@lru_cache(maxsize=1)
def _stylesheet() -> str:
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), STYLESHEET)
    return source
