"""An office's evaluations: the form (or a spec file), the run as a job, the results page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_safe

from ovpkit_web import evaluations, jobs
from ovpkit_web.forms import EvaluationForm
from ovpkit_web.models import Job, JobStatus
from ovpkit_web.permissions import RUN_EVALUATION, VIEW_OFFICE
from ovpkit_web.views.data import stored_page
from ovpkit_web.views.office import _office


@require_safe
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's evaluations, newest first, each with its state."""
    office = _office(request, slug, VIEW_OFFICE)
    runs = Job.objects.filter(office=office, kind="evaluation").order_by("-created", "-id")
    context = {
        "office": office,
        "runs": list(runs),
        "can_run": request.user.has_perm(RUN_EVALUATION, office),
    }
    return render(request, "ovpkit_web/evaluations.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def new(request: HttpRequest, slug: str) -> HttpResponse:
    """Check the spec with the core, keep the panel, queue the run."""
    office = _office(request, slug, RUN_EVALUATION)
    form = EvaluationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        panel = values["panel"]
        stored = evaluations.store_panel(office, panel.chunks(), panel.name or "panel.csv")
        with transaction.atomic():
            job = jobs.start("evaluation", office, request.user, get_language() or "en",
                             spec=values["spec_text"], spec_name=values["spec_name"],
                             panel=stored)  # fmt: skip
        return redirect("job", slug=office.slug, pk=job.pk)
    status = 400 if request.method == "POST" else 200
    context = {"office": office, "form": form}
    return render(request, "ovpkit_web/evaluation_new.html", context, status=status)


@require_safe
@login_required
def result(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A finished evaluation: the core's page (summary, charts, cautions) in a frame."""
    office = _office(request, slug, VIEW_OFFICE)
    job = get_object_or_404(Job, pk=pk, office=office, kind="evaluation", status=JobStatus.DONE)
    return render(request, "ovpkit_web/evaluation.html", {"office": office, "job": job})


@require_safe
@login_required
@xframe_options_sameorigin
def result_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    office = _office(request, slug, VIEW_OFFICE)
    job = get_object_or_404(Job, pk=pk, office=office, kind="evaluation", status=JobStatus.DONE)
    return stored_page(job, get_language() or "en")
