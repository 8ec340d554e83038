"""Turn a hand-written claim annotation (a small line format) into the offsets file the claims
evaluation reads (``tests/data/claims/*.json``).

The line format names spans by the words they hold, so a person can write and review it; the
output keeps only offsets into the clean article text, a short hash of each span and, for
numbers, dates and names, the normalised value. Where ``--no-text`` is given (third-party
articles), no span text is written at all, only offsets, hashes and values.

Usage::

    python tools/claims_annotate.py ANNOTATION CORPUS_DIR OUT.json [--no-text]

Lines (``#`` starts a comment; fields are separated by `` || ``; ``@k`` picks the k-th
occurrence, 1-based, of a phrase in the article):

    @ REF [|| PUBLISHED]              start an article (file name, or ``feed.jsonl#ID``)
    q OPENING WORDS[@k] || SPEAKER    a quote; the span runs from the opening words to the
                                      closing quote mark (or the end of the paragraph)
    x SPAN[@k] || VALUE [|| APPROX]   a quantity, VALUE ``LOW[-HIGH] UNIT`` (``14 km``)
    d SPAN[@k] || VALUE               a date or time (``2026-03-03``, ``T05:15``, ``--12-30``,
                                      ``?`` when it cannot be resolved)
    n NAME || TYPE [|| CANONICAL]     every occurrence of NAME not inside a longer name already
                                      marked (TYPE: person, org, place)
    n@k NAME || TYPE [|| CANONICAL]   only the k-th occurrence (overrides an earlier ``n``)
    n- NAME@k                         drop the k-th occurrence
    F STORY || KIND || STATUS || SUBJECT   an expected finding; then one line per variant:
    v REF || KIND || PHRASE[@k] [;; REF || KIND || PHRASE[@k] ...]
                                      the annotated claims of that variant (the claim of KIND
                                      whose span holds the phrase)
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave.clean import clean_document
from storyweave.errors import InputError
from storyweave.ingest import read_inputs

_QUOTE_CLOSE = '"”'


def span_hash(text: str) -> str:
    """The short hash stored with every span: the first 12 hex digits of its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass
class _Article:
    ref: str
    text: str
    published: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    names: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    pending: list[tuple[str, list[str]]] = field(default_factory=list)

    def settle_names(self) -> None:
        """Apply the name lines: every-occurrence lines longest name first, then the rest."""
        every = sorted((f for h, f in self.pending if h == "n"), key=lambda f: -len(f[0]))
        for fields in every:
            _all_names(self, fields[0], fields[1], fields[2] if len(fields) > 2 else "")
        for head, fields in self.pending:
            if head != "n":
                _name_override(self, head, fields)
        self.pending.clear()


def clean_texts(corpus: Path) -> dict[str, tuple[str, str]]:
    """Clean text and published value of every article under ``corpus``, by corpus-relative ref."""
    found: dict[str, tuple[str, str]] = {}
    for item in read_inputs([str(corpus)]):
        if isinstance(item, InputError):
            continue
        article = clean_document(item)
        ref = str(Path(item.ref).relative_to(corpus)) if "#" not in item.ref else item.ref
        if "#" in ref:
            path, _, rid = ref.partition("#")
            ref = f"{Path(path).name}#{rid}"
        found[ref] = (article.text, article.published.value if article.published else "")
    return found


def _occurrence(text: str, phrase: str, word_bounded: bool = False) -> tuple[int, int]:
    phrase, _, index = phrase.rpartition("@") if re.search(r"@\d+$", phrase) else (phrase, "", "1")
    pattern = re.escape(phrase)
    if word_bounded:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    matches = list(re.finditer(pattern, text))
    k = int(index)
    if len(matches) < k:
        raise ValueError(f"phrase not found ({k}): {phrase!r}")
    match = matches[k - 1]
    return match.start(), match.end()


def _quote_span(text: str, opening: str) -> tuple[int, int]:
    start, _ = _occurrence(text, opening)
    ends = [i for i in (text.find(c, start) for c in _QUOTE_CLOSE) if i >= 0]
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = min([*ends, line_end])
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _all_names(article: _Article, name: str, kind: str, canonical: str) -> None:
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article.text):
        span = (match.start(), match.end())
        if any(s < span[1] and span[0] < e for s, e in article.names):
            continue
        article.names[span] = {"type": kind, "value": canonical or name}


def annotation_lines(lines: list[str]) -> Iterator[tuple[int, str, str, str, list[str]]]:
    """(line number, line, kind, rest, fields) of each annotation line that is no blank and no
    comment: ``KIND rest``, the rest split into ``||``-separated fields."""
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        yield number, line, head, rest, [f.strip() for f in rest.split("||")]


def parse(lines: list[str], texts: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """Resolve the annotation ``lines`` against the clean ``texts``."""
    articles: dict[str, _Article] = {}
    current: _Article | None = None
    findings: list[dict[str, Any]] = []
    for number, line, head, rest, fields in annotation_lines(lines):
        try:
            if head == "@":
                if current is not None:
                    current.settle_names()
                text, published = texts[fields[0]]
                current = articles[fields[0]] = _Article(fields[0], text, published)
            elif head == "F":
                story, kind, status, subject = fields
                findings.append(
                    {
                        "story": story,
                        "kind": kind,
                        "status": status,
                        "subject": subject,
                        "variants": [],
                    }
                )
            elif head == "v":
                if current is not None:
                    current.settle_names()
                findings[-1]["variants"].append(_variant(rest, articles))
            else:
                assert current is not None, "claim before any article"
                _claim_line(current, head, fields)
        except (KeyError, ValueError, AssertionError) as error:
            raise SystemExit(f"line {number}: {error}: {line}") from error
    for article in articles.values():
        article.settle_names()
        for (start, end), info in article.names.items():
            article.claims.append({"kind": "name", "start": start, "end": end, **info})
        article.claims.sort(key=lambda c: (c["start"], c["kind"]))
    return {"articles": articles, "findings": findings}


def _claim_line(article: _Article, head: str, fields: list[str]) -> None:
    text = article.text
    if head == "q":
        start, end = _quote_span(text, fields[0])
        article.claims.append({"kind": "quote", "start": start, "end": end, "speaker": fields[1]})
    elif head == "x":
        start, end = _occurrence(text, fields[0])
        claim = {"kind": "quantity", "start": start, "end": end, "value": fields[1]}
        if len(fields) > 2 and fields[2]:
            claim["approx"] = fields[2]
        article.claims.append(claim)
    elif head == "d":
        start, end = _occurrence(text, fields[0])
        article.claims.append({"kind": "date", "start": start, "end": end, "value": fields[1]})
    elif head == "n" or head.startswith("n@") or head == "n-":
        article.pending.append((head, fields))
    else:
        raise ValueError(f"unknown line kind {head!r}")


def _name_override(article: _Article, head: str, fields: list[str]) -> None:
    text = article.text
    if head.startswith("n@"):
        name = f"{fields[0]}@{head[2:]}"
        span = _occurrence(text, name, word_bounded=True)
        for other in [s for s in article.names if s[0] < span[1] and span[0] < s[1]]:
            del article.names[other]
        canonical = fields[2] if len(fields) > 2 else fields[0]
        article.names[span] = {"type": fields[1], "value": canonical}
    elif head == "n-":
        span = _occurrence(text, fields[0], word_bounded=True)
        article.names.pop(span, None)


def _variant(rest: str, articles: dict[str, _Article]) -> list[dict[str, Any]]:
    claims = []
    for part in rest.split(";;"):
        ref, kind, phrase = (f.strip() for f in part.split("||"))
        article = articles[ref]
        start, end = _occurrence(article.text, phrase)
        pool = article.claims + [{"kind": "name", "start": s, "end": e} for (s, e) in article.names]
        hit = next(
            (c for c in pool if c["kind"] == kind and c["start"] <= start and end <= c["end"]),
            None,
        )
        if hit is None:
            raise ValueError(f"no annotated {kind} claim holds {phrase!r} in {ref}")
        claims.append({"ref": ref, "start": hit["start"], "end": hit["end"]})
    return claims


def render(parsed: dict[str, Any], corpus: str, with_text: bool) -> dict[str, Any]:
    """The offsets file: per article its claims with hashes (and text only if allowed)."""
    out_articles = []
    for article in parsed["articles"].values():
        claims = []
        for claim in article.claims:
            span = article.text[claim["start"] : claim["end"]]
            item = dict(claim)
            item["sha"] = span_hash(span)
            if with_text:
                item["text"] = span
            claims.append(item)
        out_articles.append(
            {
                "ref": article.ref,
                "text_sha": span_hash(article.text),
                "published": article.published or None,
                "claims": claims,
            }
        )
    return {
        "schema": "storyweave.claims-eval/1",
        "corpus": corpus,
        "articles": out_articles,
        "findings": parsed["findings"],
    }


def main(argv: list[str]) -> int:
    """Build the offsets file; see the module docstring."""
    annotation, corpus, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    with_text = "--no-text" not in argv
    texts = clean_texts(corpus)
    parsed = parse(annotation.read_text(encoding="utf-8").splitlines(), texts)
    label = argv[argv.index("--corpus-label") + 1] if "--corpus-label" in argv else str(corpus)
    document = render(parsed, label, with_text)
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for article in document["articles"]:
        for claim in article["claims"]:
            counts[claim["kind"]] = counts.get(claim["kind"], 0) + 1
    print(
        f"{out}: {len(document['articles'])} articles, {counts}, "
        f"{len(document['findings'])} findings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
