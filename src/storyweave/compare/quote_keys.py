"""The word keys quotes are compared by: what differs only in spelling is one wording.

Wordings are compared by word *keys* (:func:`spelling_key`), so that what differs only in
spelling is one wording: British and American spellings (``harbour``/``harbor``,
``realise``/``realize``, ``centre``/``center``, ``travelled``/``traveled``), apostrophes and
hyphens (``I'm``/``Im``, ``first-hand``/``firsthand``), accents, number formats (``1 million``,
``1m``, ``one million``; ``5,000``; ``twenties``/``20s``), contractions (``we're``/``we are``),
words an editor inserted in brackets (``[the army]``), the same words reordered, and a censored word
(``f***``) against the word it hides, and an abbreviation against the words of its initials
(``U.N.``/``United Nations``), and a word marked "(sic)" against any word of its first letter.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyweave.text import fold, normalize

EDITOR_MARK = "[…]"  # the key standing for an editor's bracketed words in one reading
_INSERTION = re.compile(r"\[[^\]]*\]|\([^)]*\)")
ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"hundred": "100", "thousand": "1000"}
_DECADES = {
    w + "ies": f"{n}0s"
    for n, w in enumerate("twent thirt fort fift sixt sevent eight ninet".split(), start=2)
}
_MONTH_ABBREVIATIONS = {
    m[:3]: m
    for m in (
        "january february march april june july august september october november december"
    ).split()
} | {"sept": "september"}
_SCALES = {
    "m": "million",
    "mn": "million",
    "mln": "million",
    "bn": "billion",
    "b": "billion",
    "k": "thousand",
    "per": "per",
    "percent": "%",
    "pct": "%",
    "dlr": "dollars",
    "dlrs": "dollars",
    "dollar": "dollars",
}
_CONTRACTIONS = (
    ("n't", "not"),
    ("'re", "are"),
    ("'ll", "will"),
    ("'ve", "have"),
    ("'m", "am"),
    ("'d", "would"),
)
_BARE_CONTRACTIONS = {
    w.replace("'", ""): w
    for w in (
        "i'm i've you're they're we've they've don't can't didn't doesn't isn't wasn't aren't "
        "weren't couldn't wouldn't shouldn't hasn't haven't"
    ).split()
}
_IS_CONTRACTED = frozenset("he she it that there here what who where".split())
_SPELLING_RULES = (
    (re.compile(r"([^aeiou])our(s|ed|ing|ful|ite|ites|able)?$"), r"\1or\2"),  # colour
    (re.compile(r"([tb])re(s|d)?$"), r"\1er\2"),  # centre, fibre
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),  # realise
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"ence(s)?$"), r"ense\1"),  # defence
    (re.compile(r"([aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),  # travelled
    (re.compile(r"ae"), "e"),  # paediatric
)


@lru_cache(maxsize=65_536)  # quotes of one story repeat their words; a key is a word's alone
def spelling_key(word: str) -> str:
    """The key two spellings of one word share (see the module's docstring); a contraction
    gives the keys of its two words (``we're``: ``we are``)."""
    word = fold(word).lower().replace("’", "'")
    for ending, expanded in _CONTRACTIONS:
        if word.endswith(ending) and len(word) > len(ending):
            stem_part = word[: -len(ending)]
            stem_part = {"wo": "will", "ca": "can", "sha": "shall"}.get(stem_part, stem_part)
            return f"{spelling_key(stem_part)} {expanded}"
    if word == "cannot":
        return "can not"
    if word.endswith("'s") and word[:-2] in _IS_CONTRACTED:
        return f"{word[:-2]} is"  # "he's", "there's": "he is", "there is"
    if word in _BARE_CONTRACTIONS:  # written without the apostrophe: "Im", "dont"
        return spelling_key(_BARE_CONTRACTIONS[word])
    word = word.replace("'", "")
    if "-" in word.strip("-"):  # "metre-high": each part spelled as a word of its own
        return "".join(spelling_key(part) for part in word.split("-") if part)
    word = word.replace("-", "")
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word in _DECADES:  # "twenties", "20s"
        return _DECADES[word]
    if word in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[word]
    if word in _SCALES:
        return _SCALES[word]
    if word.replace(",", "").replace(".", "").isdigit():
        return word.replace(",", "")
    digits = re.fullmatch(r"(\d+(?:\.\d+)?)(m|mn|bn)", word)
    if digits:
        return f"{digits.group(1)} {'million' if digits.group(2) != 'bn' else 'billion'}"
    if "*" in word:
        return word[:1] + "*"
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


def keys(text: str, insertions: bool = True) -> list[str]:
    """The spelling keys of the words of quote text (``5m`` gives two keys); without the words
    an editor inserted in brackets when ``insertions`` is False."""
    if not insertions:
        text = _INSERTION.sub(" ", text)
    words = words_of(text)
    following = [*words[1:], ""] if words else []
    return " ".join(
        # a word the writer marked (sic) is the speaker's slip: it stands for any word of its
        # first letter, as a censored word does
        w[:1] + "*" if after == "sic" else spelling_key(w)
        for w, after in zip(words, following, strict=True)
        if w != "sic"
    ).split()


def words_of(text: str) -> list[str]:
    """Lower-cased words of quote text, as the extractor writes a quote's value."""
    return [
        w.lower()
        for w in re.findall(r"\d+(?:[,.]\d+)*[a-z]*|\w+(?:[’'.-]\w+)*\**", normalize(text))
    ]


def letters_of(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum())


def marked_keys(text: str) -> list[str]:
    """Keys with each bracketed insertion but "(sic)" as :data:`EDITOR_MARK`: the editor's
    words that stand in for the speaker's ("attacks on the (region)")."""
    found: list[str] = []
    position = 0
    for match in _INSERTION.finditer(text):
        if words_of(match[0]) == ["sic"]:
            continue
        found += [*keys(text[position : match.start()]), EDITOR_MARK]
        position = match.end()
    return found + keys(text[position:])
