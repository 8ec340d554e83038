"""Cold start: `storyweave run` on one article beside trafilatura's command line on one page.

    .venv/bin/python benchmarks/cold_start.py [--runs 3] [--json FILE]

Each command runs in a fresh process (and `storyweave run` in a fresh store) under ``/usr/bin/time
-v``; the figures are the median wall time and the median peak resident memory (of the largest
process of the command) over ``--runs`` rounds, each round running every command once (interleaved,
so that the machine's load weighs on each alike); the median of each round's own time ratio is
printed too, with the load average before and after. The article is the first of the BBC corpus,
written to a .txt file; the page is the first of the scrapinghub AEB pages, unpacked to an .html
file and given to trafilatura on its standard input; ``storyweave run`` on that page is measured too
(the goal is stated for the article). Goal (issue 19): storyweave at most 1.5x trafilatura's time
and at most 300 MB, judged with name extraction off (``STORYWEAVE_NER=off``), as in the default
install, which has no spaCy; the article is also run with the spaCy model when it is installed
(``storyweave_run_ner_on``). The first run after installing also writes storyweave's cache of the
word lists and vectors (``~/.cache/storyweave``, see ``storyweave.lexicon.cached_file``). Commands
run without ``PYTHONDONTWRITEBYTECODE``: an installed package has its compiled modules.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
BBC = DATA / "corpora" / "bbc-news.jsonl"
PAGES = DATA / "extraction" / "scrapinghub-aeb" / "html"
TIME = Path("/usr/bin/time")
GOAL_RATIO = 1.5
GOAL_MB = 300.0
NER_ENV = "STORYWEAVE_NER"
NER_OFF = {NER_ENV: "off"}  # as the default install, without spaCy


def timed(
    cmd: list[str], stdin: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall seconds and peak resident MB of ``cmd`` (fails loudly on a non-zero exit), run
    with the environment variables ``env`` added."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        full = [str(TIME), "-v", "-o", report.name, *cmd]
        with open(stdin or "/dev/null", "rb") as source:
            done = subprocess.run(
                full,
                stdin=source,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                check=False,
                env={**environment, **(env or {})},
            )
        if done.returncode != 0:
            sys.exit(f"{cmd[0]}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
        fields = dict(
            line.strip().rsplit(": ", 1) for line in report.read().splitlines() if ": " in line
        )
    wall = fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"]
    seconds = sum(float(part) * 60**i for i, part in enumerate(reversed(wall.split(":"))))
    return seconds, int(fields["Maximum resident set size (kbytes)"]) / 1024


Command = tuple[Callable[[int], list[str]], Path | None, dict[str, str] | None]


def interleaved(runs: int, commands: dict[str, Command]) -> dict[str, list[tuple[float, float]]]:
    """``runs`` rounds, each running every command of ``commands`` once (``make_cmd(i)``, its
    standard input, its environment), so that a change of the machine's load during the
    benchmark weighs on every command alike: the seconds and MB of each run, per command."""
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for i in range(runs):
        for name, (make_cmd, stdin, env) in commands.items():
            figures[name].append(timed(make_cmd(i), stdin, env))
    return figures


def time_ratios(
    figures: dict[str, list[tuple[float, float]]], ours: str, theirs: str
) -> dict[str, float]:
    """The ratio of the median seconds of command ``ours`` to those of ``theirs``, and the
    median of each round's own ratio (the two ran seconds apart, under about the same load)."""
    seconds = {name: [s for s, _ in runs] for name, runs in figures.items()}
    ratio = statistics.median(seconds[ours]) / max(statistics.median(seconds[theirs]), 1e-9)
    paired = statistics.median(
        a / max(b, 1e-9) for a, b in zip(seconds[ours], seconds[theirs], strict=True)
    )
    return {"time_ratio": round(ratio, 2), "time_ratio_per_round": round(paired, 2)}


def medians(figures: list[tuple[float, float]]) -> dict[str, object]:
    """Median seconds and MB of a command's runs, with every run's figures."""
    seconds = [s for s, _ in figures]
    megabytes = [m for _, m in figures]
    return {
        "seconds": round(statistics.median(seconds), 3),
        "peak_mb": round(statistics.median(megabytes), 1),
        "runs_seconds": [round(s, 3) for s in seconds],
        "runs_peak_mb": [round(m, 1) for m in megabytes],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    if not BBC.exists() or not PAGES.is_dir() or not TIME.exists():
        sys.exit(f"missing data or /usr/bin/time: {BBC}, {PAGES}")
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with BBC.open(encoding="utf-8") as lines:
            article = json.loads(next(lines))
        text = work / "article.txt"
        text.write_text(f"{article.get('title', '')}\n\n{article['text']}\n", encoding="utf-8")
        page_gz = sorted(PAGES.glob("*.html.gz"))[0]
        page = work / "page.html"
        page.write_bytes(gzip.decompress(page_gz.read_bytes()))

        def storyweave(i: int, source: Path = text, tag: str = "") -> list[str]:
            db = work / f"run{tag}{source.suffix}{i}.duckdb"
            return [str(bin_dir / "storyweave"), "run", str(source), "--db", str(db), "--quiet"]

        def storyweave_ner(i: int) -> list[str]:
            return storyweave(i, text, "ner")

        def storyweave_html(i: int) -> list[str]:
            return storyweave(i, page)

        def trafilatura(_: int) -> list[str]:
            return [str(bin_dir / "trafilatura")]

        load_before = os.getloadavg()[0]
        figures = interleaved(
            args.runs,
            {
                "storyweave_run": (storyweave, None, NER_OFF),
                "storyweave_run_ner_on": (storyweave_ner, None, {NER_ENV: "on"}),
                "storyweave_run_html": (storyweave_html, None, NER_OFF),
                "trafilatura_cli": (trafilatura, page, None),
            },
        )
    results = {name: medians(runs) for name, runs in figures.items()}
    ratios = time_ratios(figures, "storyweave_run", "trafilatura_cli")
    ours = results["storyweave_run"]
    summary = {
        "article": article["id"],
        "page": page_gz.name,
        "runs": args.runs,
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        **results,
        **ratios,
        "goal": {"time_ratio": GOAL_RATIO, "peak_mb": GOAL_MB},
        "meets_goal": ratios["time_ratio"] <= GOAL_RATIO and float(str(ours["peak_mb"])) <= GOAL_MB,
    }
    report(results, summary, args.json)
    from _results import save  # benchmarks/_results.py

    save("cold_start", summary)


def report(
    results: dict[str, dict[str, object]], summary: dict[str, object], json_path: Path | None
) -> None:
    """Print each command's figures and the time ratio against the goal; write ``summary`` to
    ``json_path`` when given."""
    width = max(len(command) for command in results) + 4
    print(f"{'command':<{width}} {'seconds':>8} {'peak MB':>8}")
    for command, figures in results.items():
        print(f"{command:<{width}} {figures['seconds']:>8} {figures['peak_mb']:>8}")
    goal = summary["goal"]
    assert isinstance(goal, dict)
    met = summary["meets_goal"]
    print(
        f"time ratio {summary['time_ratio']} (goal <= {goal['time_ratio']}), goal met: {met}; "
        f"median of each round's ratio {summary['time_ratio_per_round']}; load average "
        f"{summary['load_average']} (before, after)"
    )
    if json_path:
        json_path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
