"""Frictionless Data Packages: the published tables as CSV files a reader can reuse.

A package is a folder: one CSV per table and a ``datapackage.json`` that describes
them (a Table Schema each, with titles and types), where the data came from
(``sources``), under which licence, how ovpkit made it (``ovpkit:provenance``: the
files, the mappings, the version, when) and which cells are hidden. Hidden cells
hold :data:`~ovpkit.publish.disclosure.MARKER`, declared as a missing value in every
schema, and the ``suppressed`` table lists each one with its reason. Only tables that
went through disclosure control are ever handed to :func:`write_datapackage`.

See https://specs.frictionlessdata.io/data-package/ for the format.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ovpkit import __version__
from ovpkit.errors import DataError
from ovpkit.i18n import _
from ovpkit.publish.disclosure import MARKER

#: Why a cell is hidden, for the ``reason`` column of the suppressed table.
SUPPRESSED_FIELDS = ("resource", "row", "field", "reason")


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, Table Schema type and a title for readers."""

    name: str
    type: str  # string, integer, number, boolean, year
    title: str


@dataclass(frozen=True)
class Resource:
    """One published table: rows as dicts (None = hidden when ``hidden`` names the cell)."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    key: tuple[str, ...]  # the columns that name a row, for the suppressed table
    hidden: tuple[tuple[int, str, str], ...] = ()  # (row number, column, reason)


@dataclass(frozen=True)
class Package:
    """Everything a data package says about itself besides its tables."""

    name: str
    title: str
    description: str
    resources: tuple[Resource, ...]
    sources: tuple[dict[str, str], ...] = ()
    licenses: tuple[dict[str, str], ...] = ()
    provenance: dict[str, Any] = field(default_factory=dict)
    threshold: int = 10


def write_datapackage(package: Package, directory: Path) -> Path:
    """Write the CSV files and ``datapackage.json`` into ``directory``; return the JSON path."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(_("cannot create the folder: {problem}").format(problem=exc.strerror),
                        file=str(directory)) from exc  # fmt: skip
    resources = [*package.resources, _suppressed(package.resources)]
    for resource in resources:
        _write_csv(resource, directory / f"{resource.name}.csv")
    descriptor = _descriptor(package, resources)
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _write_csv(resource: Resource, path: Path) -> None:
    hidden = {(row, column) for row, column, _reason in resource.hidden}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in resource.columns])
        for number, row in enumerate(resource.rows):
            writer.writerow([_cell(row.get(c.name), (number, c.name) in hidden)
                             for c in resource.columns])  # fmt: skip


def _cell(value: Any, hidden: bool) -> str:
    if hidden:
        return MARKER
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _suppressed(resources: Sequence[Resource]) -> Resource:
    """The table of hidden cells: which table, which row, which column, and why."""
    rows = []
    for resource in resources:
        for number, column, reason in resource.hidden:
            row = resource.rows[number]
            named = "; ".join(f"{k}={_cell(row.get(k), False)}" for k in resource.key)
            rows.append({"resource": resource.name, "row": named, "field": column,
                         "reason": reason})  # fmt: skip
    columns = (
        Column("resource", "string", _("table")),
        Column("row", "string", _("row")),
        Column("field", "string", _("column")),
        Column("reason", "string", _("why it is hidden")),
    )
    return Resource("suppressed", _("Hidden cells and why"), columns, tuple(rows), ())


def _descriptor(package: Package, resources: Sequence[Resource]) -> dict[str, Any]:
    return {
        "name": _slug(package.name),
        "title": package.title,
        "description": package.description,
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "licenses": list(package.licenses)
        or [{"name": "other-closed", "title": _("licence not stated")}],  # fmt: skip
        "sources": list(package.sources),
        "ovpkit:provenance": {"ovpkit_version": __version__, **package.provenance},
        "ovpkit:disclosure": {
            "threshold": package.threshold,
            "marker": MARKER,
            "hidden_cells": sum(len(r.hidden) for r in resources),
        },  # fmt: skip
        "resources": [_resource(r) for r in resources],
    }


def _resource(resource: Resource) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [{"name": c.name, "type": c.type, "title": c.title} for c in resource.columns],
        "missingValues": ["", MARKER],
    }
    return {
        "name": resource.name,
        "title": resource.title,
        "path": f"{resource.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def _slug(name: str) -> str:
    """A package name as the spec wants it: lower case, digits, '-', '_', '.'."""
    return re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "ovpkit"
