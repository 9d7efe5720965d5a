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
from ovpkit.diagnosis.boundaries import Polygon, polygons
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.diagnosis.disclosure import DEFAULT_THRESHOLD, public_dict
from ovpkit.diagnosis.target import STATUS_LABELS
from ovpkit.formats import count, date, percent, signed_percent, year
from ovpkit.i18n import N_, _, current_language
from ovpkit.publish.disclosure import MARKER, footnote
from ovpkit.publish.render import render_page
from ovpkit.publish.summary import Summary

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
    boundary_name: str | None = None,
) -> str:
    """Render the public page; every number on it comes from the suppressed data."""
    public = public_dict(diagnosis, threshold)
    areas = polygons(boundaries, boundary_key, boundary_name) if boundaries is not None else []
    conc = _shown_concentration(public)
    target = public["target"]
    context = dict(
        d=_Namespace.wrap(public),
        conc=_Namespace.wrap(conc) if conc else None,
        changes={c["year"]: _Namespace.wrap(c) for c in public["changes"] if c["area"] is None},
        focus=_focus_row(public),
        complete_years=[r["year"] for r in public["yearly"] if not r["partial"]],
        partial_periods=[r["period"] for r in public["trend"] if r["partial"]],
        charts=_charts(public, areas),
        status_label=_(STATUS_LABELS.get(target["status"], target["status"])) if target else "",
        engine_label=_(ENGINE_LABELS.get(diagnosis.engine, diagnosis.engine)),
        unit_label=unit_label(conc["unit"], conc["places"]) if conc else "",
        known=lambda shares: any(s["group"] != "unknown" for s in shares),
        label=lambda code: _(LABELS[code]) if code in LABELS else code,
        show=lambda n: MARKER if n is None else count(n),
        marker=MARKER,
        hidden_note=footnote(threshold) if public["disclosure"]["hidden"] else "",
        with_boundaries=boundaries is not None,
        map_key=map_key(public, areas),
        spots=polygon_table(public),
        target_in_rates=_target_in_rates(diagnosis),
        summary=diagnosis_summary(public),
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


def _shown_concentration(public: dict[str, Any]) -> Any:
    """Over the given polygons when there are some, else the data's areas, else hexagons."""
    polygons_ = public.get("polygons") or {}
    return polygons_.get("concentration") or public["concentration"] or public["hex_concentration"]


def _charts(public: dict[str, Any], areas: list[Polygon]) -> dict[str, str]:
    """Each chart's SVG, or "" when the data cannot draw it (the page says why)."""
    cells = public["hotspots"]["cells"] if public["hotspots"] else []
    conc = _shown_concentration(public)
    given = public.get("polygons")
    hot = [s["code"] for s in given["spots"] if s["kind"] == "hot"] if given else None
    affected = public["affected"]
    has_age_sex = any(
        s["group"] != "unknown" or s["sex"] != "unknown" for s in affected["by_age_sex"]
    )
    return {
        "trend": charts.trend_chart(public["trend"]),
        "map": charts.map_chart(cells, areas, area_values(public), hot),
        "lorenz": charts.lorenz_chart(conc) if conc else "",
        "age_sex": charts.age_sex_chart(affected["by_age_sex"]) if has_age_sex else "",
    }


def area_values(public: dict[str, Any]) -> dict[str, float | None]:
    """Victims per area in the focus year, None where the count is hidden.

    With given polygons, their own counts (victims placed by code or by point).
    """
    if public.get("polygons"):
        return {
            s["code"]: None if s["victims"] is None else float(s["victims"])
            for s in public["polygons"]["spots"]
        }
    focus = public["focus_year"]
    return {
        str(r["area"]): None if r["victims"] is None else float(r["victims"])
        for r in public["by_area"]
        if r["year"] == focus and r["area"] is not None
    }


def map_key(public: dict[str, Any], areas: list[Polygon]) -> list[Any]:
    """The map as a table: each area's label on the map, name and victims (marker if hidden).

    It names every area (the map only numbers them) and is the map's text
    alternative for readers who cannot see it.
    """
    values = area_values(public)
    return [_Namespace(label=a.label, name=a.name, victims=values.get(a.code, 0)) for a in areas]


#: The polygons listed under "Hot spots on the areas": those with most victims.
LISTED = 10
SPOT_LABELS = {
    "hot": N_("hot spot"),
    "cold": N_("cold spot"),
    "none": N_("not a hot spot"),
}


def polygon_table(public: dict[str, Any]) -> Any:
    """The polygons with most shown victims, their rate and Gi* kind, and the placement."""
    spots = public.get("polygons")
    if not spots:
        return None
    ranked = sorted(spots["spots"], key=lambda s: (s["victims"] is None, -(s["victims"] or 0)))
    rows = [
        _Namespace(s, kind_label=_(SPOT_LABELS[s["kind"]]))
        for s in ranked[:LISTED]
        if s["victims"] is None or s["victims"] > 0
    ]
    return _Namespace.wrap(spots) | {"rows": rows, "count": len(spots["spots"])}


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


#: Significance of a year-on-year change, the same 5% as the table's asterisk.
ALPHA = 0.05
#: Victims are called concentrated when the top 10% of places hold at least twice
#: their even share (20%): the "law of crime concentration" reading of Weisburd (2015).
CONCENTRATED = 2.0


def diagnosis_summary(public: dict[str, Any]) -> Summary:
    """The one-minute summary, from the public (suppressed) document only.

    A change is called real only when the exact test says so; a hidden count is
    left out rather than shown; no step is proposed without its reason in the data.
    """
    measured = _("Victims recorded in {source}, from {first} to {last}.").format(
        source=public["source"], first=date(public["first_date"]), last=date(public["last_date"])
    )
    findings = [f for f in (_year_finding(public), _where_finding(public)) if f]
    target = public["target"]
    if target and target["status"] in STATUS_LABELS:
        findings.append(
            _("Against the target for {year}: {status}.").format(
                year=year(target["target_year"]), status=_(STATUS_LABELS[target["status"]])
            )
        )
    return Summary(measured, tuple(findings), _diagnosis_steps(public))


def _year_finding(public: dict[str, Any]) -> str:
    focus = _focus_row(public)
    if focus is None or focus["victims"] is None:
        return ""
    text = _("{year}, the latest complete year: {n} victims.").format(
        year=year(public["focus_year"]), n=count(focus["victims"])
    )
    change = _focus_change(public)
    if change is None:
        return text
    if change["p_value"] is not None and change["p_value"] < ALPHA:
        tail = _("{change} on the year before, a change unlikely to be chance.")
    else:
        tail = _("{change} on the year before, which chance alone could give.")
    return f"{text} {tail.format(change=signed_percent(change['percent'] / 100))}"


def _focus_change(public: dict[str, Any]) -> dict[str, Any] | None:
    for change in public["changes"]:
        if change["area"] is None and change["year"] == public["focus_year"]:
            usable = not change["partial"] and change["percent"] is not None
            return change if usable else None
    return None


def _top_tenth(public: dict[str, Any]) -> float | None:
    """The share of victims in the top 10% of places, when published."""
    conc = public["concentration"] or public["hex_concentration"]
    shares = [share for pct, _n, share in (conc["top"] if conc else []) if pct == 10]
    return shares[0] if shares and shares[0] is not None else None


def _where_finding(public: dict[str, Any]) -> str:
    share = _top_tenth(public)
    if share is None:
        return ""
    return _("The 10% of places with most victims hold {share} of them.").format(
        share=percent(share)
    )


def _diagnosis_steps(public: dict[str, Any]) -> tuple[str, ...]:
    steps = []
    share = _top_tenth(public)
    if share is not None and share >= CONCENTRATED * 0.10:
        steps.append(
            _("Focus prevention and outreach on the few places that hold most victims (“Where”).")
        )
    target = public["target"]
    if target and target["status"] in ("behind", "not_improving", "missed"):
        steps.append(_("Review the plan with the partners: the target is not being met."))
    if not public["has_population"]:
        steps.append(_("Load the population of each area, to compare areas by rate."))
    return tuple(steps)
