"""Bar charts of admitted against target, drawn as inline SVG when the site is built.

No script and no request: the SVG is part of the page. Every piece of text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from vn_format.filters import vn_number

# The target is an outlined bar and admitted a solid one, so they differ by more than colour.
TARGET_STYLE = 'fill="#fff8e1" stroke="#595959" stroke-width="1.5"'
ADMITTED_STYLE = 'fill="#a50e0e"'
TEXT_COLOUR = "#1f1f1f"

GROUP_WIDTH = 120
BAR_WIDTH = 36
MARGIN = 16
LEGEND_HEIGHT = 30
VALUE_HEIGHT = 18
PLOT_HEIGHT = 160
AXIS_HEIGHT = 30


@dataclass(frozen=True)
class Bar:
    """One period: its axis label and the two values (None when the article gives none)."""

    label: str
    target: int | None
    admitted: int | None


def bar_chart(bars: Sequence[Bar], chart_id: str, title: str, description: str) -> str:
    """An accessible SVG: role="img", named by its <title>, described by its <desc>."""
    width = 2 * MARGIN + max(len(bars), 2) * GROUP_WIDTH
    height = LEGEND_HEIGHT + VALUE_HEIGHT + PLOT_HEIGHT + AXIS_HEIGHT
    baseline = LEGEND_HEIGHT + VALUE_HEIGHT + PLOT_HEIGHT
    largest = max([v for bar in bars for v in (bar.target, bar.admitted) if v] or [1])
    title_id, desc_id = f"{_attr(chart_id)}-title", f"{_attr(chart_id)}-desc"
    parts = [
        f'<svg class="stats-chart__svg" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{title_id}" aria-describedby="{desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        _legend(),
    ]
    for index, bar in enumerate(bars):
        left = MARGIN + index * GROUP_WIDTH + (GROUP_WIDTH - 2 * BAR_WIDTH - 4) / 2
        parts.append(_bar(left, bar.target, "target", TARGET_STYLE, largest, baseline))
        parts.append(_bar(left + BAR_WIDTH + 4, bar.admitted, "admitted", ADMITTED_STYLE,
                          largest, baseline))
        centre = MARGIN + index * GROUP_WIDTH + GROUP_WIDTH / 2
        parts.append(f'<text class="stats-chart__label" x="{_n(centre)}" y="{baseline + 20}" '
                     f'text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">'
                     f"{escape(bar.label)}</text>")
    parts.append(f'<line class="stats-chart__axis" x1="{MARGIN}" y1="{baseline}" '
                 f'x2="{width - MARGIN}" y2="{baseline}" stroke="{TEXT_COLOUR}" />')
    parts.append("</svg>")
    return "\n".join(parts)


def _bar(left: float, value: int | None, kind: str, style: str, largest: int,
         baseline: int) -> str:
    centre = left + BAR_WIDTH / 2
    if value is None:
        return (f'<text class="stats-chart__value stats-chart__value--none" x="{_n(centre)}" '
                f'y="{baseline - 4}" text-anchor="middle" font-size="12" '
                f'fill="{TEXT_COLOUR}">—</text>')
    height = PLOT_HEIGHT * value / largest
    top = baseline - height
    return (
        f'<rect class="stats-chart__bar stats-chart__bar--{kind}" x="{_n(left)}" '
        f'y="{_n(top)}" width="{BAR_WIDTH}" height="{_n(height)}" {style} />'
        f'<text class="stats-chart__value" x="{_n(centre)}" y="{_n(top - 4)}" '
        f'text-anchor="middle" font-size="12" fill="{TEXT_COLOUR}">'
        f"{escape(vn_number(value))}</text>"
    )


def _legend() -> str:
    items = []
    for offset, (kind, style, text) in enumerate((("target", TARGET_STYLE, "Chỉ tiêu"),
                                                  ("admitted", ADMITTED_STYLE, "Kết nạp"))):
        x = MARGIN + offset * 110
        items.append(
            f'<rect class="stats-chart__bar--{kind}" x="{x}" y="8" width="14" height="14" '
            f'{style} />'
            f'<text x="{x + 20}" y="20" font-size="12" fill="{TEXT_COLOUR}">{text}</text>'
        )
    return '<g class="stats-chart__legend">' + "".join(items) + "</g>"


def _n(value: float) -> str:
    """A coordinate without float noise: 12.0 -> '12', 12.3456 -> '12.35'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attr(text: str) -> str:
    return escape(text, quote=True)
