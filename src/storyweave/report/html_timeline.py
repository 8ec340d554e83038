"""Geometry of a story's coverage timeline: publication time across, one row per article, an
arrow from each copy to its origin. The template draws it as inline SVG from these numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .html_text import css_word, parse_time
from .readable import Cite, readable_time, shorten

WIDTH = 760
LABEL_WIDTH = 220
ROW_HEIGHT = 26
TOP = 12
AXIS_HEIGHT = 34
RIGHT_PAD = 24
UNDATED_WIDTH = 70
RADIUS = 6
TICKS = 5
LABEL_CHARS = 30
BOW = 0.3  # how far a curve bows out, as a share of its length
MAX_BOW = 90.0


@dataclass(frozen=True)
class TimelineArticle:
    """What the timeline needs of one article."""

    article_id: str
    cite: Cite
    label: str
    published: str | None
    kind: str  # css class of its dot: original, independent, copy, scraped, spun


@dataclass(frozen=True)
class TimelineLink:
    """A text relation: ``copy`` -> ``origin`` when directed, else just a pair."""

    copy: str
    origin: str
    kind: str
    directed: bool


@dataclass(frozen=True)
class Row:
    y: float
    x: float
    cite: Cite
    label: str
    label_full: str
    when: str
    kind: str
    date_only: bool


@dataclass(frozen=True)
class Arrow:
    path: str  # SVG path data: a gentle curve from the copy's dot to the origin's
    kind: str
    directed: bool
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    anchor: str  # text-anchor of its label: the last one ends at its tick, not past the plot


@dataclass(frozen=True)
class Timeline:
    width: int
    height: float
    plot_left: float
    plot_right: float
    axis_y: float
    undated_x: float | None
    rows: list[Row]
    arrows: list[Arrow]
    ticks: list[Tick]


def layout_timeline(articles: Sequence[TimelineArticle], links: Sequence[TimelineLink]) -> Timeline:
    """Place ``articles`` (earliest first, undated last) and the arrows between them."""
    times = {a.article_id: parse_time(a.published) for a in articles}
    ordered = sorted(articles, key=lambda a: _sort_key(times[a.article_id]))
    dated = [t[0] for t in times.values() if t is not None]
    has_undated = len(dated) < len(articles)
    plot_left = LABEL_WIDTH + RADIUS * 2
    plot_right = WIDTH - RIGHT_PAD - (UNDATED_WIDTH if has_undated else 0)
    start, end = _span(dated)
    scale = _Scale(start, end, plot_left, plot_right)
    undated_x = WIDTH - RIGHT_PAD - UNDATED_WIDTH / 2 if has_undated else None
    rows = []
    for index, article in enumerate(ordered):
        when = times[article.article_id]
        x = scale.x(when[0]) if when is not None else (undated_x or plot_right)
        rows.append(
            Row(
                y=TOP + ROW_HEIGHT * (index + 0.5),
                x=round(x, 1),
                cite=article.cite,
                label=shorten(f"[{article.cite.name}] {article.label}", LABEL_CHARS),
                label_full=f"[{article.cite.name}] {article.label}",
                when=readable_time(article.published),
                kind=article.kind,
                date_only=when is not None and when[1],
            )
        )
    axis_y = TOP + ROW_HEIGHT * len(ordered) + 6
    return Timeline(
        width=WIDTH,
        height=axis_y + AXIS_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        undated_x=undated_x,
        rows=rows,
        arrows=_arrows(rows, ordered, links),
        ticks=_ticks(scale, start, end) if dated else [],
    )


def _sort_key(when: tuple[datetime, bool] | None) -> tuple[int, float]:
    return (1, 0.0) if when is None else (0, when[0].timestamp())


def _span(times: Sequence[datetime]) -> tuple[datetime, datetime]:
    if not times:
        now = datetime.fromtimestamp(0).astimezone()
        return now, now + timedelta(hours=1)
    start, end = min(times), max(times)
    # A little room either side so the first and last dots are not on the plot's edge.
    margin = max((end - start) * 0.04, timedelta(minutes=30))
    return start - margin, end + margin


@dataclass(frozen=True)
class _Scale:
    start: datetime
    end: datetime
    left: float
    right: float

    def x(self, when: datetime) -> float:
        total = (self.end - self.start).total_seconds()
        return self.left + (self.right - self.left) * (when - self.start).total_seconds() / total


def _arrows(
    rows: Sequence[Row], ordered: Sequence[TimelineArticle], links: Sequence[TimelineLink]
) -> list[Arrow]:
    where = {a.article_id: row for a, row in zip(ordered, rows, strict=True)}
    arrows = []
    for link in links:
        copy, origin = where.get(link.copy), where.get(link.origin)
        if copy is None or origin is None or copy is origin:
            continue
        verb = "copies" if link.directed else "shares text with"
        title = f"[{copy.cite.name}] {verb} [{origin.cite.name}] ({link.kind})"
        kind = css_word(link.kind) or "related"
        arrows.append(Arrow(_curve(copy, origin), kind, link.directed, title))
    return arrows


def _curve(start: Row, end: Row) -> str:
    """A curve from ``start``'s dot to ``end``'s, bowed to one side so that it passes by the dots
    between them, and cut short so that it meets the dots' edges."""
    dx, dy = end.x - start.x, end.y - start.y
    length = math.hypot(dx, dy) or 1.0
    bow = min(length * BOW, MAX_BOW)
    # Bow to the right of the line from origin to copy: rows run in time order, so the dots
    # lie along a falling diagonal and that side of it is empty.
    control = ((start.x + end.x) / 2 - dy / length * bow, (start.y + end.y) / 2 + dx / length * bow)
    x1, y1 = _toward((start.x, start.y), control, RADIUS + 2)
    x2, y2 = _toward((end.x, end.y), control, RADIUS + 3)
    return f"M{x1:.1f},{y1:.1f} Q{control[0]:.1f},{control[1]:.1f} {x2:.1f},{y2:.1f}"


def _toward(
    point: tuple[float, float], target: tuple[float, float], distance: float
) -> tuple[float, float]:
    dx, dy = target[0] - point[0], target[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return point[0] + dx / length * distance, point[1] + dy / length * distance


def _ticks(scale: _Scale, start: datetime, end: datetime) -> list[Tick]:
    span = end - start
    ticks = []
    previous: datetime | None = None
    for n in range(TICKS):
        when = start + span * (n / (TICKS - 1))
        anchor = "end" if n == TICKS - 1 else "middle"
        ticks.append(Tick(round(scale.x(when), 1), _tick_label(when, previous, span), anchor))
        previous = when
    return ticks


def _tick_label(when: datetime, previous: datetime | None, span: timedelta) -> str:
    """A tick's date, said once: within a few days, a tick on the same day as the one before it
    shows the hour alone (five full labels do not fit side by side)."""
    if span >= timedelta(days=300):
        return when.strftime("%b %Y")
    if span >= timedelta(days=3):
        return when.strftime("%d %b")
    if previous is not None and previous.date() == when.date():
        return when.strftime("%H:%M")
    return when.strftime("%d %b %H:%M")
