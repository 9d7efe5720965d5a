"""The risks, the plan and the reasons peers were chosen, as a reader sees them."""

from __future__ import annotations

import re

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.engine import assess
from ovpkit.assessment.results import Assessment
from ovpkit.publish.assessment import render_assessment_html

OFFICE = """\
office: An office not in the report
assessed_on: "2024-03-01"
respondents:
  - id: director
    role: office_staff
    answers:
      context.office_status: active
      context.office_model: line_department
      context.united_states: yes
      context.region: north_america
      context.police_jurisdiction: municipal
      budget.dedicated: yes
      budget.adequate: yes
      budget.core_funding: yes
      budget.survived_transition: yes
      budget.sources: [municipal, national]
      staff.dedicated_team: yes
      staff.full_time: 25
      documentation.reports: partly
      sustainability.time_limited_share: 75
      sustainability.directors: 3
      sustainability.department_moves: 1
      sustainability.results_demanded: yes
  - id: partner
    role: partner_organisation
    answers:
      staff.full_time: 14
"""


@pytest.fixture(scope="module")
def office() -> Assessment:
    return assess(parse_answer_set(OFFICE))


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split("<body", 1)[1])


def test_spanish_report_names_risks_with_local_numbers_and_no_codes(office: Assessment) -> None:
    text = _text(render_assessment_html(office, lang="es"))
    assert "Riesgos sobre los que advierte el informe" in text
    assert "El 75\u00a0% del presupuesto es temporal" in text  # Babel: no-break space
    assert "Trasladada a otra dependencia una vez" in text
    for code in ("funding-cliff", "data_evaluation", "city_leadership", "also_us", "0-6"):
        assert code not in text


def test_report_plan_starts_at_most_three_steps_now(office: Assessment) -> None:
    html = render_assessment_html(office, lang="en")
    plan = html.split('<table class="plan stacked">')[1].split("</table>")[0]
    assert 1 <= plan.count("Start now") <= 3
    assert "Who leads" in plan and "Done when" in plan


def test_report_lists_disputed_numbers_and_why_peers_were_chosen(office: Assessment) -> None:
    text = _text(render_assessment_html(office, lang="pt"))
    assert "Os respondentes divergem nestes números" in text
    assert "Escolhido porque:" in text
    assert "Onde o escritório fica e o que uma transferência mudaria" in text
