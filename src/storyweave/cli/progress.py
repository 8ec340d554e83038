"""Progress bars on standard error, one per stage, for the commands that read many inputs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from ..parallel import ProgressFn


# What a stage's count counts (see storyweave.parallel.ProgressFn); a stage not named here is
# shown as a bar without a count.
PROGRESS_UNITS = {
    "reading": "articles",
    "relating": "pairs",
    "labelling": "articles",
    "clustering": "articles",
    "comparing": "stories",
}


@contextmanager
def progress_display(err: Console, enabled: bool) -> Iterator[ProgressFn | None]:
    if not enabled:
        yield None
        return
    from .bars import progress_bars  # rich's progress display, loaded only to be shown

    with progress_bars(err, PROGRESS_UNITS) as update:
        yield update
