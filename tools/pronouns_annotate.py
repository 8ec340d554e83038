"""Turn a hand-written pronoun annotation into the offsets file the claims evaluation reads
(``tests/data/claims/pronouns/*.json``).

Line format (``#`` starts a comment, fields separated by `` || ``)::

    @ REF                    start an article (file name, or ``feed.jsonl#ID``)
    p PRONOUN@k || PERSON    the k-th whole-word occurrence of PRONOUN (case as written)
                             stands for PERSON (the full name, as the name annotation has it)

Only pronouns that stand for a person named in the article are listed. The output keeps the
offsets into the clean text, a 12-hex sha256 prefix of the span and the person; with
``--no-text`` (third-party articles) no span text at all.

Usage: ``python tools/pronouns_annotate.py ANNOTATION CORPUS_DIR OUT.json [--no-text]
[--corpus-label LABEL]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claims_annotate import _occurrence, annotation_lines, clean_texts, span_hash

SCHEMA = "storyweave.pronouns-eval/1"


def parse(lines: list[str], texts: dict[str, tuple[str, str]], with_text: bool) -> list[Any]:
    """The annotated articles: ref, text hash and pronoun links with offsets."""
    articles: list[dict[str, Any]] = []
    for number, line, head, _, fields in annotation_lines(lines):
        try:
            if head == "@":
                text = texts[fields[0]][0]
                articles.append({"ref": fields[0], "text_sha": span_hash(text), "links": []})
            elif head == "p":
                text = texts[articles[-1]["ref"]][0]
                start, end = _occurrence(text, fields[0], word_bounded=True)
                link: dict[str, Any] = {
                    "start": start,
                    "end": end,
                    "value": fields[1],
                    "sha": span_hash(text[start:end]),
                }
                if with_text:
                    link["text"] = text[start:end]
                articles[-1]["links"].append(link)
            else:
                raise ValueError(f"unknown line kind {head!r}")
        except (KeyError, ValueError, IndexError) as error:
            raise SystemExit(f"line {number}: {error}: {line}") from error
    return articles


def main(argv: list[str]) -> int:
    """Build the offsets file; see the module docstring."""
    annotation, corpus, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    label = argv[argv.index("--corpus-label") + 1] if "--corpus-label" in argv else str(corpus)
    texts = clean_texts(corpus)
    lines = annotation.read_text(encoding="utf-8").splitlines()
    articles = parse(lines, texts, with_text="--no-text" not in argv)
    document = {"schema": SCHEMA, "corpus": label, "articles": articles}
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    count = sum(len(a["links"]) for a in articles)
    print(f"{out}: {len(articles)} articles, {count} pronoun links")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
