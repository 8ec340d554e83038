"""Story clustering cost at scale: wall time and peak memory for 10k, 20k and 40k articles.

Articles come from ../shared/data/corpora: every BBC News and Reuters-21578 text (Reuters with
its 1987 date as publication date, so time damping is exercised), about 23.8k articles. Beyond
that, each text is reused as a "remix": every other sentence dropped (a shorter, different
article with the same vocabulary), which keeps term statistics realistic.

Each size runs in a fresh child process, so its peak resident memory (ru_maxrss) is its own; the
memory held by the loaded articles is reported apart. Run:
``python benchmarks/cluster_scale.py [SIZE ...]`` (default 10000 20000 40000), and
``... cluster_scale.py --incremental SIZE`` to time adding 200 articles to SIZE clustered ones.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from _results import save  # benchmarks/_results.py
from storyweave.cluster import DEFAULT_THRESHOLD, assign_incremental, cluster_stories
from storyweave.cluster.agglomerative import sparse_average_link
from storyweave.cluster.incremental import changed_articles
from storyweave.cluster.stories import build_corpus, build_stories, similarity_graph
from storyweave.ids import content_id
from storyweave.records import Article, Meta
from storyweave.text import sentences

CORPORA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpora"
FILES = ("bbc-news.jsonl", "reuters21578.jsonl")
SIZES = (10_000, 20_000, 40_000)
CHECK_UP_TO = 2_000  # below this size, also check the phases give cluster_stories' result


def _published(record: dict[str, str]) -> Meta | None:
    raw = record.get("date", "")
    try:
        when = datetime.strptime(raw.split(".")[0], "%d-%b-%Y %H:%M:%S")
    except ValueError:
        return None
    return Meta(when.date().isoformat(), "corpus date field")


def load(size: int) -> list[Article]:
    """``size`` articles: the corpora's texts, then their remixes (see the module docstring)."""
    records: list[dict[str, str]] = []
    for name in FILES:
        with (CORPORA / name).open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle)
    records = [r for r in records if r.get("text", "").strip()]
    articles: list[Article] = []
    for remix in (False, True):
        for record in records:
            if len(articles) == size:
                return articles
            text = record["text"]
            if remix:
                text = " ".join(sentences(text)[::2])
            ref = f"{record['id']}{'#remix' if remix else ''}"
            title = Meta(record["title"], "corpus title") if record.get("title") else None
            article = Article(content_id("scale", ref), ref, ref, text)
            articles.append(
                Article(article.id, ref, ref, text, title=title, published=_published(record))
            )
    return articles


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int) -> dict[str, float]:
    """Load ``size`` articles and cluster them; time and peak memory (run in a fresh process)."""
    articles = load(size)
    loaded = _peak_mib()
    phases: dict[str, float] = {}
    started = time.perf_counter()
    corpus = build_corpus(articles)
    phases["features"] = time.perf_counter() - started
    edges = similarity_graph(corpus, range(len(corpus.articles)))
    phases["graph"] = time.perf_counter() - started - sum(phases.values())
    triples = list(zip(edges.a.tolist(), edges.b.tolist(), edges.value.tolist(), strict=True))
    clusters = sparse_average_link(len(corpus.articles), triples, DEFAULT_THRESHOLD)
    phases["linkage"] = time.perf_counter() - started - sum(phases.values())
    stories = build_stories(corpus, clusters, edges, [])
    phases["build"] = time.perf_counter() - started - sum(phases.values())
    seconds = time.perf_counter() - started
    assert stories == cluster_stories(articles, []) if len(articles) <= CHECK_UP_TO else True
    multi = sum(1 for s in stories if len(s.article_ids) > 1)
    return {
        "articles": len(articles),
        "stories": len(stories),
        "multi": multi,
        "seconds": seconds,
        "edges": len(edges),
        **phases,
        "peak_mib": _peak_mib(),
        "loaded_mib": loaded,
    }


def incremental(size: int, new: int = 200) -> dict[str, float]:
    """Time adding ``new`` articles to ``size`` clustered ones, against re-clustering all."""
    articles = load(size + new)
    old, fresh = articles[:size], articles[size:]
    before = cluster_stories(old, [])
    started = time.perf_counter()
    after = assign_incremental(before, old, fresh, [])
    added = time.perf_counter() - started
    started = time.perf_counter()
    local = assign_incremental(before, old, fresh, [], exact=False)
    added_local = time.perf_counter() - started
    started = time.perf_counter()
    batch = cluster_stories(articles, [])
    again = time.perf_counter() - started
    return {
        "articles": size,
        "new": new,
        "incremental": added,
        "local": added_local,
        "batch": again,
        "moved": len(changed_articles(batch, after)),
        "moved_local": len(changed_articles(batch, local)),
    }


def main(argv: list[str]) -> int:
    if not all((CORPORA / name).exists() for name in FILES):
        print(f"corpora not found under {CORPORA}", file=sys.stderr)
        return 1
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return 0
    if argv[:1] == ["--incremental"]:
        r = incremental(int(argv[1]))
        save("cluster_scale_incremental", r)
        print(
            f"{int(r['new'])} new articles onto {int(r['articles'])}: batch on all "
            f"{r['batch']:.1f}s; assign_incremental exact {r['incremental']:.1f}s "
            f"({int(r['moved'])} articles in a different story than batch), one link away "
            f"{r['local']:.1f}s ({int(r['moved_local'])} different)"
        )
        return 0
    sizes = [int(a) for a in argv] or list(SIZES)
    print(
        f"{'articles':>8}  {'stories':>7}  {'multi':>6}  {'secs':>6}  {'s/1k':>5}  "
        f"{'peak MiB':>8}  {'articles MiB':>12}  {'edges':>8}  phases (s)"
    )
    rows = []
    for size in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        rows.append(r)
        print(
            f"{int(r['articles']):>8}  {int(r['stories']):>7}  {int(r['multi']):>6}  "
            f"{r['seconds']:6.1f}  {1000 * r['seconds'] / r['articles']:5.2f}  "
            f"{r['peak_mib']:8.0f}  {r['loaded_mib']:12.0f}  {int(r['edges']):>8}  "
            + " ".join(f"{k} {r[k]:.1f}" for k in ("features", "graph", "linkage", "build"))
        )
    save("cluster_scale", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
