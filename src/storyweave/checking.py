"""Check claims against articles: ``storyweave check``.

The articles are read into the store as ``run`` reads them (ingest, clean, fingerprint, extract,
per document); each claim is then judged against the articles it names, or against every input
article (:func:`storyweave.stance.judge`). Stances are stored by claim, article and model, so
checking a claim again judges only the articles it was not checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from .errors import InputError, UsageError
from .ingest import DEFAULT_MAX_BYTES
from .parallel import PoolMapper, worker_count
from .pipeline import ProgressFn, _ingest, error_collector, inputs_and_count, process_document
from .records import Article, Stance
from .stance import claim_id, default_model, judge
from .store import Store


@dataclass(frozen=True)
class ClaimRequest:
    """A claim to check, and the input ids of the articles to check it against (None: all).

    An id names an article by its input id (a JSONL record's ``id``: the part of its ``ref``
    after ``#``), its ``ref``, or its content id.
    """

    claim: str
    ids: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ClaimCheck:
    """One claim and the stance of each article checked against it, in article order."""

    claim: str
    claim_id: str
    stances: tuple[Stance, ...]
    unknown_ids: tuple[str, ...] = ()  # ids the request named that no input article has


@dataclass(frozen=True)
class CheckResult:
    """What ``check`` found: the checks and the articles they name."""

    checks: list[ClaimCheck]
    articles: dict[str, Article]
    errors: list[InputError] = field(default_factory=list)
    judged: int = 0  # pairs judged this time (the rest came from the store)

    @property
    def failed(self) -> bool:
        """True when an input was skipped or a claim named an article that was not read."""
        return bool(self.errors) or any(c.unknown_ids for c in self.checks)


def check(
    claims: Sequence[str | ClaimRequest],
    paths: Sequence[str],
    store: Store,
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> CheckResult:
    """Read ``paths`` into ``store`` and judge each claim against its articles."""
    requests = [c if isinstance(c, ClaimRequest) else ClaimRequest(c) for c in claims]
    for number, request in enumerate(requests, start=1):
        if not request.claim.strip():
            raise UsageError(f"claim {number} is empty")
    errors, report_error = error_collector(on_error)

    with PoolMapper(worker_count(workers)) as pool:
        items, total = inputs_and_count(paths, stdin, max_bytes, progress is not None)
        intake = _ingest(items, total, store, progress, report_error, process_document, pool)
    articles = sorted(store.articles(intake.input_ids), key=lambda a: (a.ref, a.id))
    chosen = [_chosen_articles(r, articles) for r in requests]
    stances, judged = _stances(requests, articles, chosen, store)
    checks = []
    for request, (indexes, unknown) in zip(requests, chosen, strict=True):
        key = claim_id(request.claim)
        found = tuple(stances[key, articles[i].id] for i in indexes)
        checks.append(ClaimCheck(request.claim, key, found, unknown))
    used = {s.article_id for c in checks for s in c.stances}
    return CheckResult(checks, {a.id: a for a in articles if a.id in used}, errors, judged)


def _chosen_articles(
    request: ClaimRequest, articles: Sequence[Article]
) -> tuple[list[int], tuple[str, ...]]:
    if request.ids is None:
        return list(range(len(articles))), ()
    names: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        for name in {article.id, article.ref, article.ref.rpartition("#")[2]}:
            names.setdefault(name, []).append(i)
    chosen = sorted({i for name in request.ids for i in names.get(name, [])})
    unknown = tuple(name for name in request.ids if name not in names)
    return chosen, unknown


def _stances(
    requests: Sequence[ClaimRequest],
    articles: Sequence[Article],
    chosen: Sequence[tuple[list[int], tuple[str, ...]]],
    store: Store,
) -> tuple[dict[tuple[str, str], Stance], int]:
    """Every wanted (claim id, article id) stance, stored ones and the rest judged (and then
    stored), and how many were judged."""
    model = default_model()
    texts = list(dict.fromkeys(r.claim for r in requests))
    by_id = {claim_id(t): t for t in texts}
    known = {(s.claim_id, s.article_id): s for s in store.stances(by_id, model.digest)}
    claim_index = {t: n for n, t in enumerate(texts)}
    wanted = sorted(
        {
            (claim_index[request.claim], i)
            for request, (indexes, _) in zip(requests, chosen, strict=True)
            for i in indexes
        }
    )
    missing = [(c, a) for c, a in wanted if (claim_id(texts[c]), articles[a].id) not in known]
    fresh = judge(texts, articles, missing, model) if missing else []
    store.add_stances(fresh)
    for stance in fresh:
        known[stance.claim_id, stance.article_id] = stance
    return known, len(fresh)


def judge_claims(claims: Sequence[str], articles: Sequence[Article]) -> list[Stance]:
    """Every claim against every article, without a store (see :func:`storyweave.stance.judge`)."""
    return judge(claims, articles)


__all__ = ["CheckResult", "ClaimCheck", "ClaimRequest", "check", "judge_claims"]
