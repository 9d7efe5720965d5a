"""Rows that copy an earlier row exactly are reported, and kept or set aside as the mapping says."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.quarantine import set_aside_report


def _mapping(duplicates: str, with_id: bool) -> Mapping:
    fields = {"date": {"column": "date", "formats": ["%Y-%m-%d"]}, "area_code": "area"}
    if with_id:
        fields["id"] = "id"
    return Mapping.model_validate({"name": "dups", "source": "city", "fields": fields,
                                   "duplicates": duplicates})  # fmt: skip


def _file(tmp_path: Path) -> Path:
    """20 distinct victims, then the first 5 again (a file appended to itself in part)."""
    rows = [f"{i},2021-03-{1 + i:02d},A{i % 3}" for i in range(20)]
    path = tmp_path / "victims.csv"
    path.write_text("id,date,area\n" + "\n".join(rows + rows[:5]) + "\n")
    return path


@pytest.mark.parametrize("with_id", [True, False])
def test_exact_copies_are_set_aside_naming_the_row_they_copy(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, with_id: bool
) -> None:
    report = ingest(store, _file(tmp_path), _mapping("set_aside", with_id))

    aside = store.execute('SELECT "row", reason FROM quarantine ORDER BY 1').fetchall()
    assert (report.loaded, report.quarantined, report.duplicates) == (20, 5, 5)
    assert aside[0] == (22, "excluded: exact copy of row 2")  # line 22 repeats line 2
    assert report.balanced


def test_exact_copies_kept_are_reported(store: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    report = ingest(store, _file(tmp_path), _mapping("keep", with_id=False))

    assert (report.loaded, report.duplicates) == (25, 5)
    assert "5 rows are exact copies of earlier rows; they were loaded" in set_aside_report(report)


def test_rows_sharing_an_id_but_not_their_cells_are_no_copies(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "incident.csv"
    path.write_text("id,date,area\n7,2021-03-01,A\n7,2021-03-01,B\n")

    report = ingest(store, path, _mapping("set_aside", with_id=True))

    assert (report.loaded, report.duplicates) == (2, 0)


def test_population_only_file_says_its_rows_were_read_as_population(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = tmp_path / "population.csv"
    path.write_text("area,year,residents\nA,2021,1000\nB,2021,2000\n")
    mapping = Mapping.model_validate({"name": "pop", "source": "census", "population": {
        "area_code": "area", "year": "year", "population": "residents"}})  # fmt: skip

    report = ingest(store, path, mapping)

    assert "2 rows in = 2 read as population + 0 set aside" in set_aside_report(report)
    assert report.balanced
