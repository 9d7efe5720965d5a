"""Incidents kept as Parquet parts beside the store: atomic, replaceable, readable later."""

from __future__ import annotations

import gc
from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis import ingestion, parts
from ovpkit.diagnosis.mapping import FieldSpec, Mapping, load_mapping
from ovpkit.diagnosis.store import open_store, store_status
from ovpkit.errors import DataError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HEADER = "id,date,sex,age,area,count\n"


def _mapping() -> Mapping:
    simple = load_mapping(FIXTURES / "simple.yaml")
    return simple.model_copy(update={"fields": {**simple.fields, "id": FieldSpec(column="id")}})


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        'SELECT record_key, id, "date", sex, victim_age, area_code, "count" FROM incidents '
        "ORDER BY record_key"
    ).fetchall()


def _files(db: Path) -> list[str]:
    folder = Path(f"{db}.files")
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_ingested_rows_are_a_parquet_file_read_back_after_reopening(tmp_path):
    db, path = tmp_path / "project.duckdb", tmp_path / "cases.csv"
    path.write_text(HEADER + "1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,2\n")
    con = open_store(db)
    ingestion.ingest(con, path, _mapping())
    before = _rows(con)
    con.close()

    reopened = open_store(db, read_only=True)

    assert _rows(reopened) == before
    assert [r[:2] + r[3:] for r in before] == [
        ("1", "1", "male", 20, "A", 1),
        ("2", "2", "female", 30, "B", 2),
    ]
    assert len(_files(db)) == 1 and _files(db)[0].endswith(".parquet")
    assert store_status(reopened, str(db)).victims == 3


def test_failure_after_the_parquet_file_is_written_leaves_store_and_folder_unchanged(
    tmp_path, monkeypatch
):
    db, path = tmp_path / "project.duckdb", tmp_path / "cases.csv"
    path.write_text(HEADER + "1,2023-01-01,M,20,A,1\n")
    con = open_store(db)
    ingestion.ingest(con, path, _mapping())
    tables = ("incidents", "quarantine", "provenance", "incident_parts")
    before = [con.execute(f"SELECT * FROM {t}").fetchall() for t in tables]
    files = _files(db)
    path.write_text(HEADER + "1,2023-01-01,M,20,A,9\n2,2023-01-02,F,oops,B,1\n")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(ingestion, "write_quarantine", broken)
    with pytest.raises(DataError, match="disk full"):
        ingestion.ingest(con, path, _mapping())

    assert [con.execute(f"SELECT * FROM {t}").fetchall() for t in tables] == before
    assert _files(db) == files


def test_corrected_file_replaces_the_earlier_parquet_file(tmp_path):
    db, path = tmp_path / "project.duckdb", tmp_path / "cases.csv"
    path.write_text(HEADER + "1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,1\n")
    con = open_store(db)
    ingestion.ingest(con, path, _mapping())
    first = _files(db)
    path.write_text(HEADER + "1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,5\n")

    ingestion.ingest(con, path, _mapping())

    assert len(_files(db)) == 1 and _files(db) != first
    assert [r[-1] for r in _rows(con)] == [1, 5]


def test_file_with_some_known_keys_rewrites_the_earlier_file_without_them(tmp_path):
    db = tmp_path / "project.duckdb"
    (tmp_path / "jan.csv").write_text(HEADER + "1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,1\n")
    (tmp_path / "fix.csv").write_text(HEADER + "2,2023-01-02,F,31,B,1\n3,2023-01-03,M,40,C,1\n")
    con = open_store(db)
    ingestion.ingest(con, tmp_path / "jan.csv", _mapping())

    ingestion.ingest(con, tmp_path / "fix.csv", _mapping())

    assert [(r[0], r[4]) for r in _rows(con)] == [("1", 20), ("2", 31), ("3", 40)]
    listed = con.execute('SELECT part, "rows" FROM incident_parts ORDER BY "rows"').fetchall()
    assert sorted(_files(db)) == sorted(p for p, _ in listed) and [n for _, n in listed] == [1, 2]


def test_file_left_by_a_crash_is_removed_when_the_store_is_opened(tmp_path):
    db = tmp_path / "project.duckdb"
    open_store(db).close()
    stray = Path(f"{db}.files") / "0123456789abcdef-000000000000.parquet"
    stray.parent.mkdir()
    duckdb.execute(f"COPY (SELECT 1 AS a) TO '{stray}' (FORMAT parquet)")

    open_store(db).close()

    assert not stray.exists()


LEGACY_TABLE = """CREATE TABLE incidents (
    source VARCHAR NOT NULL, record_key VARCHAR NOT NULL, file_hash VARCHAR NOT NULL,
    "row" BIGINT NOT NULL, id VARCHAR, "date" DATE NOT NULL, "time" TIME,
    date_precision VARCHAR NOT NULL, type VARCHAR, fatal BOOLEAN, area_code VARCHAR,
    area_level VARCHAR, lat DOUBLE, lon DOUBLE, victim_age INTEGER, age_min INTEGER,
    age_max INTEGER, sex VARCHAR, weapon VARCHAR, "count" INTEGER NOT NULL)"""
LEGACY_ROWS = [
    ("police", "7", "h1", 2, "7", "2020-05-01", None, "day", "homicide", True, "D1", "district",
     39.9, -75.1, 25, 25, 25, "male", "firearm", 1),
    ("police", "f.csv:3", "h1", 3, None, "2020-06-01", None, "day", None, None, "D2", "district",
     None, None, None, 18, 24, "female", None, 2),
    ("health", "x", "h2", 2, "x", "2021-01-01", None, "month", None, False, "D1", None,
     None, None, 40, 40, 40, None, None, 1),
]  # fmt: skip


def _legacy_store(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute(LEGACY_TABLE)
    con.executemany(f"INSERT INTO incidents VALUES ({', '.join(['?'] * 20)})", LEGACY_ROWS)
    con.close()


def _all(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute('SELECT * FROM incidents ORDER BY source, "row"').fetchall()


def test_store_written_before_parts_is_read_then_moved_into_parts_unchanged(tmp_path):
    db = tmp_path / "old.duckdb"
    _legacy_store(db)
    with duckdb.connect(str(db)) as raw:
        expected = _all(raw)

    read_only = open_store(db, read_only=True)
    seen_read_only = _all(read_only)
    read_only.close()
    upgraded = open_store(db)

    assert seen_read_only == expected and _all(upgraded) == expected
    assert len(parts.parts(upgraded)) == 2 and len(_files(db)) == 2


def test_memory_store_parts_go_away_with_the_connection(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + "1,2023-01-01,M,20,A,1\n")
    con = open_store(":memory:")
    ingestion.ingest(con, path, _mapping())
    folder = parts.folder(con)
    assert any(folder.iterdir())

    con.close()
    del con
    gc.collect()

    assert not folder.exists()


def test_duckdb_file_of_something_else_is_refused_read_only(tmp_path):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()

    with pytest.raises(DataError, match="not an ovpkit project database"):
        open_store(other, read_only=True)
