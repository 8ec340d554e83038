"""The exit codes of the commands and the text of their one-line messages."""

from __future__ import annotations

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 130


def printable(text: str) -> str:
    # Imported here: the shared text module compiles its word and sentence patterns on import,
    # which a command that stops before reading anything need not pay for.
    from ..text import printable

    return printable(text)
