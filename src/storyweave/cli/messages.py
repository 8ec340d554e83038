"""The exit codes of the commands and the text of their one-line messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 130


def printable(text: str) -> str:
    # Imported here: the shared text module compiles its word and sentence patterns on import,
    # which a command that stops before reading anything need not pay for.
    from ..text import printable

    return printable(text)


class _LazyConsole:
    """A rich ``Console(**options)`` made when first used: a run that prints nothing (``--quiet``,
    no error, reports written to files) does not import rich (tens of milliseconds)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        console = self._console
        if console is None:
            from rich.console import Console

            console = self._console = Console(**self._options)
        return getattr(console, name)


def lazy_console(**options: Any) -> Console:
    """A stand-in for ``rich.console.Console(**options)``, which it makes on first use."""
    return cast("Console", _LazyConsole(**options))
