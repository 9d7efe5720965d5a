"""Small inline SVG charts: maturity levels per criterion, and a heat map of levels.

Plain strings, no plotting library: the charts render the same in a browser and in
WeasyPrint, scale with the page, and carry their numbers as text for screen readers.
Every chart carries its own legend (colours and marks), so a chart printed or copied
alone still reads right. Marks have a ``class`` (``bar``, ``range``, ``confidence``,
``swatch``) so tests and stylesheets find them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: One colour per level 0-3 (colour-blind-safe, dark enough for white text from 2 up).
LEVEL_COLOURS = ("#d9d9d9", "#f2b134", "#2e7599", "#1f6e43")
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
RANGE_COLOUR = "#1d2530"
#: Rough width of a letter at font size 1 (DejaVu Sans is wide): used to fit and wrap.
LETTER = 0.58
#: The smallest text a chart shows, in CSS pixels at the size it is drawn on a phone.
MIN_TEXT = 12
#: A chart's room on a 390 px phone: 390 minus report.css's 26 px side padding (338),
#: minus a ``.panel``'s padding and border (18). A chart this wide is drawn at its own
#: size there, so its 12-unit text is 12 px; a wider one would be shrunk, text and all.
PHONE_WIDTH = 320
#: How far a phone-sized chart may grow on a wide screen: 12-unit text then reads about
#: 16 px, the body text's size, never larger.
GROWTH = 1.35


@dataclass(frozen=True)
class LevelBar:
    label: str
    level: int
    low: int
    high: int
    note: str = ""  # the confidence, already formatted (e.g. "43 %"), in its own column
    #: shown instead of a bar when the level could not be judged ("not assessed"): no
    #: answer decided any check, which is not level 0 (nothing in place)
    not_assessed: str | None = None


@dataclass(frozen=True)
class LevelLegend:
    """The words of a level chart's legend, in the reader's language."""

    note_title: str  # heading of the right-hand column, e.g. "confidence"
    range_label: str  # what the range mark means, e.g. "range left open by unknown answers"


@dataclass(frozen=True)
class _Layout:
    """Where a level chart's columns and rows fall (labels sit above their bar)."""

    width: int
    left: float = 16.0  # room for the first level's heading (its number)
    note_w: float = 84.0  # the confidence column, right of the last level
    top: float = 40.0
    row_h: float = 40.0
    line_h: float = 15.0  # a criterion's name may take two lines

    @property
    def plot_right(self) -> float:
        return self.width - self.note_w - 20.0

    def x(self, level: float, levels: int) -> float:
        return self.left + level * (self.plot_right - self.left) / (levels - 1)


def level_chart(
    bars: Sequence[LevelBar],
    level_names: Sequence[str],
    *,
    title: str,
    legend: LevelLegend | None = None,
    width: int = PHONE_WIDTH,
) -> str:
    """Horizontal bars of levels 0..3; the range of possible levels drawn over each bar.

    The range is drawn after (above) the bar with a light halo, so it shows on every
    colour; the confidence sits in its own headed column, right of the level columns, so
    it never reads as a level; the legend names each colour and the range mark. The chart
    is drawn for a phone's width and scales with the page (up to ``GROWTH`` times), so
    its text is never smaller than ``MIN_TEXT`` pixels; a column too narrow for a level's
    name shows its number, which the legend names.
    """
    legend = legend or LevelLegend("confidence", "range of possible levels")
    lay = _Layout(width)
    labels = [_wrap(bar.label, width - 12) for bar in bars]
    tops = [lay.top]
    for lines in labels:
        tops.append(tops[-1] + lay.row_h + lay.line_h * (len(lines) - 1))
    rows_bottom = tops[-1]
    legend_svg, legend_h = _legend(
        [(LEVEL_COLOURS[i], f"{i} {name}") for i, name in enumerate(level_names)],
        range_label=legend.range_label,
        y=rows_bottom + 14,
        width=width,
    )
    height = rows_bottom + 14 + legend_h
    parts = [_open(width, height, title, style=f"max-width:{width * GROWTH:.0f}px")]
    parts += _level_axes(lay, level_names, legend.note_title, rows_bottom)
    for row, bar in enumerate(bars):
        parts += _level_row(lay, bar, labels[row], tops[row], len(level_names))
    parts.append(legend_svg)
    parts.append("</svg>")
    return "".join(parts)


def _level_axes(
    lay: _Layout, level_names: Sequence[str], note_title: str, bottom: float
) -> list[str]:
    """Dashed level columns with their names; the confidence column with its heading."""
    parts: list[str] = []
    column = (lay.plot_right - lay.left) / max(len(level_names) - 1, 1)
    named = [f"{i} {name}" for i, name in enumerate(level_names)]
    fits = all(len(n) * MIN_TEXT * LETTER < min(column, 2 * lay.left) for n in named)
    for i, heading in enumerate(named if fits else map(str, range(len(named)))):
        x = lay.x(i, len(level_names))
        parts.append(_line(x, lay.top - 8, x, bottom, "#bbbbbb", dash=True))
        parts.append(_text(x, lay.top - 14, heading, size=MIN_TEXT, anchor="middle", fill="#555"))
    rule = lay.width - lay.note_w
    parts.append(_line(rule, lay.top - 26, rule, bottom, "#c9d1da"))
    parts.append(
        _text(
            rule + lay.note_w / 2,
            lay.top - 14,
            note_title,
            size=12,
            anchor="middle",
            fill="#555",
            weight="bold",
        )
    )
    return parts


def _level_row(
    lay: _Layout, bar: LevelBar, label: Sequence[str], y: float, levels: int
) -> list[str]:
    """One criterion: its name above (one or two lines), the bar, the range, the confidence."""
    parts = [_lines(4, y + 13, label, size=12, step=lay.line_h)]
    bar_y = y + 20 + lay.line_h * (len(label) - 1)
    parts.append(_bar(lay, bar, bar_y, levels))
    if bar.high > bar.low and bar.not_assessed is None:
        parts.append(_range(lay.x(bar.low, levels), lay.x(bar.high, levels), bar_y + 7))
    parts.append(
        _text(
            lay.width - lay.note_w / 2,
            bar_y + 11,
            bar.note,
            size=12,
            anchor="middle",
            fill="#333",
            css="confidence",
        )
    )
    return parts


def _bar(lay: _Layout, bar: LevelBar, bar_y: float, levels: int) -> str:
    """The level's bar, or the words "not assessed" in its place (never a 0-length bar)."""
    if bar.not_assessed is not None:
        return (
            f'<rect class="not-assessed" x="{lay.left:.1f}" y="{bar_y}" '
            f'width="{lay.x(levels - 1, levels) - lay.left:.1f}" height="14" rx="3" '
            'fill="none" stroke="#999999" stroke-dasharray="4 3"/>'
            + _text(lay.left + 8, bar_y + 11, bar.not_assessed, size=MIN_TEXT, fill="#555")
        )
    length = max(lay.x(bar.level, levels) - lay.left, 6)
    return (
        f'<rect class="bar" x="{lay.left:.1f}" y="{bar_y}" width="{length:.1f}" height="14" '
        f'rx="3" fill="{LEVEL_COLOURS[bar.level]}"><title>{escape(bar.label)}: {bar.level}'
        "</title></rect>"
    )


def _range(x1: float, x2: float, y: float) -> str:
    """A line with end caps from ``x1`` to ``x2``, with a white halo to show on any colour."""
    marks = "".join(
        f'<line x1="{a:.1f}" y1="{b:.1f}" x2="{c:.1f}" y2="{d:.1f}" stroke="{colour}" '
        f'stroke-width="{w}" stroke-linecap="round"/>'
        for colour, w in (("#ffffff", 5), (RANGE_COLOUR, 2))
        for a, b, c, d in ((x1, y, x2, y), (x1, y - 6, x1, y + 6), (x2, y - 6, x2, y + 6))
    )
    return f'<g class="range" data-from="{x1:.1f}" data-to="{x2:.1f}">{marks}</g>'


def _legend(
    swatches: Sequence[tuple[str, str]], *, range_label: str | None, y: float, width: int
) -> tuple[str, float]:
    """Colour swatches (and the range mark) flowing into as many lines as they need."""
    items: list[tuple[float, str, str | None]] = [
        (len(label) * MIN_TEXT * LETTER + 26, label, colour) for colour, label in swatches
    ]
    if range_label:
        items.append((len(range_label) * MIN_TEXT * LETTER + 36, range_label, None))
    parts, x, line = ['<g class="legend">'], 0.0, 0
    for item_w, label, colour in items:
        if x and x + item_w > width:
            x, line = 0.0, line + 1
        top = y + line * 20
        if colour is None:  # the range mark's words, wrapped to the chart's width
            parts.append(_range(x + 2, x + 26, top + 6))
            words = textwrap.wrap(label, int((width - x - 40) / (MIN_TEXT * LETTER))) or [""]
            # the whole phrase once, as the item's name (screen readers, searches)
            parts.append(f"<g><title>{escape(label)}</title>")
            for i, words_line in enumerate(words):
                parts.append(
                    _text(x + 32, top + 10 + 16 * i, words_line, size=MIN_TEXT, fill="#333")
                )
            parts.append("</g>")
            line += len(words) - 1
        else:
            parts.append(
                f'<rect class="swatch" x="{x:.1f}" y="{top}" width="18" height="12" rx="2" '
                f'fill="{colour}"/>'
            )
            parts.append(_text(x + 22, top + 10, label, size=MIN_TEXT, fill="#333"))
        x += item_w + 14
    parts.append("</g>")
    return "".join(parts), (line + 1) * 20


def heat_map(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[int | None]],
    *,
    title: str,
    level_names: Sequence[str] = (),
    width: int = 720,
    not_assessed: str = "not assessed",
) -> str:
    """A grid of levels (rows: assessments; columns: criteria), coloured by level.

    A ``None`` level (not assessed) is a dashed empty cell marked "–", never a 0.
    """
    label_w, top, cell_h = 230, 30, 30
    cell_w = (width - label_w) / max(len(column_labels), 1)
    rows_bottom = top + cell_h * len(row_labels)
    swatches = [(LEVEL_COLOURS[i], f"{i} {name}") for i, name in enumerate(level_names)]
    legend_svg, legend_h = (
        _legend(swatches, range_label=None, y=rows_bottom + 12, width=width)
        if swatches
        else ("", 0.0)
    )
    height = rows_bottom + 4 + (legend_h + 12 if swatches else 0)
    # Too wide for a phone: drawn at its own size (the figure scrolls), never shrunk.
    parts = [_open(width, height, title, style=f"min-width:{width}px")]
    for j, column in enumerate(column_labels):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(_text(x, top - 10, column, size=12, anchor="middle", weight="bold"))
    for i, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        y = top + i * cell_h
        parts.append(_text(label_w - 8, y + 19, _fit(label, label_w), size=12, anchor="end"))
        for j, level in enumerate(row):
            parts += _cell(label_w + j * cell_w, y, cell_w, cell_h, level, not_assessed)
    parts.append(legend_svg)
    parts.append("</svg>")
    return "".join(parts)


def _cell(x: float, y: float, w: float, h: float, level: int | None, missing: str) -> list[str]:
    """One heat-map cell: the level on its colour, or a dashed "–" when not assessed."""
    box = f'x="{x + 1:.1f}" y="{y + 1}" width="{w - 2:.1f}" height="{h - 2}"'
    if level is None:
        return [
            f'<rect class="cell not-assessed" {box} fill="#ffffff" stroke="#999999" '
            f'stroke-dasharray="4 3"><title>{escape(missing)}</title></rect>',
            _text(x + w / 2, y + 20, "–", size=13, anchor="middle", fill="#555"),
        ]
    fill = "#fff" if level >= 2 else "#222"
    return [
        f'<rect class="cell" {box} fill="{LEVEL_COLOURS[level]}"/>',
        _text(x + w / 2, y + 20, str(level), size=13, anchor="middle", fill=fill),
    ]


def _fit(label: str, width: float, *, size: int = 12) -> str:
    """Shorten ``label`` to what fits in ``width`` pixels at font ``size``."""
    room = int((width - 12) / (size * LETTER))
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _wrap(label: str, width: float, *, size: int = 12) -> list[str]:
    """``label`` on at most two lines of ``width`` pixels (the second shortened if needed)."""
    room = int((width - 12) / (size * LETTER))
    lines = textwrap.wrap(label, room) or [""]
    if len(lines) <= 2:
        return lines
    return [lines[0], _fit(" ".join(lines[1:]), width, size=size)]


def _open(width: int, height: float, title: str, *, style: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" '
        f'width="100%" style="{style}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}"><title>{escape(title)}</title>'
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int,
    anchor: str = "start",
    fill: str = "#222",
    weight: str = "normal",
    css: str | None = None,
) -> str:
    klass = f' class="{css}"' if css else ""
    return (
        f'<text{klass} x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(text)}</text>'
    )


def _lines(x: float, y: float, lines: Sequence[str], *, size: int, step: float) -> str:
    """One text on several lines (``tspan``s), so it stays one name for screen readers."""
    if len(lines) == 1:
        return _text(x, y, lines[0], size=size)
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else step:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="start" '
        f'fill="#222" font-weight="normal">{spans}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, *, dash: bool = False) -> str:
    dashes = ' stroke-dasharray="3,3"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="1.5"{dashes}/>'
    )
