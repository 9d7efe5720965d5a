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


def _panel(path: Path, counties: int = 6, years: int = 8, seed: int = 5) -> tuple[Path, int]:
    """County-year homicide counts with population; returns the file and the small cells."""
    rng = np.random.default_rng(seed)
    lines = ["county,year,homicides,population"]
    small = 0
    for c in range(counties):
        for y in range(2010, 2010 + years):
            n = int(rng.integers(0, 60))
            small += 0 < n < 5
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


def test_aggregate_panel_cells_are_shown_unless_the_count_is_small(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path, small = _panel(tmp_path / "panel.csv")
    ingest(store, path, _mapping("aggregate"))

    result = diagnose(store, Options(by_area=True))
    public = public_dict(result)

    hidden = [r for r in public["by_area"] if r["victims"] is None]
    shown = [r for r in public["by_area"] if r["victims"] is not None]
    assert result.aggregate
    assert len(hidden) == small and len(shown) == 48 - small
    assert all(r["rate"] is not None for r in shown if r["victims"] > 0)


def test_panel_loaded_as_victims_keeps_the_one_record_rule(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path, _ = _panel(tmp_path / "panel.csv")
    ingest(store, path, _mapping("victim"))

    public = public_dict(diagnose(store, Options(by_area=True)))

    assert all(r["victims"] is None for r in public["by_area"] if r["records"] is None)
    assert all(r["victims"] is None for r in public["by_area"])
