"""CSV files are parsed by DuckDB's reader, with the same rows, lines and reasons as before.

The Python reader (kept for files whose lines cannot be numbered from DuckDB's
output) is the reference: every test that compares runs both.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import numpy as np
import pytest

from ovpkit.diagnosis import csvfile, readers
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.store import open_store

MAPPING = Mapping.model_validate(
    {
        "name": "csv-engine",
        "source": "seeded",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "sex": "sex",
            "victim_age": "age",
            "area_code": "area",
        },
    }
)


def _awkward_csv(path: Path, rows: int = 3000, seed: int = 3) -> Path:
    """Quoted cells, line breaks inside quotes, short and long rows, bad values, a title."""
    rng = np.random.default_rng(seed)
    lines = ["Incidents export", "id,date,sex,age,area,note"]
    for i in range(rows):
        day = f"2021-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"
        date = day if rng.random() > 0.02 else "31/02/2021"
        note = ['""', '"a, b"', '"two\nlines"', "plain", '"say ""hi"""'][i % 5]
        row = [str(i), date, "MF?"[i % 3], str(rng.integers(0, 130)), f"A{i % 7}", note]
        if i % 97 == 0:
            row = row[:3]  # a short row: the missing cells are empty
        if i % 89 == 0:
            row += ["extra"]  # one cell too many
        lines.append(",".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _refuse(*_: object) -> None:
    raise AssertionError("the whole file went through the Python CSV reader")


def _load(path: Path, *, python: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    with monkeypatch.context() as patch:
        if python:
            patch.setattr(csvfile, "layout", lambda *_: None)
        else:
            patch.setattr(readers, "_with_header", _refuse)
        con = open_store(":memory:")
        ingest(con, path, MAPPING)
        loaded = con.execute(
            'SELECT "row", id, date, sex, age_min, area_code FROM incidents ORDER BY "row"'
        ).fetchall()
        aside = con.execute(
            'SELECT "row", field, value, reason FROM quarantine ORDER BY "row", field'
        ).fetchall()
        con.close()
    return loaded, aside


def test_csv_read_by_duckdb_gives_the_python_readers_rows_lines_and_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _awkward_csv(tmp_path / "awkward.csv")

    engine = _load(path, python=False, monkeypatch=monkeypatch)
    python = _load(path, python=True, monkeypatch=monkeypatch)

    assert engine == python
    assert len(engine[0]) > 1000 and len(engine[1]) > 50


def test_csv_is_not_parsed_row_by_row_in_python(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _awkward_csv(tmp_path / "big.csv", rows=5000)

    monkeypatch.setattr(readers, "_with_header", _refuse)
    report = ingest(store, path, MAPPING)

    assert report.rows_in == 5000 and report.balanced


def test_csv_field_over_128_kb_loads_instead_of_a_traceback(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    long_note = "word " * 60_000  # 300 KB in one cell
    path.write_text(f'id,date,area,note\n1,2021-01-02,A,"{long_note}"\n2,2021-01-03,B,\n')

    report = ingest(store, path, MAPPING.model_copy(update={"fields": {
        k: v for k, v in MAPPING.fields.items() if k in ("id", "date", "area_code")}}))  # fmt: skip

    assert (report.rows_in, report.loaded) == (2, 2)


def test_python_reader_takes_a_field_over_128_kb(tmp_path: Path) -> None:
    rows = readers._parse_csv("a,b\n1," + "x" * 200_000 + "\n", ",")

    assert len(rows[1][1][1] or "") == 200_000


def test_csv_with_blank_lines_keeps_exact_line_numbers(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("id,date,area\n1,2021-01-02,A\n\n2,bad,B\n3,2021-01-04,C\n")

    ingest(store, path, MAPPING.model_copy(update={"fields": {
        k: v for k, v in MAPPING.fields.items() if k in ("id", "date", "area_code")}}))  # fmt: skip

    aside = store.execute('SELECT "row", field FROM quarantine ORDER BY 1').fetchall()
    assert aside == [(3, "*"), (4, "date")]


def test_row_with_more_cells_than_the_reader_keeps_is_set_aside(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    wide = ",".join(["z"] * (csvfile.SPARE_CELLS + 5))
    path.write_text(f"id,date,area\n1,2021-01-02,A\n2,2021-01-03,B,{wide}\n3,2021-01-04,C\n")

    ingest(store, path, MAPPING.model_copy(update={"fields": {
        k: v for k, v in MAPPING.fields.items() if k in ("id", "date", "area_code")}}))  # fmt: skip

    aside = store.execute('SELECT "row", reason FROM quarantine').fetchall()
    assert aside == [
        (3, f"row has more than {3 + csvfile.SPARE_CELLS - 1} cells, more than the header")
    ]


class _Busy:
    """A connection whose query is half done (DuckDB's query_progress says 50)."""

    def query_progress(self) -> float:
        return 50.0


def test_long_csv_read_reports_share_and_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.csv"
    path.write_bytes(b"x" * 4_000_000)
    monkeypatch.setattr(csvfile, "PROGRESS_EVERY", 0.01)
    said: list[str] = []

    with csvfile._reporting(_Busy(), path, said.append):  # type: ignore[arg-type]
        time.sleep(0.1)

    assert said and said[0].startswith("reading many.csv: 50") and "MB a second" in said[0]
    assert "2 MB" in said[0]  # half of the file's 4 MB


def test_store_memory_is_bounded_by_the_setting(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb", memory_limit="300MB")

    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()

    assert limit is not None and limit[0].startswith("286")
