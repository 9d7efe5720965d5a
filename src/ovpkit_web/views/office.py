"""An office's pages: every one looks the office up among the user's own (else 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ovpkit_web import audit, domain, presenters
from ovpkit_web.forms import AnswersUploadForm
from ovpkit_web.models import AuditAction, Office
from ovpkit_web.permissions import (
    ASSESS_OFFICE,
    UPLOAD_ANSWERS,
    VIEW_OFFICE,
    offices_for,
    require,
    role_of,
)


def _office(request: HttpRequest, slug: str, permission: str) -> Office:
    """The office if the user is one of its members (404 otherwise), checked for ``permission``."""
    office = get_object_or_404(offices_for(request.user), slug=slug)
    require(request.user, permission, office)
    return office


@require_safe
@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, VIEW_OFFICE)
    kb = domain.knowledge_base()
    result = domain.latest_assessment(office)
    context = {
        "office": office,
        "role": role_of(request.user, office),
        "profile": presenters.profile_rows(kb, office.profile),
        "result": result,
        "chart": presenters.assessment_chart(kb, result.document) if result else "",
        "levels": presenters.level_rows(kb, result.document) if result else (),
        "answers": domain.latest_answers(office),
        "can_upload": request.user.has_perm(UPLOAD_ANSWERS, office),
        "can_assess": request.user.has_perm(ASSESS_OFFICE, office),
    }
    return render(request, "ovpkit_web/dashboard.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def upload_answers(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, UPLOAD_ANSWERS)
    form = AnswersUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        document = domain.store_answers(office, request.user, upload.text, upload.file_name)
        audit.record(AuditAction.UPLOAD_ANSWERS, request, office=office, answers=document.pk)
        messages.success(request, _("The answers file is valid and saved."))
        return redirect("office", slug=office.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "ovpkit_web/upload.html", {"office": office, "form": form}, status=status
    )


@require_POST
@login_required
def run_assessment(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, ASSESS_OFFICE)
    answers = domain.latest_answers(office)
    if answers is None:
        messages.error(request, _("Upload an answers file first."))
        return redirect("office", slug=office.slug)
    result = domain.assess_office(office, request.user, answers)
    audit.record(AuditAction.ASSESS, request, office=office, assessment=result.pk)
    messages.success(request, _("The assessment is ready."))
    return redirect("office", slug=office.slug)
