"""The command line: a thin layer that turns library errors into one-line messages and exit codes.

Exit codes: 0 all inputs read; 1 some input was skipped (each named on stderr); 2 the run could
not be done at all (bad option, store unusable); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ._version import __version__
from .errors import InputError, StoryweaveError
from .ingest import DEFAULT_MAX_BYTES
from .pipeline import ProgressFn, RunResult, weave
from .report import (
    build_report,
    dumps_report,
    print_summary,
    render_markdown,
    report_schema,
    write_atomic,
)
from .store import open_store

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 130

DESCRIPTION = """\
storyweave reads a pile of news articles and tells, story by story, which articles cover the same
event, who copied or spun whom, which facts independent sources corroborate or dispute, which
names were garbled and which quotes drifted, and writes a brief in which every sentence cites
its sources."""

RUN_EPILOG = """\
inputs:
  .txt plain text; .html/.htm (and .gz of either); .jsonl, one article per line with a "text"
  field and optional id, title, url, published/date, outlet/source, byline/author.
  A folder is read recursively; "-" reads standard input.

exit status:
  0 every input was read; 1 some input was skipped (each is named on stderr);
  2 the run could not be done; 130 interrupted (the store keeps every finished batch).

examples:
  storyweave run examples/demo --json report.json --md report.md
  storyweave run articles/ --db newsroom.duckdb
  cat feed.jsonl | storyweave run - --db :memory: --json -"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``storyweave`` command."""
    parser = argparse.ArgumentParser(
        prog="storyweave",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyweave {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    run = commands.add_parser(
        "run",
        help="read articles, find stories, copies and facts; print and write reports",
        description="Read articles into the store, group them into stories, relate copies to "
        "their origins, compare facts across sources and write a cited brief of each story.",
        epilog=RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    run.add_argument(
        "--db",
        default="storyweave.duckdb",
        metavar="FILE",
        help="the DuckDB store (default: storyweave.duckdb here; ':memory:' keeps nothing)",
    )
    run.add_argument("--json", metavar="FILE", help="write the JSON report here ('-': stdout)")
    run.add_argument("--md", metavar="FILE", help="write the Markdown report here ('-': stdout)")
    run.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"skip single articles larger than N bytes (default: {DEFAULT_MAX_BYTES})",
    )
    run.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes for per-article work (default: all cores)",
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary, only skipped inputs"
    )
    run.add_argument("--no-progress", action="store_true", help="never show progress bars")
    run.set_defaults(handler=_run)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the report",
        description="Print the JSON Schema that every --json report validates against.",
    )
    schema.set_defaults(handler=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``storyweave`` console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        code: int = args.handler(args, err)
    except KeyboardInterrupt:
        err.print("storyweave: interrupted; the store keeps every finished batch", markup=False)
        return EXIT_INTERRUPTED
    except StoryweaveError as exc:
        err.print(f"storyweave: error: {exc}", markup=False)
        return EXIT_FATAL
    except OSError as exc:
        err.print(f"storyweave: error: {exc.strerror or exc}: {exc.filename or ''}", markup=False)
        return EXIT_FATAL
    return code


def _run(args: argparse.Namespace, err: Console) -> int:
    out = Console(highlight=False, soft_wrap=False)

    def on_error(error: InputError) -> None:
        err.print(f"storyweave: skipped {error}", markup=False, soft_wrap=True)

    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    with open_store(args.db) as store, _progress(err, show_progress) as progress:
        result = weave(
            args.paths,
            store,
            stdin=sys.stdin.buffer if "-" in args.paths else None,
            max_bytes=args.max_bytes,
            workers=args.workers,
            progress=progress,
            on_error=on_error,
        )
    report = build_report(
        result.articles,
        result.relations,
        result.stories,
        result.findings,
        result.briefs,
        result.errors,
    )
    _write(args.json, dumps_report(report), out)
    _write(args.md, render_markdown(report), out)
    if not args.quiet and "-" not in (args.json, args.md):
        print_summary(report, out)
    return _finish(result, err)


def _finish(result: RunResult, err: Console) -> int:
    if result.input_articles == 0:
        err.print("storyweave: no article could be read", markup=False)
        return EXIT_SKIPPED
    if result.errors:
        err.print(
            f"storyweave: {len(result.errors)} input(s) skipped; "
            f"{result.input_articles} article(s) read",
            markup=False,
        )
        return EXIT_SKIPPED
    return EXIT_OK


def _schema(args: argparse.Namespace, err: Console) -> int:
    sys.stdout.write(json.dumps(report_schema(), indent=2) + "\n")
    return EXIT_OK


def _write(target: str | None, text: str, out: Console) -> None:
    if target is None:
        return
    if target == "-":
        sys.stdout.write(text)
    else:
        write_atomic(target, text)


@contextmanager
def _progress(err: Console, enabled: bool) -> Iterator[ProgressFn | None]:
    if not enabled:
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = int(bar.add_task(stage, total=total))
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


if __name__ == "__main__":
    sys.exit(main())
