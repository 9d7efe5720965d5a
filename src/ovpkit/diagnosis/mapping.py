"""The declarative mapping from one source file to the canonical incident schema.

A mapping is a small YAML file (see ``diagnosis/mappings/`` for one per real data
set) so that an office can add a new source without writing code. It is validated
once, here; the ingestion trusts it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ovpkit.errors import DataError
from ovpkit.i18n import _
from ovpkit.textfile import read_text
from ovpkit.validation_messages import shown, summary
from ovpkit.yamlfile import yaml_problem

Parse = Literal[
    "text", "code", "integer", "number", "date", "boolean", "positive", "sex", "age", "age_group"
]
Precision = Literal["day", "month", "year"]
OnUnknown = Literal["set_aside", "keep", "null"]

# What a canonical field is parsed as when the mapping does not say.
DEFAULT_PARSE: dict[str, Parse] = {
    "date": "date",
    "time": "text",
    "fatal": "boolean",
    "area_code": "code",
    "lat": "number",
    "lon": "number",
    "victim_age": "age",
    "age_group": "age_group",
    "sex": "sex",
    "count": "integer",
    "year": "integer",
    "population": "integer",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldSpec(_Frozen):
    """Where one canonical field comes from and how its raw text is read.

    Written in YAML either as a bare column name (``sex: GENERO``) or as a table
    with ``column`` (or a constant ``value``) plus parser options.
    """

    column: str | None = None
    value: str | int | float | bool | None = None
    parse: Parse | None = None
    formats: tuple[str, ...] = ()
    precision: Precision = "day"
    with_time: bool = False
    values: dict[str, Any] = Field(default_factory=dict)
    on_unknown: OnUnknown | None = None
    zfill: int | None = None
    take: int | None = None
    required: bool = False

    @model_validator(mode="before")
    @classmethod
    def _bare_column(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_origin(self) -> FieldSpec:
        if (self.column is None) == (self.value is None):
            raise ValueError(
                _("give either 'column' (a column of the file) or 'value' (a constant)")
            )
        return self


class Exclusion(_Frozen):
    """Rows the source itself marks as not incidents (totals, national rows)."""

    column: str
    equals: tuple[str, ...] = ()
    matches: str | None = None
    reason: str


class ReadOptions(_Frozen):
    """How to open the file; ``auto`` lets ovpkit detect it."""

    format: Literal["auto", "csv", "excel", "parquet", "geojson"] = "auto"
    encoding: str = "auto"
    delimiter: str = "auto"
    header_row: int | Literal["auto"] = "auto"
    sheet: int | str = 0
    na_values: tuple[str, ...] = ("NA", "N/A", "NaN", "null", "NULL", "#N/A", "None")


class Syntax(_Frozen):
    """How one packed cell is written: items separated by ``items``, each ``index`` + value."""

    items: str = Field(default="||", min_length=1)
    index: str = Field(default="::", min_length=1)

    @model_validator(mode="after")
    def _separable(self) -> Syntax:
        if self.items in self.index:
            raise ValueError(
                _("the item separator {items} must not be part of the index separator").format(
                    items=shown(self.items)
                )
            )
        return self


class Keep(_Frozen):
    """Which participants become rows: those whose value in ``column`` is one of ``equals``."""

    column: str
    equals: tuple[str, ...] = Field(min_length=1)


class Unpack(_Frozen):
    """Columns that list several people in one cell ("0::Male||1::Female").

    Each kept participant becomes one row with the source row's other columns;
    a field reading a packed column gets that participant's value. A cell is
    read with the first syntax whose index separator it contains.
    """

    columns: tuple[str, ...] = Field(min_length=1)
    syntax: tuple[Syntax, ...] = Field(default=(Syntax(),), min_length=1)
    keep: Keep

    @model_validator(mode="after")
    def _keep_is_packed(self) -> Unpack:
        if len(set(self.columns)) != len(self.columns):
            raise ValueError(_("a packed column is listed twice"))
        if self.keep.column not in self.columns:
            raise ValueError(
                _("keep.column {column} must be one of the packed columns").format(
                    column=shown(self.keep.column)
                )
            )
        return self


class PopulationSpec(_Frozen):
    """Columns of the same file that give denominators (area, year, population)."""

    area_code: FieldSpec
    year: FieldSpec
    population: FieldSpec
    sex: FieldSpec | None = None
    age_group: FieldSpec | None = None


class Mapping(_Frozen):
    """One source's mapping, validated."""

    name: str
    source: str
    licence: str = "not stated"
    description: str = ""
    unit: Literal["victim", "incident", "aggregate"] = "victim"
    area_level: str | None = None
    read: ReadOptions = ReadOptions()
    fields: dict[str, FieldSpec] = Field(default_factory=dict)
    exclude: tuple[Exclusion, ...] = ()
    population: PopulationSpec | None = None
    unpack: Unpack | None = None
    # Rows that are exact copies of an earlier row (every cell the same): always
    # reported; "keep" loads them (a source may list two identical victims),
    # "set_aside" sets them aside naming the row they copy.
    duplicates: Literal["keep", "set_aside"] = "keep"

    @model_validator(mode="after")
    def _known_fields(self) -> Mapping:
        from ovpkit.diagnosis.schema import INCIDENT_FIELDS

        unknown = sorted(set(self.fields) - set(INCIDENT_FIELDS))
        if unknown:
            raise ValueError(
                _("unknown field(s) {fields}; the fields are {known}").format(
                    fields=", ".join(unknown), known=", ".join(sorted(INCIDENT_FIELDS))
                )
            )
        if self.fields and "date" not in self.fields:
            raise ValueError(_("an incident mapping needs a 'date' field"))
        if not self.fields and self.population is None:
            raise ValueError(_("give 'fields' (incidents), 'population', or both"))
        if self.unpack is not None:
            self._check_unpack(self.unpack)
        return self

    def _check_unpack(self, unpack: Unpack) -> None:
        """Unpacking makes one row per person: only per-person fields may read packed columns."""
        packed = set(unpack.columns)
        reading = {name for name, spec in self.fields.items() if spec.column in packed}
        if not reading:
            raise ValueError(_("no field reads a packed column: nothing would be unpacked"))
        if self.unit == "aggregate" or "count" in self.fields:
            raise ValueError(
                _("an unpacked participant counts once: drop 'count' and unit aggregate")
            )
        if "id" in reading:
            raise ValueError(_("the id must be the source row's (the participant index is added)"))
        if self.population is not None:
            raise ValueError(_("a file with packed participants cannot also give population"))
        if any(rule.column in packed for rule in self.exclude):
            raise ValueError(_("'exclude' applies to whole rows: it cannot test a packed column"))

    def columns(self) -> list[str]:
        """Every source column the mapping reads (to find the header row)."""
        specs: list[FieldSpec | None] = list(self.fields.values())
        if self.population is not None:
            pop = self.population
            specs += [pop.area_code, pop.year, pop.population, pop.sex, pop.age_group]
        names = [s.column for s in specs if s is not None and s.column is not None]
        names += [e.column for e in self.exclude]
        names += list(self.unpack.columns) if self.unpack is not None else []
        return list(dict.fromkeys(names))


def load_mapping(path_or_name: str | Path) -> Mapping:
    """Load a mapping from a YAML path or the name of one shipped with ovpkit."""
    path = Path(path_or_name)
    if not path.is_file():
        shipped = resources.files("ovpkit.diagnosis") / "mappings" / f"{path_or_name}.yaml"
        if not shipped.is_file():
            raise DataError(
                _("no such mapping file or shipped mapping"),
                file=str(path_or_name),
                hint=_("give a YAML path or one of: {names}").format(
                    names=", ".join(shipped_mappings())
                ),
            )
        return _parse_mapping(shipped.read_text(encoding="utf-8"), str(path_or_name))
    return _parse_mapping(_read_text(path), str(path))


def _read_text(path: Path) -> str:
    """The mapping's text; an unreadable file or one not in UTF-8 is a clear error."""
    return read_text(path, DataError)


def _parse_mapping(text: str, where: str) -> Mapping:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError(
            yaml_problem(exc),
            file=where,
            hint=_("check the indentation and the quotes around that line"),
        ) from exc
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        field, message = summary(exc)
        raise DataError(
            _("the mapping is not valid: {problem}").format(problem=message),
            file=where,
            field=field,
            hint=_(
                "compare it with a shipped mapping ('ovpkit data mappings') and docs/diagnosis.md"
            ),
        ) from exc


def shipped_mappings() -> list[str]:
    """Names of the mappings that ship inside the package."""
    folder = resources.files("ovpkit.diagnosis") / "mappings"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )
