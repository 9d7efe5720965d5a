"""An office's public document as a Frictionless Data Package (zip), through disclosure.

The package holds the tables the public page shows, built by the same functions
(:mod:`ovpkit.publish.public.view`): participants by prevention level and population
with the same hidden cells, the budget by source, the indicators with their status.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ovpkit.disclosure import is_small
from ovpkit.i18n import _
from ovpkit.publish.datapackage import Column, Package, Resource, write_datapackage
from ovpkit.publish.disclosure import TOTAL
from ovpkit.publish.public.view import COUNT_UNITS, participants


def public_package(document: Mapping[str, Any]) -> Package:
    """The package of the tables on the office's public page."""
    resources = [_participants(document), _budget(document), _indicators(document)]
    office = document["office"]
    return Package(
        name=f"{office['slug']}-public",
        title=_("Public data of {office}").format(office=office["name"]),
        description=_("The tables of the office's public page, small counts hidden."),
        resources=tuple(r for r in resources if r is not None),
        provenance={"kind": document["kind"], "created": document["created"]},
        threshold=int(document["threshold"]),
    )


def datapackage_zip(document: Mapping[str, Any]) -> bytes:
    """The package as one zip file (CSV files and ``datapackage.json``)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(public_package(document), Path(folder))
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                archive.write(path, path.name)
    return buffer.getvalue()


def _participants(document: Mapping[str, Any]) -> Resource | None:
    protection = participants(document)
    if protection is None:
        return None
    levels, populations = protection.table.levels
    rows: list[dict[str, Any]] = []
    hidden: list[tuple[int, str, str]] = []
    for level in (*levels, TOTAL):
        for population in (*populations, TOTAL):
            key = (level, population)
            reason = protection.reason(key)
            if reason is not None:
                hidden.append((len(rows), "participants", reason))
            rows.append({"prevention_level": _total(level), "focus_population": _total(population),
                         "participants": protection.shown(key)})  # fmt: skip
    columns = (
        Column("prevention_level", "string", _("Prevention level")),
        Column("focus_population", "string", _("Focus population")),
        Column("participants", "integer", _("Participants")),
    )
    return Resource("participants", _("Participants by prevention level and focus population"),
                    columns, tuple(rows), ("prevention_level", "focus_population"),
                    tuple(hidden))  # fmt: skip


def _total(level: str) -> str:
    return "total" if level == TOTAL else level


def _budget(document: Mapping[str, Any]) -> Resource | None:
    sums: dict[tuple[int, str], float] = defaultdict(float)
    for line in document["budget"]:
        sums[(int(line["year"]), line["source"])] += float(line["amount"])
    if not sums:
        return None
    rows = tuple({"year": y, "source": s, "amount": a, "currency": document["currency"]}
                 for (y, s), a in sorted(sums.items()))  # fmt: skip
    columns = (
        Column("year", "year", _("Year")),
        Column("source", "string", _("Source")),
        Column("amount", "number", _("Amount")),
        Column("currency", "string", _("Currency")),
    )
    return Resource("budget", _("Budget by source"), columns, rows, ("year", "source"))


def _indicators(document: Mapping[str, Any]) -> Resource | None:
    if not document["indicators"]:
        return None
    threshold = int(document["threshold"])
    rows: list[dict[str, Any]] = []
    hidden: list[tuple[int, str, str]] = []
    names = ("baseline_value", "target_value", "latest_value")
    for item in document["indicators"]:
        for name in names:
            if item["unit"] in COUNT_UNITS and is_small(item[name], threshold):
                hidden.append((len(rows), name, "small"))
        rows.append({k: item[k] for k in ("id", "name", "unit", "baseline_year", *names,
                     "target_year", "latest_year", "status")})  # fmt: skip
    columns = (
        Column("id", "string", _("Indicator")),
        Column("name", "string", _("Name")),
        Column("unit", "string", _("Unit")),
        Column("baseline_year", "year", _("Baseline year")),
        Column("baseline_value", "number", _("Baseline")),
        Column("target_value", "number", _("Target")),
        Column("latest_value", "number", _("Latest")),
        Column("target_year", "year", _("Target year")),
        Column("latest_year", "year", _("Latest year")),
        Column("status", "string", _("Status")),
    )
    return Resource("indicators", _("Indicators against baseline and target"), columns,
                    tuple(rows), ("id",), tuple(hidden))  # fmt: skip
