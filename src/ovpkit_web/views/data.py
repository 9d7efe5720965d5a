"""An office's data pages: upload, the set-aside report, its rows, the diagnosis.

Aggregates (how many rows were loaded or set aside and why, the public diagnosis) are
for every member; the rows themselves are incident-level data, for the office's staff
only, and every view or download of them is an audit event.
"""

from __future__ import annotations

import csv
import io
import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ovpkit.errors import DataError
from ovpkit_web import audit, data, presenters
from ovpkit_web.forms import DataUploadForm, error_text
from ovpkit_web.models import AuditAction, DataFile, Job, JobStatus, Office
from ovpkit_web.permissions import UPLOAD_DATA, VIEW_INCIDENTS, VIEW_OFFICE, role_of
from ovpkit_web.views.office import _office

#: How many set-aside rows the page shows (the download has them all).
ROWS_SHOWN = 200
#: A page the core rendered (diagnosis, evaluation) may use inline styles, nothing else.
REPORT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@require_safe
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's data files, what each ingestion did, and its latest diagnosis."""
    office = _office(request, slug, VIEW_OFFICE)
    files = list(DataFile.objects.filter(office=office).select_related("job"))
    context = {
        "office": office,
        "role": role_of(request.user, office),
        "files": [presenters.data_file_row(item) for item in files],
        "diagnosis": _latest_diagnosis(office),
        "can_upload": request.user.has_perm(UPLOAD_DATA, office),
    }
    return render(request, "ovpkit_web/data.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Check the file and the mapping, keep the file, and queue its ingestion."""
    office = _office(request, slug, UPLOAD_DATA)
    form = DataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["upload"]
        item = data.keep_upload(
            office, request.user, chosen.upload.chunks(), chosen.file_name, chosen.mapping
        )
        audit.record(AuditAction.UPLOAD_DATA, request, office=office, data_file=item.pk)
        assert item.job is not None
        return redirect("job", slug=office.slug, pk=item.job.pk)
    status = 400 if request.method == "POST" else 200
    context = {"office": office, "form": form}
    return render(request, "ovpkit_web/data_upload.html", context, status=status)


@require_safe
@login_required
def data_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The set-aside report of one file: rows in = loaded + set aside, each reason."""
    office = _office(request, slug, VIEW_OFFICE)
    item = get_object_or_404(DataFile, pk=pk, office=office)
    context = {
        "office": office,
        "item": presenters.data_file_row(item),
        "report": presenters.ingest_report(data.report_of(item)),
        "can_see_rows": request.user.has_perm(VIEW_INCIDENTS, office),
    }
    return render(request, "ovpkit_web/data_file.html", context)


@require_safe
@login_required
def set_aside(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The set-aside rows themselves (incident-level data: audited)."""
    office = _office(request, slug, VIEW_INCIDENTS)
    item = get_object_or_404(DataFile, pk=pk, office=office, report__isnull=False)
    rows, problem = _rows(item, ROWS_SHOWN + 1)
    if problem is None:
        audit.record(AuditAction.VIEW_INCIDENTS, request, office=office, data_file=item.pk)
    context = {
        "office": office,
        "item": presenters.data_file_row(item),
        "rows": [presenters.set_aside_row(r) for r in rows[:ROWS_SHOWN]],
        "more": len(rows) > ROWS_SHOWN,
        "problem": problem,
    }
    return render(request, "ovpkit_web/data_set_aside.html", context)


@require_safe
@login_required
def set_aside_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Every set-aside row as CSV (raw values, reasons in the reader's language)."""
    office = _office(request, slug, VIEW_INCIDENTS)
    item = get_object_or_404(DataFile, pk=pk, office=office, report__isnull=False)
    rows, problem = _rows(item, 10_000_000)
    if problem is not None:
        return HttpResponse(problem, status=503, content_type="text/plain; charset=utf-8")
    audit.record(AuditAction.EXPORT, request, office=office, data_file=item.pk, kind="set_aside")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["file", "table", "row", "field", "value", "reason", "reason_text", "raw"])
    for row in rows:
        reason = presenters.set_aside_row(row)["reason"]
        raw = json.dumps(row["raw"], default=str)
        fields = [row[k] for k in ("file", "table", "row", "field", "value", "reason")]
        writer.writerow([*fields, reason, raw])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{office.slug}-{item.pk}-set-aside.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _rows(item: DataFile, limit: int) -> tuple[list[dict[str, object]], str | None]:
    """The rows, or a sentence saying why the store cannot be read now."""
    try:
        return data.set_aside_rows(item, limit), None
    except DataError as exc:
        return [], error_text(exc)


@require_POST
@login_required
def run_diagnosis(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, UPLOAD_DATA)
    if not DataFile.objects.filter(office=office, report__isnull=False).exists():
        raise Http404
    job = data.start_diagnosis(office, request.user, get_language() or "en")
    return redirect("job", slug=office.slug, pk=job.pk)


@require_safe
@login_required
def diagnosis(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A finished diagnosis: the core's page, shown in a frame that runs no script."""
    office = _office(request, slug, VIEW_OFFICE)
    job = get_object_or_404(Job, pk=pk, office=office, kind="diagnosis", status=JobStatus.DONE)
    context = {"office": office, "job": job}
    return render(request, "ovpkit_web/diagnosis.html", context)


@require_safe
@login_required
@xframe_options_sameorigin
def diagnosis_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The core's HTML page as it rendered it, in the reader's language."""
    office = _office(request, slug, VIEW_OFFICE)
    job = get_object_or_404(Job, pk=pk, office=office, kind="diagnosis", status=JobStatus.DONE)
    return stored_page(job, get_language() or "en")


def stored_page(job: Job, language: str) -> HttpResponse:
    """A page the core rendered in a job, served so that it can run nothing."""
    path = data.stored_page(job, language)
    if path is None:
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_POLICY
    return response


def _latest_diagnosis(office: Office) -> Job | None:
    return (
        Job.objects.filter(office=office, kind="diagnosis", status=JobStatus.DONE)
        .order_by("-created", "-id")
        .first()
    )
