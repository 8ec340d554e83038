"""Precision of the "same story" verdict on real news pages, against judgements made by hand.

The 181 scrapinghub pages (../shared/data/extraction/scrapinghub-aeb/html: articles of many
sites, mostly from November 2019, that nobody here wrote) are read by ``storyweave.weave`` with
the default settings (name extraction off). Every story of two or more pages is a claim that
they report one event; each is looked up in ``benchmarks/audit/story_judgements.jsonl`` by its
pages (the first 12 characters of each page's file name, sorted):

- ``right``: all its pages report one event (what happened, to whom, where, when) or its
  developments;
- ``mixed``: some report another event of the subject (``outliers`` names them).

Prints each multi-page story with its verdict, its pages' titles and each page's strongest
similarity to another member, then precision: right stories / judged stories, and the share of
pages of multi-page stories that are not outliers. Stories no judgement covers are listed as
``unjudged`` (the clustering changed): judge them and add lines to the judgements file.

    python benchmarks/story_precision.py [--workers N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _results import save  # benchmarks/_results.py
from pages_cost import PAGES, unpack_pages  # benchmarks/pages_cost.py
from storyweave.cluster.stories import DEFAULT_WEIGHTS, build_corpus, similarity_matrix
from storyweave.pipeline import weave
from storyweave.records import Article, Story
from storyweave.store import open_store

JUDGEMENTS = Path(__file__).resolve().parent / "audit" / "story_judgements.jsonl"
KEY_CHARS = 12


def page_key(article: Article) -> str:
    return Path(article.ref).name[:KEY_CHARS]


def story_key(story: Story, by_id: dict[str, Article]) -> tuple[str, ...]:
    return tuple(sorted(page_key(by_id[i]) for i in story.article_ids))


def load_judgements() -> dict[tuple[str, ...], dict[str, object]]:
    found: dict[tuple[str, ...], dict[str, object]] = {}
    if JUDGEMENTS.is_file():
        for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[tuple(sorted(record["pages"]))] = record
    return found


def best_links(articles: list[Article], stories: list[Story]) -> dict[str, float]:
    """Each member's strongest similarity to another member of its story (one corpus of all
    the pages, as the clustering weighs them)."""
    corpus = build_corpus(articles, DEFAULT_WEIGHTS)
    sims = similarity_matrix(corpus.features, DEFAULT_WEIGHTS, corpus=corpus)
    pos = corpus.position
    return {
        a: max(float(sims[pos[a], pos[b]]) for b in story.article_ids if b != a)
        for story in stories
        for a in story.article_ids
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    if not PAGES.is_dir():
        print(f"needs {PAGES}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        count = unpack_pages(PAGES, pages)
        with open_store(str(Path(tmp) / "s.duckdb")) as store:
            result = weave([str(pages)], store, ner=False, workers=args.workers)
            articles = store.articles()
    by_id = {a.id: a for a in articles}
    judged = load_judgements()
    multi = [s for s in result.stories if len(s.article_ids) > 1]
    links = best_links(articles, multi)
    right = mixed = unjudged = pages_in = outliers = 0
    for story in sorted(multi, key=lambda s: (-len(s.article_ids), s.id)):
        key = story_key(story, by_id)
        record = judged.get(key)
        verdict = str(record["verdict"]) if record else "unjudged"
        print(f"{verdict:8} {len(key)} pages  {' '.join(key)}")
        for article_id in story.article_ids:
            article = by_id[article_id]
            title = article.title.value if article.title else article.text[:70]
            print(f"    {links[article_id]:.3f}  {page_key(article)}  {title[:90]}")
        if record is None:
            unjudged += 1
            continue
        pages_in += len(key)
        if verdict == "right":
            right += 1
        else:
            mixed += 1
            outliers += len(list(record.get("outliers", [])))  # type: ignore[arg-type]
    judged_count = right + mixed
    precision = right / judged_count if judged_count else float("nan")
    kept = (pages_in - outliers) / pages_in if pages_in else float("nan")
    print(
        f"\n{count} pages, {len(result.stories)} stories, {len(multi)} of two or more pages: "
        f"{right} right, {mixed} mixed, {unjudged} unjudged; precision {precision:.3f} "
        f"({right}/{judged_count}); pages not outliers {kept:.3f}"
    )
    save(
        "story_precision",
        {
            "pages": count,
            "stories": len(result.stories),
            "multi_page_stories": len(multi),
            "right": right,
            "mixed": mixed,
            "unjudged": unjudged,
            "precision": round(precision, 4),
            "pages_not_outliers": round(kept, 4),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
