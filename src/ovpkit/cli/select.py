"""``ovpkit select``: from a mapping database to the report's subsample."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ovpkit import formats
from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.tables import text_column
from ovpkit.i18n import _, use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.models import Region
from ovpkit.knowledge.naming import known_office_name
from ovpkit.selection import (
    CivilianLeadership,
    DiverseContexts,
    FilterSet,
    PublicInformation,
    Stability,
    Subsample,
    read_mapping,
    select_subsample,
)
from ovpkit.selection.filters import REGION_NAMES


def example_mapping() -> Path:
    """The shipped mapping database: the report's 21 offices plus illustrative candidates."""
    return Path(str(resources.files("ovpkit.selection") / "data" / "mapping_example.csv"))


@app.command()
def select(
    mapping: Annotated[
        Path | None,
        typer.Argument(help="Mapping database (CSV). Default: the shipped example."),
    ] = None,
    as_of: Annotated[int, typer.Option(help="Year in which office age is judged.")] = 2023,
    min_age: Annotated[int, typer.Option(help="Minimum age of an office, in years.")] = 5,
    max_per_country: Annotated[
        int, typer.Option(help="At most this many cities per country (diverse contexts).")
    ] = 4,
    lang: Lang = "en",
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Apply the report's four filters and say, for every candidate, why it is in or out."""
    filters = FilterSet(
        candidate_filters=(
            CivilianLeadership(),
            Stability(min_age_years=min_age, as_of=as_of),
            PublicInformation(),
        ),
        diversity=DiverseContexts(max_cities_per_country=max_per_country),
    )
    subsample = select_subsample(read_mapping(mapping or example_mapping()), filters)
    with use_language(lang):
        if as_json:
            print_json(subsample_document(subsample))
        else:
            _print(subsample)


def subsample_document(subsample: Subsample) -> dict[str, Any]:
    return {
        "selected": len(subsample.selected),
        "cities": len({(c.country, c.city) for c in subsample.selected}),
        "regions_covered": subsample.regions_covered(),
        "countries": subsample.countries(),
        "candidates": [
            {
                "city": d.candidate.city,
                "country": d.candidate.country,
                "office": d.candidate.office,
                "selected": d.selected,
                "kept_out_by": list(d.kept_out_by),
                "verdicts": [
                    {"filter": v.filter, "passed": v.passed, "reason": v.reason} for v in d.verdicts
                ],
            }
            for d in subsample.decisions
        ],
    }


def _print(subsample: Subsample) -> None:
    offices = load_knowledge_base().offices
    table = Table(title=_("Subsample selection"), show_lines=False)
    text_column(table, _("Candidate"))
    table.add_column(_("In?"), no_wrap=True)
    text_column(table, _("Why"))
    for decision in subsample.decisions:
        if decision.selected:
            why = "; ".join(v.reason for v in decision.verdicts)
            mark = "[green]✓[/]"
        else:
            why = "; ".join(v.reason for v in decision.verdicts if v.passed is False)
            mark = "[red]✗[/]"
        candidate = decision.candidate
        name = known_office_name(candidate.office, offices) if candidate.office else ""
        label = f"{candidate.city} ({formats.country(candidate.country)})" + (
            f": {name}" if name else ""
        )
        table.add_row(label, mark, why)
    console.print(table)
    cities = len({(c.country, c.city) for c in subsample.selected})
    console.print(
        _("{offices} offices in {cities} cities from {countries} countries selected.").format(
            offices=len(subsample.selected), cities=cities, countries=len(subsample.countries())
        )
    )
    regions = ", ".join(f"{_region_name(r)}: {n}" for r, n in subsample.regions_covered().items())
    console.print(_("Regions covered (cities): {regions}").format(regions=regions))


def _region_name(key: str) -> str:
    """A region key of ``regions_covered`` as a reader's word ("unknown" stays a key)."""
    try:
        return _(REGION_NAMES[Region(key)])
    except ValueError:
        return _(key)
