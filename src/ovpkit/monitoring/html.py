"""The monitoring page: one self-contained HTML file with inline SVG charts.

It renders :func:`~ovpkit.monitoring.documents.summary_document`, the same
document ``ovpkit monitor --json`` prints, so the page and the JSON always agree
and small counts are suppressed in both.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ovpkit.i18n import _, current_language
from ovpkit.monitoring.charts import budget_svg, coverage_svg, trajectory_svg

TONE = {
    "achieved": "good",
    "on_track": "good",
    "behind": "warn",
    "not_improving": "bad",
    "missed": "bad",
    "reaching": "good",
    "partly_reaching": "warn",
    "missing": "bad",
}


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value  # a suppressed count, "<5"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def render_summary_html(document: dict[str, Any]) -> str:
    environment = Environment(
        loader=PackageLoader("ovpkit.monitoring", "templates"),
        autoescape=select_autoescape(["html"]),
    )
    template = environment.get_template("monitor.html")
    charts = {
        "indicators": [trajectory_svg(i) for i in document["indicators"]],
        "budget": budget_svg(document["budget"]),
        "coverage": {
            c["id"]: [coverage_svg(d) for d in c["dimensions"]] for c in document["coverage"]
        },
    }
    return template.render(
        doc=document,
        charts=charts,
        tone=TONE,
        fmt=_number,
        pct=_percent,
        _=_,
        lang=current_language(),
    )
