"""The mapping database: candidate cities and what is known of their offices.

Part 2 of the report builds a "mapping database" from four sources, then filters
it down to the subsample. This module reads such a database from CSV (one row a
candidate) and validates every row once, so that the filters can trust it.
A bad row stops the load with the file, row and field named: a candidate list is
small and hand-kept, so it is better fixed than silently skipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from ovpkit.errors import DataError
from ovpkit.i18n import _, ngettext
from ovpkit.knowledge.models import Region
from ovpkit.textfile import read_text
from ovpkit.validation_messages import problem, shown


class Source(StrEnum):
    """The four sections of the mapping database (report, Part 2)."""

    RANKING_2021 = "ranking-2021"
    RANKING_2016_2020 = "ranking-2016-2020"
    NETWORK_MEMBER = "network-member"
    NOTEWORTHY = "noteworthy"


class Known(StrEnum):
    """A yes/no attribute where "unknown" is a real answer, distinct from "no"."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"
    UNKNOWN = "unknown"


def _split_sources(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;|]", value) if part.strip()]
    return value


def _blank_to_unknown(value: object) -> object:
    return "unknown" if value is None or (isinstance(value, str) and not value.strip()) else value


class Founded(BaseModel):
    """A founding year, exact ("2010") or only bounded ("<=2018")."""

    model_config = ConfigDict(frozen=True)

    year: int = Field(ge=1900, le=2100)
    exact: bool = True

    @classmethod
    def parse(cls, text: str) -> Founded | None:
        text = text.strip()
        if not text:
            return None
        match = re.fullmatch(r"(<=|≤)?\s*(\d{4})", text)
        if match is None:
            raise ValueError(
                _("{value} is not a year; write e.g. 2010, or <=2018 if only a bound").format(
                    value=shown(text)
                )
            )
        return cls(year=int(match.group(2)), exact=match.group(1) is None)

    def __str__(self) -> str:
        return str(self.year) if self.exact else f"≤{self.year}"


def _parse_founded(value: object) -> object:
    return Founded.parse(value) if isinstance(value, str) else value


class Candidate(BaseModel):
    """One row of the mapping database."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    city: Annotated[str, Field(min_length=1)]
    country: Annotated[str, Field(min_length=1)]
    region: Region | None = None
    office: str = ""
    sources: Annotated[tuple[Source, ...], BeforeValidator(_split_sources)] = ()
    civilian_led: Annotated[Known, BeforeValidator(_blank_to_unknown)] = Known.UNKNOWN
    founded: Annotated[Founded | None, BeforeValidator(_parse_founded)] = None
    public_information: Annotated[Known, BeforeValidator(_blank_to_unknown)] = Known.UNKNOWN
    notes: str = ""

    @property
    def label(self) -> str:
        return f"{self.city} ({self.country})" + (f": {self.office}" if self.office else "")


REQUIRED_COLUMNS = ("city", "country")


def read_mapping(path: Path) -> tuple[Candidate, ...]:
    """Read and validate a mapping database CSV (UTF-8, comma-separated, header row)."""
    text = read_text(
        path,
        DataError,
        missing=_("the file does not exist"),
        encoding="utf-8-sig",
        not_utf8_hint=_("save it as CSV UTF-8 from your spreadsheet program"),
    )
    reader = csv.DictReader(text.splitlines())
    _check_columns(path, reader.fieldnames)
    candidates = [_candidate(path, row_number, row) for row_number, row in enumerate(reader, 2)]
    if not candidates:
        raise DataError(_("the mapping database has no candidates"), file=path)
    return tuple(candidates)


def _check_columns(path: Path, columns: Sequence[str] | None) -> None:
    if not columns:
        raise DataError(
            _("the file is empty"), file=path, hint=_("add a header row: city,country,...")
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise DataError(
            _("missing column(s): {columns}").format(columns=", ".join(missing)),
            file=path,
            record=1,
        )
    unknown = [c for c in columns if c not in Candidate.model_fields]
    if unknown:
        known = ", ".join(Candidate.model_fields)
        raise DataError(
            _("unknown column(s): {columns}").format(columns=", ".join(unknown)),
            file=path,
            record=1,
            hint=_("the columns are {columns}").format(columns=known),
        )


def _candidate(path: Path, row_number: int, row: dict[str, str | None]) -> Candidate:
    cleaned = {key: (value or "").strip() for key, value in row.items() if key is not None}
    cleaned = {k: v for k, v in cleaned.items() if v != "" or k in ("civilian_led",)}
    try:
        return Candidate.model_validate(cleaned)
    except ValidationError as exc:
        field, message = _row_problems(exc)
        raise DataError(message, file=path, record=row_number, field=field) from None


def _row_problems(exc: ValidationError) -> tuple[str | None, str]:
    """(column, message) of a bad row; several bad columns are all listed, by column.

    A CSV cell is one column, so the column is the field even when pydantic's location
    goes deeper (the second of several ``sources``).
    """
    found = list(dict.fromkeys((_column(error["loc"]), problem(error)) for error in exc.errors()))
    if len(found) == 1:
        return found[0][0] or None, found[0][1]
    listed = "; ".join(_("column '{c}'").format(c=c) + ": " + text for c, text in found)
    return None, ngettext("{n} problem: {list}", "{n} problems: {list}", len(found)).format(
        n=len(found), list=listed
    )


def _column(loc: tuple[int | str, ...]) -> str:
    return str(loc[0]) if loc else ""
