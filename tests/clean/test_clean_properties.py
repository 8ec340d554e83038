"""Properties of clean_document on arbitrary input: it never crashes, and its output is sound."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyweave.clean import clean_document
from storyweave.clean.boilerplate import _core
from storyweave.clean.html import tidy_lines
from storyweave.clean.layout import tidy
from storyweave.errors import InputError
from storyweave.records import Document

LINES = st.sampled_from(
    [
        "Leave a comment",
        "By Jane Roe",
        "ByJane Roe",
        "Published 3 March 2021",
        "Mar 03, 2021 08:15 PM EST",
        "© 2020 Example Media",
        "#one #two",
        "[ad#5]",
        "0 12",
        "Related Stories",
        "About the author",
        "Jane Roe is a reporter for Example News.",
        "Home › News",
        "(With inputs from wire services)",
        "The council voted on the budget on Monday, officials said after the meeting.",
        "Short Headline Words Here",
        ".",
        "",
        "   ",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=25).map("\n".join),
)
TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<title>", "<h1>", "<br>", "<script>"])
HTML = st.lists(st.one_of(TAGS, TEXTS), max_size=20).map("".join)


def _doc(text: str, fmt: str) -> Document:
    return Document(id="id", ref="ref", source="src", format=fmt, text=text, encoding="utf-8")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_text_cleaning_invariants(text: str) -> None:
    try:
        article = clean_document(_doc(text, "text"))
    except InputError as error:
        assert error.ref == "ref"
        return
    assert article.text.strip()
    assert article.text == article.text.strip()
    for removed in article.removed:
        assert removed.text and removed.text in text
        assert removed.reason
    if article.published is not None:
        assert article.published.value[:4].isdigit() and article.published.value[4] == "-"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HTML)
def test_html_cleaning_never_crashes(markup: str) -> None:
    try:
        article = clean_document(_doc(markup, "html"))
    except InputError:
        return
    assert article.text.strip()


@settings(max_examples=50, deadline=None)
@given(TEXTS)
def test_cleaning_is_deterministic(text: str) -> None:
    def run() -> object:
        try:
            return clean_document(_doc(text, "text"))
        except InputError as error:
            return str(error)

    assert run() == run()


BLANKISH_CHARS = st.sampled_from(list("ab \n\t\r\u00a0\u200b\u00ad\u2028\ufeff."))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=BLANKISH_CHARS, max_size=40))
def test_tidy_lines_skipping_blank_lines_equals_tidying_every_line(text: str) -> None:
    every_line = (tidy(line) for line in text.split("\n"))
    assert tidy_lines(text) == "\n".join(line for line in every_line if line)


def _core_by_patterns(text: str) -> str:
    """boilerplate._core as three substitutions, the last collapsing white space by pattern."""
    core = re.sub(r"^[\s•·▪►▶●○■□*|–—↑↓←→⇧⬆-]+", "", text)
    core = re.sub(r"[\s:|*.!,;–—>»›-]+$", "", core)
    return re.sub(r"\s+", " ", core)


CORE_CHARS = st.sampled_from(list("ab Z1 \t\n\u00a0\u2003\u3000\x1c\u2028•*|–-:.!>»"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=CORE_CHARS, max_size=30))
def test_core_collapses_white_space_as_the_pattern_does(text: str) -> None:
    assert _core(text) == _core_by_patterns(text)
