"""Results of the cross-document work kept in the store between runs, under keys that change
with what they depend on: a run that adds articles computes only what the new articles bring,
and a change of storyweave's code (:func:`code_digest`) computes everything again.

The kept results are the verdicts on candidate pairs (:class:`StoredVerdicts`), the sibling
judgements (:class:`StoredSiblings`), each article's word-choice evidence, the word swaps along
relations, each article's mangled-name signs and its clustering features; the new ones are
computed by the run's mapper (a process pool or Spark).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from .cluster import (
    FeatureTable,
    article_features,
    features_to_memo,
)
from .ids import content_id
from .lexicon import cached_file
from .parallel import Mapper, StepProgressFn, map_in_waves
from .records import Article, Relation
from .reuse import (
    NameSigns,
    SiblingQuestion,
    Siblings,
    Swap,
    WordSwaps,
    default_lexicon,
    name_signs,
    related_ids,
    swap_readings,
    word_choice_evidence,
    word_choice_model,
    word_swaps,
)
from .store import Store

WAVES = 10  # slices of the articles mapped at once, for progress bars
KEEP_SLICE = 5_000  # new results written to the store at once

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


@dataclass(frozen=True)
class StoredVerdicts:
    """The verdicts on candidate pairs kept in the store, under the pair and a digest of
    storyweave's code (:func:`code_digest`): a run that adds articles verifies only the pairs
    they bring, and a change of the code verifies everything again."""

    store: Store

    def known(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Relation | None]:
        keys = {self._key(pair): pair for pair in pairs}
        return {keys[key]: verdict for key, verdict in self.store.verdicts(keys).items()}

    def keep(self, verdicts: Mapping[tuple[str, str], Relation | None]) -> None:
        self.store.add_verdicts({self._key(pair): v for pair, v in verdicts.items()})

    @staticmethod
    def _key(pair: tuple[str, str]) -> str:
        return content_id("verdict", code_digest(), *pair)


@dataclass(frozen=True)
class StoredSiblings:
    """Sibling judgements kept in the store, one per relation under its two ids, their common
    origins and :func:`code_digest`: a run aligns only the relations whose common origins are
    new."""

    store: Store

    def known(self, questions: Sequence[SiblingQuestion]) -> dict[SiblingQuestion, Siblings | None]:
        keys = {self._key(q): q for q in questions}
        return {
            keys[key]: None if value is None else Siblings(**value)
            for key, value in self.store.memo(keys).items()
        }

    def keep(self, judged: Mapping[SiblingQuestion, Siblings | None]) -> None:
        self.store.add_memo(
            {self._key(q): None if s is None else asdict(s) for q, s in judged.items()}
        )

    @staticmethod
    def _key(question: SiblingQuestion) -> str:
        x, y, origins = question
        # one part for the origins (ids hold no line break): a relation of a widely copied text
        # has hundreds, and a part each made hashing them a fifth of a +1% run's relating
        return content_id("siblings", code_digest(), x, y, "\n".join(origins))


@cache
def code_digest() -> str:
    """A digest of storyweave's own source files: results kept under it are recomputed after
    any change of the code. Kept in the cache folder under each file's path, size and time
    of change (see ``storyweave.lexicon.cached_file``): a run reads one small file instead
    of the 150 sources."""
    paths = sorted(Path(__file__).parent.rglob("*.py"))
    stamps = "\n".join(_file_stamp(path) for path in paths)
    saved = cached_file(Path(__file__), CODE_DIGEST, partial(_write_digest, paths), key=stamps)
    if saved is not None:
        digest = saved.read_text(encoding="ascii")
        if len(digest) == len(content_id()):
            return digest
    return _digest_of(paths)


CODE_DIGEST = "code1"  # the cache file kind of code_digest


def _file_stamp(path: Path) -> str:
    stat = path.stat()
    return f"{path}|{stat.st_size}|{stat.st_mtime_ns}"


def _digest_of(paths: Sequence[Path]) -> str:
    return content_id(*(path.read_text(encoding="utf-8") for path in paths))


def _write_digest(paths: Sequence[Path], out: BinaryIO) -> None:
    out.write(_digest_of(paths).encode("ascii"))


def word_choices(
    store: Store, articles: Sequence[Article], progress: StepProgressFn, mapper: Mapper
) -> dict[str, list[str]]:
    """Each article's word-choice spin evidence, kept in the store: computed once per article
    (and spin model), not on every run over everything stored; the new ones by ``mapper``.
    ``progress(done, total)`` counts the articles new to it."""
    by_id = {a.id: a for a in articles}
    model = word_choice_model(default_lexicon())
    keys = {a.id: content_id("word choice", model, a.id) for a in articles}

    def compute(ids: list[str]) -> list[list[str]]:
        missing = [by_id[i] for i in ids]
        return map_in_waves(mapper, article_word_choices, missing, progress, WAVES)

    return _kept_or_computed(store, keys, compute, _same, _same)


def clustering_features(store: Store, articles: Sequence[Article], mapper: Mapper) -> FeatureTable:
    """Each article's clustering features (``cluster.article_features``; the topic level reads
    their terms too), kept in the store under the article and the code's digest; the new ones
    computed by ``mapper``. Read, computed and kept ``KEEP_SLICE`` articles at a time into a
    :class:`FeatureTable`: the features of every article at once, as Counters, were the
    largest part of the process after Reuters-21578 (316 MiB)."""
    table = FeatureTable()
    for first in range(0, len(articles), KEEP_SLICE):
        part = articles[first : first + KEEP_SLICE]
        keys = {a.id: content_id("clustering features", code_digest(), a.id) for a in part}
        kept = store.memo(keys.values())
        missing = [a for a in part if keys[a.id] not in kept]
        fresh = {}
        if missing:
            computed = mapper(article_features, missing)
            fresh = dict(zip((a.id for a in missing), computed, strict=True))
            store.add_memo({keys[i]: features_to_memo(f) for i, f in fresh.items()})
        for article in part:
            known = fresh.get(article.id)
            if known is None:
                table.add_memo(article.id, kept[keys[article.id]])
            else:
                table.add(article.id, known)
        del kept, fresh
    return table


def word_swaps_along(
    store: Store, articles: Sequence[Article], relations: Sequence[Relation], mapper: Mapper
) -> dict[tuple[str, str], WordSwaps]:
    """The word swaps labelling reads along the relations (``reuse.swap_readings``), kept in
    the store under the pair and the code's digest; the new ones computed by ``mapper``."""
    by_id = {a.id: a for a in articles}
    pairs = [p for p in swap_readings(relations) if p[0] in by_id and p[1] in by_id]
    keys = {pair: content_id("word swaps", code_digest(), *pair) for pair in pairs}

    def compute(missing: list[tuple[str, str]]) -> list[WordSwaps]:
        return mapper(
            _text_swaps, [(by_id[first].text, by_id[second].text) for first, second in missing]
        )

    return _kept_or_computed(store, keys, compute, _swaps_to_memo, _swaps_from_memo)


def name_signs_of(
    store: Store, articles: Sequence[Article], relations: Sequence[Relation], mapper: Mapper
) -> dict[str, NameSigns]:
    """Each article's mangled-name signs among the articles related to it, kept in the store
    under the article, those related ids, the spin model and the code's digest; the new ones
    computed by ``mapper``."""
    by_id = {a.id: a for a in articles}
    related = related_ids(articles, relations)
    model = word_choice_model(default_lexicon())
    keys = {
        a.id: content_id("name signs", code_digest(), model, a.id, *related.get(a.id, []))
        for a in articles
    }

    def compute(ids: list[str]) -> list[NameSigns]:
        work = [(by_id[i], [by_id[r] for r in related.get(i, [])]) for i in ids]
        return mapper(_article_name_signs, work)

    return _kept_or_computed(store, keys, compute, list, _name_signs_from_memo)


def _kept_or_computed(
    store: Store,
    keys: Mapping[K, str],
    compute: Callable[[list[K]], Sequence[V]],
    to_memo: Callable[[V], Any],
    from_memo: Callable[[Any], V],
) -> dict[K, V]:
    """The value of each item of ``keys``: read from the store under its key, else computed
    (all missing ones by one ``compute`` call, in order) and kept there."""
    kept = store.memo(keys.values())
    found = {item: from_memo(kept[key]) for item, key in keys.items() if key in kept}
    del kept
    missing = [item for item in keys if item not in found]
    fresh = dict(zip(missing, compute(missing), strict=True))
    # In slices: the values' JSON for every article at once would be a peak of its own.
    for first in range(0, len(missing), KEEP_SLICE):
        slice_ = missing[first : first + KEEP_SLICE]
        store.add_memo({keys[item]: to_memo(fresh[item]) for item in slice_})
    return found | fresh


def _same(value: T) -> T:
    return value


def _name_signs_from_memo(value: list[Any]) -> NameSigns:
    signs, one_word = value
    return list(signs), bool(one_word)


def _article_name_signs(work: tuple[Article, list[Article]]) -> NameSigns:
    """One article's name signs (pure; runs where the mapper sends it)."""
    article, related = work
    return name_signs(article, related, default_lexicon())


def _text_swaps(texts: tuple[str, str]) -> WordSwaps:
    """The word swaps from one text to the other (pure; runs where the mapper sends it)."""
    return word_swaps(*texts)


def _swaps_to_memo(swaps: WordSwaps) -> list[Any]:
    found, aligned = swaps
    return [[[s.sentence, s.first, s.second] for s in found], aligned]


def _swaps_from_memo(value: list[Any]) -> WordSwaps:
    found, aligned = value
    return [Swap(int(n), str(first), str(second)) for n, first, second in found], int(aligned)


def article_word_choices(article: Article) -> list[str]:
    """The word-choice spin evidence of one article (pure; runs where the mapper sends it)."""
    return word_choice_evidence(article, default_lexicon())
