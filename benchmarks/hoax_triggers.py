"""Do words like "fake" and "false" make ordinary news a hoax story in the brief?

    .venv/bin/python benchmarks/hoax_triggers.py

A brief tells a story as a hoax (the outcome opens, articles telling the report as fact are
left out) when its sources call the report false. Real news says "false accounts", "fake sites",
"filing false reports" of fraud and scams. Each BBC News article
(``../shared/data/corpora/bbc-news.jsonl``) with such a word in its first five sentences is
put in a two-article story with the first other article of its category that has none; the
figure is how many of those stories the brief tells as a hoax (its own test,
``storyweave.brief._false_calls``, on the sentences and sources ``make_brief`` reads). None of
these stories is a hoax, so every one counted is a false alarm.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from storyweave.brief import _false_calls
from storyweave.brief.reading import calls_false
from storyweave.brief.sentences import split_articles
from storyweave.compare import outlets_of, source_groups
from storyweave.facts import extract_claims
from storyweave.records import Article, Meta

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpora" / "bbc-news.jsonl"
LEAD = 5  # sentences


def _lead_calls_false(text: str) -> bool:
    return any(calls_false(s) for s in re.split(r"(?<=[.!?])\s+", text.strip())[:LEAD])


def _told_as_hoax(first: dict[str, str], other: dict[str, str]) -> bool:
    articles = [
        Article(id=aid, ref=aid, source=aid, text=r["text"], published=Meta("2005-01-01", "bbc"))
        for aid, r in (("a", first), ("b", other))
    ]
    members = [a.id for a in articles]
    claims = [c for a in articles for c in extract_claims(a, ner=False)]
    every = split_articles(articles, {aid: i for i, aid in enumerate(members)}, claims)
    groups = source_groups(members, [], outlets=outlets_of(articles))
    return bool(_false_calls(every, groups, members))


def main() -> int:
    if not BBC.is_file():
        sys.exit(f"missing data: {BBC}")
    records = [json.loads(line) for line in BBC.open(encoding="utf-8")]
    calling = [r for r in records if _lead_calls_false(r["text"])]
    plain = [r for r in records if not _lead_calls_false(r["text"])]
    told = []
    for record in calling:
        other = next(r for r in plain if r.get("category") == record.get("category"))
        if _told_as_hoax(record, other):
            told.append(record["text"][:120])
    figures = {"articles": len(records), "pairs": len(calling), "told_as_hoax": len(told)}
    print(f"{len(calling)} BBC articles say something false in their lead; paired with another")
    print(f"article of their category, {len(told)} of the stories told as a hoax (false alarms)")
    for text in told:
        print(f"  - {text}")
    from _results import save  # benchmarks/_results.py

    save("hoax_triggers", {**figures, "told": told})
    return 0


if __name__ == "__main__":
    sys.exit(main())
