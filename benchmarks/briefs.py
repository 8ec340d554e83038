"""Are the briefs readable? Briefs of real multi-source stories, with automatic checks and a
sheet for judging them by hand.

Stories: the gold stories of ``../shared/data/stories/fnc1-dev.jsonl`` with two or more bodies
(each compared and briefed as one story, as in ``disputes_fnc1.py``: the first headline as
title, no copy relations unless ``--relate``), stories of FNC-1's training split
(``--train N``: the bodies related to one headline, see :func:`train_briefs`), and the stories
the whole pipeline finds in ``examples/demo`` and ``../shared/seeds`` (``storyweave run``,
in-memory store), briefed again here from the report's articles and relations, so that every
corpus is briefed by the code under test.

Automatic checks, over all briefs of a corpus:

- **first supported**: the share of briefs whose first sentence is supported by two or more
  of its cited sources (this script's own test, not the brief's: see *supported citations*);
- **repeats**: pairs of sentences within one brief that say the same thing (Dice overlap of
  content words >= :data:`REPEAT`, or one holding :data:`CONTAINED` of the other's words);
- **possible repeats** (:func:`possible_repeats`): pairs of sentences within one brief, not
  counted as repeats, that may say one fact in other words: their word stems (first
  :data:`STEM` letters) overlap by Jaccard >= :data:`PARAPHRASE`, or they share a figure or a
  name (a capitalised word past the first) and another content word. A screen for the hand
  judgement, not a verdict: the sheet lists each pair;
- **fragments**: sentences that start with a connective, a pronoun, a lower-case letter or
  inside a quotation, or that end without a full stop;
- **captions** (:func:`is_caption`): sentences that read as a picture's caption or a label: a
  "Word:" label before the text, a picture credit, a whole sentence in brackets, or no verb
  form at all (no auxiliary, past form or word in -s);
- **supported citations**: the share of (sentence, cited source) pairs where the source
  supports the sentence: the source's text holds every name of the sentence (a capitalised
  word past the first, weekdays and months aside) and one of its sentences holds
  :data:`SUPPORT` of the brief sentence's content words. Stricter than the brief's own test on
  names (an adjective such as "Islamic" counts as a name here), so a lower bound;
- **stance supports / denies**: what the stance model (``storyweave.stance``, as used by
  ``storyweave check``) says of each citation, the brief sentence as the claim and the cited
  source's closest sentence as the body: the share it calls ``supports``, and the count it
  calls ``denies`` (issue 21 measured whether a citation should need the model's ``supports``;
  the sheet shows each citation's verdict next to the hand judgement's evidence).

The sheet (``--sheet``, Markdown) lists each brief with, under each sentence, every cited
source's best-matching sentence, for hand judgement, and for a brief told as a hoax the
sources calling its report false and the articles left out as telling it as fact (the checks
count the briefs told as hoaxes).

Usage: ``python benchmarks/briefs.py [--sheet FILE] [--limit N] [--train N] [--ner on|off]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _results import save  # benchmarks/_results.py
from storyweave.brief import make_brief
from storyweave.compare import compare_story
from storyweave.duplicates import fingerprint
from storyweave.engines.local import relate as local_relate
from storyweave.facts import extract_claims
from storyweave.lexicon import NON_CONTENT_WORDS
from storyweave.records import Article, Brief, Meta, Relation, Story
from storyweave.stance import judge
from storyweave.text import sentences, words

ROOT = Path(__file__).resolve().parents[1]
FNC1 = ROOT / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"
FNC1_TRAIN = ROOT / ".." / "shared" / "data" / "stance" / "fnc1-train.jsonl"
TRAIN_BODIES = (3, 10)  # a training story: one claim's related bodies, this many
SEEDS = ROOT / ".." / "shared" / "seeds"
DEMO = ROOT / "examples" / "demo"
REPEAT = 0.5
CONTAINED = 0.7
PARAPHRASE = 0.2
STEM = 5
SUPPORT = 0.5
_OPENERS = frozenset(
    "but and or so yet also however meanwhile still he she it they them this these those his "
    "her their its him another then".split()
)
_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")
_CALENDAR = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "May June July August September October November December".split()
)


@dataclass(frozen=True)
class Told:
    """A brief with the texts of its story's articles."""

    corpus: str
    story: str
    size: int
    brief: Brief
    texts: dict[str, str]


def terms(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if w not in NON_CONTENT_WORDS and not w.isdigit())


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def contained(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def names_in(text: str) -> set[str]:
    """Capitalised words past the first: names, mostly."""
    first = text.split(maxsplit=1)
    rest = first[1] if len(first) > 1 else ""
    return {m.group() for m in _CAPITAL.finditer(rest)} - _CALENDAR


def best_match(sentence: str, source: str) -> tuple[float, str]:
    """The share of ``sentence``'s content words said by the best sentence of ``source``, and
    that sentence; 0 when ``source`` lacks a name of ``sentence`` (a capitalised word past
    the first, weekdays and months aside): then it speaks of someone else."""
    if not names_in(sentence) <= set(_CAPITAL.findall(source)):
        return (0.0, "")
    wanted = terms(sentence)
    best = (0.0, "")
    for candidate in sentences(source):
        score = len(wanted & terms(candidate)) / len(wanted) if wanted else 0.0
        best = max(best, (score, candidate))
    return best


def closest(sentence: str, source: str) -> str:
    """The sentence of ``source`` holding most of ``sentence``'s content words, names aside."""
    wanted = terms(sentence)
    scored = [(len(wanted & terms(c)), -i, c) for i, c in enumerate(sentences(source))]
    return max(scored)[2] if scored else ""


def citation_stances(item: Told) -> list[str]:
    """The stance model's verdict on each citation of ``item``'s brief, in order: the brief
    sentence as the claim, the cited source's closest sentence as the body."""
    pairs = [
        (sentence.text, closest(sentence.text, item.texts[source]) or " ")
        for sentence in item.brief.sentences
        for source in sentence.sources
    ]
    if not pairs:
        return []
    claims = [claim for claim, _ in pairs]
    bodies = [Article(id=str(i), ref="", source="", text=body) for i, (_, body) in enumerate(pairs)]
    found = judge(claims, bodies, [(i, i) for i in range(len(pairs))])
    return [stance.stance for stance in found]


def stems(text: str) -> frozenset[str]:
    return frozenset(t[:STEM] for t in terms(text))


def is_repeat(a: str, b: str) -> bool:
    said_a, said_b = terms(a), terms(b)
    return dice(said_a, said_b) >= REPEAT or contained(said_a, said_b) >= CONTAINED


def possible_repeats(brief: Brief) -> list[tuple[int, int]]:
    """Pairs (1-based) of the brief's sentences that may say one fact in other words (see the
    module docstring), repeats aside."""
    texts = [s.text for s in brief.sentences]
    found = []
    for i, a in enumerate(texts):
        for j in range(i + 1, len(texts)):
            b = texts[j]
            if is_repeat(a, b):
                continue
            shared = stems(a) & stems(b)
            union = stems(a) | stems(b)
            figures = set(re.findall(r"\d+", a)) & set(re.findall(r"\d+", b))
            names = {n[:STEM].lower() for n in names_in(a) & names_in(b)}
            anchored = bool(figures or names) and len(shared - names) >= 1
            if union and (len(shared) / len(union) >= PARAPHRASE or anchored):
                found.append((i + 1, j + 1))
    return found


_LABEL = re.compile(r"(?:[A-Z][a-z][\w'’-]*\s+){0,2}[A-Z][a-z][\w'’-]*:\s")
_CREDIT = re.compile(
    r"\((?:photo|image|picture)s?\b|\b(?:photo|image|picture)s?\s*(?:copyright|credit|courtesy)"
    r"|\b(?:photo|image|picture)s?:|\bpictured\b|\bgetty images\b",
    flags=re.IGNORECASE,
)
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|do|does|"
    r"did|\w+ed|\w+[a-rt-z]s|said|told|took|made|went|came|saw|found|gave|got|left|held|"
    r"began|became|won|lost|sold|put|set|hit|cut|let|ran|met|paid|sent|kept|led|shot|fell|"
    r"\w+'(?:s|re|ve|ll|d)|\w+n't)\b",
    flags=re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    stripped = text.strip()
    if _LABEL.match(stripped) or _CREDIT.search(stripped):
        return True
    if stripped.startswith("(") and stripped.rstrip(".!?").endswith(")"):
        return True
    return not _VERBISH.search(stripped.replace("’", "'"))


def is_fragment(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped or stripped[0].islower() or not re.search(r"[.!?…][\"'”’)\]]*$", text):
        return True
    if stripped[0] in "\"“”'‘’" and stripped.count(stripped[0]) + stripped.count("”") < 2:
        return True  # opens inside a quotation whose start was left behind
    first = words(stripped[:40])
    return bool(first) and (first[0] in _OPENERS or first[:2] == ["an", "additional"])


def _story_brief(story: Story, articles: list[Article], ner: bool, relate: bool) -> Brief:
    """Compare and brief ``articles`` as ``story``; with ``relate``, over the relations the
    local engine finds among them (copies count as one source), else over none."""
    relations = local_relate(articles, [fingerprint(a) for a in articles]) if relate else []
    claims = [c for a in articles for c in extract_claims(a, ner=ner)]
    findings = compare_story(story, articles, claims, relations)
    return make_brief(story, articles, claims, findings, relations)


def fnc1_briefs(limit: int, ner: bool, relate: bool = False) -> list[Told]:
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with FNC1.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            stories[str(record["story"])].append(record)
    chosen = sorted((s for s, r in stories.items() if len(r) >= 2), key=_natural)[:limit]
    told = []
    for story_id in chosen:
        records = stories[story_id]
        articles = [_article(r) for r in records]
        story = Story(id=story_id, article_ids=tuple(a.id for a in articles), headline="")
        brief = _story_brief(story, articles, ner, relate)
        texts = {a.id: a.text for a in articles}
        told.append(Told("fnc1-dev", story_id, len(articles), brief, texts))
    return told


def train_briefs(limit: int, ner: bool, relate: bool = False) -> list[Told]:
    """Stories of FNC-1's training split: the bodies that agree with, deny or discuss one
    headline's claim (:data:`TRAIN_BODIES` of them), headlines taken in the order of their
    content hash, each body in one story at most."""
    records: dict[str, dict[str, Any]] = {}
    related: dict[str, list[str]] = defaultdict(list)
    with FNC1_TRAIN.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            records[str(record["id"])] = record
            for pair in record["headlines"]:
                if pair["stance"] != "unrelated":
                    related[pair["headline"]].append(str(record["id"]))
    used: set[str] = set()
    told = []
    low, high = TRAIN_BODIES
    for headline in sorted(related, key=lambda h: hashlib.sha256(h.encode()).hexdigest()):
        bodies = sorted(set(related[headline]), key=_natural)
        if len(told) >= limit or not low <= len(bodies) <= high or used & set(bodies):
            continue
        used |= set(bodies)
        articles = [_article({**records[b], "headlines": [{"headline": headline}]}) for b in bodies]
        story_id = "t" + hashlib.sha256(headline.encode()).hexdigest()[:6]
        story = Story(id=story_id, article_ids=tuple(a.id for a in articles), headline=headline)
        brief = _story_brief(story, articles, ner, relate)
        texts = {a.id: a.text for a in articles}
        told.append(Told("fnc1-train", story_id, len(articles), brief, texts))
    return told


def _natural(story_id: str) -> tuple[int, str]:
    digits = re.sub(r"\D", "", story_id)
    return (int(digits) if digits else 0, story_id)


def _article(record: dict[str, Any]) -> Article:
    headlines = record.get("headlines") or []
    title = Meta(headlines[0]["headline"], "FNC-1 headline") if headlines else None
    rid = str(record["id"])
    return Article(id=rid, ref=rid, source=rid, text=record["text"], title=title)


def pipeline_briefs(corpus: str, path: Path, ner: bool) -> list[Told]:
    """The briefs of the stories ``storyweave run`` finds in ``path``."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(Path(sys.executable).parent / "storyweave"),
            "run",
            str(path),
            "--db",
            ":memory:",
            "--json",
            str(out),
            "--ner",
            "on" if ner else "off",
            "--workers",
            "1",
            "-q",
            "--no-progress",
        ]
        subprocess.run(command, check=False, capture_output=True)
        if not out.is_file():
            return []
        report = json.loads(out.read_text(encoding="utf-8"))
    articles = {a["id"]: _reported_article(a) for a in report["articles"]}
    relations = [
        Relation(a=r["a"], b=r["b"], kind=r["kind"], score=r["score"])
        for r in report.get("relations", [])
    ]
    told = []
    for raw in report["stories"]:
        members = [articles[m] for m in raw["articles"] if m in articles]
        story = Story(id=raw["id"], article_ids=tuple(a.id for a in members), headline="")
        ids = set(story.article_ids)
        within = [r for r in relations if r.a in ids and r.b in ids]
        claims = [c for a in members for c in extract_claims(a, ner=ner)]
        findings = compare_story(story, members, claims, within)
        brief = make_brief(story, members, claims, findings, within)
        texts = {a.id: a.text for a in members}
        told.append(Told(corpus, story.id, len(members), brief, texts))
    return told


def _reported_article(raw: dict[str, Any]) -> Article:
    title = Meta(raw["title"], "report") if raw.get("title") else None
    published = Meta(raw["published"], "report") if raw.get("published") else None
    return Article(
        id=raw["id"],
        ref=raw["ref"],
        source=raw["source"],
        text=raw["text"],
        title=title,
        published=published,
    )


def check(told: Sequence[Told]) -> dict[str, float]:
    multi = [t for t in told if t.size >= 2 and t.brief.sentences]
    first_ok = 0
    repeats = fragments = cited = supported = sentences_total = agreeing = denying = 0
    possible = captions = 0
    hoaxes = sum(t.brief.hoax is not None for t in multi)
    for item in multi:
        first = item.brief.sentences[0]
        backing = [s for s in first.sources if best_match(first.text, item.texts[s])[0] >= SUPPORT]
        first_ok += len(backing) >= 2
        said = [s.text for s in item.brief.sentences]
        for i, a in enumerate(said):
            for b in said[i + 1 :]:
                repeats += is_repeat(a, b)
        possible += len(possible_repeats(item.brief))
        for sentence in item.brief.sentences:
            sentences_total += 1
            fragments += is_fragment(sentence.text)
            captions += is_caption(sentence.text)
            for source in sentence.sources:
                cited += 1
                supported += best_match(sentence.text, item.texts[source])[0] >= SUPPORT
        stances = citation_stances(item)
        agreeing += stances.count("supports")
        denying += stances.count("denies")
    return {
        "briefs": len(multi),
        "sentences": sentences_total,
        "sentences per brief": sentences_total / len(multi) if multi else 0.0,
        "told as hoax": hoaxes,
        "first supported by 2+": first_ok / len(multi) if multi else 0.0,
        "repeated pairs": repeats,
        "possible repeats": possible,
        "fragments": fragments,
        "captions": captions,
        "citations": cited,
        "supported citations": supported / cited if cited else 0.0,
        "stance supports": agreeing / cited if cited else 0.0,
        "stance denies": denying,
    }


def sheet(told: Sequence[Told]) -> str:
    lines = ["# Briefs for hand judgement", ""]
    for item in told:
        if item.size < 2:
            continue
        lines += [f"## {item.corpus} {item.story} ({item.size} articles)", ""]
        stances = iter(citation_stances(item))
        for n, sentence in enumerate(item.brief.sentences, 1):
            lines.append(f"{n}. {sentence.text} [{', '.join(sentence.sources)}]")
            for source in sentence.sources:
                score, match = best_match(sentence.text, item.texts[source])
                match = match or closest(sentence.text, item.texts[source])
                lines.append(f"    - {source} ({score:.2f}, {next(stances)}): {match[:300]}")
        if item.brief.hoax is not None:
            called = ", ".join(c.article_id for c in item.brief.hoax.called_false)
            left = ", ".join(item.brief.hoax.told_as_fact) or "none"
            lines += ["", f"Told as a hoax: called false by {called}; left out as fact: {left}"]
        pairs = possible_repeats(item.brief)
        if pairs:
            shown = ", ".join(f"{i}/{j}" for i, j in pairs)
            lines += ["", f"Possible repeats (judge by hand): {shown}"]
        lines += ["", "Leads:"]
        for aid, text in item.texts.items():
            lead = " ".join(sentences(text)[:2])
            lines.append(f"- {aid}: {lead[:300]}")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    """Print the checks per corpus (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="write the briefs for hand judgement here")
    parser.add_argument("--limit", type=int, default=1000, help="at most N FNC-1 stories")
    parser.add_argument("--train", type=int, default=10, help="FNC-1 training stories to brief")
    parser.add_argument("--ner", choices=("on", "off"), default="off")
    parser.add_argument(
        "--relate",
        action="store_true",
        help="FNC-1 stories over the relations found among their bodies, as a run has them "
        "(copies count as one source); without it, over none, as the judgements so far",
    )
    args = parser.parse_args()
    ner = args.ner == "on"
    # a missing data set would leave its corpus out of the figures without a word
    missing = [str(p) for p in (FNC1, FNC1_TRAIN) if not p.is_file()]
    missing += [str(p) for p in (DEMO, SEEDS) if not p.is_dir()]
    if missing:
        print("needs " + ", ".join(missing), file=sys.stderr)
        return 1
    told: list[Told] = fnc1_briefs(args.limit, ner, args.relate)
    if args.train:
        told += train_briefs(args.train, ner, args.relate)
    for corpus, path in (("demo", DEMO), ("seeds", SEEDS)):
        told += pipeline_briefs(corpus, path, ner)
    results: dict[str, dict[str, float | int]] = {}
    for corpus in sorted({t.corpus for t in told}):
        figures = check([t for t in told if t.corpus == corpus])
        results[corpus] = figures
        shown = ", ".join(
            f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()
        )
        print(f"{corpus}: {shown}")
    if args.sheet:
        args.sheet.write_text(sheet(told), encoding="utf-8")
        print(f"sheet: {args.sheet}")
    save("briefs", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
