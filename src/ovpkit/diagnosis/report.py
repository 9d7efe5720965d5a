"""The HTML diagnosis: one self-contained page with its charts inlined as SVG."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ovpkit.diagnosis import charts
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.diagnosis.disclosure import DEFAULT_THRESHOLD, public_dict
from ovpkit.i18n import N_, _, current_language

STATUS_LABELS = {
    "achieved": N_("target reached"),
    "on_track": N_("on track"),
    "behind": N_("improving, behind the trajectory"),
    "not_improving": N_("not improving on the baseline"),
    "missed": N_("target year passed, target missed"),
    "no_baseline": N_("no baseline (three years needed)"),
    "no_data": N_("no data after the start year"),
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
    env = Environment(
        loader=PackageLoader("ovpkit.diagnosis", "templates"), autoescape=select_autoescape()
    )
    template = env.get_template("diagnosis.html")
    conc = public["concentration"] or public["hex_concentration"]
    target = public["target"]
    return template.render(
        d=_Namespace.wrap(public),
        conc=_Namespace.wrap(conc) if conc else None,
        changes={c["year"]: _Namespace.wrap(c) for c in public["changes"] if c["area"] is None},
        charts=_charts(public, boundaries, boundary_key),
        status_label=_(STATUS_LABELS.get(target["status"], target["status"])) if target else "",
        show=lambda n: f"<{threshold}" if n is None else f"{n:,}",
        lang=current_language(),
        _=_,
    )


def _charts(public: dict[str, Any], boundaries: Path | None, key: str | None) -> dict[str, str]:
    focus = public["focus_year"]
    area_values = {
        str(r["area"]): float(r["victims"])
        for r in public["by_area"]
        if r["year"] == focus and r["victims"] is not None
    }
    cells = public["hotspots"]["cells"] if public["hotspots"] else []
    conc = public["concentration"] or public["hex_concentration"]
    return {
        "trend": charts.trend_chart(public["trend"]),
        "map": charts.map_chart(cells, boundaries, area_values, key),
        "lorenz": charts.lorenz_chart(conc) if conc else "",
        "age_sex": charts.age_sex_chart(public["affected"]["by_age_sex"]),
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
