"""The outputs of the commands: input paths and output options checked before any work is done,
and the reports written to files or standard output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from ..report import Report


def check_inputs(paths: Sequence[str], *, spark: bool = False) -> None:
    """UsageError for the first input path given that does not exist (a typo is not a skip),
    or that is a URI (``hdfs://…``) without ``spark`` (the Spark engine lists those itself)."""
    from ..ingest import path_ref, uri_scheme

    for path in paths:
        scheme = uri_scheme(path)
        if scheme is not None and not spark:
            raise UsageError(
                f"{path_ref(path)}: inputs on a Hadoop file system ({scheme}://) are read "
                "by the Spark engine only (run or dups with --engine spark)"
            )
        if scheme is None and path != "-" and not os.path.lexists(path):
            raise UsageError(f"{path_ref(path)}: no such file or folder")


def check_outputs(args: argparse.Namespace, options: Sequence[str]) -> None:
    """UsageError, before any work is done, for output options (``--json`` …) that cannot be
    written: more than one on standard output, or a path whose folder is missing or not
    writable, or that is a folder."""
    given = [(f"--{option}", getattr(args, option)) for option in options]
    on_stdout = [option for option, target in given if target == "-"]
    if len(on_stdout) > 1:
        both = "both" if len(on_stdout) == 2 else "all"
        named = ", ".join(on_stdout[:-1]) + f" and {on_stdout[-1]}"
        raise UsageError(f"{named} {both} write to standard output ('-')")
    for option, target in given:
        if target is not None and target != "-":
            problem = output_problem(target)
            if problem is not None:
                from ..ingest import path_ref

                raise UsageError(f"{option} {path_ref(target)}: {problem}")


def check_parquet_dir(directory: str | None) -> None:
    """UsageError, before any work is done, when ``--parquet DIR`` cannot be written."""
    if directory is None:
        return
    from ..ingest import path_ref
    from ..store import directory_problem

    problem = "is standard output, not a folder" if directory == "-" else None
    problem = problem or directory_problem(directory)
    if problem is not None:
        raise UsageError(f"--parquet {path_ref(directory)}: {problem}")


def output_problem(target: str) -> str | None:
    """Why a file cannot be written at ``target`` (through a symbolic link), or None."""
    path = os.path.realpath(target)
    if os.path.isdir(path):
        return "is a folder"
    if os.path.exists(path) and not os.path.isfile(path):  # a device or FIFO: written into
        return None if os.access(path, os.W_OK) else "not writable"
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        return f"no folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"folder {folder} is not writable"
    return None


def write_output(target: str | None, text: str | Iterable[str], out: Console) -> None:
    """Write ``text`` (or its pieces, in order) to ``target``: a file, or stdout for ``-``."""
    from ..report import write_atomic

    if target is None:
        return
    if target == "-":
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
    else:
        write_atomic(target, text)


def _html(report: Report) -> str:
    from ..report import render_html  # the template engine is loaded when HTML is asked for

    return render_html(report)


def _markdown(report: Report) -> str:
    from ..report import render_markdown  # loaded when Markdown is asked for

    return render_markdown(report)


def write_reports(args: argparse.Namespace, report: Report, out: Console) -> None:
    """Render and write each report asked for by --json, --md and --html (the JSON in pieces:
    a report of many articles need not be held as one text too)."""
    from ..report import report_chunks

    renderers: dict[str, Callable[[Report], str | Iterable[str]]] = {
        "json": report_chunks,
        "md": _markdown,
        "html": _html,
    }
    for option, render in renderers.items():
        target = getattr(args, option)
        if target is not None:
            write_output(target, render(report), out)
