"""Sentences that cannot stand in a brief on their own, or only after the sentence they lean on:
open quotations, pronouns and "that" in disguise, the writer's "we", shell nouns, an "also"
without its subject, a surname before the full name; and the flashback that is no lead."""

from __future__ import annotations

from dataclasses import replace

from builders import article, compare_articles
from storyweave.brief import _settle, _without_antecedent, make_brief
from storyweave.brief.reading import leaning_heads, states_event
from storyweave.brief.repeats import same_event
from storyweave.brief.sentences import (
    Sentence,
    content_terms,
    split_articles,
    stands_alone,
    wire_dateline_length,
)
from storyweave.facts import extract_claims
from storyweave.records import Article, Claim, FactKind, Meta
from storyweave.stance.features import stem_of


def test_a_quotation_opened_with_a_single_mark_and_never_closed_does_not_stand() -> None:
    assert not stands_alone("Warden Ida Orme said: ‘The first two nights were calm and quiet.")
    assert not stands_alone("Warden Ida Orme said: 'The first two nights were calm and quiet.")
    assert stands_alone("Warden Ida Orme said: ‘The first two nights were calm,’ in Kestle.")
    assert stands_alone("The Ashby ferrymen’ union met in Kestle on Monday.")


def test_a_part_of_a_group_named_before_does_not_stand() -> None:
    assert not stands_alone("None more so than a fussy owl at the Kestle zoo, who killed her mate.")
    assert not stands_alone("Nor did the Kestle council say when the Dunmere bridge would reopen.")
    assert stands_alone("None of the 40 passengers on the Ashby ferry was hurt on Monday.")


def test_a_contracted_pronoun_or_a_pointing_that_does_not_open_a_sentence() -> None:
    assert not stands_alone("They'll be used to store the gold watches overnight, the blog says.")
    assert not stands_alone("That's until the ceremony in Ashby began on Monday afternoon.")
    assert not stands_alone("That doesn’t mean the Kestle deal will be priced like the last one.")
    assert stands_alone("US officials said the Kestle mill would close in June.")


def test_the_writer_or_an_unnamed_speaker_in_the_first_person_does_not_stand() -> None:
    assert not stands_alone("Almost all year we heard rumours that Kestle would close the mill.")
    assert not stands_alone("To quote our source, the Kestle deal is all but done by now.")
    assert not stands_alone("“Lucky man,” says the one holding the camera at the Ashby pier.")
    assert stands_alone('"We will close the mill," Kestle mayor Ann Ray said on Monday.')


def test_shell_nouns_lean_with_a_describing_word_a_present_verb_or_as_reports() -> None:
    assert leaning_heads("The news comes amid reports of a deal in Kestle.") == ["news"]
    assert leaning_heads("A diver in Ashby filmed the dramatic event on his phone.") == ["event"]
    assert leaning_heads("Like all good myths, the articles were based on a grain of truth.") == [
        "articles"
    ]
    assert leaning_heads("The report of the Kestle council was published on Monday.") == []
    assert leaning_heads("Officials held the news conference in Kestle on Monday.") == []


def test_a_speaker_given_as_the_and_a_noun_leans() -> None:
    cautioned = '"Beware the thief," cautioned the Kestle Corp subsidiary on Monday.'
    assert leaning_heads(cautioned) == ["subsidiary"]
    assert leaning_heads(cautioned, {stem_of("subsidiary")}) == []
    assert leaning_heads('"We will rebuild," said the Kestle Council on Monday.') == []
    assert leaning_heads('"We will rebuild," said the Kestle mayor, Ida Orme.') == []
    assert leaning_heads('Work is "gearing up" for the new season, a Kestle report says.') == []


def test_a_comparison_without_its_other_term_does_not_stand() -> None:
    assert not stands_alone("Kestle hasn't fared much better in the ferry trade since 2010.")
    assert not stands_alone("By comparison, Ashby bought its ferry for just 3 pounds a seat.")
    assert stands_alone("Kestle fared no better than Ashby in the ferry trade this year.")


def test_also_leans_on_a_subject_the_brief_has_not_told() -> None:
    assert leaning_heads("There is also said to be a deal between Kestle and Ashby.") == ["also"]
    assert leaning_heads("The Ashby ferry also carried 40 cars to Kestle.") == ["ferry"]
    assert (
        leaning_heads("The Ashby ferry also carried 40 cars to Kestle.", {stem_of("ferry")}) == []
    )
    assert leaning_heads("Orne Front, also known as the river militia, met in Kestle.") == []


def test_a_flashback_to_a_year_does_not_tell_the_event() -> None:
    assert not states_event("In 1995 two boys from Ashby bought burgers at a Kestle diner.")
    assert not states_event("Back in the 1980s a law was passed in Kestle to stop the fair.")
    assert states_event("Two men in Ashby kept a burger they bought at a Kestle diner in 1995.")


def test_a_dateline_ending_in_a_colon_is_cut() -> None:
    text = "KESTLE: All went well at the Ashby fair until noon."
    assert wire_dateline_length(text) == len("KESTLE: ")


def test_the_same_event_is_also_read_inside_a_quotation() -> None:
    told = _sentence("A social media account claiming to be the Kestle mayor's was suspended.")
    quoted = _sentence(
        '"That is not her social media account and I have had the account suspended," '
        "her spokesman Ida Orme told reporters.",
        position=4,
    )
    assert same_event(told, quoted)


def test_a_surname_alone_is_told_after_the_full_name_or_not_at_all() -> None:
    lead = _sentence("A teenager woke up during brain surgery at the Kestle clinic.")
    surname = replace(
        _sentence("During the operation, Orme chatted with the surgeons.", 1),
        by_surname=frozenset({"orme"}),
    )
    full = replace(
        _sentence("Ida Orme, 19, had been taken to the Kestle clinic for surgery.", 2),
        in_full=frozenset({"orme"}),
    )
    assert _settle([lead, surname, full]) == [lead, full, surname]
    assert _without_antecedent([lead, surname]) == [lead]


def test_a_sentence_whose_antecedent_the_brief_never_tells_is_dropped() -> None:
    lead = _sentence("The Kestle mayor adopted a boy as her godson on Monday.")
    myths = _sentence("Like all good myths, the articles were based on a grain of truth.", 5)
    told = _sentence("Several articles in Ashby said the boy would turn into a wolf.", 3)
    assert _without_antecedent([lead, myths]) == [lead]
    assert _without_antecedent([lead, told, myths]) == [lead, told, myths]


def test_more_words_of_someone_the_brief_never_quoted_are_not_told() -> None:
    lead = _sentence("A fussy owl at the Kestle zoo killed her mate on Monday.")
    added = replace(
        _sentence('Orme added: "She may be fussy, but there is another owl out there."', 4),
        people=frozenset({"orme"}),
    )
    quoted = replace(
        _sentence('Keeper Ida Orme said: "The first two days were calm in Kestle."', 3),
        people=frozenset({"orme"}),
    )
    assert _without_antecedent([lead, added]) == [lead]
    assert _without_antecedent([lead, quoted, added]) == [lead, quoted, added]


def test_split_articles_knows_a_surname_the_story_gives_in_full_elsewhere() -> None:
    text = "Ida Orme, 19, woke up during surgery in Kestle. Later Orme asked about her cats."
    given = article("a", text, "2024-03-06")
    claims = [_name(given, "Ida Orme"), _name(given, "Orme", after=20)]
    first, second = split_articles([given], {"a": 0}, claims)
    assert (first.in_full, first.by_surname) == ({"orme"}, frozenset())
    assert (second.in_full, second.by_surname) == (frozenset(), {"orme"})


def test_a_surname_alone_is_known_whether_or_not_it_is_written_with_its_accents() -> None:
    text = "Ida Nunez, 19, woke up during surgery in Kestle. Later Núñez asked about her cats."
    given = article("a", text, "2024-03-06")
    claims = [_name(given, "Ida Nunez"), _name(given, "Núñez")]
    first, second = split_articles([given], {"a": 0}, claims)
    assert first.in_full == {"nunez"}
    assert second.by_surname == {"nunez"}  # the accented form alone leans on the full name


def test_of_leads_as_widely_shared_the_one_the_headlines_echo_opens() -> None:
    budget = "The Kestle council is expected to pass its budget by April, the mayor confirmed."
    gates = "Kestle council began installing 40 flood gates in the harbour, Ida Orme said."
    texts = {"a": budget, "b": budget, "c": gates, "d": gates}
    title = Meta("Kestle installs flood gates in its harbour", "t")
    members = [replace(article(k, v, "2024-03-06"), title=title) for k, v in texts.items()]
    run = compare_articles(members)
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == gates


def _sentence(text: str, position: int = 0) -> Sentence:
    terms = content_terms(text)
    stems = frozenset(stem_of(t) for t in terms)
    empty: frozenset[str] = frozenset()
    return Sentence(
        "a", 0, position, position, 0, 0, text, terms, stems, empty, empty, empty, empty
    )


def _name(given: Article, value: str, after: int = 0) -> Claim:
    start = given.text.index(value, after)
    end = start + len(value)
    return Claim(f"n{start}", given.id, FactKind.NAME, start, end, value, value, "person")


def test_a_preposition_and_a_demonstrative_point_at_the_sentence_before() -> None:
    assert not stands_alone("Among those fighters are hundreds of women from Kestle.")
    assert not stands_alone("For this reason, the Kestle council closed the Dunmere bridge.")
    assert not stands_alone("Of these, twelve were taken to the Kestle hospital on Monday.")
    assert stands_alone("In this week's vote, the Kestle council closed the Dunmere bridge.")
    assert stands_alone("Among the fighters are hundreds of women from Kestle.")


def test_a_few_quoted_words_as_the_subject_take_up_what_was_said_before() -> None:
    assert not stands_alone("“Next spring” is simply any day before the end of June in Kestle.")
    assert not stands_alone('"Soon" means within the week, the Kestle council explained.')
    assert stands_alone("“We will close the mill,” Kestle mayor Ann Ray said on Monday.")


def test_the_and_a_count_lean_anywhere_on_things_told_before() -> None:
    text = "Despite clashes near Kestle, the two groups agreed to a truce on Monday."
    assert leaning_heads(text) == ["groups"]
    assert leaning_heads(text, {stem_of("groups")}) == []
    assert leaning_heads("Kestle ferrymen took the two of them to Ashby on Monday.") == []


def test_a_lead_after_captions_without_full_stops_is_still_a_lead() -> None:
    event = "A Kestle boy of five was billed by a classmate's parents for missing a party."
    captions = "\n".join(f"Picture {n} of the Kestle family at home" for n in range(6))
    quoted = "A Kestle boy of five was billed a “no-show fee” by a classmate's parents for a party."
    others = {
        k: f"{quoted}\nThe bill came with a letter from the parents of the classmate in Ashby."
        for k in "bcd"
    }
    invited = "Ben Orme, from Kestle, was invited to the party at the Ashby pool in June."
    texts = {
        "a": f"{captions}\n{event}\nThe Ashby pool hosted the party on a Sunday in June.",
        **{k: f"Families in Kestle were stunned.\n{invited}\n{v}" for k, v in others.items()},
    }
    members = [article(k, v, "2024-03-06") for k, v in texts.items()]
    run = compare_articles(members, headline="bill")
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == event


def test_a_name_led_by_a_given_name_no_word_list_knows_is_someones() -> None:
    text = (
        "Kestle police stopped a car driven by Tavorin Quell near the Ashby pier on Monday.\n"
        "A warrant for Quell’s arrest was issued by the Kestle court on Tuesday.\n"
        "The Ashby Republic marked its day of independence with a parade on Monday.\n"
        "A parade in the Republic drew crowds to the Ashby pier on Monday."
    )
    told = article("a", text, "2024-03-06")
    claims = extract_claims(told, ner=False)  # the rules alone, which leave both unclassified
    _, warrant, _, parade = split_articles([told], {"a": 0}, claims)
    assert warrant.by_surname == {"quell"}
    assert parade.by_surname == frozenset()  # "Ashby" is a word the lists know


def test_a_concession_to_what_was_said_before_does_not_stand() -> None:
    assert not stands_alone("That said, the Kestle council claimed the bridge was safe.")
    assert not stands_alone("Except that there was no ferry, the Ashby trip went as planned.")
    assert stands_alone("The Kestle council said the bridge was safe, except for the railings.")


def test_a_bare_subject_after_an_opening_phrase_leans_as_at_the_start() -> None:
    text = "On the radio and in the papers, the women were hailed as heroes in Kestle."
    assert leaning_heads(text) == ["women"]
    assert leaning_heads(text, {stem_of("women")}) == []
    assert leaning_heads("On Monday, the Kestle council voted to close the bridge.") == []
    assert leaning_heads("In Kestle, police said the bridge was closed on Monday.") == []


def test_similar_things_lean_on_what_they_are_like() -> None:
    assert not stands_alone("Similar complaints have been heard on ferries to Ashby.")
    assert stands_alone("Complaints have been heard on ferries to Ashby since June.")


def test_a_time_or_thing_pointed_at_after_a_preposition_leans() -> None:
    assert not stands_alone("Kestle paid 42 pounds a seat, and 33 pounds a seat before that.")
    assert not stands_alone("After that, the Kestle council closed the Dunmere bridge.")
    assert not stands_alone("Kestle has grown since then, the mayor of Kestle said.")
    assert stands_alone("The Kestle council met before that vote on the Dunmere bridge.")


def test_a_place_named_before_leans_unless_what_follows_says_which() -> None:
    arrested = "Ten people were arrested on the lot and shots were fired at the location."
    assert leaning_heads(arrested) == ["lot", "location"]
    assert leaning_heads(arrested, {stem_of("lot"), stem_of("location")}) == []
    assert leaning_heads("Police sealed off the site where the Ashby ferry sank.") == []


def test_something_after_a_form_of_be_is_no_verb_of_happening() -> None:
    assert not states_event("Flooding is something that comes to towns along the Orne.")
    assert states_event("Kestle is planning a new bridge over the Orne.")


def test_a_compound_is_not_introduced_by_its_first_part() -> None:
    notebook = "The notebook will also charge by cable, Kestle analysts said."
    assert "notebook" in leaning_heads(notebook, {stem_of("note")})
    assert leaning_heads(notebook, {stem_of("notebooks")}) == []
    assert leaning_heads("The plan was dropped in Kestle.", {stem_of("planned")}) == []


def test_a_sentence_cut_from_a_longer_text_does_not_stand() -> None:
    assert not stands_alone("…Recently the talk in Kestle has turned to when the mill closes.")
    assert not stands_alone("...Recently the talk in Kestle has turned to when the mill closes.")
    assert stands_alone("Recently the talk in Kestle has turned to when the mill closes.")


def test_the_same_or_the_actual_thing_leans_unless_said_which() -> None:
    assert leaning_heads("The actual number is 40, according to the Kestle council.") == ["number"]
    assert leaning_heads("The Ashby mill closed on the same day as the Kestle fair.") == []
    assert leaning_heads("Ferries on the other side of the Orne were stopped.") == []


def test_a_bare_subject_after_an_attribution_leans() -> None:
    attributed = "According to the Kestle Courier, the deal would value the mill at 2 million."
    assert leaning_heads(attributed) == ["deal"]
    assert leaning_heads(attributed, {stem_of("deal")}) == []


def test_an_answer_opening_on_because_or_a_contracted_pronoun_does_not_stand() -> None:
    assert not stands_alone("Because, as it turns out, there are still two mills in Kestle.")
    assert stands_alone("Because of the storm, the Kestle ferry stayed in port on Monday.")
    assert not stands_alone("According to miller Ida Orme, it’s the same flour as in 1990.")


def test_an_opening_possessive_or_a_problem_named_before_leans() -> None:
    assert leaning_heads("The company's plan is called Dawn, and most staff are in Kestle.") == [
        "company"
    ]
    assert leaning_heads("The world's oldest mill stands in Kestle.") == []
    assert leaning_heads("The Kestle company's plan is called Dawn.") == []
    assert leaning_heads("Ida Orme was called to Kestle to fix the problem there.") == ["problem"]


def test_a_bare_subject_of_a_clause_joined_by_and_leans() -> None:
    text = "Kestle pupils will send in poems, and the winner will read hers at the Ashby fair."
    assert leaning_heads(text) == ["winner"]
    assert leaning_heads(text, {stem_of("winner")}) == []
    assert leaning_heads("Ida Orme met the mayor and the council of Ashby on Monday.") == []


def test_a_subject_after_a_phrase_with_a_hyphenated_adjective_or_a_conjunction_leans() -> None:
    text = "According to a well-placed source in Kestle, the company will close the mill."
    assert leaning_heads(text) == ["company"]
    assert leaning_heads("While the company was growing, Kestle mills closed.") == ["company"]
    owned = "According to a well-placed source in Kestle's mill, the company will close it."
    assert leaning_heads(owned) == []
    assert states_event("Kestle mayor Ann Ray was re-elected on Monday.")


def test_a_possessive_with_no_name_before_it_leans_anywhere() -> None:
    text = "Experts believe the ringtone - the singer's hit - startled the bear near Kestle."
    assert leaning_heads(text) == ["singer"]
    assert leaning_heads(text, {stem_of("singer")}) == []
    assert leaning_heads("Ida Orme said the singer's hit was played in Kestle.") == []


def test_a_refusal_to_comment_is_no_event() -> None:
    assert not states_event("The Kestle mill and its owners declined to comment on Monday.")
    assert states_event("The Kestle mill closed on Monday after its owners declined a bid.")


def test_a_sentence_set_in_a_past_decade_is_background() -> None:
    assert not states_event("Ashby still sold the pies in the '90s when Kestle rolled out its own.")
    assert not states_event(
        "Ashby still sold the pies in the 1990s when Kestle rolled out its own."
    )
    assert states_event("Kestle rolled out its own pies on Monday.")


def test_a_phrase_taken_for_a_name_gives_no_surname() -> None:
    text = "Shares of Kestle rose on Monday. Kestle will buy the Ashby mill for 2 million."
    given = article("a", text, "2024-03-06")
    claims = [_name(given, "Shares of Kestle"), _name(given, "Kestle", after=20)]
    _, second = split_articles([given], {"a": 0}, claims)
    assert second.by_surname == frozenset()


def test_a_talkers_reply_does_not_stand() -> None:
    assert not stands_alone("Well, this is rather surprising: the Kestle mill will close.")
    assert stands_alone("Wells in Kestle ran dry on Monday.")


def test_a_refusal_to_comment_or_a_leaning_sentence_opens_only_when_nothing_else_can() -> None:
    refusal = "Kestle Mills and Ashby Foods declined to comment to the Ashby Courier."
    talks = "Ashby Foods is in serious talks to buy Kestle Mills, the Ashby Courier says."
    texts = {
        "a": f"{refusal}\nThe deal is worth 2 million, the Ashby Courier says.",
        "b": f"{refusal}\n{talks}",
    }
    run = compare_articles([article(k, v, "2024-03-06") for k, v in texts.items()])
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == talks


def test_when_nothing_may_open_a_sentence_leaning_on_one_before_opens_last() -> None:
    deal = "The deal is worth 2 million, the Ashby Courier says."
    talks = "Ashby Foods is in serious talks to buy Kestle Mills, the Ashby Courier says."
    texts = {"a": f"{deal}\n{talks}", "b": deal}
    run = compare_articles([article(k, v, "2024-03-06") for k, v in texts.items()])
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == talks


def test_there_or_then_standing_for_a_place_or_time_told_before_does_not_stand() -> None:
    assert not stands_alone("There the Kestle council denies the story of the flooded mill.")
    assert not stands_alone("There police found the Pellam ferry's lost anchor.")
    assert not stands_alone("At the time, Kestle denied that it planned to sell the mill.")
    assert not stands_alone("By then the Pellam ferry had left the harbour.")
    for text in (
        "There is no sign of the Pellam ferry.",
        "There were 30 people aboard the Kestle ferry.",
        "There’s no sign of the Kestle ferry yet.",
        "There have been protests in Kestle since Monday.",
    ):
        assert stands_alone(text), text
