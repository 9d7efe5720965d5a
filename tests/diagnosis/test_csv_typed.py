"""A CSV column of numbers is copied typed where exact, and every cell still reads as written.

Copying ids and coordinates as text, then parsing that text again in every
later pass, was most of a CSV ingest's processor time. These tests pin down
that such columns now reach the parsers typed (as a Parquet file's numbers do)
and that a cell whose text is not the number's own ("007", " 12", "40.10")
keeps its text: the store and the set-aside rows equal the Python reader's.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis import csvfile, readers
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.store import open_store

MAPPING = Mapping.model_validate(
    {
        "name": "csv-typed",
        "source": "seeded",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "victim_age": "age",
            "area_code": "area",
            "lat": "lat",
            "lon": "lon",
        },
    }
)
HEADER = "id,date,age,area,lat,lon"


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _types(path: Path, tmp_path: Path) -> dict[str, str]:
    """Each column's staged type, as the CSV path gives it to the parsers."""
    con = duckdb.connect()
    facts = csvfile.scan(path)
    lay = csvfile.layout(facts.head, MAPPING, path)
    assert lay is not None
    staged = csvfile.staging_sql(con, path, facts, lay, tmp_path / "rows.parquet", lambda _: None)
    assert staged is not None
    return dict(zip(lay.names, staged[1], strict=True))


def _load(path: Path, *, python: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    with monkeypatch.context() as patch:
        if python:
            patch.setattr(csvfile, "layout", lambda *_: None)
        con = open_store(":memory:")
        ingest(con, path, MAPPING)
        loaded = con.execute(
            'SELECT "row", record_key, id, date, victim_age, area_code, lat, lon '
            'FROM incidents ORDER BY "row"'
        ).fetchall()
        aside = con.execute(
            'SELECT "row", field, value, reason, raw FROM quarantine ORDER BY "row", field'
        ).fetchall()
        con.close()
    return loaded, aside


def test_whole_number_columns_of_a_csv_reach_the_parsers_typed(tmp_path: Path) -> None:
    rows = [f"{i},2021-03-{1 + i % 28:02d},{20 + i % 50},A{i % 9},40.{i:04d}1,-75.{i:04d}3"
            for i in range(500)]  # fmt: skip
    path = _write(tmp_path / "plain.csv", rows)

    types = _types(path, tmp_path)

    assert types == {"id": "BIGINT", "date": "VARCHAR", "age": "BIGINT", "area": "VARCHAR",
                     "lat": "VARCHAR", "lon": "VARCHAR"}  # fmt: skip


def test_cells_that_are_not_the_numbers_own_text_keep_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"{i},2021-03-{1 + i % 28:02d},{20 + i % 50},A{i % 9},40.{i:04d}1,-75.{i:04d}3"
            for i in range(400)]  # fmt: skip
    # After the first rows, cells a number's text does not give back exactly.
    odd = ["007,2021-04-01,35.0,A1,40.10,-75", " 12,2021-04-02, 40,A2,40,-75.0",
           "1e3,2021-04-03,33,A3,4.01e1,-75.5", "-0,2021-04-04,,A4,,-75.25",
           "+5,2021-04-05,abc,A5,95.5,-75.1", "77,2021-04-07,130,A7,40.3,-75.3",
           '"9",2021-04-06,"41",A6," 40.2",-75.2']  # fmt: skip
    path = _write(tmp_path / "odd.csv", rows + odd)

    engine = _load(path, python=False, monkeypatch=monkeypatch)
    python = _load(path, python=True, monkeypatch=monkeypatch)

    assert engine == python
    ids = {r[2] for r in engine[0]}
    assert {"007", "12", "1e3", "-0", "9"} <= ids  # trimmed, never re-written as numbers
    assert {r[1] for r in engine[1]} >= {"victim_age", "lat"}  # "abc", 130; 95.5
    assert _types(path, tmp_path)["id"] == "VARCHAR"  # some cells kept their text


def test_typed_copy_does_not_send_the_file_to_the_python_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"{i},2021-05-{1 + i % 28:02d},{i % 90},B{i % 4},39.9{i:03d},-75.1{i:03d}"
            for i in range(300)]  # fmt: skip
    path = _write(tmp_path / "engine.csv", rows)

    def refuse(*_: object) -> None:
        raise AssertionError("the file went through the Python CSV reader")

    monkeypatch.setattr(readers, "_with_header", refuse)
    con = open_store(":memory:")
    report = ingest(con, path, MAPPING)

    assert report.loaded == 300 and report.balanced
    row = con.execute("SELECT MIN(id), MAX(lat) FROM incidents").fetchone()
    assert row == ("0", 39.9299)
