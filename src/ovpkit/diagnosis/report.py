"""The HTML diagnosis: one self-contained page with its charts inlined as SVG.

The page never says more than the data allow: partial periods are marked and
judged by nothing, a breakdown the data cannot give reads "not available in
this data", a chart that cannot be drawn is replaced by a sentence saying why,
and every section states the period it counts. Numbers go through
:mod:`ovpkit.formats` (the shared publish environment's filters).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ovpkit.diagnosis import charts
from ovpkit.diagnosis.affected import LABELS
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.diagnosis.disclosure import DEFAULT_THRESHOLD, public_dict
from ovpkit.diagnosis.target import STATUS_LABELS
from ovpkit.formats import count
from ovpkit.i18n import N_, _, current_language
from ovpkit.publish.disclosure import MARKER, footnote
from ovpkit.publish.render import render_page

__all__ = ["ENGINE_LABELS", "STATUS_LABELS", "render_html", "unit_label"]

ENGINE_LABELS = {
    "duckdb": N_("DuckDB, an embedded database, on this computer"),
    "spark": N_("Apache Spark"),
}


def render_html(
    diagnosis: Diagnosis,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    boundaries: Path | None = None,
    boundary_key: str | None = None,
) -> str:
    """Render the public page; every number on it comes from the suppressed data."""
    public = public_dict(diagnosis, threshold)
    conc = public["concentration"] or public["hex_concentration"]
    target = public["target"]
    context = dict(
        d=_Namespace.wrap(public),
        conc=_Namespace.wrap(conc) if conc else None,
        changes={c["year"]: _Namespace.wrap(c) for c in public["changes"] if c["area"] is None},
        focus=_focus_row(public),
        complete_years=[r["year"] for r in public["yearly"] if not r["partial"]],
        partial_periods=[r["period"] for r in public["trend"] if r["partial"]],
        charts=_charts(public, boundaries, boundary_key),
        status_label=_(STATUS_LABELS.get(target["status"], target["status"])) if target else "",
        engine_label=_(ENGINE_LABELS.get(diagnosis.engine, diagnosis.engine)),
        unit_label=unit_label(conc["unit"], conc["places"]) if conc else "",
        known=lambda shares: any(s["group"] != "unknown" for s in shares),
        label=lambda code: _(LABELS[code]) if code in LABELS else code,
        show=lambda n: MARKER if n is None else count(n),
        marker=MARKER,
        hidden_note=footnote(threshold) if public["disclosure"]["hidden"] else "",
        with_boundaries=boundaries is not None,
        target_in_rates=_target_in_rates(diagnosis),
    )
    return render_page(
        "diagnosis.html", context, lang=current_language(), extra_packages=("ovpkit.diagnosis",)
    )


def _target_in_rates(diagnosis: Diagnosis) -> bool:
    """The target is judged on rates only when every complete year has one (see _target)."""
    complete = [r for r in diagnosis.yearly if not r.partial]
    return bool(complete) and all(r.rate is not None for r in complete)


def unit_label(unit: str, places: int) -> str:
    """The places concentration counts over, in words ("22 areas", "793 hexagons")."""
    if unit.startswith("H3"):
        resolution = unit.removeprefix("H3 r")
        return _("{n} hexagons (H3 grid, resolution {r})").format(n=count(places), r=resolution)
    return _("{n} areas").format(n=count(places))


def _focus_row(public: dict[str, Any]) -> Any:
    rows = [r for r in public["yearly"] if r["year"] == public["focus_year"]]
    return _Namespace.wrap(rows[0]) if rows else None


def _charts(public: dict[str, Any], boundaries: Path | None, key: str | None) -> dict[str, str]:
    """Each chart's SVG, or "" when the data cannot draw it (the page says why)."""
    focus = public["focus_year"]
    area_values = {
        str(r["area"]): float(r["victims"] or 0)  # a hidden count shades as the fewest
        for r in public["by_area"]
        if r["year"] == focus
    }
    cells = public["hotspots"]["cells"] if public["hotspots"] else []
    conc = public["concentration"] or public["hex_concentration"]
    affected = public["affected"]
    has_age_sex = any(
        s["group"] != "unknown" or s["sex"] != "unknown" for s in affected["by_age_sex"]
    )
    return {
        "trend": charts.trend_chart(public["trend"]),
        "map": charts.map_chart(cells, boundaries, area_values, key),
        "lorenz": charts.lorenz_chart(conc) if conc else "",
        "age_sex": charts.age_sex_chart(affected["by_age_sex"]) if has_age_sex else "",
    }


class _Namespace(dict[str, Any]):
    """Dict whose keys read as attributes in the template (d.source, r.victims)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    @classmethod
    def wrap(cls, node: Any) -> Any:
        if isinstance(node, dict):
            return cls({k: cls.wrap(v) for k, v in node.items()})
        if isinstance(node, list):
            return [cls.wrap(v) for v in node]
        return node
