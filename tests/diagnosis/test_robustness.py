"""Bad situations around the data commands end in a sentence, never a wrong title or silence."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ovpkit.diagnosis.boundaries import check_boundaries
from ovpkit.diagnosis.store import StoreInUse, open_store
from ovpkit.errors import DataError
from ovpkit.i18n import use_language

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
open(sys.argv[2], "w").close()
time.sleep(30)
"""


def _held(db: Path, tmp_path: Path) -> subprocess.Popen[bytes]:
    """Another process that keeps the store open for writing (DuckDB allows one)."""
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(ready)])
    for _ in range(300):
        if ready.exists():
            return holder
        time.sleep(0.05)
    holder.kill()
    pytest.fail("the holding process did not open the store")


def test_store_held_by_another_process_says_it_is_in_use(tmp_path: Path) -> None:
    db = tmp_path / "project.duckdb"
    open_store(db).close()
    holder = _held(db, tmp_path)
    try:
        with pytest.raises(StoreInUse) as caught, use_language("es"):
            open_store(db)
    finally:
        holder.kill()
        holder.wait()

    assert caught.value.heading() == "La base de datos del proyecto está en uso"
    assert "otro programa" in caught.value.message and caught.value.hint


def _boundaries(tmp_path: Path) -> Path:
    path = tmp_path / "districts.geojson"
    square = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    features = [
        {"type": "Feature", "properties": {"dist_num": code, "name": f"District {code}"},
         "geometry": square}
        for code in ("1", "2")
    ]  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def test_wrong_boundary_key_is_an_error_naming_it_and_the_properties(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        check_boundaries(_boundaries(tmp_path), "district", {"1", "2"})

    assert "'district'" in caught.value.message and "'dist_num'" in caught.value.message
    assert caught.value.field == "--boundary-key"


def test_boundary_key_whose_values_are_no_area_code_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        check_boundaries(_boundaries(tmp_path), "name", {"1", "2"})

    assert "'name'" in caught.value.message


def test_right_boundary_key_passes(tmp_path: Path) -> None:
    check_boundaries(_boundaries(tmp_path), "dist_num", {"1", "2", "3"})


def test_boundaries_that_are_not_json_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [')

    with pytest.raises(DataError):
        check_boundaries(path, "dist_num", {"1"})
