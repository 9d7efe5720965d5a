"""The fast paths of ingestion and hot spots give exactly what the plain paths give.

Parquet numbers are read typed (no round trip through text), ids that are whole
numbers are checked for repeats with a bit per value, and word lists are looked
up without an IN list; each must load and set aside the same rows, with the
same values and reasons, as reading every cell as text. H3 cells are computed
as integers and named once per cell; they must be the cells of each point.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import h3
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ovpkit.diagnosis.hotspots import cell_counts
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.diagnosis.parsers import one_of
from ovpkit.diagnosis.readers import read_raw
from ovpkit.diagnosis.store import open_store

MAPPING = Mapping.model_validate(
    {
        "name": "paths",
        "source": "seeded",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "sex": "sex",
            "victim_age": "age",
            "area_code": "area",
            "lat": "lat",
            "lon": "lon",
            "count": "n",
        },
    }
)
ODD_NUMBERS = [np.nan, np.inf, -np.inf, -1.0, 0.5, 120.0, 120.5, 1e20, -0.0, 39.95]


def _seeded(rows: int, seed: int = 7) -> pa.Table:
    """Typed incidents with every kind of awkward number, repeated ids and bad dates."""
    rng = np.random.default_rng(seed)
    odd = np.array(ODD_NUMBERS)

    def number(low: float, high: float) -> pa.Array:
        digits = rng.integers(0, 6, rows)
        values = np.round(rng.uniform(low, high, rows) * 10.0**digits) / 10.0**digits
        pick = rng.random(rows) < 0.1
        values[pick] = rng.choice(odd, pick.sum())
        return pa.array(values, mask=rng.random(rows) < 0.05)

    days = rng.integers(0, 2000, rows)
    dates = [str(np.datetime64("2018-01-01") + d) for d in days]
    dates = [d if r > 0.02 else "31/12/2020" for d, r in zip(dates, rng.random(rows), strict=True)]
    return pa.table(
        {
            "id": pa.array(rng.integers(0, rows, rows), mask=rng.random(rows) < 0.02),
            "date": dates,
            "sex": rng.choice(["M", "F", "x", " m ", "NA", ""], rows).tolist(),
            "age": number(-5, 130),
            "area": rng.choice(["A1", "B2", "7.0", None], rows).tolist(),
            "lat": number(-95, 95),
            "lon": number(-185, 185),
            "n": pa.array(rng.choice([1, 2, 0, -3, 1_000_000], rows).astype("int32")),
        }
    )


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two paths with the same file name (record keys of rows without id use it)."""
    (tmp_path / "typed").mkdir()
    (tmp_path / "text").mkdir()
    return tmp_path / "typed" / "cases.parquet", tmp_path / "text" / "cases.parquet"


def _as_text(source: Path, target: Path) -> None:
    """The same file with every column written as DuckDB's own text of it."""
    duckdb.execute(
        f"COPY (SELECT COLUMNS(*)::VARCHAR FROM read_parquet('{source}')) "
        f"TO '{target}' (FORMAT parquet)"
    )


def _stored(path: Path, mapping: Mapping = MAPPING) -> tuple[list[tuple], list[tuple], int]:
    con = open_store(":memory:")
    report = ingest(con, path, mapping, max_set_aside=1.0)
    incidents = con.execute('SELECT * EXCLUDE (file_hash) FROM incidents ORDER BY "row"').fetchall()
    problems = con.execute(
        'SELECT "row", field, "value", reason, raw FROM quarantine ORDER BY "row", field'
    ).fetchall()
    con.close()
    assert report.balanced
    return incidents, problems, report.loaded


def test_typed_parquet_numbers_load_and_set_aside_like_their_text(tmp_path):
    typed, text = _pair(tmp_path)
    pq.write_table(_seeded(3000), typed)
    _as_text(typed, text)

    fast = _stored(typed)
    slow = _stored(text)

    assert {"DOUBLE", "BIGINT", "INTEGER"} <= set(read_raw(typed, MAPPING).types)
    assert fast[2] > 500 and len(fast[1]) > 500
    assert fast == slow


def test_marker_that_reads_as_a_number_keeps_that_column_missing(tmp_path):
    typed, text = _pair(tmp_path)
    table = pa.table({"id": [1, 2], "date": ["2022-01-01", "2022-01-02"], "sex": ["M", "F"],
                      "age": [-1.0, 30.0], "area": ["A", "B"], "lat": [1.0, 2.0],
                      "lon": [3.0, 4.0], "n": [1, 1]})  # fmt: skip
    pq.write_table(table, typed)
    _as_text(typed, text)
    mapping = MAPPING.model_copy(
        update={"read": MAPPING.read.model_copy(update={"na_values": ("-1.0",)})}
    )

    incidents, problems, loaded = _stored(typed, mapping)

    assert (loaded, problems) == (2, [])
    assert [row[14] for row in incidents] == [None, 30]  # victim_age
    assert _stored(text, mapping) == (incidents, problems, loaded)


@pytest.mark.parametrize("ids", [[5, 6, 5, 7, 5], [5, 10**15, 5, -(10**15), 5]])
def test_repeated_whole_number_ids_are_numbered_whatever_their_range(tmp_path, ids):
    path = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"id": ids, "date": ["2022-01-01"] * 5}), path)
    mapping = Mapping.model_validate({"name": "ids", "source": "s", "fields": {
        "id": "id", "date": "date"}})  # fmt: skip

    incidents, _, _ = _stored(path, mapping)

    keys = [row[1] for row in incidents]
    assert keys == [str(ids[0]), str(ids[1]), f"{ids[0]}#2", str(ids[3]), f"{ids[0]}#3"]


def test_csv_and_text_parquet_of_the_same_rows_give_the_same_store(tmp_path):
    typed, text = _pair(tmp_path)
    pq.write_table(_seeded(400, seed=11), typed)
    _as_text(typed, text)
    csv = tmp_path / "cases.csv"
    duckdb.execute(f"COPY (SELECT * FROM read_parquet('{text}')) TO '{csv}' (HEADER)")

    from_csv = _stored(csv)
    from_parquet = _stored(text)

    shifted = [(r[0] - 1, *r[1:4]) for r in from_csv[1]]  # the CSV header is line 1
    assert shifted == [r[:4] for r in from_parquet[1]]
    assert [r[4:] for r in from_csv[0]] == [r[4:] for r in from_parquet[0]]


@pytest.mark.parametrize("words", [(), ("a",), ("NA", "N/A", "NaN", "null", "NULL", "#N/A")])
def test_one_of_agrees_with_in_except_that_missing_is_false(words):
    con = duckdb.connect()
    cells = ["a", "NA", "b", None, "", "#N/A"]
    listed = ", ".join(f"'{w}'" for w in words) or "NULL"

    got = [
        con.execute(f"SELECT {one_of('?', words)}, ? IN ({listed})", [c, c]).fetchone()
        for c in cells
    ]

    assert [bool(a) for a, _ in got] == [bool(b) for _, b in got]
    assert all(a is not None for a, _ in got)


def test_text_age_or_count_that_is_not_finite_is_set_aside_not_a_crash(store, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("id,date,sex,age,area,lat,lon,n\n1,2022-01-01,M,inf,A,1,2,1\n"
                    "2,2022-01-02,F,30,A,1,2,nan\n3,2022-01-03,F,30,A,1,2,1e30\n"
                    "4,2022-01-04,M,20,A,1,2,1\n")  # fmt: skip

    report = ingest(store, path, MAPPING, max_set_aside=1.0)

    reasons = store.execute('SELECT "row", reason FROM quarantine ORDER BY "row"').fetchall()
    assert (report.loaded, report.quarantined) == (1, 3)
    assert reasons == [(2, "age outside 0 to 120"), (3, "not a number"), (4, "number too large")]


def test_cell_counts_match_h3_called_on_every_point():
    rng = np.random.default_rng(3)
    points = pd.DataFrame(
        {
            "lat": (39.9 + rng.random(5000) * 0.2).round(4),
            "lon": (-75.25 + rng.random(5000) * 0.25).round(4),
            "victims": rng.integers(1, 5, 5000),
        }
    )
    by_point = [h3.latlng_to_cell(a, b, 9) for a, b in zip(points.lat, points.lon, strict=True)]
    expected = points.groupby(pd.Series(by_point, index=points.index))["victims"].sum()

    got = cell_counts(points, 9)

    assert got == {str(k): int(v) for k, v in expected.items()} and len(got) > 100
