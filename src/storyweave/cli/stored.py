"""The commands that read what runs stored, without reading inputs: `storyweave report` and
`storyweave export`; and `storyweave schema`, which reads nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from ..errors import StoreError
from .messages import EXIT_OK
from .outputs import check_outputs, write_reports

if TYPE_CHECKING:
    from ..store import Store


def report_command(args: argparse.Namespace, err: Console) -> int:
    from ..pipeline import report_from_store
    from ..report import print_summary

    check_outputs(args, ("json", "md", "html"))
    with _open_existing_store(args.db) as store:
        report = report_from_store(store, stories=args.story, since=args.since)
    out = Console(highlight=False, soft_wrap=False)
    if (args.json, args.md, args.html) == (None, None, None):
        print_summary(report, out)
    else:
        write_reports(args, report, out)
    return EXIT_OK


def export_command(args: argparse.Namespace, err: Console) -> int:
    with _open_existing_store(args.db) as store:
        exported = store.export(args.directory, args.format)
    for view in exported:
        print(f"{view.path}: {view.rows} {'row' if view.rows == 1 else 'rows'}")
    return EXIT_OK


def schema_command(args: argparse.Namespace, err: Console) -> int:
    from ..report import report_schema

    sys.stdout.write(json.dumps(report_schema(), indent=2) + "\n")
    return EXIT_OK


def _open_existing_store(path: str) -> Store:
    """The store at ``path``; StoreError when there is none (opening would create an empty one)."""
    from ..store import open_store

    if not Path(path).is_file():
        raise StoreError(f"no store at {path}: give the --db FILE a run wrote")
    return open_store(path)
