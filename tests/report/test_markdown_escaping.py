"""The Markdown report keeps article data as text: no HTML element, link or Markdown markup
comes from a title, outlet, file name or sentence of an article."""

from __future__ import annotations

from typing import Any

from hostile import PAYLOADS, scan
from markdown_it import MarkdownIt

from storyweave.report import render_markdown

# What the report's own Markdown makes: headings, lists, tables, emphasis, code, anchors.
OWN_TAGS = {
    "a", "p", "h1", "h2", "h3", "ul", "ol", "li", "em", "strong", "code",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def _page(report: dict[str, Any]) -> str:
    # Raw HTML enabled and links not validated, as the most permissive renderers do.
    renderer = MarkdownIt("gfm-like", {"html": True, "linkify": False})
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    return renderer.render(render_markdown(report))


def test_payloads_in_every_field_stay_text_in_the_markdown(hostile_report: dict[str, Any]) -> None:
    page = scan(_page(hostile_report))
    assert page.tags <= OWN_TAGS, page.tags - OWN_TAGS
    assert not any(i.startswith("pwned") for i in page.ids)
    hrefs = [value or "" for tag, name, value in page.attributes if name == "href"]
    assert all(href.startswith("#") for href in hrefs), hrefs
    assert PAYLOADS[0] in page.text  # shown as written, as text


def test_markdown_link_and_emphasis_syntax_from_articles_is_escaped(
    hostile_report: dict[str, Any],
) -> None:
    report = dict(hostile_report)
    first = dict(report["articles"][0])
    first["title"] = "[click](javascript:alert(1)) *bold* `code` <b>x</b> & __under__"
    first["outlet"] = "![img](javascript:alert(2))"
    report["articles"] = [first, *report["articles"][1:]]
    markdown = render_markdown(report)
    assert "](javascript:" not in markdown.replace("\\](javascript:", "")
    page = scan(_page(report))
    assert page.tags <= OWN_TAGS
    assert all((v or "").startswith("#") for _, n, v in page.attributes if n in ("href", "src"))
    assert "[click](javascript:alert(1)) *bold* `code` <b>x</b> & __under__" in page.text
