"""HTML documents: trafilatura extraction, metadata from tags, JSONL metadata precedence."""

from __future__ import annotations

import pytest

from storyweave.clean import clean_document
from storyweave.errors import InputError
from storyweave.records import Document

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the report says the harbour project will take {n + 2} more years "
    f"to finish, according to the port authority, which blamed rising costs.</p>"
    for n in range(1, 5)
)

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Harbour Project Delayed Again | The Example Courier</title>
<meta property="og:title" content="Harbour project delayed again">
<meta property="og:site_name" content="The Example Courier">
<meta property="og:url" content="https://courier.example/harbour">
<meta property="article:published_time" content="2023-04-05T09:30:00+01:00">
<meta name="author" content="Jane Roe">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour project delayed again</h1>
{PARAGRAPHS}
<p>Advertisement</p>
<p>Share this article</p>
</article>
<footer>© 2023 The Example Courier. All rights reserved.</footer>
</body></html>"""


def _doc(text: str, fmt: str = "html", meta: dict[str, str] | None = None) -> Document:
    return Document(
        id="0123456789abcdef",
        ref="page.html",
        source="page.html",
        format=fmt,
        text=text,
        encoding="utf-8",
        meta=meta or {},
    )


def test_html_page_body_and_metadata() -> None:
    article = clean_document(_doc(PAGE))
    assert article.text.startswith("Paragraph 1 of the report")
    assert "Paragraph 4 of the report" in article.text
    assert "Advertisement" not in article.text and "Share this article" not in article.text
    assert article.title is not None and article.title.value == "Harbour project delayed again"
    assert article.title.evidence == "html meta og:title"
    assert article.outlet is not None and article.outlet.value == "The Example Courier"
    assert article.published is not None
    assert article.published.value == "2023-04-05T09:30:00+01:00"
    assert article.published.evidence == "html meta article:published_time"
    assert article.byline is not None and article.byline.value == "Jane Roe"
    assert article.source == "https://courier.example/harbour"
    assert article.id == "0123456789abcdef" and article.labels == ()


def test_jsonl_metadata_wins_over_html() -> None:
    meta = {
        "title": "A Given Title",
        "url": "https://given.example/a",
        "published": "2020-01-02",
        "outlet": "Given Outlet",
        "byline": "Given Author",
    }
    article = clean_document(_doc(PAGE, meta=meta))
    assert article.source == "https://given.example/a"
    for key in ("title", "outlet", "byline"):
        value = getattr(article, key)
        assert value.value == meta[key] and value.evidence == f'JSONL field "{key}"'
    assert article.published is not None and article.published.value == "2020-01-02"


def test_json_ld_metadata() -> None:
    page = (
        '<html><head><script type="application/ld+json">'
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Rates held",'
        ' "datePublished": "2021-06-07", "author": [{"@type": "Person", "name": "Sam Poe"}],'
        ' "publisher": {"@type": "Organization", "name": "Example Wire"}}'
        f"</script></head><body><article>{PARAGRAPHS}</article></body></html>"
    )
    article = clean_document(_doc(page))
    assert article.title is not None and article.title.value == "Rates held"
    assert article.byline is not None and article.byline.value == "Sam Poe"
    assert article.outlet is not None and article.outlet.value == "Example Wire"
    assert article.published is not None and article.published.value == "2021-06-07"
    assert article.published.evidence == "html JSON-LD datePublished"


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>Unclosed paragraph about the harbour project and its many delays "
        "that the port authority blamed on rising costs and a shortage of workers",
        "<div><p>Nested <b>bold <i>italic</p></div></b> text about the harbour project delays "
        "and the costs that the port authority reported this week.</i>",
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>The harbour project is late '
        "again, the port authority said in a statement on Tuesday.</p></body></html>",
    ],
)
def test_broken_html_does_not_crash(markup: str) -> None:
    article = clean_document(_doc(markup))
    assert "harbour project" in article.text


@pytest.mark.parametrize("markup", ["", "<html></html>", "<<<>>>", "\x00\x01", "<p>   </p>"])
def test_html_without_text_raises_input_error(markup: str) -> None:
    with pytest.raises(InputError) as error:
        clean_document(_doc(markup))
    assert error.value.ref == "page.html"
    assert error.value.reason == "no article text found"


def test_text_document_uses_doc_source_without_url() -> None:
    body = "The harbour project is late again, the port authority said on Tuesday in a statement."
    article = clean_document(_doc(body, fmt="text"))
    assert article.source == "page.html"
    assert article.text == body


def test_page_furniture_left_out_by_the_extractor_is_listed_as_removed() -> None:
    article = clean_document(_doc(PAGE))
    outside = [r for r in article.removed if r.reason.startswith("outside the article text")]
    texts = [r.text for r in outside]
    assert "© 2023 The Example Courier. All rights reserved." in texts
    assert not any(t.startswith("Paragraph") for t in texts)
    assert "Harbour project delayed again" not in texts  # the headline is metadata, not furniture
    # page furniture never carries a text-level reason the relate stage reads as evidence
    assert all(r.reason not in ("credit line", "ad marker", "scraper marker") for r in outside)
