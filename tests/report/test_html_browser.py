"""The HTML report in a real browser: headless Chromium from the distribution's packages.

The page must render every story and article, apply its own stylesheet (its hash is in the
Content-Security-Policy), and run nothing of a corpus made of script-injection payloads.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from hostile import scan

from storyweave.report import render_html

CHROMIUM = Path("/usr/bin/chromium")
CSP_VIOLATION = "violates the following Content Security Policy"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does it)",
)


def _chromium(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium; console messages go to stderr."""
    command = [
        str(CHROMIUM),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _dump_dom(page: Path) -> tuple[str, str]:
    """The page's DOM after it loaded (and after anything it ran), and the console log."""
    done = _chromium(page, "--dump-dom")
    return done.stdout, done.stderr


def _write(tmp_path: Path, name: str, html: str) -> Path:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return page


def test_the_browser_runs_script_that_sets_the_title(tmp_path: Path) -> None:
    """The check below can see a payload that ran: a page that runs one shows it."""
    page = _write(
        tmp_path,
        "control.html",
        "<!doctype html><title>before</title><body><script>document.title='PWNED';"
        "document.body.insertAdjacentHTML('beforeend','<b id=pwned-js></b>')</script>",
    )
    dom, _ = _dump_dom(page)
    seen = scan(dom)
    assert seen.title == "PWNED"
    assert "pwned-js" in seen.ids


def test_demo_page_renders_every_story_and_article(
    tmp_path: Path, demo_report: dict[str, Any]
) -> None:
    page = _write(tmp_path, "demo.html", render_html(demo_report))
    dom, log = _dump_dom(page)
    seen = scan(dom)
    assert seen.title == "storyweave report"
    for story in demo_report["stories"]:
        assert " ".join(story["headline"].split()) in seen.text
    for article in demo_report["articles"]:
        assert " ".join(article["title"].split()) in seen.text
    assert {f"s{n}" for n in range(1, len(demo_report["stories"]) + 1)} <= seen.ids
    assert CSP_VIOLATION not in log, "the page's own stylesheet must be allowed by its hash"


def test_demo_page_screenshot(tmp_path: Path, demo_report: dict[str, Any]) -> None:
    page = _write(tmp_path, "demo.html", render_html(demo_report))
    shot = tmp_path / "demo.png"
    _chromium(page, "--hide-scrollbars", "--window-size=1280,1000", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000, "a blank page would compress to almost nothing"


def test_hostile_page_runs_nothing(tmp_path: Path, hostile_report: dict[str, Any]) -> None:
    page = _write(tmp_path, "hostile.html", render_html(hostile_report))
    dom, log = _dump_dom(page)
    seen = scan(dom)
    assert seen.title == "storyweave report"
    assert "PWNED" not in seen.title
    assert not [i for i in seen.ids if i.startswith("pwned")]
    assert not {"script", "img", "iframe", "base", "math", "b"} & seen.tags
    for article in hostile_report["articles"]:
        assert " ".join(article["title"].split()) in seen.text
    # Nothing even tried to run and had to be stopped by the policy: it all stayed text.
    assert CSP_VIOLATION not in log
