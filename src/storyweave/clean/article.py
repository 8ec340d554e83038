"""clean_document: from a Document as read to an Article with body, metadata and evidence."""

from __future__ import annotations

import re

from storyweave.clean import boilerplate as bp
from storyweave.clean.cleaner import TextCleaning, clean_text
from storyweave.clean.dates import normalize_iso
from storyweave.clean.html import HtmlExtraction, extract_html
from storyweave.clean.layout import tidy
from storyweave.clean.metadata import same_headline
from storyweave.errors import InputError
from storyweave.records import Article, Document, Meta, Removed

NO_TEXT = "no article text found"
OUTSIDE_TEXT = "outside the article text"


def clean_document(doc: Document) -> Article:
    """Clean one document: body text without boilerplate, metadata with evidence.

    HTML is reduced to its main text by trafilatura first; then the same text-level cleaning
    applies to both formats. Metadata the input carried (JSONL fields) wins over metadata read
    from tags, which wins over metadata read from the text. Raises :class:`InputError` if no
    article text remains; never raises anything else.
    """
    page = extract_html(doc.text) if doc.format == "html" else None
    given = _given_metadata(doc)
    known_title = _first(
        given.get("title"),
        page.tags.get("title") if page else None,
        page.guessed.get("title") if page else None,
    )
    text = page.text if page is not None else doc.text
    title = known_title.value if known_title else None
    cleaning = clean_text(text, title, from_html=page is not None)
    if not re.search(r"\w", cleaning.body):
        raise InputError(doc.ref, NO_TEXT)
    return Article(
        id=doc.id,
        ref=doc.ref,
        source=_source(doc, page),
        text=cleaning.body,
        title=_pick("title", given, page, cleaning),
        byline=_pick("byline", given, page, cleaning),
        outlet=_pick("outlet", given, page, cleaning),
        published=_pick("published", given, page, cleaning),
        removed=_outside_text(page, title) + cleaning.removed,
    )


def _outside_text(page: HtmlExtraction | None, title: str | None) -> tuple[Removed, ...]:
    """What the HTML extractor left out of the page, with the kind of furniture where known.

    The reason never reuses a text-level reason ("credit line", "ad marker"): a sidebar
    caption or an ad slot of the page says nothing about where the article's text came from.
    """
    if page is None:
        return ()
    removed = []
    for line in page.dropped:
        if title is not None and same_headline(line, title):
            continue
        kind = bp.classify_line(line)
        reason = f"{OUTSIDE_TEXT} ({kind})" if kind else OUTSIDE_TEXT
        removed.append(Removed(line, reason))
    return tuple(removed)


def _given_metadata(doc: Document) -> dict[str, Meta]:
    given: dict[str, Meta] = {}
    for key in ("title", "url", "outlet", "byline", "published"):
        raw = doc.meta.get(key)
        value = tidy(raw) if isinstance(raw, str) else ""
        if key == "published" and value:
            value = normalize_iso(value) or ""
        if value:
            given[key] = Meta(value, f'JSONL field "{key}"')
    return given


def _pick(
    key: str, given: dict[str, Meta], page: HtmlExtraction | None, cleaning: TextCleaning
) -> Meta | None:
    """JSONL field, then HTML tag, then the text itself, then trafilatura's guess."""
    from_text: Meta | None = getattr(cleaning, key)
    if page is None:
        return _first(given.get(key), from_text)
    return _first(given.get(key), page.tags.get(key), from_text, page.guessed.get(key))


def _first(*values: Meta | None) -> Meta | None:
    return next((v for v in values if v is not None), None)


def _source(doc: Document, page: HtmlExtraction | None) -> str:
    url = doc.meta.get("url")
    if isinstance(url, str) and url.strip():
        return url.strip()
    url_meta = _first(page.tags.get("url"), page.guessed.get("url")) if page is not None else None
    if url_meta is not None and re.match(r"https?://", url_meta.value):
        return url_meta.value
    return doc.source
