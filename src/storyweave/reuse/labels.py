"""Article labels from relations and removed boilerplate: original, syndicated, scraped, spun."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from storyweave.lexicon import is_function_word
from storyweave.records import Article, Label, LabelName, Relation, RelationKind
from storyweave.reuse.align import aligned_sentences
from storyweave.reuse.credits import (
    credit_signs,
    names_outlet_of,
    scraper_signs,
    short,
    staff_credits,
)
from storyweave.reuse.siblings import is_sibling_relation
from storyweave.reuse.spin import (
    MANGLED_NAME,
    Lexicon,
    default_lexicon,
    mangled_names,
    name_index,
    word_choice,
)
from storyweave.text import word_tokens

WEAK_SIGN = "weak sign, not a verdict: "

SYNDICATION_MIN_SCORE = 0.8  # a syndicated copy keeps (nearly) all of the text
SPIN_MIN_SENTENCES = 3
SPIN_MIN_RATE = 0.25  # share of aligned sentences that carry word swaps
SPIN_KINDS = (RelationKind.NEAR_DUPLICATE, RelationKind.REUSE, RelationKind.REWRITE)
VERBATIM_KINDS = (RelationKind.DUPLICATE, RelationKind.NEAR_DUPLICATE)


@dataclass(frozen=True)
class Swap:
    """One single-word substitution between aligned sentences of two texts."""

    sentence: int  # index of the sentence in the first text
    first: str
    second: str


WordSwaps = tuple[list[Swap], int]
"""The single-word swaps from one text to another and the number of sentences aligned."""


def label_articles(
    articles: Sequence[Article],
    relations: Sequence[Relation],
    lexicon: Lexicon | None = None,
    *,
    word_choices: Mapping[str, Sequence[str]] | None = None,
    swaps: Mapping[tuple[str, str], WordSwaps] | None = None,
    names: Mapping[str, NameSigns] | None = None,
) -> list[Article]:
    """Return ``articles`` (same order) with ``labels`` filled, each label with its evidence.

    ``spun`` and ``syndicated`` are read along origin → copy edges (directed relations) and are
    given to the copy; a relation between two copies of a common origin (see
    ``reuse.siblings``) gives no label. Without any origin in the set, ``spun`` needs, in the
    article, a one-word name with a part swapped for a synonym ("Kirby" written "Kirthrough"
    too: no writer coins that), or two kinds of sign of :mod:`storyweave.reuse.spin`: a
    mangled multi-word name (within the article or against the articles it is related to) and
    improbable word choices, read with ``lexicon`` (default:
    :func:`~storyweave.reuse.spin.default_lexicon`). One kind alone is
    ``unusual-wording``, a weak sign said as such: tabloid puns, jargon and titles ("Lord"
    / "Baron") show it too. ``word_choices`` maps article ids to their
    :func:`word_choice_evidence` already computed (e.g. stored by an earlier run); the others
    are computed here. ``swaps`` likewise maps (from, to) article ids to their
    :func:`word_swaps` (the pairs :func:`swap_readings` names), and ``names`` article ids to
    their :func:`name_signs` among the articles related to them (:func:`related_ids`).
    """
    by_id = {a.id: a for a in articles}
    lexicon = default_lexicon() if lexicon is None else lexicon
    read = _SwapReader(by_id, swaps or {})
    spun = _spun_articles(relations, read, _commonness(articles, lexicon))
    neighbours = related_ids(articles, relations)
    unusual: dict[str, list[str]] = {}
    for article in articles:
        known = None if word_choices is None else word_choices.get(article.id)
        given = None if names is None else names.get(article.id)
        if given is None:
            related = [by_id[n] for n in neighbours.get(article.id, ())]
            given = name_signs(article, related, lexicon)
        mangled, one_word = given
        choice = word_choice_evidence(article, lexicon) if known is None else list(known)
        if mangled and (one_word or choice or article.id in spun):
            spun.setdefault(article.id, []).extend([*mangled, *choice])
        elif article.id in spun:
            spun[article.id].extend(choice)
        elif choice or mangled:
            # One kind of sign in one text: ordinary writing shows it too (puns, jargon, an
            # unusual name), so it is said, not made an accusation.
            signs = [*mangled, *choice]
            unusual[article.id] = [WEAK_SIGN + signs[0], *signs[1:]]
    touching = _relations_of(relations)
    signs_of = _credit_signs_by_id()
    labelled: list[Article] = []
    for article in articles:
        own = touching.get(article.id, [])
        labels: dict[str, list[str]] = {}
        scraped = scraper_signs(article)
        if scraped:
            labels[LabelName.SCRAPED] = scraped
        if article.id in spun:
            labels[LabelName.SPUN] = spun[article.id]
        elif article.id in unusual:
            labels[LabelName.UNUSUAL_WORDING] = unusual[article.id]
        syndicated = _syndication_evidence(article, own, by_id, signs_of)
        if syndicated:
            labels[LabelName.SYNDICATED] = syndicated
        if not labels.keys() - {LabelName.UNUSUAL_WORDING}:
            original = _original_evidence(article, own)
            if original:
                labels[LabelName.ORIGINAL] = original
        new = tuple(Label(name, tuple(labels[name])) for name in sorted(labels))
        labelled.append(replace(article, labels=new))
    return labelled


NameSigns = tuple[list[str], bool]
"""An article's mangled names as evidence lines, and whether one is a one-word name."""


def name_signs(article: Article, related: Sequence[Article], lexicon: Lexicon) -> NameSigns:
    """Names in ``article`` that are another name of it (or of ``related``) with a word swapped
    for a synonym (see :func:`~storyweave.reuse.spin.mangled_names`), as evidence lines, and
    whether one of them is a one-word name (pure; runs where a mapper sends it)."""
    texts = {a.id: a.text for a in related}
    texts[article.id] = article.text
    index = name_index(texts) if related else None
    signs = mangled_names(article.text, lexicon, index, article.id)
    return [sign.describe() for sign in signs], any(sign.kind == MANGLED_NAME for sign in signs)


def related_ids(articles: Sequence[Article], relations: Sequence[Relation]) -> dict[str, list[str]]:
    """The ids of the articles of ``articles`` each is related to, sorted: whose names
    :func:`name_signs` compares it with."""
    known = {a.id for a in articles}
    return {
        article: [other for other in others if other in known]
        for article, others in _neighbours(relations).items()
    }


def word_choice_evidence(article: Article, lexicon: Lexicon) -> list[str]:
    """The evidence of improbable word choices in ``article``'s own text (see
    :func:`~storyweave.reuse.spin.word_choice`); empty when its score does not pass. A function
    of the text and the lexicon alone, so it can be computed once per article and kept."""
    choice = word_choice(article.text, lexicon)
    if not choice.is_spun:
        return []
    context = ", words that fit their context worse" if lexicon.vectors is not None else ""
    return [
        f"word choice: length-normalised log-likelihood ratio {choice.score:.1f} >= "
        f"{choice.min_score:.1f} over "
        f"{choice.scored_words} words (rare thesaurus synonyms of common words, word pairs "
        f"that are no common English pairs where a synonym's pair is{context})",
        *(sign.describe() for sign in choice.signs),
    ]


def _relations_of(relations: Sequence[Relation]) -> dict[str, list[Relation]]:
    """The relations each article is a side of, in input order: read per article, not by a pass
    over all relations for each article."""
    found: dict[str, list[Relation]] = {}
    for relation in relations:
        found.setdefault(relation.a, []).append(relation)
        if relation.b != relation.a:
            found.setdefault(relation.b, []).append(relation)
    return found


def _neighbours(relations: Sequence[Relation]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for relation in relations:
        found.setdefault(relation.a, set()).add(relation.b)
        found.setdefault(relation.b, set()).add(relation.a)
    return {k: sorted(v) for k, v in found.items()}


def _original_evidence(article: Article, relations: Sequence[Relation]) -> list[str]:
    evidence: list[str] = []
    for relation in relations:
        direction = relation.direction
        if direction is None:
            continue
        if direction.copy == article.id:
            return []
        if direction.origin == article.id:
            why = "; ".join(direction.evidence)
            evidence.append(f"origin of {direction.copy} ({relation.kind}): {why}")
    if evidence:
        evidence += [f'carries its own staff credit "{short(c)}"' for c in staff_credits(article)]
    return evidence


def _credit_signs_by_id() -> Callable[[Article], list[str]]:
    """``credit_signs``, computed once per article id (an origin of many copies is asked for
    each of them)."""
    known: dict[str, list[str]] = {}

    def signs_of(article: Article) -> list[str]:
        found = known.get(article.id)
        if found is None:
            found = known[article.id] = credit_signs(article)
        return found

    return signs_of


def _syndication_evidence(
    article: Article,
    relations: Sequence[Relation],
    by_id: dict[str, Article],
    signs_of: Callable[[Article], list[str]] = credit_signs,
) -> list[str]:
    copies_of = [
        r
        for r in relations
        if r.direction is not None
        and r.direction.copy == article.id
        and (r.kind in VERBATIM_KINDS or r.score >= SYNDICATION_MIN_SCORE)
    ]
    if not copies_of:
        return []
    origins = [
        by_id[r.direction.origin]
        for r in copies_of
        if r.direction is not None and r.direction.origin in by_id
    ]
    # A credit its origin carries too names where both took the news from, not the copying.
    shared = set.intersection(*(set(signs_of(o)) for o in origins)) if origins else set()
    credits = [c for c in signs_of(article) if c not in shared]
    for origin in origins:
        named = names_outlet_of(article, origin)
        if named is not None:
            credits.append(named)
    if not credits:
        return []
    evidence = [
        f"copy of {r.direction.origin} ({r.kind}, score {r.score:.2f})"
        for r in copies_of
        if r.direction is not None
    ]
    return evidence + list(dict.fromkeys(credits))


@dataclass(frozen=True)
class _SpinEdge:
    """Word swaps seen along one relation, from the origin's text to the copy's."""

    origin: str
    copy: str
    swaps: list[Swap]
    aligned: int
    why: str

    @property
    def swapped_sentences(self) -> int:
        return len({s.sentence for s in self.swaps})

    @property
    def is_spin(self) -> bool:
        swapped = self.swapped_sentences
        return swapped >= SPIN_MIN_SENTENCES and swapped >= SPIN_MIN_RATE * self.aligned


@dataclass(frozen=True)
class _Commonness:
    """How common a word is, and where that was read (for the evidence)."""

    of: Callable[[str], float]
    where: str


def _commonness(articles: Sequence[Article], lexicon: Lexicon) -> _Commonness:
    """English word frequencies when the lexicon has them, else document frequency."""
    zipf = lexicon.zipf
    if zipf is not None:
        return _Commonness(zipf, "in English (word frequencies)")
    doc_freq = _document_frequency(articles)
    return _Commonness(lambda w: float(doc_freq[w]), "across the input")


def _spun_articles(
    relations: Sequence[Relation], read: _SwapReader, commonness: _Commonness
) -> dict[str, list[str]]:
    edges = [
        e for e in (_spin_edge(r, read, commonness) for r in relations if r.kind in SPIN_KINDS) if e
    ]
    spun: dict[str, list[str]] = {}
    for edge in edges:
        if not edge.is_spin:
            continue
        spun.setdefault(edge.copy, []).append(
            f"{len(edge.swaps)} single-word swaps in {edge.swapped_sentences} of {edge.aligned} "
            f"sentences aligned with {edge.origin} ({edge.why})"
        )
        spun[edge.copy].extend(_describe_swap(s) for s in edge.swaps[:4])
    # A (near-)verbatim copy of an unspun origin, without swaps of its own along that edge, is
    # not spun, whatever other relations suggest.
    swapped = {(e.origin, e.copy) for e in edges if e.is_spin}
    for relation in relations:
        direction = relation.direction
        if (
            direction is not None
            and relation.kind in VERBATIM_KINDS
            and direction.copy in spun
            and direction.origin not in spun
            and (direction.origin, direction.copy) not in swapped
        ):
            del spun[direction.copy]
    return spun


def _spin_edge(relation: Relation, read: _SwapReader, commonness: _Commonness) -> _SpinEdge | None:
    """The swaps from origin to copy along ``relation``, or None when it has no usable side."""
    a, b = read.by_id.get(relation.a), read.by_id.get(relation.b)
    if a is None or b is None or is_sibling_relation(relation):
        return None
    direction = relation.direction
    if direction is not None:
        origin, copy = (a, b) if direction.origin == a.id else (b, a)
        swaps, aligned = read(origin.id, copy.id)
        why = "it is the copy: " + "; ".join(direction.evidence)
        return _SpinEdge(origin.id, copy.id, swaps, aligned, why)
    # No direction: spinners replace words with rarer synonyms, so the side whose swapped-in
    # words are rarer (in English; without word frequencies, across the articles at hand) is
    # taken as the spun one.
    swaps, aligned = read(a.id, b.id)
    first = sum(commonness.of(s.first) for s in swaps)
    second = sum(commonness.of(s.second) for s in swaps)
    why = f"its swapped words are the rarer ones {commonness.where}"
    if first == second:
        return None
    if first > second:
        return _SpinEdge(a.id, b.id, swaps, aligned, why)
    swaps, aligned = read(b.id, a.id)
    return _SpinEdge(b.id, a.id, swaps, aligned, why)


def _describe_swap(swap: Swap) -> str:
    return f"{swap.first}→{swap.second} in sentence {swap.sentence + 1}"


def _document_frequency(articles: Sequence[Article]) -> Counter[str]:
    freq: Counter[str] = Counter()
    for article in articles:
        freq.update(set(word_tokens(article.text)))
    return freq


def swap_readings(relations: Sequence[Relation]) -> list[tuple[str, str]]:
    """The (from, to) article ids whose :func:`word_swaps` labelling reads: origin to copy of a
    directed relation of a spin kind, both ways for an undirected one (siblings left out)."""
    pairs: list[tuple[str, str]] = []
    for relation in relations:
        if relation.kind not in SPIN_KINDS or is_sibling_relation(relation):
            continue
        direction = relation.direction
        if direction is not None:
            pairs.append((direction.origin, direction.copy))
        else:
            pairs.extend([(relation.a, relation.b), (relation.b, relation.a)])
    return pairs


@dataclass(frozen=True)
class _SwapReader:
    """:func:`word_swaps` of two articles by id, from ``known`` when it holds them."""

    by_id: Mapping[str, Article]
    known: Mapping[tuple[str, str], WordSwaps]

    def __call__(self, first: str, second: str) -> WordSwaps:
        found = self.known.get((first, second))
        if found is not None:
            return found
        return word_swaps(self.by_id[first].text, self.by_id[second].text)


def word_swaps(a_text: str, b_text: str) -> WordSwaps:
    """Single-word content-word swaps between aligned sentences, and the number aligned.

    Each sentence of ``a_text`` is aligned with the sentence of ``b_text`` sharing most words
    (at least half of their word sets). A sentence counts as swapped when most of its edits are
    one-for-one replacements of content words (not function words, not numbers). ``Swap.first``
    is the word in ``a_text``, ``Swap.second`` the word that replaces it in ``b_text``.
    """
    pairs = aligned_sentences(a_text, b_text)
    swaps: list[Swap] = []
    for pair in pairs:
        swaps.extend(_sentence_swaps(pair.first_index, list(pair.first), list(pair.second)))
    return swaps, len(pairs)


def _sentence_swaps(index: int, a_words: list[str], b_words: list[str]) -> list[Swap]:
    a_figures, b_figures = _figures(a_words), _figures(b_words)
    if a_figures - b_figures and b_figures - a_figures:
        # other figures on both sides: the next report on one template ("rose to 3.4" / "fell
        # to 2.8"); a copy that drops a figure (a dateline's day) keeps the others
        return []
    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    swaps: list[Swap] = []
    other_edits = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if (
            tag == "replace"
            and i2 - i1 == 1
            and j2 - j1 == 1
            and _content(a_words[i1], b_words[j1])
        ):
            swaps.append(Swap(index, a_words[i1], b_words[j1]))
        else:
            other_edits += 1
    if not swaps or other_edits > len(swaps):
        return []
    return swaps


def _figures(words: list[str]) -> Counter[str]:
    return Counter(w for w in words if any(ch.isdigit() for ch in w))


def _content(first: str, second: str) -> bool:
    """Whether replacing ``first`` by ``second`` looks like a synonym swap.

    Function words, numbers and spelling or inflection variants ("judgement"/"judgment",
    "add"/"adds", "fiance"/"fiancé") are ordinary editing, not spinning.
    """
    return not (
        is_function_word(first)
        or is_function_word(second)
        or any(ch.isdigit() for ch in first + second)
        or _spelling_variants(first, second)
    )


_VARIANT_SIMILARITY = 0.6
_STEM = 4


def _spelling_variants(first: str, second: str) -> bool:
    if Levenshtein.normalized_similarity(_fold(first), _fold(second)) >= _VARIANT_SIMILARITY:
        return True
    if first[:_STEM] == second[:_STEM]:  # inflections of one stem: "allies"/"allied"
        return True
    # a short stem: "deny"/"denied", "say"/"said"
    shorter = min(len(first), len(second))
    shared = next(
        (i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y), shorter
    )
    return shorter >= 3 and shared >= shorter - 1


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isalnum())
