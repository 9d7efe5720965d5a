"""The indicator catalogue: technical sheets an office measures itself against.

A technical sheet says what an indicator means and how to compute it, so that two
offices (or two analysts in one office) report the same thing under the same name.
ovpkit ships the standard citizen-security sheets, each citing the place in the
report that names the indicator; an office adds its own sheets in its own YAML file.
The catalogue also holds the target presets (the network's "halve by 2030") and the
guides the report cites (15% of staffing costs for data and evaluation).

The shipped sheets' texts are gettext message ids (:data:`SHEET_TEXT_FIELDS`):
:func:`translated_sheet` gives them in the reader's language, and the catalogs extract
them with :func:`catalogue_texts`. The report's quotes in ``references`` stay English.
An office's own sheets are its own words and are never translated: their file may say
which language they are written in (``language: en``), so that pages can mark them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import Field
from pydantic_core import PydanticCustomError

from ovpkit.errors import AnswersError, KnowledgeError, OvpkitError
from ovpkit.i18n import N_, _
from ovpkit.knowledge.models import Citation, Quote, Record, Slug, Text
from ovpkit.monitoring.records import language_tag
from ovpkit.yamlfile import item_lines, read_file, read_mapping, validate_list

#: What to do about a record that does not validate.
MONITORING_HINT = N_("fix this record; docs/monitoring.md lists every field")


class Direction(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"
    NEUTRAL = "neutral"  # context indicators: no good direction


DIRECTION_LABELS: dict[str, str] = {
    Direction.LOWER_IS_BETTER: N_("lower"),
    Direction.HIGHER_IS_BETTER: N_("higher"),
    Direction.NEUTRAL: N_("no direction (context)"),
}


class IndicatorUnit(StrEnum):
    COUNT = "count"
    PEOPLE = "people"
    PERCENT = "percent"
    PER_100K = "per_100k"
    RATIO = "ratio"
    SHARE = "share"  # 0..1
    CURRENCY = "currency"
    DAYS = "days"


UNIT_LABELS: dict[str, str] = {
    IndicatorUnit.COUNT: N_("count"),
    IndicatorUnit.PEOPLE: N_("people"),
    IndicatorUnit.PERCENT: N_("percent"),
    IndicatorUnit.PER_100K: N_("per 100,000"),
    IndicatorUnit.RATIO: N_("ratio"),
    IndicatorUnit.SHARE: N_("share"),
    IndicatorUnit.CURRENCY: N_("money"),
    IndicatorUnit.DAYS: N_("days"),
}


class IndicatorLevel(StrEnum):
    IMPACT = "impact"  # violence itself
    OUTCOME = "outcome"  # perceptions, behaviours
    OUTPUT = "output"  # what programs deliver
    CONTEXT = "context"


LEVEL_LABELS: dict[str, str] = {
    IndicatorLevel.IMPACT: N_("impact"),
    IndicatorLevel.OUTCOME: N_("outcome"),
    IndicatorLevel.OUTPUT: N_("output"),
    IndicatorLevel.CONTEXT: N_("context"),
}


class Reference(Record):
    """A place in the report and a verbatim quote that a test finds there."""

    citation: Citation
    quote: Quote


class IndicatorSheet(Record):
    """One technical sheet (ficha técnica) of an indicator."""

    id: Slug
    name: Text
    definition: Text
    formula: Text
    numerator: Text | None = None
    denominator: Text | None = None
    minimum_variables: tuple[Text, ...] = Field(min_length=1)
    disaggregations: tuple[Text, ...] = ()
    sources: tuple[Text, ...] = Field(min_length=1)
    unit: IndicatorUnit
    direction: Direction
    periodicity: Text | None = None
    level: IndicatorLevel = IndicatorLevel.IMPACT
    references: tuple[Reference, ...] = ()
    notes: Text | None = None


class TargetPreset(Record):
    """A named target: a relative change by a year, e.g. -0.5 by 2030."""

    id: Slug
    name: Text
    change: float = Field(gt=-1.0)
    year: int = Field(ge=1990, le=2100)
    references: tuple[Reference, ...] = ()


class Guide(Record):
    """A rule of thumb the report cites, e.g. 15% of staffing costs for data and evaluation."""

    id: Slug
    name: Text
    value: float
    unit: IndicatorUnit
    references: tuple[Reference, ...] = ()


#: The explanatory texts of a sheet, translated for the shipped sheets; tuples hold several.
SHEET_TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "definition",
    "formula",
    "numerator",
    "denominator",
    "minimum_variables",
    "disaggregations",
    "sources",
    "periodicity",
    "notes",
)


@dataclass(frozen=True)
class Catalogue:
    """The sheets, target presets and guides, by id; ``office_ids`` marks an office's own.

    ``office_languages`` gives, for an office's own sheet, the language its file declares
    (None when it declares none).
    """

    sheets: Mapping[str, IndicatorSheet]
    targets: Mapping[str, TargetPreset]
    guides: Mapping[str, Guide]
    office_ids: frozenset[str] = frozenset()
    office_languages: Mapping[str, str | None] = field(default_factory=dict)

    def sheet(self, sheet_id: str) -> IndicatorSheet:
        return self.sheets[sheet_id]

    def is_own(self, sheet_id: str) -> bool:
        """Whether the sheet is the office's own (its words), not one ovpkit ships."""
        return sheet_id in self.office_ids

    def shown_sheet(self, sheet_id: str) -> IndicatorSheet:
        """The sheet as a reader sees it: shipped sheets in the current language."""
        sheet = self.sheets[sheet_id]
        return sheet if self.is_own(sheet_id) else translated_sheet(sheet)

    def guide_value(self, guide_id: str) -> float:
        return self.guides[guide_id].value

    def cited(self) -> Iterable[tuple[str, Reference]]:
        """Every (record id, reference) pair, for the quote test."""
        records: list[IndicatorSheet | TargetPreset | Guide] = [
            *self.sheets.values(),
            *self.targets.values(),
            *self.guides.values(),
        ]
        for record in records:
            for reference in record.references:
                yield record.id, reference


def translated_sheet(sheet: IndicatorSheet) -> IndicatorSheet:
    """A copy of a shipped ``sheet`` with its texts in the current language."""
    update: dict[str, object] = {}
    for name in SHEET_TEXT_FIELDS:
        value = getattr(sheet, name)
        if isinstance(value, tuple):
            update[name] = tuple(_(text) for text in value)
        elif value is not None:
            update[name] = _(value)
    return sheet.model_copy(update=update)


def catalogue_texts() -> Iterator[tuple[str, str]]:
    """(origin, English text) of the shipped catalogue, e.g. ``sheets:<id>:formula``.

    For the catalogs (:mod:`ovpkit.i18n_catalogs`); the quotes are left out on purpose.
    """
    catalogue = load_catalogue()
    for sheet in catalogue.sheets.values():
        for name in SHEET_TEXT_FIELDS:
            value = getattr(sheet, name)
            texts = value if isinstance(value, tuple) else (value,) if value else ()
            yield from ((f"sheets:{sheet.id}:{name}", text) for text in texts)
    for preset in catalogue.targets.values():
        yield f"targets:{preset.id}:name", preset.name
    for guide in catalogue.guides.values():
        yield f"guides:{guide.id}:name", guide.name


def builtin_catalogue_text() -> str:
    return (resources.files("ovpkit.monitoring") / "data" / "catalogue.yaml").read_text("utf-8")


def load_catalogue(*office_files: Path) -> Catalogue:
    """The shipped catalogue, extended with each office file's ``indicators:``."""
    document, node = read_mapping(builtin_catalogue_text(), "catalogue.yaml", KnowledgeError)
    sheets = _sheets(document, node, "catalogue.yaml", KnowledgeError)
    targets = _records(TargetPreset, "targets", document, node, "catalogue.yaml")
    guides = _records(Guide, "guides", document, node, "catalogue.yaml")
    languages: dict[str, str | None] = {}
    for path in office_files:
        office_doc, office_node = read_file(path, AnswersError)
        language = _file_language(office_doc, path)
        for sheet in _sheets(office_doc, office_node, str(path), AnswersError).values():
            _check_new_id(sheet.id, sheets, path)
            sheets[sheet.id] = sheet
            languages[sheet.id] = language
    return Catalogue(
        sheets=MappingProxyType(sheets),
        targets=MappingProxyType(targets),
        guides=MappingProxyType(guides),
        office_ids=frozenset(languages),
        office_languages=MappingProxyType(languages),
    )


def _file_language(document: dict[str, Any], path: Path) -> str | None:
    """The ``language:`` an office's catalogue file declares for its own words."""
    value = document.get("language")
    try:
        return language_tag(value if value is None else str(value))
    except PydanticCustomError as exc:
        raise AnswersError(
            exc.message(),
            file=path,
            field="language",
            hint=_("write the language of the file's own words as a code: en, es or pt"),
        ) from None


def _sheets(
    document: dict[str, Any], node: Any, file: str, error: type[OvpkitError]
) -> dict[str, IndicatorSheet]:
    raw = document.get("indicators")
    lines = item_lines(node, "indicators")
    found = validate_list(
        IndicatorSheet,
        raw,
        key="indicators",
        file=file,
        lines=lines,
        error=error,
        hint=_(MONITORING_HINT),
    )
    sheets: dict[str, IndicatorSheet] = {}
    for sheet in found:
        if sheet.id in sheets:
            raise error(
                _("the indicator id '{id}' appears twice").format(id=sheet.id),
                file=file,
                record=sheet.id,
                field="id",
                hint=_("give each indicator sheet its own id"),
            )
        sheets[sheet.id] = sheet
    return sheets


def _records(
    model: type[TargetPreset] | type[Guide],
    key: str,
    document: dict[str, Any],
    node: Any,
    file: str,
) -> dict[str, Any]:
    lines = item_lines(node, key)
    found = validate_list(
        model,
        document.get(key),
        key=key,
        file=file,
        lines=lines,
        error=KnowledgeError,
        hint=_(MONITORING_HINT),
    )
    return {record.id: record for record in found}


def _check_new_id(sheet_id: str, sheets: Mapping[str, IndicatorSheet], path: Path) -> None:
    if sheet_id in sheets:
        raise AnswersError(
            _("the indicator id '{id}' is already in the catalogue").format(id=sheet_id),
            file=path,
            record=sheet_id,
            field="id",
            hint=_("give your own sheet another id, e.g. '{id}_local'").format(id=sheet_id),
        )
