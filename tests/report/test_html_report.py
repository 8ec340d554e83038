"""The HTML report: what the page shows, and that nothing from the articles becomes markup."""

from __future__ import annotations

import base64
import copy
import hashlib
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from hostile import HOSTILE_URLS, PAYLOADS, SAFE_HREF, SAFE_URL, PageScan, scan
from markupsafe import escape

from storyweave.cli import main
from storyweave.report import render_html
from storyweave.report.html_text import safe_href
from storyweave.report.html_timeline import TICKS, TimelineArticle, layout_timeline
from storyweave.report.readable import Cite, evidence_points, split_outside_quotes
from storyweave.report.written import word_diff

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
# Every element the template writes; anything else in a page came from the data.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
    "nav", "ol", "ul", "li", "a", "div", "span", "svg", "rect", "defs", "marker", "path",
    "line", "text", "circle", "main", "article", "section", "dl", "dt", "dd", "details",
    "summary", "mark", "del", "ins", "code",
}  # fmt: skip


def _names(text: str) -> str:
    return " ".join(text.split())


def test_demo_page_shows_every_story_and_article(demo_report: dict[str, Any]) -> None:
    page = scan(render_html(demo_report))
    assert page.title == "storyweave report"
    for story in demo_report["stories"]:
        assert _names(story["headline"]) in page.text
    for article in demo_report["articles"]:
        assert _names(article["title"] or Path(article["ref"]).name) in page.text
        assert _names(article["text"])[:200] in page.text


def test_demo_page_draws_a_timeline_and_arrows_per_story(demo_report: dict[str, Any]) -> None:
    html = render_html(demo_report)
    assert html.count('<svg class="timeline"') == len(demo_report["stories"])
    directed = sum(1 for r in demo_report["relations"] if r["direction"] is not None)
    assert directed > 0
    assert html.count("marker-end=") == directed
    assert html.count('<svg class="bar"') == 2 * len(demo_report["stories"])


def test_every_in_page_link_has_its_target(demo_report: dict[str, Any]) -> None:
    page = scan(render_html(demo_report))
    anchors = {v[1:] for _, name, v in page.attributes if name == "href" and v and v[0] == "#"}
    assert anchors
    assert anchors <= page.ids


def test_articles_are_cited_by_number_and_title_not_by_id(demo_report: dict[str, Any]) -> None:
    page = scan(render_html(demo_report))
    for article in demo_report["articles"]:
        assert article["id"] not in page.text
    cite_titles = {v for tag, name, v in page.attributes if tag == "a" and name == "title"}
    assert any(a["title"] in cite_titles for a in demo_report["articles"])


def test_findings_lead_with_disputed_garbled_and_drifted(demo_report: dict[str, Any]) -> None:
    html = render_html(demo_report)
    first_story = html[html.index('<article class="story" id="s1">') : html.index('id="s2"')]
    statuses = re.findall(r'<span class="status ([a-z-]+)">', first_story)
    ranks = [
        ("disputed", "garbled", "drifted", "corroborated", "single-source").index(s)
        for s in statuses
    ]
    assert ranks == sorted(ranks)
    assert "disputed" in statuses and "corroborated" in statuses


def test_a_drifted_quote_is_shown_as_a_word_diff(demo_report: dict[str, Any]) -> None:
    html = render_html(demo_report)
    assert '<p class="diff">' in html
    assert "<del>frightened,</del> <ins>scared,</ins>" in html


def test_word_diff_marks_only_the_changed_words() -> None:
    parts = word_diff("All four gates opened fully.", "All four Gates opened, partly.")
    assert [(p.op, p.text) for p in parts] == [
        ("same", "All four Gates opened,"),
        ("del", "fully."),
        ("ins", "partly."),
    ]


def test_evidence_becomes_points_said_once() -> None:
    cites = {"0123456789abcdef": Cite("2", "s1-a2", "Bridge closed")}
    evidence = [
        'origin of (0123456789abcdef) (reuse): earlier; credits "A; B"; earlier',
        "same wording in 2 sources",
        "same wording in 2 sources",
    ]
    points = evidence_points(evidence, cites)
    assert len(points) == 2
    head = points[0].head
    assert [s.text for s in head] == ["origin of ", "[2]", " (reuse)"]
    assert head[1].cite == cites["0123456789abcdef"]
    assert [[s.text for s in d] for d in points[0].details] == [
        ["earlier"],
        ['credits "A; B"'],
    ]
    assert split_outside_quotes('a; "b; c"; d', "; ") == ["a", '"b; c"', "d"]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a?b=1&c=2", True),
        ("HTTP://EXAMPLE.COM/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" https://example.com/", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/", False),
        ("examples/demo/a.txt", False),
        ('https://example.com/"onmouseover="alert(1)', False),
        ("https://example.com/\nx", False),
        (None, False),
    ],
)
def test_only_plain_http_links_are_kept(url: str | None, kept: bool) -> None:
    assert (safe_href(url) is not None) is kept


def test_the_policy_allows_the_page_stylesheet_and_no_script(demo_report: dict[str, Any]) -> None:
    html = render_html(demo_report)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in unescape(policy[1]).split(";"))
    assert directives["default-src"] == "'none'"
    assert "script-src" not in directives
    assert directives["img-src"] == "data:"
    css = html[html.index("<style>") + len("<style>") : html.index("</style>")]
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    assert directives["style-src"] == f"'sha256-{digest}'"
    assert html.count("<style") == 1


def _assert_only_text_from_data(html: str) -> PageScan:
    """The page holds only the template's own elements, no event handler, no style attribute,
    no script, and no link but in-page anchors and plain http(s) URLs."""
    assert "<script" not in html.lower()
    page = scan(html)
    assert page.tags <= TEMPLATE_TAGS
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name, value)
        assert name not in {"style", "srcdoc", "src", "xlink:href", "formaction"}, (tag, name)
        if name == "href":
            assert value is not None and SAFE_HREF.fullmatch(value), value
    assert not any(i.startswith("pwned") for i in page.ids)
    assert page.title == "storyweave report"
    return page


def test_hostile_corpus_stays_text(hostile_report: dict[str, Any]) -> None:
    titles = {a["title"] for a in hostile_report["articles"]}
    assert PAYLOADS[0] in titles, "the payloads must reach the report for this test to mean much"
    assert {a["source"] for a in hostile_report["articles"]} >= {HOSTILE_URLS[0], SAFE_URL}
    html = render_html(hostile_report)
    page = _assert_only_text_from_data(html)
    for payload in PAYLOADS:
        if "<" in payload or '"' in payload:
            assert payload not in html
        assert f"Bridge closed {payload}" in page.text
        assert f"A reader wrote in: {payload}" in page.text
        assert str(escape(f"Bridge closed {payload}")) in html
    # The template expression stays as written where it was read, never evaluated (a bare "49"
    # may occur elsewhere, e.g. in the temporary folder's name).
    assert "{{ 7*7 }}" in page.text
    assert "Bridge closed 49" not in page.text and "wrote in: 49" not in page.text
    hrefs = {v for _, name, v in page.attributes if name == "href"}
    assert "https://ok.example/copy?x=1&y=2" in hrefs
    assert 'href="https://ok.example/copy?x=1&amp;y=2"' in html


def _hostile_demo(report: dict[str, Any]) -> dict[str, Any]:
    """The demo report with a payload in every string the page shows that the pipeline would
    not let through as such (statuses, kinds, labels, evidence, topics, errors)."""
    bad = copy.deepcopy(report)
    payload = " ".join(PAYLOADS[:5])
    story = bad["stories"][0]
    story["headline"] += payload
    story["entities"].append(payload)
    story["brief"][0]["text"] += payload
    story["timeline"][0]["when"] = payload
    story["hoax"] = {
        "called_false": [{"article": story["articles"][0], "text": payload, "start": 0, "end": 1}],
        "told_as_fact": [payload, story["articles"][-1]],
    }
    finding = story["findings"][0]
    finding.update(status=payload, kind=payload, subject=payload)
    finding["evidence"].append(f"{payload}: a; b {payload}")
    finding["variants"][0]["value"] = payload
    article = bad["articles"][0]
    article.update(published=payload, source=HOSTILE_URLS[2], byline=payload)
    article["metadata_evidence"]["outlet"] = payload
    article["removed"].append({"text": payload, "reason": payload})
    article["labels"].append({"label": payload, "evidence": [payload, f"x: {payload}; y"]})
    bad["relations"][0]["kind"] = payload
    bad["topics"][0]["entities"] = [payload]
    bad["errors"] = [{"ref": payload, "line": 3, "reason": payload}]
    return bad


def test_hostile_report_fields_stay_text(demo_report: dict[str, Any]) -> None:
    html = render_html(_hostile_demo(demo_report))
    page = _assert_only_text_from_data(html)
    assert PAYLOADS[0] in page.text


def test_an_empty_report_renders() -> None:
    html = render_html(
        {"schema": "storyweave.report/1", "articles": [], "relations": [], "stories": []}
    )
    assert "0 stories from 0 articles" in scan(html).text


def test_run_writes_the_html_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    target = tmp_path / "report.html"
    code = main(["run", str(DEMO), "--db", ":memory:", "--html", str(target), "--quiet"])
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>")
    assert not list(tmp_path.glob(".report.html.*")), "the atomic write leaves no temporary file"


def test_timeline_ticks_of_one_day_name_the_day_once() -> None:
    cite = Cite("1", "a1", "One")
    articles = [
        TimelineArticle(f"a{n}", cite, "One", f"2024-01-09T{hour:02d}:00:00+00:00", "independent")
        for n, hour in enumerate((2, 5, 13))
    ]
    labels = [tick.label for tick in layout_timeline(articles, []).ticks]
    assert len(labels) == TICKS
    assert sum(" Jan " in label or label.endswith(" Jan") for label in labels) == 1
    assert all(re.fullmatch(r"\d\d:\d\d", label) for label in labels[1:])
