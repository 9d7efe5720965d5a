"""Hot spots on given polygons: victims placed by code or by point, Gi*, rates, disclosure.

Before, given polygons only shaded the data's own area codes: incidents with
coordinates but no matching code were left off the map, nobody said how many
fell outside, and the polygons had no hot-spot statistic of their own.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ovpkit.diagnosis import charts
from ovpkit.diagnosis.boundaries import check_boundaries, polygons
from ovpkit.diagnosis.diagnosis import Options, diagnose
from ovpkit.diagnosis.disclosure import public_dict
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.polygons import place, polygon_of, polygon_spots, queen_weights
from ovpkit.diagnosis.report import render_html
from ovpkit.errors import DataError
from ovpkit.i18n import use_language

MAPPING = """name: test-polygons
source: polygon test
area_level: district
fields:
  date: {column: date, formats: ["%Y-%m-%d"]}
  area_code: area
  lat: lat
  lon: lon
"""


def _ring(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]


def _feature(code: str, geometry: dict[str, object], name: str = "") -> dict[str, object]:
    return {"type": "Feature", "properties": {"code": code, "label_es": name or f"Zona {code}"},
            "geometry": geometry}  # fmt: skip


def _file(tmp_path: Path, features: list[dict[str, object]]) -> Path:
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


@pytest.fixture
def squares(tmp_path: Path) -> Path:
    """A and B share the edge x = 1; C (a ring with a hole) and D (two parts) lie apart."""
    hole = {"type": "Polygon", "coordinates": [_ring(3, 0, 6, 3), _ring(4, 1, 5, 2)]}
    parts = {"type": "MultiPolygon", "coordinates": [[_ring(7, 0, 8, 1)], [_ring(9, 0, 10, 1)]]}
    return _file(tmp_path, [
        _feature("A", {"type": "Polygon", "coordinates": [_ring(0, 0, 1, 1)]}),
        _feature("B", {"type": "Polygon", "coordinates": [_ring(1, 0, 2, 1)]}),
        _feature("C", hole), _feature("D", parts),
    ])  # fmt: skip


def _points(rows: list[tuple[str | None, float | None, float | None, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["area_code", "lon", "lat", "victims"])


def test_a_point_on_a_shared_edge_goes_to_exactly_one_polygon(squares):
    areas = polygons(squares, "code")
    found = polygon_of(np.array([1.0, 1.0]), np.array([0.5, 1.0]), areas)
    assert list(found) == [0, 0]  # the edge and the shared corner: A, once each
    placed = place(_points([(None, 1.0, 0.5, 7)]), areas)
    assert placed.counts["A"] + placed.counts["B"] == 7 and placed.by_point == 7


def test_a_point_in_a_hole_is_outside_and_counted_as_outside(squares):
    areas = polygons(squares, "code")
    placed = place(_points([(None, 4.5, 1.5, 4), (None, 3.5, 0.5, 2), (None, 50.0, 50.0, 3)]),
                   areas)  # fmt: skip
    assert placed.counts["C"] == 2
    assert placed.outside == 4 + 3


def test_each_part_of_a_multipolygon_holds_its_points(squares):
    placed = place(_points([(None, 7.5, 0.5, 1), (None, 9.5, 0.5, 2)]), polygons(squares, "code"))
    assert placed.counts["D"] == 3


def test_a_polygon_code_wins_over_coordinates_and_other_codes_go_by_point(squares):
    rows = [("B", 0.5, 0.5, 5), ("precinct 9", 0.5, 0.5, 6), (None, None, None, 2)]
    placed = place(_points(rows), polygons(squares, "code"))
    assert (placed.counts["A"], placed.counts["B"]) == (6, 5)
    assert (placed.by_code, placed.by_point, placed.unplaced) == (5, 6, 2)


def test_queen_contiguity_links_edges_and_corners_only(tmp_path):
    path = _file(tmp_path, [
        _feature("1", {"type": "Polygon", "coordinates": [_ring(0, 0, 1, 1)]}),
        _feature("2", {"type": "Polygon", "coordinates": [_ring(1, 1, 2, 2)]}),  # a corner
        _feature("3", {"type": "Polygon", "coordinates": [_ring(5, 5, 6, 6)]}),  # apart
    ])  # fmt: skip
    weights = queen_weights(polygons(path, "code")).toarray()
    assert weights.tolist() == [[1, 1, 0], [1, 1, 0], [0, 0, 1]]


def test_rates_per_polygon_only_where_its_population_is_given(squares):
    areas = polygons(squares, "code")
    placed = place(_points([("A", None, None, 30), ("B", None, None, 12)]), areas)
    spots = polygon_spots(placed, areas, {"A": 60_000.0}, key="code")
    rates = {s.code: s.rate for s in spots.spots}
    assert rates["A"] == pytest.approx(50.0) and rates["B"] is None


def _grid(tmp_path: Path, n: int = 5) -> Path:
    cells = [_feature(f"{i}-{j}", {"type": "Polygon", "coordinates": [_ring(i, j, i + 1, j + 1)]})
             for i in range(n) for j in range(n)]  # fmt: skip
    return _file(tmp_path, cells)


def test_a_cluster_of_polygons_is_a_hot_spot_and_a_quiet_corner_is_not(tmp_path):
    areas = polygons(_grid(tmp_path), "code")
    counts = {a.code: 2 for a in areas} | {"1-1": 80, "1-2": 70, "2-1": 75, "2-2": 90}
    rows = [(code, None, None, n) for code, n in counts.items()]
    spots = polygon_spots(place(_points(rows), areas), areas, {}, key="code")
    kinds = {s.code: s.kind for s in spots.spots}
    assert kinds["1-1"] == kinds["2-2"] == "hot"
    assert kinds["4-4"] == "none"
    assert spots.concentration.places == 25 and spots.concentration.places_with_zero_known


def _store_with_points(store, tmp_path: Path, rows: list[tuple[str, float, float]]):
    frame = pd.DataFrame(rows, columns=["area", "lon", "lat"])
    frame["date"] = "2022-06-01"
    frame.to_csv(tmp_path / "incidents.csv", index=False)
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    ingest(store, tmp_path / "incidents.csv", load_mapping(tmp_path / "m.yaml"))


def test_public_polygons_hide_small_counts_their_rates_and_every_z_score(store, tmp_path, squares):
    rows = [("", 0.5, 0.5)] * 40 + [("", 1.5, 0.5)] * 3 + [("", 3.5, 0.5)] * 30
    _store_with_points(store, tmp_path, rows + [("", 50.0, 50.0)] * 12)
    result = diagnose(store, Options(boundaries=squares, boundary_key="code"))
    assert result.polygons is not None and result.polygons.outside == 12
    public = public_dict(result)["polygons"]
    shown = {s["code"]: s for s in public["spots"]}
    assert shown["B"]["victims"] is None and shown["B"]["rate"] is None
    hidden = [c for c, s in shown.items() if s["victims"] is None]
    assert len(hidden) >= 2  # a second one hidden, or B = total - the others
    assert {shown[c]["suppressed"]["victims"] for c in hidden} == {"small", "complementary"}
    assert all(s["z"] is None for s in public["spots"])
    assert public["outside"] == 12


def test_codes_of_another_unit_are_no_error_when_the_data_have_coordinates(squares):
    check_boundaries(squares, "code", {"precinct 9"}, located=True)
    with pytest.raises(DataError):
        check_boundaries(squares, "code", {"precinct 9"})


def test_a_wrong_boundary_name_is_an_error_naming_the_property_in_spanish(squares):
    with use_language("es"), pytest.raises(DataError) as raised:
        check_boundaries(squares, "code", set(), name_key="nombre")
    assert raised.value.field == "--boundary-name"
    assert "'nombre'" in str(raised.value) and "'label_es'" in str(raised.value)
    assert "sus propiedades" in str(raised.value) and "give" not in str(raised.value)


def test_the_boundary_name_property_names_each_polygon(squares):
    names = {a.code: a.name for a in polygons(squares, "code", "label_es")}
    assert names["A"] == "Zona A"


def test_the_page_names_the_busiest_big_areas_on_the_map_and_says_who_fell_outside(
    store, tmp_path, squares
):
    rows = [("", 0.5, 0.5)] * 40 + [("", 1.5, 0.5)] * 25 + [("", 3.5, 0.5)] * 30
    _store_with_points(store, tmp_path, rows + [("", 50.0, 50.0)] * 12)
    result = diagnose(store, Options(boundaries=squares, boundary_key="code",
                                     boundary_name="label_es"))  # fmt: skip
    with use_language("es"):
        page = render_html(result, boundaries=squares, boundary_key="code",
                           boundary_name="label_es")  # fmt: skip
    where = page[page.index("<h2>Dónde") :]
    svg = where[: where.index("</svg>")]
    assert ">Zona C<" in svg  # named on the map: big (the ring with a hole) and busy
    assert "Puntos calientes en las zonas" in where
    assert "12 víctimas con coordenadas quedan fuera de todas las zonas" in where


def test_a_district_with_a_spike_is_repaired_drawn_and_holds_its_points(tmp_path):
    """Like Philadelphia's district 2: the repair gives a polygon plus a stray line."""
    spike = [[0, 0], [2, 0], [2, 2], [1, 2], [1, 3], [1, 2], [0, 2], [0, 0]]
    path = _file(tmp_path, [_feature("X", {"type": "Polygon", "coordinates": [spike]})])
    (area,) = polygons(path, "code")
    assert area.geometry.is_valid and area.geometry.area == pytest.approx(4.0)
    assert area.geometry.geom_type == "MultiPolygon"  # the line is gone, the area kept
    assert len(charts._path(area.geometry).vertices) >= 5  # drawn: was an empty path
    assert place(_points([(None, 0.2, 1.0, 4)]), [area]).counts["X"] == 4
