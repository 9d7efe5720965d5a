"""DuckDB reads a CSV file in parallel chunks: line numbers and long lines stay exact.

DuckDB's read buffer is sixteen times the longest line allowed, and threads
share the work by buffer. The first read allows short lines (small buffers,
so a file spans many chunks read in parallel); a file with a longer line is
read again with the full limit. These tests shrink both limits so that a
small file spans many chunks.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis import csvfile, readers
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping

MAPPING = Mapping.model_validate(
    {
        "name": "csv-parallel",
        "source": "seeded",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "area_code": "area",
        },
    }
)
FIRST, FULL = 16 << 10, 256 << 10  # 256 KB buffers for the first read, 4 MB for the second


def _refuse(*_: object) -> None:
    raise AssertionError("the file went through the Python CSV reader")


@pytest.fixture
def small_buffers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "FIRST_LINE_BYTES", FIRST)
    monkeypatch.setattr(csvfile, "MAX_LINE_BYTES", FULL)
    monkeypatch.setattr(readers, "_with_header", _refuse)


def _rows(path: Path, rows: int, long_at: dict[int, int]) -> set[int]:
    """Write ``rows`` incidents (a bad date every 997 rows); return the bad rows' lines."""
    bad: set[int] = set()
    with path.open("w", encoding="utf-8") as out:
        out.write("id,date,area,note\n")
        for i in range(rows):
            date = "not a date" if i % 997 == 5 else f"2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}"
            note = "x" * long_at.get(i, 8)
            out.write(f"{i},{date},A{i % 31},{note}\n")
            if i % 997 == 5:
                bad.add(i + 2)  # the header is line 1
    return bad


@pytest.mark.usefixtures("small_buffers")
def test_bad_rows_keep_their_line_in_a_file_read_in_many_parallel_chunks(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "many-chunks.csv"
    bad = _rows(path, 200_000, {})
    assert path.stat().st_size > 20 * 16 * FIRST  # more than twenty buffers

    report = ingest(store, path, MAPPING)

    lines = store.execute("SELECT \"row\" FROM quarantine WHERE field = 'date'").fetchall()
    assert {line for (line,) in lines} == bad
    assert (report.rows_in, report.quarantined) == (200_000, len(bad))
    rows = store.execute('SELECT MIN("row"), MAX("row"), COUNT(*) FROM incidents').fetchone()
    assert rows == (2, 200_001, 200_000 - len(bad))


@pytest.mark.usefixtures("small_buffers")
def test_line_longer_than_the_first_read_allows_is_loaded(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "long-line.csv"
    bad = _rows(path, 20_000, {12_345: 4 * FIRST})

    report = ingest(store, path, MAPPING)

    assert (report.rows_in, report.quarantined) == (20_000, len(bad))
    note = store.execute('SELECT "row" FROM incidents WHERE "row" = 12347').fetchall()
    assert note == [(12_347,)]


@pytest.mark.usefixtures("small_buffers")
def test_line_longer_than_the_limit_is_set_aside_with_its_line(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "too-long.csv"
    bad = _rows(path, 20_000, {777: 2 * FULL})

    report = ingest(store, path, MAPPING)

    aside = store.execute(
        "SELECT \"row\", reason FROM quarantine WHERE reason LIKE 'line longer than%'"
    ).fetchall()
    assert [row for row, _ in aside] == [779]
    assert (report.rows_in, report.quarantined) == (20_000, len(bad) + 1)
