"""The public diagnosis as a data package: the tables of the page, hidden cells marked.

It reads the *public* document (:func:`ovpkit.diagnosis.disclosure.public_dict`, the
same one the page and ``--json`` show), never the diagnosis itself, so the package
can hold nothing the page hides: no incident row, no address, no coordinate (hot
spots are H3 cells), and every count hidden on the page is hidden here, with the
same marker and the reason the document gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ovpkit import __version__
from ovpkit.diagnosis.store import SourceStatus
from ovpkit.i18n import N_, _
from ovpkit.publish.datapackage import Column, Package, Resource

KEY_TITLES = {"year": N_("year"), "area": N_("area"), "period": N_("period")}


def provenance(files: Sequence[SourceStatus], source: str, computed: str) -> dict[str, Any]:
    """Which files (by name only: a local path says nothing to readers), which mappings,
    which version of ovpkit and when, for the ``provenance`` block of a public result."""
    mine = [f for f in files if f.source == source]
    return {
        "files": [
            {
                "file": Path(f.file).name,
                "mapping": f.mapping,
                "licence": f.licence,
                "sha256": f.file_hash,
                "ingested_at": f.ingested_at,
            }
            for f in mine
        ],  # fmt: skip
        "ovpkit_version": __version__,
        "computed_at": computed,
    }


def diagnosis_package(public: dict[str, Any]) -> Package:
    """The package of one public diagnosis (with its ``provenance`` block, if any)."""
    provenance = public.get("provenance") or {}
    files = provenance.get("files", [])
    resources = [
        _counts("yearly", _("Victims by year"), public["yearly"], ("year",)),
        _counts("by_area", _("Victims by year and area"), public["by_area"], ("year", "area")),
        _shares("who_is_affected", public),
        *_concentration(public),
        *_hotspots(public),
    ]
    if public["period"] != "year":
        resources.insert(1, _counts("trend", _("Victims by period"), public["trend"], ("period",)))
    return Package(
        name=f"ovpkit-diagnosis-{public['source']}",
        title=_("Diagnosis of violence: {source}").format(source=public["source"]),
        description=_(
            "Counts of victims by year, area and group, computed by ovpkit; "
            "counts that could point at someone are hidden."
        ),
        resources=tuple(r for r in resources if r.rows),
        sources=tuple({"title": f["file"], "path": f["file"]} for f in files),
        licenses=_licences(files),
        provenance=provenance,
        threshold=int(public["disclosure_threshold"]),
    )


def _licences(files: Sequence[dict[str, Any]]) -> tuple[dict[str, str], ...]:
    """The licences the source files were ingested under (one entry per distinct licence)."""
    named = sorted({str(f["licence"]) for f in files if f.get("licence")})
    return tuple({"name": name, "title": name} for name in named)


def _hidden(rows: Sequence[dict[str, Any]]) -> tuple[tuple[int, str, str], ...]:
    """(row, column, reason) for every field the public document marks as hidden."""
    return tuple(
        (number, column, reason)
        for number, row in enumerate(rows)
        for column, reason in (row.get("suppressed") or {}).items()
    )


def _counts(
    name: str, title: str, rows: Sequence[dict[str, Any]], key: tuple[str, ...]
) -> Resource:
    columns = [Column(k, "integer" if k == "year" else "string", _(KEY_TITLES[k])) for k in key]
    columns += [
        Column("partial", "boolean", _("the data cover only part of the period")),
        Column("victims", "integer", _("victims")),
        Column("fatal", "integer", _("killed")),
        Column("population", "integer", _("population")),
        Column("rate", "number", _("rate per 100,000 a year")),
        Column("lower", "number", _("lower end of the 95% interval")),
        Column("upper", "number", _("upper end of the 95% interval")),
    ]
    return Resource(name, title, tuple(columns), tuple(rows), key, _hidden(rows))


def _shares(name: str, public: dict[str, Any]) -> Resource:
    """Victims of the focus year by age group and sex, weapon and outcome, in one table."""
    affected = public["affected"]
    rows: list[dict[str, Any]] = []
    for breakdown, items in (("age_sex", affected["by_age_sex"]), ("weapon", affected["by_weapon"]),
                             ("outcome", affected["by_fatal"])):  # fmt: skip
        rows += [{"year": public["focus_year"], "breakdown": breakdown, **item} for item in items]
    columns = (
        Column("year", "integer", _("year")),
        Column("breakdown", "string", _("breakdown")),
        Column("group", "string", _("group")),
        Column("sex", "string", _("sex")),
        Column("victims", "integer", _("victims")),
        Column("share", "number", _("share of victims")),
    )
    hidden = tuple((n, c, r) for n, c, r in _hidden(rows)) + tuple(
        (n, "share", r) for n, c, r in _hidden(rows) if c == "victims"
    )
    return Resource(name, _("Who is affected"), columns, tuple(rows),
                    ("breakdown", "group", "sex"), hidden)  # fmt: skip


def _concentration(public: dict[str, Any]) -> list[Resource]:
    conc = public["concentration"] or public["hex_concentration"]
    if conc is None:
        return []
    rows = tuple({"year": public["focus_year"], "unit": conc["unit"], "top_percent": pct,
                  "places": n, "share": share} for pct, n, share in conc["top"])  # fmt: skip
    columns = (
        Column("year", "integer", _("year")),
        Column("unit", "string", _("places")),
        Column("top_percent", "number", _("top share of places (percent)")),
        Column("places", "integer", _("number of places")),
        Column("share", "number", _("share of victims in them")),
    )
    return [Resource("concentration", _("Concentration"), columns, rows, ("top_percent",))]


def _hotspots(public: dict[str, Any]) -> list[Resource]:
    spots = public["hotspots"]
    if not spots:
        return []
    rows = tuple(
        {"year": public["focus_year"], "resolution": spots["resolution"], **cell}
        for cell in spots["cells"]
    )
    columns = (
        Column("year", "integer", _("year")),
        Column("resolution", "integer", _("H3 resolution")),
        Column("cell", "string", _("H3 hexagon")),
        Column("victims", "integer", _("victims")),
        Column("kind", "string", _("hot spot, cold spot or neither")),
    )
    return [Resource("hotspots", _("Hot spots"), columns, rows, ("cell",), _hidden(rows))]
