"""Static SVG charts for the diagnosis, drawn from the public (suppressed) data.

Charts take the already-suppressed dictionary, so a hidden count cannot leak
through a bar or a point. Matplotlib's Agg backend needs no display.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import h3  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from scipy.spatial import ConvexHull  # noqa: E402

from ovpkit import formats  # noqa: E402
from ovpkit.diagnosis.affected import LABELS, UNKNOWN  # noqa: E402
from ovpkit.i18n import _  # noqa: E402

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
    """Victims by age group and sex side by side (hidden counts are left out)."""
    groups = sorted({s["group"] for s in shares}, key=_age_order)
    present = [(sex, c) for sex, c in SEXES if any(s["sex"] == sex for s in shares)]
    height = 0.8 / max(1, len(present))
    fig, ax = plt.subplots(figsize=(6, max(2.5, 0.35 * len(groups) * len(present))))
    for offset, (sex, colour) in enumerate(present):
        values = {s["group"]: s["victims"] or 0 for s in shares if s["sex"] == sex}
        rows = [i + offset * height for i in range(len(groups))]
        label = _(LABELS[sex]) if sex != UNKNOWN else _("sex not recorded")
        ax.barh(rows, [values.get(g, 0) for g in groups], height=height, color=colour, label=label)
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


#: How many of the areas with most victims are named on the map.
NAMED_AREAS = 5


def map_chart(
    cells: list[dict[str, Any]],
    boundaries: Path | None = None,
    area_values: dict[str, float] | None = None,
    key: str | None = None,
) -> str:
    """Areas shaded by their value (if given) and hot/cold hexagons on top, with a legend.

    Nothing to draw (no located victims, no boundaries) gives "" so the page can
    say why instead of showing an empty box. Without boundaries the outline of
    the hexagons with victims shows where the city is.
    """
    if not cells and boundaries is None:
        return ""
    fig, ax = plt.subplots(figsize=(6, 6))
    legend: list[Any] = []
    if boundaries is not None:
        legend += _draw_boundaries(ax, boundaries, area_values or {}, key)
    elif cells:
        legend += _draw_outline(ax, cells)
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
    if legend:
        ax.legend(handles=legend, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return _svg(fig)


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


def _draw_boundaries(ax: Any, path: Path, values: dict[str, float], key: str | None) -> list[Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    top = max(values.values(), default=0) or 1
    cmap = plt.get_cmap("Oranges")
    named = sorted(values, key=lambda code: -values[code])[:NAMED_AREAS]
    for feature in document.get("features", []):
        props = feature.get("properties") or {}
        code = str(props.get(key, "")) if key else ""
        value = values.get(code)
        face = cmap(0.15 + 0.75 * value / top) if value is not None else "#f5f7fa"
        rings = _outer_rings(feature.get("geometry") or {})
        for ring in rings:
            ax.fill([p[0] for p in ring], [p[1] for p in ring], facecolor=face,
                    edgecolor="#52606d", linewidth=0.6)  # fmt: skip
        if code in named and rings:
            _name_area(ax, max(rings, key=len), str(props.get("name") or code))
    if not values:
        return []
    return [
        Patch(
            facecolor=cmap(0.9),
            edgecolor="#52606d",
            label=_("most victims in an area: {n}").format(n=formats.count(top)),
        ),
        Patch(facecolor=cmap(0.2), edgecolor="#52606d", label=_("fewer victims")),
        Patch(facecolor="#f5f7fa", edgecolor="#52606d", label=_("no victims recorded")),
    ]


def _name_area(ax: Any, ring: list[list[float]], name: str) -> None:
    """Write the area's name at the middle of its outline."""
    x = sum(p[0] for p in ring) / len(ring)
    y = sum(p[1] for p in ring) / len(ring)
    box = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}
    ax.annotate(name, (x, y), ha="center", va="center", fontsize=8, color=INK, bbox=box)


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []
