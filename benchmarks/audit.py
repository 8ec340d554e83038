"""The real-news audit: precision of the ledger's findings, judged by hand, on news nobody here
wrote.

Stories:

- FNC-1's dev stories (``../shared/data/stories/fnc1-dev.jsonl``, grouped by gold story) and
  training stories (``../shared/data/stance/fnc1-train.jsonl``, bodies joined into stories by
  the headlines related to them), each article titled with its first related headline (FNC-1
  gives bodies without their titles), compared as ``run`` compares a story (claims by the
  rules, copy relations by :func:`storyweave.reuse.relate_pair` over every pair, then
  :func:`storyweave.compare.compare_story`; FNC-1 holds copies of one article under several
  ids);
- the Reuters-21578 wire stories (``../shared/data/corpora/reuters21578.jsonl``; the first
  :data:`REUTERS_SPLIT` as one run, the rest as another) and the BBC News articles
  (``../shared/data/corpora/bbc-news.jsonl``), each through the whole of ``storyweave run``
  (:func:`storyweave.weave`, rules for names), its own stories and copy relations (about ten
  minutes on two cores).

- ``python benchmarks/audit.py --sheet FILE`` writes the findings to judge, a deterministic
  sample of at most ``--per-kind`` per kind (``quantity disputed``, ``quote drifted``, ...) of
  those not judged yet, with the sentences behind each variant, for a person to read. The
  sheet holds third-party text: keep it out of the repository.
- The judgements are committed as data in ``benchmarks/audit/judgements.jsonl``: one line per
  finding, ``{"finding", "dataset", "story", "kind", "status", "verdict", "reason", "spans"}``,
  where ``verdict`` is ``right``, ``wrong`` (the verdict is false) or ``junk`` (no fact a
  reader could use), ``reason`` is the judge's own words and ``spans`` are ``[article id,
  start, end]`` of the sentences read: ids and offsets, no third-party text. ``digest`` is a
  content hash of what was judged (status, subject, every variant's value and sources): a
  judgement counts for any current finding with the same digest, whatever its id (which also
  hashes the story's id and the evidence's wording), and only while such a finding is given.
- ``python benchmarks/audit.py --sheet FILE --judged VERDICTS.jsonl`` adds a judge's verdicts
  (``{"finding", "verdict", "reason"}`` a line) on the findings of that sheet to the
  judgements file, with the ids, digests and spans the sheet gives (a finding judged again is
  replaced).
- ``python benchmarks/audit.py`` recomputes the findings and prints, per kind, how many of the
  current findings were judged and the precision among them (right / judged); findings the
  code no longer gives are counted apart (their judgement no longer applies).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _results import save  # benchmarks/_results.py
from storyweave.compare import compare_story
from storyweave.facts import extract_claims
from storyweave.ids import content_id
from storyweave.records import Article, Claim, Finding, Meta, Story
from storyweave.reuse import relate_pair
from storyweave.text import sentence_spans

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEV = DATA / "stories" / "fnc1-dev.jsonl"
TRAIN = DATA / "stance" / "fnc1-train.jsonl"
REUTERS = DATA / "corpora" / "reuters21578.jsonl"
BBC = DATA / "corpora" / "bbc-news.jsonl"
REUTERS_SPLIT = 4000  # the first wire stories make one run, the rest another
JUDGEMENTS = Path(__file__).resolve().parent / "audit" / "judgements.jsonl"
AUDITED = {
    ("quantity", "disputed"),
    ("claim", "disputed"),
    ("quote", "drifted"),
    ("name", "garbled"),
    ("quantity", "corroborated"),
    ("date", "corroborated"),
    ("quote", "corroborated"),
    ("name", "corroborated"),
    ("claim", "corroborated"),
}

Member = tuple[str, str, str]  # id, text, title


def dev_stories() -> dict[str, list[Member]]:
    stories: dict[str, list[Member]] = defaultdict(list)
    with DEV.open(encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            title = record["headlines"][0]["headline"] if record["headlines"] else ""
            stories[f"dev:{record['story']}"].append((record["id"], record["text"], title))
    return dict(stories)


def train_stories() -> dict[str, list[Member]]:
    """Training bodies joined into stories: a body and a headline related to it are one story."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with TRAIN.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    for record in records:
        for h in record["headlines"]:
            if h["stance"] != "unrelated":
                parent[find("c:" + h["headline"])] = find("b:" + record["id"])
    stories: dict[str, list[Member]] = defaultdict(list)
    for record in records:
        related = [h["headline"] for h in record["headlines"] if h["stance"] != "unrelated"]
        if related:
            key = content_id("train story", find("b:" + record["id"]))
            stories[f"train:{key}"].append((record["id"], record["text"], related[0]))
    return dict(stories)


def story_findings(
    stories: dict[str, list[Member]],
) -> Iterator[tuple[str, list[Article], list[Claim], Finding]]:
    """Every finding of every story of two or more articles, with its articles and claims."""
    for story_id, members in sorted(stories.items()):
        if len(members) < 2:
            continue
        articles = [
            Article(
                id=m[0],
                ref=m[0],
                source=m[0],
                text=m[1],
                title=Meta(m[2], "FNC-1 headline") if m[2] else None,
            )
            for m in members
        ]
        story = Story(id=story_id, article_ids=tuple(a.id for a in articles), headline="")
        claims = [c for a in articles for c in extract_claims(a, ner=False)]
        relations = [
            relation
            for a, b in itertools.combinations(articles, 2)
            if (relation := relate_pair(a, b)) is not None
        ]
        for finding in compare_story(story, articles, claims, relations):
            yield story_id, articles, claims, finding


def weave_findings(
    corpus: Path, label: str, first: int = 0, stop: int | None = None
) -> Iterator[tuple[str, list[Article], list[Claim], Finding]]:
    """Findings of ``storyweave run`` over a corpus (its lines ``first`` to ``stop``)."""
    from storyweave import open_store, weave

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{label}.jsonl"
        with corpus.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(lines, first, stop))
        with open_store(":memory:") as store:
            result = weave([str(path)], store, ner=False)
            claims = store.claims(a.id for a in result.articles)
    articles = {a.id: a for a in result.articles}
    by_story = defaultdict(list)
    for finding in result.findings:
        by_story[finding.story_id].append(finding)
    for story in result.stories:
        members = [articles[i] for i in story.article_ids if i in articles]
        ids = {a.id for a in members}
        own = [c for c in claims if c.article_id in ids]
        for finding in by_story[story.id]:
            yield f"{label}:{story.id}", members, own, finding


def all_findings() -> Iterator[tuple[str, list[Article], list[Claim], Finding]]:
    yield from story_findings(dev_stories())
    yield from story_findings(train_stories())
    if REUTERS.is_file():
        yield from weave_findings(REUTERS, "reuters", 0, REUTERS_SPLIT)
        yield from weave_findings(REUTERS, "reuters2", REUTERS_SPLIT)
    if BBC.is_file():
        yield from weave_findings(BBC, "bbc")


def digest(finding: Finding) -> str:
    """A content hash of what a judge reads of a finding."""
    parts = [finding.kind, finding.status, finding.subject]
    for variant in finding.variants:
        parts += [variant.value, *variant.sources]
    return content_id("audited finding", *parts)


def sheet_entry(articles: list[Article], claims: list[Claim], finding: Finding) -> dict[str, Any]:
    """A finding with the sentences behind it, for a person to judge."""
    texts = {a.id: a.text for a in articles}
    by_id = {c.id: c for c in claims}
    variants = []
    for variant in finding.variants:
        sentences = []
        for claim_id in variant.claims[:3]:
            claim = by_id[claim_id]
            start, end = _sentence(texts[claim.article_id], claim.start)
            sentences.append([claim.article_id, start, end, texts[claim.article_id][start:end]])
        if finding.kind == "claim":
            sentences = _stance_sentences(finding, variant.sources, texts)
        variants.append({"value": variant.value, "sources": variant.sources, "read": sentences})
    return {
        "finding": finding.id,
        "digest": digest(finding),
        "story": finding.story_id,
        "kind": finding.kind,
        "status": finding.status,
        "subject": finding.subject,
        "variants": variants,
        "evidence": finding.evidence,
    }


_STANCE_LINE = re.compile(r"^(?P<id>\S+) \w+ \([\d.]+\) at (?P<start>\d+)-(?P<end>\d+):")


def _stance_sentences(
    finding: Finding, sources: tuple[str, ...], texts: dict[str, str]
) -> list[list[Any]]:
    """The evidence sentence of each of ``sources`` that a claim finding cites."""
    found = []
    for line in finding.evidence:
        match = _STANCE_LINE.match(line)
        if match and match["id"] in sources:
            start, end = int(match["start"]), int(match["end"])
            found.append([match["id"], start, end, texts[match["id"]][start:end]])
    return found


def _sentence(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return start, end
    return offset, offset


def write_sheet(path: Path, per_kind: int) -> None:
    chosen: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    judged = judgements_by_digest()
    for story_id, articles, claims, finding in all_findings():
        key = (finding.kind, finding.status)
        if key in AUDITED and digest(finding) not in judged:
            entry = sheet_entry(articles, claims, finding)
            entry["dataset"] = story_id.split(":")[0]
            entry["order"] = content_id("audit sample", finding.id)
            chosen[key].append(entry)
    with path.open("w", encoding="utf-8") as out:
        for key in sorted(chosen):
            for entry in sorted(chosen[key], key=lambda e: e["order"])[:per_kind]:
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(", ".join(f"{k} {s}: {len(v)}" for (k, s), v in sorted(chosen.items())))


def add_judgements(sheet: Path, judged: Path) -> None:
    """Merge the verdicts in ``judged`` on findings of ``sheet`` into :data:`JUDGEMENTS`."""
    with sheet.open(encoding="utf-8") as lines:
        entries = {e["finding"]: e for e in map(json.loads, lines)}
    known = read_judgements()
    added = 0
    with judged.open(encoding="utf-8") as lines:
        for verdict in map(json.loads, lines):
            entry = entries.get(verdict["finding"])
            if entry is None:
                sys.exit(f"{judged}: finding {verdict['finding']} is not in {sheet}")
            if verdict["verdict"] not in ("right", "wrong", "junk"):
                sys.exit(f"{judged}: unknown verdict {verdict['verdict']!r}")
            known[entry["finding"]] = {
                "finding": entry["finding"],
                "digest": entry["digest"],
                "dataset": entry["dataset"],
                "story": entry["story"],
                "kind": entry["kind"],
                "status": entry["status"],
                "verdict": verdict["verdict"],
                "reason": verdict["reason"],
                "spans": [r[:3] for v in entry["variants"] for r in v["read"]],
            }
            added += 1
    JUDGEMENTS.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(known.values(), key=lambda j: (j["kind"], j["status"], j["finding"]))
    temporary = JUDGEMENTS.with_suffix(".tmp")
    temporary.write_text("".join(json.dumps(j, ensure_ascii=False) + "\n" for j in ordered))
    temporary.replace(JUDGEMENTS)
    print(f"{added} judgements added; {len(ordered)} in {JUDGEMENTS}")


def read_judgements() -> dict[str, dict[str, Any]]:
    if not JUDGEMENTS.is_file():
        return {}
    with JUDGEMENTS.open(encoding="utf-8") as lines:
        return {j["finding"]: j for j in map(json.loads, lines) if j.get("finding")}


def judgements_by_digest() -> dict[str, dict[str, Any]]:
    """The judgements keyed by what was judged (:func:`digest`), not by the finding's id: the
    id also hashes the story's id, the claims' ids and the evidence's wording, which change
    with any change to the clustering or to how evidence is worded, while a judge's verdict
    holds as long as the status, subject, values and sources are the same."""
    return {j["digest"]: j for j in read_judgements().values() if j.get("digest")}


def print_precision() -> dict[str, dict[str, int]]:
    """Print, and return, per finding kind: found, judged, right, wrong, junk."""
    judged = judgements_by_digest()
    current: Counter[tuple[str, str]] = Counter()
    verdicts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    seen = set()
    for _, _, _, finding in all_findings():
        key = (finding.kind, finding.status)
        if key not in AUDITED:
            continue
        current[key] += 1
        judgement = judged.get(digest(finding))
        if judgement is not None:
            seen.add(judgement["digest"])
            verdicts[key][judgement["verdict"]] += 1
    print(f"{'finding':<24}{'found':>7}{'judged':>8}{'right':>7}{'wrong':>7}{'junk':>6}  precision")
    figures: dict[str, dict[str, int]] = {}
    for key in sorted(AUDITED):
        counts = verdicts[key]
        total = sum(counts.values())
        verdict_counts = {v: counts[v] for v in ("right", "wrong", "junk")}
        figures[" ".join(key)] = {"found": current[key], "judged": total, **verdict_counts}
        precision = f"{counts['right'] / total:.3f}" if total else "-"
        print(
            f"{' '.join(key):<24}{current[key]:>7}{total:>8}{counts['right']:>7}"
            f"{counts['wrong']:>7}{counts['junk']:>6}  {precision}"
        )
    gone = Counter(j["kind"] + " " + j["status"] for d, j in judged.items() if d not in seen)
    if gone:
        print(
            "judged findings no longer given: "
            + ", ".join(f"{k} {n}" for k, n in sorted(gone.items()))
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="write findings to judge here (not in the repo)")
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--judged", type=Path, help="verdicts on the findings of --sheet")
    args = parser.parse_args()
    if not DEV.is_file() or not TRAIN.is_file():
        print("../shared/data is not present")
        return 0
    if args.judged:
        if not args.sheet:
            sys.exit("--judged needs the --sheet its verdicts are about")
        add_judgements(args.sheet, args.judged)
    elif args.sheet:
        write_sheet(args.sheet, args.per_kind)
    else:
        save("audit", print_precision())
    return 0


if __name__ == "__main__":
    sys.exit(main())
