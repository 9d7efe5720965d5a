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

from ovpkit.formats import count, date
from ovpkit.i18n import _, current_language, ngettext
from ovpkit.monitoring.charts import budget_svg, coverage_svg, trajectory_svg
from ovpkit.monitoring.words import figure, group_word, own_word, word
from ovpkit.publish.summary import Summary

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
        "summary": monitoring_summary(document),
    }
    return render_page(
        "monitor.html", context, lang=current_language(), extra_packages=("ovpkit.monitoring",)
    )


#: Indicator statuses that can be judged, split by whether they call for action.
GOOD = frozenset({"achieved", "on_track"})
OFF_TRACK = frozenset({"behind", "not_improving", "missed"})


def monitoring_summary(document: dict[str, Any]) -> Summary:
    """The page's one-minute summary, from the summary document alone.

    Findings count indicators, never name them (a name is the office's own words and
    the table below gives them); an indicator with no baseline or no target is counted
    as not judged rather than as good or bad.
    """
    indicators = document["indicators"]
    statuses = [i["status"] for i in indicators]
    good = sum(s in GOOD for s in statuses)
    off = sum(s in OFF_TRACK for s in statuses)
    unjudged = len(statuses) - good - off
    measured = _(
        "{n} indicators against their baseline and target, {p} programs, the budget "
        "and the staff, as of {date}."
    ).format(
        n=count(len(indicators)),
        p=count(len(document["programs"]["items"])),
        date=date(document["as_of"]),
    )
    findings = [
        ngettext(
            "{good} of {n} indicators has reached its target or is on track.",
            "{good} of {n} indicators have reached their target or are on track.",
            good,
        ).format(good=count(good), n=count(len(indicators))),
        ngettext(
            "{off} indicator is off track (behind, not improving or missed).",
            "{off} indicators are off track (behind, not improving or missed).",
            off,
        ).format(off=count(off)),
    ]
    if unjudged:
        findings.append(
            ngettext(
                "{k} indicator cannot be judged yet (no baseline, target or new figure).",
                "{k} indicators cannot be judged yet (no baseline, target or new figure).",
                unjudged,
            ).format(k=count(unjudged))
        )
    return Summary(measured, tuple(findings), _monitoring_steps(document, off, unjudged))


def _monitoring_steps(document: dict[str, Any], off: int, unjudged: int) -> tuple[str, ...]:
    """A step for each reason the document shows, most pressing first."""
    steps = []
    if off:
        steps.append(_("Review with the partners the programs behind the indicators off track."))
    overdue = document["programs"]["reviews_overdue"]
    if overdue:
        steps.append(
            ngettext(
                "Hold the overdue 90-day review of {n} program.",
                "Hold the overdue 90-day reviews of {n} programs.",
                overdue,
            ).format(n=count(overdue))
        )
    if unjudged:
        steps.append(_("Set the missing baselines and targets, so that every indicator is judged."))
    if document["budget"]["years"] and not document["budget"]["legal_safeguard"]:
        steps.append(_("Seek a legal safeguard for the office's budget (an ordinance or charter)."))
    return tuple(steps)
