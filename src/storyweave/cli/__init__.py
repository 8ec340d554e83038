"""The command line: a thin layer that turns library errors into one-line messages and exit codes.

Exit codes: 0 all inputs read; 1 some input was skipped (each named on stderr); 2 the run could
not be done at all (bad option, store unusable); 130 interrupted.

`main` parses the command line (`storyweave.cli.parser`) and carries out the command by its
module: `storyweave.cli.run`, `storyweave.cli.dups` (with `storyweave.cli.keep`),
`storyweave.cli.check`, `storyweave.cli.stored` (report, export, schema). Their shared pieces
are the options (`storyweave.cli.options`), the checks and writing of outputs
(`storyweave.cli.outputs`), the progress bars (`storyweave.cli.progress`, drawn by
`storyweave.cli.bars`) and the exit codes
and messages (`storyweave.cli.messages`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .._lazy import loading_modules
from ..errors import StoryweaveError
from .messages import EXIT_FATAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_SKIPPED, lazy_console, printable
from .parser import build_parser

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["EXIT_FATAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_SKIPPED", "build_parser", "main"]

# The stages are imported where a command needs them: `storyweave dups` on a large corpus should
# not pay for loading the whole pipeline.

Handler = Callable[[argparse.Namespace, "Console"], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storyweave`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    err = lazy_console(stderr=True, highlight=False, soft_wrap=True)
    try:
        with loading_modules():
            handler = _handler(args.command)
        code: int = handler(args, err)
    except KeyboardInterrupt:
        err.print("storyweave: interrupted; the store keeps every finished batch", markup=False)
        return EXIT_INTERRUPTED
    except StoryweaveError as exc:
        err.print(f"storyweave: error: {printable(str(exc))}", markup=False)
        return EXIT_FATAL
    except OSError as exc:
        where = printable(str(exc.filename or ""))
        err.print(f"storyweave: error: {exc.strerror or exc}: {where}", markup=False)
        return EXIT_FATAL
    return code


def _handler(command: str) -> Handler:
    """The function that carries out ``command``, its module imported only now: ``--help`` and
    a bad option load no command's module, and one command none of another's."""
    if command == "run":
        from .run import run_command

        return run_command
    if command == "dups":
        from .dups import dups_command

        return dups_command
    if command == "check":
        from .check import check_command

        return check_command
    from .stored import export_command, report_command, schema_command

    stored: dict[str, Handler] = {
        "report": report_command,
        "export": export_command,
        "schema": schema_command,
    }
    return stored[command]
