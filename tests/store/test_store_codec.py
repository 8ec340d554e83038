"""The store's JSON codec: field names looked up once per type give the same JSON as a walk of
``dataclasses.fields`` on each record."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from storyweave.records import Article, Claim, Label, Meta, Removed
from storyweave.store.codec import dumps, loads, to_plain


def _plain_by_fields(value: Any) -> Any:
    """The plain path: ``dataclasses.fields`` of each record, every time."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain_by_fields(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain_by_fields(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain_by_fields(v) for k, v in value.items()}
    return value


ARTICLE = Article(
    id="a1",
    ref="page.html",
    source="https://example.org/x",
    text="Body “quoted” text.",
    title=Meta("Title", "html <title>"),
    byline=None,
    published=Meta("2024-01-09", "html meta date"),
    removed=(Removed("Share", "share buttons"), Removed("Menu", "outside the article text")),
    labels=(Label("spun", ("b2", "c3")),),
)
CLAIM = Claim(
    id="c1",
    article_id="a1",
    kind="quantity",
    start=0,
    end=4,
    text="Body",
    value="4 km",
    subject="road",
    attrs={"unit": "km", "low": "4"},
)


def test_to_plain_equals_the_walk_of_dataclass_fields() -> None:
    for record in (ARTICLE, CLAIM, [ARTICLE, (CLAIM,)], {"k": ARTICLE}, Article, None, 3):
        assert to_plain(record) == _plain_by_fields(record)


def test_dumps_is_the_compact_sorted_json_of_the_plain_walk_and_loads_back() -> None:
    for record in (ARTICLE, CLAIM):
        expected = json.dumps(
            _plain_by_fields(record), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        assert dumps(record) == expected
        assert loads(type(record), dumps(record)) == record


class _Text(str):
    """A str subclass (as a StrEnum member is): not a scalar of the fast path."""


def test_scalars_and_their_subclasses_come_out_as_the_plain_walk_gives_them() -> None:
    values = ["x", 3, 2.5, True, None, _Text("y"), [1, "a", None], {"k": (1.5, False)}]
    for value in values:
        plain = to_plain(value)
        assert plain == _plain_by_fields(value)
        assert type(plain) is type(_plain_by_fields(value))
