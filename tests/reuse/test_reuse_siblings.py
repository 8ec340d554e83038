"""Sibling copies: two copies of one origin relate to each other without a direction."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.records import Article, Meta, Relation, Removed
from storyweave.reuse.align import word_alignment
from storyweave.reuse.labels import label_articles
from storyweave.reuse.provenance import direct
from storyweave.reuse.relate import relate_pair
from storyweave.reuse.shingles import word_tokens
from storyweave.reuse.siblings import (
    SIBLING,
    SiblingQuestion,
    Siblings,
    is_sibling_relation,
    mark_siblings,
    sibling_test,
)

ORIGIN = (
    "The harbour authority said on Monday that the northern pier would close for repairs after "
    "divers found deep cracks in three of its concrete supports.\n"
    "Engineers will replace the damaged supports over the winter, a job the authority expects "
    "to cost about four million crowns and to last at least five months.\n"
    "Ferry operators were told to move their morning sailings to the southern pier, which "
    "officials said could handle the extra traffic without serious delays.\n"
    "Fishing crews who use the northern pier will be offered free berths in the old dock until "
    "the work is finished, the harbour master told a meeting of local businesses.\n"
    "Local shop owners said they feared losing customers while the pier was closed and asked "
    "the council for help with their rents during the busy summer season.\n"
    "The authority said the pier, built in the early sixties, had not had a full inspection "
    "for more than a decade because of budget cuts.\n"
    "A report on the state of the other piers is due in the spring, and the authority promised "
    "to publish it in full on its website."
)
# A near-verbatim copy that drops the last sentence.
SCRAPED = ORIGIN.rsplit("\n", 1)[0]
# A spun copy: one content word swapped in most sentences, nothing dropped.
SPUN = (
    ORIGIN.replace("said on Monday", "stated on Monday")
    .replace("deep cracks", "profound cracks")
    .replace("damaged supports", "harmed supports")
    .replace("operators were told", "operators were informed")
    .replace("free berths", "complimentary berths")
    .replace("feared losing", "dreaded losing")
    .replace("full inspection", "complete inspection")
    .replace("promised to publish", "vowed to publish")
)


def article(
    article_id: str,
    text: str,
    published: str | None = None,
    removed: tuple[Removed, ...] = (),
) -> Article:
    base = Article(article_id, f"ref-{article_id}", f"src-{article_id}", text)
    meta = Meta(published, "test") if published else None
    return replace(base, published=meta, removed=removed)


def relate_all(articles: list[Article]) -> list[Relation]:
    return mark_siblings(articles, _pairwise(articles))


def triangle() -> list[Article]:
    origin = article("o", ORIGIN, "2025-05-05T08:00:00+00:00")
    # No date, but a credit line: the pairwise signals would call it the copy of the spun one.
    scraped = article("c", SCRAPED, removed=(Removed("(With agency inputs)", "credit line"),))
    spun = article("s", SPUN, "2025-05-06T08:00:00+00:00")
    return [origin, scraped, spun]


def test_the_relation_between_two_copies_of_one_origin_has_no_direction() -> None:
    relations = {(r.a, r.b): r for r in relate_all(triangle())}
    siblings = relations[("c", "s")]
    assert siblings.direction is None
    assert is_sibling_relation(siblings)
    assert any("both derive from o" in e for e in siblings.evidence)
    # What the pairwise signals alone had said is kept in the evidence.
    assert any("pairwise signals alone said s → c" in e for e in siblings.evidence)
    for pair in (("c", "o"), ("o", "s")):
        direction = relations[pair].direction
        assert direction is not None and direction.origin == "o"


def test_labels_follow_origin_to_copy_edges_only() -> None:
    articles = triangle()
    labels = {
        a.id: {label.label for label in a.labels}
        for a in label_articles(articles, relate_all(articles))
    }
    assert labels["o"] == {"original"}
    assert labels["s"] == {"spun"}
    assert "spun" not in labels["c"]
    assert labels["c"] == {"syndicated"}


def test_a_copy_of_a_copy_is_not_a_sibling() -> None:
    # o → s (spun) → c2 (verbatim copy of the spun text): c2 keeps s's swaps, so it derives
    # from s, and the s–c2 relation keeps its direction.
    origin = article("o", ORIGIN, "2025-05-05T08:00:00+00:00")
    spun = article("s", SPUN, "2025-05-06T08:00:00+00:00")
    copy = article("t", SPUN.rsplit("\n", 1)[0], "2025-05-07T08:00:00+00:00")
    relations = {(r.a, r.b): r for r in relate_all([origin, spun, copy])}
    chained = relations[("s", "t")]
    assert not is_sibling_relation(chained)
    assert chained.direction is not None
    assert (chained.direction.origin, chained.direction.copy) == ("s", "t")


def test_sibling_test_reports_similarities_and_exclusive_words() -> None:
    found = sibling_test(
        "o", "c", "s", word_tokens(ORIGIN), word_tokens(SCRAPED), word_tokens(SPUN)
    )
    assert found is not None
    assert found.origin_x > found.x_y and found.origin_y > found.x_y
    assert found.x_only >= 5  # the words the spinner swapped, kept by the scraped copy
    assert found.y_only >= 15  # the last sentence, kept by the spun copy only
    assert "both derive from o" in found.describe()


def test_relations_without_a_common_origin_are_left_alone() -> None:
    a = article("a", ORIGIN, "2025-05-05T08:00:00+00:00")
    b = article("b", SPUN, "2025-05-06T08:00:00+00:00")
    relations = relate_all([a, b])
    assert len(relations) == 1
    assert relations[0].direction is not None
    assert not is_sibling_relation(relations[0])


def test_a_near_verbatim_copy_of_an_unspun_origin_is_never_spun() -> None:
    # Only the relations o–c and c–s are known (o–s was missed), so c and s are not seen as
    # siblings and the c–s edge, directed s → c by date, shows the spinner's swaps reversed.
    origin = article("o", ORIGIN, "2025-05-05T08:00:00+00:00")
    scraped = article("c", SCRAPED, "2025-05-07T08:00:00+00:00")
    spun = article("s", SPUN, "2025-05-06T08:00:00+00:00")
    relations = [
        direct(r, x, y)
        for x, y in ((origin, scraped), (scraped, spun))
        if (r := relate_pair(x, y)) is not None
    ]
    assert [r.kind for r in relations] == ["near-duplicate", "rewrite"]
    labels = {
        a.id: {label.label for label in a.labels}
        for a in label_articles([origin, scraped, spun], relations)
    }
    assert "spun" not in labels["c"]


def test_a_lightly_spun_near_duplicate_is_still_spun() -> None:
    light = (
        ORIGIN.replace("said on Monday", "stated on Monday")
        .replace("operators were told", "operators were informed")
        .replace("feared losing", "dreaded losing")
    )
    origin = article("o", ORIGIN, "2025-05-05T08:00:00+00:00")
    spun = article("s", light, "2025-05-06T08:00:00+00:00")
    relations = relate_all([origin, spun])
    assert [r.kind for r in relations] == ["near-duplicate"]
    labels = {a.id: {x.label for x in a.labels} for a in label_articles([origin, spun], relations)}
    assert labels == {"o": {"original"}, "s": {"spun"}}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abcdef"), max_size=40),
    st.lists(st.sampled_from("abcdef"), max_size=40),
)
def test_one_alignment_gives_the_similarity_and_the_kept_words(
    origin: list[str], copy: list[str]
) -> None:
    similarity, mask = word_alignment(origin, copy)
    matcher = difflib.SequenceMatcher(None, origin, copy, autojunk=False)
    expected_kept = {
        i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)
    }
    assert similarity == (matcher.ratio() if origin or copy else 0.0)
    assert {i for i in range(len(origin)) if mask >> i & 1} == expected_kept
    assert mask >> len(origin) == 0


class _DictMemo:
    """A sibling memo in a dict, failing when a kept judgement is computed again."""

    def __init__(self) -> None:
        self.kept: dict[SiblingQuestion, Siblings | None] = {}

    def known(self, questions: Sequence[SiblingQuestion]) -> dict[SiblingQuestion, Siblings | None]:
        return {q: self.kept[q] for q in questions if q in self.kept}

    def keep(self, judged: Mapping[SiblingQuestion, Siblings | None]) -> None:
        assert not set(judged) & set(self.kept), "a kept judgement was computed again"
        self.kept.update(judged)


def test_kept_sibling_judgements_are_used_instead_of_aligning_again() -> None:
    articles = triangle()
    unmarked = _pairwise(articles)
    memo = _DictMemo()
    first = mark_siblings(articles, unmarked, memo)
    assert first == mark_siblings(articles, unmarked)
    assert list(memo.kept) == [("c", "s", ("o",))]  # one question per relation with origins
    # A kept verdict is taken as it is: flip it, and the relation keeps its direction.
    memo.kept[("c", "s", ("o",))] = None
    again = {(r.a, r.b): r for r in mark_siblings(articles, unmarked, memo)}
    assert again[("c", "s")].direction is not None


def test_a_kept_judgement_stands_for_its_origins_and_only_recent_origins_are_judged() -> None:
    articles = triangle()
    memo = _DictMemo()
    mark_siblings(articles, _pairwise(articles), memo)
    # An earlier copy of the origin arrives: it becomes an origin of both copies too.
    grown = [*articles, article("p", ORIGIN, "2025-05-05T07:00:00+00:00")]
    unmarked = _pairwise(grown)
    assert mark_siblings(grown, unmarked, _DictMemo()) == mark_siblings(grown, unmarked)
    judged = mark_siblings(grown, unmarked, memo, recent=frozenset({"p"}))
    assert judged == mark_siblings(grown, unmarked)
    assert ("c", "s", ("o", "p")) in memo.kept
    # The kept judgement under "o" is taken as it is, and "p" alone is judged: flip it, and the
    # relation is found under "p".
    memo = _DictMemo()
    memo.kept[("c", "s", ("o",))] = None
    again = {(r.a, r.b): r for r in mark_siblings(grown, unmarked, memo, recent=frozenset("p"))}
    assert again[("c", "s")].direction is None
    sibling_lines = [e for e in again[("c", "s")].evidence if e.startswith(SIBLING)]
    assert [line.split(",")[0] for line in sibling_lines] == [f"{SIBLING} p"]


def _pairwise(articles: list[Article]) -> list[Relation]:
    relations = []
    for i, x in enumerate(articles):
        for y in articles[i + 1 :]:
            relation = relate_pair(x, y)
            if relation is not None:
                relations.append(direct(relation, x, y))
    return relations
