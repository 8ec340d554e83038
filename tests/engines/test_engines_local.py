"""The local DuckDB engine: LSH candidates, shared-n-gram candidates, relations, stories."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

import storyweave.engines.local as local_engine
from storyweave.duplicates import fingerprint, token_hashes, whole_text_keys
from storyweave.engines.local import (
    candidate_pairs,
    duplicate_groups,
    relate,
    relation_candidate_ids,
    shared_gram_pairs,
    stories,
)
from storyweave.records import Article, Meta, Removed
from storyweave.text import word_tokens

WORDS = (
    "harbour council budget storm river school museum festival bridge tram station market "
    "doctor nurse hospital farmer harvest orchard factory engine pilot airport ticket summit "
    "treaty court judge jury witness police village mayor theatre concert library garden"
).split()


def random_text(seed: int, length: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(length)) + "."


def article(article_id: str, text: str) -> Article:
    return Article(article_id, article_id, article_id, text)


def corpus() -> list[Article]:
    base = random_text(1)
    near = base.replace(WORDS[0], "port", 1)
    reused = random_text(7, 150) + " " + " ".join(base.split()[:40]) + " " + random_text(8, 150)
    return [
        article("a", base),
        article("b", near),
        article("c", random_text(2)),
        article("d", random_text(3)),
        article("e", reused),
        article("f", ""),
    ]


def test_lsh_finds_near_duplicates_and_not_unrelated_texts() -> None:
    articles = corpus()
    pairs = candidate_pairs([fingerprint(a) for a in articles])
    assert ("a", "b") in pairs
    assert not any({"c", "d"} & set(p) for p in pairs)
    assert pairs == sorted(set(pairs))
    assert all(x < y for x, y in pairs)


def test_shared_gram_pairs_find_a_passage_in_long_texts() -> None:
    pairs = shared_gram_pairs(corpus())
    assert ("a", "e") in pairs
    assert ("c", "d") not in pairs


def _shared_gram_pairs_by_hand(
    articles: list[Article], n: int, min_shared: int, max_articles: int
) -> list[tuple[str, str]]:
    grams = {
        a.id: {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}
        for a in articles
        for w in [word_tokens(a.text)]
    }
    holders: dict[tuple[str, ...], int] = {}
    for found in grams.values():
        for gram in found:
            holders[gram] = holders.get(gram, 0) + 1
    common = {g for g, count in holders.items() if 2 <= count <= max_articles}
    ids = sorted(grams)
    return [
        (x, y)
        for i, x in enumerate(ids)
        for y in ids[i + 1 :]
        if len(grams[x] & grams[y] & common) >= min_shared
    ]


@pytest.mark.parametrize("seed", range(5))
def test_shared_gram_pairs_are_the_pairs_sharing_enough_distinct_n_grams(seed: int) -> None:
    rng = random.Random(seed)
    passage = random_text(seed + 100, 30)
    articles = []
    for n in range(8):
        text = random_text(rng.randrange(10_000), rng.randrange(3, 60))
        if rng.random() < 0.5:  # a shared passage, cut at a random length
            text += " " + " ".join(passage.split()[: rng.randrange(5, 30)]) + " " + text
        articles.append(Article(f"a{n}", f"a{n}", f"a{n}", text))
    for min_shared, max_articles in ((6, 50), (2, 3)):
        found = shared_gram_pairs(articles, n=4, min_shared=min_shared, max_articles=max_articles)
        assert found == _shared_gram_pairs_by_hand(articles, 4, min_shared, max_articles)


def test_relate_returns_sorted_verified_relations() -> None:
    articles = corpus()
    relations = relate(articles, [fingerprint(a) for a in articles])
    kinds = {(r.a, r.b): r.kind for r in relations}
    assert kinds[("a", "b")] == "near-duplicate"
    assert kinds[("a", "e")] == "reuse"
    assert ("c", "d") not in kinds
    assert [(r.a, r.b) for r in relations] == sorted(kinds)


def test_relate_and_stories_ignore_input_order() -> None:
    articles = corpus()
    shuffled = list(reversed(articles))
    first = relate(articles, [fingerprint(a) for a in articles])
    second = relate(shuffled, [fingerprint(a) for a in shuffled])
    assert first == second
    assert stories(articles, first) == stories(shuffled, second)


def test_empty_inputs() -> None:
    assert candidate_pairs([]) == []
    assert relate([], []) == []
    assert stories([], []) == []


def test_seed_articles_written_independently_are_not_near_duplicates(seeds_dir: Path) -> None:
    articles = [
        article(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))
    ]
    if len(articles) < 2:
        pytest.skip("no seed articles")
    relations = relate(articles, [fingerprint(a) for a in articles])
    assert all(r.kind not in ("duplicate", "near-duplicate") for r in relations)


def test_identical_bodies_relate_to_the_earliest_as_a_star() -> None:
    text = random_text(5)
    copies = [
        Article("a", "a", "a", text),
        Article("b", "b", "b", text.upper(), published=Meta("2024-05-02", "test")),
        Article("c", "c", "c", text, published=Meta("2024-05-01T19:00:00-04:00", "test")),
        Article("d", "d", "d", random_text(6)),
    ]
    assert duplicate_groups(copies) == [("c", "a"), ("c", "b")]
    relations = relate(copies, [fingerprint(x) for x in copies])
    assert [(r.a, r.b, r.kind) for r in relations] == [
        ("a", "c", "duplicate"),
        ("b", "c", "duplicate"),
    ]
    assert all(r.direction is not None and r.direction.origin == "c" for r in relations[1:])
    assert any({"a", "b", "c"} <= set(s.article_ids) for s in stories(copies, relations))


def test_two_copies_of_one_origin_are_related_as_siblings_without_direction() -> None:
    words = random_text(11, 240).rstrip(".").split()
    trimmed = " ".join(words[:200]) + "."  # drops the origin's last 40 words
    edited = " ".join("ferry" if i % 12 == 5 else w for i, w in enumerate(words)) + "."
    articles = [
        Article("o", "o", "o", " ".join(words) + ".", published=Meta("2024-05-01", "test")),
        Article("t", "t", "t", trimmed),
        Article("e", "e", "e", edited, published=Meta("2024-05-03", "test")),
    ]
    articles[1] = replace(articles[1], removed=(Removed("(With agency inputs)", "credit line"),))
    relations = {(r.a, r.b): r for r in relate(articles, [fingerprint(x) for x in articles])}
    assert set(relations) == {("e", "o"), ("e", "t"), ("o", "t")}
    assert relations[("e", "t")].direction is None
    assert any("both derive from o" in e for e in relations[("e", "t")].evidence)
    for pair in (("e", "o"), ("o", "t")):
        direction = relations[pair].direction
        assert direction is not None and direction.origin == "o"


def test_run_and_dups_share_one_test_of_exact_duplicates() -> None:
    """Typography and case aside, equal words are one body for both commands; a text without
    words belongs to no group."""
    text = "Der Bürgermeister sagte: “Die Brücke bleibt zu” – bis März."
    same = 'der bürgermeister sagte: "die brücke bleibt zu" - bis märz'
    other = "Der Bürgermeister sagte: “Die Brücke bleibt offen” – bis März."
    articles = [article("a", text), article("b", same), article("c", other), article("d", "…")]
    assert duplicate_groups(articles) == [("a", "b")]
    keys, lengths = whole_text_keys([text, same, other, "…"])
    assert keys[0] == keys[1] != keys[2]
    assert lengths.tolist()[3] == 0


def test_candidates_hash_each_text_once_in_batches_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The candidates split and hash each text once for both the identical-body and the
    shared-n-gram tests, a batch of texts at a time: the same pairs as each test hashing the
    texts itself, whatever the batch size."""
    articles = [*corpus(), article("g", corpus()[4].text), article("h", corpus()[0].text)]
    articles.reverse()
    signatures = [fingerprint(a) for a in articles]
    hashed = []
    monkeypatch.setattr(
        local_engine, "token_hashes", lambda texts: hashed.append(len(texts)) or token_hashes(texts)
    )
    copies = duplicate_groups(articles)
    assert {member for _, member in copies} == {"g", "h"}
    unique = [a for a in articles if a.id not in {"g", "h"}]
    lsh = candidate_pairs([fingerprint(a) for a in unique], bands=32, rows=4)
    expected = sorted({*copies, *lsh, *shared_gram_pairs(unique)})
    hashed.clear()
    for batch in (1000, 3):
        monkeypatch.setattr(local_engine, "GRAM_BATCH", batch)
        assert relation_candidate_ids(articles, signatures) == expected
    assert hashed == [8, 3, 3, 2]  # each text once per call


def test_signatures_as_one_array_give_the_candidates_of_the_records(tmp_path: Path) -> None:
    """The store gives a run's signatures as one array (a tuple of Python ints each took four
    times the memory): relating reads the array as it is and finds the same candidates."""
    from storyweave.store import SignatureTable, open_store

    articles = [*corpus(), article("g", corpus()[4].text), article("h", corpus()[0].text)]
    signatures = [fingerprint(a) for a in articles]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.add_documents([], articles, signatures, [])
        stored = store.signatures()
    assert isinstance(stored, SignatureTable)
    ordered = sorted(signatures, key=lambda s: s.article_id)
    assert list(stored) == ordered and stored[-1] == ordered[-1] and stored[1:3] == ordered[1:3]
    assert list(stored.without({"a", "g"})) == [s for s in ordered if s.article_id not in "ag"]
    assert list(stored.with_shingles()) == [s for s in ordered if s.shingle_count]
    assert candidate_pairs(stored, bands=32, rows=4) == candidate_pairs(ordered, bands=32, rows=4)
    assert relation_candidate_ids(articles, stored) == relation_candidate_ids(articles, ordered)
    assert candidate_pairs(stored.rows([])) == []


def family(size: int) -> list[Article]:
    """``size`` texts of one base, each with one word of its own changed: every pair of them is
    alike enough to share LSH buckets."""
    base = random_text(99, 60).split()
    members = []
    for n in range(size):
        words = list(base)
        words[n % len(words)] = f"variant{n}"
        members.append(article(f"f{n:02d}", " ".join(words)))
    return members


def test_each_article_keeps_its_most_alike_lsh_partners_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A family of near-identical texts does not make every pair of its members a candidate:
    each member keeps its BAND_PARTNERS most alike (MinHash agreement), so the pairs grow with
    the family, not with its square; a small family keeps every pair."""
    members = family(40)
    signatures = [fingerprint(a) for a in members]
    banded = candidate_pairs(signatures, bands=32, rows=4)
    assert len(banded) > 700  # all alike: (nearly) every one of the 780 pairs shares a bucket
    kept = local_engine.strongest_partners(banded, local_engine.SignatureTable.of(signatures))
    assert len(kept) <= 40 * local_engine.BAND_PARTNERS < len(banded)
    assert kept == sorted(kept) and set(kept) <= set(banded)
    degree: dict[str, int] = {}
    for a, b in kept:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    assert min(degree.values()) >= local_engine.BAND_PARTNERS
    monkeypatch.setattr(local_engine, "shared_gram_pairs", lambda *a, **k: [])  # LSH alone
    assert relation_candidate_ids(members, signatures) == kept
    small = family(10)
    small_signatures = [fingerprint(a) for a in small]
    assert len(relation_candidate_ids(small, small_signatures)) == 45
