"""An office's assessments over time and what moved between two of them; for its
managers, every change to its rows (who, when, what) and its audit events.

What moved is the core's comparison (``ovpkit.assessment.comparison``) of the two
assessments the core recomputes from their stored answers (refused if the rules changed
since, as for the PDF); the page only words it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ovpkit.assessment.comparison import Comparison, compare_assessments
from ovpkit.errors import OvpkitError
from ovpkit.i18n import _ as core_
from ovpkit.knowledge.translated import translated
from ovpkit.publish.assessment import level_words
from ovpkit_web import changes, domain
from ovpkit_web.forms import error_text
from ovpkit_web.models import AssessmentResult, AuditAction, AuditEvent, Membership, Office
from ovpkit_web.permissions import MANAGE_OFFICE, VIEW_OFFICE
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


#: rows on one page of the change history and of the audit list
PAGE_SIZE = 50


def _page(request: HttpRequest, rows: Any) -> Page[Any]:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@require_safe
@login_required
def office_changes(request: HttpRequest, slug: str) -> HttpResponse:
    """What changed in the office, newest first: every tracked row's history, paginated."""
    office = _office(request, slug, MANAGE_OFFICE)
    page = _page(request, changes.history_rows(office))
    lines = list(page)
    names = changes.usernames({r["history_user_id"] for r in lines if r["history_user_id"]})
    which = changes.describe(lines)
    rows = [
        {
            **r,
            "what": changes.KINDS[r["kind"]][1],
            "which": which[i],
            "change": changes.CHANGE_LABELS[r["history_type"]],
            "who": names.get(r["history_user_id"], ""),
        }
        for i, r in enumerate(lines)
    ]
    context = {"office": office, "page": page, "rows": rows}
    return render(request, "ovpkit_web/changes.html", context)


@require_safe
@login_required
def object_changes(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    """One row's history: each change with the fields (or the answers) it changed."""
    office = _office(request, slug, MANAGE_OFFICE)
    if kind not in changes.KINDS:
        raise Http404
    records = changes.object_history(office, kind, pk)
    if not records:
        raise Http404
    page = _page(request, records)
    first = page.start_index() - 1  # the page's first record, in the whole list
    versions = [
        {
            "record": record,
            "change": changes.CHANGE_LABELS[record.history_type],
            "who": record.history_user.get_username() if record.history_user else "",
            "fields": changes.differences(record, _previous(records, first + i)),
        }
        for i, record in enumerate(page)
    ]
    context = {"office": office, "what": changes.KINDS[kind][1], "versions": versions, "page": page}
    return render(request, "ovpkit_web/object_changes.html", context)


def _previous(records: list[Any], i: int) -> Any | None:
    """The copy before ``records[i]`` (the list is newest first)."""
    return records[i + 1] if i + 1 < len(records) else None


@require_safe
@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's audit events, and the logins and logouts of its current members."""
    office = _office(request, slug, MANAGE_OFFICE)
    members = Membership.objects.filter(office=office)
    sessions = [AuditAction.LOGIN, AuditAction.LOGOUT, AuditAction.LOGIN_FAILED]
    # a failed login names the user typed, not the account: matched by the members' names
    theirs = Q(user__in=members.values("user_id")) | Q(
        user__isnull=True, username__in=members.values("user__username")
    )
    events = AuditEvent.objects.filter(
        Q(office=office) | (Q(office__isnull=True, action__in=sessions) & theirs)
    )
    page = _page(request, events.select_related("office"))
    labels = dict(AuditAction.choices)
    rows = [{"event": e, "action": labels.get(e.action, e.action)} for e in page]
    return render(
        request, "ovpkit_web/audit_log.html", {"office": office, "page": page, "rows": rows}
    )
