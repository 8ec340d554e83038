"""The records that flow between stages (see docs/architecture.md, "The records"). Data only.

Every record is a frozen dataclass. Ids are content hashes (hex), so re-inserting a record is
harmless. Character offsets always index the clean body text of the article they belong to
(``Article.text``), as Python ``str`` indices, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# --- vocabulary ---------------------------------------------------------------------------------
# The words records carry in their ``kind``, ``status`` and ``label`` fields. Members are ``str``,
# so JSON, the store and the reports see the plain values.


class RelationKind(StrEnum):
    """How two articles' texts relate (``Relation.kind``)."""

    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near-duplicate"
    REUSE = "reuse"
    REWRITE = "rewrite"


class LabelName(StrEnum):
    """An article's label (``Label.label``)."""

    ORIGINAL = "original"
    SYNDICATED = "syndicated"
    SCRAPED = "scraped"
    SPUN = "spun"
    UNUSUAL_WORDING = "unusual-wording"  # a weak sign of spinning, shown as such: no accusation


class FactKind(StrEnum):
    """What a claim states and a finding compares (``Claim.kind``, ``Finding.kind``)."""

    QUOTE = "quote"
    QUANTITY = "quantity"
    DATE = "date"
    NAME = "name"
    CLAIM = "claim"  # findings only: a headline's claim and each source's stance toward it


class FindingStatus(StrEnum):
    """What comparing a finding's variants showed (``Finding.status``)."""

    DISPUTED = "disputed"
    GARBLED = "garbled"
    DRIFTED = "drifted"
    CORROBORATED = "corroborated"
    SINGLE_SOURCE = "single-source"


# The order findings are listed in: conflicts first, single sources last.
FINDING_ORDER: tuple[FindingStatus, ...] = (
    FindingStatus.DISPUTED,
    FindingStatus.GARBLED,
    FindingStatus.DRIFTED,
    FindingStatus.CORROBORATED,
    FindingStatus.SINGLE_SOURCE,
)


def status_rank(status: str) -> int:
    """A finding status's place in :data:`FINDING_ORDER`; unknown statuses go last."""
    return FINDING_ORDER.index(status) if status in FINDING_ORDER else len(FINDING_ORDER)


# --- ingest -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One input article as read, before any cleaning.

    ``id`` is the content hash of ``format``, ``text`` and ``meta``: the same article read twice,
    from anywhere, gets the same id. ``ref`` names the input: the file path, or ``PATH#ID`` for a
    JSONL record (its ``id`` field, else its 1-based line number). ``source`` is the article's URL
    where known, else ``ref``. ``text`` is the decoded text (the markup, for HTML). ``meta`` holds
    metadata the input itself carried (JSONL fields): keys among ``title``, ``url``, ``published``,
    ``outlet``, ``byline``.
    """

    id: str
    ref: str
    source: str
    format: str  # "text" | "html": the kind of content (a JSONL record's text may be either)
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MergedInput:
    """An input whose content (text, format and metadata) is exactly that of an earlier input
    of the same run: read, then merged into that input's article instead of becoming one."""

    ref: str
    same_as: str  # the id of the article it was merged into


# --- clean --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Removed:
    """A block of boilerplate taken out of the body, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Meta:
    """A metadata value and the evidence it was read from (e.g. ``line 3: "By Jane Doe"``)."""

    value: str
    evidence: str


@dataclass(frozen=True)
class Label:
    """A label of an article (``original``, ``syndicated``, ``scraped``, ``spun``, ...)."""

    label: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """The clean article: body text, metadata with evidence, boilerplate removed.

    ``id`` equals the id of the Document it came from. ``published.value`` is ISO 8601 (a date,
    a date-time with offset, or a local date-time without offset: the outlet's own clock).
    ``labels`` is empty after cleaning; the relate stage fills it.
    """

    id: str
    ref: str
    source: str
    text: str
    title: Meta | None = None
    byline: Meta | None = None
    outlet: Meta | None = None
    published: Meta | None = None
    removed: tuple[Removed, ...] = ()
    labels: tuple[Label, ...] = ()


# --- fingerprint / relate -----------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """Fingerprints of one article's body: a MinHash signature over word shingles."""

    article_id: str
    minhash: tuple[int, ...]
    shingle_count: int


@dataclass(frozen=True)
class Passage:
    """A passage shared by the two articles of a relation: offsets in ``a`` and in ``b``."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class Direction:
    """Who derives from whom: ``copy`` derives from ``origin``, for the reasons in ``evidence``."""

    origin: str
    copy: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Relation:
    """Two articles related by their text. ``a < b`` (ids in string order).

    ``kind``: ``duplicate`` (same body), ``near-duplicate``, ``reuse`` (shared passages),
    ``rewrite`` (same content reworded). ``score`` is in [0, 1] (Jaccard for near-duplicates).
    ``direction`` is None when nothing tells who came first.
    """

    a: str
    b: str
    kind: str
    score: float
    passages: tuple[Passage, ...] = ()
    direction: Direction | None = None
    evidence: tuple[str, ...] = ()


# --- cluster ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryLink:
    """Why an article is in its story: its strongest link to another member."""

    article: str
    linked_to: str
    score: float
    shared: tuple[str, ...]  # the shared terms / entities / relation kind behind the score


@dataclass(frozen=True)
class Story:
    """A cluster of articles about one event.

    ``id`` is the content hash of the sorted member ids. ``article_ids`` are ordered by
    publication (unknown last), then id. ``start``/``end`` are ISO dates where known.
    """

    id: str
    article_ids: tuple[str, ...]
    headline: str
    start: str | None = None
    end: str | None = None
    entities: tuple[str, ...] = ()
    links: tuple[StoryLink, ...] = ()


@dataclass(frozen=True)
class Topic:
    """An ongoing subject: stories that share their vocabulary, whatever their dates.

    ``id`` is the content hash of the sorted story ids; ``story_ids`` are ordered by the stories'
    start (unknown last), then id. ``label`` holds the terms that weigh most in the topic's
    centroid; ``entities`` the names shared by most of its stories.
    """

    id: str
    story_ids: tuple[str, ...]
    label: tuple[str, ...]
    entities: tuple[str, ...]
    start: str | None = None
    end: str | None = None


# --- extract ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One fact in one article, with character offsets into ``Article.text``.

    ``kind``: ``quote``, ``quantity``, ``date``, ``name``. ``text`` is the span as written;
    ``value`` the normalised value (quote words; ``"400-800 km"``; an ISO date; a name);
    ``subject`` what the claim is about (the speaker of a quote, the measured thing of a
    quantity, the event of a date, the entity type of a name). ``attrs`` holds kind-specific
    details as strings (e.g. ``unit``, ``low``, ``high``, ``approx``, ``verb``, ``resolved_from``).
    ``id`` is the content hash of all the other fields.
    """

    id: str
    article_id: str
    kind: str
    start: int
    end: int
    text: str
    value: str
    subject: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


# --- stance -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A span of an article's text, with the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Stance:
    """How one article stands toward one claim.

    ``stance``: ``supports``, ``denies``, ``discusses`` (reports it without taking a side) or
    ``unrelated``. ``score`` is the model's probability of that stance; ``probabilities`` holds
    every stance's. ``evidence``: the sentences that show it (those matching the claim best,
    and for a denial those among them or beside them that refute). ``claim_id`` is the content
    hash of the claim's text; ``model`` the content hash of the model that judged.
    """

    claim_id: str
    claim: str
    article_id: str
    stance: str
    score: float
    evidence: tuple[Span, ...] = ()
    probabilities: dict[str, float] = field(default_factory=dict)
    model: str = ""


# --- compare ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One value of a finding, the articles that state it, and the claims behind it."""

    value: str
    sources: tuple[str, ...]
    claims: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """Claims aligned across a story's articles.

    ``kind``: ``quote``, ``quantity``, ``date``, ``name``. ``status``: ``corroborated``,
    ``single-source``, ``disputed``, ``garbled``, ``drifted``. ``evidence`` says in words what was
    compared and how (tolerances, word-level differences, the likely correct form).
    """

    id: str
    story_id: str
    kind: str
    status: str
    subject: str
    variants: tuple[Variant, ...]
    evidence: tuple[str, ...] = ()


# --- brief --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefSentence:
    """A sentence of the brief and the articles that support it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event of the story: ``when`` is ISO 8601."""

    when: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FalseCall:
    """A sentence of an article calling the story's report false (a hoax, a fake, "not
    true"); ``start``/``end`` are its character offsets in the article's clean text."""

    article_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Hoax:
    """The verdict of a brief told as a hoax, with its evidence: the lead sentences of the
    sources calling the report false, and the articles left out of the brief for telling the
    report as fact."""

    called_false: tuple[FalseCall, ...]
    told_as_fact: tuple[str, ...] = ()


@dataclass(frozen=True)
class Brief:
    """The story retold: cited sentences, the disputed points (finding ids), a timeline, and,
    when the sources call the story's report false, the hoax verdict and its evidence."""

    story_id: str
    sentences: tuple[BriefSentence, ...]
    disputed: tuple[str, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    hoax: Hoax | None = None
