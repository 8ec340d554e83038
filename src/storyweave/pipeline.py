"""The whole job, composed from the stages: ingest → clean → fingerprint → extract (per document),
relate → cluster (across documents), compare → brief (per story).

Per-document work runs in a process pool when there is enough of it; its results are committed
to the store batch by batch, so an interrupted run keeps every finished batch and nothing half
done. Cross-document results are recomputed over everything stored and replaced atomically.

One job: the run, composed from the stages round by round; kept whole because the three
rounds share the run's intake, store and mapper, and docs/architecture.md walks through the run
by this module's functions.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import BinaryIO, Protocol, TypeVar

import numpy as np

from . import kept
from ._version import __version__ as storyweave_version
from .brief import make_brief
from .clean import clean_document
from .cluster import (
    EMBEDDING_MODEL,
    EMBEDDING_TOKENS,
    ArticleFeatures,
    Weights,
    assign_incremental,
    clustering_settings,
    embed,
    in_time_order,
    region_bound,
    topics,
)
from .compare import compare_story
from .duplicates import fingerprint
from .engines import Budget, OverBudget, local_relate, local_stories, within
from .errors import InputError, UsageError
from .facts import extract_claims
from .graph import edges_within
from .ids import content_id
from .ingest import DEFAULT_MAX_BYTES, count_inputs, read_inputs
from .parallel import (
    Mapper,
    PoolMapper,
    StepProgressFn,
    in_batches,
    release_workers,
    wave_slices,
    worker_count,
)
from .parallel import ProgressFn as ProgressFn  # named here too: the API's progress type
from .records import (
    Article,
    Brief,
    Claim,
    Document,
    Finding,
    Label,
    MergedInput,
    Relation,
    Signature,
    Story,
    Topic,
)
from .report import Report, build_report
from .reuse import label_articles
from .store import Derived, Store

BATCH_SIZE = 256
MIN_STORY_PREFIX = 6  # the fewest hex characters of a story id that name it
WAVES = 10  # slices of the cross-document work mapped at once, for progress bars
MAX_STORY_WAVE = 2_000  # stories compared at once at most: their claims are read per wave
DEFAULT_BUDGET = Budget()

Processed = tuple[Document, Article, Signature, list[Claim]]


@dataclass(frozen=True)
class RunResult:
    """What a run found, restricted to the stories that hold this run's input articles.

    ``input_articles`` counts the distinct articles the inputs hold (stored before or not);
    ``merged`` are the inputs that were exact duplicates of an earlier input of the run, so
    the run read ``input_articles + len(merged) + len(errors)`` inputs.
    """

    articles: list[Article]
    relations: list[Relation]
    stories: list[Story]
    findings: list[Finding]
    briefs: list[Brief]
    errors: list[InputError] = field(default_factory=list)
    input_articles: int = 0
    new_articles: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)  # those holding a reported story
    compared_stories: int = 0  # stories whose findings and brief were (re)computed this run
    merged: list[MergedInput] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input was skipped."""
        return bool(self.errors)


def weave(
    paths: Sequence[str],
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    on_error: Callable[[InputError], None] | None = None,
    ner: bool | None = None,
    embeddings: bool = False,
    budget: Budget | None = DEFAULT_BUDGET,
    mapper: Mapper | None = None,
    reader: InputReader | None = None,
) -> RunResult:
    """Read ``paths`` into ``store`` and return the stories their articles belong to.

    ``ner``: read names and speakers of the new articles with the NER model (True), by rules
    alone (False), or the model when it is installed (None; see ``storyweave.facts.ner``).
    Articles already in the store keep the claims they were stored with. ``embeddings``
    blends sentence-embedding similarity into story clustering when the optional model is
    installed (``storyweave.cluster.embeddings``); the stories this run forms use it.
    ``budget``: the CPU time and memory one article's per-document work may take; an article
    over it is skipped with its reason (None: no limit; see ``storyweave.engines.budget``).
    ``mapper(work, items)``: runs the per-document work instead of the process pool, and the
    per-story work (compare and brief) instead of this process (the Spark engine's,
    ``storyweave.engines.spark.SparkMapper``), results in input order. ``reader(paths, stdin=,
    max_bytes=)`` reads the inputs instead of ``storyweave.ingest.read_inputs`` (the Spark
    engine's, ``storyweave.engines.spark.read_inputs``, reads URIs such as ``hdfs://…``).
    """
    timings: dict[str, float] = {}
    errors, report_error = error_collector(on_error)

    process = partial(process_document, ner=ner, budget=budget)
    with PoolMapper(worker_count(workers)) as pool:
        started = time.perf_counter()
        items, total = inputs_and_count(paths, stdin, max_bytes, progress is not None, reader)
        intake = _ingest(items, total, store, progress, report_error, process, mapper or pool)
        timings["per-document"] = time.perf_counter() - started

        started = time.perf_counter()
        settings = clustering_settings(embeddings)
        stored = store.derived()
        basis = derived_basis(store, settings)
        if intake.new == 0 and store.derived_basis() == basis and not store.unsigned_articles():
            # Nothing the results depend on changed since the last run: they stand as stored.
            derived, compared = stored, 0
            labelled = _with_labels(store.articles(), stored.labels)
        else:
            derived, labelled, compared = _cross_document(
                store, stored, progress, settings, mapper or pool
            )
            store.replace_derived(derived, stored, basis)
            store.prune_memo()
    store.record_run(paths, intake.new, len(errors))
    timings["across documents"] = time.perf_counter() - started

    result = _restrict(derived, labelled, intake.input_ids, errors, intake.new, timings)
    return dataclasses.replace(result, compared_stories=compared, merged=intake.merged)


def error_collector(
    on_error: Callable[[InputError], None] | None,
) -> tuple[list[InputError], Callable[[InputError], None]]:
    """A list of skipped inputs and the function that adds to it (and tells ``on_error``)."""
    errors: list[InputError] = []

    def report_error(error: InputError) -> None:
        errors.append(error)
        if on_error is not None:
            on_error(error)

    return errors, report_error


def process_document(
    doc: Document, *, ner: bool | None = None, budget: Budget | None = DEFAULT_BUDGET
) -> Processed | InputError:
    """Clean, fingerprint and extract one document (pure; runs in worker processes); ``ner``
    and ``budget`` as in :func:`weave`."""
    try:
        with within(budget):
            article = clean_document(doc)
            return doc, article, fingerprint(article), extract_claims(article, ner=ner)
    except OverBudget as over:
        return InputError(doc.ref, over.reason)
    except InputError as error:
        return error
    except Exception as exc:  # a bug on one odd input must not end the run for the others
        return InputError(doc.ref, f"could not be processed ({type(exc).__name__}: {exc})")


class InputReader(Protocol):
    """How a run reads its inputs: ``storyweave.ingest.read_inputs``'s signature."""

    def __call__(
        self, paths: Sequence[str], *, stdin: BinaryIO | None, max_bytes: int
    ) -> Iterable[Document | InputError]: ...


def inputs_and_count(
    paths: Sequence[str],
    stdin: BinaryIO | None,
    max_bytes: int,
    counted: bool,
    reader: InputReader | None = None,
) -> tuple[Iterable[Document | InputError], int | None]:
    """The items of ``paths`` (read by ``reader``, default ``read_inputs``) and, when
    ``counted``, their number where it is known without reading them."""
    items = (reader or read_inputs)(paths, stdin=stdin, max_bytes=max_bytes)
    countable = counted and reader is None and "-" not in paths
    return items, count_inputs(paths) if countable else None


@dataclass
class Intake:
    """What reading the inputs into the store came to."""

    input_ids: set[str] = field(default_factory=set)  # the inputs' articles, new or stored
    new: int = 0  # articles stored for the first time
    first_refs: dict[str, str] = field(default_factory=dict)  # document id -> first ref read
    merged: list[MergedInput] = field(default_factory=list)


def _ingest(
    items: Iterable[Document | InputError],
    total: int | None,
    store: Store,
    progress: ProgressFn | None,
    report_error: Callable[[InputError], None],
    process: Callable[[Document], Processed | InputError],
    mapper: Mapper,
) -> Intake:
    """Read, process and store every input; an input whose content was already read this run
    is merged into that one's article (``Intake.merged``) instead of being processed again;
    ``total`` is the number of ``items`` where known."""
    intake = Intake()
    done = 0
    for batch in in_batches(items, BATCH_SIZE):
        documents = _unseen_documents(batch, store, intake, report_error)
        results = mapper(process, documents)
        intake.new += _commit(results, store, intake.input_ids, report_error)
        done += len(batch)
        if progress is not None:
            progress("reading", done, None if total is None else max(total, done))
    _skip_copies_of_skipped(intake, report_error)
    return intake


def _unseen_documents(
    batch: Sequence[Document | InputError],
    store: Store,
    intake: Intake,
    report_error: Callable[[InputError], None],
) -> list[Document]:
    """The documents of ``batch`` to process: neither read before in this run nor stored."""
    documents: list[Document] = []
    for item in batch:
        if isinstance(item, InputError):
            report_error(item)
        elif item.id in intake.first_refs:
            intake.merged.append(MergedInput(item.ref, item.id))
        else:
            intake.first_refs[item.id] = item.ref
            documents.append(item)
    known = store.known_ids(d.id for d in documents)
    intake.input_ids.update(known)
    return [d for d in documents if d.id not in known]


def _skip_copies_of_skipped(intake: Intake, report_error: Callable[[InputError], None]) -> None:
    """A duplicate of an input that could not be processed has no article to be merged into:
    it is skipped too, naming the input it repeats."""
    merged = []
    for duplicate in intake.merged:
        if duplicate.same_as in intake.input_ids:
            merged.append(duplicate)
        else:
            first = intake.first_refs[duplicate.same_as]
            report_error(InputError(duplicate.ref, f"same content as {first}, which was skipped"))
    intake.merged = merged


def _commit(
    results: Sequence[Processed | InputError],
    store: Store,
    input_ids: set[str],
    report_error: Callable[[InputError], None],
) -> int:
    done = [r for r in results if not isinstance(r, InputError)]
    for result in results:
        if isinstance(result, InputError):
            report_error(result)
    store.add_documents(
        [d for d, _, _, _ in done],
        [a for _, a, _, _ in done],
        [s for _, _, s, _ in done],
        [c for _, _, _, cs in done for c in cs],
    )
    input_ids.update(a.id for _, a, _, _ in done)
    return len(done)


_OfStory = TypeVar("_OfStory", Finding, Brief)


def derived_basis(store: Store, settings: tuple[Weights, float]) -> str:
    """What a run's cross-document results depend on: the stored articles, the clustering
    settings and storyweave's code; equal bases give equal results."""
    return content_id("derived", kept.code_digest(), repr(settings), store.articles_digest())


def _cross_document(
    store: Store,
    previous: Derived,
    progress: ProgressFn | None,
    settings: tuple[Weights, float],
    mapper: Mapper,
) -> tuple[Derived, list[Article], int]:
    tell = progress or _no_progress
    store.add_signatures([fingerprint(a) for a in store.unsigned_articles()])
    articles = store.articles()
    relations = local_relate(
        articles,
        store.signatures(),
        partial(tell, "relating"),
        mapper,
        kept.StoredVerdicts(store),
        kept.StoredSiblings(store),
        recent=_unplaced(articles, previous.stories),
    )
    word_choices = kept.word_choices(store, articles, partial(tell, "labelling"), mapper)
    swaps = kept.word_swaps_along(store, articles, relations, mapper)
    names = kept.name_signs_of(store, articles, relations, mapper)
    # The spin stages are done: their workers hold the lexicon and its memos (the thesaurus
    # entries they parsed, word bands; bounded, ~340 MB each after Reuters-21578, ~500 MB
    # before the bounds), which nothing later reads; fresh workers take the clustering and
    # per-story work.
    release_workers(mapper)
    labelled = label_articles(
        articles, relations, word_choices=word_choices, swaps=swaps, names=names
    )
    tell("clustering", 0, len(articles))
    features = kept.clustering_features(store, articles, mapper)
    stories = _ordered_stories(
        _stories(store, previous.stories, labelled, relations, settings, features)
    )
    tell("clustering", len(articles), len(articles))
    findings, briefs, fingerprints, compared = _per_story(
        store, previous, stories, labelled, relations, partial(tell, "comparing"), mapper
    )
    # The per-story workers are done too: ended now, not after the results are stored and the
    # report made, when the main process holds the most (420 MiB of workers at that moment of
    # the peak at Reuters-21578 twice over).
    release_workers(mapper)
    labels = {a.id: a.labels for a in labelled if a.labels}
    derived = Derived(
        relations,
        labels,
        stories,
        findings,
        briefs,
        fingerprints,
        topics(stories, labelled, terms=features.terms, previous=previous.topics),
    )
    return derived, labelled, compared


def _unplaced(articles: Sequence[Article], stories: Sequence[Story]) -> frozenset[str]:
    """The articles in no story of the last run: new since its kept results were made (none
    after no run, when every article would be: nothing kept is then judged anew in part)."""
    if not stories:
        return frozenset()
    placed = {article_id for story in stories for article_id in story.article_ids}
    return frozenset(a.id for a in articles if a.id not in placed)


def _no_progress(stage: str, done: int, total: int | None) -> None:
    """The progress callback of a caller that does not ask for one."""


def _stories(
    store: Store,
    previous: Sequence[Story],
    articles: Sequence[Article],
    relations: Sequence[Relation],
    settings: tuple[Weights, float],
    features: Mapping[str, ArticleFeatures],
) -> list[Story]:
    """Stories of all stored articles: new articles are assigned to the last run's stories
    (``previous``; re-forming only what they reach), or everything is clustered when there are
    none."""
    weights, threshold = settings
    embedder = stored_embedder(store) if weights.semantic > 0 else None
    if not previous:
        return local_stories(
            articles,
            relations,
            weights=weights,
            threshold=threshold,
            embedder=embedder,
            features=features,
        )
    placed = {i for story in previous for i in story.article_ids}
    old = [a for a in articles if a.id in placed]
    new = [a for a in articles if a.id not in placed]
    return assign_incremental(
        previous,
        old,
        new,
        relations,
        threshold=threshold,
        weights=weights,
        region_limit=region_bound(len(new)),
        embedder=embedder,
        features=features,
    )


def stored_embedder(store: Store) -> Callable[[Sequence[str]], np.ndarray]:
    """Embeds texts with the packaged sentence-embedding model, reusing the vectors earlier
    runs stored (keyed by model and text) and storing the new ones: a run on a store embeds
    only the texts it has not seen."""

    def embed_stored(texts: Sequence[str]) -> np.ndarray:
        keys = [content_id("embedding", EMBEDDING_MODEL, str(EMBEDDING_TOKENS), t) for t in texts]
        known = store.embeddings(keys)
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
        if missing:
            fresh = embed([text for _, text in missing])
            new = {key: fresh[row] for row, (key, _) in enumerate(missing)}
            store.add_embeddings(new)
            known.update(new)
        if not keys:
            return embed([])
        return np.stack([known[k] for k in keys]).astype(np.float32)

    return embed_stored


def _per_story(
    store: Store,
    previous: Derived,
    stories: Sequence[Story],
    articles: Sequence[Article],
    relations: Sequence[Relation],
    progress: StepProgressFn,
    mapper: Mapper,
) -> tuple[list[Finding], list[Brief], dict[str, str], int]:
    """Compare and brief every story, reusing the last run's results (``previous``) for
    unchanged stories (the changed ones mapped by ``mapper`` when given); ``progress(done,
    total)`` counts the stories compared."""
    old_findings: dict[str, list[Finding]] = {}
    for finding in previous.findings:
        old_findings.setdefault(finding.story_id, []).append(finding)
    old_briefs = {b.story_id: b for b in previous.briefs}
    by_id = {a.id: a for a in articles}
    within = edges_within({s.id: s.article_ids for s in stories}, relations, _ends)
    fingerprints = {s.id: _fingerprint(s, within.get(s.id, [])) for s in stories}
    changed = [s for s in stories if previous.fingerprints.get(s.id) != fingerprints[s.id]]
    done: list[tuple[list[Finding], Brief]] = []
    progress(0, len(changed))
    # Wave by wave, each reading its own stories' claims: the claims of every story at once
    # were the largest part of a first run's peak, and grew with the corpus.
    for start, stop in wave_slices(len(changed), WAVES, max_size=MAX_STORY_WAVE):
        wave = changed[start:stop]
        claims_by_article: dict[str, list[Claim]] = {}
        for claim in store.claims(i for s in wave for i in s.article_ids):
            claims_by_article.setdefault(claim.article_id, []).append(claim)
        work: list[StoryWork] = [
            (
                story,
                [by_id[i] for i in story.article_ids],
                [c for i in story.article_ids for c in claims_by_article.get(i, [])],
                within.get(story.id, []),
            )
            for story in wave
        ]
        del claims_by_article
        done.extend(mapper(compare_and_brief, work))
        del work
        progress(len(done), len(changed))
    fresh = dict(zip((s.id for s in changed), done, strict=True))
    findings: list[Finding] = []
    briefs: list[Brief] = []
    for story in stories:
        if story.id in fresh:
            story_findings, brief = fresh[story.id]
            findings.extend(story_findings)
            briefs.append(brief)
        else:
            findings.extend(old_findings.get(story.id, []))
            briefs.append(old_briefs[story.id])
    return findings, briefs, fingerprints, len(changed)


StoryWork = tuple[Story, list[Article], list[Claim], list[Relation]]
"""One story's per-story work: the story, its articles, their claims, the relations among them."""


def compare_and_brief(work: StoryWork) -> tuple[list[Finding], Brief]:
    """Compare and brief one story (pure; under the Spark engine it runs in the executors)."""
    story, members, claims, relations = work
    findings = compare_story(story, members, claims, relations)
    return findings, make_brief(story, members, claims, findings, relations)


def _ends(relation: Relation) -> tuple[str, str]:
    return relation.a, relation.b


def _fingerprint(story: Story, within: Sequence[Relation]) -> str:
    """What a story's findings and brief depend on: its members and ``within``, the relations
    among them."""
    # The kind as a plain str: a RelationKind member has another repr than the same kind read back
    # from the store, and the fingerprint must not depend on where the relation came from.
    kept = sorted(repr(r if type(r.kind) is str else _plain_kind(r)) for r in within)
    return content_id(storyweave_version, *story.article_ids, *kept)


def _plain_kind(relation: Relation) -> Relation:
    return dataclasses.replace(relation, kind=str(relation.kind))


def _restrict(
    derived: Derived,
    labelled: Sequence[Article],
    input_ids: set[str],
    errors: list[InputError],
    new: int,
    timings: dict[str, float],
) -> RunResult:
    stories = [s for s in derived.stories if input_ids.intersection(s.article_ids)]
    return _result_of_stories(
        derived,
        labelled,
        stories,
        errors=errors,
        input_articles=len(input_ids),
        new_articles=new,
        timings=timings,
    )


def _result_of_stories(
    derived: Derived,
    labelled: Sequence[Article],
    stories: Sequence[Story],
    *,
    errors: list[InputError],
    input_articles: int,
    new_articles: int,
    timings: dict[str, float],
) -> RunResult:
    """``stories`` with their articles (``labelled`` holds them) and what was found about them,
    in the order of a run's report: a run and a report from the store order them alike."""
    stories = _ordered_stories(stories)
    member_ids = {i for s in stories for i in s.article_ids}
    story_ids = {s.id for s in stories}
    order = {aid: n for n, aid in enumerate(i for s in stories for i in s.article_ids)}
    return RunResult(
        articles=sorted((a for a in labelled if a.id in member_ids), key=lambda a: order[a.id]),
        relations=_relations_within(derived.relations, member_ids),
        stories=stories,
        findings=_in_story_order(derived.findings, stories),
        briefs=_in_story_order(derived.briefs, stories),
        errors=errors,
        topics=_ordered_topics(t for t in derived.topics if story_ids.intersection(t.story_ids)),
        input_articles=input_articles,
        new_articles=new_articles,
        timings=timings,
    )


def report_from_store(
    store: Store, stories: Sequence[str] | None = None, since: date | None = None
) -> Report:
    """The report of the stories the last run kept in ``store``, made without the inputs.

    ``stories``: only these, each named by its id or by a prefix of at least six hex characters
    that no other story id shares (UsageError otherwise). ``since``: only stories whose end
    date (or start, when the end is unknown) is on or after it; undated stories are left out.
    Over all stories it is the report of a run whose inputs reach every stored story, except
    that skipped inputs are not stored: ``errors`` is empty.
    """
    derived = store.derived()
    chosen = derived.stories
    if stories is not None:
        wanted = {_resolve_story_id(name, chosen) for name in stories}
        chosen = [s for s in chosen if s.id in wanted]
    if since is not None:
        chosen = [s for s in chosen if _ends_on_or_after(s, since)]
    member_ids = {i for s in chosen for i in s.article_ids}
    labelled = _with_labels(store.articles(member_ids), derived.labels)
    result = _result_of_stories(
        derived, labelled, chosen, errors=[], input_articles=0, new_articles=0, timings={}
    )
    return build_report(result)


def _resolve_story_id(name: str, stories: Sequence[Story]) -> str:
    """The id of the one story in ``stories`` whose id is ``name`` or begins with it."""
    prefix = name.strip().lower()
    if len(prefix) < MIN_STORY_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise UsageError(
            f"story {name!r}: give a story id or at least {MIN_STORY_PREFIX} of its first hex "
            "characters"
        )
    matches = sorted(s.id for s in stories if s.id.startswith(prefix))
    if not matches:
        raise UsageError(f"no story {name!r} in the store")
    if len(matches) > 1:
        shown = ", ".join(matches[:3]) + (", ..." if len(matches) > 3 else "")
        raise UsageError(f"story {name!r} is ambiguous: {len(matches)} stories begin so ({shown})")
    return matches[0]


def _ends_on_or_after(story: Story, since: date) -> bool:
    last = story.end or story.start
    return last is not None and date.fromisoformat(last[:10]) >= since


def _with_labels(
    articles: Iterable[Article], labels: dict[str, tuple[Label, ...]]
) -> list[Article]:
    """Stored articles carry no labels: they are cross-document results, stored apart."""
    return [dataclasses.replace(a, labels=labels.get(a.id, ())) for a in articles]


def _relations_within(relations: Iterable[Relation], ids: set[str]) -> list[Relation]:
    return [r for r in relations if r.a in ids and r.b in ids]


def _in_story_order(items: Iterable[_OfStory], stories: Sequence[Story]) -> list[_OfStory]:
    """The findings or briefs of ``stories``, story by story in their order; a story's own keep
    their order (the store reads them by story id)."""
    by_story: dict[str, list[_OfStory]] = {}
    for item in items:
        by_story.setdefault(item.story_id, []).append(item)
    return [item for story in stories for item in by_story.get(story.id, [])]


def _ordered_stories(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (-len(s.article_ids), s.start or "9999", s.id))


def _ordered_topics(topics: Iterable[Topic]) -> list[Topic]:
    """In the order :func:`storyweave.cluster.topics` gives them (the store keeps them by id)."""
    return in_time_order(topics)
