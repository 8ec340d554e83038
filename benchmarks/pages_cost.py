"""Per-article cost: `storyweave run` on the 181 scrapinghub pages beside trafilatura alone.

    .venv/bin/python benchmarks/pages_cost.py [--runs 3] [--workers 1] [--json FILE]

The 181 pages of ../shared/data/extraction/scrapinghub-aeb/html are unpacked to .html files in
a temporary folder. Each command runs in a fresh process under ``/usr/bin/time -v``:
``storyweave run DIR --workers 1`` into a fresh store, with name extraction off
(``STORYWEAVE_NER=off``, as in the default install, which has no spaCy), and one Python process
that calls ``trafilatura.extract`` on each page in turn (trafilatura's extraction alone, its
default settings). The figures are the median wall time and the median peak resident memory
(of the largest process of the command) over ``--runs`` runs, and the ratio of the two median
times. Goal (issue 19): storyweave at most 2x trafilatura's time, one worker each.
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
from pathlib import Path

from cold_start import (
    NER_OFF,
    TIME,
    interleaved,
    medians,
    report,
    time_ratios,
)  # benchmarks/cold_start.py

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO.parent / "shared" / "data" / "extraction" / "scrapinghub-aeb" / "html"
GOAL_RATIO = 2.0

EXTRACT_ALL = """
import sys
from pathlib import Path
import trafilatura
for page in sorted(Path(sys.argv[1]).glob("*.html")):
    trafilatura.extract(page.read_text(encoding="utf-8", errors="replace"))
"""


def unpack_pages(source: Path, target: Path) -> int:
    """Write each ``*.html.gz`` page of ``source`` to ``target`` as ``.html``; return the count."""
    pages = sorted(source.glob("*.html.gz"))
    for page in pages:
        name = page.name.removesuffix(".gz")
        (target / name).write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="storyweave run --workers")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if not PAGES.is_dir() or not TIME.exists():
        sys.exit(f"missing data or /usr/bin/time: {PAGES}")
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages = work / "pages"
        pages.mkdir()
        count = unpack_pages(PAGES, pages)

        def storyweave(i: int) -> list[str]:
            db = work / f"run{i}.duckdb"
            options = ["--db", str(db), "--quiet", "--workers", str(args.workers)]
            return [str(bin_dir / "storyweave"), "run", str(pages), *options]

        def trafilatura(_: int) -> list[str]:
            return [sys.executable, "-c", EXTRACT_ALL, str(pages)]

        load_before = os.getloadavg()[0]
        figures = interleaved(
            args.runs,
            {
                "storyweave_run": (storyweave, None, NER_OFF),
                "trafilatura_alone": (trafilatura, None, None),
            },
        )
    results = {name: medians(runs) for name, runs in figures.items()}
    ratios = time_ratios(figures, "storyweave_run", "trafilatura_alone")
    summary = {
        "pages": count,
        "workers": args.workers,
        "runs": args.runs,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        **results,
        **ratios,
        "goal": {"time_ratio": GOAL_RATIO},
        "meets_goal": ratios["time_ratio"] <= GOAL_RATIO,
    }
    print(f"{count} pages, {args.workers} worker(s), median of {args.runs} interleaved rounds")
    report(results, summary, args.json)
    from _results import save  # benchmarks/_results.py

    save("pages_cost", summary)


if __name__ == "__main__":
    main()
