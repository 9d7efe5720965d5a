"""Small inline SVG charts for the monitoring page: no JavaScript, no image files.

Each function takes a published document (counts already suppressed) and returns
an SVG string, so the page stays one self-contained HTML file.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ovpkit import formats
from ovpkit.i18n import _
from ovpkit.monitoring.words import group_word, word
from ovpkit.publish.svg import GROWTH, LETTER, MIN_TEXT, PHONE_WIDTH

PALETTE = ("#1b6ca8", "#e07a1f", "#3a9d5d", "#b5446e", "#7a5195", "#8c8c8c")
#: Drawn for a phone's column, so ``MIN_TEXT`` is the size a reader sees there.
WIDTH, HEIGHT, PAD = PHONE_WIDTH, 180, 46


def _scale(lo: float, hi: float, out_lo: float, out_hi: float) -> Any:
    span = (hi - lo) or 1.0
    return lambda v: out_lo + (v - lo) / span * (out_hi - out_lo)


def trajectory_svg(indicator: dict[str, Any]) -> str:
    """Observations (solid) against the straight trajectory from baseline to target (dashed)."""
    observed = [(o["year"], o["value"]) for o in indicator["observations"]]
    observed = [(y, v) for y, v in observed if isinstance(v, int | float)]
    path = _trajectory_points(indicator)
    points = observed + path
    if not points:
        return ""
    years = [y for y, _ in points]
    values = [v for _, v in points]
    x = _scale(min(years), max(years) or 1, PAD, WIDTH - 24)
    y = _scale(0, max(values) * 1.1 or 1.0, HEIGHT - 22, 16)
    parts = [_frame(min(years), max(years), max(values) * 1.1, x, y)]
    if path:
        line = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in path)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="#8c8c8c" '
            'stroke-dasharray="5 4" stroke-width="1.5"/>'
        )
    if observed:
        line = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in observed)
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>'
        )
        parts += [
            f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="3" fill="{PALETTE[0]}"/>'
            for a, b in observed
        ]
    title = _("{indicator}: observations and trajectory").format(indicator=indicator["name"])
    return _svg("".join(parts), title)


def _trajectory_points(indicator: dict[str, Any]) -> list[tuple[int, float]]:
    base, target = indicator["baseline"], indicator["target"]
    if not all(isinstance(d["value"], int | float) and d["year"] for d in (base, target)):
        return []
    return [(base["year"], base["value"]), (target["year"], target["value"])]


def _frame(y0: int, y1: int, top: float, x: Any, y: Any) -> str:
    axis = (
        f'<line x1="{PAD}" y1="{HEIGHT - 22}" x2="{WIDTH - 10}" y2="{HEIGHT - 22}" stroke="#444"/>'
    )
    labels = "".join(
        f'<text x="{x(year):.1f}" y="{HEIGHT - 6}" font-size="{MIN_TEXT}" '
        f'text-anchor="middle">{year}</text>'
        for year in sorted({y0, y1})
    )
    ticks = "".join(
        f'<text x="{PAD - 4}" y="{y(v):.1f}" font-size="{MIN_TEXT}" text-anchor="end">'
        f"{_tick(v)}</text>"
        for v in (0, top / 2, top)
    )
    return axis + labels + ticks


def _tick(value: float) -> str:
    return formats.count(value) if value >= 100 else formats.number(value, places=1)


def budget_svg(budget: dict[str, Any]) -> str:
    """Stacked bars: each year's budget by source, under a legend that wraps as needed."""
    years = budget["years"]
    if not years:
        return ""
    sources = sorted({s["source"] for year in years for s in year["sources"]})
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    legend, rows = _legend([(word("source", s), colour[s]) for s in sources])
    extra = 16 * (rows - 1)
    top = max(year["total"] for year in years) or 1.0
    y = _scale(0, top, HEIGHT - 22 + extra, 16 + extra)
    band = (WIDTH - PAD - 10) / len(years)
    parts = []
    for i, year in enumerate(years):
        left, base = PAD + i * band + band * 0.15, 0.0
        for source in sorted(year["sources"], key=lambda item: str(item["source"])):
            height = y(base) - y(base + source["amount"])
            parts.append(
                f'<rect x="{left:.1f}" y="{y(base + source["amount"]):.1f}" '
                f'width="{band * 0.7:.1f}" '
                f'height="{height:.1f}" fill="{colour[source["source"]]}">'
                f"<title>{escape(word('source', source['source']))}: "
                f"{formats.count(source['amount'])}</title></rect>"
            )
            base += source["amount"]
        parts.append(
            f'<text x="{left + band * 0.35:.1f}" y="{HEIGHT - 6 + extra}" font-size="{MIN_TEXT}" '
            f'text-anchor="middle">{formats.year(year["year"])}</text>'
        )
    title = _("budget by year and source")
    return _svg(legend + "".join(parts), title, height=HEIGHT + extra)


def _legend(items: list[tuple[str, str]]) -> tuple[str, int]:
    """Colour keys left to right, starting a new row when a name would not fit."""
    legend, left, row = "", float(PAD), 0
    for name, fill in items:
        width = 24 + MIN_TEXT * LETTER * len(name)
        if left + width > WIDTH and left > PAD:
            left, row = float(PAD), row + 1
        top = row * 16
        legend += (
            f'<rect x="{left:.0f}" y="{top}" width="10" height="10" fill="{fill}"/>'
            f'<text x="{left + 13:.0f}" y="{top + 10}" font-size="{MIN_TEXT}">{escape(name)}</text>'
        )
        left += width
    return legend, row + 1


def coverage_svg(dimension: dict[str, Any]) -> str:
    """Paired bars per group: share of victims (grey) and share of participants (blue)."""
    groups = dimension["groups"]
    row = 34
    height = row * len(groups) + 12
    x = _scale(0, 1, 120, WIDTH - 40)
    parts, hidden = [], _("suppressed")
    for i, group in enumerate(groups):
        top = 6 + i * row
        parts.append(
            f'<text x="114" y="{top + 14}" font-size="{MIN_TEXT}" text-anchor="end">'
            f"{escape(group_word(dimension['dimension'], str(group['group'])))}</text>"
        )
        for offset, key, fill in (
            (0, "victim_share", "#8c8c8c"),
            (14, "participant_share", PALETTE[0]),
        ):
            share = group[key]
            if share is None:
                parts.append(
                    f'<text x="122" y="{top + offset + 10}" font-size="{MIN_TEXT}">'
                    f"{escape(hidden)}</text>"
                )
                continue
            parts.append(
                f'<rect x="120" y="{top + offset}" '
                f'width="{x(share) - 120:.1f}" height="11" '
                f'fill="{fill}"/><text x="{x(share) + 3:.1f}" y="{top + offset + 10}" '
                f'font-size="{MIN_TEXT}">{formats.percent(share)}</text>'
            )
    title = _("coverage by {dimension}").format(dimension=word("dimension", dimension["dimension"]))
    return _svg("".join(parts), title, height=height)


def _svg(body: str, title: str, *, height: int = HEIGHT) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" style="max-width:{WIDTH * GROWTH:.0f}px" role="img">'
        f"<title>{escape(title)}</title>"
        f"{body}</svg>"
    )
