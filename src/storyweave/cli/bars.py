"""The progress bars themselves (rich's progress display), imported by
:func:`storyweave.cli.progress.progress_display` only when bars are shown: a quiet run or one
whose standard error is no terminal does not load them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

if TYPE_CHECKING:
    from ..parallel import ProgressFn


class CountColumn(ProgressColumn):
    """``1,024/2,225 articles``, or ``1,024 articles`` while the total is unknown."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit")
        if not unit:
            return Text("")
        done = f"{int(task.completed):,}"
        if task.total is None:
            return Text(f"{done} {unit}", style="progress.download")
        return Text(f"{done}/{int(task.total):,} {unit}", style="progress.download")


@contextmanager
def progress_bars(err: Console, units: dict[str, str]) -> Iterator[ProgressFn]:
    """A bar per stage on ``err``, its count in ``units[stage]`` (none for a stage not named)."""
    columns = (
        TextColumn("{task.description:<10}"),
        BarColumn(),
        CountColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                unit = units.get(stage, "")
                tasks[stage] = int(bar.add_task(stage, total=total, unit=unit))
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update
