"""Dedup at scale: exact and near-duplicate groups, short-text edits, determinism."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.duplicates import (
    BATCH_SIZE,
    DedupResult,
    decisive_counts,
    dedup,
    dedup_inputs,
    featurize,
    lsh_shape,
    token_hashes,
)
from storyweave.duplicates.decisions import _aligned_block
from storyweave.errors import InputError, UsageError
from storyweave.ingest import read_bytes
from storyweave.records import Document
from storyweave.reuse.shingles import word_tokens

WORDS = (
    "harbour council budget storm river school museum festival bridge tram station market "
    "doctor nurse hospital farmer harvest orchard factory engine pilot airport ticket summit "
    "treaty court judge jury witness police village mayor theatre concert library garden"
).split()


def text_of(seed: int, length: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(length)) + "."


def doc(text: str, ref: str) -> Document:
    item = next(read_bytes(text.encode(), ref, fmt="text"))
    assert isinstance(item, Document)
    return item


def change_word(text: str, position: int, new: str = "zeppelin") -> str:
    words = text.split()
    words[position] = new
    return " ".join(words)


def groups_of(result: DedupResult) -> set[tuple[str, tuple[int, ...]]]:
    return {(g.kind, g.members) for g in result.groups}


def test_exact_and_near_duplicates_are_told_apart() -> None:
    long = text_of(1, 200)
    texts = [
        long,  # 0
        text_of(2, 200),  # 1: unrelated
        long.upper(),  # 2: same words
        change_word(long, 100),  # 3: near
        text_of(3, 150),  # 4
        text_of(3, 150) + "\n",  # 5: same words as 4
    ]
    result = dedup([doc(t, f"d{i}") for i, t in enumerate(texts)], workers=1)
    assert result.count == 6
    assert groups_of(result) == {("near-duplicate", (0, 2, 3)), ("duplicate", (4, 5))}
    assert result.redundant == {2, 3, 5}
    near = next(g for g in result.groups if g.kind == "near-duplicate")
    assert 0.8 <= near.score < 1.0


@pytest.mark.parametrize("length", [8, 20, 40, 60])
def test_short_texts_with_one_word_changed_or_a_line_appended(length: int) -> None:
    base = text_of(length, length)
    copies = [
        change_word(base, 0),
        change_word(base, length // 2),
        change_word(base, length - 1, "yacht"),
        base + "\nClick here to subscribe to our free daily newsletter.",
        "Subscribe to our newsletter today.\n" + base,
    ]
    others = [text_of(100 + i, length) for i in range(5)]
    docs = [doc(t, f"d{i}") for i, t in enumerate([base, *copies, *others])]
    result = dedup(docs, workers=1)
    assert groups_of(result) == {("near-duplicate", (0, 1, 2, 3, 4, 5))}


def test_two_word_changes_in_a_short_text_are_not_a_near_duplicate() -> None:
    base = text_of(7, 12)
    words = base.split()
    words[2], words[8] = "zeppelin", "yacht"
    result = dedup([doc(base, "a"), doc(" ".join(words), "b")], workers=1)
    assert result.groups == []


def test_a_boilerplate_line_found_around_many_texts_links_nothing() -> None:
    line = "Sign up for breaking news alerts sent straight to your inbox."
    texts = [line] + [f"{text_of(i, 10)}\n{line}" for i in range(60)]
    result = dedup([doc(t, f"d{i}") for i, t in enumerate(texts)], workers=1)
    assert result.groups == []


def test_groups_do_not_depend_on_input_order() -> None:
    base = [text_of(i, 30 + 7 * (i % 5)) for i in range(40)]
    texts = base + [change_word(t, 3) for t in base[:10]] + base[5:15]
    docs = [doc(t, f"d{i}") for i, t in enumerate(texts)]
    shuffled = list(range(len(docs)))
    random.Random(5).shuffle(shuffled)
    first = dedup(docs, workers=1)
    second = dedup([docs[i] for i in shuffled], workers=1)

    def as_refs(result: DedupResult, order: list[int]) -> set[tuple[str, frozenset[str]]]:
        return {(g.kind, frozenset(docs[order[m]].ref for m in g.members)) for g in result.groups}

    assert as_refs(first, list(range(len(docs)))) == as_refs(second, shuffled)
    assert sorted(g.score for g in first.groups) == sorted(g.score for g in second.groups)


def test_a_process_pool_gives_the_same_groups() -> None:
    texts = [text_of(i % 50, 40) for i in range(120)] + [text_of(i, 80) for i in range(300, 330)]
    docs = [doc(t, f"d{i}") for i, t in enumerate(texts)]
    assert dedup(docs, workers=2).groups == dedup(docs, workers=1).groups


def test_empty_texts_are_counted_but_never_grouped() -> None:
    result = dedup([doc("***", "a"), doc("---", "b"), doc("word", "c")], workers=1)
    assert result.count == 3
    assert result.groups == []


def test_html_is_compared_by_its_body_text() -> None:
    body = text_of(9, 120)
    page = (
        "<html><head><title>T</title></head><body><nav>Home | World | Sport</nav>"
        f"<article><p>{body}</p></article><footer>Contact us</footer></body></html>"
    )
    item = next(read_bytes(page.encode(), "page.html", fmt="html"))
    assert isinstance(item, Document)
    result = dedup([item, doc(body, "plain.txt")], workers=1)
    assert groups_of(result) == {("duplicate", (0, 1))}


def test_lsh_shape_keeps_pairs_at_the_threshold() -> None:
    bands, rows = lsh_shape(128, 0.8)
    assert bands * rows <= 128
    assert 1 - (1 - 0.8**rows) ** bands >= 0.995
    assert 1 - (1 - 0.8 ** (rows + 1)) ** (128 // (rows + 1)) < 0.995


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(UsageError):
        dedup([], threshold=0.0)


ASCII_TEXT = st.text(
    alphabet=st.sampled_from([*"abcXYZ019_ '.-,;\n\t", "’", "é", "ß"]), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(st.lists(ASCII_TEXT, min_size=1, max_size=6))
def test_word_hashes_follow_word_tokens(texts: list[str]) -> None:
    tokens, lengths = token_hashes(texts)
    assert lengths.tolist() == [len(word_tokens(t)) for t in texts]
    # Equal words hash equally whichever path (numpy for ASCII, word_tokens else) split them.
    words = [w for t in texts for w in word_tokens(t)]
    alone, _ = token_hashes([f"{w} é" for w in words])
    assert tokens.tolist() == alone[0::2].tolist()
    assert len(set(tokens.tolist())) == len(set(words))


def test_estimate_bounds_are_far_from_the_threshold() -> None:
    accept, reject = decisive_counts(128, 0.8)
    assert 0.8 * 128 < accept <= 128 and 0 <= reject < 0.8 * 128
    assert decisive_counts(8, 0.8)[0] > 8  # too few permutations: the estimate never decides


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 80), st.integers(0, 4), st.booleans())
def test_aligned_jaccard_never_exceeds_the_exact_one(
    seed: int, length: int, edits: int, appended: bool
) -> None:
    rng = random.Random(seed)
    base = [rng.choice(WORDS[:8]) for _ in range(length)]  # few words: repeated shingles
    copy = list(base)
    for _ in range(edits):
        copy[rng.randrange(length)] = rng.choice(WORDS)
    if appended:
        copy += "click here to subscribe".split()
    features = featurize([("text", " ".join(base)), ("text", " ".join(copy))])
    bound = _aligned_block(features, np.array([[0, 1]]), 5)[0][0]

    def grams(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    exact = len(grams(base) & grams(copy)) / len(grams(base) | grams(copy))
    assert bound <= exact + 1e-9
    if edits == 0 and len(set(grams(base))) == length - 4:
        assert bound == pytest.approx(exact)


def test_many_copies_each_with_its_own_edit_make_one_group() -> None:
    base = text_of(11, 150)
    texts = [base] + [change_word(base, 3 * i + 1, f"word{i}") for i in range(40)]
    texts += [text_of(500 + i, 150) for i in range(20)]
    result = dedup([doc(t, f"d{i}") for i, t in enumerate(texts)], workers=1)
    assert groups_of(result) == {("near-duplicate", tuple(range(41)))}


def test_dedup_inputs_reads_paths_like_dedup_reads_documents(tmp_path: Path) -> None:
    base = text_of(21, 90)
    records = [base, text_of(22, 90), change_word(base, 40), base + "\nShare this article."]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in records) + "{bad\n", "utf-8")
    errors: list[InputError] = []
    result = dedup_inputs([str(feed)], workers=2, on_error=errors.append)
    docs = [doc(t, f"d{i}") for i, t in enumerate(records)]
    assert result.groups == dedup(docs, workers=1).groups
    assert result.refs == tuple(f"{feed}#{i}" for i in range(1, 5))
    assert [e.line for e in errors] == [5]


def test_copies_of_a_text_of_one_repeated_word_make_one_group() -> None:
    base = "echo echo echo echo."
    rng = random.Random(4)
    copies = [change_word(base, rng.randrange(4), f"w{i}") for i in range(60)]
    result = dedup([doc(t, f"d{i}") for i, t in enumerate([*copies, base])], workers=1)
    assert len(result.groups) == 1 and 60 in result.groups[0].members
    assert all(i in result.groups[0].members for i in range(60) if copies[i] != base)


def test_progress_counts_the_documents_read_then_the_grouping() -> None:
    texts = [text_of(i, 40) for i in range(2 * BATCH_SIZE + 10)]
    seen: list[tuple[str, int, int | None]] = []
    result = dedup(
        [doc(t, f"d{i}") for i, t in enumerate(texts)],
        workers=1,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    reading = [done for stage, done, _ in seen if stage == "reading"]
    assert reading == [BATCH_SIZE, 2 * BATCH_SIZE, 2 * BATCH_SIZE + 10] == sorted(reading)
    assert seen[-2:] == [("grouping", 0, 1), ("grouping", 1, 1)]
    assert result.count == len(texts)
