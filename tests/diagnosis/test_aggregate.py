"""Aggregate data: a row is already a count for an area and a year (a county-year panel).

The count is the measure: disclosure hides a cell for a small count of victims,
not because the cell came from one row of the source.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np

from ovpkit.diagnosis.diagnosis import Options, diagnose
from ovpkit.diagnosis.disclosure import public_dict
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping
from ovpkit.disclosure import DEFAULT_THRESHOLD


def _panel(path: Path, counties: int = 6, years: int = 8, seed: int = 5) -> tuple[Path, int]:
    """County-year homicide counts with population; returns the file and the small cells."""
    rng = np.random.default_rng(seed)
    lines = ["county,year,homicides,population"]
    small = 0
    for c in range(counties):
        for y in range(2010, 2010 + years):
            n = int(rng.integers(0, 60))
            small += 0 < n < DEFAULT_THRESHOLD
            lines.append(f"C{c:02d},{y},{n},{100_000 + 1000 * c}")
    path.write_text("\n".join(lines) + "\n")
    return path, small


def _mapping(unit: str) -> Mapping:
    return Mapping.model_validate({
        "name": f"panel-{unit}", "source": "county panel", "unit": unit, "area_level": "county",
        "fields": {"date": {"column": "year", "formats": ["%Y"], "precision": "year"},
                   "area_code": "county", "count": "homicides"},
        "population": {"area_code": "county", "year": "year", "population": "population"},
    })  # fmt: skip


def test_aggregate_panel_cells_are_hidden_for_small_counts_not_for_being_one_row(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path, small = _panel(tmp_path / "panel.csv")
    ingest(store, path, _mapping("aggregate"))

    result = diagnose(store, Options(by_area=True))
    public = public_dict(result)

    hidden = [r for r in public["by_area"] if r["victims"] is None]
    shown = [r for r in public["by_area"] if r["victims"] is not None]
    primary = [r for r in hidden if r["suppressed"]["victims"] == "small"]
    assert result.aggregate
    # Each small count is hidden, plus the few cells that would give one back by subtraction
    # (complementary suppression); every other county-year is shown with its rate.
    assert len(primary) == small
    assert all(r["suppressed"]["victims"] in {"small", "complementary"} for r in hidden)
    assert len(hidden) < 48 / 2 and len(shown) == 48 - len(hidden)
    assert all(r["victims"] == 0 or r["victims"] >= DEFAULT_THRESHOLD for r in shown)
    assert all(r["rate"] is not None for r in shown if r["victims"] > 0)


def test_the_number_of_source_rows_behind_a_cell_is_never_published(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    """One row of a panel (or three incidents with twelve victims) is a count below the
    threshold too: it is not the measure, so it is left out of what is published."""
    path, _ = _panel(tmp_path / "panel.csv")
    ingest(store, path, _mapping("victim"))

    public = public_dict(diagnose(store, Options(by_area=True)))

    rows = public["by_area"] + public["yearly"]
    assert rows and all(r["records"] is None for r in rows)
