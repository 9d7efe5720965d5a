"""Background jobs of an office: start one, watch its progress, download what it made."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from ovpkit_web import audit, jobs
from ovpkit_web.models import AssessmentResult, AuditAction, Job, JobStatus
from ovpkit_web.permissions import VIEW_OFFICE
from ovpkit_web.views.office import _office


@require_POST
@login_required
def assessment_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Queue the PDF of one of the office's assessments, in the reader's language."""
    office = _office(request, slug, VIEW_OFFICE)
    result = get_object_or_404(AssessmentResult, pk=pk, office=office)
    job = jobs.start(
        "assessment_pdf", office, request.user, get_language() or "en", assessment=result.pk
    )
    return redirect("job", slug=office.slug, pk=job.pk)


@require_safe
@login_required
def job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The job's page; htmx polls the same address for the progress fragment."""
    office = _office(request, slug, VIEW_OFFICE)
    item = get_object_or_404(Job, pk=pk, office=office)
    context = {
        "office": office,
        "job": item,
        "label": jobs.KIND_LABELS.get(item.kind, ""),
        "next_url": _result_page(item),
    }
    if request.headers.get("HX-Request"):
        return render(request, "ovpkit_web/_job_progress.html", context)
    return render(request, "ovpkit_web/job.html", context)


def _result_page(item: Job) -> str:
    """Where a finished job's result is shown, for the jobs whose result is a page."""
    if item.status != JobStatus.DONE or not item.office or not item.result:
        return ""
    if item.kind == "ingest":
        return reverse("data_file", args=[item.office.slug, item.result["data_file"]])
    if item.kind in ("diagnosis", "evaluation"):
        return reverse(item.kind, args=[item.office.slug, item.pk])
    return ""


@require_safe
@login_required
def job_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The file a finished job made, as a download (never shown inline)."""
    office = _office(request, slug, VIEW_OFFICE)
    item = get_object_or_404(Job, pk=pk, office=office)
    path = jobs.result_file(item)
    if path is None or item.result is None:
        raise Http404
    audit.record(AuditAction.EXPORT, request, office=office, job=item.pk, kind=item.kind)
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=str(item.result.get("name", path.name)),
        content_type="application/pdf" if path.suffix == ".pdf" else "application/octet-stream",
    )
