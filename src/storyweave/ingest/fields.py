"""Which field (JSONL, JSON) or column (Parquet, CSV) of a record holds what.

The defaults are the names the JSONL reader has always read; ``--text-field`` and the other
``--…-field`` options of the command line name others (a Hugging Face dataset's ``content``,
``headline``, ``date_publish``…).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# Document.meta keys, in the order they are looked up.
META_KEYS = ("title", "url", "published", "outlet", "byline")


@dataclass(frozen=True)
class Fields:
    """The record fields read for a Document: ``text`` (required), ``id`` (names the record in
    its ref; without it the record's line or row number does), and for each metadata key the
    fields it is read from, the first present and not empty winning."""

    text: str = "text"
    id: str = "id"
    title: tuple[str, ...] = ("title",)
    url: tuple[str, ...] = ("url",)
    published: tuple[str, ...] = ("published", "date")
    outlet: tuple[str, ...] = ("outlet", "source")
    byline: tuple[str, ...] = ("byline", "author")

    def meta_fields(self) -> dict[str, tuple[str, ...]]:
        """Document.meta key -> the record fields it is read from."""
        return {key: getattr(self, key) for key in META_KEYS}

    def with_names(
        self,
        *,
        text: str | None = None,
        id: str | None = None,
        title: str | None = None,
        date: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
        byline: str | None = None,
    ) -> Fields:
        """These fields with the names given (None: keep the default) replacing the defaults."""
        return Fields(
            text=text or self.text,
            id=id or self.id,
            title=(title,) if title else self.title,
            url=(url,) if url else self.url,
            published=(date,) if date else self.published,
            outlet=(outlet,) if outlet else self.outlet,
            byline=(byline,) if byline else self.byline,
        )


DEFAULT_FIELDS = Fields()

_CURRENT: ContextVar[Fields] = ContextVar("storyweave_fields", default=DEFAULT_FIELDS)


def current_fields() -> Fields:
    """The fields readers use when they are given none: :data:`DEFAULT_FIELDS`, or those of
    the innermost :func:`reading_fields` block."""
    return _CURRENT.get()


@contextmanager
def reading_fields(fields: Fields) -> Iterator[None]:
    """Within the block, readers given no ``fields`` read these (so that a job such as
    ``storyweave.weave`` or ``dedup_inputs``, which reads its inputs itself, reads them)."""
    token = _CURRENT.set(fields)
    try:
        yield
    finally:
        _CURRENT.reset(token)
