"""Static SVG charts for the diagnosis, drawn from the public (suppressed) data.

Charts take the already-suppressed dictionary, so a hidden count cannot leak
through a bar or a point. Matplotlib's Agg backend needs no display.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import h3  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import shapely  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from scipy.spatial import ConvexHull  # noqa: E402

from ovpkit import formats  # noqa: E402
from ovpkit.diagnosis.affected import LABELS, UNKNOWN  # noqa: E402
from ovpkit.diagnosis.boundaries import Polygon  # noqa: E402
from ovpkit.i18n import _, ngettext  # noqa: E402
from ovpkit.publish.disclosure import MARKER  # noqa: E402

INK, ACCENT, HOT, COLD, GREY = "#1f2933", "#c2410c", "#b91c1c", "#1d4ed8", "#cbd2d9"


def _svg(fig: Figure) -> str:
    """The figure as inline SVG; text stays text (readable, searchable, in the page's font)."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _numbers(axis: Any, *, share: bool = False) -> None:
    """Tick labels in the reader's language ("12.000", "0,2", "20 %")."""
    axis.set_major_formatter(FuncFormatter(_share_tick if share else _number_tick))


def _share_tick(value: float, _position: int | None = None) -> str:
    return formats.percent(value)


def _number_tick(value: float, _position: int | None = None) -> str:
    return formats.number(value)


def trend_chart(rows: list[dict[str, Any]], labels: dict[str, str] | None = None) -> str:
    """Counts (or rates when populations are known) per period with 95% intervals.

    Partial periods are drawn apart (hollow, not joined): a half year on the line
    would read as a fall. Fewer than two points make no trend: no chart ("").
    """
    use_rate = bool(rows) and all(r.get("rate") is not None or r.get("suppressed") for r in rows)
    key, low, high = (
        ("rate", "lower", "upper") if use_rate else ("victims", "victims_lower", "victims_upper")
    )
    shown = [r for r in rows if r.get(key) is not None]
    if len(shown) < 2:
        return ""
    fig, ax = plt.subplots(figsize=(8, 3.2))
    x = list(range(len(shown)))
    whole = [i for i, r in enumerate(shown) if not r.get("partial")]
    ax.fill_between(whole, [shown[i][low] for i in whole], [shown[i][high] for i in whole],
                    color=ACCENT, alpha=0.2, label=_("95% interval"))  # fmt: skip
    ax.plot(whole, [shown[i][key] for i in whole], color=ACCENT, marker="o", markersize=3,
            label=_("observed"))  # fmt: skip
    part = [i for i, r in enumerate(shown) if r.get("partial")]
    if part:
        ax.plot(part, [shown[i][key] for i in part], linestyle="none", marker="o", markersize=5,
                markerfacecolor="white", color=ACCENT,
                label=_("partial period (not comparable)"))  # fmt: skip
    step = max(1, len(shown) // 12)
    names = [(labels or {}).get(r["period"], r["period"]) for r in shown]
    ax.set_xticks(x[::step], names[::step], rotation=45, ha="right")
    ax.set_ylabel(_("rate per 100,000 a year") if use_rate else _("victims"))
    ax.set_ylim(bottom=0)
    _numbers(ax.yaxis)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def lorenz_chart(concentration: dict[str, Any]) -> str:
    points = concentration["lorenz"]
    fig, ax = plt.subplots(figsize=(4, 4))
    ax.plot([p[0] for p in points], [p[1] for p in points], color=ACCENT, label=_("victims"))
    ax.plot([0, 1], [0, 1], color=GREY, linestyle="--", label=_("equal spread"))
    ax.set_xlabel(_("share of places (fewest victims first)"))
    ax.set_ylabel(_("share of victims"))
    ax.set_title(_("Gini index {g}").format(g=formats.decimal(concentration["gini"], 2)))
    _numbers(ax.xaxis, share=True)
    _numbers(ax.yaxis, share=True)
    ax.legend(frameon=False)
    return _svg(fig)


SEXES = (("male", INK), ("female", ACCENT), (UNKNOWN, GREY))


def age_sex_chart(shares: list[dict[str, Any]]) -> str:
    """Victims by age group and sex side by side; a hidden count is the marker, not a bar."""
    groups = sorted({s["group"] for s in shares}, key=_age_order)
    present = [(sex, c) for sex, c in SEXES if any(s["sex"] == sex for s in shares)]
    height = 0.8 / max(1, len(present))
    fig, ax = plt.subplots(figsize=(6, max(2.5, 0.35 * len(groups) * len(present))))
    for offset, (sex, colour) in enumerate(present):
        values = {s["group"]: s["victims"] or 0 for s in shares if s["sex"] == sex}
        rows = [i + offset * height for i in range(len(groups))]
        label = _(LABELS[sex]) if sex != UNKNOWN else _("sex not recorded")
        ax.barh(rows, [values.get(g, 0) for g in groups], height=height, color=colour, label=label)
        hidden = {s["group"] for s in shares if s["sex"] == sex and s["victims"] is None}
        for row, group in zip(rows, groups, strict=True):
            if group in hidden:  # no bar would read as none: the marker says "hidden"
                ax.annotate(MARKER, (0, row), xytext=(3, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=9, color=colour)  # fmt: skip
    names = [_("age not recorded") if g == UNKNOWN else g for g in groups]
    ax.set_yticks([i + height * (len(present) - 1) / 2 for i in range(len(groups))], names)
    ax.set_xlabel(_("victims"))
    _numbers(ax.xaxis)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _age_order(label: str) -> tuple[int, str]:
    digits = label.split("-")[0].rstrip("+")
    return (int(digits), label) if digits.isdigit() else (999, label)


#: At most this many shades for the areas' counts (more are hard to tell apart).
CLASSES = 4
HIDDEN_FACE, HIDDEN_HATCH, NO_VICTIMS = "white", "////", "#f5f7fa"


@dataclass(frozen=True)
class Shade:
    """One class of the map's legend: the areas with ``low`` to ``high`` victims."""

    low: int
    high: int
    colour: str


def area_classes(values: Iterable[float | None]) -> list[Shade]:
    """Classes with about as many areas each (quantiles) over the shown counts above zero.

    Hidden counts (None) take no part: a class bound drawn from them would give
    them back. Each class is labelled by the smallest and largest count it holds.
    """
    shown = sorted(int(v) for v in values if v is not None and v > 0)
    if not shown:
        return []
    k = min(CLASSES, len(set(shown)))
    tops = sorted({shown[math.ceil(i * len(shown) / k) - 1] for i in range(1, k + 1)})
    cmap = plt.get_cmap("Oranges")
    shades, low = [], 0
    for i, top in enumerate(tops):
        members = [v for v in shown if low < v <= top]
        tone = 0.3 + 0.6 * i / max(1, len(tops) - 1)
        shades.append(Shade(members[0], top, matplotlib.colors.to_hex(cmap(tone))))
        low = top
    return shades


def _shade(value: float | None, code_known: bool, shades: list[Shade]) -> dict[str, Any]:
    """How one area is filled: its class, hatched when hidden, pale without victims."""
    if code_known and value is None:
        return {"facecolor": HIDDEN_FACE, "hatch": HIDDEN_HATCH}
    for shade in shades:
        if value is not None and value <= shade.high and value >= shade.low:
            return {"facecolor": shade.colour}
    return {"facecolor": NO_VICTIMS}


def map_chart(
    cells: list[dict[str, Any]],
    areas: Sequence[Polygon] = (),
    area_values: dict[str, float | None] | None = None,
    hot_areas: Iterable[str] | None = None,
) -> str:
    """Areas shaded by their class of victims, hot/cold hexagons on top, with a legend.

    ``area_values`` come from the public (suppressed) data: None is a hidden
    count, drawn hatched, never as the fewest. Each area carries its number
    from the key table under the map; the biggest areas among those with most
    victims carry their name. ``hot_areas`` (codes) are outlined as hot spots
    among the areas; then the hexagons are left out (two kinds of hot spot on
    one map would read as one). Nothing to draw (no located victims, no
    boundaries) gives "" so the page can say why instead of showing an empty box.
    Without boundaries the outline of the hexagons with victims shows where the
    city is.
    """
    if not cells and not areas:
        return ""
    fig, ax = plt.subplots(figsize=(6, 6))
    legend: list[Any] = []
    if areas:
        legend += _draw_areas(ax, areas, area_values or {})
    elif cells:
        legend += _draw_outline(ax, cells)
    if hot_areas is not None:
        legend += _outline_hot(ax, [a for a in areas if a.code in set(hot_areas)])
        cells = []
    for kind, colour, label in (("hot", HOT, _("hot spot")), ("cold", COLD, _("cold spot"))):
        drawn = [c for c in cells if c["kind"] == kind]
        for cell in drawn:
            ring = h3.cell_to_boundary(cell["cell"])
            ax.fill([p[1] for p in ring], [p[0] for p in ring], color=colour, alpha=0.75,
                    linewidth=0)  # fmt: skip
        if drawn:
            legend.append(Patch(color=colour, alpha=0.75, label=label))
    ax.set_aspect(1.3)
    ax.set_axis_off()
    if areas:
        _drop_overlapping(fig, ax.texts)
    if legend and areas:  # below: the map keeps the width, its labels their size
        ax.legend(handles=legend, frameon=False, loc="upper center", ncols=2,
                  bbox_to_anchor=(0.5, 0.0), fontsize=LABEL_POINTS)  # fmt: skip
    elif legend:
        ax.legend(handles=legend, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig)


def _drop_overlapping(fig: Figure, labels: Sequence[Any]) -> None:
    """Remove each label that would cover one written before it (they come by priority).

    Names come first, then numbers by the area's victims: a dropped number
    still has its row in the key table under the map.
    """
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    placed: list[Any] = []
    for label in sorted(labels, key=lambda t: t.get_zorder(), reverse=True):
        box = label.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in placed):
            label.remove()
        else:
            placed.append(box)


def _draw_outline(ax: Any, cells: list[dict[str, Any]]) -> list[Any]:
    """The convex outline of the hexagons with data (it reveals no single hexagon)."""
    points = [(p[1], p[0]) for c in cells for p in h3.cell_to_boundary(c["cell"])]
    if len(points) < 3:
        return []
    hull = ConvexHull(points)
    ring = [points[i] for i in hull.vertices] + [points[hull.vertices[0]]]
    ax.plot([p[0] for p in ring], [p[1] for p in ring], color="#52606d", linewidth=0.8)
    return [
        Patch(facecolor="none", edgecolor="#52606d", label=_("outline of the places with data"))
    ]


def _draw_areas(ax: Any, areas: Sequence[Polygon], values: dict[str, float | None]) -> list[Any]:
    """Fill each area by its class and write its label; the legend lists what was drawn."""
    shades = area_classes(values.values())
    used: set[str] = set()
    named = named_areas(areas, values)
    for area in areas:
        order = (2.0 if area.code in named else 1.0) + (values.get(area.code) or 0.0) / 1e9
        style = _shade(values.get(area.code), area.code in values, shades)
        used.add(str(style.get("hatch") or style["facecolor"]))
        ax.add_patch(PathPatch(_path(area.geometry), edgecolor="#52606d", linewidth=0.6,
                               **style))  # fmt: skip
        _label_area(ax, area, area.name if area.code in named else area.label, order)
    ax.autoscale_view()
    return _area_legend(shades, used)


#: Areas named on the map: at most this many, the ones with most victims...
NAMED = 6
#: ...among those at least this share of the mean area's size (smaller ones are numbered).
BIG_ENOUGH = 0.75
NAME_WIDTH = 14  # characters per line of a name written on the map


def named_areas(areas: Sequence[Polygon], values: dict[str, float | None]) -> set[str]:
    """The codes of the areas whose name fits on the map; the others keep their number.

    Names are long, so only the areas readers look for first (most victims
    shown) and big enough to hold a name get one: no pile of overlapping text.
    """
    if not areas:
        return set()
    sizes = {a.code: float(shapely.area(a.geometry)) for a in areas}
    mean = sum(sizes.values()) / len(sizes)
    big = [a for a in areas if sizes[a.code] >= BIG_ENOUGH * mean and values.get(a.code)]
    big.sort(key=lambda a: -(values.get(a.code) or 0.0))
    return {a.code for a in big[:NAMED]}


def _path(geometry: Any) -> MplPath:
    """A matplotlib path of every part and hole (holes are cut out, not painted over)."""
    rings = [
        ring
        for part in shapely.get_parts(geometry)
        if part.geom_type == "Polygon"
        for ring in (part.exterior, *part.interiors)
    ]
    return MplPath.make_compound_path(*(MplPath(list(ring.coords), closed=True) for ring in rings))


def _outline_hot(ax: Any, areas: Sequence[Polygon]) -> list[Any]:
    """A thick red edge around the areas that are hot spots (Gi*, queen contiguity)."""
    for area in areas:
        ax.add_patch(PathPatch(_path(area.geometry), facecolor="none", edgecolor=HOT,
                               linewidth=2.2))  # fmt: skip
    if not areas:
        return []
    return [Patch(facecolor="none", edgecolor=HOT, linewidth=2.2, label=_("hot spot area"))]


def _area_legend(shades: list[Shade], used: set[str]) -> list[Any]:
    """One swatch per class drawn, then "hidden" and "no victims recorded" when drawn."""
    edge = "#52606d"
    legend: list[Any] = []
    for shade in shades:
        if shade.colour in used:
            words = (
                _("{low} to {high} victims")
                if shade.low != shade.high
                else ngettext("{low} victim", "{low} victims", shade.low)
            )
            label = words.format(low=formats.count(shade.low), high=formats.count(shade.high))
            legend.append(Patch(facecolor=shade.colour, edgecolor=edge, label=label))
    if HIDDEN_HATCH in used:
        label = _("count hidden ({marker})").format(marker=MARKER)
        legend.append(Patch(facecolor=HIDDEN_FACE, edgecolor=edge, hatch=HIDDEN_HATCH, label=label))
    if NO_VICTIMS in used:
        legend.append(Patch(facecolor=NO_VICTIMS, edgecolor=edge, label=_("no victims recorded")))
    return legend


#: 11 pt is 14.7 px in the SVG at its own size, 12 px at the page's smallest (460 px).
LABEL_POINTS = 11


def _label_area(ax: Any, area: Polygon, label: str, order: float) -> None:
    """Write the label at a point inside the area (a centroid can fall outside a C shape)."""
    inside = shapely.point_on_surface(max(shapely.get_parts(area.geometry), key=shapely.area))
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    ax.annotate(textwrap.fill(label, NAME_WIDTH), (inside.x, inside.y), ha="center",
                va="center", fontsize=LABEL_POINTS, color=INK, bbox=box,
                zorder=3 + order)  # fmt: skip
