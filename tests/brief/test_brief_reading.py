"""How a sentence reads at the head of a brief: an event, not garbled, no leaning noun phrase."""

from __future__ import annotations

from storyweave.brief import _settle
from storyweave.brief.reading import (
    addresses_reader,
    calls_false,
    confirms,
    english,
    garbled,
    has_finite_verb,
    leaning_heads,
    reports_claim,
    states_event,
    verbs_of_happening,
)
from storyweave.brief.sentences import Sentence, content_terms
from storyweave.stance.features import stem_of


def test_states_event_needs_a_verb_of_happening_and_no_background() -> None:
    for event in (
        "A bus carrying 30 pupils overturned on the Orne road near Tolve, police said.",
        "Kestle is reportedly planning to close the Dunmere works next spring.",
        "A ferry with 40 passengers sank off Ashby on Monday.",
        "A teenager woke up during surgery in Pellam to talk to the doctors.",
        "The Westshire council will close the old bridge at Dunmere in June.",
    ):
        assert states_event(event), event
    for background in (
        "The Dunmere bridge has long been a bottleneck for traffic into Kestle.",
        "Kestle began building the Dunmere works about four years ago.",
        "The old mill at Ashby is near the end of its life and will likely close next year.",
        "If you have been following the news from Pellam, you might know the mill.",
        "The Pellam works usually employ 300 people in the summer.",
        "Orne rowing - or ORW as it is known - is a form of racing over 2 kilometres.",
        "The Pellam bridge is known as the oldest crossing of the Orne.",
    ):
        assert not states_event(background), background


def test_garbled_finds_words_repeated_back_to_back() -> None:
    assert garbled("The pilot flew against the armed militia armed militia on Monday.")
    assert not garbled("The pilot flew again and again over Pellam on Monday.")
    assert not garbled("The Kestle council met on Monday, and the council voted.")


def test_garbled_finds_a_nor_that_follows_no_negation() -> None:
    assert garbled("The Pellam police nor the Orne council have been forthcoming.")
    assert not garbled("Neither the Pellam police nor the Orne council have commented.")
    assert not garbled("The Pellam police did not comment, nor did the Orne council.")
    assert not garbled("The Pellam police haven't commented nor has the Orne council.")


def test_leaning_heads_finds_noun_phrases_that_point_back() -> None:
    assert leaning_heads("The handset will be launched in Kestle next year.") == ["handset"]
    assert leaning_heads("The family also stressed their support for Dunmere.") == ["family"]
    assert leaning_heads("Officials in Pellam said those news outlets never called.") == ["outlets"]
    assert leaning_heads("The handset will be launched next year.", {"handse"}) == []


def test_names_times_modified_nouns_and_antecedents_do_not_lean() -> None:
    for whole in (
        "The Kestle Town Hall said this week that it would act on Pellam.",
        "The evacuation order was issued at 5 a.m. in Dunmere.",
        "Kestle planned a new bridge, but dropped those plans in May.",
        "Officials said that residents of Ashby should leave.",
        "Kestle council closed the Dunmere bridge on Saturday.",
    ):
        assert leaning_heads(whole) == [], whole


def test_nouns_standing_for_something_told_before_lean() -> None:
    assert leaning_heads("Kestle's harbour master weighed in on the matter.") == ["matter"]
    assert leaning_heads("Police in Dunmere confronted the couple at the station.") == ["couple"]
    assert leaning_heads("Orme reported that the source noted a delay at Ashby.") == ["source"]
    assert leaning_heads("The pictures thus far show a drone over Tolve.") == ["pictures"]
    assert leaning_heads("The two photos show a drone over Tolve.") == ["photos"]
    assert leaning_heads("Police in Dunmere confronted the couple.", {"coupl"}) == []
    assert leaning_heads("Kestle council ruled on the matter of the Dunmere bridge.") == []


def test_a_plural_noun_standing_for_something_told_leans_before_its_plain_verb() -> None:
    assert leaning_heads("The reports follow weeks of unrest in Kestle.") == ["reports"]
    assert leaning_heads("Officials in Dunmere say the sources want no names.") == ["sources"]
    assert leaning_heads("The reports follow weeks of unrest in Kestle.", {"report"}) == []
    assert leaning_heads("The news agency in Kestle closed its Ashby office.") == []
    assert leaning_heads("Kestle council denied the reports of a leak on Monday.") == []


def test_a_demonstrative_inside_a_quotation_leans_unless_it_denies_the_claim() -> None:
    quoted = '"There are answers to this question," said Ida Orme, the Kestle mayor.'
    assert leaning_heads(quoted) == ["question"]
    assert leaning_heads(quoted, {"questi"}) == []
    assert leaning_heads('"These claims are false," the Kestle council said on Monday.') == []


def test_captions_foreign_text_and_words_to_the_reader_are_told_apart() -> None:
    assert not has_finite_verb("Ida Orme, the Kestle mayor responsible for the Dunmere bridge.")
    assert has_finite_verb("The small ferry outsold the large one by 4:1 at Ashby.")
    assert has_finite_verb("Kestle's mayor says the bridge stays shut.")
    assert not english("Nunca lo supimos, pero su barco llegó con la marea de Kestle.")
    assert english("The ferry from Kestle reached Ashby on Monday.")
    assert addresses_reader("If you live in Kestle, you should boil your water.")
    assert not addresses_reader('"You will get your bridge back," the Kestle mayor said.')


def test_verbs_of_happening_are_read_outside_quotations() -> None:
    found = verbs_of_happening('Kestle closed the bridge and "we suspended the ferry," she said.')
    assert "closed" in found
    assert "suspended" not in found


def _sentence(text: str, position: int) -> Sentence:
    terms = content_terms(text)
    stems = frozenset(stem_of(t) for t in terms)
    empty: frozenset[str] = frozenset()
    return Sentence(
        "a", 0, position, position, 0, 0, text, terms, stems, empty, empty, empty, empty
    )


def test_a_sentence_leaning_on_a_later_one_moves_after_it() -> None:
    lead = _sentence("Kestle council closed the Dunmere bridge on Saturday.", 0)
    leaning = _sentence("The handset was found on the bridge by a diver on Monday.", 1)
    naming = _sentence("A diver said a lost handset lay under the Dunmere bridge.", 2)
    assert _settle([lead, leaning, naming]) == [lead, naming, leaning]
    assert _settle([lead, naming, leaning]) == [lead, naming, leaning]


def test_calls_false_of_a_report_whatever_it_is_said_of_needs_a_hoax_word() -> None:
    fraud = "The Kestle bank chief was charged with filing false reports and running fake sites."
    assert calls_false(fraud) and not calls_false(fraud, report=True)
    assert calls_false("The report of a flood in Kestle was a hoax.", report=True)
    assert calls_false("Rumours that the Kestle mill closed are not true.", report=True)
    assert calls_false("Claim: the Kestle mill closed.\nFALSE\n\nExample: …", report=True)
    assert calls_false("Rating: FALSE", report=True)  # a fact-check's verdict
    assert calls_false("None of those things are true, and all come from a satire site.")
    assert not calls_false("FAKE KESTLE FOOTWEAR SEIZED AT ASHBY PORT", report=True)


def test_calls_false_needs_a_word_calling_a_report_false_in_its_own_voice() -> None:
    assert calls_false("The report of a second flood in Kestle was a hoax, the mayor said.")
    assert calls_false("Rumours that the Kestle mill closed are not true.")
    assert calls_false("A fake website said the Kestle mill closed.")
    assert calls_false("At least we will always have the (admittedly phony) Kestle photos.")
    assert not calls_false("Kestle mill owners phoned the mayor.", report=True)
    assert not calls_false("The phony Kestle mill photos spread.", report=True)
    assert not calls_false("Gunmen attacked the satirical magazine's office in Kestle.")
    assert not calls_false("Pupils in Kestle said being gay was wrong in some way.")
    assert not calls_false("The mayor denied that the Kestle mill would close.")
    assert not calls_false('"It is all fake," said the Kestle mill owner.')


def test_confirms_needs_a_confirmation_neither_negated_nor_hedged() -> None:
    assert confirms("Valtrak confirmed that the Pellam line will close for a month.")
    assert confirms("Pellam officials said the photo of the flooded mill is genuine.")
    assert confirms("The Orne board declared the Kestle letter authentic on Monday.")
    assert confirms("The mayor's office has verified the Ashby figures, a spokesman said.")
    assert not confirms("Valtrak said it could not confirm that the line would close.")
    assert not confirms("Valtrak has not confirmed that the Pellam line will close.")
    assert not confirms("Valtrak has neither confirmed nor denied that the line will close.")
    assert not confirms("The mayor declined to confirm the Ashby figures.")
    assert not confirms("The report has yet to be confirmed by the Pellam rail board.")
    assert not confirms("A source close to Valtrak confirmed the Pellam line will close.")
    assert not confirms("An unnamed Valtrak official confirmed the Pellam line will close.")
    assert not confirms("The photo of the flooded mill appears to be genuine, officials said.")
    assert not confirms("If the photo is genuine, the mill flooded, the mayor said.")
    assert not confirms("The photo of the flooded mill is not genuine, the mayor said.")
    assert not confirms("The photo of the flooded mill is genuine.")  # in no one's words
    assert not confirms("Ida Orme was confirmed as the Pellam rail board's chief on Monday.")
    assert not confirms('"We confirmed it," the Valtrak chief said.')  # quoted


def test_reports_claim_reads_a_claim_attributed_not_a_story_about_something() -> None:
    assert reports_claim("The Ashby Post published an article claiming a whale swam to Pellam.")
    assert reports_claim("Reports that a whale swam up the Orne were a hoax, police said.")
    assert reports_claim("Ida Orme is alive, despite a hoax about her death.")
    assert reports_claim("A fake site is now reporting that Ida Orme was found dead.")
    assert not reports_claim("Ida Orme let the Ashby Post take her photo for a story about Orne.")
    assert not reports_claim("Despite the mayor's claim, the bridge reopened on Monday.")
    assert not reports_claim("“Reports that we closed are wrong,” the mayor said.")  # quoted


def test_an_age_standing_for_someone_named_before_leans() -> None:
    assert leaning_heads("The 12-year-old had been walking home from school in Kestle.")
    assert leaning_heads("On Monday, the 9-year-old was found by police in Ashby.")
    assert leaning_heads("The 40-year-old, from Pellam, was arrested on Monday.")
    assert not leaning_heads("A 12-year-old was hurt in Kestle on Monday.")
    assert not leaning_heads("The 28-year-old Pellam singer said she would tour in May.")
    assert not leaning_heads("The 12-year-old boy was hurt in Kestle on Monday.")
