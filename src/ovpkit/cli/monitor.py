"""Monitoring commands: the indicator catalogue, an office's records, surveys, reconciliation."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ovpkit.cli import monitor_text as text
from ovpkit.cli.app import JSON_HELP, app, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_file
from ovpkit.cli.progress import working
from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.errors import AnswersError, OvpkitError
from ovpkit.i18n import _, use_language

if TYPE_CHECKING:  # pandas and SciPy load only when a command runs
    from ovpkit.monitoring.sources import SourceSpec
    from ovpkit.monitoring.survey import Method

JsonFlag = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
Threshold = Annotated[
    int, typer.Option(help="Show counts from 1 to this minus one as '<N' (0 shows all).")
]


@app.command()
def indicators(
    sheet_id: Annotated[str | None, typer.Argument(help="One sheet's id, shown in full.")] = None,
    catalogue: Annotated[
        list[Path] | None, typer.Option("--catalogue", help="An office's own sheets (YAML).")
    ] = None,
    lang: Lang = "en",
    as_json: JsonFlag = False,
) -> None:
    """The indicator catalogue: technical sheets of the standard citizen-security indicators."""
    from ovpkit.monitoring import load_catalogue
    from ovpkit.monitoring.documents import catalogue_document

    with use_language(lang):
        loaded = load_catalogue(*(catalogue or []))
        sheets = catalogue_document(loaded)
        if sheet_id is not None:
            sheets = [s for s in sheets if s["id"] == sheet_id]
            if not sheets:
                raise AnswersError(
                    _("there is no indicator sheet '{id}'").format(id=sheet_id),
                    hint=_("use one of: {ids}").format(ids=", ".join(loaded.sheets)),
                )
        if as_json:
            print_json(sheets if sheet_id is None else sheets[0])
        elif sheet_id is not None:
            text.print_sheet(sheets[0])
        else:
            text.print_catalogue(sheets)


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
    with use_language(lang):
        output_file(html, option="--html")
        when = _date(as_of)
        from ovpkit.monitoring import load_records, summarise
        from ovpkit.monitoring.documents import summary_document

        summary = summarise(load_records(records), as_of=when)
        _report(summary_document(summary), html, as_json=as_json)


def _report(document: dict[str, Any], html: Path | None, *, as_json: bool) -> None:
    if html is not None:
        from ovpkit.monitoring.html import render_summary_html

        html.write_text(render_summary_html(document), encoding="utf-8")
    if as_json:
        print_json(document)
        return
    text.print_summary(document)
    if html is not None:
        text.console.print(_("HTML page written to {path}").format(path=html))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(
            _("'{value}' is not a date").format(value=value),
            field="--as-of",
            hint=_("write it as YYYY-MM-DD"),
        ) from None


@app.command()
def reconcile(
    source_a: Annotated[
        str | None, typer.Argument(help="Source A: a file or a quoted glob pattern.")
    ] = None,
    source_b: Annotated[
        str | None, typer.Argument(help="Source B: a file or a quoted glob pattern.")
    ] = None,
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
    sample: Annotated[
        bool,
        typer.Option(
            help="Compare the shipped Philadelphia pair: police homicide totals (A) "
            "against fatal shootings (B), city-wide by year."
        ),
    ] = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    lang: Lang = "en",
    as_json: JsonFlag = False,
) -> None:
    """Compare two sources of the same events by area and period; flag the gaps."""
    from ovpkit.monitoring.documents import reconciliation_document
    from ovpkit.monitoring.reconciliation import reconcile as reconcile_sources
    from ovpkit.monitoring.sources import SourceSpec, expand, read_counts

    with use_language(lang):
        if sample:
            specs = _sample_specs()
        else:
            a, b = _two_sources(source_a, source_b)
            area = None if by.lower() == "none" else by
            specs = [
                SourceSpec(expand(pattern), reader, area, period, count, fatal)
                for pattern, reader, fatal in ((a, a_source, a_fatal), (b, b_source, b_fatal))
            ]
        with working(_("Reading and comparing the two sources..."), quiet=as_json):
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
        else:
            text.print_reconciliation(document, sample=sample)


def _two_sources(a: str | None, b: str | None) -> tuple[str, str]:
    if a is None or b is None:
        raise OvpkitError(
            _("reconcile needs two sources, A and B"),
            hint=_("give two files (ovpkit reconcile A B) or try the shipped pair with --sample"),
        )
    return a, b


def _sample_specs() -> list[SourceSpec]:
    from ovpkit.monitoring import sample_files as samples
    from ovpkit.monitoring.sources import SourceSpec

    return [
        SourceSpec((samples.homicide_totals_sample(),), samples.HOMICIDE_TOTALS_READER, None),
        SourceSpec((samples.shootings_sample(),), samples.SHOOTINGS_READER, None, fatal_only=True),
    ]


@app.command()
def survey(
    file: Annotated[
        Path | None, typer.Argument(help="Survey microdata: CSV, Parquet or Excel.")
    ] = None,
    outcome: Annotated[str | None, typer.Option(help="The answer column.")] = None,
    weight: Annotated[str | None, typer.Option(help="The survey weight column.")] = None,
    by: Annotated[str | None, typer.Option(help="Area column, for estimates by area.")] = None,
    strata: Annotated[str | None, typer.Option(help="Stratum column of the design.")] = None,
    psu: Annotated[str | None, typer.Option(help="Primary sampling unit column.")] = None,
    yes: Annotated[
        str | None, typer.Option(help="Answers that count as yes, comma-separated.")
    ] = None,
    method: Annotated[str, typer.Option(help="linearisation or kish.")] = "linearisation",
    confidence: Annotated[float, typer.Option(help="Confidence level.")] = 0.95,
    sample: Annotated[
        bool,
        typer.Option(help="Use the SYNTHETIC survey shipped with ovpkit (not real answers)."),
    ] = False,
    threshold: Threshold = DEFAULT_THRESHOLD,
    lang: Lang = "en",
    as_json: JsonFlag = False,
) -> None:
    """Weighted share answering yes (e.g. feeling unsafe), with confidence intervals by area."""
    from ovpkit.monitoring.documents import survey_document
    from ovpkit.monitoring.sources import read_table
    from ovpkit.monitoring.survey import weighted_proportions

    with use_language(lang):
        chosen = _method(method)
        given = {"outcome": outcome, "weight": weight, "by": by, "strata": strata, "psu": psu}
        given["yes"] = yes
        path, columns = _survey_input(file, given, sample=sample)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # unreliable areas: said in the table
            estimate = weighted_proportions(
                read_table(path),
                outcome=columns["outcome"] or "",
                weight=columns["weight"] or "",
                area=columns["by"],
                strata=columns["strata"],
                psu=columns["psu"],
                yes=tuple(columns["yes"].split(",")) if columns["yes"] else None,
                method=chosen,
                confidence=confidence,
                threshold=threshold,
                file=str(path),
            )
        document = survey_document(estimate, threshold=threshold)
        if as_json:
            print_json(document | {"synthetic": sample})
        else:
            text.print_survey(document, confidence, sample=sample)


def _method(method: str) -> Method:
    if method not in ("linearisation", "kish"):
        raise AnswersError(
            _("unknown method '{method}'").format(method=method),
            field="--method",
            hint=_("use linearisation or kish"),
        )
    return "kish" if method == "kish" else "linearisation"


def _survey_input(
    file: Path | None, given: dict[str, str | None], *, sample: bool
) -> tuple[Path, dict[str, str | None]]:
    """The file and its columns; ``--sample`` fills what the user did not give."""
    if sample:
        from ovpkit.monitoring.sample_files import SURVEY_COLUMNS, survey_sample

        return survey_sample(), {k: v or SURVEY_COLUMNS[k] for k, v in given.items()}
    missing = [f"--{k}" for k in ("outcome", "weight") if not given[k]]
    if file is None or missing:
        what = [_("the survey file")] if file is None else []
        raise OvpkitError(
            _("survey needs {what}").format(what=", ".join(what + missing)),
            hint=_(
                "for example: ovpkit survey answers.csv --outcome feels_unsafe --weight w; "
                "or try the shipped synthetic survey with --sample"
            ),
        )
    return file, given
