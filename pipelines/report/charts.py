"""Inline SVG bar charts: no script, no network, readable in any browser or mail client.

A chart is a list of groups (one x position each: a province-year, a week, a
run) holding stacked segments (a star class, a site, a page outcome).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

# Colour-blind-safe palette (Okabe-Ito), in series order.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
CHART_HEIGHT = 300
PLOT_TOP = 20
PLOT_BOTTOM = 110  # room for the group labels, rotated 45 degrees
PLOT_LEFT = 110  # room for the axis and for the first rotated label
MIN_BAR_WIDTH = 14
MAX_BAR_WIDTH = 48
BAR_GAP = 6
MIN_WIDTH = 480
TICKS = 5


@dataclass(frozen=True, slots=True)
class Segment:
    series: str
    value: float


@dataclass(frozen=True, slots=True)
class Group:
    label: str
    segments: tuple[Segment, ...]

    @property
    def total(self) -> float:
        return sum(s.value for s in self.segments)


def stacked_bars(title: str, groups: list[Group], series: list[str], y_label: str) -> str:
    """An SVG stacked bar chart with a legend; an empty chart says there is no data."""
    if not groups:
        return f'<p class="empty">{escape(title)}: no data yet.</p>'
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    width = max(PLOT_LEFT + len(groups) * (MIN_BAR_WIDTH + BAR_GAP) + 20, MIN_WIDTH)
    bar = min((width - PLOT_LEFT - 20) / len(groups), MAX_BAR_WIDTH + BAR_GAP)
    top = _axis_top(max(g.total for g in groups))
    plot_h = CHART_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width:.0f}" height="{CHART_HEIGHT}" viewBox="0 0 {width:.0f} {CHART_HEIGHT}">',
        f"<title>{escape(title)}</title>",
    ]
    parts += _axis(top, plot_h, width, y_label)
    for index, group in enumerate(groups):
        x = PLOT_LEFT + index * bar + BAR_GAP / 2
        parts += _bar(group, x, bar - BAR_GAP, top, plot_h, colours)
        parts.append(_group_label(group.label, x + (bar - BAR_GAP) / 2))
    parts.append("</svg>")
    return "".join(parts) + _legend(series, colours)


def _axis(top: float, plot_h: float, width: float, y_label: str) -> list[str]:
    parts = []
    for tick in range(TICKS + 1):
        value = top * tick / TICKS
        y = PLOT_TOP + plot_h - plot_h * tick / TICKS
        parts.append(
            f'<line x1="{PLOT_LEFT}" x2="{width - 10:.0f}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#ddd"/>'
            f'<text x="{PLOT_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="11">{_number(value)}</text>'
        )
    parts.append(
        f'<text x="12" y="{PLOT_TOP + plot_h / 2:.0f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {PLOT_TOP + plot_h / 2:.0f})">{escape(y_label)}</text>'
    )
    return parts


def _bar(
    group: Group, x: float, w: float, top: float, plot_h: float, colours: dict[str, str]
) -> list[str]:
    parts = []
    base = PLOT_TOP + plot_h
    for segment in group.segments:
        if segment.value <= 0:
            continue
        h = plot_h * segment.value / top
        base -= h
        parts.append(
            f'<rect x="{x:.1f}" y="{base:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="{colours.get(segment.series, "#999")}"><title>{escape(group.label)} · '
            f"{escape(segment.series)}: {_number(segment.value)}</title></rect>"
        )
    return parts


def _group_label(label: str, x: float) -> str:
    y = CHART_HEIGHT - PLOT_BOTTOM + 12
    return (
        f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="end" '
        f'transform="rotate(-45 {x:.1f} {y})">{escape(label)}</text>'
    )


def _legend(series: list[str], colours: dict[str, str]) -> str:
    items = "".join(
        f'<span class="key"><span class="swatch" style="background:{colours[name]}"></span>'
        f"{escape(name)}</span>"
        for name in series
    )
    return f'<div class="legend">{items}</div>'


def _axis_top(value: float) -> float:
    """TICKS whole steps of 1, 2 or 5 times a power of ten reaching `value`.

    Counts are whole numbers, so every tick label is one too.
    """
    needed = max(value, 1) / TICKS
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= needed:
                return float(step * magnitude * TICKS)
        magnitude *= 10


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")  # Vietnamese thousands separator
