"""Reconciliation on the real pairs of ../shared/data, loaded with the diagnosis ingestion.

Expected figures are counted here independently, straight from the files with
pandas and json, and compared with what the reconciliation reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ovpkit.monitoring.reconciliation import CellStatus, Reconciliation, reconcile
from ovpkit.monitoring.sources import ingested_counts, philadelphia_homicide_totals

POLICE_FILES = {2019: ("homicidios_2019.xlsx", 10), 2023: ("homicidios_2023.xls", 9),
                2024: ("homicidios_2024.xls", 9)}  # fmt: skip


@pytest.fixture(scope="module")
def colombia(data_dir: Path) -> Reconciliation:
    folder = data_dir / "colombia"
    police = ingested_counts(
        [folder / name for name, _ in POLICE_FILES.values()], "colombia-policia-homicidios"
    )
    panel = ingested_counts([folder / "municipality_year.csv"], "colombia-municipality-year")
    return reconcile(police, panel, names=("Policía Nacional", "municipal panel"))


@pytest.fixture(scope="module")
def philadelphia(data_dir: Path) -> Reconciliation:
    folder = data_dir / "philadelphia"
    totals = philadelphia_homicide_totals(folder / "homicide_totals.json")
    shootings = ingested_counts(
        sorted(folder.glob("shootings_20*.json")),
        "philadelphia-shootings",
        by_area=False,
        fatal_only=True,
    )
    return reconcile(totals, shootings, names=("PPD homicides", "fatal shootings"))


def independent_police_total(data_dir: Path, year: int) -> int:
    """The table's own TOTAL row, read without ovpkit."""
    name, header = POLICE_FILES[year]
    frame = pd.read_excel(data_dir / "colombia" / name, header=header)
    frame.columns = [str(c).strip() for c in frame.columns]
    first = frame.columns[0]
    return int(frame.loc[frame[first].astype(str).str.strip() == "TOTAL", "CANTIDAD"].iloc[0])


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore:The xlrd engine is deprecated")
def test_colombia_totals_match_the_police_tables(colombia: Reconciliation, data_dir: Path) -> None:
    panel = pd.read_csv(data_dir / "colombia" / "municipality_year.csv")
    for totals in colombia.periods:
        year = int(totals.period)
        assert totals.a == independent_police_total(data_dir, year)
        assert totals.b == int(panel.loc[panel["year"] == year, "total_homicides"].sum())
    assert [p.period for p in colombia.periods] == ["2019", "2023", "2024"]
    assert len(colombia.periods_only_b) == 22 - 3  # the panel runs 2003-2024


@pytest.mark.slow
def test_colombia_differences_are_the_tarapaca_code(colombia: Reconciliation) -> None:
    differing = {(c.period, c.area, c.a, c.b, c.status) for c in colombia.cells if c.difference}
    # 2023 and 2024: one homicide coded 91798 (Tarapacá, Amazonas) but labelled
    # "Leticia (CT)" by the police; the panel, built by name, adds it to Leticia (91001).
    assert differing == {
        ("2023", "91001", 20, 21, CellStatus.WITHIN),
        ("2023", "91798", 1, None, CellStatus.ONLY_A),
        ("2024", "91001", 20, 21, CellStatus.WITHIN),
        ("2024", "91798", 1, None, CellStatus.ONLY_A),
    }
    assert all(p.a == p.b for p in colombia.periods)


@pytest.mark.slow
def test_philadelphia_fatal_shootings_are_fewer_than_homicides(
    philadelphia: Reconciliation, data_dir: Path
) -> None:
    folder = data_dir / "philadelphia"
    totals = json.loads((folder / "homicide_totals.json").read_text(encoding="utf-8"))
    for period in philadelphia.periods:
        features = json.loads((folder / f"shootings_{period.period}.json").read_text("utf-8"))
        fatal = sum(1 for f in features["features"] if f["properties"]["fatal"] is True)
        assert period.b == fatal
        assert period.a == int(totals[period.period]["annual"])
        assert 0.8 < (period.ratio or 0) < 0.96  # most, not all, homicides are shootings
    assert [p.period for p in philadelphia.periods] == [str(y) for y in range(2015, 2026)]
    assert all(c.status is CellStatus.GAP for c in philadelphia.cells)
