"""Activity reports: what a partner delivered in a period, checked like every other record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ovpkit.errors import AnswersError
from ovpkit.i18n import use_language
from ovpkit.monitoring import parse_records
from ovpkit.monitoring.records import ActivityReport

REPORT = {
    "id": "q1",
    "program": "mentoring",
    "period_start": "2024-01-01",
    "period_end": "2024-03-31",
    "activities": 12,
    "reached": 40,
}

RECORDS = """
office: Test office
programs:
  - {id: mentoring, name: Mentoring, prevention_level: secondary,
     focus_population: youth, stage: scale_up}
activity_reports:
  - {id: q1, program: PROGRAM, period_start: 2024-01-01, period_end: 2024-03-31,
     activities: 12, reached: 40}
"""


def test_a_report_with_its_breakdown_is_accepted() -> None:
    cells = [{"sex": "female", "count": 25}, {"sex": "male", "count": 15}]
    report = ActivityReport.model_validate(REPORT | {"reached_by": cells})
    assert report.activities == 12 and sum(c.count for c in report.reached_by) == 40


def test_a_period_that_ends_before_it_starts_is_refused_in_spanish() -> None:
    with use_language("es"), pytest.raises(ValidationError) as caught:
        ActivityReport.model_validate(REPORT | {"period_end": "2023-12-31"})
    assert "termina antes" in str(caught.value)


def test_groups_of_one_dimension_cannot_exceed_the_people_reached() -> None:
    cells = [{"sex": "female", "count": 30}, {"sex": "male", "count": 15}]
    with pytest.raises(ValidationError, match="45"):
        ActivityReport.model_validate(REPORT | {"reached_by": cells})


def test_cells_along_different_dimensions_are_not_added_together() -> None:
    """30 women and 30 people aged 15-19 may be 40 people: the groups overlap."""
    cells = [{"sex": "female", "count": 30}, {"age_group": "15-19", "count": 30}]
    assert ActivityReport.model_validate(REPORT | {"reached_by": cells}).reached == 40


def test_the_records_file_holds_them_and_checks_their_program() -> None:
    records = parse_records(RECORDS.replace("PROGRAM", "mentoring"))
    assert [r.id for r in records.activity_reports] == ["q1"]
    with pytest.raises(AnswersError) as caught:
        parse_records(RECORDS.replace("PROGRAM", "nothing"))
    assert caught.value.field == "program"
