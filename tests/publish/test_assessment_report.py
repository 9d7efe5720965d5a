"""The assessment report as a reader sees it: the report's chart, footnotes, languages, PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

from ovpkit.assessment.results import Assessment
from ovpkit.assessment.validation import city_assessments
from ovpkit.publish.assessment import render_assessment_html, write_assessment_pdf


@pytest.fixture(scope="module")
def cities() -> dict[str, Assessment]:
    return city_assessments()


def test_report_lays_out_the_chart_in_two_columns(cities: dict[str, Assessment]) -> None:
    html = render_assessment_html(cities["Cali"])
    chart = html.split('<table class="chart">')[1].split("</table>")[0]
    headers = re.findall(r"<th>(.*?)</th>", chart)
    assert headers == ["Criteria", "Current strengths", "Opportunities to enhance effectiveness"]
    assert chart.count('<td class="criterion">') == 9


def test_report_footnote_marks_all_point_to_a_note(cities: dict[str, Assessment]) -> None:
    html = render_assessment_html(cities["Edmonton"])
    marks = set(re.findall(r'href="#fn-(\d+)"', html))
    notes = set(re.findall(r'<li id="fn-(\d+)"', html))
    assert marks and marks == notes


def test_report_shows_office_model_advice_only_without_an_office(
    cities: dict[str, Assessment],
) -> None:
    assert "Choosing an office model" in render_assessment_html(cities["Rosario"])
    assert "Choosing an office model" not in render_assessment_html(cities["Edmonton"])


def test_report_in_spanish_translates_interface_and_keeps_quotes_english(
    cities: dict[str, Assessment],
) -> None:
    html = render_assessment_html(cities["Rosario"], lang="es")
    assert 'lang="es"' in html
    assert "Oportunidades para mejorar la eficacia" in html
    assert "Fortalezas actuales" in html
    assert "a vibrant civil society currently demanding greater action" in html  # English quote


def test_report_in_portuguese_translates_interface(cities: dict[str, Assessment]) -> None:
    html = render_assessment_html(cities["Bristol"], lang="pt")
    assert "Oportunidades para aumentar a eficácia" in html


@pytest.mark.slow
def test_spanish_pdf_renders_to_a_page_image(cities: dict[str, Assessment], tmp_path: Path) -> None:
    pdf = write_assessment_pdf(cities["Cali"], tmp_path / "cali-es.pdf", lang="es")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed: the page image cannot be checked")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    assert list(tmp_path.glob("p*.png"))


def _chart_rows(html: str) -> list[str]:
    chart = html.split('<table class="chart">')[1].split("</table>")[0]
    return chart.split('<td class="criterion">')[1:]


def test_report_weighs_tradeoffs_under_each_opportunity_with_a_footnote(
    cities: dict[str, Assessment],
) -> None:
    cali = cities["Cali"]
    budget = cali.criterion(6)
    diversify = next(o for o in budget.opportunities if o.check == "budget-diverse")
    weighed = diversify.tradeoffs[0]

    row = _chart_rows(render_assessment_html(cali))[5]
    item = next(li for li in row.split("<li>") if diversify.text in li)

    assert f"Weigh: <strong>{escape(weighed.topic)}</strong>" in item
    assert escape(weighed.gain) in item and escape(weighed.cost) in item
    footnote = rf'{re.escape(escape(weighed.topic))}</strong><sup class="fn"><a href="#fn-\d+"'
    assert re.search(footnote, item)


def test_report_writes_a_tradeoff_out_once_per_criterion_row(
    cities: dict[str, Assessment],
) -> None:
    html = render_assessment_html(cities["Cali"])

    for result, row in zip(cities["Cali"].criteria, _chart_rows(html), strict=True):
        weighed = {t.id: t for o in result.opportunities for t in o.tradeoffs}
        for tradeoff in weighed.values():
            assert row.count(escape(tradeoff.gain)) == 1, tradeoff.id


def test_report_lists_under_peers_only_tradeoffs_not_weighed_above(
    cities: dict[str, Assessment],
) -> None:
    result = cities["Cali"].criterion(1)
    weighed = {t.id for o in result.opportunities for t in o.tradeoffs}
    others = [t for t in result.tradeoffs if t.id not in weighed]

    html = render_assessment_html(cities["Cali"])
    peers = html.split('<div class="peers">')[1]

    assert others, "criterion 1 of Cali has no other tradeoff: pick another criterion"
    for tradeoff in result.tradeoffs:
        assert (f"Tradeoff: {escape(tradeoff.topic)}" in peers) == (tradeoff.id not in weighed)
