"""The project's DuckDB file: incidents, set-aside rows, denominators, provenance.

One file per project (``./ovpkit.duckdb`` unless ``--db`` says otherwise) keeps
an office's diagnosis reproducible: the file records where every row came from.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ovpkit.diagnosis import parts
from ovpkit.diagnosis.parsers import quote_ident
from ovpkit.diagnosis.schema import DDL
from ovpkit.errors import DataError, os_problem
from ovpkit.i18n import N_, _

DEFAULT_DB = Path("ovpkit.duckdb")


class StoreInUse(DataError):
    """The project database is held by another process (DuckDB allows one writer)."""

    title = N_("The project database is in use")


def open_store(
    path: str | Path = DEFAULT_DB, *, read_only: bool = False, memory_limit: str | None = None
) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the project's DuckDB file with the canonical tables.

    ``":memory:"`` gives a throw-away store, which tests use. The incidents are
    Parquet files in ``<path>.files`` beside it (see ``parts``). ``memory_limit``
    ("2GB") bounds what DuckDB holds in memory (it spills to disk beyond);
    without it DuckDB takes up to 80% of the machine's memory.
    """
    where = str(path)
    if read_only and where != ":memory:" and not Path(where).is_file():
        raise DataError(
            _("there is no project database yet"),
            file=where,
            hint=_("load data first with: 'ovpkit data ingest FILE --mapping NAME'"),
        )
    try:
        con = duckdb.connect(where, read_only=read_only and where != ":memory:")
    except duckdb.Error as exc:
        if _locked(exc):
            raise StoreInUse(
                _("another program (perhaps another ovpkit command) has the file open"),
                file=where,
                hint=_("wait until the other command has finished, or close the program using it"),
            ) from exc
        raise DataError(
            _("cannot open the project database: {problem}").format(problem=storage_problem(exc)),
            file=where,
        ) from exc
    if memory_limit is not None:
        _limit_memory(con, memory_limit, where)
    if where == ":memory:":
        parts.prepare_memory(con)
    if not read_only or where == ":memory:":
        for statement in DDL:
            con.execute(statement)
        _upgrade(con, where)
        parts.remove_unlisted(con)
    if _has_table(con, "incidents"):  # a store written before parts is read as it is
        return con
    if not _has_table(con, "incident_parts"):
        con.close()
        raise DataError(
            _("this DuckDB file is not an ovpkit project database"),
            file=where,
            hint=_("choose the project's file with --db, or load data into a new one"),
        )
    parts.create_view(con)
    return con


def _limit_memory(con: duckdb.DuckDBPyConnection, limit: str, where: str) -> None:
    try:
        con.execute("SET memory_limit = ?", [limit])
    except duckdb.Error as exc:
        con.close()
        raise DataError(
            _("'{limit}' is not an amount of memory").format(limit=limit),
            file=where,
            field="memory_limit",
            hint=_("write it as a number and a unit, such as 2GB or 500MB"),
        ) from exc


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute(
        "SELECT COUNT(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = ?",
        [name],
    ).fetchone()
    return bool(row and row[0])


def _upgrade(con: duckdb.DuckDBPyConnection, where: str) -> None:
    """Move the rows of a store written before parts (an ``incidents`` table) into parts."""
    if not _has_table(con, "incidents"):
        return
    groups = con.execute(
        "SELECT DISTINCT source, file_hash, date_precision, area_level FROM main.incidents"
    ).fetchall()
    columns = ", ".join(quote_ident(c) for c in parts.ROW_COLUMNS)
    same = "source = ? AND file_hash = ? AND date_precision = ? "
    same += "AND area_level IS NOT DISTINCT FROM ?"
    try:
        select = f"SELECT {columns} FROM main.incidents WHERE {same}"
        written = [
            parts.write_part(con, select, parts.Part("", s, h, p, a, 0), (s, h, p, a))
            for s, h, p, a in groups
        ]
        con.execute("BEGIN TRANSACTION")
        parts.list_parts(con, written, [])
        con.execute("DROP TABLE main.incidents")
        con.execute("COMMIT")
    except (duckdb.Error, OSError) as exc:
        with contextlib.suppress(duckdb.Error):
            con.execute("ROLLBACK")
        parts.remove_unlisted(con)
        raise DataError(
            _("cannot move the incidents of this older store into Parquet files: {problem}").format(
                problem=storage_problem(exc)
            ),
            file=where,
            hint=_("ingest the files again into a new project database"),
        ) from exc


@dataclass(frozen=True)
class SourceStatus:
    """What one ingested file contributed."""

    file: str
    source: str
    mapping: str
    licence: str | None
    file_hash: str
    ingested_at: str
    rows_in: int
    loaded: int
    quarantined: int
    population_rows: int
    rows_loaded: int | None = None  # source rows unpacked into the loaded rows, if unpacked


@dataclass(frozen=True)
class StoreStatus:
    """A summary of the project database, for ``ovpkit data status``."""

    path: str
    incidents: int
    victims: int
    first_date: str | None
    last_date: str | None
    quarantined_rows: int
    population_rows: int
    files: tuple[SourceStatus, ...]


def store_status(con: duckdb.DuckDBPyConnection, path: str) -> StoreStatus:
    incidents, victims, first, last = con.execute(
        'SELECT COUNT(*), COALESCE(SUM("count"), 0), MIN("date"), MAX("date") FROM incidents'
    ).fetchone() or (0, 0, None, None)
    quarantined = _scalar(con, 'SELECT COUNT(DISTINCT (file, "table", "row")) FROM quarantine')
    population = _scalar(con, "SELECT COUNT(*) FROM population")
    unpacked = "rows_loaded" if _has_column(con, "provenance", "rows_loaded") else "NULL"
    rows = con.execute(
        "SELECT file, source, mapping, licence, file_hash, CAST(ingested_at AS VARCHAR), rows_in,"
        f" loaded, quarantined, population_rows, {unpacked} FROM provenance ORDER BY ingested_at"
    ).fetchall()
    files = tuple(SourceStatus(*row) for row in rows)
    return StoreStatus(
        path=path,
        incidents=int(incidents),
        victims=int(victims),
        first_date=str(first) if first else None,
        last_date=str(last) if last else None,
        quarantined_rows=quarantined,
        population_rows=population,
        files=files,
    )


def is_aggregate(con: duckdb.DuckDBPyConnection, source: str) -> bool:
    """True when every file of ``source`` was loaded with ``unit: aggregate``.

    A row of such a file is already a count (a county-year, say): its number of
    rows means nothing to a reader, so disclosure looks at the count alone.
    Population-only files have no unit; a store whose files were loaded before
    the unit was kept reads as not aggregate (the old rule).
    """
    if not _has_column(con, "provenance", "unit"):
        return False
    row = con.execute(
        "SELECT COUNT(*) > 0 AND BOOL_AND(unit = 'aggregate') "
        "FROM provenance WHERE source = ? AND unit IS NOT NULL",
        [source],
    ).fetchone()
    return bool(row and row[0])


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """A store opened read-only keeps the columns it was written with."""
    return bool(
        _scalar(
            con,
            "SELECT COUNT(*) FROM duckdb_columns() WHERE database_name = current_database() "
            f"AND table_name = '{table}' AND column_name = '{column}'",
        )
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _locked(exc: Exception) -> bool:
    return "lock" in str(exc).casefold()


def storage_problem(exc: Exception) -> str:
    """Why the project database could not be opened or written, in the reader's language.

    A file held by another program and the operating system's usual refusals get a
    translated sentence; a rare DuckDB failure keeps DuckDB's own text (it is what a
    person reporting the problem needs to pass on).
    """
    if isinstance(exc, OSError):
        return os_problem(exc)
    if _locked(exc):
        return _("another program (perhaps another ovpkit command) has the file open")
    return str(exc)
