"""`storyweave dups`: group duplicate and near-duplicate inputs, print or write the groups, and
have the deduplicated corpus written (`storyweave.cli.keep`)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.console import Console

from ..errors import InputError, UsageError
from ..records import RelationKind
from .keep import reread, write_kept
from .messages import EXIT_OK, EXIT_SKIPPED, printable
from .options import input_fields, spark_session_for
from .outputs import check_inputs, check_outputs, write_output
from .progress import progress_display

if TYPE_CHECKING:
    from ..duplicates import DedupResult


def dups_command(args: argparse.Namespace, err: Console) -> int:
    from ..duplicates import keep_freed_memory, start_dedup_workers_early

    if args.workers != 1 and args.engine == "local":
        start_dedup_workers_early()  # before the engine's own imports, so they overlap
    keep_freed_memory()  # a one-shot job of large arrays
    from ..duplicates import dedup, dedup_inputs
    from ..ingest import read_inputs, reading_fields, uri_scheme
    from ..records import Document

    if args.shingle_size > 64:
        raise UsageError("--shingle-size must be at most 64")
    check_inputs(args.paths, spark=args.engine == "spark")
    if args.keep and any(uri_scheme(path) for path in args.paths):
        raise UsageError("--keep reads the inputs again on this machine: not for URIs (hdfs://…)")
    check_outputs(args, ("json", "keep"))
    errors: list[InputError] = []
    stdin = sys.stdin.buffer if "-" in args.paths else None

    def on_error(error: InputError) -> None:
        errors.append(error)
        err.print(f"storyweave: skipped {printable(str(error))}", markup=False, soft_wrap=True)

    buffered: list[Document] | None = None
    settings = {
        "threshold": args.threshold,
        "k": args.shingle_size,
        "num_perm": args.num_perm,
        "workers": args.workers,
    }
    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    fields = input_fields(args)
    with progress_display(err, show_progress) as progress, reading_fields(fields):
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
            from ..engines import spark_dedup_inputs

            result = spark_dedup_inputs(
                args.paths,
                spark_session_for(args),
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
        write_output(args.json, _dups_json(result, refs), Console())
    if args.keep:
        kept = (
            ((doc, None) for doc in buffered)
            if buffered is not None
            else reread(args.paths, args.max_bytes, fields)
        )
        parquet = (args.keep_format or "") == "parquet" or (
            args.keep_format is None and args.keep.lower().endswith(".parquet")
        )
        write_kept(args.keep, kept, result.redundant, result.refs, parquet=parquet)
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
