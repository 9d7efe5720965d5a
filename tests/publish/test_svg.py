"""The inline SVG charts: one mark per value, escaped labels, readable widths."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ovpkit.publish.svg import LEVEL_COLOURS, LevelBar, LevelLegend, heat_map, level_chart

NAMES = ["absent", "emerging", "established", "exemplary"]
SVG = "{http://www.w3.org/2000/svg}"


def test_level_chart_draws_one_bar_per_criterion_coloured_by_level() -> None:
    bars = [LevelBar(f"c{i}", i % 4, 0, 3, "50%") for i in range(9)]
    root = ET.fromstring(level_chart(bars, NAMES, title="Levels"))
    rects = [r for r in root.findall(f"{SVG}rect") if r.get("class") == "bar"]
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


def _range_after_bar(root: ET.Element) -> list[tuple[int, int]]:
    """(index of a bar, index of the range mark drawn next) among the chart's children."""
    children = list(root)
    bars = [i for i, el in enumerate(children) if el.get("class") == "bar"]
    ranges = [i for i, el in enumerate(children) if el.get("class") == "range"]
    return list(zip(bars, ranges, strict=False))


def test_level_chart_draws_the_range_over_the_bar_from_low_to_high() -> None:
    root = ET.fromstring(level_chart([LevelBar("c", 2, 1, 3, "40%")], NAMES, title="Levels"))
    (bar, mark), *_rest = _range_after_bar(root)
    assert mark > bar  # drawn later, so painted above the bar
    group = list(root)[mark]
    bar_x = float(list(root)[bar].get("x", "0"))
    step = float(list(root)[bar].get("width", "0")) / 2  # level 2 bar = two steps
    assert float(group.get("data-from", "0")) == pytest.approx(bar_x + step, abs=0.2)
    assert float(group.get("data-to", "0")) == pytest.approx(bar_x + 3 * step, abs=0.2)


def test_level_chart_puts_confidence_in_its_own_headed_column() -> None:
    svg = level_chart(
        [LevelBar("c", 3, 3, 3, "43%")],
        NAMES,
        title="Levels",
        legend=LevelLegend("confidence", "range"),
    )
    root = ET.fromstring(svg)
    texts = {el.text: el for el in root.iter(f"{SVG}text")}
    level_3 = float(texts["3"].get("x", "0"))  # the column's heading (its number)
    note = root.find(f"{SVG}text[@class='confidence']")
    assert note is not None and note.text == "43%"
    assert float(note.get("x", "0")) - level_3 > 60  # not under the level columns
    heading = texts["confidence"]
    assert heading.get("x") == note.get("x")


def test_level_chart_has_a_legend_for_each_colour_and_the_range_mark() -> None:
    svg = level_chart(
        [LevelBar("c", 1, 0, 2)], NAMES, title="t", legend=LevelLegend("conf", "possible levels")
    )
    legend = ET.fromstring(svg).find(f"{SVG}g[@class='legend']")
    assert legend is not None
    swatches = [r.get("fill") for r in legend.iter(f"{SVG}rect")]
    words = [t.text for t in legend.iter(f"{SVG}text")]
    assert swatches == list(LEVEL_COLOURS)
    assert words == [f"{i} {name}" for i, name in enumerate(NAMES)] + ["possible levels"]
    assert legend.find(f"{SVG}g[@class='range']") is not None
