"""Reading back what was set aside, in words a data officer can act on."""

from __future__ import annotations

import duckdb

from ovpkit.diagnosis.ingestion import IngestReport
from ovpkit.i18n import _


def set_aside_report(report: IngestReport) -> str:
    """A plain-text account of one ingestion: the balance, then each kind of problem."""
    lines = [_balance(report)]
    if report.already_ingested:
        lines.append(_("  already ingested (same file and mapping): nothing was added"))
    if report.population_rows:
        lines.append(_("  {n} population rows loaded").format(n=report.population_rows))
    for item in report.set_aside:
        rows = ", ".join(str(r) for r in item.examples)
        more = "" if item.rows <= len(item.examples) else ", ..."
        where = _("whole row") if item.field == "*" else _("field '{f}'").format(f=item.field)
        lines.append(
            _("  {n} {table} rows set aside, {where}: {reason} (rows {rows}{more})").format(
                n=item.rows, table=item.table, where=where, reason=item.reason, rows=rows, more=more
            )
        )
    return "\n".join(lines)


def _balance(report: IngestReport) -> str:
    """Rows in = loaded + set aside, in source rows; unpacked files also say what they gave."""
    if report.rows_loaded is None:
        text = _(
            "{file} ({mapping}): {rows_in} rows in = {loaded} loaded + {quarantined} set aside"
        )
    else:
        text = _(
            "{file} ({mapping}): {rows_in} rows in = {rows_loaded} unpacked + {quarantined} set "
            "aside; {loaded} rows loaded, one per kept participant"
        )
    return text.format(
        file=report.file,
        mapping=report.mapping,
        rows_in=report.rows_in,
        rows_loaded=report.rows_loaded,
        loaded=report.loaded,
        quarantined=report.quarantined,
    )


def quarantined_rows(
    con: duckdb.DuckDBPyConnection, file: str | None = None, limit: int = 50
) -> list[dict[str, object]]:
    """The set-aside rows themselves (file, row, field, value, reason, whole raw row)."""
    where = "WHERE file = ?" if file else ""
    params = [file] if file else []
    cursor = con.execute(
        f'SELECT file, "table", "row", field, "value", reason, raw FROM quarantine {where} '
        f'ORDER BY file, "row", field LIMIT {int(limit)}',
        params,
    )
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
