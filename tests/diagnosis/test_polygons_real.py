"""Hot spots on Philadelphia's 49 neighbourhoods from the shipped sample's coordinates.

The sample's area codes are police districts, so every victim is placed by
point. The counts are checked against an independent count: shapely's
``intersects_xy`` polygon by polygon, on the sample CSV read with pandas.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import shapely
import shapely.geometry
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.diagnosis.sample import sample_path
from ovpkit.errors import DataError

runner = CliRunner()


def _independent_counts(geojson: dict, year: int) -> tuple[dict[str, int], int]:
    """Victims per neighbourhood (first by name on a shared edge) and those in none."""
    frame = pd.read_csv(sample_path())
    frame = frame[frame["date"].str.startswith(str(year)) & frame["lat"].notna()]
    lon, lat = frame["lon"].to_numpy(), frame["lat"].to_numpy()
    taken = np.zeros(len(frame), dtype=bool)
    counts = {}
    features = sorted(geojson["features"], key=lambda f: f["properties"]["neighborhood"].casefold())
    for feature in features:
        inside = shapely.intersects_xy(shapely.geometry.shape(feature["geometry"]), lon, lat)
        counts[feature["properties"]["neighborhood"]] = int((inside & ~taken).sum())
        taken |= inside
    return counts, int((~taken).sum())


def test_neighbourhood_counts_match_an_independent_point_in_polygon_count(shared_data):
    path = shared_data / "philadelphia" / "neighborhoods.geojson"
    result = runner.invoke(app, ["diagnose", "--sample", "--boundaries", str(path),
                                 "--boundary-key", "neighborhood", "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    public = json.loads(result.stdout)
    given = public["polygons"]
    expected, outside = _independent_counts(json.loads(path.read_text("utf-8")),
                                            public["focus_year"])  # fmt: skip
    shown = {s["code"]: s["victims"] for s in given["spots"] if s["victims"] is not None}
    assert len(given["spots"]) == 49 and len(shown) > 10
    assert shown == {code: expected[code] for code in shown}
    assert given["by_point"] == sum(expected.values()) and given["by_code"] == 0
    assert given["outside"] in (outside, None)


def test_a_wrong_boundary_name_is_a_spanish_error_naming_file_and_property(shared_data):
    path = shared_data / "philadelphia" / "neighborhoods.geojson"
    result = runner.invoke(app, ["diagnose", "--sample", "--boundaries", str(path),
                                 "--boundary-key", "neighborhood", "--boundary-name", "nombre",
                                 "--lang", "es"])  # fmt: skip
    assert isinstance(result.exception, DataError)  # the CLI prints it, without a traceback
    message = str(result.exception)
    assert "neighborhoods.geojson" in message and "'nombre'" in message
    assert "sus propiedades son: 'neighborhood'" in message


def test_the_summary_counts_the_hot_neighbourhoods_in_spanish(shared_data):
    path = shared_data / "philadelphia" / "neighborhoods.geojson"
    result = runner.invoke(app, ["diagnose", "--sample", "--boundaries", str(path),
                                 "--boundary-key", "neighborhood", "--lang", "es"])  # fmt: skip
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("Puntos calientes en las"))
    assert line.endswith(" de 49")
