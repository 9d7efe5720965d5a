"""An office's monitoring records edited on the site, each checked by the core's model.

A form's fields become the record the records file would hold (``ovpkit.monitoring.records``:
``IndicatorRecord``, ``Program``, ``Partner``); the core's model validates it and its
errors, in the reader's language, are put beside the field they are about. A partner
organisation edits only the programs it runs (those listing its partner id), and cannot
change who runs them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from pydantic import BaseModel, ValidationError

from ovpkit.monitoring.records import (
    ActivityReport,
    BudgetLine,
    CoverageAudit,
    IndicatorRecord,
    Observation,
    Partner,
    Program,
    RecordsHeader,
    StaffPosition,
)
from ovpkit.validation_messages import field_path, problem
from ovpkit_web.models import MonitoringRecord, Office, PartnerUser, Role
from ovpkit_web.permissions import role_of

MODELS: dict[str, type[BaseModel]] = {
    "programs": Program,
    "partners": Partner,
    "indicators": IndicatorRecord,
    "budget": BudgetLine,
    "staff": StaffPosition,
    "observations": Observation,  # kept inside their indicator's record
    "activity_reports": ActivityReport,
    "coverage": CoverageAudit,  # kept from a records file; no form yet
    "header": RecordsHeader,  # the file's header (currency, illustrative), key "header"
}


def validated(collection: str, record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The record as JSON if the core's model accepts it, else {field: sentence}."""
    try:
        model = MODELS[collection].model_validate(record)
    except ValidationError as exc:
        found: dict[str, str] = {}
        for error in exc.errors():
            found.setdefault(field_path(error["loc"]), problem(error))
        return {}, found
    return model.model_dump(mode="json", exclude_defaults=True), {}


def records(office: Office, collection: str) -> QuerySet[MonitoringRecord]:
    return MonitoringRecord.objects.filter(office=office, collection=collection)


def partner_of(user: Any, office: Office) -> str | None:
    """The partner id a partner-role user acts for in ``office``, if any."""
    if not user.is_authenticated:
        return None
    link = PartnerUser.objects.filter(office=office, user=user).only("partner").first()
    return link.partner if link else None


def may_edit_program(user: Any, office: Office, record: MonitoringRecord | None) -> bool:
    """Staff edit every program; a partner only the programs that list it as a partner."""
    if user.is_superuser or role_of(user, office) in (Role.MANAGER, Role.STAFF):
        return True
    if role_of(user, office) != Role.PARTNER or record is None:
        return False
    mine = partner_of(user, office)
    return mine is not None and mine in record.data.get("partners", ())


def runs_program(user: Any, office: Office, program: MonitoringRecord) -> bool:
    """Whether ``user`` acts for a partner organisation that runs ``program``."""
    mine = partner_of(user, office)
    return mine is not None and mine in program.data.get("partners", ())


def may_see_program(user: Any, office: Office, program: MonitoringRecord) -> bool:
    """Members see every program, except a partner: only the programs it runs."""
    if user.is_superuser or role_of(user, office) != Role.PARTNER:
        return True
    return runs_program(user, office, program)


def may_report(user: Any, office: Office, program: MonitoringRecord) -> bool:
    """Staff write activity reports on every program; a partner on the programs it runs."""
    if user.is_superuser or role_of(user, office) in (Role.MANAGER, Role.STAFF):
        return True
    return role_of(user, office) == Role.PARTNER and runs_program(user, office, program)


def used_by(office: Office, collection: str, key: str) -> list[str]:
    """What still points to a record, in the words of a list (the core's references).

    The records file refuses a program naming an unknown partner, a budget line or an
    activity report naming an unknown program, a program naming an unknown indicator;
    removing the record they point to would leave the office's records invalid.
    """
    pointing = {
        "partners": (("programs", "partners"),),
        "programs": (("budget", "program"), ("activity_reports", "program")),
        "indicators": (("programs", "indicators"),),
    }
    found: list[str] = []
    for other, field in pointing.get(collection, ()):
        for record in records(office, other):
            value = record.data.get(field)
            if value == key or (isinstance(value, list) and key in value):
                found.append(str(record.data.get("name") or record.key))
    return found


def new_key(record: dict[str, Any]) -> str:
    """A key for a record without an id of its own (a budget line): year, source, a token."""
    import uuid

    parts = [str(record.get("year", "")), str(record.get("source", "")), uuid.uuid4().hex[:8]]
    return "-".join(p for p in parts if p).replace("_", "-")
