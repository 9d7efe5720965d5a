"""The monitoring page: one self-contained HTML file with inline SVG charts.

It renders :func:`~ovpkit.monitoring.documents.summary_document`, the same
document ``ovpkit monitor --json`` prints, so the page and the JSON always agree
and small counts are suppressed in both. The template extends the shared layout
(``base.html``, ``report.css``) of :mod:`ovpkit.publish.render`, so its numbers use the
``ovpkit.formats`` filters (``| percent``, ``| money``, ``| year``) of the current
language, and codes are
shown as words (:func:`~ovpkit.monitoring.words.word`). ovpkit's own texts (the shipped
sheets' names) arrive translated; the office's own words (its name, programs, own sheets)
cannot be, so the page marks them with the records' ``language`` (``<span lang="en">``)
for screen readers and translation tools.
"""

from __future__ import annotations

from typing import Any

from ovpkit.i18n import current_language
from ovpkit.monitoring.charts import budget_svg, coverage_svg, trajectory_svg
from ovpkit.monitoring.words import figure, group_word, own_word, word

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


def render_summary_html(document: dict[str, Any]) -> str:
    """The page in the current language (``ovpkit.i18n.use_language``)."""
    from ovpkit.publish.render import render_page

    charts = {
        "indicators": [trajectory_svg(i) for i in document["indicators"]],
        "budget": budget_svg(document["budget"]),
        "coverage": {
            c["id"]: [coverage_svg(d) for d in c["dimensions"]] for c in document["coverage"]
        },
    }
    context = {
        "doc": document,
        "charts": charts,
        "tone": TONE,
        "figure": figure,
        "word": word,
        "own_word": own_word,
        "group_word": group_word,
    }
    return render_page(
        "monitor.html", context, lang=current_language(), extra_packages=("ovpkit.monitoring",)
    )
