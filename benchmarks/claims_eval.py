"""Claim extraction and ledger quality against our hand annotation (tests/data/claims/*.json).

For each annotated article the clean text is rebuilt from its corpus (examples/demo, and
../shared/seeds read in place) and checked against the stored hash: an article whose clean text
changed is reported and left out (its offsets would no longer hold). Claims are then extracted
with the NER model and with the rules alone, and matched one to one within an article and kind
by span overlap (most overlap first):

- ``span``: the spans overlap;
- ``value``: they overlap and the value agrees: a quote's speaker (same last word), a quantity's
  unit and low/high (1% tolerance), a date's resolved value (``?`` = left unresolved), a name's
  linked full form (case-insensitive); for names also ``type`` (person/org/place).

Pronoun links (``tests/data/claims/pronouns/*.json``, hand-annotated ``he``/``she``/``his``/``her``
that stand for a person named in the article) are scored apart, on the pronoun mentions the
extractor links (name claims with ``attrs["mention"] == "pronoun"``, which the ``name`` figures
leave out): ``span``: a pronoun annotated as standing for someone is linked (to anyone);
``link``: it is linked to the right person (its ``canonical`` equals the annotated full name).
Precision counts every link made, so a link made for a pronoun that stands for nobody named
(or a pronoun inside a quote about someone unnamed) is a false positive.

Findings: the whole corpus runs through the pipeline; an annotated finding is found when a
finding of the same kind and status has claims overlapping claims of two of its variants (one
variant with claims in two articles for ``corroborated``). Precision per status counts the
ledger's findings of that status that match an annotated one; corroborated findings are
annotated only for the main facts, so its precision is a lower bound.

Usage: ``python benchmarks/claims_eval.py [--mode ner|rules|both] [--json OUT] [--errors]``
(``--errors`` lists the pronoun links that miss).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

from _results import save  # benchmarks/_results.py
from claims_annotate import clean_texts, span_hash  # tools/claims_annotate.py
from storyweave.facts import extract_claims
from storyweave.facts.ner import ENV_VAR, model_available
from storyweave.records import Article, Claim, Meta

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "claims"
PRONOUN_DATA = DATA / "pronouns"
KINDS = ("quote", "quantity", "date", "name")
STATUSES = ("disputed", "garbled", "drifted", "corroborated")
TOLERANCE = 0.01


@dataclass
class Counts:
    """Matched / predicted / expected for one measure."""

    matched_pred: int = 0
    matched_gold: int = 0
    predicted: int = 0
    expected: int = 0

    def line(self) -> str:
        p = self.matched_pred / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.expected if self.expected else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (pred {self.predicted}, gold {self.expected})"

    def as_dict(self) -> dict[str, float]:
        p = self.matched_pred / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.expected if self.expected else 0.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "predicted": self.predicted,
            "expected": self.expected,
        }


def corpus_dir(label: str) -> Path:
    """The folder a data file's ``corpus`` names, relative to the repository root."""
    return (ROOT / label).resolve()


def load_sets() -> list[dict[str, Any]]:
    """The annotation files whose corpus is present."""
    sets = []
    for path in sorted(DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if corpus_dir(data["corpus"]).is_dir():
            data["name"] = path.stem
            sets.append(data)
        else:
            print(f"skip {path.name}: {data['corpus']} not present")
    return sets


def articles_of(data: dict[str, Any]) -> dict[str, Article]:
    """The annotated articles rebuilt from the corpus, checked against their text hash."""
    texts = clean_texts(corpus_dir(data["corpus"]))
    found = {}
    for item in data["articles"]:
        text, published = texts[item["ref"]]
        if span_hash(text) != item["text_sha"]:
            print(f"  {data['name']}: {item['ref']} clean text changed; left out")
            continue
        meta = Meta(published, "annotation") if published else None
        found[item["ref"]] = Article(
            id=item["ref"], ref=item["ref"], source=item["ref"], text=text, published=meta
        )
    return found


def _last_word(name: str) -> str:
    tokens = [t for t in name.lower().replace("’", "'").split() if t.isalnum() or "'" not in t]
    return tokens[-1].strip(".,") if tokens else ""


def _quantity_agrees(gold: dict[str, Any], claim: Claim) -> bool:
    number, _, unit = gold["value"].partition(" ")
    low, _, high = number.partition("-")
    if claim.attrs.get("unit", "").lower() != unit.lower():
        return False
    try:
        values = (float(claim.attrs["low"]), float(claim.attrs["high"]))
    except (KeyError, ValueError):
        return False
    wanted = (float(low), float(high or low))
    return all(
        abs(a - b) <= TOLERANCE * max(abs(b), 1e-9) for a, b in zip(values, wanted, strict=True)
    )


def value_agrees(gold: dict[str, Any], claim: Claim) -> bool:
    """Whether ``claim`` states the annotated value (see the module docstring)."""
    kind = gold["kind"]
    if kind == "quote":
        spoken = claim.attrs.get("speaker", "") or claim.subject
        return bool(spoken) and _last_word(spoken) == _last_word(gold["speaker"])
    if kind == "quantity":
        return _quantity_agrees(gold, claim)
    if kind == "date":
        if gold["value"] == "?":
            return claim.attrs.get("resolved") == "no"
        return claim.value == gold["value"]
    canonical = claim.attrs.get("canonical", claim.value)
    return canonical.lower() == str(gold["value"]).lower()


def type_agrees(gold: dict[str, Any], claim: Claim) -> bool:
    """Whether a name claim has the annotated entity type."""
    return claim.subject == gold.get("type")


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(golds: Sequence[dict[str, Any]], claims: Sequence[Claim], test: Any) -> int:
    """Greedy one-to-one matching by overlap among pairs passing ``test``; the match count."""
    pairs = []
    for i, gold in enumerate(golds):
        for j, claim in enumerate(claims):
            size = _overlap((gold["start"], gold["end"]), (claim.start, claim.end))
            if size and test(gold, claim):
                pairs.append((-size, i, j))
    used_g: set[int] = set()
    used_c: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_c:
            used_g.add(i)
            used_c.add(j)
    return len(used_g)


def score_claims(
    sets: Sequence[dict[str, Any]], ner: bool
) -> tuple[dict[str, dict[str, Counts]], dict[str, list[Claim]]]:
    """Per kind and measure, the counts over every annotated article; and the claims made."""
    table: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    made: dict[str, list[Claim]] = {}
    measures: dict[str, Any] = {
        "span": lambda g, c: True,
        "value": value_agrees,
        "type": lambda g, c: value_agrees(g, c) and type_agrees(g, c),
    }
    for data in sets:
        articles = articles_of(data)
        for item in data["articles"]:
            article = articles.get(item["ref"])
            if article is None:
                continue
            claims = extract_claims(article, ner=ner)
            made[f"{data['name']}/{item['ref']}"] = claims
            for kind in KINDS:
                golds = [g for g in item["claims"] if g["kind"] == kind]
                preds = [c for c in claims if c.kind == kind and not is_pronoun(c)]
                for measure, test in measures.items():
                    if measure == "type" and kind != "name":
                        continue
                    count = match(golds, preds, test)
                    cell = table[kind][measure]
                    cell.matched_gold += count
                    cell.matched_pred += count
                    cell.predicted += len(preds)
                    cell.expected += len(golds)
    return table, made


def is_pronoun(claim: Claim) -> bool:
    """Whether ``claim`` is a pronoun linked to a person (scored by :func:`score_pronouns`)."""
    return claim.attrs.get("mention") == "pronoun"


def _link_agrees(gold: dict[str, Any], claim: Claim) -> bool:
    return claim.attrs.get("canonical", "").lower() == str(gold["value"]).lower()


def load_pronoun_sets() -> list[dict[str, Any]]:
    """The pronoun annotation files whose corpus is present."""
    sets = []
    for path in sorted(PRONOUN_DATA.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if corpus_dir(data["corpus"]).is_dir():
            data["name"] = f"pronouns/{path.stem}"
            sets.append(data)
    return sets


def score_pronouns(
    sets: Sequence[dict[str, Any]], ner: bool, errors: list[str] | None = None
) -> dict[str, Counts]:
    """Pronoun links found against the annotated ones, per measure (``span``, ``link``); the
    misses go to ``errors`` when given."""
    table: dict[str, Counts] = defaultdict(Counts)
    measures: dict[str, Any] = {"span": lambda g, c: True, "link": _link_agrees}
    for data in sets:
        texts = clean_texts(corpus_dir(data["corpus"]))
        for item in data["articles"]:
            text = texts[item["ref"]][0]
            if span_hash(text) != item["text_sha"]:
                print(f"  {data['name']}: {item['ref']} clean text changed; left out")
                continue
            article = Article(id=item["ref"], ref=item["ref"], source=item["ref"], text=text)
            links = [c for c in extract_claims(article, ner=ner) if is_pronoun(c)]
            golds = item["links"]
            for measure, test in measures.items():
                count = match(golds, links, test)
                cell = table[measure]
                cell.matched_gold += count
                cell.matched_pred += count
                cell.predicted += len(links)
                cell.expected += len(golds)
            if errors is not None:
                errors.extend(_pronoun_misses(item["ref"], golds, links))
    return table


def _pronoun_misses(ref: str, golds: Sequence[dict[str, Any]], links: Sequence[Claim]) -> list[str]:
    made = {(c.start, c.end): c for c in links}
    wanted = {(g["start"], g["end"]): g["value"] for g in golds}
    misses = []
    for span, value in sorted(wanted.items()):
        claim = made.get(span)
        got = claim.attrs["canonical"] if claim else "-"
        if got.lower() != value.lower():
            how = claim.attrs.get("resolution", "") if claim else "not linked"
            misses.append(f"{ref} {span[0]}: want {value}, got {got} ({how})")
    for span, claim in sorted(made.items()):
        if span not in wanted:
            misses.append(
                f"{ref} {span[0]}: {claim.text!r} linked to {claim.attrs['canonical']} "
                f"({claim.attrs.get('resolution', '')}), annotated as no link"
            )
    return misses


def score_findings(sets: Sequence[dict[str, Any]], ner: bool) -> dict[str, Counts]:
    """Per status, annotated findings found and ledger findings matching one."""
    from storyweave.pipeline import weave
    from storyweave.store import open_store

    os.environ[ENV_VAR] = "on" if ner else "off"
    table: dict[str, Counts] = defaultdict(Counts)
    for data in sets:
        with open_store(":memory:") as store:
            result = weave([str(corpus_dir(data["corpus"]))], store, workers=1)
            claims = {c.id: c for c in store.claims()}
        refs = {a.id: _short_ref(a.ref, data["corpus"]) for a in result.articles}
        golds = data["findings"]
        for status in STATUSES:
            mine = [f for f in result.findings if f.status == status]
            wanted = [g for g in golds if g["status"] == status]
            cell = table[status]
            cell.predicted += len(mine)
            cell.expected += len(wanted)
            hits = [[_finding_matches(g, f, claims, refs) for f in mine] for g in wanted]
            cell.matched_gold += sum(any(row) for row in hits)
            cell.matched_pred += sum(any(col) for col in zip(*hits, strict=False)) if hits else 0
    return table


def _short_ref(ref: str, corpus: str) -> str:
    path, _, record = ref.partition("#")
    name = Path(path).name
    return f"{name}#{record}" if record else name


def _finding_matches(
    gold: dict[str, Any], finding: Any, claims: dict[str, Claim], refs: dict[str, str]
) -> bool:
    if finding.kind != gold["kind"]:
        return False
    spans = [
        (refs.get(claims[cid].article_id, ""), claims[cid].start, claims[cid].end)
        for variant in finding.variants
        for cid in variant.claims
        if cid in claims
    ]
    hit_variants = set()
    hit_articles = set()
    for index, variant in enumerate(gold["variants"]):
        for ref_claim in variant:
            for ref, start, end in spans:
                if ref == ref_claim["ref"] and _overlap(
                    (start, end), (ref_claim["start"], ref_claim["end"])
                ):
                    hit_variants.add(index)
                    hit_articles.add(ref)
    if len(gold["variants"]) == 1:
        return len(hit_articles) >= 2
    return len(hit_variants) >= 2


def report(
    mode: str,
    table: dict[str, dict[str, Counts]],
    findings: dict[str, Counts],
    pronouns: dict[str, Counts],
) -> None:
    print(f"== claims, {mode}")
    for kind in KINDS:
        for measure, cell in table[kind].items():
            print(f"  {kind:9s} {measure:6s} {cell.line()}")
    for measure, cell in pronouns.items():
        print(f"  {'pronoun':9s} {measure:6s} {cell.line()}")
    print(f"== findings, {mode}")
    for status in STATUSES:
        print(f"  {status:13s} {findings[status].line()}")


def main(argv: Iterable[str] | None = None) -> int:
    """Score the modes asked for and print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=("ner", "rules", "both"), default="both")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--errors", action="store_true", help="list the pronoun links missed")
    args = parser.parse_args(list(argv) if argv is not None else None)
    modes = ["ner", "rules"] if args.mode == "both" else [args.mode]
    if "ner" in modes and not model_available():
        print("NER model not installed: scoring the rules only")
        modes = ["rules"]
    sets = load_sets()
    pronoun_sets = load_pronoun_sets()
    figures: dict[str, Any] = {}
    for mode in modes:
        table, _ = score_claims(sets, ner=mode == "ner")
        errors: list[str] = []
        pronouns = score_pronouns(pronoun_sets, ner=mode == "ner", errors=errors)
        findings = score_findings(sets, ner=mode == "ner")
        report(mode, table, findings, pronouns)
        if args.errors:
            print(f"== pronoun links missed, {mode}")
            for line in errors:
                print(f"  {line}")
        figures[mode] = {
            "claims": {k: {m: c.as_dict() for m, c in v.items()} for k, v in table.items()},
            "pronouns": {m: c.as_dict() for m, c in pronouns.items()},
            "findings": {s: c.as_dict() for s, c in findings.items()},
        }
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    save("claims_eval", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
