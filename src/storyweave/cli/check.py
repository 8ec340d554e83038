"""`storyweave check`: judge how articles stand toward the claims given on the command line or in
a ``--claims`` file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rich.console import Console

from ..errors import InputError, UsageError
from .messages import EXIT_OK, EXIT_SKIPPED, printable
from .outputs import check_inputs, check_outputs, write_output
from .progress import progress_display


def check_command(args: argparse.Namespace, err: Console) -> int:
    from ..checking import ClaimRequest, check
    from ..report import check_report, dumps_checks, print_checks
    from ..store import open_store

    if args.claims:
        requests, paths = read_claims(args.claims), list(args.inputs)
    else:
        if len(args.inputs) < 2:
            raise UsageError("check needs a CLAIM and at least one PATH (or --claims FILE)")
        requests, paths = [ClaimRequest(args.inputs[0])], list(args.inputs[1:])
    check_inputs(paths)
    check_outputs(args, ("json",))

    def on_error(error: InputError) -> None:
        err.print(f"storyweave: skipped {printable(str(error))}", markup=False, soft_wrap=True)

    show_progress = err.is_terminal and not args.no_progress and not args.quiet
    with open_store(args.db) as store, progress_display(err, show_progress) as progress:
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
    write_output(args.json, dumps_checks(report), Console())
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
    from ..checking import ClaimRequest

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
