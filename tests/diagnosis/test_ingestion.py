"""Ingestion: every row loaded or set aside, clear errors, nothing half-written."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.quarantine import quarantined_rows, set_aside_report
from ovpkit.errors import DataError

FIXTURES = Path(__file__).resolve().parent / "fixtures"

SPANISH = FIXTURES / "homicidios.yaml"


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_ingest_latin1_semicolon_file_with_title_lines_reads_the_header(store):
    report = ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))

    assert report.rows_in == 6
    areas = {r[0] for r in store.execute("SELECT area_code FROM incidents").fetchall()}
    assert {"Bogotá", "Medellín"} <= areas
    sexes = store.execute("SELECT sex, SUM(count) FROM incidents GROUP BY sex").fetchall()
    assert dict(sexes) == {"male": 2, "female": 2}


def test_ingest_bad_values_are_set_aside_with_file_row_field_value_and_reason(store):
    report = ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))

    assert report.balanced and (report.loaded, report.quarantined) == (3, 3)
    rows = quarantined_rows(store)
    found = {(r["row"], r["field"], r["value"]) for r in rows}
    assert found == {(6, "date", "2023-02-30"), (7, "victim_age", "veinte"), (8, "count", "dos")}
    assert all(r["file"] == "homicidios_latin1.csv" and r["reason"] for r in rows)
    assert "Cali" in str(rows[0]["raw"])


def test_set_aside_report_names_reasons_and_rows(store):
    report = ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))

    text = set_aside_report(report)

    assert "6 rows in = 3 loaded + 3 set aside" in text
    assert "age is not a number (rows 7)" in text


def test_ingest_strict_refuses_naming_row_and_field_and_writes_nothing(store):
    with pytest.raises(DataError) as caught:
        ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH), strict=True)

    assert (caught.value.record, caught.value.field) == (6, "date")
    assert "homicidios_latin1.csv" in str(caught.value)
    assert [_count(store, t) for t in ("incidents", "quarantine", "provenance")] == [0, 0, 0]


def test_ingest_mostly_wrong_dates_is_refused_as_a_mapping_misfit(store):
    with pytest.raises(DataError, match="not a date in the format") as caught:
        ingest(store, FIXTURES / "mostly_wrong_dates.csv", load_mapping(FIXTURES / "simple.yaml"))

    assert caught.value.record == 2 and caught.value.field == "date"
    assert _count(store, "incidents") == 0


def test_ingest_missing_column_names_the_column_and_field(store):
    with pytest.raises(DataError, match="'MUNICIPIO' is not in the file") as caught:
        ingest(store, FIXTURES / "missing_column.csv", load_mapping(SPANISH))

    assert caught.value.field == "area_code"


@pytest.mark.parametrize("name", ["empty.csv", "header_only.csv"])
def test_ingest_empty_file_raises(store, name):
    with pytest.raises(DataError, match="empty|no data rows"):
        ingest(store, FIXTURES / name, load_mapping(SPANISH))

    assert _count(store, "provenance") == 0


def test_ingest_broken_encoding_raises_with_a_hint(store):
    with pytest.raises(DataError) as caught:
        ingest(store, FIXTURES / "broken_encoding.csv", load_mapping(SPANISH))

    assert "broken_encoding.csv" in str(caught.value)
    assert caught.value.hint


def test_ingest_declared_encoding_that_does_not_fit_names_the_line(store, tmp_path):
    mapping = load_mapping(SPANISH).model_copy(
        update={"read": load_mapping(SPANISH).read.model_copy(update={"encoding": "utf-8"})}
    )

    with pytest.raises(DataError, match="not valid utf-8") as caught:
        ingest(store, FIXTURES / "homicidios_latin1.csv", mapping)

    assert caught.value.record == "line 4"


def test_reingest_same_file_does_not_duplicate(store):
    mapping = load_mapping(SPANISH)
    first = ingest(store, FIXTURES / "homicidios_latin1.csv", mapping)

    again = ingest(store, FIXTURES / "homicidios_latin1.csv", mapping)

    assert again.already_ingested and again.loaded == first.loaded
    assert _count(store, "incidents") == 3 and _count(store, "provenance") == 1


def test_reingest_changed_file_replaces_its_rows(store, tmp_path):
    mapping = load_mapping(FIXTURES / "simple.yaml")
    path = tmp_path / "cases.csv"
    path.write_text("id,date,sex,age,area,count\n1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,1\n")
    ingest(store, path, mapping.model_copy(update={"fields": {**mapping.fields}}))
    path.write_text("id,date,sex,age,area,count\n1,2023-01-01,M,20,A,1\n2,2023-01-02,F,30,B,5\n")

    ingest(store, path, mapping)

    assert store.execute("SELECT SUM(count) FROM incidents").fetchone() == (6,)


def test_provenance_records_hash_source_licence_and_time(store):
    report = ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))

    row = store.execute("SELECT file_hash, source, licence, ingested_at FROM provenance").fetchone()

    assert row is not None and row[0] == report.file_hash and len(row[0]) == 64
    assert row[1] == "ovpkit test fixture" and row[2] == "CC0" and row[3] is not None


def test_ingest_parquet_reads_typed_columns(store, tmp_path):
    table = pa.table(
        {"date": pa.array(["2022-05-01", "2022-05-02", "bad"]), "sex": ["M", "F", "M"],
         "age": pa.array([20.0, None, 40.0]), "area": ["X", "Y", "X"], "count": [1, 2, 3]}
    )  # fmt: skip
    pq.write_table(table, tmp_path / "cases.parquet")

    report = ingest(store, tmp_path / "cases.parquet", load_mapping(FIXTURES / "simple.yaml"))

    assert (report.loaded, report.quarantined) == (2, 1)
    assert quarantined_rows(store)[0]["row"] == 3


def test_ingest_xlsx_with_title_rows_finds_the_header(store, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["MINISTERIO"])
    sheet.append([])
    sheet.append(["FECHA", "SEXO", "EDAD", "MUNICIPIO", "CANTIDAD"])
    sheet.append(["2021-06-01", "FEMENINO", 15, "05001000", 2])
    book.save(tmp_path / "tabla.xlsx")

    report = ingest(store, tmp_path / "tabla.xlsx", load_mapping(SPANISH))

    assert (report.rows_in, report.loaded) == (1, 1)
    assert store.execute("SELECT area_code, sex, count FROM incidents").fetchone() == (
        "05001000",
        "female",
        2,
    )


def test_mapping_with_unknown_field_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    shutil.copy(FIXTURES / "simple.yaml", bad)
    bad.write_text(bad.read_text() + "  colour: c\n")

    with pytest.raises(DataError, match="unknown field"):
        load_mapping(bad)


def test_ingest_failure_midway_leaves_store_unchanged(store, tmp_path):
    mapping = load_mapping(SPANISH)
    ingest(store, FIXTURES / "homicidios_latin1.csv", mapping)
    before = [_count(store, t) for t in ("incidents", "quarantine", "provenance")]

    with pytest.raises(DataError):
        ingest(store, FIXTURES / "homicidios_latin1.csv", mapping.model_copy(
            update={"name": "strict-again"}), strict=True)  # fmt: skip

    assert [_count(store, t) for t in ("incidents", "quarantine", "provenance")] == before


def test_ingest_strict_accepts_rows_the_mapping_excludes(store, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("id,date,sex,age,area,count\n1,2023-01-01,M,20,A,1\nTotal,,,,,1\n")
    simple = load_mapping(FIXTURES / "simple.yaml")
    rule = {"column": "id", "equals": ["Total"], "reason": "table total row"}
    mapping = simple.model_validate(simple.model_dump() | {"exclude": [rule]})

    report = ingest(store, path, mapping, strict=True)

    assert (report.loaded, report.quarantined) == (1, 1)
    assert quarantined_rows(store)[0]["reason"] == "excluded: table total row"
