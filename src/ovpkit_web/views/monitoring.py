"""An office's programs and partners, edited in forms the core's models check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ovpkit import formats
from ovpkit.i18n import _ as core_
from ovpkit.knowledge.models import PREVENTION_LEVEL_LABELS, PreventionLevelId
from ovpkit.monitoring.records import STAGE_LABELS
from ovpkit_web import monitoring
from ovpkit_web.forms import (
    FUNDING_KINDS,
    PARTNER_KINDS,
    BudgetLineForm,
    CoreRecordForm,
    IndicatorForm,
    PartnerForm,
    ProgramForm,
)
from ovpkit_web.models import MonitoringRecord, Office
from ovpkit_web.permissions import EDIT_MONITORING, VIEW_OFFICE
from ovpkit_web.views.office import _office


@require_safe
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, VIEW_OFFICE)
    programs = [_program_row(request, office, r) for r in monitoring.records(office, "programs")]
    partners = [_partner_row(r) for r in monitoring.records(office, "partners")]
    indicators = [_indicator_row(r) for r in monitoring.records(office, "indicators")]
    budget = [_budget_row(r) for r in monitoring.records(office, "budget")]
    context = {
        "office": office,
        "indicators": indicators,
        "budget": sorted(budget, key=lambda row: (row["year_number"], row["source"])),
        "programs": programs,
        "partners": partners,
        "can_edit": request.user.has_perm(EDIT_MONITORING, office),
    }
    return render(request, "ovpkit_web/monitoring.html", context)


def _program_row(request: HttpRequest, office: Office, record: MonitoringRecord) -> dict[str, Any]:
    data = record.data
    level = PREVENTION_LEVEL_LABELS.get(PreventionLevelId(data["prevention_level"]))
    return {
        "key": record.key,
        "name": data["name"],
        "level": core_(level) if level else data["prevention_level"],
        "stage": core_(STAGE_LABELS.get(data["stage"], data["stage"])),
        "population": data["focus_population"],
        "partners": ", ".join(data.get("partners", ())),
        "editable": monitoring.may_edit_program(request.user, office, record),
    }


def _partner_row(record: MonitoringRecord) -> dict[str, Any]:
    kind = PARTNER_KINDS.get(record.data["kind"])
    return {"key": record.key, "name": record.data["name"], "kind": kind or record.data["kind"]}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def program_new(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    form = ProgramForm(request.POST or None, known_partners=_partner_ids(office))
    return _save(request, office, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def program_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """Edit a program: staff any, a partner only its own, and never who runs it."""
    office = _office(request, slug, VIEW_OFFICE)
    record = get_object_or_404(MonitoringRecord, office=office, collection="programs", key=key)
    if not monitoring.may_edit_program(request.user, office, record):
        raise PermissionDenied
    initial = record.data | {"partners": ", ".join(record.data.get("partners", ()))}
    form = ProgramForm(request.POST or None, initial=initial, known_partners=_partner_ids(office))
    form.fields["id"].disabled = True
    if not request.user.has_perm(EDIT_MONITORING, office):
        form.fields["partners"].disabled = True
    return _save(request, office, form, record)


def _indicator_row(record: MonitoringRecord) -> dict[str, Any]:
    """An indicator with its baseline, target and the direction its sheet gives."""
    from ovpkit.monitoring.catalogue import DIRECTION_LABELS, load_catalogue

    data = record.data
    catalogue = load_catalogue()
    sheet = catalogue.sheets.get(data["sheet"])
    baseline, target = data.get("baseline"), data.get("target") or {}
    if "value" in target:
        goal = f"{formats.number(target['value'])} ({formats.year(target['year'])})"
    elif "change" in target:
        goal = f"{formats.signed_percent(target['change'])} ({formats.year(target['year'])})"
    elif "preset" in target:
        preset = catalogue.targets.get(target["preset"])
        goal = core_(preset.name) if preset else target["preset"]  # the core's catalog
    else:
        goal = ""
    return {
        "key": record.key,
        "name": data.get("name") or (catalogue.shown_sheet(sheet.id).name if sheet else ""),
        "baseline": ""
        if not baseline
        else f"{formats.number(baseline['value'])} ({formats.year(baseline['year'])})",
        "target": goal,
        "direction": core_(DIRECTION_LABELS[sheet.direction]) if sheet else "",
    }


def _budget_row(record: MonitoringRecord) -> dict[str, Any]:
    from ovpkit.monitoring.budget import SOURCE_LABELS

    data = record.data
    source = SOURCE_LABELS.get(data["source"])
    kind = FUNDING_KINDS.get(data.get("kind", "core"), "")
    return {
        "year_number": data["year"],
        "year": formats.year(data["year"]),
        "source": core_(source) if source else data["source"].replace("_", " "),
        "amount": formats.number(data["amount"]),
        "kind": kind,
        "program": data.get("program", ""),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def budget_new(request: HttpRequest, slug: str) -> HttpResponse:
    """A budget line; the lines have no id of their own, so the site gives one."""
    office = _office(request, slug, EDIT_MONITORING)
    programs = [(r.key, r.data["name"]) for r in monitoring.records(office, "programs")]
    form = BudgetLineForm(request.POST or None, programs=programs)
    return _save(request, office, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_new(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    return _save(request, office, IndicatorForm(request.POST or None), None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_edit(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    record = get_object_or_404(MonitoringRecord, office=office, collection="indicators", key=key)
    initial = {k: v for k, v in record.data.items() if not isinstance(v, dict)}
    for block in ("baseline", "target"):
        initial |= {f"{block}_{k}": v for k, v in (record.data.get(block) or {}).items()}
    form = IndicatorForm(request.POST or None, initial=initial)
    form.fields["id"].disabled = True
    return _save(request, office, form, record)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def partner_new(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    return _save(request, office, PartnerForm(request.POST or None), None)


def _save(
    request: HttpRequest, office: Office, form: CoreRecordForm, record: MonitoringRecord | None
) -> HttpResponse:
    """Keep the record the core accepted (a new id must be new), else show the form again."""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["record"]
        key = data.get("id") or (record.key if record else monitoring.new_key(data))
        taken = monitoring.records(office, form.collection).filter(key=key)
        if record is None and taken.exists():
            form.add_error("id", _("This id is already used; choose another."))
        else:
            target = record or MonitoringRecord(office=office, collection=form.collection, key=key)
            target.data, target.updated_by = data, request.user
            target.save()
            messages.success(request, _("Saved."))
            return redirect("monitoring", slug=office.slug)
    status = 400 if request.method == "POST" else 200
    context = {"office": office, "form": form, "record": record, "collection": form.collection}
    return render(request, "ovpkit_web/monitoring_form.html", context, status=status)


def _partner_ids(office: Office) -> set[str]:
    return set(monitoring.records(office, "partners").values_list("key", flat=True))
