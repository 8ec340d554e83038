"""The options several commands share, the types of their values, and what the library makes of
them (the input fields, the Spark session)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..engines import DEFAULT_MEMORY_MB, DEFAULT_SECONDS
from ..errors import UsageError
from ..ingest import DEFAULT_MAX_BYTES


def add_db_option(
    parser: argparse.ArgumentParser,
    help_text: str = "the DuckDB store (default: storyweave.duckdb here; ':memory:' keeps nothing)",
) -> None:
    parser.add_argument("--db", default="storyweave.duckdb", metavar="FILE", help=help_text)


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="FILE", help="write the JSON report here ('-': stdout)")
    parser.add_argument("--md", metavar="FILE", help="write the Markdown report here ('-': stdout)")
    parser.add_argument(
        "--html",
        metavar="FILE",
        help="write the HTML report here, one self-contained page ('-': stdout)",
    )


def add_field_options(parser: argparse.ArgumentParser) -> None:
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


def add_max_bytes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"skip single articles larger than N bytes (default: {DEFAULT_MAX_BYTES})",
    )


def add_budget_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--article-seconds",
        type=non_negative_float,
        default=DEFAULT_SECONDS,
        metavar="S",
        help="skip an article whose cleaning and fact extraction take more than S seconds of "
        f"CPU time (default: {DEFAULT_SECONDS:g}; 0: no limit)",
    )
    parser.add_argument(
        "--article-memory",
        type=non_negative_float,
        default=DEFAULT_MEMORY_MB,
        metavar="MIB",
        help="skip an article whose cleaning and fact extraction grow memory by more than MIB "
        f"mebibytes (default: {DEFAULT_MEMORY_MB}; 0: no limit)",
    )


ENGINE_PATHS_HELP = (
    "file, folder, or - for stdin; with --engine spark also a URI of any Hadoop file system "
    "(hdfs://, s3a://, gs://, file:// …), read by the executors"
)


def add_engine_options(parser: argparse.ArgumentParser) -> None:
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


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of at least 0: {text}")
    return value


def fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 1: {text}")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def input_fields(args: argparse.Namespace) -> Any:
    from ..ingest import DEFAULT_FIELDS

    return DEFAULT_FIELDS.with_names(
        text=args.text_field,
        id=args.id_field,
        title=args.title_field,
        date=args.date_field,
        url=args.url_field,
        outlet=args.outlet_field,
    )


def spark_session_for(args: argparse.Namespace) -> Any:
    """The Spark session ``--engine spark`` asks for, or None for the local engine."""
    if args.engine != "spark":
        return None
    from ..engines import spark_session, spark_unavailable_reason

    reason = spark_unavailable_reason()
    if reason is not None:
        raise UsageError(f"--engine spark: {reason}")
    return spark_session(args.spark_master, args.spark_conf)
