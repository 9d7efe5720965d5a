"""The map of given polygons: classes, hidden areas, numbers and the key table.

A polygon whose count is hidden used to be shaded as the area with fewest
victims, and a hidden age group showed no bar at all (read as none); both now
carry the disclosure marker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from ovpkit.diagnosis import charts
from ovpkit.diagnosis.boundaries import polygons
from ovpkit.diagnosis.diagnosis import diagnose
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.report import render_html
from ovpkit.i18n import use_language
from ovpkit.publish.disclosure import MARKER

MAPPING = """name: test-area-map
source: area map test
area_level: district
fields:
  date: {column: date, formats: ["%Y-%m-%d"]}
  area_code: area
"""


def _square(x: float, props: dict[str, str]) -> dict[str, object]:
    ring = [[x, 0.0], [x + 1, 0.0], [x + 1, 1.0], [x, 1.0], [x, 0.0]]
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def _boundaries(tmp_path: Path, features: list[dict[str, object]]) -> Path:
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


@pytest.fixture
def three_areas(store, tmp_path):
    """One year: area A 200 victims, B 3 (hidden, under the threshold), C 50."""
    days = pd.date_range("2022-01-01", "2022-12-31", freq="D")
    areas = ["A"] * 200 + ["B"] * 3 + ["C"] * 50
    frame = pd.DataFrame({"date": [days[i % len(days)].strftime("%Y-%m-%d") for i in
                                   range(len(areas))], "area": areas})  # fmt: skip
    frame.to_csv(tmp_path / "incidents.csv", index=False)
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    ingest(store, tmp_path / "incidents.csv", load_mapping(tmp_path / "m.yaml"))
    features = [_square(i, {"code": c, "name": f"District {c}"}) for i, c in enumerate("CAB")]
    return diagnose(store), _boundaries(tmp_path, features)


def _where(page: str, heading: str = "<h2>Where") -> str:
    return page.split(heading)[1].split("<h2>")[0]


def test_area_map_hatches_a_hidden_area_and_lists_it_as_hidden(three_areas):
    result, path = three_areas

    page = render_html(result, boundaries=path, boundary_key="code")

    where = _where(page)
    assert "count hidden (x)" in where and "<pattern" in where  # the hatch, in the legend too
    assert f"<td>District B</td><td>{MARKER}</td>" in where
    assert "<td>District A</td><td>200</td>" in where
    assert "<td>District C</td><td>50</td>" in where


def test_area_map_numbers_every_area_and_names_it_in_the_key(three_areas):
    result, path = three_areas

    page = render_html(result, boundaries=path, boundary_key="code")

    where = _where(page)
    rows = [(n, name) for n, name in ((1, "A"), (2, "B"), (3, "C"))]
    for number, code in rows:  # numbered in the order of the codes, not of the file
        assert f"<td>{number}</td><td>District {code}</td>" in where
    assert "The map as a table (3 areas)" in where


def test_area_map_reads_in_spanish(three_areas):
    result, path = three_areas

    with use_language("es"):
        page = render_html(result, boundaries=path, boundary_key="code")

    where = _where(page, "<h2>Dónde")
    assert "recuento oculto (x)" in where and "El mapa como tabla (3 áreas)" in where


def test_area_classes_leave_hidden_counts_out_of_the_bounds():
    shades = charts.area_classes([None, 3, 8, 20, 40, 41, 90, None, 0])

    assert [(s.low, s.high) for s in shades] == [(3, 8), (20, 20), (40, 41), (90, 90)]
    assert len({s.colour for s in shades}) == len(shades)


def test_area_classes_put_each_shown_count_in_exactly_one_class():
    values = [5, 5, 5, 6, 12, 12, 13, 70, 71, 300, 301, 302]

    shades = charts.area_classes(values)

    for v in values:
        assert sum(s.low <= v <= s.high for s in shades) == 1
    assert len(shades) == charts.CLASSES


def test_polygons_sort_numeric_codes_as_numbers_and_fall_back_to_the_code(tmp_path):
    features = [_square(i, {"district": c}) for i, c in enumerate(["10", "2", "1"])]

    areas = polygons(_boundaries(tmp_path, features), "district")

    assert [(a.number, a.code, a.name) for a in areas] == [(1, "1", "1"), (2, "2", "2"),
                                                            (3, "10", "10")]  # fmt: skip
    assert [a.label for a in areas] == ["1", "2", "10"]  # short names: written on the map


def test_polygons_with_long_names_are_labelled_by_their_row_in_the_key(tmp_path):
    features = [_square(i, {"id": c, "NAME": n}) for i, (c, n) in
                enumerate([("b", "Northern Liberties"), ("a", "Fishtown")])]  # fmt: skip

    areas = polygons(_boundaries(tmp_path, features), "id")

    expected = [("1", "a", "Fishtown"), ("2", "b", "Northern Liberties")]
    assert [(a.label, a.code, a.name) for a in areas] == expected


def test_age_sex_chart_marks_a_hidden_group_instead_of_leaving_it_blank():
    shares = [
        {"group": "18-24", "sex": "male", "victims": 40},
        {"group": "60+", "sex": "male", "victims": None},
    ]

    svg = charts.age_sex_chart(shares)

    assert svg.count(f">{MARKER}<") == 1
