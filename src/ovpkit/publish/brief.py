"""The two-page brief (``--brief``): a report's one-minute summary and one chart.

Council members and funders read two pages; the brief is built from the same
:class:`~ovpkit.publish.summary.Summary` as the report's opening, so it cannot say
more than the report, and points to the full report for the detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ovpkit.publish.pdf import write_pdf
from ovpkit.publish.render import render_page
from ovpkit.publish.summary import Summary


@dataclass(frozen=True)
class Brief:
    """What a brief shows: the domain fills it from its own result."""

    kind: str  # the report kind, the page's class (assessment, diagnosis, ...)
    title: str
    title_lang: str | None
    subtitle: str
    summary: Summary
    chart_title: str = ""
    chart: str = ""  # one SVG, already drawn in the reader's language


def render_brief_html(brief: Brief, *, lang: str = "en") -> str:
    context = {
        "kind": brief.kind,
        "title": brief.title,
        "title_lang": brief.title_lang,
        "subtitle": brief.subtitle,
        "summary": brief.summary,
        "chart_title": brief.chart_title,
        "chart": brief.chart,
    }
    return render_page("brief.html", context, lang=lang)


def write_brief_pdf(brief: Brief, path: Path, *, lang: str = "en") -> Path:
    return write_pdf(render_brief_html(brief, lang=lang), path)
