"""Load one incident file into the project store, losing nothing.

Every source row ends up either in ``incidents`` or, with the field, value and
reason, in ``quarantine``; the report checks rows in = loaded + set aside,
counted in source rows (a mapping that unpacks participant lists loads one row
per kept participant; ``rows_loaded`` then counts the source rows they came from). The
write counts only when one transaction commits: a file that fails leaves the
store as it was. Re-ingesting a file replaces its rows (same source and record
key) instead of adding them twice.

Parsing runs in DuckDB over views of the file, so a big file is never copied:
one pass keeps the rows with a problem (usually few) in a small table, a second
writes the others straight into a Parquet part (see ``parts``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from ovpkit.diagnosis import csvfile, parts, reasons
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.parsers import literal, quote_ident
from ovpkit.diagnosis.participants import UNPACK_TABLES, UNPACK_VIEWS, Unpacked, unpack_views
from ovpkit.diagnosis.quarantine import (
    IngestReport,
    keep_problems,
    refuse_if_unusable,
    summarise,
    write_quarantine,
)
from ovpkit.diagnosis.readers import RawTable, detect_format, read_raw
from ovpkit.diagnosis.staging import Columns, incident_select, population_select
from ovpkit.diagnosis.store import storage_problem
from ovpkit.errors import DataError
from ovpkit.i18n import _

PROVENANCE = (
    "file, file_hash, source, licence, mapping, ingested_at, rows_in, loaded, quarantined, "
    "population_rows, rows_loaded, unit"
)
POPULATION_COLUMNS = ("area_code", "area_level", "year", "age_group", "sex", "population")
MAX_SET_ASIDE_SHARE = 0.5

Progress = Callable[[str], None]


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    mapping: Mapping,
    *,
    strict: bool = False,
    max_set_aside: float = MAX_SET_ASIDE_SHARE,
    progress: Progress | None = None,
) -> IngestReport:
    """Parse ``path`` with ``mapping`` and store it; raise DataError if it cannot be used.

    ``strict`` refuses the file when any row would be set aside; otherwise the
    file is refused only when more than ``max_set_aside`` of its rows fail, which
    almost always means the mapping does not fit the file.
    """
    path = Path(path)
    say = progress or (lambda _: None)
    say(_("hashing {file}").format(file=path.name))
    facts = _scan_csv(path, mapping)
    digest = facts.digest if facts else file_hash(path) if path.is_file() else ""
    previous = _previous(con, digest, mapping)
    if previous is not None:
        return previous
    say(_("reading {file}").format(file=path.name))
    with tempfile.TemporaryDirectory(prefix="ovpkit-csv-") as tmp:
        try:
            raw = _read(con, path, mapping, facts, Path(tmp) / "rows.parquet", say)
            say(_("checking {file}").format(file=path.name))
            _stage(con, raw)
            columns = _columns(Columns(raw.names, path, mapping.read.na_values, raw.types), mapping)
            return _parse_and_store(con, path, digest, mapping, columns, strict, max_set_aside, say)
        finally:
            _drop_staging(con)


def _scan_csv(path: Path, mapping: Mapping) -> csvfile.FileScan | None:
    """One pass over a CSV file's bytes (hash, lines, UTF-8); None for other files."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        kind = detect_format(path, mapping)
    except DataError:
        return None  # read_raw says why
    return csvfile.scan(path) if kind == "csv" else None


def _read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    mapping: Mapping,
    facts: csvfile.FileScan | None,
    target: Path,
    say: Progress,
) -> RawTable:
    """A UTF-8 CSV file through DuckDB's reader; the others (and odd CSV files) in Python."""
    if facts is not None and facts.utf8 and mapping.read.encoding in ("auto", "utf-8", "utf8"):
        lay = csvfile.layout(facts.head, mapping, path)
        if lay is not None:
            staged = csvfile.staging_sql(con, path, facts, lay, target, say)
            if staged is not None:
                return RawTable(names=lay.names, sql=staged[0], types=staged[1])
    return read_raw(path, mapping)


def _parse_and_store(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    digest: str,
    mapping: Mapping,
    columns: Columns,
    strict: bool,
    max_set_aside: float,
    say: Progress,
) -> IngestReport:
    """Parse through views (nothing is copied), keep only the rows with a problem, store."""
    named = [(n, s.column) for n, s in mapping.fields.items() if s.column is not None]
    used = [columns.sql(column, name) for name, column in named]  # names the field if missing
    used += [columns.sql(c, c) for c in mapping.columns()]
    con.execute(f"CREATE OR REPLACE TEMP VIEW _clean AS {columns.clean_select(used)}")
    copies = _find_problems(con, path, mapping, columns)
    main = "incidents" if mapping.fields else "population"
    rows_in = _count(con, "SELECT COUNT(*) FROM _staging")
    bad = _count(con, f"SELECT COUNT(DISTINCT _row) FROM _bad_{main}")
    if bad:
        refuse_if_unusable(con, path, rows_in, main, strict, max_set_aside)
    say(_("storing {file}").format(file=path.name))
    loaded, pop_rows, rows_loaded = _write(con, path, digest, mapping, columns, (rows_in, bad))
    return IngestReport(
        file=path.name, file_hash=digest, source=mapping.source, mapping=mapping.name,
        rows_in=rows_in, loaded=loaded if mapping.fields else rows_in - bad,
        quarantined=bad, population_rows=pop_rows, already_ingested=False,
        set_aside=summarise(con, "_problems"), rows_loaded=rows_loaded, duplicates=copies,
        duplicates_kept=mapping.duplicates == "keep", population_only=not mapping.fields,
    )  # fmt: skip


def _find_problems(
    con: duckdb.DuckDBPyConnection, path: Path, mapping: Mapping, columns: Columns
) -> int:
    """Parse through views and keep the problems, long form, in ``_problems``.

    Returns the number of rows that copy an earlier row exactly.
    """
    problems: list[str] = []
    copies = 0
    if mapping.fields:
        unpacked = _unpack(con, columns, mapping)
        unique = _unique_ids(con, columns, mapping)
        sql, fields = incident_select(columns, mapping, path.name, unique, unpacked)
        con.execute(f"CREATE OR REPLACE TEMP VIEW _parsed AS {sql}")
        problems.append(keep_problems(con, "_parsed", "incidents", fields))
        if not unique and mapping.unpack is None:
            copies = _duplicates(con, columns, set_aside=mapping.duplicates == "set_aside")
    if mapping.population is not None:
        sql, fields = population_select(columns, mapping)
        con.execute(f"CREATE OR REPLACE TEMP VIEW _pop_parsed AS {sql}")
        problems.append(keep_problems(con, "_pop_parsed", "population", fields))
    union = " UNION ALL ".join(problems)
    if mapping.unpack is not None:  # a source row's problems repeat on each of its participants
        union = f"SELECT DISTINCT * FROM ({union})"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _problems AS {union}")
    return copies


def _duplicates(con: duckdb.DuckDBPyConnection, columns: Columns, *, set_aside: bool) -> int:
    """Count the rows whose every cell equals an earlier row's; set them aside if asked.

    Skipped when the ids are known to be unique (rows with different ids are not
    copies), so files with an id column pay nothing. Rows already set aside for
    another reason are not counted.
    """
    cells = ", ".join(f"c{i}" for i in range(len(columns.names)))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _copies AS SELECT UNNEST(rows[2:]) AS _row, rows[1] AS first "
        f"FROM (SELECT LIST(_row ORDER BY _row) AS rows FROM _staging "
        f"WHERE _row NOT IN (SELECT _row FROM _bad_incidents) GROUP BY {cells} "
        "HAVING COUNT(*) > 1)"
    )
    copies = _count(con, "SELECT COUNT(*) FROM _copies")
    if set_aside and copies:
        before, after = reasons.DUPLICATE.split("{n}")
        con.execute(
            "INSERT INTO _bad_incidents (_row, _gate) SELECT _row, "
            f"{literal(before)} || first || {literal(after)} FROM _copies"
        )
    return copies


def _columns(columns: Columns, mapping: Mapping) -> Columns:
    """The file's columns, knowing which hold packed participant lists (always read as text)."""
    if mapping.unpack is None:
        return columns
    packed = frozenset(columns.index(c, "unpack.columns") for c in mapping.unpack.columns)
    return dataclasses.replace(columns, packed=packed)


def _unpack(con: duckdb.DuckDBPyConnection, columns: Columns, mapping: Mapping) -> Unpacked | None:
    """Create the views that give one row per kept participant (see ``participants``)."""
    if mapping.unpack is None:
        return None
    staged = {c: columns.sql(c, "unpack.columns") for c in mapping.unpack.columns}
    unpacked = unpack_views(mapping.unpack, staged)
    for statement in unpacked.statements:
        con.execute(statement)
    return unpacked


def _unique_ids(con: duckdb.DuckDBPyConnection, columns: Columns, mapping: Mapping) -> bool:
    spec = mapping.fields.get("id")
    if spec is None or spec.column is None:
        return False
    whole = columns.integer(spec.column, "id")
    if whole is not None:
        return _unique_whole_numbers(con, whole)
    column = columns.sql(spec.column, "id")
    row = con.execute(f"SELECT COUNT({column}) = COUNT(DISTINCT {column}) FROM _clean").fetchone()
    return bool(row and row[0])


def _unique_whole_numbers(con: duckdb.DuckDBPyConnection, column: str) -> bool:
    """Distinct whole numbers, counted with one bit per possible value when the range is short.

    Hashing ten million ids takes seconds; setting bits takes a tenth of that.
    """
    bounds = f"SELECT MIN({column}), MAX({column}), COUNT({column}) FROM _clean"
    low, high, n = con.execute(bounds).fetchone() or (None, None, 0)
    if low is None or high is None:
        return True
    if int(high) - int(low) > 8 * int(n) + 1_000_000:
        sql = f"SELECT COUNT({column}) = COUNT(DISTINCT {column}) FROM _clean"
    else:
        bits = f"BITSTRING_AGG({column}, {int(low)}, {int(high)})"
        sql = f"SELECT BIT_COUNT({bits}) = {int(n)} FROM _clean"
    row = con.execute(sql).fetchone()
    return bool(row and row[0])


def _stage(con: duckdb.DuckDBPyConnection, raw: RawTable) -> None:
    """A view over the source (Parquet) or the text rows read in Python (other formats)."""
    if raw.table is not None:
        con.register("_arrow_raw", raw.table)
        con.execute(
            "CREATE OR REPLACE TEMP VIEW _staging AS "
            "SELECT *, CAST(NULL AS VARCHAR) AS _unreadable FROM _arrow_raw"
        )
    else:
        con.execute(f"CREATE OR REPLACE TEMP VIEW _staging AS {raw.sql}")
    if _count(con, "SELECT COUNT(*) FROM _staging") == 0:
        raise DataError(_("the file has no data rows"), hint=_("check the export is complete"))


def _drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    for view in ("_parsed", "_pop_parsed", *UNPACK_VIEWS, "_clean", "_staging"):
        con.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (
        "_bad_incidents",
        "_bad_population",
        "_problems",
        *UNPACK_TABLES,
        *csvfile.TABLES,
    ):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    with contextlib.suppress(duckdb.Error):
        con.unregister("_arrow_raw")


def _write(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    digest: str,
    mapping: Mapping,
    columns: Columns,
    counts: tuple[int, int],
) -> tuple[int, int, int | None]:
    """Write the loaded rows as a part, then list it with everything else in one transaction.

    Returns the rows loaded, the population rows, and (when unpacking) the
    source rows the loaded participants came from, counted in the part written.
    Any failure rolls the transaction back and deletes the files it wrote, so
    the store is as it was.
    """
    source = literal(mapping.source)
    rows_in, bad = counts
    added: list[parts.Part] = []
    dropped: list[parts.Part] = []
    begun = False
    rows_loaded: int | None = None
    try:
        if mapping.fields:
            added.append(_write_incidents(con, digest, mapping))
            if mapping.unpack is not None:
                rows_loaded = parts.source_rows(con, added[0])
            rewritten, dropped = parts.without_keys_of(con, added[0])
            added += rewritten
        con.execute("BEGIN TRANSACTION")
        begun = True
        parts.list_parts(con, added, dropped)
        pop_rows = _write_population(con, source) if mapping.population else 0
        write_quarantine(con, path, digest, source, columns)
        loaded = added[0].rows if mapping.fields else 0
        con.execute(
            f"INSERT INTO provenance ({PROVENANCE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [path.name, digest, mapping.source, mapping.licence, mapping.name,
             dt.datetime.now(dt.UTC).replace(tzinfo=None), rows_in,
             loaded if mapping.fields else pop_rows, bad, pop_rows, rows_loaded,
             mapping.unit if mapping.fields else None],
        )  # fmt: skip
        con.execute("COMMIT")
    except Exception as exc:
        if begun:
            con.execute("ROLLBACK")
        parts.remove_unlisted(con)
        if isinstance(exc, DataError):
            raise
        raise DataError(
            _("the file could not be stored: {problem}").format(problem=storage_problem(exc)),
            file=path,
        ) from exc
    parts.remove_files(con, [p.name for p in dropped])
    parts.create_view(con)
    return loaded, pop_rows, rows_loaded


def _good(con: duckdb.DuckDBPyConnection, parsed: str, table: str) -> str:
    """FROM clause of the rows without a problem (all of them, most of the time)."""
    if _count(con, f"SELECT COUNT(*) FROM _bad_{table}") == 0:
        return f"FROM {parsed}"
    return f"FROM {parsed} ANTI JOIN _bad_{table} USING (_row)"


def _write_incidents(con: duckdb.DuckDBPyConnection, digest: str, mapping: Mapping) -> parts.Part:
    """The good rows as a new part (not yet listed), typed as the incidents view expects.

    Earlier rows of the source with the same record keys are taken out by the caller.
    """
    good = _good(con, "_parsed", "incidents")
    types = dict(parts.VIEW_COLUMNS)
    stored = ['_row AS "row"', "CAST(record_key AS VARCHAR) AS record_key", "id"]
    stored += [
        f"CAST({quote_ident(c)} AS {types[c]}) AS {quote_ident(c)}" for c in parts.ROW_COLUMNS[3:]
    ]
    shared = parts.Part("", mapping.source, digest, mapping.fields["date"].precision,
                        mapping.area_level, 0)  # fmt: skip
    return parts.write_part(con, f"SELECT {', '.join(stored)} {good}", shared)


def _write_population(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """Distinct denominators of the file (a row-level file repeats them on every row)."""
    good = _good(con, "_pop_parsed", "population")
    keys = 'area_code, area_level, "year", age_group, sex'
    clash = con.execute(
        f'SELECT MIN(_row), area_code, "year" {good} GROUP BY {keys} '
        "HAVING COUNT(DISTINCT population) > 1 ORDER BY 1 LIMIT 1"
    ).fetchone()
    if clash is not None:
        raise DataError(
            _("two different populations for area {area} in {year}").format(
                area=clash[1], year=clash[2]
            ),
            record=clash[0],
            field="population",
            hint=_("keep one population per area and year (and age group and sex)"),
        )
    con.execute(
        f'DELETE FROM population WHERE source = {source} AND (area_code, "year") IN '
        f'(SELECT area_code, "year" {good})'
    )
    cols = ", ".join(f'"{c}"' for c in POPULATION_COLUMNS)
    con.execute(f"INSERT INTO population (source, {cols}) SELECT DISTINCT {source}, {cols} {good}")
    return _count(con, f"SELECT COUNT(*) FROM (SELECT DISTINCT {cols} {good})")


def _previous(con: duckdb.DuckDBPyConnection, digest: str, mapping: Mapping) -> IngestReport | None:
    row = con.execute(
        "SELECT file, rows_in, loaded, quarantined, population_rows, rows_loaded FROM provenance "
        "WHERE file_hash = ? AND mapping = ? ORDER BY ingested_at DESC LIMIT 1",
        [digest, mapping.name],
    ).fetchone()
    if row is None:
        return None
    con.execute(
        'CREATE OR REPLACE TEMP TABLE _problems AS SELECT "row" AS _row, "table" AS tbl, field,'
        " value, reason FROM quarantine WHERE file_hash = ? AND source = ?",
        [digest, mapping.source],
    )
    summary = summarise(con, "_problems")
    con.execute("DROP TABLE _problems")
    return IngestReport(
        file=row[0], file_hash=digest, source=mapping.source, mapping=mapping.name,
        rows_in=row[1], loaded=row[2], quarantined=row[3], population_rows=row[4],
        already_ingested=True, set_aside=summary, rows_loaded=row[5],
    )  # fmt: skip


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
