"""Names aligned across a story: people named alike by several sources, and garbled forms.

Every name of two words or more is compared; a name is a person's when any of its mentions in
the story is typed ``person``. A single-word mention counts for the full name it was linked to
in its article (its ``canonical``), or else for the one full name in the story that ends with it.

Two names are forms of one name, one of them mangled, in two ways:

- *a garbled surname*: two people's names that share the first word and whose last words
  differ but share a prefix of at least :data:`MIN_SHARED_PREFIX` letters (a word swap inside
  the name, ``Hartwell`` -> ``Hart`` + a synonym of ``well``) or are close in edit distance
  (:data:`MIN_SURNAME_SIMILARITY`);
- *a swapped word*: two names of the same length that differ in exactly one word, both of them
  common words (written in lower case somewhere in the story, like ``board`` and ``panel``), as
  a synonym-spinning tool swaps them (``Valley Water Board`` -> ``Valley Water Panel``). Words
  that tell genuinely different places or bodies apart (directions, ordinals, sizes, kinds of
  place: ``North``/``South``, ``Upper``/``Lower``, ``Street``/``Road``) never count as a swap.
  A swap counts only between an article and its rewording copy, the one giving the first form
  only and the other the second only (the copy changed it).

Not garbled: forms that differ only in accents, case, vowels, punctuation, a doubled letter
or an ``h`` (``Déby``/``Deby``, ``Gaddafi``/``Gadhafi``, ``Willson``/``Wilson``: spellings and
transliterations), in the inflection of a word (``Store``/``Stores``), two forms that one
article names in one sentence (two people: brothers, namesakes), two forms given by the same
articles and no others (nothing tells which is right), two forms each named by
:data:`MIN_SWAP_SUPPORT` or more independent sources that are not copies of one another (two
people: a father and a son), and two surnames that the word frequency list both knows and that
differ in more than one slip of the keys (``Davey``/``Davis``: two people; a typo drops, adds
or changes a letter or swaps two).

Such a group is ``garbled``; the likely correct form is the one with the most independent
sources, or on a tie the one spelling the word list knows when it does not know the other
(``Shevardnadze``, not ``Shevardnaze``). When nothing tells, the finding names both forms and
says so instead of guessing.

People named alike by two or more independent sources are ``corroborated``, when some mention
names them as news style names a person (the surname alone, or a title before the name):
the rules take some organisations and places for people ("Judicial Watch", "Utah County").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.graph import components
from storyweave.lexicon import (
    HONORIFICS,
    ROLE_WORDS,
    TITLE_ABBREVIATIONS,
    are_synonyms,
    thesaurus,
    wordfreq_zipf,
)
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.text import fold

_TITLES = HONORIFICS | ROLE_WORDS
MIN_SHARED_PREFIX = 3
MIN_SURNAME_SIMILARITY = 0.75
MAX_SLIPS_OF_LISTED = 1  # edits between a listed surname and its mangled listed form
MIN_SWAP_SUPPORT = 2
MAX_CORROBORATED = 10
ROLE_CHARS = 60  # how far before a name its title is looked for
ROLE_WORDS_BEFORE = 4

# Words that distinguish one real place or body from another of the same name.
DISTINGUISHING_WORDS = frozenset(
    """
    north south east west northern southern eastern western north-east north-west south-east
    south-west northeast northwest southeast southwest upper lower inner outer central middle
    new old great greater little big small high low first second third fourth fifth sixth
    seventh eighth ninth tenth last next junior senior west-end east-end
    river lake mount mountain hill hills bay island islands sea ocean valley county city town
    village district province state region street road lane avenue square park bridge
    station port fort court
    """.split()
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z’'-]*\b")


@dataclass(frozen=True)
class _Names:
    """A story's names: their mentions, which are people's, and the story's common words."""

    mentions: dict[str, list[Claim]]
    people: frozenset[str]
    common_words: frozenset[str]
    synonyms: Callable[[str, str], bool] = lambda a, b: True


def name_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Garbled and corroborated name findings of the story."""
    names = _collect(ctx, claims)
    findings: list[Finding] = []
    corroborated: list[Finding] = []
    for group in _variant_groups(ctx, names):
        if len(group) > 1:
            findings.append(_garbled(ctx, group, names))
            continue
        name = group[0]
        sources = ctx.sources(names.mentions[name])
        if (
            name in names.people
            and sources >= 2
            and _named_as_person(ctx, name, names.mentions[name])
            and not _cut_from_longer(name, names.mentions)
            and not _sentence_word_first(ctx, name, names)
        ):
            variant = make_variant(ctx, name, names.mentions[name])
            evidence = [f"named alike by {sources} independent sources"]
            corroborated.append(
                make_finding(
                    ctx, FactKind.NAME, FindingStatus.CORROBORATED, name, [variant], evidence
                )
            )
    corroborated.sort(key=lambda f: (-len(f.variants[0].sources), f.subject))
    return findings + corroborated[:MAX_CORROBORATED]


def _cut_from_longer(name: str, mentions: dict[str, list[Claim]]) -> bool:
    """Whether the story also gives the name with more words after it ("Abu Bakr" of "Abu
    Bakr al-Baghdadi"): the shorter form is the full name cut short, or someone else."""
    return any(other != name and other.startswith(name + " ") for other in mentions)


def _sentence_word_first(ctx: StoryContext, name: str, names: _Names) -> bool:
    """Whether the name's first word is a common word capitalised only because it opens the
    sentence ("Earlier VW said", "Smaller GAF units"): every mention of the full name starts
    a sentence, and the story writes the word in lower case elsewhere."""
    first = name.split()[0]
    if first.lower() not in names.common_words:
        return False
    full = [c for c in names.mentions[name] if len(c.value.split()) >= 2]
    if not full:
        return False
    for claim in full:
        text = ctx.texts.get(claim.article_id, "")
        start, _ = ctx.sentence_of(claim.article_id, claim.start)
        if text[start : claim.start].strip(" \"“‘'(-—\n"):
            return False
    return True


def _named_as_person(ctx: StoryContext, name: str, mentions: Sequence[Claim]) -> bool:
    """Whether some mention names the person as news style names a person: by the surname
    alone ("Foley said") or after a title ("Mr", "Dr", "President"). Organisations and places
    that the rules take for people ("Judicial Watch", "Utah County") are never named so."""
    surname = name.split()[-1]
    if surname.rstrip(".").lower() in TITLE_ABBREVIATIONS:
        return False  # "Rear Adm": the title, its holder's name cut off
    for claim in mentions:
        if claim.attrs.get("mention") == "pronoun":
            continue
        if claim.value == surname:
            return True
        text = ctx.texts.get(claim.article_id, "")
        before = text[max(0, claim.start - 30) : claim.start].split()
        if before and before[-1].rstrip(".").lower() in _TITLES:
            return True
    return False


def _collect(ctx: StoryContext, claims: Sequence[Claim]) -> _Names:
    named = [c for c in claims if c.kind == FactKind.NAME]
    full: dict[str, list[Claim]] = defaultdict(list)
    people: set[str] = set()
    for claim in named:
        canonical = claim.attrs.get("canonical", claim.value)
        if len(canonical.split()) >= 2:
            full[canonical].append(claim)
            if claim.subject == "person":
                people.add(canonical)
    by_last: dict[str, set[str]] = defaultdict(set)
    for name in full:
        if name in people:
            by_last[name.split()[-1]].add(name)
    for claim in named:
        canonical = claim.attrs.get("canonical", claim.value)
        if claim.subject == "person" and len(by_last.get(canonical, ())) == 1:
            full[next(iter(by_last[canonical]))].append(claim)
    common = frozenset(w for text in ctx.texts.values() for w in _LOWER_WORD.findall(text))
    synonyms = thesaurus()
    return _Names(dict(full), frozenset(people), common, lambda a, b: are_synonyms(a, b, synonyms))


def forms_of_one_name(a: str, b: str) -> bool:
    """Whether people's full names ``a`` and ``b`` look like one name, one of them mangled."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) < 2 or len(words_b) < 2 or a == b:
        return False
    if words_a[0].lower() != words_b[0].lower() or words_a[:-1] != words_b[:-1]:
        return False
    last_a, last_b = words_a[-1].lower(), words_b[-1].lower()
    if last_a.startswith(last_b) or last_b.startswith(last_a):
        return False  # an inflection or a truncation, not a garble
    prefix = 0
    for x, y in zip(last_a, last_b, strict=False):
        if x != y:
            break
        prefix += 1
    if "-" in last_a[:prefix]:
        # "Jong-un" and "Jong-il": a whole part of a hyphenated name differs, as between
        # relatives; only that part's spelling can make them one name.
        cut = last_a.rindex("-", 0, prefix) + 1
        last_a, last_b, prefix = last_a[cut:], last_b[cut:], prefix - cut
    # A transposition ("Touati", "Toutai") is one slip of the keys, as a dropped letter is.
    similar = OSA.normalized_similarity(last_a, last_b) >= MIN_SURNAME_SIMILARITY
    return prefix >= MIN_SHARED_PREFIX or similar


def listed_spelling(word: str) -> bool:
    """Whether the word frequency list knows ``word`` (lower-cased): an established spelling,
    of a surname among others; a slip of the keys ("Denmam", "Papanderou") is not listed.
    False without the list."""
    zipf = wordfreq_zipf()
    return zipf is not None and zipf(word.lower()) > 0


def two_listed_names(a: str, b: str) -> bool:
    """Whether surnames ``a`` and ``b`` are both established spellings that differ in more
    than one slip (``Davey`` and ``Davis``): two people's names, not one mangled. A typo
    changes one letter or swaps two; a common misspelling of a listed name ("Baldridge") is
    one slip from it."""
    if OSA.distance(a.lower(), b.lower()) < MAX_SLIPS_OF_LISTED + 1:
        return False
    return listed_spelling(a) and listed_spelling(b)


def swapped_word(
    a: str,
    b: str,
    common_words: frozenset[str],
    synonyms: Callable[[str, str], bool] = lambda x, y: True,
) -> tuple[str, str] | None:
    """The one common word that differs between names ``a`` and ``b`` (``("board", "panel")``).

    None unless the names have the same number of words (two or more), differ in exactly one
    of them, both differing words are in ``common_words`` (lower case), they are ``synonyms``
    and neither is a :data:`DISTINGUISHING_WORDS` word.
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or len(words_a) < 2:
        return None
    differing = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0][0].lower(), differing[0][1].lower()
    if x == y or x in DISTINGUISHING_WORDS or y in DISTINGUISHING_WORDS:
        return None
    if x.startswith(y) or y.startswith(x):
        return None  # an inflection: "Store" and "Stores"
    if x not in common_words or y not in common_words or not synonyms(x, y):
        return None
    return x, y


def spelling_variant(a: str, b: str) -> bool:
    """Whether words ``a`` and ``b`` differ only in accents, case, vowels (``Brelensky``,
    ``Brelenskiy``), punctuation, a doubled letter (``Willson``) or an ``h`` (``Gadhafi``): a
    transliteration or spelling of one name, not a mangled one."""
    a, b = ("".join(ch for ch in fold(w.lower()) if ch.isalnum()) for w in (a, b))
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace":
            x, y = a[op.src_pos], b[op.dest_pos]
            if x in _VOWELS and y in _VOWELS:
                continue
            if "h" in (x, y) and (_doubled_or_h(a, op.src_pos) or _doubled_or_h(b, op.dest_pos)):
                continue
            return False
        word, position = (a, op.src_pos) if op.tag == "delete" else (b, op.dest_pos)
        if word[position] in _VOWELS or _doubled_or_h(word, position):
            continue
        return False
    return True


_VOWELS = "aeiouy"


def _doubled_or_h(word: str, position: int) -> bool:
    """Whether the letter at ``position`` is an ``h`` or repeats a neighbouring letter."""
    letter = word[position]
    neighbours = word[position - 1 : position] + word[position + 1 : position + 2]
    return letter == "h" or letter in neighbours


def _swap_supported(ctx: StoryContext, a: str, b: str, names: _Names) -> bool:
    """Whether the support of the two forms lets one pass for a mangled copy of the other."""
    claims_a, claims_b = names.mentions[a], names.mentions[b]
    # Only a copy that reworded its original (a spinner's rewrite) shows a mangled name:
    # independent sources that word a name two ways ("Paris Accord", "Paris Agreement") more
    # often name two things, or one thing two right ways, and an outlet's updated version of
    # its own story names what the update is about ("UK Athletics", then "UK Sport").
    # The copy changed the name: the original gives one form only, the copy the other only (an
    # article giving both names two bodies: "the Subcommittee", then "the full Committee").
    articles_a = {c.article_id for c in claims_a}
    articles_b = {c.article_id for c in claims_b}
    return any(
        frozenset((x, y)) in ctx.reworded
        for x in articles_a - articles_b
        for y in articles_b - articles_a
    )


def _variant_groups(ctx: StoryContext, names: _Names) -> list[list[str]]:
    ordered = sorted(names.mentions)
    pairs = (
        (a, b)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if _one_name(ctx, a, b, names)
    )
    return components(ordered, pairs)


def _one_name(ctx: StoryContext, a: str, b: str, names: _Names) -> bool:
    if a in names.people and b in names.people and forms_of_one_name(a, b):
        if spelling_variant(a.split()[-1], b.split()[-1]):
            return False
        if two_listed_names(a.split()[-1], b.split()[-1]):
            return False  # "Bruce Davey" and "Bruce Davis": two people
        if _named_together(ctx, names.mentions[a], names.mentions[b]):
            return False  # one sentence names both: two people
        if _titled_apart(ctx, names.mentions[a], names.mentions[b]):
            return False  # "vice president Helmut S." and "former chancellor Helmut S.": two
        return _surname_supported(ctx, a, b, names)
    swap = swapped_word(a, b, names.common_words, names.synonyms)
    return swap is not None and _swap_supported(ctx, a, b, names)


def _surname_supported(ctx: StoryContext, a: str, b: str, names: _Names) -> bool:
    """Whether one surname can be told for the mangled one: not when each form has
    :data:`MIN_SWAP_SUPPORT` independent sources; else both in one family of copies, or one
    form has more independent sources than the other and at least :data:`MIN_SWAP_SUPPORT`."""
    claims_a, claims_b = names.mentions[a], names.mentions[b]
    groups_a = {ctx.groups.get(c.article_id, c.article_id) for c in claims_a}
    groups_b = {ctx.groups.get(c.article_id, c.article_id) for c in claims_b}
    sources_a, sources_b = ctx.sources(claims_a), ctx.sources(claims_b)
    if min(sources_a, sources_b) >= MIN_SWAP_SUPPORT:
        return False  # each form has independent sources of its own: two people
    if {c.article_id for c in claims_a} == {c.article_id for c in claims_b}:
        return False  # the same articles spell it both ways: nothing tells which is right
    if groups_a & groups_b:
        return True
    return sources_a != sources_b and max(sources_a, sources_b) >= MIN_SWAP_SUPPORT


def _named_together(ctx: StoryContext, claims_a: list[Claim], claims_b: list[Claim]) -> bool:
    """Whether one sentence of one article holds a mention of each name."""
    sentences = {(c.article_id, ctx.sentence_of(c.article_id, c.start)) for c in claims_a}
    return any(
        (c.article_id, ctx.sentence_of(c.article_id, c.start)) in sentences for c in claims_b
    )


def _titled_apart(ctx: StoryContext, claims_a: list[Claim], claims_b: list[Claim]) -> bool:
    """Whether each name is given a role title and no title is given to both: two people."""
    roles_a, roles_b = _roles_before(ctx, claims_a), _roles_before(ctx, claims_b)
    return bool(roles_a) and bool(roles_b) and not roles_a & roles_b


def _roles_before(ctx: StoryContext, claims: list[Claim]) -> set[str]:
    """Role words written just before the mentions, in the same clause ("former chancellor")."""
    found: set[str] = set()
    for claim in claims:
        text = ctx.texts.get(claim.article_id, "")
        clause = re.split(r"[,;:.!?()\n]", text[max(0, claim.start - ROLE_CHARS) : claim.start])
        found.update(w for w in clause[-1].lower().split()[-ROLE_WORDS_BEFORE:] if w in ROLE_WORDS)
    return found


def _garbled(ctx: StoryContext, group: list[str], names: _Names) -> Finding:
    mentions = names.mentions
    ordered = sorted(
        group,
        key=lambda n: (
            -ctx.sources(mentions[n]),
            not listed_spelling(n.split()[-1]),
            -_articles(names, n),
            -len(mentions[n]),
            ctx.earliest(mentions[n]),
            n,
        ),
    )
    variants = [make_variant(ctx, name, mentions[name]) for name in ordered]
    likely, why = _likely_form(ctx, ordered, names)
    if likely is None:
        shown = " / ".join(ordered)
        evidence = [
            f"one name spelt {len(ordered)} ways; which is right, the sources do not tell: "
            + ", ".join(f"{n} ({ctx.sources(mentions[n])} independent source(s))" for n in ordered)
        ]
        evidence += [f"{n} and {ordered[0]}: same first name, similar surname" for n in ordered[1:]]
        return make_finding(ctx, FactKind.NAME, FindingStatus.GARBLED, shown, variants, evidence)
    evidence = [
        f"likely correct form: {likely} ({ctx.sources(mentions[likely])} independent source(s)"
        f"{why})"
    ]
    for name in ordered[1:]:
        swap = swapped_word(likely, name, names.common_words, names.synonyms)
        how = (
            f"one common word swapped ({swap[0]!r} -> {swap[1]!r}), as a synonym-spinning tool does"
            if swap
            else "same first name, similar surname"
        )
        evidence.append(
            f"{name} ({ctx.sources(mentions[name])} source(s)) looks like a mangled form of "
            f"{likely}: {how}"
        )
    return make_finding(ctx, FactKind.NAME, FindingStatus.GARBLED, likely, variants, evidence)


def _likely_form(ctx: StoryContext, ordered: list[str], names: _Names) -> tuple[str | None, str]:
    """The form of a garbled name that is likely right, and why beyond its sources: the one
    with the most independent sources; on a tie, the one spelling the word frequency list knows
    when it does not know the other's ("Shevardnadze", not "Shevardnaze"), else the one more
    articles give (copies of one original, most of which kept its spelling); for a common word
    swapped inside a name, the form given first (the rewording copy changed it). None when
    nothing tells: two forms in one family of copies, as often given and both listed or both
    not, are a coin toss."""
    first, second = ordered[0], ordered[1]
    if ctx.sources(names.mentions[first]) > ctx.sources(names.mentions[second]):
        return first, ""
    if listed_spelling(first.split()[-1]) and not listed_spelling(second.split()[-1]):
        return first, ", the one spelling the word list knows"
    articles_first, articles_second = _articles(names, first), _articles(names, second)
    if articles_first > articles_second:
        return first, f", given by {articles_first} articles against {articles_second}"
    swapped = all(swapped_word(first, n, names.common_words, names.synonyms) for n in ordered[1:])
    return (first if swapped else None), ""


def _articles(names: _Names, name: str) -> int:
    return len({c.article_id for c in names.mentions[name]})
