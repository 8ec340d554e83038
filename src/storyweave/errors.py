"""The one exception hierarchy of storyweave.

Every error a user can cause derives from :class:`StoryweaveError`; the command line turns each
into a one-line message. :class:`InputError` names the input (and line) that was skipped.
"""

from __future__ import annotations


class StoryweaveError(Exception):
    """Base class of every error storyweave raises on purpose."""


class InputError(StoryweaveError):
    """One input (a file, or one record of a JSONL file) could not be read and was skipped."""

    def __init__(self, ref: str, reason: str, line: int | None = None) -> None:
        self.ref = ref
        self.reason = reason
        self.line = line
        super().__init__(ref, reason, line)  # these args rebuild it when pickled across processes

    def __str__(self) -> str:
        where = self.ref if self.line is None else f"{self.ref}:{self.line}"
        return f"{where}: {self.reason}"


class StoreError(StoryweaveError):
    """The DuckDB store could not be opened, read or written."""


class UsageError(StoryweaveError):
    """The caller asked for something that cannot be done (bad option, missing path)."""
