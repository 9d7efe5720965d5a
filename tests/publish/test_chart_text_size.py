"""Chart text a reader can read: never under 12 px at the size a 390 px phone shows it.

Each report's page is rendered and every inline SVG measured as a browser lays it out in
the report's column on a phone (``PHONE_WIDTH``): a chart drawn at 100 % shrinks to the
column (and to its own ``max-width``), one with a ``min-width`` keeps it (the figure
scrolls), a fixed width stays fixed. A 12-unit text in a 560-unit chart shrunk to 320 px
reads 6.9 px, which is what these tests catch.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from ovpkit.assessment.validation import city_assessments
from ovpkit.evaluation import simulate_counts
from ovpkit.evaluation.its import analyse
from ovpkit.evaluation.report import render_html as render_evaluation_html
from ovpkit.i18n import use_language
from ovpkit.monitoring import load_records, summarise
from ovpkit.monitoring.documents import summary_document
from ovpkit.monitoring.html import render_summary_html
from ovpkit.publish.assessment import render_assessment_html
from ovpkit.publish.svg import MIN_TEXT, PHONE_WIDTH, LevelBar, level_chart

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "monitoring"


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def _px(value: str | None) -> float | None:
    """A length in CSS pixels ("320", "320px", "240pt"); None for a percentage or nothing."""
    if not value or value.endswith("%"):
        return None
    number = float(re.sub(r"[a-z]+$", "", value))
    return number * 4 / 3 if value.endswith("pt") else number


def _style(svg: ET.Element, name: str) -> float | None:
    found = re.search(rf"(?:^|;)\s*{name}\s*:\s*([\d.]+(?:px|pt)?)", svg.get("style", ""))
    return _px(found.group(1)) if found else None


def shown_width(svg: ET.Element, column: float = PHONE_WIDTH) -> float:
    """How wide the browser draws ``svg`` in a column ``column`` px wide."""
    fixed = _px(svg.get("width"))
    width = fixed if fixed is not None else column
    width = min(width, column, _style(svg, "max-width") or width)  # report.css: max-width 100%
    return max(width, _style(svg, "min-width") or 0.0)


def text_sizes(svg: ET.Element) -> list[float]:
    """Every text's font size, in the SVG's own units (attribute or inline style)."""
    sizes = []
    for text in svg.iter(f"{SVG}text"):
        style = re.search(r"font(?:-size)?\s*:\s*([\d.]+)px", text.get("style", ""))
        size = text.get("font-size") or (style.group(1) if style else None)
        sizes.append(float(size) if size else 16.0)  # the browser's default
    return sizes


def smallest_shown_text(svg: ET.Element) -> float:
    view_width = float(svg.get("viewBox", "0 0 0 0").split()[2])
    return min(text_sizes(svg)) * shown_width(svg) / view_width


def _assert_readable(html: str) -> None:
    svgs = _svgs(html)
    assert svgs, "the page draws no chart"
    for svg in svgs:
        assert svg.get("viewBox"), "a chart without a viewBox cannot scale"
        fixed = _px(svg.get("width"))
        assert fixed is None or fixed <= 390
        assert smallest_shown_text(svg) >= MIN_TEXT - 0.05, svg.findtext(f"{SVG}title")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_assessment_report_charts_read_at_12_px_on_a_phone(lang: str) -> None:
    _assert_readable(render_assessment_html(city_assessments()["Cali"], lang=lang))


def test_monitoring_page_charts_read_at_12_px_on_a_phone() -> None:
    html = render_summary_html(summary_document(summarise(load_records(EXAMPLES / "palmira.yaml"))))
    _assert_readable(html)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_evaluation_report_charts_read_at_12_px_on_a_phone(lang: str) -> None:
    result = analyse(simulate_counts(seed=1), pd.Period("2020-01", freq="M"), title="City X")
    with use_language(lang):
        _assert_readable(render_evaluation_html(result))


def test_level_chart_scales_with_a_view_box_and_no_fixed_width() -> None:
    svg = ET.fromstring(level_chart([LevelBar("c", 1, 1, 1)], ["a", "b", "c", "d"], title="t"))
    assert svg.get("width") == "100%"
    assert float(svg.get("viewBox", "0 0 0 0").split()[2]) <= PHONE_WIDTH


def test_a_long_criterion_name_takes_two_lines_not_an_ellipsis() -> None:
    name = "Public documentation of the activities, results, and impact of every program"
    svg = level_chart([LevelBar(name, 1, 1, 1)], ["a", "b", "c", "d"], title="t")
    texts = [" ".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "…" not in svg
    assert name in texts  # one text, on two lines
