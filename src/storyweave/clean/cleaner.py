"""Text-level cleaning: split into blocks, label each boilerplate block, read metadata lines.

The cleaner works on whole blocks (lines or paragraphs) and removes a block only on a strong
signal: a boilerplate pattern (see :mod:`storyweave.clean.boilerplate`), a line at the head of
the article (masthead or crumb trail above the headline, date, byline, a line of metadata fields
"<date> | <desk> | Shares 12"), the headline and its repeats, or furniture at the tail (author
box, related-articles list, short lines among the page furniture after the article). Everything
else is kept, in order.

One job: the cleaning of an article's text, block by block; kept whole because its head and
tail passes all read and write one private state of the blocks (``_State``), in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyweave.clean import boilerplate as bp
from storyweave.clean.layout import Block, join_blocks, split_blocks
from storyweave.clean.metadata import (
    Bio,
    DateLine,
    FieldLine,
    agency_byline,
    bio_line,
    byline_line,
    byline_organisation,
    credit_reporter,
    date_line,
    field_line,
    head_label,
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
_FURNITURE_MAX_WORDS = 12
# Where an outlet name was read, strongest first: the outlet's own copyright or sign-off, an
# author bio, the masthead above the headline, a desk or organisation named in a byline.
_OUTLET_FROM_NOTICE = 0
_OUTLET_FROM_BIO = 1
_OUTLET_FROM_MASTHEAD = 2
_OUTLET_FROM_BYLINE = 3
# Reasons a related-articles run may pass over (furniture inside the list itself).
_INSIDE_LISTS = frozenset(
    (
        bp.LAYOUT_WORD,
        bp.IMAGE_CAPTION,
        bp.BARE_LINK,
        bp.REPEATED_LINE,
        bp.STRAY_PUNCTUATION,
        bp.SHARE_COUNTER,
        bp.RELATED,
    )
)
# Boilerplate that shows the page furniture after the article has begun (credits, links and
# captions do not: articles end with them).
_TAIL_START = frozenset(
    (
        bp.COMMENT_FORM,
        bp.RELATED,
        bp.TAG_LIST,
        bp.SHARE_BUTTONS,
        bp.NEWSLETTER,
        bp.SUPPORT_APPEAL,
        bp.READER_CALLOUT,
        bp.SIGN_OFF,
        bp.COPYRIGHT,
        bp.HASHTAG_LINE,
    )
)
# Boxes that come under a heading of their own ("Before you go…", "Have your say").
_BOXES = frozenset((bp.COMMENT_FORM, bp.NEWSLETTER, bp.SUPPORT_APPEAL, bp.READER_CALLOUT))
_BOX_HEADING_MAX_WORDS = 6


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
    credited: Meta | None = None  # the reporter a staff credit names: a byline of last resort
    outlets: list[tuple[int, Meta]] = field(default_factory=list)
    dates: list[_DateCandidate] = field(default_factory=list)

    def add_outlet(self, strength: int, value: str, i: int) -> None:
        self.outlets.append((strength, Meta(value, evidence(self.blocks[i]))))


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
            state.reasons[i] = bp.SCRAPER_MARKER
            continue
        state.extra_removed[i].extend(Removed(t, bp.SCRAPER_MARKER) for t in tokens)
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
        if state.title_index is None and _take_head_label(state, i, known_title, guess_title):
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


def _take_head_label(state: _State, i: int, known_title: str | None, guess_title: bool) -> bool:
    """A masthead ("EXAMPLE GAZETTE | World") or crumb trail above the headline.

    Taken only when a headline follows it, so that a headline with a bar in it stays a headline.
    """
    text = state.blocks[i].text
    label = head_label(text)
    if label is None or (known_title is not None and same_headline(text, known_title)):
        return False
    if known_title is None and not _headline_follows(state, i, guess_title):
        return False
    state.reasons[i] = bp.MASTHEAD if label.outlet else bp.NAV_CRUMB
    if label.outlet:
        state.add_outlet(_OUTLET_FROM_MASTHEAD, label.outlet, i)
    return True


def _headline_follows(state: _State, i: int, guess_title: bool) -> bool:
    if not guess_title:
        return False
    for j in range(i + 1, min(len(state.blocks), _HEAD_LIMIT)):
        text = state.blocks[j].text
        if is_prose(text):
            return False
        if head_label(text) is None and _is_title_candidate(state, j, None, guess_title):
            return True
    return False


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
    fields = field_line(block.text)
    if fields is not None:
        _take_field_line(state, i, fields)
        return True
    return False


def _take_field_line(state: _State, i: int, fields: FieldLine) -> None:
    """ "<date> | Example Desk | Shares 12": date, byline and desk read; counters removed apart."""
    block = state.blocks[i]
    state.reasons[i] = METADATA_LINE
    if fields.byline is not None and state.byline is None:
        state.byline = Meta(fields.byline, evidence(block))
    if fields.desk_outlet is not None:
        state.add_outlet(_OUTLET_FROM_BYLINE, fields.desk_outlet, i)
    if fields.date is not None:
        _add_date(state, i, fields.date)
    if fields.counters:
        kept, counters = _split_counter_fields(block.raw, fields.counters)
        state.extra_removed[i].extend(Removed(c, bp.SHARE_COUNTER) for c in counters)
        if kept:
            state.blocks[i] = Block(block.number, kept, " ".join(kept.split()))


def _split_counter_fields(raw: str, counters: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """The raw line without its counter fields (if they are at its ends), and the counters."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^|•·]+", raw) if m.group(0).strip()]
    is_counter = [" ".join(raw[a:b].split()) in counters for a, b in spans]
    found = [raw[a:b].strip() for (a, b), c in zip(spans, is_counter, strict=True) if c]
    kept = [span for span, c in zip(spans, is_counter, strict=True) if not c]
    if not kept:
        return None, found
    start, end = kept[0][0], kept[-1][1]
    if any(c and start <= a < end for (a, _), c in zip(spans, is_counter, strict=True)):
        return None, found  # a counter between other fields: keep the line whole
    return raw[start:end].strip(), found


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
    text = state.blocks[i].text
    name = agency_byline(text)
    if name is None:
        return False
    state.reasons[i] = METADATA_LINE
    if state.byline is None:
        state.byline = Meta(name, evidence(state.blocks[i]))
    organisation = byline_organisation(text)
    if organisation is not None:
        state.add_outlet(_OUTLET_FROM_BYLINE, organisation, i)
    return True


def _classify_blocks(state: _State) -> None:
    for i, block in enumerate(state.blocks):
        if state.reasons[i] is None:
            state.reasons[i] = bp.classify_line(block.text, state.in_code)
        if state.reasons[i] in (bp.SIGN_OFF, bp.NEWSLETTER):  # "... at Example Times. Sign up"
            outlet = bp.sign_off_outlet(block.text)
            if outlet:
                state.add_outlet(_OUTLET_FROM_NOTICE, outlet, i)
        if state.reasons[i] == bp.STAFF_CREDIT and state.credited is None:
            reporter = credit_reporter(block.text)
            if reporter:
                state.credited = Meta(reporter, evidence(block))
    for i, block in enumerate(state.blocks):
        if state.reasons[i] == bp.COPYRIGHT:
            holder = bp.copyright_holder(block.text)
            if holder:
                state.add_outlet(_OUTLET_FROM_NOTICE, holder, i)


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
    _sweep_tail_furniture(state)


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
                state.reasons[j] in _INSIDE_LISTS
                or (state.reasons[j] is None and is_heading_like(state.blocks[j].text, min_words=2))
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
        state.add_outlet(_OUTLET_FROM_BIO, bio.outlet, i)


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


def _sweep_tail_furniture(state: _State) -> None:
    """Short unpunctuated lines among the boilerplate at the end of a page (a "Post" button, a
    site tagline, footer links) are furniture too, once page furniture has begun there.

    Only lines after the first such block go, and the heading right above an appeal box: a
    list that ends the article (tour dates, product links) stays, whatever follows it.
    """
    start = len(state.blocks)
    while start > 0 and (
        state.reasons[start - 1] is not None or _is_furniture_like(state.blocks[start - 1].text)
    ):
        start -= 1
    if not any(state.reasons[j] is None for j in range(start)):
        return  # no article text before it: nothing tells where the page furniture begins
    first = next(
        (j for j in range(start, len(state.blocks)) if state.reasons[j] in _TAIL_START), None
    )
    if first is None:
        return
    for j in range(first + 1, len(state.blocks)):
        if state.reasons[j] is None:
            state.reasons[j] = bp.PAGE_FURNITURE
    heading = first - 1
    if (
        heading >= start
        and state.reasons[heading] is None
        and state.reasons[first] in _BOXES
        and len(state.blocks[heading].text.split()) <= _BOX_HEADING_MAX_WORDS
    ):
        state.reasons[heading] = bp.PAGE_FURNITURE


def _is_furniture_like(text: str) -> bool:
    """Short, and not ending a sentence (a teaser heading may end in an ellipsis)."""
    stripped = text.strip()
    if re.search(r"(?:…|\.\.\.)$", stripped):
        return len(text.split()) <= _FURNITURE_MAX_WORDS
    return len(text.split()) <= _FURNITURE_MAX_WORDS and not re.search(
        r"[.!?][\"'”’)\]]*$", stripped
    )


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
        byline=state.byline or state.credited,
        outlet=min(state.outlets, key=lambda o: o[0])[1] if state.outlets else None,
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
