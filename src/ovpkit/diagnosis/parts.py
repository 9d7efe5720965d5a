"""Where the loaded incidents live: one Parquet file per ingested file, next to the store.

Writing ten million rows into a DuckDB table cost more than the rest of the
ingestion and the analyses together; writing them as a compressed Parquet file
costs about a third of that, and DuckDB scans it as fast. So each ingested
file's loaded rows become a *part*: ``<store>.files/<hash>-<token>.parquet``.
The ``incident_parts`` table in the DuckDB file lists the current parts with
what is the same on every row of a file (source, file hash, date precision,
area level), and ``incidents`` is a view that adds those back, so every reader
sees the same 20 columns as before.

A part is written under a temporary name and renamed; it counts only once the
transaction that lists it commits, so a failure leaves the store as it was.
Files no table lists (left by a crash) are removed when the store is next
opened for writing. A throw-away ``":memory:"`` store keeps its parts in a
temporary folder removed with the connection.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ovpkit.diagnosis.parsers import literal, quote_ident

SUFFIX = ".parquet"
# Version 2 pages (delta encodings) write about 15% faster and smaller than version 1;
# pyarrow, Spark 3+ and DuckDB read them.
WRITE = "FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION V2"
# The view's columns, in the order of the former incidents table, with their types.
VIEW_COLUMNS = (
    ("source", "VARCHAR"), ("record_key", "VARCHAR"), ("file_hash", "VARCHAR"),
    ("row", "BIGINT"), ("id", "VARCHAR"), ("date", "DATE"), ("time", "TIME"),
    ("date_precision", "VARCHAR"), ("type", "VARCHAR"), ("fatal", "BOOLEAN"),
    ("area_code", "VARCHAR"), ("area_level", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"),
    ("victim_age", "INTEGER"), ("age_min", "INTEGER"), ("age_max", "INTEGER"),
    ("sex", "VARCHAR"), ("weapon", "VARCHAR"), ("count", "INTEGER"),
)  # fmt: skip
# Stored per row. ``record_key`` is kept only where it differs from the id, and
# ``id`` may be stored as the whole number it is: the view gives back the text.
ROW_COLUMNS = (
    "row", "record_key", "id", "date", "time", "type", "fatal", "area_code", "lat", "lon",
    "victim_age", "age_min", "age_max", "sex", "weapon", "count",
)  # fmt: skip
PER_FILE = ("source", "file_hash", "date_precision", "area_level")
KEY = "COALESCE(record_key, CAST(id AS VARCHAR))"
_MEMORY_FOLDER = "_ovpkit_parts_folder"


@dataclass(frozen=True)
class Part:
    """One Parquet file of loaded rows and the values shared by all of them."""

    name: str
    source: str
    file_hash: str
    date_precision: str
    area_level: str | None
    rows: int


def folder(con: duckdb.DuckDBPyConnection) -> Path:
    """The parts folder: ``<store>.files`` beside a store file, a temporary one in memory."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    if row and row[0]:
        return Path(f"{row[0]}.files").resolve()
    held = con.execute(f"SELECT path FROM {_MEMORY_FOLDER}").fetchone()
    assert held is not None
    return Path(held[0])


def prepare_memory(con: duckdb.DuckDBPyConnection) -> None:
    """Give a ``":memory:"`` store a temporary parts folder that goes with the connection."""
    place = tempfile.mkdtemp(prefix="ovpkit-parts-")
    weakref.finalize(con, shutil.rmtree, place, True)
    con.execute(f"CREATE TEMP TABLE {_MEMORY_FOLDER} AS SELECT {literal(place)} AS path")


def parts(con: duckdb.DuckDBPyConnection, source: str | None = None) -> list[Part]:
    where, params = ("WHERE source = ?", [source]) if source is not None else ("", [])
    rows = con.execute(
        'SELECT part, source, file_hash, date_precision, area_level, "rows" FROM incident_parts '
        f"{where} ORDER BY part",
        params,
    ).fetchall()
    return [Part(*row) for row in rows]


def write_part(
    con: duckdb.DuckDBPyConnection, select: str, constants: Part, params: Iterable[object] = ()
) -> Part:
    """Write the rows of ``select`` (the ROW_COLUMNS) as a new part, not yet listed."""
    place = folder(con)
    place.mkdir(parents=True, exist_ok=True)
    name = f"{constants.file_hash[:16]}-{uuid.uuid4().hex[:12]}{SUFFIX}"
    temporary = place / f"{name}.tmp"
    copy = f"COPY ({select}) TO {literal(str(temporary))} ({WRITE})"
    row = con.execute(copy, list(params)).fetchone()
    temporary.rename(place / name)
    return Part(name, constants.source, constants.file_hash, constants.date_precision,
                constants.area_level, int(row[0]) if row else 0)  # fmt: skip


def part_sql(con: duckdb.DuckDBPyConnection, part: Part) -> str:
    """SELECT giving one part's rows with the view's columns."""
    path = literal(str(folder(con) / part.name))
    level = literal(part.area_level) if part.area_level is not None else "CAST(NULL AS VARCHAR)"
    shared = {
        "source": literal(part.source), "file_hash": literal(part.file_hash),
        "date_precision": literal(part.date_precision), "area_level": level,
        "record_key": KEY, "id": "CAST(id AS VARCHAR)",
    }  # fmt: skip
    names = [n for n, _ in VIEW_COLUMNS]
    columns = ", ".join(f"{shared.get(n, quote_ident(n))} AS {quote_ident(n)}" for n in names)
    return f"SELECT {columns} FROM read_parquet({path})"


def source_rows(con: duckdb.DuckDBPyConnection, part: Part) -> int:
    """How many source rows a part's rows come from (fewer than its rows when unpacked)."""
    path = literal(str(folder(con) / part.name))
    row = con.execute(f'SELECT COUNT(DISTINCT "row") FROM read_parquet({path})').fetchone()
    return int(row[0]) if row else 0


def create_view(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)define ``incidents`` over the current parts, for this connection."""
    selects = [part_sql(con, p) for p in parts(con)]
    if not selects:
        empty = ", ".join(f"CAST(NULL AS {t}) AS {quote_ident(n)}" for n, t in VIEW_COLUMNS)
        selects = [f"SELECT {empty} WHERE FALSE"]
    con.execute(f"CREATE OR REPLACE TEMP VIEW incidents AS {' UNION ALL '.join(selects)}")


def without_keys_of(con: duckdb.DuckDBPyConnection, new: Part) -> tuple[list[Part], list[Part]]:
    """Earlier parts of the new part's source, less the record keys the new part brings.

    Returns (parts written, parts they replace): a part sharing no key is kept
    as it is, one whose every key is new is dropped, any other is rewritten.
    """
    earlier = [p for p in parts(con, new.source) if p.name != new.name]
    if not earlier:
        return [], []
    keys = f"SELECT {KEY} FROM read_parquet({literal(str(folder(con) / new.name))})"
    written: list[Part] = []
    replaced: list[Part] = []
    for part in earlier:
        rows = f"FROM read_parquet({literal(str(folder(con) / part.name))})"
        row = con.execute(f"SELECT COUNT(*) {rows} WHERE {KEY} IN ({keys})").fetchone()
        clashes = int(row[0]) if row else 0
        if clashes == 0:
            continue
        replaced.append(part)
        if clashes < part.rows:
            columns = ", ".join(quote_ident(c) for c in ROW_COLUMNS)
            kept = f"SELECT {columns} {rows} WHERE {KEY} NOT IN ({keys})"
            written.append(write_part(con, kept, part))
    return written, replaced


def list_parts(con: duckdb.DuckDBPyConnection, added: list[Part], dropped: list[Part]) -> None:
    """Record the change of parts; the caller's transaction makes it count."""
    for part in dropped:
        con.execute("DELETE FROM incident_parts WHERE part = ?", [part.name])
    for part in added:
        con.execute(
            "INSERT INTO incident_parts VALUES (?, ?, ?, ?, ?, ?)",
            [part.name, part.source, part.file_hash, part.date_precision, part.area_level,
             part.rows],
        )  # fmt: skip


def remove_files(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> None:
    place = folder(con)
    for name in names:
        (place / name).unlink(missing_ok=True)


def remove_unlisted(con: duckdb.DuckDBPyConnection) -> None:
    """Delete part files no table lists: left by a crash between writing and committing."""
    place = folder(con)
    if not place.is_dir():
        return
    listed = {p.name for p in parts(con)}
    for path in place.iterdir():
        if path.is_file() and path.name not in listed and path.name.endswith((SUFFIX, ".tmp")):
            path.unlink()
