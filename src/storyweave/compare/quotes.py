"""Quotes aligned across a story: the same speaker's words, corroborated or drifted.

Two quotes align when their speakers are compatible (same key, a shared name word, or a name
that differs only by a garbled surname) and their words match: the words of the shorter quote
found, in order, in the longer (difflib matching blocks) make up at least
:data:`MIN_SPEAKER_MATCH` of it, with at least :data:`MIN_MATCHED_WORDS` words (or, for a short
partial quote, :data:`MIN_SHORT_QUOTE_MATCH` with :data:`MIN_SHORT_QUOTE_WORDS` words); a quote
without a speaker needs :data:`MIN_UNATTRIBUTED_MATCH`. A quote that is a contiguous excerpt of
another is the same wording. Different wordings of one aligned quote make it ``drifted``.

Wordings are compared by word *keys* (:func:`spelling_key`), so that what differs only in
spelling is one wording: British and American spellings (``harbour``/``harbor``,
``realise``/``realize``, ``centre``/``center``, ``travelled``/``traveled``), apostrophes and
hyphens (``I'm``/``Im``, ``first-hand``/``firsthand``), accents, number formats (``1 million``,
``1m``, ``one million``; ``5,000``; ``twenties``/``20s``), contractions (``we're``/``we are``),
words an editor inserted in brackets (``[the army]``), the same words reordered, and a censored word
(``f***``) against the word it hides, and an abbreviation against the words of its initials
(``U.N.``/``United Nations``), and a word marked "(sic)" against any word of its first letter.
A quote cut with an ellipsis (``"We will … win"``) matches any wording holding its pieces in
order. A drift needs a changed word after all that, within quotes that are mostly the same
words (:data:`MIN_DRIFT_SHARE`) and share a run of :data:`MIN_DRIFT_RUN` words: two different
sentences of one speaker are two quotes, not one drifted quote; and wordings that differ in more
than :data:`MAX_DRIFT_CHANGES` places are a drift only when one article rewords the other or
is labelled a spinner's copy: between independent reports, so many changes are more often the
speaker on the same theme twice than one remark misquoted. A typo (one letter off in a
longer word) or another inflection of a word (``build``/``building``) is no change, nor are
words left out in pieces of :data:`MIN_CUT_WORDS` or more without an ellipsis (an unmarked cut);
a dropped or added negation ("not", "never") always is. Wordings that differ only in function
words ("the" for "our", a dropped "just") are neither a drift nor the same words: they
corroborate nothing; nor are two quotes that share words but each go on beyond them (two
remarks, one repeated sentence in each). Words that differ at the ends of a short partial
quote are the reporter's own.

Two wordings said on different occasions are two remarks, not a drift: when every article of
one was published more than :data:`MAX_DAYS_APART` days from every article of the other, or when
both attributions name where the words were said ("told a Senate committee", "in an interview
with CNN") and the two places share no word. Press audiences ("told reporters", "a news
conference") name no particular occasion.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.distance import OSA

from storyweave.compare.common import (
    MAX_DAYS_APART,
    StoryContext,
    fold,
    make_finding,
    make_variant,
)
from storyweave.graph import components
from storyweave.lexicon import ROLE_WORDS, is_function_word
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.text import normalize

MIN_SPEAKER_MATCH = 0.35
MIN_MATCHED_WORDS = 5
MIN_SHORT_QUOTE_MATCH = 0.7
MIN_SHORT_QUOTE_WORDS = 3
MIN_UNATTRIBUTED_MATCH = 0.9
SUBJECT_WORDS = 6
_ANCHOR_GAP = 3
SAME_WORDS = "same words, different extent"
MIN_DRIFT_SHARE = 0.5  # of the shorter wording's words, found in order in the longer
MIN_DRIFT_RUN = 3  # words in a row that two wordings of one quote share
MAX_DRIFT_CHANGES = 2  # separate changes between independent reports of one quote
MIN_TYPO_LETTERS = 4
MIN_CUT_WORDS = 3  # words left out in one piece: an unmarked cut, not a change of words
_INFLECTIONS = ("s", "es", "d", "ed", "ing")
_NEGATIONS = frozenset("not no never nothing nobody none neither nor".split())
MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.75
SHORT_QUOTE_WORDS = 6  # a wording this short needs MIN_SHORT_QUOTE_MATCH instead of a run
VENUE_WORDS = 5
_VENUE = re.compile(
    r"\b(?:told|interview with|interviewed by|testified before|testifying before|testimony to"
    r"|speech to|address to|speaking to|appearing on)\s+"
    r"(?P<venue>[^,.;:()\"“”]+)",
    re.IGNORECASE,
)
_VENUE_END = re.compile(
    r"\b(?:that|in|on|at|by|after|before|when|while|about|as|and|but|of|to|for)\b", re.I
)
_INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody one another others".split()
)
_PRESS_WORDS = frozenset(
    "reporters journalists newsmen correspondents press news conference briefing media "
    "interview television radio newspaper him her them me us you it".split()
)
_TITLE_NOUNS = frozenset(
    "headline headlines headlined titled entitled title caption captioned banner".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")
TITLE_CUE_WORDS = 4  # how far before a quote a word naming it a title may stand
EDITOR_MARK = "[…]"  # the key standing for an editor's bracketed words in one reading
_INSERTION = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
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


def quote_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quote claims (one per aligned group of quotes)."""
    quotes = [
        c
        for c in claims
        if c.kind == FactKind.QUOTE and not _title(c.text) and not _named_as_title(ctx, c)
    ]
    findings: list[Finding] = []
    for group in _align(quotes):
        findings.append(_finding(ctx, group))
    return findings


def _title(text: str) -> bool:
    """Whether quoted text is a title in title case ("Can This Burger Get More Likes"): most of
    its longer words capitalised. Titles of pages, films and studies are not things said."""
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)[1:] if len(w) >= MIN_TYPO_LETTERS]
    capitalised = sum(w[:1].isupper() for w in longer)
    return len(longer) >= MIN_TITLE_WORDS and capitalised >= TITLE_SHARE * len(longer)


def _named_as_title(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the words before a quote, in its sentence, introduce it as a headline, title or
    caption ("its headline said", "a report entitled"): text someone printed, not words someone
    said. ("He made headlines. "I'm sorry," he said" is said.)"""
    text = ctx.texts.get(claim.article_id, "")[max(0, claim.start - 60) : claim.start]
    before = words_of(_SENTENCE_END.split(text)[-1])
    return any(w in _TITLE_NOUNS for w in before[-TITLE_CUE_WORDS:])


def match_share(short: Sequence[str], long: Sequence[str]) -> tuple[float, int]:
    """Share of ``short``'s words found in order in ``long``, and how many words that is."""
    share, matched, _ = _matching(short, long)
    return share, matched


def _matching(short: Sequence[str], long: Sequence[str]) -> tuple[float, int, int]:
    """Share and number of ``short``'s words found in order in ``long``, and the longest run."""
    if len(short) > len(long):
        short, long = long, short
    if not short:
        return 0.0, 0, 0
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    blocks = matcher.get_matching_blocks()
    matched = sum(block.size for block in blocks)
    return matched / len(short), matched, max(block.size for block in blocks)


def speakers_compatible(a: Claim, b: Claim) -> bool:
    """Same speaker key, a shared name word, or the same first name with a garbled surname."""
    if not a.subject or not b.subject:
        return False
    if a.subject == b.subject:
        return True
    words_a = a.attrs.get("speaker", "").lower().split()
    words_b = b.attrs.get("speaker", "").lower().split()
    if set(words_a) & set(words_b) - {"the", "a", "an"}:
        return True
    return (
        len(words_a) >= 2
        and len(words_b) >= 2
        and words_a[0] == words_b[0]
        and _common_prefix(words_a[-1], words_b[-1]) >= 3
    )


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


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


def _censored_match(a: str, b: str) -> bool:
    return (a.endswith("*") or b.endswith("*")) and a[:1] == b[:1]


def _misspelt(a: str, b: str) -> bool:
    """One edit (or two letters swapped) apart in a word of :data:`MIN_TYPO_LETTERS` letters or
    more (``disbelier``, ``fsical``, ``al-shabab``/``al-shabaab``, ``lost``/``loss``, a letter
    dropped from one: ``wil``/``will``): a typo or a transliteration, not a changed word."""
    return (
        max(len(a), len(b)) >= MIN_TYPO_LETTERS
        and min(len(a), len(b)) >= MIN_TYPO_LETTERS - 1
        and not (a.isdigit() or b.isdigit())
        and OSA.distance(a, b, score_cutoff=1) <= 1
    )


def _inflection_of(a: str, b: str) -> bool:
    """``independent``/``independently``: a dropped "-ly" is a slip, not another word; so is
    another inflection of one verb or noun (``build``/``building``, ``risk``/``risks``)."""
    if a + "ly" == b or b + "ly" == a:
        return True
    short, long = sorted((a, b), key=len)
    dropped_e = short.endswith("e") and long in (short[:-1] + "ing", short[:-1] + "ed")
    return len(short) >= MIN_TYPO_LETTERS and (
        dropped_e or any(long == short + ending for ending in _INFLECTIONS)
    )


def _aligned(a: Claim, b: Claim, words_a: list[str], words_b: list[str]) -> bool:
    # The speaker test is cheap and rules out most pairs before any sequence matching.
    if speakers_compatible(a, b):
        share, matched, run = _matching(words_a, words_b)
        if share >= MIN_SHORT_QUOTE_MATCH and matched >= MIN_SHORT_QUOTE_WORDS:
            return True  # a short partial quote, mostly found in the longer one
        return share >= MIN_SPEAKER_MATCH and matched >= MIN_MATCHED_WORDS and run >= MIN_DRIFT_RUN
    if not a.subject or not b.subject:
        share, matched = match_share(words_a, words_b)
        return share >= MIN_UNATTRIBUTED_MATCH and matched >= MIN_MATCHED_WORDS
    return False


def _align(quotes: list[Claim]) -> list[list[Claim]]:
    folded = [" ".join(keys(q.text)) for q in quotes]
    words = [f.split() for f in folded]

    def aligned(i: int, j: int) -> bool:
        a, b = quotes[i], quotes[j]
        comparable = a.article_id != b.article_id or _is_excerpt(folded[i], folded[j])
        return comparable and _aligned(a, b, words[i], words[j])

    indices = range(len(quotes))
    pairs = ((i, j) for i in indices for j in range(i + 1, len(quotes)) if aligned(i, j))
    return [
        sorted((quotes[i] for i in members), key=lambda c: (c.article_id, c.start))
        for members in components(indices, pairs)
    ]


def _is_excerpt(first: str, second: str) -> bool:
    return f" {first} " in f" {second} " or f" {second} " in f" {first} "


def _wordings(ctx: StoryContext, group: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """Distinct wordings by their word keys, excerpts and cut quotes merged into the longest
    wording that contains them; each wording named by the earliest quote of that longest
    wording, as written."""
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_key[" ".join(keys(claim.text))].append(claim)
    ordered = sorted(by_key, key=lambda v: (-len(v.split()), v))
    merged: dict[str, list[Claim]] = {}
    for value in ordered:
        # "third quarter" and "third-quarter", "min ute" and "minute": one wording, written
        # or extracted differently (letters and digits compared, nothing else).
        container = next(
            (m for m in merged if _letters(value) in _letters(m) or _cut_of(by_key[value], m)),
            None,
        )
        if container is None:
            merged[value] = list(by_key[value])
        else:
            merged[container].extend(by_key[value])
    # named by the full wording, not by an excerpt merged into it
    named = [(_as_written(ctx, by_key[key]), key, claims) for key, claims in merged.items()]
    named.sort(key=lambda item: (-ctx.sources(item[2]), ctx.earliest(item[2]), item[1]))
    return [(text, claims) for text, _, claims in named]


def _cut_of(claims: list[Claim], container: str) -> bool:
    """Whether a quote marked as cut ("… win …") has all its pieces, in order, in ``container``."""
    cut = next((c for c in claims if _ELLIPSIS.search(c.text)), None)
    if cut is None:
        return False
    pieces = [" ".join(keys(p)) for p in _ELLIPSIS.split(cut.text)]
    position = 0
    text = f" {container} "
    for piece in filter(None, pieces):
        found = text.find(f" {piece} ", position)
        if found < 0:
            return False
        position = found + len(piece) + 1
    return True


def words_of(text: str) -> list[str]:
    """Lower-cased words of quote text, as the extractor writes a quote's value."""
    return [
        w.lower()
        for w in re.findall(r"\d+(?:[,.]\d+)*[a-z]*|\w+(?:[’'.-]\w+)*\**", normalize(text))
    ]


def _as_written(ctx: StoryContext, claims: list[Claim]) -> str:
    first = min(claims, key=lambda c: (ctx.order.get(c.article_id, len(ctx.order)), c.start))
    return " ".join(first.text.split()).rstrip(",;: ")


def _letters(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum())


def _finding(ctx: StoryContext, group: list[Claim]) -> Finding:
    wordings = _wordings(ctx, group)
    variants = [make_variant(ctx, value, claims) for value, claims in wordings]
    reference_value, reference_claims = wordings[0]
    speaker = speaker_shown(reference_claims, group)
    opening = " ".join(reference_value.split()[:SUBJECT_WORDS])
    subject = f"{speaker}: “{opening}…”" if speaker else f"“{opening}…”"
    reference = _key_words(reference_claims)
    names = _proper_words(group)
    reference_articles = {c.article_id for c in reference_claims}
    relations = [
        ""  # an article giving both wordings quotes two remarks, not one differently
        if reference_articles & {c.article_id for c in claims}
        or _said_by_others(reference_claims, claims)
        or _other_occasion(ctx, reference_claims, claims)
        else _relation(
            reference, _key_words(claims), names, _reworded(ctx, reference_claims, claims)
        )
        for _, claims in wordings[1:]
    ]
    drifts = [
        (variant, diff)
        for variant, diff in zip(variants[1:], relations, strict=True)
        if diff not in (SAME_WORDS, "")
    ]
    if drifts:
        evidence = [
            f"wording in {', '.join(v.sources)} differs from {', '.join(variants[0].sources)}: "
            f"{diff}"
            for v, diff in drifts
        ]
        return make_finding(ctx, FactKind.QUOTE, FindingStatus.DRIFTED, subject, variants, evidence)
    # The same words, quoted at different lengths or spellings, are one wording; a wording too
    # unlike the reference to tell (another remark of the speaker) corroborates nothing.
    same = list(reference_claims)
    for (_, claims), relation in zip(wordings[1:], relations, strict=True):
        if relation == SAME_WORDS:
            same += claims
    sources = ctx.sources(same)
    status = FindingStatus.CORROBORATED if sources >= 2 else FindingStatus.SINGLE_SOURCE
    evidence = [f"same wording in {sources} independent source(s)"]
    if len({c.value for c in same}) > 1:
        evidence.append("other quotes are excerpts or spellings of the full wording")
    variant = make_variant(
        ctx, reference_value, sorted(same, key=lambda c: (c.article_id, c.start))
    )
    return make_finding(ctx, FactKind.QUOTE, status, subject, [variant], evidence)


def _said_by_others(first: list[Claim], second: list[Claim]) -> bool:
    """Whether both wordings are attributed, and to speakers that cannot be one (a White House
    statement and a Pentagon one sharing a phrase, joined through an unattributed excerpt)."""
    # excerpts merged into a wording ("a major blow") may be quoted from either statement
    named_first = [c for c in _full_wording(first) if c.subject]
    named_second = [c for c in _full_wording(second) if c.subject]
    return (
        bool(named_first)
        and bool(named_second)
        and not any(speakers_compatible(a, b) for a in named_first for b in named_second)
    )


def _reworded(ctx: StoryContext, first: list[Claim], second: list[Claim]) -> bool:
    """Whether an article of one wording is a rewording copy of one of the other, or a
    spinner's rewording of some article."""
    return any(c.article_id in ctx.spun for c in (*first, *second)) or any(
        frozenset((a.article_id, b.article_id)) in ctx.reworded for a in first for b in second
    )


def _full_wording(claims: list[Claim]) -> list[Claim]:
    """The claims that quote a wording in full, not an excerpt of it."""
    full = keys(max(claims, key=lambda c: (len(c.value.split()), c.id)).text)
    return [c for c in claims if keys(c.text) == full]


def _other_occasion(ctx: StoryContext, first: list[Claim], second: list[Claim]) -> bool:
    """Whether two wordings were said on different occasions (see the module's docstring)."""
    gap = ctx.days_apart(first, second)
    if gap is not None and gap > MAX_DAYS_APART:
        return True
    venues_first = {v for c in first if (v := _venue(ctx, c))}
    venues_second = {v for c in second if (v := _venue(ctx, c))}
    return (
        bool(venues_first)
        and bool(venues_second)
        and not any(a & b for a in venues_first for b in venues_second)
    )


def _venue(ctx: StoryContext, claim: Claim) -> frozenset[str]:
    """The words naming where a quote was said, from its attribution ("told a House
    subcommittee" -> house, subcommittee), lower-cased; empty when none is named or only a
    press audience is ("told reporters")."""
    text = ctx.texts.get(claim.article_id, "")
    start = ctx.sentence_of(claim.article_id, claim.start)[0]
    end = ctx.sentence_of(claim.article_id, max(claim.start, claim.end - 1))[1]
    attribution = f"{text[start : claim.start]} {text[claim.end : max(end, claim.end)]}"
    for match in _VENUE.finditer(attribution):
        phrase = _VENUE_END.split(match["venue"], maxsplit=1)[0]
        named = {w.lower() for w in re.findall(r"[^\W\d_]+", phrase)[:VENUE_WORDS]}
        named = {w for w in named - _PRESS_WORDS if not is_function_word(w)}
        if named:
            return frozenset(named)
    return frozenset()


def _key_words(claims: list[Claim]) -> list[list[str]]:
    """A wording's keys, with and without bracketed insertions."""
    longest = max(claims, key=lambda c: (len(c.value.split()), c.id))
    readings = [keys(longest.text), keys(longest.text, insertions=False)]
    marked = _marked_keys(longest.text)
    if EDITOR_MARK in marked:
        readings.append(marked)
    return readings


def _marked_keys(text: str) -> list[str]:
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


def _relation(
    references: list[list[str]],
    others: list[list[str]],
    names: frozenset[str] = frozenset(),
    reworded: bool = False,
) -> str:
    """How another wording stands to the reference, under some reading of the editors'
    bracketed insertions (kept or left out): :data:`SAME_WORDS` (one wording), "" (too unlike
    to tell: another remark), or else the word changes of a drift; more than
    :data:`MAX_DRIFT_CHANGES` changes only when one of the two is ``reworded``."""
    found = [_relation_of(r, o, names) for r in references for o in others]
    if SAME_WORDS in found:
        return SAME_WORDS
    if "" in found:
        return ""
    if len(found[0].split("; ")) > MAX_DRIFT_CHANGES and not reworded:
        return ""  # independent reports changed in many places: more often two remarks
    return found[0]


def _relation_of(
    reference: list[str], other: list[str], names: frozenset[str] = frozenset()
) -> str:
    """:func:`_relation` for one reading of each wording."""
    if sorted(reference) == sorted(other):
        return SAME_WORDS  # the same words, perhaps reordered
    share, _, run = _matching(reference, other)
    if min(len(reference), len(other)) <= SHORT_QUOTE_WORDS:
        if share < MIN_SHORT_QUOTE_MATCH:
            return ""
    elif share < MIN_DRIFT_SHARE or run < MIN_DRIFT_RUN:
        return ""
    diff = word_diff(reference, other, names)
    if diff == SAME_WORDS:
        # one must hold the other: two quotes that share a sentence but each go on beyond it
        # ("That is needless. We oppose the toll" and "We oppose the toll.... We will fight
        # it") are two remarks, not one wording
        return SAME_WORDS if _holds_the_other(reference, other) else ""
    if not _content_change(diff) or _unmarked_cuts(diff):
        return ""  # "the" for "our", a dropped "just": no drift, nor the same words either
    return diff


def _unmarked_cuts(diff: str) -> bool:
    """Whether every change of a word diff only leaves words out of one wording, each time
    :data:`MIN_CUT_WORDS` or more in one piece: a reporter's cut without an ellipsis (or an
    editor's unbracketed aside), not a misquote; a swap of function words alongside ("hear
    about"/"hear of") is left aside. A dropped negation stays a change."""
    changes = [c for c in diff.split("; ") if _content_change(c) or " +" not in c]
    signs = {change[:1] for change in changes}
    left_out = {w.lstrip("+-") for change in changes for w in change.split()}
    return (
        len(signs) == 1
        and not left_out & _NEGATIONS
        and all(" +" not in change for change in changes)
        and all(len(change.split()) >= MIN_CUT_WORDS for change in changes)
    )


def _holds_the_other(reference: Sequence[str], other: Sequence[str]) -> bool:
    """Whether the shared stretch of two wordings covers the whole of one of them."""
    ref_window, other_window = _shared_stretch(reference, other)
    return ref_window == (0, len(reference)) or other_window == (0, len(other))


def _content_change(diff: str) -> bool:
    """Whether a word diff changes a content word (not only "a", "the", "that" ...); a
    negation, though a stop word, reverses what was said."""
    return any(
        not is_function_word(word) or word in _NEGATIONS
        for change in diff.split("; ")
        for word in change.replace("+", " ").replace("-", " ").split()
    )


def speaker_shown(claims: list[Claim], group: Sequence[Claim]) -> str:
    """The speaker to show: the most frequent among ``claims`` that reads as a person or a
    role, when at least half the attributions name them; none when unsure. A lone word
    ("Col", "Seoul", "Obama") counts only when the story's quotes also give it as the last
    word of a longer name; possessives ("RNC's Facebook") never."""
    longer = {
        words[-1]
        for c in group
        if len(words := c.attrs.get("speaker", "").split()) >= 2 and words[-1][:1].isupper()
    }

    def credible(claim: Claim) -> bool:
        speaker = claim.attrs.get("speaker", "")
        words = speaker.split()
        if not words:
            return False
        if any(w.endswith(("'s", "’s")) for w in words) or words[0].lower() in _INDEFINITE:
            return False  # "RNC's Facebook", "Someone once": no one in particular
        if not any(w[:1].isupper() or w.lower() in ROLE_WORDS for w in words):
            return False  # "hoax statement": no name, no role
        return len(words) >= 2 or words[0] in longer

    names = sorted(
        {c.attrs["speaker"] for c in claims if credible(c)},
        key=lambda s: (-sum(c.attrs.get("speaker") == s for c in claims), -len(s), s),
    )
    if not names:
        return ""
    # Most attributions must name that person: when most say "the masked man" and one
    # names the man he speaks of, the name is a misreading.
    best = set(names[0].split())
    attributed = [c.attrs["speaker"].split() for c in claims if c.attrs.get("speaker")]
    support = sum(bool(best & set(words)) for words in attributed)
    return names[0] if 2 * support >= len(attributed) else ""


def word_diff(
    reference: Sequence[str], other: Sequence[str], names: frozenset[str] = frozenset()
) -> str:
    """Word-level changes from ``reference`` to ``other``: ``-very glad +happy``.

    Only the stretch both quotes cover is compared, so an excerpt does not show the words it
    leaves out at either end; :data:`SAME_WORDS` when nothing but its extent, spacing or
    hyphenation differs. A change is no change when it swaps one name for another form of it
    (all its words among ``names``, the keys of words written capitalised: ``ISIS``/``ISIL``),
    moves words (what one change removes another adds), is written in another script
    (a transliteration) or with other vowels in a name, or is a typo of several words
    (``meters high``/``meterhigh``).
    """
    ref_window, other_window = _shared_stretch(reference, other)
    ref_part = list(reference[ref_window[0] : ref_window[1]])
    other_part = list(other[other_window[0] : other_window[1]])
    if _letters("".join(ref_part)) == _letters("".join(other_part)):
        return SAME_WORDS  # only spaces or hyphens differ: "multi-planetary", "min ute"
    matcher = difflib.SequenceMatcher(None, ref_part, other_part, autojunk=False)
    changes: list[str] = []
    removed: list[str] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1 and all(
            _censored_match(x, y) or _misspelt(x, y) or _inflection_of(x, y)
            for x, y in zip(ref_part[i1:i2], other_part[j1:j2], strict=True)
        ):
            continue  # a censored word against the word it hides, or a typo
        if _form_change(ref_part[i1:i2], other_part[j1:j2], names):
            continue
        if EDITOR_MARK in (*ref_part[i1:i2], *other_part[j1:j2]) and (
            set(ref_part[i1:i2]) <= {EDITOR_MARK} or set(other_part[j1:j2]) <= {EDITOR_MARK}
        ):
            continue  # an editor's words in brackets for the speaker's: "on the (region)"
        removed += ref_part[i1:i2]
        added += other_part[j1:j2]
        parts = []
        if i2 > i1:
            parts.append("-" + " ".join(ref_part[i1:i2]))
        if j2 > j1:
            parts.append("+" + " ".join(other_part[j1:j2]))
        changes.append(" ".join(parts))
    if sorted(removed) == sorted(added):
        return SAME_WORDS  # the same words, moved: "can't really" and "really can't"
    return "; ".join(changes) if changes else SAME_WORDS


def _form_change(removed: Sequence[str], added: Sequence[str], names: frozenset[str]) -> bool:
    """Whether a change swaps only a name's forms, scripts or the spelling of several words."""
    if not removed or not added:
        return False
    if all(w in names for w in (*removed, *added)):
        return True
    if any(not _latin(w) for w in (*removed, *added)):
        return True
    if _initials_of(removed, added) or _initials_of(added, removed):
        return True  # "U.N."/"United Nations", "UK"/"United Kingdom"
    joined_a, joined_b = _letters("".join(removed)), _letters("".join(added))
    if any(w in names for w in (*removed, *added)) and _consonants(joined_a) == _consonants(
        joined_b
    ):
        return True  # a name transliterated with other vowels: "al Qaeda", "al-Qaida"
    return _misspelt(joined_a, joined_b) and len(removed) != len(added)


def _initials_of(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``short`` is one word made of the initials of the two or more words of ``long``."""
    return len(short) == 1 and len(long) >= 2 and _letters(short[0]) == "".join(w[:1] for w in long)


def _consonants(letters: str) -> str:
    return "".join(ch for ch in letters if ch not in "aeiouy")


def _latin(word: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() for ch in fold(word))


def _proper_words(group: Sequence[Claim]) -> frozenset[str]:
    """Keys of the words the group's quotes write capitalised, except a sentence's first."""
    found: set[str] = set()
    for claim in group:
        for sentence in re.split(r"[.!?]\s+", claim.text):
            for word in re.findall(r"\w+(?:[’'.-]\w+)*", sentence)[1:]:
                if word[:1].isupper() and word.lower() not in ("i", "i'm", "i’m"):
                    found.update(keys(word))
    return frozenset(found)


def _shared_stretch(
    reference: Sequence[str], other: Sequence[str]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The windows of both word lists between their first and last anchoring match.

    Anchors are runs of two or more equal words, plus single equal words close (within
    :data:`_ANCHOR_GAP` words) to an anchor; a lone shared word far away ("has", "the") must
    not stretch the diff over the whole of a longer quote.
    """
    matcher = difflib.SequenceMatcher(None, list(reference), list(other), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    kept = [b for b in blocks if b.size >= 2] or blocks[:1]
    if not kept:
        return (0, len(reference)), (0, len(other))
    for block in blocks:
        if block in kept:
            continue
        near = any(_close_blocks(block, k) or _close_blocks(k, block) for k in kept)
        if near:
            kept.append(block)
    ref_start, other_start = min(b.a for b in kept), min(b.b for b in kept)
    ref_end, other_end = max(b.a + b.size for b in kept), max(b.b + b.size for b in kept)
    # A few unmatched words at an end of both quotes are changed words, and one lone extra word
    # is a dropped word; more words on one side only are the rest of a longer quote.
    # A short partial quote is set in the reporter's own words: what differs at its ends is
    # the reporter's, not the speaker's ("a safe harbour open all winter").
    short = min(len(reference), len(other)) <= SHORT_QUOTE_WORDS
    if _edge_changed(ref_start, other_start, short):
        ref_start = other_start = 0
    if _edge_changed(len(reference) - ref_end, len(other) - other_end, short):
        ref_end, other_end = len(reference), len(other)
    return (ref_start, ref_end), (other_start, other_end)


def _edge_changed(left_over_a: int, left_over_b: int, short: bool = False) -> bool:
    if left_over_a and left_over_b:
        return not short and max(left_over_a, left_over_b) <= _ANCHOR_GAP
    return max(left_over_a, left_over_b) <= 1


def _close_blocks(first: difflib.Match, second: difflib.Match) -> bool:
    """Whether ``second`` starts within a few words after ``first`` ends, in both lists."""
    gap_a = second.a - (first.a + first.size)
    gap_b = second.b - (first.b + first.size)
    return 0 <= gap_a <= _ANCHOR_GAP and 0 <= gap_b <= _ANCHOR_GAP
