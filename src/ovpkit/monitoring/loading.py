"""Loading an office's monitoring records file, validated once at the edge.

The file is YAML: a few header keys (``office``, ``currency``, ...) and the
collections ``indicators``, ``programs``, ``partners``, ``budget``, ``staff``,
``coverage`` and the partners' ``activity_reports``. Every problem raises
:class:`~ovpkit.errors.AnswersError` naming the file, the record (collection, position,
id, line) and the field. References between records (a program's partners, an
indicator's sheet, a target preset, an activity report's program) are checked too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ovpkit.errors import AnswersError
from ovpkit.i18n import _, ngettext
from ovpkit.monitoring.catalogue import MONITORING_HINT, Catalogue, load_catalogue
from ovpkit.monitoring.records import (
    COLLECTION_KEYS,
    HEADER_KEYS,
    ActivityReport,
    BudgetLine,
    CoverageAudit,
    IndicatorRecord,
    Partner,
    Program,
    RecordsHeader,
    StaffPosition,
)
from ovpkit.validation_messages import summary
from ovpkit.yamlfile import item_lines, read_file, read_mapping, validate_list


@dataclass(frozen=True)
class MonitoringRecords:
    """An office's validated records, with the catalogue their indicators refer to."""

    header: RecordsHeader
    catalogue: Catalogue
    indicators: tuple[IndicatorRecord, ...] = ()
    programs: tuple[Program, ...] = ()
    partners: tuple[Partner, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    staff: tuple[StaffPosition, ...] = ()
    coverage: tuple[CoverageAudit, ...] = ()
    activity_reports: tuple[ActivityReport, ...] = ()
    file: str | None = None


_MODELS: dict[str, type[BaseModel]] = {
    "indicators": IndicatorRecord,
    "programs": Program,
    "partners": Partner,
    "budget": BudgetLine,
    "staff": StaffPosition,
    "coverage": CoverageAudit,
    "activity_reports": ActivityReport,
}


def load_records(path: Path, *, catalogue: Catalogue | None = None) -> MonitoringRecords:
    """Read ``path``; the office's own sheets listed under ``catalogue:`` are loaded too."""
    document, node = read_file(path, AnswersError)
    return _build(document, node, str(path), path.parent, catalogue)


def parse_records(
    text: str, *, file: str = "<records>", catalogue: Catalogue | None = None
) -> MonitoringRecords:
    """Like :func:`load_records`, from a string (for the web layer and for tests)."""
    document, node = read_mapping(text, file, AnswersError)
    return _build(document, node, file, Path.cwd(), catalogue)


def _build(
    document: dict[str, Any],
    node: Any,
    file: str,
    base: Path,
    catalogue: Catalogue | None,
) -> MonitoringRecords:
    unknown = sorted(set(document) - set(COLLECTION_KEYS) - set(HEADER_KEYS))
    if unknown:
        raise AnswersError(
            ngettext("unknown key: {keys}", "unknown keys: {keys}", len(unknown)).format(
                keys=", ".join(unknown)
            ),
            file=file,
            hint=_("the keys are {keys}").format(keys=", ".join(HEADER_KEYS + COLLECTION_KEYS)),
        )
    header = _header(document, file)
    if catalogue is None:
        catalogue = load_catalogue(*(base / name for name in header.catalogue))
    collections: dict[str, Any] = {
        key: validate_list(
            model,
            document.get(key),
            key=key,
            file=file,
            lines=item_lines(node, key),
            error=AnswersError,
            hint=_(MONITORING_HINT),
        )
        for key, model in _MODELS.items()
    }
    records = MonitoringRecords(header=header, catalogue=catalogue, file=file, **collections)
    check_references(records)
    return records


def _header(document: dict[str, Any], file: str) -> RecordsHeader:
    raw = {key: document[key] for key in HEADER_KEYS if key in document}
    try:
        return RecordsHeader.model_validate(raw)
    except ValidationError as exc:
        field, message = summary(exc)
        raise AnswersError(
            message,
            file=file,
            field=field,
            hint=_("the file starts with 'office: <name of the office>'"),
        ) from exc


def check_references(records: MonitoringRecords) -> None:
    """Every id a record points to exists, and ids are unique in their collection."""
    file = records.file
    for key in ("indicators", "programs", "partners", "coverage", "activity_reports"):
        _unique((r.id for r in getattr(records, key)), key, file)
    partners = {p.id for p in records.partners}
    indicators = {i.id for i in records.indicators}
    programs = {p.id for p in records.programs}
    for indicator in records.indicators:
        _exists(
            indicator.sheet, records.catalogue.sheets, "indicators", indicator.id, "sheet", file
        )
        preset = indicator.target.preset if indicator.target else None
        if preset is not None:
            where = "target.preset"
            _exists(preset, records.catalogue.targets, "indicators", indicator.id, where, file)
    for program in records.programs:
        for partner in program.partners:
            _exists(partner, partners, "programs", program.id, "partners", file)
        for indicator_id in program.indicators:
            _exists(indicator_id, indicators, "programs", program.id, "indicators", file)
    for line_no, line in enumerate(records.budget, start=1):
        if line.program is not None:
            _exists(line.program, programs, "budget", f"#{line_no}", "program", file)
    for audit in records.coverage:
        for program_id in audit.programs:
            _exists(program_id, programs, "coverage", audit.id, "programs", file)
    for activity in records.activity_reports:
        _exists(activity.program, programs, "activity_reports", activity.id, "program", file)


def _unique(ids: Iterable[str], key: str, file: str | None) -> None:
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            raise AnswersError(
                _("the id '{id}' is used twice").format(id=record_id),
                file=file,
                record=f"{key} '{record_id}'",
                field="id",
                hint=_("give each record its own id"),
            )
        seen.add(record_id)


def _exists(
    value: str, known: Iterable[str], key: str, record: str, field: str, file: str | None
) -> None:
    choices = sorted(known)
    if value in choices:
        return
    raise AnswersError(
        _("'{value}' is not defined").format(value=value),
        file=file,
        record=f"{key} '{record}'" if not record.startswith("#") else f"{key} {record}",
        field=field,
        hint=_("use one of: {names}").format(names=", ".join(choices))
        if choices
        else _("none is defined yet: add it to the file first"),
    )
