"""Builders the tests share: bare articles, and a story of them run through facts and compare.

``tests/conftest.py`` puts this folder on ``sys.path``, so tests import it as ``builders``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storyweave.compare import compare_story
from storyweave.facts import extract_claims
from storyweave.records import Article, Claim, Finding, Meta, Relation, Story


def article(article_id: str, text: str, day: str) -> Article:
    """An article published on ``day`` whose id, ref and source are all ``article_id``."""
    return Article(
        id=article_id,
        ref=article_id,
        source=article_id,
        text=text,
        published=Meta(day, "t"),
    )


def articles(texts: Mapping[str, str], day: str) -> list[Article]:
    """One :func:`article` per ``id: text`` item, in the mapping's order."""
    return [article(article_id, text, day) for article_id, text in texts.items()]


@dataclass(frozen=True)
class Compared:
    """A one-story run of facts and compare: the story, its inputs and its findings."""

    story: Story
    articles: list[Article]
    claims: list[Claim]
    findings: list[Finding]


def compare_articles(
    members: Sequence[Article],
    relations: Sequence[Relation] = (),
    *,
    story_id: str = "s",
    headline: str = "",
) -> Compared:
    """Put ``members`` in one story, extract their claims and compare them."""
    story = Story(id=story_id, article_ids=tuple(a.id for a in members), headline=headline)
    claims = [c for a in members for c in extract_claims(a)]
    findings = compare_story(story, members, claims, relations)
    return Compared(story, list(members), claims, findings)


def warc_page(text: str, uri: str = "https://news.example/a", *, gzip: bool = False) -> bytes:
    """A WARC archive of one plain-text response of ``text`` from ``uri``."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
    body = text.encode()
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)
    return out.getvalue()
