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
