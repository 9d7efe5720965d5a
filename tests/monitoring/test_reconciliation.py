"""Reconciling two sources of the same events: hand-made tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ovpkit.errors import DataError
from ovpkit.monitoring.reconciliation import CellStatus, reconcile
from ovpkit.monitoring.sources import count_table, philadelphia_homicide_totals


def table(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area", "period", "count"])


def test_reconcile_classifies_every_cell() -> None:
    police = table([("A", "2023", 100), ("B", "2023", 10), ("C", "2023", 7), ("D", "2023", 4)])
    health = table([("A", "2023", 104), ("B", "2023", 10), ("C", "2023", 9), ("E", "2023", 2)])
    result = reconcile(police, health, names=("police", "health"), tolerance=0.05)
    status = {c.area: c.status for c in result.cells}
    assert status == {
        "A": CellStatus.WITHIN,  # 4% apart
        "B": CellStatus.MATCH,
        "C": CellStatus.GAP,  # 2 of 7 = 29%
        "D": CellStatus.ONLY_A,
        "E": CellStatus.ONLY_B,
    }
    (year,) = result.periods
    assert (year.a, year.b, year.difference) == (121, 125, 4)
    assert (year.only_a, year.only_b, year.gaps) == (1, 1, 3)
    assert result.gaps[0].area == "C"
    assert result.gaps[0].relative == pytest.approx(2 / 7)


def test_reconcile_min_difference_absorbs_small_counts() -> None:
    result = reconcile(table([("C", "2023", 7)]), table([("C", "2023", 9)]), min_difference=2)
    assert result.cells[0].status is CellStatus.WITHIN


def test_reconcile_compares_only_shared_periods() -> None:
    a = table([("X", "2019", 5), ("X", "2020", 6)])
    b = table([("X", "2020", 6), ("X", "2021", 8)])
    result = reconcile(a, b)
    assert [p.period for p in result.periods] == ["2020"]
    assert result.periods_only_a == ("2019",)
    assert result.periods_only_b == ("2021",)


def test_reconcile_sums_repeated_rows_and_strips_labels() -> None:
    a = table([("X ", "2020", 2), ("X", "2020", 3)])
    result = reconcile(a, table([("X", "2020", 5)]))
    assert result.cells[0].status is CellStatus.MATCH


def test_reconcile_refuses_a_text_count() -> None:
    bad = pd.DataFrame({"area": ["X"], "period": ["2020"], "count": ["many"]})
    with pytest.raises(DataError) as caught:
        reconcile(bad, table([("X", "2020", 1)]), names=("police.csv", "b"))
    # The first data row of a CSV is its line 2 (the header is line 1), never "row 0".
    assert (caught.value.file, caught.value.record, caught.value.field) == (
        "police.csv",
        "row 2",
        "count",
    )


def test_count_table_reads_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("comuna;anio;muertes\n1;2022;4\n2;2022;9\n", encoding="utf-8")
    frame = count_table(path, by="comuna", period="anio", count="muertes")
    assert frame.to_dict("records") == [
        {"area": "1", "period": "2022", "count": 4},
        {"area": "2", "period": "2022", "count": 9},
    ]


def test_count_table_missing_column_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("comuna,anio,muertes\n1,2022,4\n", encoding="utf-8")
    with pytest.raises(DataError, match="column 'area' not found") as caught:
        count_table(path, by="area", period="anio", count="muertes")
    assert "comuna, anio, muertes" in (caught.value.hint or "")


def test_philadelphia_totals_skip_the_unfinished_year(tmp_path: Path) -> None:
    path = tmp_path / "totals.json"
    path.write_text('{"2025": {"annual": 222.0}, "2026": {"annual": null, "ytd": 1}}', "utf-8")
    frame = philadelphia_homicide_totals(path)
    assert frame.to_dict("records") == [{"area": "all", "period": "2025", "count": 222}]
