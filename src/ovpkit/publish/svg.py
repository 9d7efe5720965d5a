"""Small inline SVG charts: maturity levels per criterion, and a heat map of levels.

Plain strings, no plotting library: the charts render the same in a browser and in
WeasyPrint, scale with the page, and carry their numbers as text for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: One colour per level 0-3 (colour-blind-safe, dark enough for white text from 2 up).
LEVEL_COLOURS = ("#d9d9d9", "#f2b134", "#4a9bbd", "#1f6e43")
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class LevelBar:
    label: str
    level: int
    low: int
    high: int
    note: str = ""  # e.g. the confidence, printed at the right


def level_chart(
    bars: Sequence[LevelBar], level_names: Sequence[str], *, title: str, width: int = 720
) -> str:
    """Horizontal bars of levels 0..3, with the range of possible levels as a thin line."""
    label_w, note_w, row_h, top = 330, 56, 26, 34
    plot_w = width - label_w - note_w
    step = plot_w / (len(level_names) - 1)
    height = top + row_h * len(bars) + 8
    parts = [_open(width, height, title)]
    for i, name in enumerate(level_names):
        x = label_w + i * step
        parts.append(_line(x, top - 6, x, height - 8, "#bbbbbb", dash=True))
        parts.append(_text(x, top - 12, f"{i} {name}", size=11, anchor="middle", fill="#555"))
    for row, bar in enumerate(bars):
        y = top + row * row_h
        parts.append(_text(label_w - 8, y + 16, _fit(bar.label, label_w), size=12, anchor="end"))
        parts.append(
            _line(label_w + bar.low * step, y + 12, label_w + bar.high * step, y + 12, "#777")
        )
        length = max(bar.level * step, 6)
        colour = LEVEL_COLOURS[bar.level]
        parts.append(
            f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="14" rx="3" '
            f'fill="{colour}"><title>{escape(bar.label)}: {bar.level}</title></rect>'
        )
        parts.append(_text(width - note_w + 6, y + 16, bar.note, size=11, fill="#555"))
    parts.append("</svg>")
    return "".join(parts)


def heat_map(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    title: str,
    width: int = 720,
) -> str:
    """A grid of levels (rows: assessments; columns: criteria), coloured by level."""
    label_w, top, cell_h = 230, 30, 30
    cell_w = (width - label_w) / max(len(column_labels), 1)
    height = top + cell_h * len(row_labels) + 4
    parts = [_open(width, height, title)]
    for j, column in enumerate(column_labels):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(_text(x, top - 10, column, size=12, anchor="middle", weight="bold"))
    for i, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        y = top + i * cell_h
        parts.append(_text(label_w - 8, y + 19, _fit(label, label_w), size=12, anchor="end"))
        for j, level in enumerate(row):
            x = label_w + j * cell_w
            fill = "#fff" if level >= 2 else "#222"
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y + 1}" width="{cell_w - 2:.1f}" height="{cell_h - 2}" '
                f'fill="{LEVEL_COLOURS[level]}"/>'
            )
            parts.append(
                _text(x + cell_w / 2, y + 20, str(level), size=13, anchor="middle", fill=fill)
            )
    parts.append("</svg>")
    return "".join(parts)


def _fit(label: str, width: float) -> str:
    """Shorten ``label`` to what fits in ``width`` pixels at 12 px (about 7 px a letter)."""
    room = int((width - 12) / 7)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="{FONT}">'
        f"<title>{escape(title)}</title>"
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
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}">{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, colour: str, *, dash: bool = False) -> str:
    dashes = ' stroke-dasharray="3,3"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="1.5"{dashes}/>'
    )
