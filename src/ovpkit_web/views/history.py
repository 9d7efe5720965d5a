"""An office's assessments over time, and what moved between two of them.

What moved is the core's comparison (``ovpkit.assessment.comparison``) of the two
assessments the core recomputes from their stored answers (refused if the rules changed
since, as for the PDF); the page only words it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ovpkit.assessment.comparison import Comparison, compare_assessments
from ovpkit.errors import OvpkitError
from ovpkit.i18n import _ as core_
from ovpkit.knowledge.translated import translated
from ovpkit.publish.assessment import level_words
from ovpkit_web import domain
from ovpkit_web.forms import error_text
from ovpkit_web.models import AssessmentResult, Office
from ovpkit_web.permissions import VIEW_OFFICE
from ovpkit_web.views.office import _office


@require_safe
@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every assessment of the office, newest first; ``?a=&b=`` compares two of them."""
    office = _office(request, slug, VIEW_OFFICE)
    results = list(office.assessments.select_related("answers", "created_by"))
    context: dict[str, Any] = {
        "office": office,
        "rows": [_row(r) for r in results],
        "numbers": _numbers(results),
        "a": request.GET.get("a", ""),
        "b": request.GET.get("b", ""),
    }
    chosen = _chosen(office, request.GET.get("a"), request.GET.get("b"))
    if chosen is not None:
        context.update(_moved(*chosen))
    return render(request, "ovpkit_web/history.html", context)


def _numbers(results: list[AssessmentResult]) -> list[int]:
    return [c["criterion"] for c in results[0].document["criteria"]] if results else []


def _row(result: AssessmentResult) -> dict[str, Any]:
    levels = ["–" if c["level"] is None else str(c["level"]) for c in result.document["criteria"]]
    return {
        "pk": result.pk,
        "created": result.created,
        "by": result.created_by.get_username() if result.created_by else "",
        "file": result.answers.file_name if result.answers else "",
        "levels": levels,
    }


def _chosen(
    office: Office, a: str | None, b: str | None
) -> tuple[AssessmentResult, AssessmentResult] | None:
    """The two assessments asked for, older first, if both are the office's own."""
    if not (a and b and a.isdigit() and b.isdigit()) or a == b:
        return None
    found = {r.pk: r for r in office.assessments.filter(pk__in=[int(a), int(b)])}
    if len(found) != 2:
        return None
    first, second = sorted(found.values(), key=lambda r: (r.created, r.pk))
    return first, second


def _moved(first: AssessmentResult, second: AssessmentResult) -> dict[str, Any]:
    """The core's comparison of the two, worded for the page (or why it cannot be made)."""
    try:
        comparison = compare_assessments(
            [domain.recomputed_assessment(first), domain.recomputed_assessment(second)]
        )
    except OvpkitError as exc:
        return {"compared": True, "problem": error_text(exc)}
    if not comparison.over_time:
        problem = _("These two answers files name different offices, so they are not compared.")
        return {"compared": True, "problem": problem}
    return {"compared": True, "changes": _changes(comparison), "first": first, "second": second}


def _changes(comparison: Comparison) -> list[dict[str, Any]]:
    kb = domain.knowledge_base()
    names = level_words()
    return [
        {
            "label": f"{c.criterion}. {translated(kb.criterion(c.criterion)).chart_label}",
            "before": f"{c.before} {names[c.before]}",
            "after": f"{c.after} {names[c.after]}",
            "moved": c.moved,
            "gained": [core_(t) for t in c.gained],
            "lost": [core_(t) for t in c.lost],
        }
        for c in comparison.changes
    ]
