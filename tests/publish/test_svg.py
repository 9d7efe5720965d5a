"""The inline SVG charts: one mark per value, escaped labels, readable widths."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ovpkit.publish.svg import LEVEL_COLOURS, LevelBar, heat_map, level_chart

NAMES = ["absent", "emerging", "established", "exemplary"]
SVG = "{http://www.w3.org/2000/svg}"


def test_level_chart_draws_one_bar_per_criterion_coloured_by_level() -> None:
    bars = [LevelBar(f"c{i}", i % 4, 0, 3, "50%") for i in range(9)]
    root = ET.fromstring(level_chart(bars, NAMES, title="Levels"))
    rects = root.findall(f"{SVG}rect")
    assert [r.get("fill") for r in rects] == [LEVEL_COLOURS[i % 4] for i in range(9)]


def test_level_chart_bar_length_grows_with_the_level() -> None:
    bars = [LevelBar("one", 1, 1, 1), LevelBar("three", 3, 3, 3)]
    root = ET.fromstring(level_chart(bars, NAMES, title="Levels"))
    one, three = (float(r.get("width", "0")) for r in root.findall(f"{SVG}rect"))
    assert three == pytest.approx(3 * one, abs=0.2)


def test_level_chart_escapes_and_shortens_long_labels() -> None:
    bars = [LevelBar("<b>" + "x" * 200, 1, 1, 1)]
    text = level_chart(bars, NAMES, title="A & B")
    ET.fromstring(text)  # still well-formed
    assert "<b>" not in text and "…" in text


def test_heat_map_has_one_cell_per_value() -> None:
    root = ET.fromstring(heat_map(["a", "b"], ["1", "2", "3"], [[0, 1, 2], [3, 2, 1]], title="t"))
    fills = [r.get("fill") for r in root.findall(f"{SVG}rect")]
    assert fills == [LEVEL_COLOURS[v] for v in (0, 1, 2, 3, 2, 1)]
