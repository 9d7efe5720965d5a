"""The public consultation: the residents' form (no login), the staff's results, the settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ovpkit.errors import OvpkitError
from ovpkit.monitoring.consultation import OfficeConsultation
from ovpkit_web import consultation as consult
from ovpkit_web.models import Office
from ovpkit_web.permissions import MANAGE_CONSULTATION, VIEW_OFFICE
from ovpkit_web.presenters_consultation import public_block
from ovpkit_web.views.office import _office


def _open(slug: str) -> tuple[Office, OfficeConsultation]:
    """The office and its settings when it takes answers; 404 otherwise (no login asked)."""
    office = get_object_or_404(Office, slug=slug)
    opened = consult.open_consultation(office)
    if opened is None:
        raise Http404
    return office, opened[1]


@require_http_methods(["GET", "HEAD", "POST"])
def form(request: HttpRequest, slug: str) -> HttpResponse:
    office, doc = _open(slug)
    bound = consult.ResponseForm(office, doc, request.POST or None)
    status = 200
    if request.method == "POST" and bound.is_valid():
        if consult.over_rate_limit(request):
            bound.add_error(
                None,
                _("Too many answers came from this connection in the last hour. Try again later."),
            )
            status = 429
        else:
            try:
                consult.record(office, bound.response())
            except OvpkitError as error:  # the core's check, should the form ever let one by
                bound.add_error(None, error.message)
            else:
                return redirect("consultation_thanks", slug=office.slug)
    context = {"office": office, "form": bound, "trap": bound[consult.HONEYPOT]}
    return render(request, "ovpkit_web/consultation_form.html", context, status=status)


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    office, doc = _open(slug)
    return render(request, "ovpkit_web/consultation_thanks.html", {"office": office})


@require_safe
@login_required
def results(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, VIEW_OFFICE)
    row = consult.consultation_of(office)
    context = {
        "office": office,
        "row": row,
        "results": public_block(office),
        "can_manage": request.user.has_perm(MANAGE_CONSULTATION, office),
    }
    return render(request, "ovpkit_web/consultation_results.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def settings(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, MANAGE_CONSULTATION)
    row = consult.consultation_of(office)
    initial = consult.initial_settings(row)
    bound = consult.SettingsForm(office, request.POST or None, initial=initial)
    if request.method == "POST" and bound.is_valid():
        enabled = bool(bound.cleaned_data["enabled"])
        consult.save_settings(office, request.user, bound.document, enabled=enabled)
        messages.success(request, _("The consultation's settings are saved."))
        if bound.unmatched:
            missing = _("No population was found in the office's data for {areas}.")
            if not bound.document.weighted():
                missing += " " + _(
                    "Without a population for every area the answers are not weighted."
                )
            messages.warning(request, missing.format(areas=", ".join(bound.unmatched)))
        return redirect("consultation_results", slug=office.slug)
    context = {"office": office, "form": bound}
    return render(request, "ovpkit_web/consultation_settings.html", context)
