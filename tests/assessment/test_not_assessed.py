"""'Not assessed' is not level 0, and what would move a level, everywhere it is shown."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.comparison import compare_assessments, comparison_document
from ovpkit.assessment.engine import assess
from ovpkit.assessment.export import assessment_document
from ovpkit.assessment.results import Assessment
from ovpkit.publish.assessment import render_assessment_html
from ovpkit.publish.comparison import render_comparison_html
from ovpkit.publish.svg import LevelBar, heat_map, level_chart

# only the mandate and partnerships are answered; nothing of criteria 3-9
ANSWERS = """\
office: Test office
assessed_on: "{date}"
answers:
  mandate.written: yes
  mandate.public: yes
  partners.civil_society: yes
  partners.design: yes
  partners.mechanism: {mechanism}
"""


def _assess(mechanism: str = "unknown", date: str = "2024-01-01") -> Assessment:
    return assess(parse_answer_set(ANSWERS.format(mechanism=mechanism, date=date)))


def test_a_criterion_without_any_known_check_is_not_assessed() -> None:
    result = _assess()
    assert [c.assessed for c in result.criteria] == [True, True] + [False] * 7


def test_level_zero_with_no_known_level_one_check_is_not_assessed() -> None:
    # only a level-2 check is (partly) known: "0 · absent, confidence 0%" would claim
    # that nothing is in place with no evidence for or against it
    result = assess(parse_answer_set("office: T\nanswers:\n  population.defined: partly\n"))
    population = result.criterion(4)
    assert not population.assessed
    assert assessment_document(result)["criteria"][3]["level"] is None


def test_json_gives_no_level_for_a_criterion_not_assessed() -> None:
    criteria = assessment_document(_assess())["criteria"]
    assert criteria[0]["level"] == 2 and criteria[0]["assessed"] is True
    assert criteria[2]["level"] is None and criteria[2]["assessed"] is False
    assert criteria[2]["level_name"] == "not assessed"


@pytest.mark.parametrize(("lang", "words"), [("en", "not assessed"), ("es", "sin valorar")])
def test_report_shows_not_assessed_instead_of_absent(lang: str, words: str) -> None:
    html = render_assessment_html(_assess(), lang=lang)
    table = html.split('<table class="chart">')[1]
    assert table.count("badge not-assessed") == 7
    assert "level-0" not in table.split("</table>")[0]
    assert words in html


def test_chart_draws_no_bar_for_a_criterion_not_assessed() -> None:
    svg = level_chart(
        [LevelBar("c", 0, 0, 3, "–", not_assessed="not assessed")], ["0", "1", "2", "3"], title="t"
    )
    root = ET.fromstring(svg)
    assert not [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]
    assert "not assessed" in svg and svg.count('class="range"') == 1  # the legend's mark only


def test_heat_map_marks_a_missing_level_apart_from_zero() -> None:
    svg = heat_map(["a"], ["1", "2"], [[0, None]], title="t", not_assessed="not assessed")
    assert svg.count('class="cell not-assessed"') == 1 and ">0<" in svg and ">–<" in svg


def test_comparison_keeps_not_assessed_apart_and_does_not_count_it_as_a_move() -> None:
    earlier, later = _assess(date="2023-01-01"), _assess("yes", date="2024-01-01")
    comparison = compare_assessments([earlier, later])
    document = comparison_document(comparison)
    assert document["assessments"][0]["levels"][2] is None
    assert all(change.criterion in (1, 2) for change in comparison.changes)
    assert "badge not-assessed" in render_comparison_html(comparison)


def test_what_would_move_this_names_an_unknown_answer_that_raises_the_level() -> None:
    text = "office: O\nanswers:\n  mandate.written: yes\n"
    mandate = assess(parse_answer_set(text)).criterion(1)
    assert mandate.level == 1
    up = [m for m in mandate.moves if m.level > mandate.level]
    assert up and not up[0].was_known
    changed = text + f"  {up[0].question}: {up[0].value}\n"
    assert assess(parse_answer_set(changed)).criterion(1).level == up[0].level


def test_what_would_move_this_is_shown_in_the_report() -> None:
    html = render_assessment_html(_assess(), lang="es")
    assert "Qué lo haría cambiar:" in html
