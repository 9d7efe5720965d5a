"""Monitoring commands: the indicator catalogue, an office's records, surveys, reconciliation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.language import Lang
from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.errors import AnswersError
from ovpkit.i18n import N_, _, use_language

if TYPE_CHECKING:  # pandas and SciPy load only when a command runs
    from ovpkit.monitoring.survey import Method

JsonFlag = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
Threshold = Annotated[
    int, typer.Option(help="Show counts from 1 to this minus one as '<N' (0 shows all).")
]


SHEET_FIELDS = {
    "formula": N_("Formula"),
    "numerator": N_("Numerator"),
    "denominator": N_("Denominator"),
    "unit": N_("Unit"),
    "direction": N_("Good when"),
    "periodicity": N_("Periodicity"),
}
SHEET_LISTS = {
    "minimum_variables": N_("Minimum variables"),
    "disaggregations": N_("Disaggregations"),
    "sources": N_("Sources"),
}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _num(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


@app.command()
def indicators(
    sheet_id: Annotated[str | None, typer.Argument(help="One sheet's id, shown in full.")] = None,
    catalogue: Annotated[
        list[Path] | None, typer.Option("--catalogue", help="An office's own sheets (YAML).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The indicator catalogue: technical sheets of the standard citizen-security indicators."""
    from ovpkit.monitoring import load_catalogue
    from ovpkit.monitoring.documents import catalogue_document

    loaded = load_catalogue(*(catalogue or []))
    sheets = catalogue_document(loaded)
    if sheet_id is not None:
        sheets = [s for s in sheets if s["id"] == sheet_id]
        if not sheets:
            raise AnswersError(
                f"there is no indicator sheet '{sheet_id}'",
                hint=f"use one of: {', '.join(loaded.sheets)}",
            )
    if as_json:
        print_json(sheets if sheet_id is None else sheets[0])
        return
    if sheet_id is not None:
        _print_sheet(sheets[0])
        return
    table = Table(title=_("Indicator catalogue"))
    for header in (_("id"), _("Indicator"), _("Unit"), _("Good when"), _("Level")):
        table.add_column(header)
    for s in sheets:
        good = {"lower_is_better": _("lower"), "higher_is_better": _("higher")}.get(
            s["direction"], "–"
        )
        table.add_row(s["id"], s["name"], s["unit"], good, s["level"])
    console.print(table)


def _print_sheet(sheet: dict[str, Any]) -> None:
    console.print(f"[bold]{sheet['name']}[/] ({sheet['id']}, {sheet['origin']})")
    console.print(sheet["definition"])
    for key, label in SHEET_FIELDS.items():
        if sheet.get(key):
            console.print(f"  {_(label)}: {sheet[key]}")
    for key, label in SHEET_LISTS.items():
        console.print(f"  {_(label)}: {', '.join(sheet.get(key, [])) or '–'}")
    for ref in sheet.get("references", []):
        console.print(f'  [dim]"{ref["quote"]}" ({ref["citation"]["section"]})[/]')


@app.command()
def monitor(
    records: Annotated[Path, typer.Argument(help="The office's monitoring records (YAML).")],
    as_of: Annotated[
        str | None, typer.Option(help="Judge reviews as of this date (YYYY-MM-DD).")
    ] = None,
    html: Annotated[Path | None, typer.Option(help="Also write an HTML page here.")] = None,
    lang: Lang = "en",
    as_json: JsonFlag = False,
) -> None:
    """Indicators against baseline and target, programs, budget, staffing and coverage."""
    when = _date(as_of)
    from ovpkit.monitoring import load_records, summarise
    from ovpkit.monitoring.documents import summary_document

    summary = summarise(load_records(records), as_of=when)
    with use_language(lang):
        _report(summary_document(summary), html, as_json=as_json)


def _report(document: dict[str, Any], html: Path | None, *, as_json: bool) -> None:
    if html is not None:
        from ovpkit.monitoring.html import render_summary_html

        html.write_text(render_summary_html(document), encoding="utf-8")
    if as_json:
        print_json(document)
        return
    _print_summary(document)
    if html is not None:
        console.print(_("HTML page written to {path}").format(path=html))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(
            f"'{value}' is not a date", field="--as-of", hint="write it as YYYY-MM-DD"
        ) from None


def _print_summary(doc: dict[str, Any]) -> None:
    as_of = _("as of {date}").format(date=doc["as_of"])
    console.print(f"[bold]{doc['office']}[/]  [dim]{as_of}[/]")
    if doc["illustrative"]:
        warning = _("Illustrative values: not the office real figures.")
        console.print(f"[yellow]{warning}[/]")
    table = Table(title=_("Indicators"))
    for header in (_("Indicator"), _("Baseline"), _("Latest"), _("Target"), _("Status")):
        table.add_column(header)
    for i in doc["indicators"]:
        cells = [
            f"{_num(d['value'])} ({d['year'] or '–'})"
            for d in (i["baseline"], i["latest"], i["target"])
        ]
        table.add_row(i["name"], *cells, i["status_label"])
    console.print(table)
    programs = doc["programs"]
    levels = ", ".join(f"{k} {v}" for k, v in programs["by_level"].items())
    stages = ", ".join(f"{k} {v}" for k, v in programs["by_stage"].items())
    heading = _("Programs")
    line = _("{levels}; {stages}; START UP reviews overdue: {overdue}").format(
        levels=levels, stages=stages, overdue=programs["reviews_overdue"]
    )
    console.print(f"[bold]{heading}[/]: {line}")
    _print_budget(doc["budget"])
    _print_staffing(doc["staffing"])
    _print_coverage(doc["coverage"])


def _print_staffing(staff: dict[str, Any]) -> None:
    heading = _("Staffing")
    line = _(
        "{positions} positions, {fte} FTE; stable contracts {stable}; "
        "data and evaluation {data} (guide {guide})"
    ).format(
        positions=staff["positions"],
        fte=_num(staff["fte"]),
        stable=_pct(staff["stable_contract_share"]),
        data=_pct(staff["data_evaluation_share"]),
        guide=_pct(staff["guide"]),
    )
    console.print(f"[bold]{heading}[/]: {line}")


def _print_coverage(audits: list[dict[str, Any]]) -> None:
    heading = _("Coverage")
    for audit in audits:
        for d in audit["dimensions"]:
            line = _("{audit} / {dimension}: {verdict} (gap {gap}; under-reached: {under})").format(
                audit=audit["id"],
                dimension=d["dimension"],
                verdict=d["verdict_label"],
                gap=_pct(d["gap"]),
                under=", ".join(d["under_reached"]) or "–",
            )
            console.print(f"[bold]{heading}[/] {line}")


def _print_budget(budget: dict[str, Any]) -> None:
    heading = _("Budget")
    if not budget["years"]:
        console.print(f"[bold]{heading}[/]: –")
        return
    last = budget["years"][-1]
    top = last["sources"][0]
    line = _(
        "{year}: {total} {currency}; largest source {source} {share}; "
        "effective sources {effective} ({concentration}); core {core}; trend {trend}; "
        "legal safeguard {safeguard}"
    ).format(
        year=last["year"],
        total=_num(last["total"]),
        currency=budget["currency"],
        source=top["source"],
        share=_pct(top["share"]),
        effective=_num(last["effective_sources"]),
        concentration=budget["concentration"],
        core=_pct(last["core_share"]),
        trend=budget["trend"],
        safeguard=_("yes") if budget["legal_safeguard"] else _("no"),
    )
    console.print(f"[bold]{heading}[/] {line}")


@app.command()
def reconcile(
    source_a: Annotated[str, typer.Argument(help="Source A: a file or a quoted glob pattern.")],
    source_b: Annotated[str, typer.Argument(help="Source B: a file or a quoted glob pattern.")],
    a_source: Annotated[
        str, typer.Option(help="How to read A: table, philadelphia-homicide-totals or a mapping.")
    ] = "table",
    b_source: Annotated[str, typer.Option(help="How to read B (same choices).")] = "table",
    by: Annotated[str, typer.Option(help="Area column of a table; 'none' for city totals.")] = (
        "area"
    ),
    period: Annotated[
        str, typer.Option(help="Period column of a table, or year/quarter/month.")
    ] = "year",
    count: Annotated[str, typer.Option(help="Count column of a table.")] = "count",
    a_fatal: Annotated[bool, typer.Option(help="Keep only fatal incidents of A.")] = False,
    b_fatal: Annotated[bool, typer.Option(help="Keep only fatal incidents of B.")] = False,
    tolerance: Annotated[float, typer.Option(help="Relative gap allowed (0.05 = 5%).")] = 0.05,
    min_difference: Annotated[int, typer.Option(help="Absolute difference allowed.")] = 0,
    show: Annotated[
        int, typer.Option(help="List the largest gaps, at most this many (0: all).")
    ] = 15,
    threshold: Threshold = DEFAULT_THRESHOLD,
    as_json: JsonFlag = False,
) -> None:
    """Compare two sources of the same events by area and period; flag the gaps."""
    from ovpkit.monitoring.documents import reconciliation_document
    from ovpkit.monitoring.reconciliation import reconcile as reconcile_sources
    from ovpkit.monitoring.sources import SourceSpec, expand, read_counts

    area = None if by.lower() == "none" else by
    specs = [
        SourceSpec(expand(pattern), reader, area, period, count, fatal)
        for pattern, reader, fatal in ((source_a, a_source, a_fatal), (source_b, b_source, b_fatal))
    ]
    result = reconcile_sources(
        read_counts(specs[0]),
        read_counts(specs[1]),
        names=(specs[0].name, specs[1].name),
        tolerance=tolerance,
        min_difference=min_difference,
    )
    document = reconciliation_document(result, threshold=threshold, limit=show or None)
    if as_json:
        print_json(document)
        return
    _print_reconciliation(document)


def _print_reconciliation(doc: dict[str, Any]) -> None:
    table = Table(title=f"A = {doc['source_a']}   B = {doc['source_b']}")
    for header in (
        _("Period"),
        "A",
        "B",
        "B − A",
        _("relative"),
        _("areas A/B"),
        _("only in A"),
        _("only in B"),
        _("gaps"),
    ):
        table.add_column(header, justify="right")
    for p in doc["periods"]:
        table.add_row(
            p["period"],
            _num(p["a"]),
            _num(p["b"]),
            _num(p["difference"]),
            _pct(p["relative"]),
            f"{p['areas_a']}/{p['areas_b']}",
            str(p["only_in_a"]),
            str(p["only_in_b"]),
            str(p["gaps"]),
        )
    console.print(table)
    for side, periods in (("A", doc["periods_only_in_a"]), ("B", doc["periods_only_in_b"])):
        if periods:
            note = _("Periods only in {side}: {periods}").format(
                side=side, periods=", ".join(periods)
            )
            console.print(f"[dim]{note}[/]")
    if not doc["gaps"]:
        console.print(_("No gaps beyond the tolerance."))
        return
    gaps = Table(title=_("Largest gaps ({n} in all)").format(n=doc["gap_cells"]))
    for header in (_("Area"), _("Period"), "A", "B", "B − A", _("Status")):
        gaps.add_column(header)
    for c in doc["gaps"]:
        gaps.add_row(
            c["area"], c["period"], _num(c["a"]), _num(c["b"]), _num(c["difference"]), c["status"]
        )
    console.print(gaps)


@app.command()
def survey(
    file: Annotated[Path, typer.Argument(help="Survey microdata: CSV, Parquet or Excel.")],
    outcome: Annotated[str, typer.Option(help="The answer column.")],
    weight: Annotated[str, typer.Option(help="The survey weight column.")],
    by: Annotated[str | None, typer.Option(help="Area column, for estimates by area.")] = None,
    strata: Annotated[str | None, typer.Option(help="Stratum column of the design.")] = None,
    psu: Annotated[str | None, typer.Option(help="Primary sampling unit column.")] = None,
    yes: Annotated[
        str | None, typer.Option(help="Answers that count as yes, comma-separated.")
    ] = None,
    method: Annotated[str, typer.Option(help="linearisation or kish.")] = "linearisation",
    confidence: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    threshold: Threshold = DEFAULT_THRESHOLD,
    as_json: JsonFlag = False,
) -> None:
    """Weighted share answering yes (e.g. feeling unsafe), with confidence intervals by area."""
    if method not in ("linearisation", "kish"):
        raise AnswersError(f"unknown method '{method}'", hint="use linearisation or kish")
    from ovpkit.monitoring.documents import survey_document
    from ovpkit.monitoring.sources import read_table
    from ovpkit.monitoring.survey import weighted_proportions

    chosen: Method = "kish" if method == "kish" else "linearisation"
    estimate = weighted_proportions(
        read_table(file),
        outcome=outcome,
        weight=weight,
        area=by,
        strata=strata,
        psu=psu,
        yes=tuple(yes.split(",")) if yes else None,
        method=chosen,
        confidence=confidence,
        threshold=threshold,
        file=str(file),
    )
    document = survey_document(estimate, threshold=threshold)
    if as_json:
        print_json(document)
        return
    table = Table(title=_("Weighted share: {outcome}").format(outcome=outcome))
    for header in (
        _("Area"),
        _("Respondents"),
        _("Share"),
        _("{level} interval").format(level=_pct(confidence)),
        _("Effective n"),
    ):
        table.add_column(header)
    for a in [document["overall"], *document["areas"]]:
        if a["suppressed"]:
            table.add_row(a["area"], _num(a["respondents"]), _("suppressed"), "", "")
            continue
        interval = f"{_pct(a['lower'])} – {_pct(a['upper'])}"
        table.add_row(
            a["area"],
            _num(a["respondents"]),
            _pct(a["estimate"]),
            interval,
            f"{a['effective_n']:.0f}",
        )
    console.print(table)
