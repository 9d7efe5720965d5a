"""Set-aside rows: finding them, keeping them, and telling a data officer about them.

A row that cannot be read is never dropped: its problems (field, value, reason)
go to the ``quarantine`` table with the whole raw row, and the ingest report
says how many rows were set aside and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from ovpkit.diagnosis.parsers import literal
from ovpkit.diagnosis.reasons import EXCLUDED, reason_text
from ovpkit.diagnosis.staging import Columns
from ovpkit.errors import DataError
from ovpkit.i18n import N_, _, ngettext
from ovpkit.validation_messages import shown

#: The tables a set-aside row was meant for, as the ingest report names them.
TABLE_LABELS = {"incidents": N_("incidents"), "population": N_("population")}


@dataclass(frozen=True)
class SetAside:
    """One kind of problem: how many rows had it, and a few row numbers to look at."""

    table: str
    field: str
    reason: str
    rows: int
    examples: tuple[int, ...]


@dataclass(frozen=True)
class IngestReport:
    """What happened to every row of one file."""

    file: str
    file_hash: str
    source: str
    mapping: str
    rows_in: int
    loaded: int
    quarantined: int
    population_rows: int
    already_ingested: bool
    set_aside: tuple[SetAside, ...]
    rows_loaded: int | None = None
    duplicates: int = 0  # rows that copy an earlier row exactly (loaded or set aside)
    duplicates_kept: bool = True
    population_only: bool = False  # a mapping with only a population block

    @property
    def unpacked(self) -> bool:
        """True when source rows were unpacked into one loaded row per participant."""
        return self.rows_loaded is not None

    @property
    def balanced(self) -> bool:
        """Source rows in = source rows loaded + source rows set aside.

        Without unpacking a loaded row is a source row. With it, ``loaded``
        counts participants and ``rows_loaded`` the source rows they came from.
        """
        used = self.loaded if self.rows_loaded is None else self.rows_loaded
        return self.rows_in == used + self.quarantined


def keep_problems(
    con: duckdb.DuckDBPyConnection, parsed: str, table: str, fields: list[tuple[str, str]]
) -> str:
    """Keep the rows of ``parsed`` with a problem (usually few); return their long form.

    One pass over the file; the loaded rows are written later straight from the view.
    ``fields`` pairs each problem column with the field name the quarantine shows.
    """
    kept = ", ".join(["_row", "_gate", *(f"p_{f}, r_{f}" for f, _label in fields)])
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _bad_{table} AS SELECT {kept} FROM {parsed} WHERE _check"
    )
    return _problem_sql(f"_bad_{table}", table, fields)


def _problem_sql(parsed: str, table: str, fields: list[tuple[str, str]]) -> str:
    """Long form of the problems: one row per (source row, field, reason)."""
    gate = (
        f"SELECT _row, '{table}' AS tbl, '*' AS field, NULL AS value, _gate AS reason "
        f"FROM {parsed} WHERE _gate IS NOT NULL"
    )
    per_field = [
        f"SELECT _row, '{table}', {literal(label)}, r_{f}, p_{f} FROM {parsed} "
        f"WHERE p_{f} IS NOT NULL"
        for f, label in fields
    ]
    return " UNION ALL ".join([gate, *per_field])


def refuse_if_unusable(
    con: duckdb.DuckDBPyConnection, path: Path, rows_in: int, table: str, strict: bool, share: float
) -> None:
    """Refuse the file when too many rows cannot be read (any, in strict mode).

    Rows the mapping itself leaves out (``exclude:`` rules, source rows without
    a kept participant) are set aside but are not unreadable: they do not count.
    """
    unreadable = f"tbl = '{table}' AND reason NOT LIKE '{EXCLUDED}%'"
    bad = _count(con, f"SELECT COUNT(DISTINCT _row) FROM _problems WHERE {unreadable}")
    if bad == 0 or (not strict and bad <= share * rows_in):
        return
    row, field, value, reason = con.execute(
        f"SELECT _row, field, value, reason FROM _problems WHERE {unreadable} "
        "ORDER BY _row, field LIMIT 1"
    ).fetchone() or (None, None, None, None)
    first = reason_text(str(reason))
    if value is not None:
        first = _("{reason} (value {value})").format(reason=first, value=shown(str(value)))
    if strict:
        why = ngettext(
            "{bad} of {n} row cannot be read and strict mode is on",
            "{bad} of {n} rows cannot be read and strict mode is on",
            rows_in,
        )
        hint = _("fix these rows, or ingest without --strict to set them aside")
    else:
        why = ngettext(
            "{bad} of {n} row cannot be read, too many to set aside",
            "{bad} of {n} rows cannot be read, too many to set aside",
            rows_in,
        )
        hint = _("the mapping probably does not fit this file: check column names and date formats")
    message = first + "; " + why.format(bad=bad, n=rows_in)
    raise DataError(message, file=path, record=row, field=field, hint=hint)


def write_quarantine(
    con: duckdb.DuckDBPyConnection, path: Path, digest: str, source: str, columns: Columns
) -> None:
    con.execute(f"DELETE FROM quarantine WHERE source = {source} AND file = ?", [path.name])
    con.execute(
        f"INSERT INTO quarantine SELECT {source}, ?, ?, p.tbl, p._row, p.field, p.value, "
        "p.reason, s._raw FROM _problems p JOIN (SELECT _row, "
        f"{columns.raw_json()} AS _raw FROM _staging "
        "WHERE _row IN (SELECT _row FROM _problems)) s USING (_row)",
        [path.name, digest],
    )


def summarise(
    con: duckdb.DuckDBPyConnection, table: str, examples: int = 5
) -> tuple[SetAside, ...]:
    """Problems grouped by (table, field, reason), largest first, with example rows."""
    rows = con.execute(
        f"SELECT tbl, field, reason, COUNT(DISTINCT _row) AS n, "
        f"LIST(DISTINCT _row ORDER BY _row)[1:{examples}] FROM {table} "
        "GROUP BY tbl, field, reason ORDER BY n DESC, tbl, field, reason"
    ).fetchall()
    return tuple(SetAside(t, f, r, int(n), tuple(int(x) for x in ex)) for t, f, r, n, ex in rows)


def set_aside_report(report: IngestReport) -> str:
    """A plain-text account of one ingestion: the balance, then each kind of problem."""
    lines = [_balance(report)]
    if report.already_ingested:
        lines.append(_("  already ingested (same file and mapping): nothing was added"))
    if report.population_rows:
        lines.append(_("  {n} population rows loaded").format(n=report.population_rows))
    if report.duplicates:
        lines.append(_duplicates_line(report))
    for item in report.set_aside:
        rows = ", ".join(str(r) for r in item.examples)
        more = "" if item.rows <= len(item.examples) else ", ..."
        where = _("whole row") if item.field == "*" else _("field '{f}'").format(f=item.field)
        lines.append(
            _("  {n} {table} rows set aside, {where}: {reason} (rows {rows}{more})").format(
                n=item.rows,
                table=_(TABLE_LABELS[item.table]) if item.table in TABLE_LABELS else item.table,
                where=where,
                reason=reason_text(item.reason),
                rows=rows,
                more=more,
            )
        )
    return "\n".join(lines)


def _duplicates_line(report: IngestReport) -> str:
    if report.duplicates_kept:
        text = ngettext(
            "  {n} row is an exact copy of an earlier row; it was loaded (set "
            "'duplicates: set_aside' in the mapping to set such rows aside)",
            "  {n} rows are exact copies of earlier rows; they were loaded (set "
            "'duplicates: set_aside' in the mapping to set such rows aside)",
            report.duplicates,
        )
    else:
        text = ngettext(
            "  {n} row is an exact copy of an earlier row and was set aside",
            "  {n} rows are exact copies of earlier rows and were set aside",
            report.duplicates,
        )
    return text.format(n=report.duplicates)


def _balance(report: IngestReport) -> str:
    """Rows in = loaded + set aside, in source rows; unpacked files also say what they gave."""
    if report.population_only:
        text = _(
            "{file} ({mapping}): {rows_in} rows in = {loaded} read as population + "
            "{quarantined} set aside"
        )
    elif report.rows_loaded is None:
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


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
