from storyweave.text import sentences


def test_a_title_before_a_name_ends_no_sentence() -> None:
    text = '"The ferry will run all winter," Rev. Ann Ray said. Capt. Ida Orme agreed with her.'
    assert sentences(text) == [
        '"The ferry will run all winter," Rev. Ann Ray said.',
        "Capt. Ida Orme agreed with her.",
    ]


def test_a_full_stop_before_a_capitalised_word_ends_a_sentence() -> None:
    assert sentences("The mill closed. Workers left Kestle.") == [
        "The mill closed.",
        "Workers left Kestle.",
    ]


def test_a_lazy_pattern_is_compiled_on_first_use_and_matches_as_compiled() -> None:
    import re

    from storyweave.text import LazyPattern

    source, flags = r"(?P<word>[a-z]+)(\d*)", re.IGNORECASE
    lazy, eager = LazyPattern(source, flags), re.compile(source, flags)
    assert lazy._compiled is None  # not compiled when made
    text = "Alpha1 beta22 -- GAMMA"
    assert lazy.search(text, 2) and eager.search(text, 2)
    assert lazy._compiled is not None and lazy.compiled is lazy.compiled
    assert lazy.search(text, 2).group(0) == eager.search(text, 2).group(0)  # type: ignore[union-attr]
    for method in ("match", "fullmatch"):
        for at in (0, 7, 17):
            found, expected = getattr(lazy, method)(text, at), getattr(eager, method)(text, at)
            assert (found and found.span()) == (expected and expected.span())
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.findall(text, 0, 10) == eager.findall(text, 0, 10)
    assert lazy.sub("<\\g<word>>", text, 2) == eager.sub("<\\g<word>>", text, 2)
    assert lazy.sub(lambda m: m.group(2), text) == eager.sub(lambda m: m.group(2), text)
    assert lazy.split(text, 1) == eager.split(text, 1)
    assert lazy.pattern == eager.pattern
