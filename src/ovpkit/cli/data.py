"""Commands for incident data and the diagnosis: ``ovpkit data ...`` and ``ovpkit diagnose``.

Public outputs (``diagnose``) are aggregates with small counts hidden; the
set-aside rows (``data quarantine``) are internal and never published.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn
from rich.table import Table

from ovpkit import formats
from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_file
from ovpkit.cli.tables import id_column, number_column, text_column, text_columns
from ovpkit.diagnosis import (
    DEFAULT_DB,
    ingest,
    load_mapping,
    open_store,
    quarantined_rows,
    set_aside_report,
    shipped_mappings,
    store_status,
)
from ovpkit.diagnosis.reasons import reason_text
from ovpkit.diagnosis.store import StoreStatus
from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.i18n import _, use_language

if TYPE_CHECKING:  # the analyses (Ibis, SciPy, Matplotlib) load only when a command runs
    from ovpkit.diagnosis.diagnosis import Diagnosis

data_app = typer.Typer(help="Load incident and population files into the project database.")
app.add_typer(data_app, name="data")

DbOption = Annotated[Path, typer.Option("--db", help="The project's DuckDB file.")]
JsonOption = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


def _spinner() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), console=console,
                    transient=True, disable=not console.is_terminal)  # fmt: skip


def _reporter(progress: Progress, task: TaskID) -> Callable[[str], None]:
    return lambda text: progress.update(task, description=text)


@data_app.command("ingest")
def ingest_command(
    files: Annotated[list[Path], typer.Argument(help="Incident or population files.")],
    mapping: Annotated[str, typer.Option("--mapping", "-m", help="Mapping YAML or shipped name.")],
    db: DbOption = DEFAULT_DB,
    strict: Annotated[bool, typer.Option(help="Refuse a file if any row is unreadable.")] = False,
    memory_limit: Annotated[
        str | None,
        typer.Option(
            "--memory-limit",
            envvar="OVPKIT_MEMORY_LIMIT",
            help="Most memory the database may use, such as 2GB (it spills to disk beyond).",
        ),
    ] = None,
    lang: Lang = "en",
    as_json: JsonOption = False,
) -> None:
    """Load FILES with a mapping; unreadable rows are set aside with the reason."""
    with use_language(lang):
        output_file(db, option="--db")
        spec = load_mapping(mapping)
        con = open_store(db, memory_limit=memory_limit)
        reports = []
        for path in files:
            with _spinner() as progress:
                task = progress.add_task(_("starting"), total=None)
                report = ingest(con, path, spec, strict=strict, progress=_reporter(progress, task))
            reports.append(report)
            if not as_json:
                console.print(set_aside_report(report), highlight=False)
        con.close()
        if as_json:
            print_json([dataclasses.asdict(r) | {"balanced": r.balanced} for r in reports])


@data_app.command("status")
def status_command(
    db: DbOption = DEFAULT_DB, lang: Lang = "en", as_json: JsonOption = False
) -> None:
    """What the project database holds, file by file."""
    with use_language(lang):
        con = open_store(db, read_only=True)
        status = store_status(con, str(db))
        con.close()
        if as_json:
            print_json(dataclasses.asdict(status))
            return
        _print_status(status)


def _print_status(status: StoreStatus) -> None:
    console.print(_("{path}: {n} incident rows ({v} victims), {a} to {b}").format(
        path=status.path, n=formats.count(status.incidents), v=formats.count(status.victims),
        a=formats.date(status.first_date), b=formats.date(status.last_date)))  # fmt: skip
    table = Table()
    id_column(table, _("file"), [f.file for f in status.files])
    text_column(table, _("source"))
    number_column(table, _("rows in"))
    text_column(table, _("loaded"), justify="right")
    number_column(table, _("set aside"))
    number_column(table, _("population"))
    for f in status.files:
        loaded = formats.count(f.loaded)
        if f.rows_loaded is not None:
            loaded = _("{n} (from {rows} rows unpacked)").format(
                n=formats.count(f.loaded), rows=formats.count(f.rows_loaded)
            )
        table.add_row(f.file, f.source, formats.count(f.rows_in), loaded,
                      formats.count(f.quarantined), formats.count(f.population_rows))  # fmt: skip
    console.print(table)


@data_app.command("quarantine")
def quarantine_command(
    file: Annotated[str | None, typer.Option(help="Only rows of this file name.")] = None,
    limit: Annotated[int, typer.Option(help="How many rows to show.")] = 50,
    db: DbOption = DEFAULT_DB,
    lang: Lang = "en",
    as_json: JsonOption = False,
) -> None:
    """The rows that were set aside, with field, value and reason (internal: not public)."""
    with use_language(lang):
        con = open_store(db, read_only=True)
        rows = quarantined_rows(con, file, limit)
        con.close()
        if as_json:
            print_json(rows)
            return
        table = Table()
        id_column(table, _("file"), [str(r["file"]) for r in rows])
        text_column(table, _("row"), justify="right")
        text_columns(table, _("field"), _("value"), _("reason"))
        for r in rows:
            table.add_row(str(r["file"]), str(r["row"]), str(r["field"]),
                          str(r["value"] or ""), reason_text(str(r["reason"])))  # fmt: skip
        console.print(table)


@data_app.command("mappings")
def mappings_command(lang: Lang = "en", as_json: JsonOption = False) -> None:
    """The mappings shipped with ovpkit, for the public data sets they fit."""
    specs = [load_mapping(name) for name in shipped_mappings()]
    if as_json:
        print_json([{"name": m.name, "source": m.source, "licence": m.licence} for m in specs])
        return
    with use_language(lang):
        table = Table()
        id_column(table, _("mapping"), [m.name for m in specs])
        text_columns(table, _("source"), _("licence"))
        for m in specs:
            table.add_row(m.name, m.source, m.licence)
        console.print(table)


@app.command("diagnose")
def diagnose_command(
    db: DbOption = DEFAULT_DB,
    source: Annotated[str | None, typer.Option(help="Source to diagnose (a unique part).")] = None,
    by: Annotated[Literal["area", "none"], typer.Option(help="Break down by area.")] = "area",
    period: Annotated[Literal["month", "quarter", "year"], typer.Option()] = "year",
    engine: Annotated[
        Literal["duckdb", "spark"], typer.Option(help="Where to compute.")
    ] = "duckdb",
    html: Annotated[Path | None, typer.Option(help="Write the public HTML page here.")] = None,
    boundaries: Annotated[Path | None, typer.Option(help="GeoJSON of the areas.")] = None,
    boundary_key: Annotated[str | None, typer.Option(help="Area code property.")] = None,
    boundary_name: Annotated[
        str | None, typer.Option(help="Property holding each area's name, for the map.")
    ] = None,
    threshold: Annotated[int, typer.Option(help="Hide counts below this.")] = DEFAULT_THRESHOLD,
    start_year: Annotated[
        int | None, typer.Option(help="Start of the plan (baseline before).")
    ] = None,
    target_year: Annotated[int, typer.Option(help="Year of the target.")] = 2030,
    reduction: Annotated[float, typer.Option(help="Target reduction (0.5 = halve).")] = 0.5,
    resolution: Annotated[int, typer.Option(help="H3 resolution for hot spots.")] = 8,
    data_end: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Last day the data cover (YYYY-MM-DD), if known; periods after it are "
            "partial. Default: found from the data's own dates.",
        ),
    ] = None,
    sample: Annotated[
        bool, typer.Option(help="Use the Philadelphia sample shipped with ovpkit.")
    ] = False,
    lang: Lang = "en",
    as_json: JsonOption = False,
) -> None:
    """Rates, trends, who is affected, concentration, hot spots and the target status.

    Rates per 100,000 need the population of each area and year: ingest a file of
    population by area and year with a mapping that has a "population:" block and
    the same area_level as the incidents (see docs/diagnosis.md, "Mappings"), for
    example ovpkit data ingest municipality_year.csv --mapping
    colombia-municipality-year for Colombian municipalities. Without it, the page
    gives counts only and says how to add rates.
    """
    with use_language(lang):
        output_file(html, option="--html")
    from ovpkit.diagnosis.boundaries import check_boundaries
    from ovpkit.diagnosis.diagnosis import Options, diagnose
    from ovpkit.diagnosis.disclosure import public_dict
    from ovpkit.diagnosis.report import render_html
    from ovpkit.diagnosis.sample import SAMPLE_BOUNDARY_KEY, load_sample, sample_boundaries

    con = open_store(":memory:" if sample else db, read_only=not sample)
    if sample:
        load_sample(con)
        boundaries, boundary_key = (
            boundaries or sample_boundaries(),
            boundary_key or SAMPLE_BOUNDARY_KEY,
        )
    options = Options(source=source, period=period, by_area=by == "area", engine=engine,
                      resolution=resolution, start_year=start_year, target_year=target_year,
                      reduction=reduction, boundaries=boundaries, boundary_key=boundary_key,
                      boundary_name=boundary_name,
                      data_end=data_end.date() if data_end else None)  # fmt: skip
    if boundaries is not None:
        with use_language(lang):
            check_boundaries(boundaries, boundary_key, (), name_key=boundary_name)
    with _spinner() as progress:
        task = progress.add_task(_("diagnosing"), total=None)
        result = diagnose(con, options, progress=_reporter(progress, task))
    origin = _provenance(con, result)
    con.close()
    with use_language(lang):
        if boundaries is not None:
            located = result.polygons is not None and bool(
                result.polygons.by_point or result.polygons.outside
            )
            codes = {r.area for r in result.by_area if r.area}
            check_boundaries(boundaries, boundary_key, codes, located=located)
        if html is not None:
            html.write_text(render_html(result, threshold=threshold, boundaries=boundaries,
                                        boundary_key=boundary_key, boundary_name=boundary_name),
                            encoding="utf-8")  # fmt: skip
        if as_json:
            print_json(public_dict(result, threshold) | {"provenance": origin})
        else:
            _print_summary(result, threshold)
        if html is not None and not as_json:
            console.print(_("HTML diagnosis written to {path}").format(path=html))


def _provenance(con: Any, result: Diagnosis) -> dict[str, Any]:
    """Which files and mappings the diagnosis read, with which ovpkit and when."""
    from ovpkit.diagnosis.store import store_status
    from ovpkit.publish.diagnosis_package import provenance

    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    return provenance(store_status(con, "").files, result.source, now)


def _print_summary(result: Diagnosis, threshold: int) -> None:
    """The terminal summary: the same figures and rules as the page, in few lines."""
    from ovpkit.diagnosis.disclosure import public_dict

    public = public_dict(result, threshold)
    console.print(f"[bold]{result.source}[/] {formats.date(result.first_date)} – "
                  f"{formats.date(result.last_date)}")  # fmt: skip
    table = Table(_("period"), _("victims"), _("fatal"), _("rate /100k"), _("95% interval"))
    for row in public["trend"][-24:]:
        ci = "–" if row["lower"] is None else (
            f"{formats.decimal(row['lower'])}–{formats.decimal(row['upper'])}")  # fmt: skip
        period = row["period"] + (f" ({_('partial')})" if row["partial"] else "")
        rate = formats.decimal(row["rate"])
        table.add_row(period, _shown(row["victims"], threshold),
                      _shown(row["fatal"], threshold), rate, ci)  # fmt: skip
    console.print(table)
    if not result.has_population:
        console.print(_("No population loaded, so no rates: see ovpkit diagnose --help."))
    _print_findings(result)


def _print_findings(result: Diagnosis) -> None:
    from ovpkit.diagnosis.report import STATUS_LABELS, unit_label

    year = formats.year(result.focus_year)
    share = result.affected.young_men_share
    if share is None:
        console.print(_("Young men (15–29) in {y}: not available in this data").format(y=year))
    else:
        console.print(_("Young men (15–29) in {y}: {p} of victims").format(
            y=year, p=formats.percent(share)))  # fmt: skip
    conc = result.concentration or result.hex_concentration
    if conc is not None:
        console.print(_("Top 10% of {places}: {p} of victims in {y}; Gini index {g}").format(
            places=unit_label(conc.unit, conc.places), p=formats.percent(conc.top[2][2]), y=year,
            g=formats.decimal(conc.gini, 2)))  # fmt: skip
    if result.hotspots is not None:
        console.print(_("Hot spots (Gi*, FDR 5%): {n} hexagons").format(
            n=formats.count(len(result.hotspots.hot))))  # fmt: skip
    if result.polygons is not None:
        console.print(_("Hot spots on the areas (Gi*, FDR 5%): {n} of {m}").format(
            n=formats.count(len(result.polygons.hot)),
            m=formats.count(len(result.polygons.spots))))  # fmt: skip
    if result.target is not None:
        status = result.target.status
        years = ", ".join(formats.year(y) for y in result.target.baseline_years)
        console.print(_("Target (baseline {years}): {s}").format(
            years=years, s=_(STATUS_LABELS.get(status, status))))  # fmt: skip


def _shown(value: int | None, threshold: int) -> str:
    from ovpkit.publish.disclosure import MARKER

    return MARKER if value is None else formats.count(value)
