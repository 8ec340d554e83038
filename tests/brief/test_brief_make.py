"""The cited brief: the event first, each fact once, citations that support, proportionate."""

from __future__ import annotations

import dataclasses

from builders import article, articles, compare_articles
from storyweave.brief import MAX_SENTENCES, brief_length, make_brief, similarity
from storyweave.brief.sentences import stands_alone, wire_dateline_length
from storyweave.records import Article, Brief, Finding, Label, Meta, Relation, Variant

DAY = "2024-03-06"
FIRST = (
    "Floods hit the river town of Marlow on Monday, forcing 300 families from their homes.\n"
    "Mayor Grace Ilunga said the water reached the old bridge by noon.\n"
    "The army sent 40 boats to help with the evacuation of the lower streets.\n"
    "Local bakers handed out bread to volunteers near the church square.\n"
    "The levee has a height of 4 metres, engineers said."
)
SECOND = (
    "On Monday floods hit the river town of Marlow and forced 300 families from their homes.\n"
    "The army sent 40 boats to help with evacuation of the lower streets, officials said.\n"
    "Mayor Grace Ilunga said the water reached the old bridge by noon on Monday.\n"
    "Engineers said the levee has a height of 9 metres."
)
THIRD = (
    "Rain is forecast to ease by Friday, the weather office in Marlow said on Tuesday.\n"
    "Floods hit the river town of Marlow on Monday, forcing 300 families from homes."
)
FLOODS = "Floods hit the river town of Marlow on Monday, forcing 300 families from their homes."


def _brief(texts: dict[str, str], relations: list[Relation] | None = None) -> Brief:
    run = compare_articles(articles(texts, DAY), relations or [], headline="floods")
    return make_brief(run.story, run.articles, run.claims, run.findings, relations or [])


def _derailment(n: int, opening: str, closing: str = "") -> str:
    """The n-th outlet's write-up of one derailment, between its own opening and closing."""
    return (
        f"{opening}\n"
        f"A freight train derailed near Pellam on Sunday night, spilling diesel into the Orne "
        f"river, the rail operator Valtrak said.\n"
        f"Inspectors from the Pellam rail board found a cracked rail {n + 2} metres from the "
        f"bridge.\n"
        f"Valtrak chief Odile Marchetti said the line would reopen on Friday after repairs.\n"
        f"{closing}"
    )


def test_brief_opens_with_the_sentence_most_sources_give_and_cites_them_all() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    assert brief.sentences[0].text == FLOODS  # the earliest article's wording
    assert brief.sentences[0].sources == ("a", "b", "c")


def test_a_spun_article_supports_the_brief_but_does_not_word_it() -> None:
    spun = Label("spun", ("swapped words against b",))
    members = [
        dataclasses.replace(a, labels=(spun,)) if a.id == "a" else a
        for a in articles({"a": FIRST, "b": SECOND, "c": THIRD}, DAY)
    ]
    run = compare_articles(members, [], headline="floods")
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text != FLOODS
    assert not any(s.text in FIRST.splitlines() for s in brief.sentences)
    assert "a" in brief.sentences[0].sources  # its text still supports the opening
    # every article spun: the brief is still told, from their words
    every = [dataclasses.replace(a, labels=(spun,)) for a in members]
    run = compare_articles(every, [], headline="floods")
    assert make_brief(run.story, run.articles, run.claims, run.findings, []).sentences


def test_the_event_comes_first_even_after_an_opening_few_sources_share() -> None:
    background = "Engineers warned in a report on the Pellam line last year about 12 old bridges."
    texts = {
        "a": _derailment(0, background),
        "b": _derailment(1, background),
        "c": _derailment(2, "Passengers on the Pellam line face a week of buses."),
        "d": _derailment(3, "Rail traffic through the Orne valley is halted for a week."),
    }
    brief = _brief(texts)
    assert brief.sentences[0].text.startswith("A freight train derailed near Pellam")
    assert brief.sentences[0].sources == ("a", "b", "c", "d")


def test_a_reaction_quoted_first_by_every_source_does_not_open_the_brief() -> None:
    reaction = "“We are shocked and we will find out why,” Valtrak chief Odile Marchetti said."
    texts = {k: _derailment(i, reaction) for i, k in enumerate("abcde")}
    assert _brief(texts).sentences[0].text.startswith("A freight train derailed near Pellam")


def test_without_a_shared_lead_the_first_sentence_of_the_first_article_opens() -> None:
    texts = {
        "a": (
            "A bus carrying 30 pupils overturned on the Orne road near Tolve, police said.\n"
            "On 3 May 2023 Mayor Ivo Sant opened 12 new bus lanes in Tolve at a cost of 4 million."
        ),
        "b": "Kestle harbour will close for 2 weeks of repairs from June, the port board said.",
    }
    assert _brief(texts).sentences[0].text.startswith("A bus carrying 30 pupils")


def test_sentences_that_lean_on_the_one_before_are_never_told() -> None:
    leaning = "But the Orne river authority said on Monday that 40 houses were flooded."
    texts = {k: _derailment(i, "Pellam news desk report.", leaning) for i, k in enumerate("abcde")}
    assert not any(s.text.startswith("But") for s in _brief(texts).sentences)


def test_stands_alone_rejects_fragments() -> None:
    for fragment in (
        "But in a news conference late on Monday, officials in Pellam gave no figure.",
        "He added that the line would reopen on Friday after repairs.",
        "An additional 118 people were put under house arrest in Pellam.",
        "urkey has closed its border with the province of Tolve, officials said.",
        "On Monday, she said the Orne river had risen by 2 metres.",
        "” the minister of Tolve told reporters in Pellam on Monday.",
        "“We will rebuild the bridge at Pellam by Friday,” he said.",
        "“We will rebuild the bridge at Pellam by Friday.”",
        "The minister of Tolve told reporters in Pellam on Monday that",
        "There, the march through Pellam became a symbol of the fight for the river.",
        "Thanks to all my friends in Pellam for the support on Monday.",
        "If true, the sale of the Pellam works would be the largest in 20 years.",
        "The plan for Pellam was not as simple, however, when the Orne council met on Monday.",
        "Indeed, in May the Orne council had closed the Pellam bridge for 2 weeks.",
        "In fact, the Pellam bridge was closed for 2 weeks in May.",
        "Above, the mayor of Pellam is pictured at the bridge on Monday.",
        "(Two other towns near Pellam were also on the short list.)",
        "Attacks: Pellam police said there were shootings at the bridge on Monday.",
        "Update: The Pellam council account has since been suspended, officials said.",
        "The mayor of Pellam inspects the bridge on Monday (Photo: Orne Daily).",
        "Back in Pellam, the old church sits blocks from where the shops burned.",
        "Once at the station, Marchetti said, police in Pellam confronted the pair.",
        "From there the photos of the Pellam bridge were picked up far and wide.",
        "The last word on the Pellam bridge should go to the mayor of Tolve ...",
        "The Orne council voted on Monday to close the Pellam bridge and …",
    ):
        assert not stands_alone(fragment), fragment
    assert stands_alone("“We will rebuild it,” Odile Marchetti said on Monday.")
    assert stands_alone("Odile Marchetti said: “We will rebuild it, and then …”")
    assert stands_alone("A ferry from Pellam was delayed because the crew refused to sail…")
    assert stands_alone(FLOODS)


def test_one_fact_is_told_once_citing_the_sources_that_say_it() -> None:
    short = "Flight OK9 vanished from radar over the Keral Sea on Saturday."
    long = (
        "Flight OK9 vanished from radar over the Keral Sea on Saturday about an hour after "
        "take-off from Domsk airport with 162 passengers, crew and cargo aboard, the carrier "
        "Ostwind told a crowded press briefing at its headquarters in Lerm."
    )
    texts = {
        "a": f"{short}\nSearch ships from Domsk reached the area on Sunday, Ostwind said.",
        "b": f"{long}\nSearch ships from Domsk reached the area on Sunday, Ostwind said.",
        "c": f"{short}\nRelatives of the 162 passengers gathered at Domsk airport on Sunday.",
        "d": f"{long}\nRelatives of the 162 passengers gathered at Domsk airport on Sunday.",
        "e": f"{short}\nThe Keral Sea is 3 kilometres deep where radar lost the plane.",
    }
    told = [s.text for s in _brief(texts).sentences]
    assert sum("vanished from radar" in t for t in told) == 1


LEAD = "A ferry carrying 40 passengers sank off Ashby on Monday, the coastguard said."
SUSPENDED = (
    "The Ashby ferry service was suspended by the Orme harbour council after the sinking of "
    "the boat."
)


def test_one_event_told_again_in_other_words_is_told_once() -> None:
    again = (
        "By Tuesday all crossings to Ashby by ferry had been suspended for the rest of the "
        "stormy winter season, with buses running instead."
    )
    texts = {
        "a": f"{LEAD}\n{SUSPENDED}\nRescuers from Kestle pulled 38 people from the water.",
        "b": f"{LEAD}\n{SUSPENDED}\nA diver from Tolve found the wreck at 30 metres.",
        "c": f"{LEAD}\n{again}",
        "d": f"{LEAD}\n{again}",
    }
    told = [s.text for s in _brief(texts).sentences]
    assert told[0] == LEAD
    assert (SUSPENDED in told) + (again in told) == 1


def test_a_repeat_adds_the_sources_that_say_the_sentence_kept() -> None:
    # Says most of SUSPENDED, in a sentence too long to count as saying it in its words.
    retold = (
        "By Tuesday the Ashby ferry service of the Orme harbour council had been suspended "
        "until storms over the northern coast of the Westshire islands end next month, divers "
        "have searched the whole wreck, engineers have checked every landing stage, and "
        "insurers from Lerm have finished counting losses among fishing crews and hauliers."
    )
    texts = {
        "a": f"{LEAD}\n{SUSPENDED}",
        "b": f"{LEAD}\n{SUSPENDED}",
        "c": f"{LEAD}\n{retold}",
        "d": f"{LEAD}\n{retold}",
    }
    suspended = next(s for s in _brief(texts).sentences if s.text == SUSPENDED)
    assert suspended.sources == ("a", "b", "c", "d")


def test_captions_and_foreign_quotations_are_never_told() -> None:
    caption = "Odile Marchetti, the Valtrak chief responsible for the Pellam line, on Monday."
    foreign = "Nunca lo supimos, pero el tren de Valtrak llegó tarde a Pellam el lunes."
    texts = {k: _derailment(i, caption, foreign) for i, k in enumerate("abcde")}
    told = [s.text for s in _brief(texts).sentences]
    assert caption not in told
    assert foreign not in told


def test_a_source_saying_it_of_another_person_is_not_cited() -> None:
    texts = {
        "a": "Mayor Ilse Varga said on Monday that the dam at Pellam would be rebuilt by 2026.",
        "b": "Minister Otto Brandl said on Monday that the dam at Pellam would be rebuilt by 2026.",
        "c": "Mayor Ilse Varga said on Monday that the dam at Pellam would be rebuilt by 2026.",
    }
    varga = next(s for s in _brief(texts).sentences if "Varga" in s.text)
    assert varga.sources == ("a", "c")


def test_a_source_giving_another_figure_is_not_cited() -> None:
    texts = {
        "a": "The evacuation order for Pellam was issued at 5:15 by the Orne county agency.",
        "b": "The evacuation order for Pellam was lifted at 7:30 by the Orne county agency.",
        "c": "The evacuation order for Pellam was issued at 5:15 by the Orne county agency.",
    }
    issued = next(s for s in _brief(texts).sentences if "5:15" in s.text)
    assert issued.sources == ("a", "c")


def test_a_source_telling_a_death_is_not_cited_for_a_wound() -> None:
    wounded = "An airstrike near Pellam wounded the leader of the Orne militia, officials said."
    texts = {
        "a": wounded,
        "b": "Officials said an airstrike near Pellam killed an aide to the leader of the Orne "
        "militia.",
        "c": "The leader of the Orne militia was wounded in an airstrike near Pellam, officials "
        "said.",
    }
    told = next(s for s in _brief(texts).sentences if s.text == wounded)
    assert told.sources == ("a", "c")


def test_a_word_holding_a_harm_word_tells_no_harm() -> None:
    killed = "A truck killed two workers at the Orne depot near Pellam on Monday, police said."
    texts = {
        "a": killed,
        "b": "Police said a diesel truck injured two workers at the Orne depot near Pellam on "
        "Monday.",
        "c": "Two workers were killed by a truck at the Orne depot near Pellam on Monday, police "
        "said.",
    }
    told = next(s for s in _brief(texts).sentences if s.text == killed)
    assert told.sources == ("a", "c")  # "diesel" tells no death


def test_a_source_rejecting_a_report_is_not_cited_for_what_the_report_says() -> None:
    closing = "The Kestle mill will close in June and its 80 workers will lose their jobs."
    texts = {
        "a": closing,
        "b": "The owners denied reports that the Kestle mill will close in June and its 80 "
        "workers will lose their jobs.",
        "c": f"Union leaders in Kestle said on Monday: {closing[0].lower()}{closing[1:]}",
    }
    told = next(s for s in _brief(texts).sentences if s.text == closing)
    assert told.sources == ("a", "c")


def test_a_source_debunking_a_report_is_not_cited_for_it_where_it_quotes_it() -> None:
    closing = "The Kestle mill will close in June and its 80 workers will lose their jobs."
    debunk = (
        "A post shared on Monday says the Kestle mill will shut and its workers will lose "
        "their jobs.\nHowever, the claims in the story are untrue.\nThe mill has orders "
        f"until 2026, its owners said.\nThe post reads: {closing}"
    )
    texts = {"a": closing, "b": f"Union leaders in Kestle said on Monday: {closing}", "c": debunk}
    told = next(s for s in _brief(texts).sentences if s.text == closing)
    assert told.sources == ("a", "b")  # c quotes the report, but its lead calls it untrue
    # an article whose lead calls another report false still supports this one
    other = "However, the claims about a fire at the Ashby depot are untrue.\n" + closing
    told = next(s for s in _brief({**texts, "c": other}).sentences if s.text == closing)
    assert told.sources == ("a", "b", "c")


def test_brief_length_grows_with_the_sources() -> None:
    lengths = [brief_length(n) for n in range(1, 40)]
    assert lengths[:2] == [1, 1]
    assert lengths == sorted(lengths)
    assert 6 <= brief_length(30) <= MAX_SENTENCES
    assert len(_brief({"a": FIRST, "b": SECOND}).sentences) == 1


def test_a_long_story_tells_developments_in_the_order_told() -> None:
    texts = {k: _derailment(i, f"Report {k} from Pellam.") for i, k in enumerate("abcdefgh")}
    brief = _brief(texts)
    assert len(brief.sentences) >= 3
    positions = [texts["a"].find(s.text) for s in brief.sentences[1:]]
    assert -1 not in positions and positions == sorted(positions)


def test_a_denial_in_the_ledger_closes_the_brief() -> None:
    hoax = "Valtrak said on Tuesday that the report of a second derailment at Pellam was a hoax."
    texts = _reports("abcd")
    texts["d"] += f"\n{hoax}"
    run = compare_articles(articles(texts, DAY))
    ledger = Finding(
        id="f1",
        story_id=run.story.id,
        kind="claim",
        status="disputed",
        subject="second derailment at Pellam",
        variants=(Variant("asserted", ("a", "b")), Variant("denied", ("d",))),
    )
    brief = make_brief(run.story, run.articles, run.claims, [*run.findings, ledger], [])
    assert brief.sentences[-1].text == hoax


def test_sentence_without_any_fact_or_support_is_left_out() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    assert not any("bakers" in s.text for s in brief.sentences)


def test_copies_do_not_make_a_sentence_central() -> None:
    copy_of_third = THIRD
    relations = [Relation(a="c", b="d", kind="duplicate", score=1.0)]
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD, "d": copy_of_third}, relations)
    rain = [s for s in brief.sentences if "Rain is forecast" in s.text]
    assert rain == []  # two copies of one source are still one source


def test_disputed_points_are_the_disputed_finding_ids() -> None:
    run = compare_articles([article("a", FIRST, DAY), article("b", SECOND, DAY)], headline="floods")
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    disputed = [f for f in run.findings if f.status == "disputed"]
    assert [f.subject for f in disputed] == ["height"]
    assert brief.disputed == tuple(f.id for f in disputed)


def test_timeline_is_resolved_sorted_and_cited() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    whens = [entry.when for entry in brief.timeline]
    assert whens == sorted(whens)
    monday = next(e for e in brief.timeline if e.when == "2024-03-04")
    assert monday.sources == ("a", "b", "c")
    assert "Floods hit" in monday.text
    assert "2024-03-05" in whens  # "on Tuesday" in the third article


def test_brief_is_deterministic() -> None:
    texts = {"a": FIRST, "b": SECOND, "c": THIRD}
    assert _brief(texts) == _brief(texts)


def test_similarity_is_dice_of_word_sets() -> None:
    assert similarity(frozenset("ab"), frozenset("bc")) == 0.5
    assert similarity(frozenset(), frozenset("a")) == 0.0


def test_a_wire_dateline_does_not_open_a_brief_sentence() -> None:
    lead = "A freight train derailed near Pellam on Monday, blocking the line for a week."
    texts = {
        "a": f"PELLAM, Westshire, May 4 (Kestle Wire) - {lead}",
        "b": f"ORNE (Dunmere News) — {lead}",
    }
    assert _brief(texts).sentences[0].text == lead
    assert wire_dateline_length("US stocks rose - again on Monday.") == 0
    assert wire_dateline_length("BBC - news of the day.") == 0


def test_a_background_sentence_shared_by_leads_does_not_open_the_brief() -> None:
    background = (
        "The Dunmere bridge has long been a bottleneck for the 20,000 cars that enter Kestle."
    )
    texts = {
        "a": (
            "Kestle council closed the Dunmere bridge on Saturday after engineers found cracks in "
            f"two of its piers.\n{background}"
        ),
        "b": (
            "Engineers found cracks in two piers of the Dunmere bridge, and Kestle council shut "
            f"it on Saturday.\n{background}"
        ),
        "c": f"Drivers queued for 2 hours at Kestle on Wednesday.\n{background}",
    }
    first = _brief(texts).sentences[0].text
    assert first.startswith("Kestle council closed the Dunmere bridge"), first


def test_a_garbled_sentence_is_never_told() -> None:
    garble = (
        "A freight train derailed near Pellam on Sunday night, spilling diesel into the "
        "Orne river Orne river, the rail operator Valtrak said."
    )
    texts = {k: _derailment(i, garble) for i, k in enumerate("abcd")}
    assert not any("river Orne river" in s.text for s in _brief(texts).sentences)


def test_a_sentence_leaning_on_a_noun_never_introduced_is_not_told() -> None:
    leaning = "The locomotive was lifted back onto the track by 2 cranes on Saturday."
    texts = {k: _derailment(i, "Pellam news desk report.", leaning) for i, k in enumerate("abcde")}
    assert not any("locomotive" in s.text for s in _brief(texts).sentences)


def test_a_source_describing_the_same_things_without_a_happening_is_not_cited() -> None:
    texts = {
        "a": "A storm has wrecked the Pellam lighthouse of the Orne coast, the harbour board said.",
        "b": "The Pellam lighthouse of the Orne coast is the oldest and tallest tower of granite "
        "in the whole northern kingdom, the harbour board said.",
        "c": "A storm has wrecked the Pellam lighthouse of the Orne coast, the harbour board said.",
    }
    wrecked = next(s for s in _brief(texts).sentences if "wrecked" in s.text)
    assert wrecked.sources == ("a", "c")


def test_a_story_the_sources_call_a_hoax_opens_with_the_outcome_not_the_hoax() -> None:
    hoax = (
        "Pellam singer Ida Orme was found dead at her home in Kestle on Sunday morning, "
        "Kestle police officer Ben Ray said.\n"
        "Police responded to a call around 9 a.m. and confirmed her identity, Ray said.\n"
    )
    outcome = "Ida Orme is very much alive, despite a hoax about her death in Kestle."
    fake = "Ida Orme's agent in Pellam said on Monday that the report of her death was fake."
    texts = {
        "a": hoax,
        "b": f"{outcome}\nThe Pellam singer was pictured at a concert in Ashby on Monday.",
        "c": f"{fake}\nThe singer was pictured at a concert in Ashby on Monday night.",
        "d": hoax.replace("Sunday morning", "Sunday"),
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text in (outcome, fake)
    assert not any(s.text.startswith("Pellam singer") for s in brief.sentences)
    assert all(set(s.sources) & {"b", "c"} for s in brief.sentences)


def test_one_source_saying_false_is_no_hoax_story() -> None:
    charged = "Kestle bank chief Ann Ray was charged on Monday with filing false reports."
    court = "Kestle bank chief Ann Ray appeared in an Ashby court on Monday over the bank's fall."
    copy = [Relation(a="b", b="c", kind="near-duplicate", score=0.95)]
    run = compare_articles(articles({"a": charged, "b": court, "c": court}, DAY), copy)
    brief = make_brief(run.story, run.articles, run.claims, run.findings, copy)
    # two sources, one saying "false": the other is still told (and, carried twice, opens)
    assert brief.sentences[0].text == court


def test_the_outcome_that_opens_is_the_one_about_the_story_not_another_hoax() -> None:
    hoax = "Kestle mayor Ann Ray was arrested in Ashby on Monday for stealing a city bus."
    other = "While some find the fake piece amusing, Orne police recalled a hoax about a tram."
    outcome = "Kestle mayor Ann Ray said the story of her arrest in Ashby was a hoax."
    texts = {
        "a": hoax,
        "b": other,
        "c": hoax,
        "d": f"Ashby was quiet on Tuesday morning after a long weekend.\n{outcome}",
    }
    run = compare_articles(articles(texts, DAY), headline="mayor arrested")
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == outcome


def test_a_source_telling_the_report_as_fact_is_not_cited_for_calling_it_false() -> None:
    hoax = "Kestle mayor Ann Ray was arrested in Ashby on Monday for stealing a city bus."
    outcome = "Reports that Kestle mayor Ann Ray was arrested in Ashby for stealing a bus are fake."
    texts = {"a": hoax, "b": outcome, "c": hoax, "d": outcome}
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    told = next(s for s in brief.sentences if s.text == outcome)
    assert told.sources == ("b", "d")


def test_in_a_story_called_a_hoax_an_article_telling_a_denial_is_still_told() -> None:
    hoax = "Pellam singer Ida Orme was found dead at her home in Kestle on Sunday, police said."
    outcome = "Ida Orme is very much alive, despite a hoax about her death in Kestle."
    denial = "Ida Orme denied the reports on Monday and sang to 2,000 fans at the Ashby pier."
    texts = {
        "a": hoax,
        "b": outcome,
        "c": hoax,
        "d": outcome.replace("very much ", ""),
        "e": denial,
        "f": "Reports of the death of Ida Orme in Kestle were fake, her agent said on Monday.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert denial in [s.text for s in brief.sentences]


def test_in_a_story_called_a_hoax_an_article_the_ledger_has_asserting_it_is_not_told() -> None:
    hoax = "Kestle mayor Ann Ray was arrested in Ashby on Monday for stealing a city bus."
    texts = {
        "a": f"{hoax}\nThe Ashby site later noted that its story may be false.",
        "b": "Kestle mayor Ann Ray was the victim of a fake news site in Ashby on Monday.",
        "c": "Reports that Kestle mayor Ann Ray stole a city bus in Ashby are fake, police said.",
    }
    run = compare_articles(articles(texts, DAY))
    ledger = Finding(
        id="f1",
        story_id=run.story.id,
        kind="claim",
        status="disputed",
        subject="Kestle mayor arrested for stealing a bus",
        variants=(Variant("asserted", ("a",)), Variant("denied", ("b", "c"))),
    )
    brief = make_brief(run.story, run.articles, run.claims, [*run.findings, ledger], [])
    assert all(s.sources != ("a",) for s in brief.sentences)  # a's own words are not told
    # but a, which also says its story may be false, is not named as telling it as fact
    assert brief.hoax is not None and "a" not in brief.hoax.told_as_fact


WHALE = "A whale swam up the Orne river to Pellam on Sunday and stranded 40 boats in the harbour."
WHALE_OUTCOME = (
    "The Kestle harbour master said on Monday that the whale sighting in Pellam was a hoax."
)


def test_a_hoax_brief_says_what_the_report_called_false_claimed() -> None:
    texts = {
        "a": WHALE,
        "b": f"{WHALE_OUTCOME}\nOrigins: On Sunday, the Ashby Post published an article claiming "
        "a whale had swum up the Orne river to Pellam:\nNo boat was stranded, he said.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    said = [s.text for s in brief.sentences]
    # the outcome opens, then what the report claimed, its label and colon left out
    assert said[:2] == [
        WHALE_OUTCOME,
        "On Sunday, the Ashby Post published an article claiming a whale had swum up the Orne "
        "river to Pellam.",
    ]
    assert brief.sentences[1].sources == ("b",)
    assert WHALE not in said  # the report itself is not told as fact


def test_a_hoax_outcome_saying_what_was_claimed_is_told_once() -> None:
    outcome = (
        "Reports that a whale swam up the Orne river to Pellam on Sunday were a hoax, police said."
    )
    texts = {
        "a": WHALE,
        "b": f"{outcome}\nThe Ashby Post published an article claiming a whale had swum up the "
        "Orne river to Pellam.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert [s.text for s in brief.sentences] == [outcome]


def test_a_hoax_outcome_quoting_the_false_report_s_title_may_open() -> None:
    titled = (
        "Kestle News posted a bogus article on Sunday titled “Whale Swims Up Orne River To "
        "Pellam, Strands 40 Boats”."
    )
    other = "While some found the fake piece amusing, Orne police recalled a hoax about a tram."
    texts = {"a": WHALE, "b": f"{other}\n{titled}"}
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.sentences[0].text == titled


def test_a_brief_told_as_a_hoax_records_who_called_it_false_and_who_told_it_as_fact() -> None:
    texts = {
        "a": WHALE,
        "b": f"Ferries left Pellam on time on Monday.\n{WHALE_OUTCOME}",
        "c": WHALE,
        "d": "Reports that a whale swam up the Orne river to Pellam were a hoax, police said.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.hoax is not None
    calls = [(c.article_id, c.text) for c in brief.hoax.called_false]
    assert calls == [("b", WHALE_OUTCOME), ("d", texts["d"])]
    call = brief.hoax.called_false[0]
    assert texts["b"][call.start : call.end] == WHALE_OUTCOME
    assert brief.hoax.told_as_fact == ("a", "c")
    assert _brief({"a": FIRST, "b": SECOND, "c": THIRD}).hoax is None


def test_an_article_telling_the_report_recanted_is_not_named_as_telling_it_as_fact() -> None:
    texts = {
        "a": WHALE,
        "b": WHALE_OUTCOME,
        "c": "The Ashby Post on Monday recanted its whale story about the Orne river at Pellam.",
        "d": "Reports that a whale swam up the Orne river to Pellam were a hoax, police said.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.hoax is not None and brief.hoax.told_as_fact == ("a",)


def test_copies_show_how_widely_the_event_was_carried_though_they_corroborate_nothing() -> None:
    event = "A fire destroyed the Kestle paper mill on Sunday night, the Pellam fire service said."
    earlier = "The Kestle paper mill laid off 40 workers in Pellam last spring, the union said."
    detail = "Firefighters from Ashby and Orne fought the blaze for six hours before dawn."
    texts = {
        "a": f"{event}\n{detail}",
        "b": f"{event}\n{detail}",
        "c": f"{event}\n{detail}",
        "d": f"{event}\n{earlier}",
        "e": f"{earlier}\nThe mill's owners have not said whether they will rebuild.",
        "f": f"{earlier}\nShares in the mill's owner fell 3% on Monday in Ashby.",
    }
    copies = [Relation(a="a", b=x, kind="near-duplicate", score=0.98) for x in ("b", "c")]
    run = compare_articles(articles(texts, DAY), copies)
    brief = make_brief(run.story, run.articles, run.claims, run.findings, copies)
    # the event: four articles lead with it, two independent sources (a and its copies, d);
    # the lay-offs: three sources, three articles
    assert brief.sentences[0].text == event
    assert brief.sentences[0].sources == ("a", "b", "c", "d")


def test_a_sentence_only_copies_carry_does_not_open_as_corroborated() -> None:
    event = "A fire destroyed the Kestle paper mill on Sunday night, the Pellam fire service said."
    copied = "Ashby mayor Ann Ray visited the burnt mill in Kestle on Monday with 12 firefighters."
    texts = {
        "a": f"{copied}\n{event}",
        "b": f"{copied}\n{event}",
        "c": f"{copied}\nThe mill employs 300 people.",
        "d": f"Smoke hung over Kestle all night.\n{event}",
    }
    copies = [Relation(a="a", b=x, kind="near-duplicate", score=0.98) for x in ("b", "c")]
    run = compare_articles(articles(texts, DAY), copies)
    brief = make_brief(run.story, run.articles, run.claims, run.findings, copies)
    assert brief.sentences[0].text == event  # two sources give it; the visit only one, copied


def test_a_hoax_brief_does_not_retell_the_false_report_s_details_a_debunker_quotes() -> None:
    detail = "The whale was 30 metres long and sprayed water over the Pellam pier, Ben Ray said."
    texts = {
        "a": f"{WHALE}\n{detail}",
        "b": f"{WHALE_OUTCOME}\nThe report went on: {detail}",
        "c": "Reports that a whale swam up the Orne river to Pellam were a hoax, police said.\n"
        "Ferries ran to Ashby on time on Monday, the Pellam port office said.",
        "d": f"{WHALE_OUTCOME}\n{detail}\nNo boat was stranded in the harbour, the port said.",
    }
    run = compare_articles(articles(texts, DAY))
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    assert brief.hoax is not None and brief.hoax.told_as_fact == ("a",)
    said = [s.text for s in brief.sentences]
    assert said and not any("30 metres" in s for s in said)


def _titled(texts: dict[str, str], title: str) -> list[Article]:
    return [dataclasses.replace(a, title=Meta(title, "t")) for a in articles(texts, DAY)]


CLOSING = "Pellam line to close for a month after derailment"


def test_a_denial_sources_give_closes_the_brief_when_the_ledger_has_none() -> None:
    denial = "Valtrak denied reports that the Pellam line would close for a month."
    texts = _reports("ab")
    texts["a"] += f"\n{denial}"
    texts["b"] += "\nValtrak has denied reports that the Pellam line would close for a month."
    run = compare_articles(_titled(texts, CLOSING))
    no_claims = [f for f in run.findings if f.kind != "claim"]  # the ledger reads no denial
    brief = make_brief(run.story, run.articles, run.claims, no_claims, [])
    # a two-source story is told in a line, and the denial besides it
    assert [s.text for s in brief.sentences][-1] == denial
    assert len(brief.sentences) == 2
    assert brief.sentences[-1].sources == ("a", "b")


def test_a_denial_of_what_the_headlines_do_not_claim_is_not_the_state_of_the_claim() -> None:
    texts = _reports("ab")
    for k in "ab":
        texts[k] += "\nThe Orne ferry company denied that its fares would rise in the spring."
    texts["b"] += "\nValtrak has not denied that the Pellam line would close for a month."
    texts["a"] += "\nValtrak has neither denied nor confirmed that the line would close."
    brief = _brief_without_claims(texts, CLOSING)
    assert len(brief.sentences) == 1


def test_a_confirmation_sources_give_closes_the_brief() -> None:
    confirmed = "Valtrak officials confirmed that the Pellam line will close for a month."
    texts = _reports("ab")
    texts["a"] += f"\n{confirmed}"
    texts["b"] += "\nValtrak has confirmed that the Pellam line will close for a month."
    brief = _brief_without_claims(texts, CLOSING)
    # a two-source story is told in a line, and the outcome besides it
    assert [s.text for s in brief.sentences][-1] == confirmed
    assert len(brief.sentences) == 2
    assert brief.sentences[-1].sources == ("a", "b")


def test_a_claim_repeated_or_a_confirmation_still_sought_does_not_close_the_brief() -> None:
    texts = _reports("ab")
    for k in "ab":
        texts[k] += "\nThe Pellam line will close for a month, a Valtrak engineer said."
        texts[k] += "\nValtrak said it could not confirm that the Pellam line would close."
    texts["a"] += "\nValtrak has not confirmed that the Pellam line will close for a month."
    texts["b"] += "\nA source at Valtrak confirmed that the Pellam line will close for a month."
    texts["b"] += "\nThe Orne ferry company confirmed that its fares would rise in the spring."
    brief = _brief_without_claims(texts, CLOSING)
    assert len(brief.sentences) == 1


def test_a_denial_named_by_who_denies_closes_the_brief() -> None:
    # "The head of Valtrak": a definite noun phrase that the name after it says which
    denial = "The head of Valtrak denied that the Pellam line would close for a month."
    texts = _reports("ab", denial)
    brief = _brief_without_claims(texts, CLOSING)
    assert [s.text for s in brief.sentences][-1] == denial


def test_a_denial_retelling_the_lead_s_words_closes_the_brief() -> None:
    spill = "Freight train derails near Pellam, spilling diesel into the Orne river"
    denial = "Valtrak denied that diesel spilled into the Orne river when the train derailed."
    texts = _reports("ab", denial)
    brief = _brief_without_claims(texts, spill)
    said = [s.text for s in brief.sentences]
    assert said[0].startswith("A freight train derailed") and said[-1] == denial


def test_an_outcome_cites_only_the_sources_telling_it() -> None:
    denial = "Valtrak denied that the Pellam line would close for a month."
    texts = _reports("ab")
    texts["a"] += f"\n{denial}"
    texts["b"] += "\nThe Pellam line would close for a month, Valtrak told its staff."
    brief = _brief_without_claims(texts, CLOSING)
    assert brief.sentences[-1].text == denial
    assert brief.sentences[-1].sources == ("a",)  # b tells what is denied, not the denial


def test_a_denial_of_what_its_article_reports_named_by_a_word_for_it_closes_the_brief() -> None:
    denial = "A Valtrak spokesman denied the reports, calling them nonsense."
    texts = _reports("ab")
    texts["a"] += f"\n{denial}"
    brief = _brief_without_claims(texts, CLOSING)
    assert [s.text for s in brief.sentences][-1] == denial


def test_a_development_sharing_the_outcome_s_words_is_no_repeat_of_it() -> None:
    denial = "Valtrak denied that the Pellam line would close for a month."
    commuters = "Commuters on the Pellam line would take buses for a month, the Orne council said."
    texts = _reports("abcd", denial, commuters)
    brief = _brief_without_claims(texts, CLOSING)
    said = [s.text for s in brief.sentences]
    assert said[-1] == denial and commuters in said


def _brief_without_claims(texts: dict[str, str], title: str) -> Brief:
    """The brief of ``texts`` (titled ``title``) from their findings other than claims: the
    sources' own denial or confirmation is then the brief's only way to an outcome."""
    run = compare_articles(_titled(texts, title))
    no_claims = [f for f in run.findings if f.kind != "claim"]
    return make_brief(run.story, run.articles, run.claims, no_claims, [])


def _reports(keys: str, *lines: str) -> dict[str, str]:
    """A derailment report under each of ``keys`` (the n-th key's as ``_derailment(n, …)``
    writes it), each with ``lines`` added at its end."""
    return {
        k: "\n".join([_derailment(n, "Pellam news desk report."), *lines])
        for n, k in enumerate(keys)
    }
