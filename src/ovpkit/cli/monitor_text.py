"""What the monitoring commands print: codes as words, numbers in the reader's language.

The documents keep codes and raw numbers (they are also the ``--json`` output);
everything here goes through :mod:`ovpkit.monitoring.words` and :mod:`ovpkit.formats`.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from ovpkit import formats
from ovpkit.cli.app import console
from ovpkit.cli.tables import id_column, number_column, text_column, text_columns
from ovpkit.i18n import N_, _
from ovpkit.monitoring.words import word

__all__ = [
    "console",
    "print_catalogue",
    "print_reconciliation",
    "print_sheet",
    "print_summary",
    "print_survey",
]

SHEET_FIELDS = {
    "formula": N_("Formula"),
    "numerator": N_("Numerator"),
    "denominator": N_("Denominator"),
    "unit": N_("Unit"),
    "direction": N_("Good when"),
    "periodicity": N_("Periodicity"),
}
SHEET_CODES = {"unit": "unit", "direction": "direction"}
SHEET_LISTS = {
    "minimum_variables": N_("Minimum variables"),
    "disaggregations": N_("Disaggregations"),
    "sources": N_("Sources"),
}
#: the area name surveys and reconciliations use for the whole city
WHOLE = "all"


def value(v: Any) -> str:
    """A figure as read: a suppressed count ("<5") stays as it is."""
    return v if isinstance(v, str) else formats.number(v)


def area(name: str) -> str:
    return _("all areas") if name == WHOLE else name


def print_catalogue(sheets: list[dict[str, Any]]) -> None:
    table = Table(title=_("Indicator catalogue"))
    id_column(table, _("id"), [s["id"] for s in sheets])
    text_columns(table, _("Indicator"), _("Unit"), _("Good when"), _("Level"))
    for s in sheets:
        table.add_row(
            s["id"],
            s["name"],
            word("unit", s["unit"]),
            word("direction", s["direction"]),
            word("indicator_level", s["level"]),
        )
    console.print(table)


def print_sheet(sheet: dict[str, Any]) -> None:
    """One sheet in full; the report's quotes stay English, with their section translated."""
    from ovpkit.monitoring.documents import ORIGIN_LABELS

    origin = _(ORIGIN_LABELS[sheet["origin"]])
    console.print(f"[bold]{escape(sheet['name'])}[/] ({sheet['id']}, {origin})")
    console.print(escape(sheet["definition"]))
    for key, label in SHEET_FIELDS.items():
        if sheet.get(key):
            shown = word(SHEET_CODES[key], sheet[key]) if key in SHEET_CODES else sheet[key]
            console.print(f"  {_(label)}: {shown}")
    for key, label in SHEET_LISTS.items():
        console.print(f"  {_(label)}: {', '.join(sheet.get(key, [])) or '–'}")
    for ref in sheet.get("references", []):
        where = _section(ref["citation"])
        console.print(f'  [dim]"{escape(ref["quote"])}" ({escape(where)})[/]')


def _section(citation: dict[str, Any]) -> str:
    """A citation as a reader finds it: the section's title, not its key."""
    from ovpkit.knowledge.sections import SECTION_TITLES
    from ovpkit.knowledge.translated import source_label

    title = SECTION_TITLES.get(citation["section"])
    if title is None:  # an office's own sheet may cite a place ovpkit does not know
        return str(citation["section"])
    return source_label(title, citation.get("endnote"))


def print_summary(doc: dict[str, Any]) -> None:
    as_of = _("as of {date}").format(date=formats.date(doc["as_of"]))
    console.print(f"[bold]{escape(doc['office'])}[/]  [dim]{as_of}[/]")
    if doc["illustrative"]:
        warning = _("Illustrative values: not the office real figures.")
        console.print(f"[yellow]{warning}[/]")
    _print_indicators(doc["indicators"])
    _print_programs(doc["programs"])
    _print_budget(doc["budget"])
    _print_staffing(doc["staffing"])
    _print_coverage(doc["coverage"])


def _print_indicators(indicators: list[dict[str, Any]]) -> None:
    table = Table(title=_("Indicators"))
    text_columns(table, _("Indicator"), _("Baseline"), _("Latest"), _("Target"), _("Status"))
    for i in indicators:
        cells = [
            f"{value(d['value'])} ({formats.year(d['year'])})"
            for d in (i["baseline"], i["latest"], i["target"])
        ]
        table.add_row(i["name"], *cells, i["status_label"])
    console.print(table)


def _print_programs(programs: dict[str, Any]) -> None:
    levels = ", ".join(f"{word('level', k)} {v}" for k, v in programs["by_level"].items())
    stages = ", ".join(f"{word('stage', k)} {v}" for k, v in programs["by_stage"].items())
    heading = _("Programs")
    line = _("{levels}; {stages}; START UP reviews overdue: {overdue}").format(
        levels=levels, stages=stages, overdue=formats.count(programs["reviews_overdue"])
    )
    console.print(f"[bold]{heading}[/]: {line}")


def _print_staffing(staff: dict[str, Any]) -> None:
    heading = _("Staffing")
    line = _(
        "{positions} positions, {fte} FTE; stable contracts {stable}; "
        "data and evaluation {data} (guide {guide})"
    ).format(
        positions=formats.count(staff["positions"]),
        fte=formats.number(staff["fte"], places=1),
        stable=formats.percent(staff["stable_contract_share"]),
        data=formats.percent(staff["data_evaluation_share"]),
        guide=formats.percent(staff["guide"]),
    )
    console.print(f"[bold]{heading}[/]: {line}")


def _print_coverage(audits: list[dict[str, Any]]) -> None:
    from ovpkit.monitoring.words import group_word

    heading = _("Coverage")
    for audit in audits:
        for d in audit["dimensions"]:
            under = [group_word(d["dimension"], g) for g in d["under_reached"]]
            line = _("{audit} / {dimension}: {verdict} (gap {gap}; under-reached: {under})").format(
                audit=audit["id"],
                dimension=word("dimension", d["dimension"]),
                verdict=d["verdict_label"],
                gap=formats.percent(d["gap"]),
                under=", ".join(under) or "–",
            )
            console.print(f"[bold]{heading}[/] {escape(line)}")


def _print_budget(budget: dict[str, Any]) -> None:
    heading = _("Budget")
    if not budget["years"]:
        console.print(f"[bold]{heading}[/]: –")
        return
    last = budget["years"][-1]
    top = last["sources"][0]
    line = _(
        "{year}: {total}; largest source {source} {share}; "
        "effective sources {effective} ({concentration}); core {core}; trend {trend}; "
        "legal safeguard {safeguard}"
    ).format(
        year=formats.year(last["year"]),
        total=formats.money(last["total"], budget["currency"]),
        source=word("source", top["source"]),
        share=formats.percent(top["share"]),
        effective=formats.decimal(last["effective_sources"], 1),
        concentration=word("concentration", budget["concentration"]),
        core=formats.percent(last["core_share"]),
        trend=word("trend", budget["trend"]),
        safeguard=_("yes") if budget["legal_safeguard"] else _("no"),
    )
    console.print(f"[bold]{heading}[/] {line}")


def print_reconciliation(doc: dict[str, Any], *, sample: bool = False) -> None:
    if sample:
        note = _(
            "Shipped sample: Philadelphia Police homicide totals (A) against fatal "
            "shootings (B). They do not count the same events: homicides include killings "
            "by other means."
        )
        console.print(f"[dim]{note}[/]")
    _print_periods(doc)
    for side, periods in (("A", doc["periods_only_in_a"]), ("B", doc["periods_only_in_b"])):
        if periods:
            note = _("Periods only in {side}: {periods}").format(
                side=side, periods=", ".join(periods)
            )
            console.print(f"[dim]{note}[/]")
    if not doc["gaps"]:
        console.print(_("No gaps beyond the tolerance."))
        return
    _print_gaps(doc)


def _print_periods(doc: dict[str, Any]) -> None:
    table = Table(title=f"A = {escape(doc['source_a'])}   B = {escape(doc['source_b'])}")
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
        number_column(table, header)
    for p in doc["periods"]:
        table.add_row(
            p["period"],
            value(p["a"]),
            value(p["b"]),
            value(p["difference"]),
            formats.signed_percent(p["relative"]),
            f"{formats.count(p['areas_a'])}/{formats.count(p['areas_b'])}",
            formats.count(p["only_in_a"]),
            formats.count(p["only_in_b"]),
            formats.count(p["gaps"]),
        )
    console.print(table)


def _print_gaps(doc: dict[str, Any]) -> None:
    gaps = Table(title=_("Largest gaps ({n} in all)").format(n=formats.count(doc["gap_cells"])))
    id_column(gaps, _("Area"), [area(c["area"]) for c in doc["gaps"]])
    text_column(gaps, _("Period"))
    for header in ("A", "B", "B − A"):
        number_column(gaps, header)
    text_column(gaps, _("Status"))
    for c in doc["gaps"]:
        gaps.add_row(
            area(c["area"]),
            c["period"],
            value(c["a"]),
            value(c["b"]),
            value(c["difference"]),
            word("cell_status", c["status"]),
        )
    console.print(gaps)


def print_survey(doc: dict[str, Any], confidence: float, *, sample: bool = False) -> None:
    if sample:
        note = _("Synthetic sample shipped with ovpkit: simulated answers, not a real survey.")
        console.print(f"[yellow]{note}[/]")
    table = Table(title=_("Weighted share: {outcome}").format(outcome=doc["outcome"]))
    rows = [doc["overall"], *doc["areas"]]
    id_column(table, _("Area"), [area(a["area"]) for a in rows])
    number_column(table, _("Respondents"))
    number_column(table, _("Share"))
    number_column(table, _("{level} interval").format(level=formats.percent(confidence)))
    number_column(table, _("Effective n"))
    for a in rows:
        if a["suppressed"]:
            table.add_row(area(a["area"]), value(a["respondents"]), _("suppressed"), "", "")
            continue
        interval = f"{formats.percent(a['lower'])} – {formats.percent(a['upper'])}"
        table.add_row(
            area(a["area"]),
            value(a["respondents"]),
            formats.percent(a["estimate"]),
            interval,
            formats.count(a["effective_n"]),
        )
    console.print(table)
    _print_survey_notes(doc, rows)


def _print_survey_notes(doc: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    if doc["dropped_without_answer"]:
        note = _("{n} rows without an answer were left out.").format(
            n=formats.count(doc["dropped_without_answer"])
        )
        console.print(f"[dim]{note}[/]")
    shaky = [area(a["area"]) for a in rows if not a["suppressed"] and a["reliable"] is False]
    if shaky:
        note = _(
            "Effective sample size under 30 in: {areas}; these shares are unreliable. "
            "Pool two survey years or merge small areas."
        ).format(areas=", ".join(shaky))
        console.print(f"[yellow]{note}[/]")
