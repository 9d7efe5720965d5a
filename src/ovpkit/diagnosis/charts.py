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

from ovpkit.i18n import _  # noqa: E402

INK, ACCENT, HOT, COLD, GREY = "#1f2933", "#c2410c", "#b91c1c", "#1d4ed8", "#cbd2d9"


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def trend_chart(rows: list[dict[str, Any]]) -> str:
    """Counts (or rates when populations are known) per period with 95% intervals."""
    use_rate = bool(rows) and all(r.get("rate") is not None or r.get("suppressed") for r in rows)
    key, low, high = (
        ("rate", "lower", "upper") if use_rate else ("victims", "victims_lower", "victims_upper")
    )
    shown = [r for r in rows if r.get(key) is not None]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    x = list(range(len(shown)))
    ax.fill_between(x, [r[low] for r in shown], [r[high] for r in shown], color=ACCENT, alpha=0.2,
                    label=_("95% interval"))  # fmt: skip
    ax.plot(x, [r[key] for r in shown], color=ACCENT, marker="o", markersize=3, label=_("observed"))
    step = max(1, len(shown) // 12)
    ax.set_xticks(x[::step], [r["period"] for r in shown][::step], rotation=45, ha="right")
    ax.set_ylabel(_("rate per 100,000 a year") if use_rate else _("victims"))
    ax.set_ylim(bottom=0)
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
    ax.set_title(_("Gini {g:.2f}").format(g=concentration["gini"]))
    ax.legend(frameon=False)
    return _svg(fig)


def age_sex_chart(shares: list[dict[str, Any]]) -> str:
    """Victims by age group, male and female side by side (hidden counts are left out)."""
    groups = sorted({s["group"] for s in shares}, key=_age_order)
    fig, ax = plt.subplots(figsize=(6, max(2.5, 0.35 * len(groups))))
    for offset, (sex, colour) in enumerate((("male", INK), ("female", ACCENT))):
        values = {s["group"]: s["victims"] or 0 for s in shares if s["sex"] == sex}
        bars = [values.get(g, 0) for g in groups]
        rows = [i + offset * 0.4 for i in range(len(groups))]
        label = _("male") if sex == "male" else _("female")
        ax.barh(rows, bars, height=0.4, color=colour, label=label)
    ax.set_yticks([i + 0.2 for i in range(len(groups))], groups)
    ax.set_xlabel(_("victims"))
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def _age_order(label: str) -> tuple[int, str]:
    digits = label.split("-")[0].rstrip("+")
    return (int(digits), label) if digits.isdigit() else (999, label)


def map_chart(
    cells: list[dict[str, Any]],
    boundaries: Path | None = None,
    area_values: dict[str, float] | None = None,
    key: str | None = None,
) -> str:
    """Areas shaded by their value (if given) and hot/cold hexagons on top."""
    fig, ax = plt.subplots(figsize=(6, 6))
    if boundaries is not None:
        _draw_boundaries(ax, boundaries, area_values or {}, key)
    for cell in cells:
        if cell["kind"] == "none":
            continue
        ring = h3.cell_to_boundary(cell["cell"])
        colour = HOT if cell["kind"] == "hot" else COLD
        ax.fill([p[1] for p in ring], [p[0] for p in ring], color=colour, alpha=0.75, linewidth=0)
    ax.set_aspect(1.3)
    ax.set_axis_off()
    return _svg(fig)


def _draw_boundaries(ax: Any, path: Path, values: dict[str, float], key: str | None) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    top = max(values.values(), default=0) or 1
    cmap = plt.get_cmap("Oranges")
    for feature in document.get("features", []):
        code = str(feature.get("properties", {}).get(key, "")) if key else ""
        value = values.get(code)
        face = cmap(0.15 + 0.75 * value / top) if value is not None else "#f5f7fa"
        for ring in _outer_rings(feature.get("geometry") or {}):
            ax.fill([p[0] for p in ring], [p[1] for p in ring], facecolor=face,
                    edgecolor="#52606d", linewidth=0.6)  # fmt: skip


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []
