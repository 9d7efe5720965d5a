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

from ovpkit import __version__
from ovpkit.diagnosis import charts
from ovpkit.diagnosis.affected import LABELS
from ovpkit.diagnosis.boundaries import polygons
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.diagnosis.disclosure import DEFAULT_THRESHOLD, public_dict
from ovpkit.diagnosis.target import STATUS_LABELS
from ovpkit.formats import count
from ovpkit.i18n import N_, _, current_language
from ovpkit.publish.disclosure import MARKER, footnote
from ovpkit.publish.render import environment

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
    template = environment(("ovpkit.diagnosis",)).get_template("diagnosis.html")
    conc = public["concentration"] or public["hex_concentration"]
    target = public["target"]
    return template.render(
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
        map_key=map_key(public, boundaries, boundary_key),
        target_in_rates=_target_in_rates(diagnosis),
        lang=current_language(),
        version=__version__,
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
    areas = polygons(boundaries, key) if boundaries is not None else []
    cells = public["hotspots"]["cells"] if public["hotspots"] else []
    conc = public["concentration"] or public["hex_concentration"]
    affected = public["affected"]
    has_age_sex = any(
        s["group"] != "unknown" or s["sex"] != "unknown" for s in affected["by_age_sex"]
    )
    return {
        "trend": charts.trend_chart(public["trend"]),
        "map": charts.map_chart(cells, areas, area_values(public)),
        "lorenz": charts.lorenz_chart(conc) if conc else "",
        "age_sex": charts.age_sex_chart(affected["by_age_sex"]) if has_age_sex else "",
    }


def area_values(public: dict[str, Any]) -> dict[str, float | None]:
    """Victims per area in the focus year, None where the count is hidden."""
    focus = public["focus_year"]
    return {
        str(r["area"]): None if r["victims"] is None else float(r["victims"])
        for r in public["by_area"]
        if r["year"] == focus and r["area"] is not None
    }


def map_key(public: dict[str, Any], boundaries: Path | None, key: str | None) -> list[Any]:
    """The map as a table: each area's label on the map, name and victims (marker if hidden).

    It names every area (the map only numbers them) and is the map's text
    alternative for readers who cannot see it.
    """
    if boundaries is None:
        return []
    values = area_values(public)
    return [
        _Namespace(label=a.label, name=a.name, victims=values.get(a.code, 0))
        for a in polygons(boundaries, key)
    ]


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
