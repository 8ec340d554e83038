"""HTML: the article body via trafilatura, and metadata from the page's own tags.

Metadata is read from explicit tags first (Open Graph, ``article:*``, JSON-LD, ``<title>``,
canonical link), each with evidence naming the tag; trafilatura's own metadata fills the gaps.
Nothing here raises on malformed markup: a page that cannot be parsed yields no text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from storyweave.clean.dates import normalize_iso
from storyweave.clean.layout import tidy
from storyweave.records import Meta
from storyweave.text import normalize, words

# trafilatura runs in its default (balanced) mode without comments. Measured with
# benchmarks/extraction.py: favor_precision gains ~0.5 point of token F1 but on some pages cuts
# whole paragraphs of the article (recall -1 point on mozilla-readability); the text-level
# cleaning after it removes most of what the balanced mode leaves in.


@dataclass(frozen=True)
class HtmlExtraction:
    """The body text trafilatura found and the page metadata, each with its evidence.

    ``tags`` holds metadata read from explicit tags (strong evidence); ``guessed`` what
    trafilatura's heuristics found (used only when neither tags nor the text give a value).
    ``dropped`` lists, in page order, the visible text lines trafilatura left out (menus,
    banners, comment forms, footers), so that what was taken out can be shown.
    Keys: ``title``, ``byline``, ``outlet``, ``published``, ``url``.
    """

    text: str
    tags: dict[str, Meta] = field(default_factory=dict)
    guessed: dict[str, Meta] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()  # visible lines of the page outside the extracted text


def extract_html(markup: str) -> HtmlExtraction:
    """Extract the main text and metadata of an HTML page; never raises."""
    tree = _parse(markup)
    tags = _tag_metadata(tree) if tree is not None else {}
    text, guessed = _trafilatura(markup)
    visible = _plain_text(tree) if tree is not None else ""
    if not text.strip():
        text = visible
    page_title = _page_title(tree, tags.get("outlet")) if tree is not None else ""
    if page_title and "title" not in tags:
        tags["title"] = Meta(page_title, "html <title>")
    return HtmlExtraction(text=text, tags=tags, guessed=guessed, dropped=_dropped(visible, text))


def _dropped(visible: str, text: str) -> tuple[str, ...]:
    """The lines of the page's visible text that are not in the extracted text, each once."""
    kept = " ".join(text.split())
    seen: set[str] = set()
    dropped: list[str] = []
    for line in visible.split("\n"):
        line = line.strip()
        if re.search(r"\w", line) and line not in seen and line not in kept:
            seen.add(line)
            dropped.append(line)
    return tuple(dropped)


def _page_title(tree: Any, outlet: Meta | None) -> str:
    """The <title>, without a trailing or leading " | Outlet" part naming the site."""
    title = tidy(_text_of(tree, "//title") or "")
    parts = re.split(r"\s+[|–—·:»-]\s+", title)
    if outlet is None or len(parts) < 2:
        return title
    site = words(normalize(outlet.value))
    kept = [p for p in parts if words(normalize(p)) != site]
    return " - ".join(kept) if kept and len(kept) < len(parts) else title


def _parse(markup: str) -> Any:
    if not markup.strip():
        return None
    import lxml.html  # here: a run on text files never loads lxml
    from lxml import etree

    try:
        return lxml.html.document_fromstring(markup)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        pass
    try:  # an XML encoding declaration in a str: parse the bytes instead
        parser = lxml.html.HTMLParser(encoding="utf-8")
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (ValueError, etree.ParserError, etree.XMLSyntaxError):
        return None


_BLOCK_TAGS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 br tr td th table section article header footer "
    "blockquote pre figure figcaption main aside dd dt dl hr".split()
)
_SKIPPED_TAGS = frozenset("script style noscript template nav head svg iframe form button".split())


def _plain_text(tree: Any) -> str:
    """All visible text of the page, one block per line: the fallback when trafilatura finds
    nothing (very short or badly broken pages)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag  # each read of an lxml property makes a new string: read once
        name = tag.lower() if isinstance(tag, str) else ""  # comments: no tag, no text
        if name in _SKIPPED_TAGS:
            return
        block = name in _BLOCK_TAGS
        if block:
            parts.append("\n")
        text = element.text if name else None
        if text:
            parts.append(text)
        for child in element:
            walk(child)
            tail = child.tail
            if tail:
                parts.append(tail)
        if block:
            parts.append("\n")

    try:
        walk(tree)
    except RecursionError:
        return ""
    return tidy_lines("".join(parts))


def tidy_lines(text: str) -> str:
    """The non-blank lines of ``text``, each tidied (:func:`tidy`), one a line. The blank lines
    between blocks, most lines of a page, are dropped before tidying (they tidy to nothing)."""
    lines = (tidy(line) for line in text.split("\n") if line and not line.isspace())
    return "\n".join(line for line in lines if line)


def _trafilatura(markup: str) -> tuple[str, dict[str, Meta]]:
    data = _bare_extraction(markup)
    return data.get("text") or "", _trafilatura_metadata(data)


# trafilatura's default rejects dates after today, so its answer would depend on the day of the
# run; a fixed bound keeps the same page giving the same date on any day.
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "max_date": "2099-12-31"}


def _bare_extraction(markup: str) -> dict[str, Any]:
    import trafilatura  # slow to import: a run on plain text never needs it

    try:
        result = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura and lxml raise many kinds on hostile markup
        return {}
    if result is None:
        return {}
    data = result if isinstance(result, dict) else result.as_dict()
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _trafilatura_metadata(data: dict[str, Any]) -> dict[str, Meta]:
    found: dict[str, Meta] = {}
    pairs = (("title", "title"), ("byline", "author"), ("outlet", "sitename"), ("url", "url"))
    for key, field_name in pairs:
        value = tidy(data.get(field_name) or "")
        if value:
            found[key] = Meta(value, f"trafilatura metadata ({field_name})")
    date = normalize_iso(data.get("date") or "")
    if date:
        found["published"] = Meta(date, "trafilatura metadata (date)")
    return found


def _tag_metadata(tree: Any) -> dict[str, Meta]:
    found: dict[str, Meta] = {}
    metas = _meta_tags(tree)
    ld = list(_json_ld_objects(tree))

    def put(key: str, value: str | None, evidence: str) -> None:
        value = tidy(value or "")
        if value and key not in found:
            found[key] = Meta(value, evidence)

    for name in ("og:title", "twitter:title"):
        put("title", metas.get(name), f"html meta {name}")
    put("title", _ld_value(ld, "headline"), "html JSON-LD headline")
    for name in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator"):
        value = metas.get(name)
        if value and not re.match(r"https?://", value):
            put("byline", value, f"html meta {name}")
    put("byline", _ld_author(ld), "html JSON-LD author")
    for name in ("og:site_name", "application-name", "publisher"):
        put("outlet", metas.get(name), f"html meta {name}")
    put("outlet", _ld_publisher(ld), "html JSON-LD publisher")
    for name in (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "publishdate",
        "publish-date",
        "pubdate",
        "parsely-pub-date",
        "sailthru.date",
        "dc.date.issued",
        "dc.date",
        "date",
    ):
        put("published", normalize_iso(metas.get(name) or ""), f"html meta {name}")
    put(
        "published",
        normalize_iso(_ld_value(ld, "datePublished") or ""),
        "html JSON-LD datePublished",
    )
    put("published", _time_element(tree), "html <time datetime>")
    put("url", _link(tree, "canonical"), "html link rel=canonical")
    put("url", metas.get("og:url"), "html meta og:url")
    return found


def _meta_tags(tree: Any) -> dict[str, str]:
    """First value of each <meta> by its property/name/itemprop (lower-cased)."""
    found: dict[str, str] = {}
    for element in _xpath(tree, "//meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        value = element.get("content")
        if key and value and key.lower() not in found:
            found[key.strip().lower()] = value
    return found


def _xpath(tree: Any, path: str) -> list[Any]:
    from lxml import etree  # loaded by _parse, which made the tree

    try:
        return list(tree.xpath(path))
    except (etree.XPathError, ValueError):
        return []


def _text_of(tree: Any, path: str) -> str | None:
    for element in _xpath(tree, path):
        text = element.text_content() if hasattr(element, "text_content") else None
        if text and text.strip():
            return str(text)
    return None


def _link(tree: Any, rel: str) -> str | None:
    for element in _xpath(tree, "//link[@href]"):
        if rel in (element.get("rel") or "").lower().split():
            href = element.get("href", "").strip()
            if re.match(r"https?://", href):
                return str(href)
    return None


def _time_element(tree: Any) -> str | None:
    for element in _xpath(tree, "//time[@datetime]"):
        value = normalize_iso(element.get("datetime", ""))
        if value:
            return value
    return None


def _json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in _xpath(tree, "//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        yield from _walk(data, depth=0)


def _walk(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk(graph, depth + 1)


def _ld_value(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _ld_author(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        if "author" in obj:
            names = [n for n in (_ld_name(a) for a in _as_list(obj["author"])) if n]
            if names:
                return ", ".join(names)
    return None


def _ld_publisher(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        if "publisher" in obj:
            name = _ld_name(obj["publisher"])
            if name:
                return name
    return None


def _ld_name(value: Any) -> str | None:
    if isinstance(value, str):
        return None if re.match(r"https?://", value) else value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list) and value:
        return _ld_name(value[0])
    return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
