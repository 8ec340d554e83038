"""Text-level cleaning: split into blocks, label each boilerplate block, read metadata lines.

The cleaner works on whole blocks (lines or paragraphs) and removes a block only on a strong
signal: a boilerplate pattern (see :mod:`storyweave.clean.boilerplate`), a metadata line at the
head of the article (date, byline), the headline and its repeats, or furniture at the tail
(author box, related-articles list). Everything else is kept, in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storyweave.clean import boilerplate as bp
from storyweave.clean.layout import Block, join_blocks, split_blocks
from storyweave.clean.metadata import (
    Bio,
    DateLine,
    agency_byline,
    bio_line,
    byline_line,
    date_line,
    is_heading_like,
    is_prose,
    is_short_label,
    same_headline,
)
from storyweave.records import Meta, Removed

METADATA_LINE = bp.METADATA_LINE
TITLE_LINE = "title line"
REPEATED_HEADLINE = "repeated headline"

_HEAD_LIMIT = 12  # blocks examined for title, byline and date before the first paragraph of text
_TAIL_DATE_LIMIT = 3  # bare date lines accepted among the last blocks
_EVIDENCE_CHARS = 100
# Headlines rarely run past 18 words; longer unpunctuated first lines are standfirst sentences.
_TITLE_MAX_WORDS = 18


@dataclass(frozen=True)
class TextCleaning:
    """What the cleaner made of a text: the body, the removed blocks, metadata found."""

    body: str
    removed: tuple[Removed, ...]
    title: Meta | None = None
    byline: Meta | None = None
    outlet: Meta | None = None
    published: Meta | None = None


@dataclass
class _DateCandidate:
    iso: str
    has_time: bool
    updated: bool
    evidence: str


@dataclass
class _State:
    blocks: list[Block]
    reasons: list[str | None]
    extra_removed: list[list[Removed]]  # removals inside a block (inline ads, glued UI words)
    in_code: bool = False  # the text contains program code
    title: Meta | None = None
    title_index: int | None = None
    byline: Meta | None = None
    outlets: list[Meta] = field(default_factory=list)
    dates: list[_DateCandidate] = field(default_factory=list)


def clean_text(text: str, known_title: str | None = None, from_html: bool = False) -> TextCleaning:
    """Clean an article's text.

    ``known_title`` is the title from metadata, if any: lines repeating it are removed. Without
    it, the first headline-like line at the top of a plain text is taken as the title.
    ``from_html`` says the text was extracted from HTML: one paragraph per line, no title guess.
    """
    blocks = split_blocks(text, unwrap=not from_html)
    guess_title = not from_html
    state = _State(blocks, [None] * len(blocks), [[] for _ in blocks])
    state.in_code = sum(bp.looks_like_code(b.text) for b in blocks) >= 3
    _strip_inline_ads(state)
    _read_head(state, known_title, guess_title)
    _classify_blocks(state)
    _mark_repeats(state, known_title)
    _read_tail(state)
    return _result(state)


def evidence(block: Block) -> str:
    """Evidence text naming a block: ``line N: "..."``."""
    shown = block.raw if len(block.raw) <= _EVIDENCE_CHARS else block.raw[:_EVIDENCE_CHARS] + "…"
    return f'line {block.number}: "{shown}"'


def _strip_inline_ads(state: _State) -> None:
    for i, block in enumerate(state.blocks):
        rest, tokens = bp.strip_inline_ads(block.text)
        if not tokens:
            continue
        if not rest.strip():
            state.reasons[i] = bp.AD_MARKER
            continue
        state.extra_removed[i].extend(Removed(t, bp.AD_MARKER) for t in tokens)
        state.blocks[i] = Block(block.number, block.raw, rest)


def _read_head(state: _State, known_title: str | None, guess_title: bool) -> None:
    """Title, crumbs, byline and date lines before the first paragraph of text."""
    labels: list[int] = []
    for i, block in enumerate(state.blocks[:_HEAD_LIMIT]):
        if state.reasons[i] is not None:
            continue
        candidate = _is_title_candidate(state, i, known_title, guess_title)
        if is_prose(block.text) and not candidate:
            break
        if _take_metadata_line(state, i):
            continue
        if state.title_index is None and candidate:
            state.reasons[i] = TITLE_LINE
            state.title_index = i
            if known_title is None:
                state.title = Meta(block.text.rstrip(" :|–—-"), evidence(block))
            for j in labels:
                state.reasons[j] = bp.NAV_CRUMB
            continue
        if (
            state.title_index is None
            and is_short_label(block.text)
            and bp.classify_line(block.text) in (None, bp.NAV_CRUMB, bp.LAYOUT_WORD)
        ):
            labels.append(i)
            continue
        if state.title_index is not None and _take_agency_byline(state, i):
            continue


def _is_title_candidate(state: _State, i: int, known_title: str | None, guess_title: bool) -> bool:
    text = state.blocks[i].text
    if known_title is not None:
        return same_headline(text, known_title)
    if not guess_title or state.title_index is not None:
        return False
    has_body_after = any(is_prose(b.text) for b in state.blocks[i + 1 :])
    heading = is_heading_like(text, max_words=_TITLE_MAX_WORDS)
    return has_body_after and heading and bp.classify_line(text) is None


def _take_metadata_line(state: _State, i: int) -> bool:
    block = state.blocks[i]
    byline = byline_line(block.text)
    if byline is not None:
        state.reasons[i] = METADATA_LINE
        if state.byline is None:
            state.byline = Meta(byline.name, evidence(block))
        if byline.date is not None:
            _add_date(state, i, byline.date)
        return True
    found = date_line(block.text)
    if found is not None:
        _take_date_line(state, i, found)
        return True
    return False


def _take_date_line(state: _State, i: int, found: DateLine) -> None:
    block = state.blocks[i]
    if found.layout:
        rest = block.raw
        for token in found.layout:
            rest = rest.replace(token, " ")
        rest = rest.strip()
        if rest and rest in block.raw:
            state.extra_removed[i].extend(Removed(t, bp.LAYOUT_WORD) for t in found.layout)
            state.blocks[i] = Block(block.number, rest, " ".join(rest.split()))
    state.reasons[i] = METADATA_LINE
    _add_date(state, i, found)


def _add_date(state: _State, i: int, found: DateLine) -> None:
    state.dates.append(
        _DateCandidate(
            found.found.iso, found.found.has_time, found.updated, evidence(state.blocks[i])
        )
    )


def _take_agency_byline(state: _State, i: int) -> bool:
    name = agency_byline(state.blocks[i].text)
    if name is None:
        return False
    state.reasons[i] = METADATA_LINE
    if state.byline is None:
        state.byline = Meta(name, evidence(state.blocks[i]))
    return True


def _classify_blocks(state: _State) -> None:
    for i, block in enumerate(state.blocks):
        if state.reasons[i] is None:
            state.reasons[i] = bp.classify_line(block.text, state.in_code)
        if state.reasons[i] == bp.SIGN_OFF:
            outlet = bp.sign_off_outlet(block.text)
            if outlet:
                state.outlets.append(Meta(outlet, evidence(block)))
    for i, block in enumerate(state.blocks):
        if state.reasons[i] == bp.COPYRIGHT:
            holder = bp.copyright_holder(block.text)
            if holder:
                state.outlets.append(Meta(holder, evidence(block)))


def _mark_repeats(state: _State, known_title: str | None) -> None:
    """Repeats of the headline, and captions printed twice (image alt text + caption)."""
    title = known_title or (state.title.value if state.title else None)
    start = state.title_index + 1 if state.title_index is not None else 0
    previous: str | None = None
    for i in range(start, len(state.blocks)):
        text = state.blocks[i].text
        if state.reasons[i] is None and title is not None and same_headline(text, title):
            state.reasons[i] = REPEATED_HEADLINE
        elif state.reasons[i] is None and text == previous and not state.in_code:
            state.reasons[i] = bp.REPEATED_LINE
        previous = text
    for i in range(1, len(state.blocks)):
        if (
            state.reasons[i] == bp.IMAGE_CAPTION
            and state.blocks[i - 1].text == state.blocks[i].text
        ):
            state.reasons[i - 1] = bp.IMAGE_CAPTION


def _read_tail(state: _State) -> None:
    _remove_tag_lists(state)
    _remove_related_lists(state)
    _remove_author_box(state)
    _remove_author_bio(state)
    _take_late_bylines(state)
    _take_tail_dates(state)


def _remove_tag_lists(state: _State) -> None:
    """A lone "Tags" heading and the comma-separated list after it."""
    for i in range(len(state.blocks) - 1):
        if state.reasons[i] is None and bp.is_tag_heading(state.blocks[i].text):
            state.reasons[i] = bp.TAG_LIST
            following = state.blocks[i + 1].text
            if state.reasons[i + 1] is None and _is_term_list(following):
                state.reasons[i + 1] = bp.TAG_LIST


def _is_term_list(text: str) -> bool:
    items = [item.strip() for item in text.split(",")]
    return len(items) >= 2 and all(0 < len(item.split()) <= 5 for item in items)


def _remove_related_lists(state: _State) -> None:
    """A "Related articles" heading and the run of headline-like lines after it."""
    i = 0
    n = len(state.blocks)
    while i < n:
        if state.reasons[i] is None and bp.is_related_heading(state.blocks[i].text):
            state.reasons[i] = bp.RELATED
            j = i + 1
            while j < n and (
                state.reasons[j] is not None or is_heading_like(state.blocks[j].text, min_words=2)
            ):
                if state.reasons[j] is None:
                    state.reasons[j] = bp.RELATED
                j += 1
            i = j
        else:
            i += 1


def _remove_author_box(state: _State) -> None:
    """An "About the author" heading in the second half opens a box that runs to the end."""
    half = len(state.blocks) // 2
    for i in range(half, len(state.blocks)):
        if state.reasons[i] is None and bp.is_bio_heading(state.blocks[i].text):
            for j in range(i, len(state.blocks)):
                if state.reasons[j] is None:
                    state.reasons[j] = bp.AUTHOR_BIO
                    bio = bio_line(state.blocks[j].text)
                    _note_bio(state, j, bio)
            return


def _remove_author_bio(state: _State) -> None:
    """A trailing "Jane Doe is a reporter for ..." paragraph and what follows it of its kind."""
    kept = [i for i, reason in enumerate(state.reasons) if reason is None]
    for position, i in enumerate(kept):
        if position < len(kept) // 2:
            continue
        bio = bio_line(state.blocks[i].text)
        if bio is None:
            continue
        after = kept[position + 1 :]
        if all(_is_bio_continuation(state.blocks[j].text) for j in after):
            for j in (i, *after):
                state.reasons[j] = bp.AUTHOR_BIO
            _note_bio(state, i, bio)
            return


def _note_bio(state: _State, i: int, bio: Bio | None) -> None:
    if bio is None:
        return
    block = state.blocks[i]
    if state.byline is None:
        state.byline = Meta(bio.name, evidence(block))
    if bio.outlet:
        state.outlets.append(Meta(bio.outlet, evidence(block)))


def _is_bio_continuation(text: str) -> bool:
    lowered = text.lower()
    return (
        len(text.split()) <= 6
        or lowered.startswith(
            ("she ", "he ", "they ", "her ", "his ", "their ", "follow ", "you can")
        )
        or "@" in text
    )


def _take_late_bylines(state: _State) -> None:
    """Byline lines after the first paragraph (below a standfirst) or at the very end."""
    kept = [i for i, reason in enumerate(state.reasons) if reason is None]
    for i in sorted({*kept[:_HEAD_LIMIT], *kept[-_TAIL_DATE_LIMIT:]}):
        byline = byline_line(state.blocks[i].text)
        if byline is not None:
            _take_metadata_line(state, i)


def _take_tail_dates(state: _State) -> None:
    """Date lines at the end ("This story is from ...") and keyword date lines anywhere."""
    kept = [i for i, reason in enumerate(state.reasons) if reason is None]
    tail = set(kept[-_TAIL_DATE_LIMIT:])
    for i in kept:
        block = state.blocks[i]
        found = date_line(block.text)
        if found is None:
            continue
        bare = found.found.start == 0 and not found.updated
        if i in tail or not bare or _has_date_keyword(block.text):
            _take_date_line(state, i, found)


def _has_date_keyword(text: str) -> bool:
    head = text.lower()[:40]
    return any(k in head for k in ("published", "updated", "posted", "this story", "this article"))


def _result(state: _State) -> TextCleaning:
    kept: list[str] = []
    removed: list[Removed] = []
    for block, reason, extra in zip(state.blocks, state.reasons, state.extra_removed, strict=True):
        removed.extend(extra)
        if reason is None:
            kept.append(block.text)
        else:
            removed.append(Removed(block.raw, reason))
    return TextCleaning(
        body=join_blocks(kept),
        removed=tuple(removed),
        title=state.title,
        byline=state.byline,
        outlet=state.outlets[0] if state.outlets else None,
        published=_choose_date(state.dates),
    )


def _choose_date(candidates: list[_DateCandidate]) -> Meta | None:
    """The publication date: the first non-"updated" date line, refined by a same-day time."""
    if not candidates:
        return None
    published = [c for c in candidates if not c.updated] or candidates
    best = published[0]
    if not best.has_time or "T" not in best.iso:
        for other in candidates:
            if "T" in other.iso and other.iso[:10] == best.iso[:10]:
                return Meta(other.iso, f"{best.evidence}; time from {other.evidence}")
    return Meta(best.iso, best.evidence)
