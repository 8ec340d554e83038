"""The clustering features of many articles in a few flat arrays (:class:`FeatureTable`).

A run holds the features of every stored article from story clustering to topics. As
:class:`~storyweave.cluster.features.ArticleFeatures` (Counters and frozensets of strings) they
took about 15 KB an article on Reuters stories, 316 MiB of the process after Reuters-21578; here
each distinct word is kept once, in one vocabulary, and an article's words are rows of integer
arrays (a few bytes a word). An article's ``ArticleFeatures`` is made again when asked for, equal
to the one stored (same words, counts and order), and the TF-IDF vectors of many articles are
computed from the arrays without making them (:meth:`FeatureTable.weighted`).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, Literal, overload

import numpy as np

from storyweave.cluster.features import ArticleFeatures, WeightedSets, tfidf_of_entries

Field = Literal["terms", "names", "name_phrases", "numbers"]
FIELDS: tuple[Field, ...] = ("terms", "names", "name_phrases", "numbers")
_COUNTED = frozenset({"terms", "name_phrases"})


class _Column:
    """One field of every article: the word numbers of each (and their counts, for a Counter),
    article by article; ``starts[row]`` is where row ``row``'s begin."""

    def __init__(self) -> None:
        self.words = array("i")
        self.counts = array("i")
        self.starts = array("q", [0])


class FeatureTable(Mapping[str, ArticleFeatures]):
    """Article id -> its :class:`ArticleFeatures`, stored compactly (see the module)."""

    def __init__(self, items: Iterable[tuple[str, ArticleFeatures]] = ()) -> None:
        self._row: dict[str, int] = {}
        self._number: dict[str, int] = {}  # word -> its number in the vocabulary
        self._vocabulary: list[str] = []
        self._columns = {name: _Column() for name in FIELDS}
        self._days = array("i")  # date ordinals, 0 for no day
        self._from_text = array("b")
        for article_id, features in items:
            self.add(article_id, features)

    def add(self, article_id: str, features: ArticleFeatures) -> None:
        """Keep ``features`` as ``article_id``'s (an id already kept keeps its first)."""
        day = features.day.toordinal() if features.day is not None else 0
        fields: dict[str, Any] = {name: getattr(features, name) for name in FIELDS}
        self._keep(article_id, fields, day, features.day_from_text)

    def add_memo(self, article_id: str, memo: Mapping[str, Any]) -> None:
        """Keep the features ``features_to_memo`` made ``memo`` of as ``article_id``'s, read
        from the memo's lists and dicts as they are (no ``ArticleFeatures`` is made: a run that
        reads every stored article's features spent more on making them than on the rest)."""
        day = memo["day"]
        ordinal = date.fromisoformat(day).toordinal() if day is not None else 0
        self._keep(article_id, memo, ordinal, bool(memo["day_from_text"]))

    def _keep(
        self, article_id: str, fields: Mapping[str, Any], ordinal: int, from_text: bool
    ) -> None:
        """Keep each field's words (and counts, of a counted field) of ``fields`` as
        ``article_id``'s row, with its day (a date ordinal, 0 for none)."""
        if article_id in self._row:
            return
        self._row[article_id] = len(self._row)
        for name in FIELDS:
            column = self._columns[name]
            values = fields[name]
            column.words.extend(map(self._word_number, values))
            if name in _COUNTED:
                column.counts.extend(values.values())
            column.starts.append(len(column.words))
        self._days.append(ordinal)
        self._from_text.append(from_text)

    def _word_number(self, word: str) -> int:
        number = self._number.get(word)
        if number is None:
            number = self._number[word] = len(self._vocabulary)
            self._vocabulary.append(word)
        return number

    def __getitem__(self, article_id: str) -> ArticleFeatures:
        return self.at(self._row[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def row(self, article_id: str) -> int:
        """The row of ``article_id``'s features."""
        return self._row[article_id]

    def at(self, row: int) -> ArticleFeatures:
        """The features of row ``row``, equal to those kept there."""
        ordinal = self._days[row]
        return ArticleFeatures(
            terms=self._counter("terms", row),
            names=frozenset(self._words("names", row)),
            name_phrases=self._counter("name_phrases", row),
            numbers=frozenset(self._words("numbers", row)),
            day=date.fromordinal(ordinal) if ordinal else None,
            day_from_text=bool(self._from_text[row]),
        )

    def terms_at(self, row: int) -> Counter[str]:
        """The ``terms`` of row ``row``'s features."""
        return self._counter("terms", row)

    def _words(self, name: Field, row: int) -> list[str]:
        column = self._columns[name]
        start, stop = column.starts[row], column.starts[row + 1]
        return [self._vocabulary[n] for n in column.words[start:stop]]

    def _counter(self, name: Field, row: int) -> Counter[str]:
        column = self._columns[name]
        start, stop = column.starts[row], column.starts[row + 1]
        counts = column.counts[start:stop]
        return Counter(dict(zip(self._words(name, row), counts, strict=True)))

    def rows(self, article_ids: Sequence[str]) -> FeatureRows:
        """The features of ``article_ids`` in that order, as a sequence made on access."""
        return FeatureRows(self, [self._row[i] for i in article_ids])

    @property
    def terms(self) -> TermTable:
        """Article id -> the ``terms`` of its features."""
        return TermTable(self)

    def _entries(self, name: Field, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The positions in field ``name``'s arrays of the words of ``rows``, row by row, and
        how many each row has."""
        starts = np.array(self._columns[name].starts, dtype=np.int64)
        chosen = np.asarray(rows, dtype=np.int64)
        begin, sizes = starts[chosen], starts[chosen + 1] - starts[chosen]
        firsts = np.cumsum(sizes) - sizes
        total = int(sizes.sum())
        return np.repeat(begin - firsts, sizes) + np.arange(total, dtype=np.int64), sizes

    def document_counts(self, name: Field, rows: Sequence[int]) -> Counter[str]:
        """In how many of ``rows`` each word of field ``name`` occurs."""
        entries, _ = self._entries(name, rows)
        numbers = np.array(self._columns[name].words, dtype=np.int64)[entries]
        present, counts = np.unique(numbers, return_counts=True)
        return Counter(
            {self._vocabulary[n]: c for n, c in zip(present.tolist(), counts.tolist(), strict=True)}
        )

    def days(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """The date ordinals of ``rows`` (0: no day) and whether each is from the text."""
        chosen = np.asarray(rows, dtype=np.int64)
        ordinals = np.array(self._days, dtype=np.int64)[chosen]
        return ordinals, np.array(self._from_text, dtype=bool)[chosen]

    def weighted(
        self,
        name: Field,
        rows: Sequence[int],
        *,
        sublinear: bool = True,
        idf_floor: float = 1.0,
        idf_power: float = 1.0,
    ) -> WeightedSets:
        """The vectors ``storyweave.cluster.features.tfidf`` gives for field ``name`` of
        ``rows`` (counts of a Counter field, 1 for a set field, as ``binary_idf`` weighs sets)."""
        column = self._columns[name]
        entries, sizes = self._entries(name, rows)
        total = len(entries)
        numbers = np.array(column.words, dtype=np.int64)[entries]
        if name in _COUNTED:
            counts = np.array(column.counts, dtype=np.float64)[entries]
        else:
            counts = np.ones(total, dtype=np.float64)
        present, met = np.unique(numbers, return_inverse=True)
        words = [self._vocabulary[n] for n in present.tolist()]
        return tfidf_of_entries(
            sizes,
            met.reshape(-1),
            counts,
            words,
            sublinear=sublinear,
            idf_floor=idf_floor,
            idf_power=idf_power,
        )


class FeatureRows(Sequence[ArticleFeatures]):
    """Some rows of a :class:`FeatureTable` as a sequence of ``ArticleFeatures``, each made
    when asked for."""

    def __init__(self, table: FeatureTable, rows: list[int]) -> None:
        self.table = table
        self.rows = rows

    @overload
    def __getitem__(self, index: int) -> ArticleFeatures: ...

    @overload
    def __getitem__(self, index: slice) -> list[ArticleFeatures]: ...

    def __getitem__(self, index: int | slice) -> ArticleFeatures | list[ArticleFeatures]:
        if isinstance(index, slice):
            return [self.table.at(row) for row in self.rows[index]]
        return self.table.at(self.rows[index])

    def __len__(self) -> int:
        return len(self.rows)

    def document_counts(self, name: Field) -> Counter[str]:
        """:meth:`FeatureTable.document_counts` of these rows."""
        return self.table.document_counts(name, self.rows)

    def days(self) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`FeatureTable.days` of these rows."""
        return self.table.days(self.rows)

    def weighted(
        self, name: Field, *, sublinear: bool = True, idf_floor: float = 1.0, idf_power: float = 1.0
    ) -> WeightedSets:
        """:meth:`FeatureTable.weighted` of these rows."""
        return self.table.weighted(
            name, self.rows, sublinear=sublinear, idf_floor=idf_floor, idf_power=idf_power
        )


class TermTable(Mapping[str, Counter[str]]):
    """Article id -> the ``terms`` of its features in a :class:`FeatureTable`."""

    def __init__(self, table: FeatureTable) -> None:
        self.table = table

    def __getitem__(self, article_id: str) -> Counter[str]:
        return self.table.terms_at(self.table.row(article_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.table

    def tfidf(self, article_ids: Sequence[str], *, idf_floor: float = 1.0) -> WeightedSets:
        """``tfidf([self[i] for i in article_ids], idf_floor=idf_floor)``, without making the
        Counters."""
        rows = [self.table.row(i) for i in article_ids]
        return self.table.weighted("terms", rows, idf_floor=idf_floor)
