"""An office's monitoring records, edited in forms the core's models check.

Indicators (with their measured values), programs (with their partners' activity
reports), budget lines, partners and staff positions: added, edited and removed here;
each removal asks first and stays in the record's history.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
from ovpkit_web.monitoring_forms import ActivityReportForm, ObservationForm, StaffForm
from ovpkit_web.permissions import EDIT_MONITORING, VIEW_OFFICE
from ovpkit_web.signed_in import SignedInRequest
from ovpkit_web.views.office import _office


@require_safe
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, VIEW_OFFICE)
    programs = [
        _program_row(request, office, r)
        for r in monitoring.records(office, "programs")
        if monitoring.may_see_program(request.user, office, r)
    ]
    partners = [_partner_row(r) for r in monitoring.records(office, "partners")]
    staff = [_staff_row(r) for r in monitoring.records(office, "staff")]
    indicators = [_indicator_row(r) for r in monitoring.records(office, "indicators")]
    budget = [_budget_row(r) for r in monitoring.records(office, "budget")]
    context = {
        "office": office,
        "indicators": indicators,
        "budget": sorted(budget, key=lambda row: (row["year_number"], row["source"])),
        "programs": programs,
        "partners": partners,
        "staff": staff,
        "header": _header(office),
        "can_edit": request.user.has_perm(EDIT_MONITORING, office),
    }
    return render(request, "ovpkit_web/monitoring.html", context)


def _header(office: Office) -> dict[str, Any]:
    """What a records file's header says of all its records: whether the values are invented.

    The currency is not shown beside amounts: the records file has no scale (Palmira's
    example counts millions of pesos, said only in a comment), so "1.800 COP" would be false.
    """
    record = monitoring.records(office, "header").first()
    return {"illustrative": bool(record and record.data.get("illustrative"))}


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
def program_new(request: SignedInRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    form = ProgramForm(request.POST or None, known_partners=_partner_ids(office))
    return _save(request, office, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def program_edit(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
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
        "name": data.get("name") or (catalogue.shown_sheet(sheet.id).name if sheet else record.key),
        "baseline": ""
        if not baseline
        else f"{formats.number(baseline['value'])} ({formats.year(baseline['year'])})",
        "target": goal,
        "direction": core_(DIRECTION_LABELS[sheet.direction]) if sheet else "",
        "observed": formats.count(len(data.get("observations", ()))),
    }


def _budget_row(record: MonitoringRecord) -> dict[str, Any]:
    from ovpkit.monitoring.budget import SOURCE_LABELS

    data = record.data
    source = SOURCE_LABELS.get(data["source"])
    kind = FUNDING_KINDS.get(data.get("kind", "core"), "")
    return {
        "key": record.key,
        "year_number": data["year"],
        "year": formats.year(data["year"]),
        "source": core_(source) if source else data["source"].replace("_", " "),
        "amount": formats.number(data["amount"]),
        "kind": kind,
        "program": data.get("program", ""),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def budget_new(request: SignedInRequest, slug: str) -> HttpResponse:
    """A budget line; the lines have no id of their own, so the site gives one."""
    office = _office(request, slug, EDIT_MONITORING)
    programs = [(r.key, r.data["name"]) for r in monitoring.records(office, "programs")]
    form = BudgetLineForm(request.POST or None, programs=programs)
    return _save(request, office, form, None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_new(request: SignedInRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    return _save(request, office, IndicatorForm(request.POST or None), None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def indicator_edit(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    record = get_object_or_404(MonitoringRecord, office=office, collection="indicators", key=key)
    initial = {k: v for k, v in record.data.items() if not isinstance(v, dict)}
    for block in ("baseline", "target"):
        initial |= {f"{block}_{k}": v for k, v in (record.data.get(block) or {}).items()}
    form = IndicatorForm(request.POST or None, initial=initial)
    form.fields["id"].disabled = True
    _keep_own_sheet(form, record.data["sheet"])
    extra = {"observations": _observation_rows(record)}
    return _save(request, office, form, record, extra=extra)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def partner_new(request: SignedInRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, EDIT_MONITORING)
    return _save(request, office, PartnerForm(request.POST or None), None)


def _save(
    request: SignedInRequest,
    office: Office,
    form: CoreRecordForm,
    record: MonitoringRecord | None,
    *,
    back: str | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Keep the record the core accepted (a new id must be new), else show the form again."""
    back = back or reverse("monitoring", args=[office.slug])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["record"]
        if record is not None:
            data = _with_unasked(form, record, data)
        key = data.get("id") or (record.key if record else monitoring.new_key(data))
        taken = monitoring.records(office, form.collection).filter(key=key)
        if record is None and taken.exists():
            form.add_error("id", _("This id is already used; choose another."))
        else:
            target = record or MonitoringRecord(office=office, collection=form.collection, key=key)
            target.data, target.updated_by = data, request.user
            target.save()
            messages.success(request, _("Saved."))
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {"office": office, "form": form, "record": record, "collection": form.collection,
               "back": back, **(extra or {})}  # fmt: skip
    return render(request, "ovpkit_web/monitoring_form.html", context, status=status)


def _keep_own_sheet(form: IndicatorForm, sheet: str) -> None:
    """An indicator on an office's own sheet (a records file's ``catalogue:``) keeps it.

    The site knows only the shipped catalogue; without this, saving such an indicator
    would refuse the sheet it was loaded with.
    """
    field = form.fields["sheet"]
    assert isinstance(field, forms.ChoiceField)
    # the form gives the sheets as a list of (value, label) pairs (ovpkit_web.forms)
    choices = cast(list[tuple[str, str]], field.choices)
    if sheet not in {str(value) for value, _label in choices}:
        field.choices = [*choices, (sheet, sheet)]


def _with_unasked(
    form: CoreRecordForm, record: MonitoringRecord, data: dict[str, Any]
) -> dict[str, Any]:
    """The edited record with the fields its form does not ask kept as they were.

    A form shows only part of a record (an indicator's measured values have their own
    page; a program loaded from a records file may have areas, a review, notes): saving
    the form must not drop them. The merged record is checked by the core again.
    """
    asked = set(form.fields) | set(getattr(form, "derived", ()))
    blocks = {name.partition("_")[0] for name in form.fields if "_" in name}
    kept = {k: v for k, v in record.data.items() if k not in asked and k not in blocks}
    if not kept:
        return data
    merged, problems = monitoring.validated(form.collection, kept | data)
    return data if problems else merged


def _partner_ids(office: Office) -> set[str]:
    return set(monitoring.records(office, "partners").values_list("key", flat=True))


# --- staff, editing and removing ----------------------------------------------------------

#: the records edited through the generic edit page, and who the title names
EDITABLE = ("budget", "partners", "staff")
#: the records the generic removal page removes
REMOVABLE = ("budget", "partners", "staff", "programs", "indicators", "activity_reports")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def staff_new(request: SignedInRequest, slug: str) -> HttpResponse:
    """A staff position; positions have no id of their own, so the site gives one."""
    office = _office(request, slug, EDIT_MONITORING)
    return _save(request, office, StaffForm(request.POST or None), None)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def record_edit(request: SignedInRequest, slug: str, collection: str, key: str) -> HttpResponse:
    """Edit a budget line, a partner or a staff position (its id stays as it is)."""
    office = _office(request, slug, EDIT_MONITORING)
    if collection not in EDITABLE:
        raise Http404
    record = get_object_or_404(MonitoringRecord, office=office, collection=collection, key=key)
    form = _edit_form(office, collection, request.POST or None, record.data)
    if "id" in form.fields:
        form.fields["id"].disabled = True
    return _save(request, office, form, record)


def _edit_form(
    office: Office, collection: str, posted: Any, data: dict[str, Any]
) -> CoreRecordForm:
    initial = dict(data)
    if collection == "budget":
        programs = [(r.key, r.data["name"]) for r in monitoring.records(office, "programs")]
        return BudgetLineForm(posted, initial=initial, programs=programs)
    if collection == "staff":
        initial["backgrounds"] = ", ".join(data.get("backgrounds", ()))
        return StaffForm(posted, initial=initial)
    return PartnerForm(posted, initial=initial)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def record_remove(request: HttpRequest, slug: str, collection: str, key: str) -> HttpResponse:
    """Ask, then remove a record; refused while another record still points to it.

    The removal is kept in the record's history (django-simple-history), with who did it.
    """
    office = _office(request, slug, VIEW_OFFICE)
    if collection not in REMOVABLE:
        raise Http404
    record = get_object_or_404(MonitoringRecord, office=office, collection=collection, key=key)
    back = _removal_back(request, office, record)
    blockers = monitoring.used_by(office, collection, key)
    if request.method == "POST" and not blockers:
        record._history_user = request.user
        record.delete()
        messages.success(request, _("Removed."))
        return redirect(back)
    context = {
        "office": office,
        "record": record,
        "what": _record_name(record),
        "blockers": blockers,
        "back": back,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "ovpkit_web/monitoring_remove.html", context, status=status)


def _removal_back(request: HttpRequest, office: Office, record: MonitoringRecord) -> str:
    """Check who may remove ``record``; return the page to go back to."""
    if record.collection != "activity_reports":
        if not request.user.has_perm(EDIT_MONITORING, office):
            raise PermissionDenied
        return reverse("monitoring", args=[office.slug])
    program = _program_of_report(request, office, record)
    return reverse("program", args=[office.slug, program.key])


def _record_name(record: MonitoringRecord) -> str:
    """How a record is named on the removal page, in the reader's words."""
    data = record.data
    if record.collection == "budget":
        return f"{_budget_row(record)['source']}, {formats.year(data['year'])}"
    if record.collection == "activity_reports":
        return _period(data)
    return str(data.get("name") or data.get("role") or record.key)


def _staff_row(record: MonitoringRecord) -> dict[str, Any]:
    from ovpkit_web.monitoring_forms import CONTRACTS, FUNCTIONS

    data = record.data
    return {
        "key": record.key,
        "role": data["role"],
        "fte": formats.decimal(data["fte"], 1),
        "contract": CONTRACTS.get(data["contract"], data["contract"]),
        "function": FUNCTIONS.get(data["function"], data["function"]),
        "cost": "" if data.get("annual_cost") is None else formats.number(data["annual_cost"]),
    }


# --- an indicator's measured values -------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def observation_new(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    """Add a measured value; the whole indicator is checked again by the core."""
    office = _office(request, slug, EDIT_MONITORING)
    record = get_object_or_404(MonitoringRecord, office=office, collection="indicators", key=key)
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        observations = [*record.data.get("observations", ()), form.cleaned_data["record"]]
        data, problems = monitoring.validated(
            "indicators", record.data | {"observations": observations}
        )
        if not problems:
            record.data, record.updated_by = data, request.user
            record.save()
            messages.success(request, _("Saved."))
            return redirect("indicator_edit", slug=office.slug, key=key)
        for sentence in problems.values():
            form.add_error(None, sentence)
    status = 400 if request.method == "POST" else 200
    back = reverse("indicator_edit", args=[office.slug, key])
    context = {"office": office, "form": form, "record": record, "collection": "observations",
               "back": back}  # fmt: skip
    return render(request, "ovpkit_web/monitoring_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def observation_remove(request: SignedInRequest, slug: str, key: str, number: int) -> HttpResponse:
    """Ask, then remove one measured value (numbered from 1 as the page lists them)."""
    office = _office(request, slug, EDIT_MONITORING)
    record = get_object_or_404(MonitoringRecord, office=office, collection="indicators", key=key)
    observations = list(record.data.get("observations", ()))
    if not 1 <= number <= len(observations):
        raise Http404
    back = reverse("indicator_edit", args=[office.slug, key])
    if request.method == "POST":
        del observations[number - 1]
        record.data = record.data | {"observations": observations}
        if not observations:
            del record.data["observations"]
        record.updated_by = request.user
        record.save()
        messages.success(request, _("Removed."))
        return redirect(back)
    shown = _observation_rows(record)[number - 1]
    context = {"office": office, "record": record, "back": back, "blockers": [],
               "what": f"{shown['when']}: {shown['value']}"}  # fmt: skip
    return render(request, "ovpkit_web/monitoring_remove.html", context)


def _observation_rows(record: MonitoringRecord) -> list[dict[str, Any]]:
    rows = []
    for number, item in enumerate(record.data.get("observations", ()), start=1):
        when = formats.year(item["year"]) + (f" ({item['period']})" if item.get("period") else "")
        rows.append({"number": number, "when": when, "value": formats.number(item["value"]),
                     "source": item.get("source", "")})  # fmt: skip
    return rows


# --- programs and their activity reports --------------------------------------------------


def _program_of_report(
    request: HttpRequest, office: Office, report: MonitoringRecord
) -> MonitoringRecord:
    """The program a report is about, if the visitor may report on it (else 404 or 403)."""
    program = get_object_or_404(
        MonitoringRecord, office=office, collection="programs", key=report.data["program"]
    )
    _visible_program(request, office, program)
    if not monitoring.may_report(request.user, office, program):
        raise PermissionDenied
    return program


def _visible_program(request: HttpRequest, office: Office, program: MonitoringRecord) -> None:
    """A partner never learns of another partner's program: it is not there (404)."""
    if not monitoring.may_see_program(request.user, office, program):
        raise Http404


@require_safe
@login_required
def program(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """A program with its activity reports (sessions delivered, people reached)."""
    office = _office(request, slug, VIEW_OFFICE)
    record = get_object_or_404(MonitoringRecord, office=office, collection="programs", key=key)
    _visible_program(request, office, record)
    reports = [
        _report_row(r)
        for r in monitoring.records(office, "activity_reports")
        if r.data.get("program") == key
    ]
    context = {
        "office": office,
        "program": _program_row(request, office, record),
        "reports": sorted(reports, key=lambda row: row["start"], reverse=True),
        "can_report": monitoring.may_report(request.user, office, record),
        "header": _header(office),
    }
    return render(request, "ovpkit_web/monitoring_program.html", context)


def _period(data: dict[str, Any]) -> str:
    import datetime as dt

    start = dt.date.fromisoformat(data["period_start"])
    end = dt.date.fromisoformat(data["period_end"])
    return _("%(start)s to %(end)s") % {"start": formats.date(start), "end": formats.date(end)}


def _report_row(record: MonitoringRecord) -> dict[str, Any]:
    from ovpkit.monitoring.records import SEX_LABELS

    data = record.data
    groups = []
    for cell in data.get("reached_by", ()):
        name = core_(SEX_LABELS[cell["sex"]]) if "sex" in cell else cell.get("area", "")
        groups.append(f"{name}: {formats.count(cell['count'])}")
    reached = data.get("reached")
    return {
        "key": record.key,
        "start": data["period_start"],
        "period": _period(data),
        "activities": formats.count(data["activities"]),
        "reached": "" if reached is None else formats.count(reached),
        "groups": "; ".join(groups),
        "note": data.get("note", ""),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_new(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    """A new activity report on a program, by its partner or the office's staff."""
    office = _office(request, slug, VIEW_OFFICE)
    program_record = get_object_or_404(
        MonitoringRecord, office=office, collection="programs", key=key
    )
    _visible_program(request, office, program_record)
    if not monitoring.may_report(request.user, office, program_record):
        raise PermissionDenied
    areas = tuple(program_record.data.get("areas", ()))
    form = ActivityReportForm(request.POST or None, program=key, areas=areas)
    back = reverse("program", args=[office.slug, key])
    return _save(request, office, form, None, back=back, extra=_about(program_record))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def report_edit(request: SignedInRequest, slug: str, key: str) -> HttpResponse:
    """Edit an activity report (its program and id stay as they are)."""
    office = _office(request, slug, VIEW_OFFICE)
    record = get_object_or_404(
        MonitoringRecord, office=office, collection="activity_reports", key=key
    )
    program_record = _program_of_report(request, office, record)
    areas = tuple(program_record.data.get("areas", ()))
    initial = ActivityReportForm.initial_of(record.data, areas)
    form = ActivityReportForm(
        request.POST or None, initial=initial, program=program_record.key, areas=areas
    )
    form.fields["id"].disabled = True
    back = reverse("program", args=[office.slug, program_record.key])
    return _save(request, office, form, record, back=back, extra=_about(program_record))


def _about(program_record: MonitoringRecord) -> dict[str, Any]:
    """The program an activity report form is about, named above the form."""
    return {"about": program_record.data.get("name", program_record.key)}
