"""Readable text in the Markdown report and the terminal summary: articles named by ``[n]``
and title, never by hex id; evidence as short points said once; quotes and amounts as the
articles wrote them; plurals right; a contents list; copy pairs named in the terminal."""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console

from storyweave.facts.quantities import extract_quantities
from storyweave.pipeline import RunResult
from storyweave.records import (
    Article,
    Brief,
    BriefSentence,
    Direction,
    Finding,
    Label,
    Meta,
    Passage,
    Relation,
    Story,
    Variant,
)
from storyweave.report import build_report, print_summary, render_html, render_markdown
from storyweave.report.readable import Cite, evidence_points, plain, readable_text, said_together
from storyweave.report.written import shown_values, written_amount

WIRE = "0123456789abcdef"
COPY = "fedcba9876543210"
LONER = "00000000000000aa"
HEX_ID = re.compile(r"\b[0-9a-f]{16}\b")
WIRE_TEXT = (
    'Emergency crews evacuated about 410 homes in the valley. "We Would Rather Move People '
    'Twice, not once," said Ruth Hartwell. The board put the repairs at £14.5bn over 3 years.'
)
COPY_TEXT = WIRE_TEXT.replace("Rather Move People Twice", "Instead Relocate Individuals Twice")


def _report() -> dict[str, Any]:
    wire = Article(
        WIRE,
        "in/wire.txt",
        None,
        WIRE_TEXT,
        title=Meta("Hundreds flee homes", "line 1"),
        outlet=Meta("Meridian Press", "line 2"),
        published=Meta("2026-03-03T09:42:00+00:00", "line 3"),
        labels=(
            Label(
                "original",
                (
                    f"origin of {COPY} (near-duplicate): {WIRE} published earlier; "
                    f'{COPY} carries scraper markers: removed scraper marker "[ad_2]"; '
                    'removed scraper marker "[ad_3]"',
                    f"carries its own staff credit and {COPY} none",
                    f"{COPY} carries scraper markers",
                    f"origin of {LONER} in another story",
                ),
            ),
        ),
    )
    copy = Article(
        COPY,
        "in/farm/copy-17.txt",
        None,
        COPY_TEXT,
        outlet=Meta("DailyPulse24", "line 1"),
        labels=(Label("syndicated", (f"copy of {WIRE}", f"copy of {WIRE}")),),
    )
    loner = Article(LONER, "in/other.txt", None, "Something else.", title=Meta("Elsewhere", "l"))
    findings = (
        Finding(
            "f1",
            "s1",
            "quote",
            "drifted",
            "Ruth Hartwell: “We would rather move…”",
            (
                Variant("we would rather move people twice not once", (WIRE,)),
                Variant("we would instead relocate individuals twice not once", (COPY,)),
            ),
            (f"wording in {COPY} differs from {WIRE}: -rather move +instead relocate",),
        ),
        Finding(
            "f2",
            "s1",
            "quantity",
            "corroborated",
            "Emergency crews evacuated … homes in the valley",
            (Variant("about 410 home", (WIRE, COPY)),),
            ("likely value about 410 home stated by 2 independent source(s); 1 value(s) in count",),
        ),
        Finding(
            "f3",
            "s1",
            "quantity",
            "single-source",
            "The board put the repairs at … over",
            (Variant("14500000000 GBP", (WIRE,)),),
            ("stated by 1 source(s)",),
        ),
    )
    relation = Relation(
        WIRE, COPY, "near-duplicate", 0.93, (Passage(0, 10, 0, 10),), Direction(WIRE, COPY, ())
    )
    stories = (
        Story("s1", (WIRE, COPY), "Hundreds flee homes", "2026-03-03", "2026-03-03", ()),
        Story("s2", (LONER,), "Elsewhere", None, None, ()),
    )
    brief = Brief("s1", (BriefSentence("Hundreds fled.", (WIRE, COPY)),), ("f1",), ())
    return build_report(
        RunResult([wire, copy, loner], [relation], list(stories), list(findings), [brief])
    )


def _terminal(report: dict[str, Any], width: int = 80) -> str:
    buffer = io.StringIO()
    print_summary(report, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue()


def test_markdown_names_articles_never_by_hex_id() -> None:
    text = render_markdown(_report())
    assert HEX_ID.search(text) is None
    assert "- [1] *Hundreds flee homes* (Meridian Press) is **original**" in text
    assert "  - origin of [2] (near-duplicate)" in text
    assert "“Elsewhere”" in text  # an article of another story, named by its title
    # no title: the file name
    assert "| [2] | copy-17.txt | DailyPulse24 |" in text
    assert "- [2] *copy-17.txt* (DailyPulse24) copies [1] *Hundreds flee homes*" in text


def test_markdown_says_evidence_as_points_each_once() -> None:
    text = render_markdown(_report())
    assert 'removed scraper markers "\\[ad\\_2\\]", "\\[ad\\_3\\]"' in text  # escaped
    assert text.count("copy of [1]") == 1
    # said inside the first point already
    assert "  - [2] carries scraper markers\n" not in text
    assert all(len(line) < 400 for line in text.splitlines() if "|" not in line)


def test_markdown_has_contents_and_right_plurals() -> None:
    text = render_markdown(_report())
    assert text.index("## Contents") < text.index("## 1. Hundreds flee homes")
    assert "1. [Hundreds flee homes](#s1) — 2 articles" in text
    assert "2. [Elsewhere](#s2) — 1 article\n" in text
    assert '<a id="s2"></a>' in text
    assert "(s)" not in text
    assert "1 articles" not in text
    assert "2 independent sources" in text and "1 value in count" in text


def test_markdown_quotes_verbatim_and_amounts_as_written() -> None:
    text = render_markdown(_report())
    assert "“We Would Rather Move People Twice, not once” [1]" in text
    assert "we would rather move" not in text
    assert "[2] against [1]: “Rather Move People” → “Instead Relocate Individuals”" in text
    assert "-rather move" not in text  # the normalised word diff of the evidence
    assert "“about 410 homes” [1][2]" in text
    assert "“£14.5bn” [1]" in text


def test_terminal_names_copy_pairs_titles_and_indents_wrapped_lines() -> None:
    text = _terminal(_report())
    assert "[2] DailyPulse24 copies [1] Meridian Press" in text
    assert "Hundreds flee homes — Meridian Press" in text
    assert "copy-17.txt — DailyPulse24" in text
    assert "2 stories from 3 articles, 1 text relation" in text
    assert "1 article\n" in text or "1 article " in text
    assert HEX_ID.search(text) is None
    lines = text.splitlines()
    quote = next(i for i, line in enumerate(lines) if "quote by Ruth Hartwell" in line)
    body_column = lines[quote].index("quote by")
    assert lines[quote + 1].startswith(" " * body_column)  # wrapped, indented under the text
    assert "We Would Rather Move People Twice" in text


def test_evidence_helpers() -> None:
    assert readable_text("4 independent source(s); 1 value(s); 2 copy(s)") == (
        "4 independent sources; 1 value; 2 copies"
    )
    assert readable_text("published 2026-03-03T09:42:00+00:00") == (
        "published 2026-03-03 09:42 +00:00"
    )
    assert said_together(["crews→teams in sentence 1", "jammed→stuck in sentence 1"]) == [
        "crews→teams, jammed→stuck in sentence 1"
    ]
    cites = {WIRE: Cite("2", "s1-a2", "Wire")}
    points = evidence_points([f"x of {WIRE} (it is the copy: a; b)", "c"], cites)
    assert plain(points[0].head) == "x of [2] (it is the copy)"
    assert [plain(d) for d in points[0].details] == ["a", "b"]
    assert (
        written_amount(
            "put the repairs at … over", "14500000000 GBP", ["put the repairs at £14.5bn over"]
        )
        == "£14.5bn"
    )
    assert written_amount("range", "14500000000 GBP", []) == "14,500,000,000 GBP"


def test_a_quantity_is_shown_as_its_claim_wrote_it_whatever_its_subject() -> None:
    text = "Rain reached 5 inches (127 mm) in places. The plan costs £14.5bn."
    claims = extract_quantities(Article(id=WIRE, ref="", source="", text=text))
    articles = {WIRE: {"id": WIRE, "text": text}}
    finding = {
        "kind": "quantity",
        "subject": "range",  # no words either side of the amount to find it by
        "variants": [{"value": c.value, "sources": [WIRE], "claims": [c.id]} for c in claims],
    }
    assert shown_values(finding, articles) == ["5 inches (127 mm)", "£14.5bn"]
    unknown = {**finding, "variants": [{"value": "127 mm", "sources": [WIRE], "claims": ["x"]}]}
    assert shown_values(unknown, articles) == ["127 mm"]


def test_a_story_without_publication_dates_says_its_date_is_unknown() -> None:
    report = _report()
    markdown = render_markdown(report)
    assert "## 2. Elsewhere" in markdown
    assert "date unknown" in markdown[markdown.index("## 2. Elsewhere") :]
    assert "date unknown" not in markdown[: markdown.index("## 2. Elsewhere")]
    assert "date unknown" in _terminal(report, width=120)
    assert "date unknown" in render_html(report)
