"""The coding of the report's 36 chart cells, and the agreement computed from it."""

from __future__ import annotations

from collections import Counter

from ovpkit.assessment.rubric import Rubric
from ovpkit.assessment.validation import report_judgements, validate_against_report
from ovpkit.knowledge import ReportText


def test_judgements_cover_36_cells_of_four_cities() -> None:
    cells = Counter((j.city, j.criterion) for j in report_judgements())
    assert len(cells) == 36 and set(cells.values()) == {1}
    assert {j.city for j in report_judgements()} == {"Bristol", "Cali", "Edmonton", "Rosario"}


def test_judgement_quotes_come_from_the_cities_charts(report: ReportText) -> None:
    problems = [
        f"{j.city} {j.criterion}: {problem}"
        for j in report_judgements()
        if (problem := report.find(j.quote, j.section))
    ]
    assert not problems, "\n".join(problems)


def test_judgement_themes_are_rubric_themes(rubric: Rubric) -> None:
    themes = {c.theme for c in rubric.checks} | {"continue"}
    for j in report_judgements():
        assert set(j.strength_themes) | set(j.opportunity_themes) <= themes, (j.city, j.criterion)


def test_unavailable_cells_are_coded_absent_and_continue_cells_exemplary() -> None:
    for j in report_judgements():
        if "Currently unavailable" in j.quote:
            assert j.level == 0 and not j.strength_themes
        if "continue" in j.opportunity_themes:
            assert j.level == 3


def test_agreement_counts_are_consistent_with_rows() -> None:
    report = validate_against_report()
    summary = report.summary()
    assert summary["cells"] == 36
    assert summary["level_exact"] == sum(r.report_level == r.engine_level for r in report.rows)
    assert summary["level_exact"] + summary["engine_higher"] + summary["engine_lower"] == 36
