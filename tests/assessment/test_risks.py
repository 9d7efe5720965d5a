"""The report's risks as checks, numbers as evidence, and the prioritised plan.

Offices are the report's four cities (examples/answers) with the report's risks added
as perturbations: an expiring grant, turnover, a move, a council asking for results.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ovpkit.assessment.answers import Answer, AnswerValue, BudgetLine
from ovpkit.assessment.answersfile import (
    AnswerSet,
    Respondent,
    RespondentRole,
    load_answers,
    parse_answer_set,
)
from ovpkit.assessment.comparison import compare_assessments
from ovpkit.assessment.engine import assess
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.results import Assessment
from ovpkit.assessment.risks import risk_records
from ovpkit.errors import AnswersError
from ovpkit.knowledge import ReportText, load_knowledge_base

EXAMPLES = Path(__file__).parents[2] / "examples" / "answers"
CITIES = ("bristol", "cali", "edmonton", "rosario")

#: A budget at its best by the rubric: own, adequate, safeguarded, diverse, core-funded.
EXEMPLARY_BUDGET: Mapping[str, AnswerValue] = {
    "budget.prospects": "yes",
    "budget.dedicated": "yes",
    "budget.adequate": "yes",
    "budget.legal_safeguard": "yes",
    "budget.survived_transition": "yes",
    "budget.core_funding": "yes",
    "budget.sources": ("municipal", "national"),
}


def _answers(city: str, changes: Mapping[str, AnswerValue]) -> dict[str, Answer]:
    answers = dict(reconcile(load_answers(EXAMPLES / f"{city}.yaml")).answers)
    answers.update({q: Answer(question=q, value=v) for q, v in changes.items()})
    return answers


def _assess(
    city: str, changes: Mapping[str, AnswerValue], assessed_on: str = "2024-03-01"
) -> Assessment:
    respondent = Respondent(
        id="r", role=RespondentRole.OFFICE_STAFF, answers=_answers(city, changes)
    )
    return assess(
        AnswerSet(office=city, respondents=(respondent,), agreed={}, assessed_on=assessed_on)
    )


def test_risk_quotes_are_found_in_their_sections(report: ReportText) -> None:
    problems = [
        f"{r.id}: {problem}"
        for r in risk_records().values()
        if (problem := report.find(r.quote, r.citation.section, r.citation.endnote))
    ]
    assert not problems, "\n".join(problems)


@settings(max_examples=30, deadline=None)
@given(city=st.sampled_from(CITIES), share=st.floats(min_value=50.5, max_value=100))
def test_most_money_expiring_stops_the_budget_below_exemplary(city: str, share: float) -> None:
    result = _assess(
        city,
        {**EXEMPLARY_BUDGET, "sustainability.time_limited_share": share},
    )
    budget = result.criterion(6)
    assert budget.level <= 2 and budget.level_high <= 2
    assert budget.capped_by == "funding-cliff" and budget.capped_from == 3
    assert "funding-cliff" in {r.id for r in result.risks}


def test_a_small_time_limited_share_with_a_plan_keeps_the_budget_exemplary() -> None:
    changes = {
        **EXEMPLARY_BUDGET,
        "sustainability.time_limited_share": 20.0,
        "sustainability.time_limited_ends": 2025.0,
        "sustainability.plan_after": "yes",
    }
    result = _assess("edmonton", changes)
    assert result.criterion(6).level == 3
    assert not result.risks


def test_an_expiring_grant_without_a_plan_is_flagged_and_planned_first() -> None:
    changes = {
        "sustainability.time_limited_share": 30.0,
        "sustainability.time_limited_ends": 2025.0,
        "sustainability.plan_after": "no",
    }
    result = _assess("cali", changes)
    assert [r.id for r in result.risks] == ["funding-cliff"]
    first = result.action_plan[0]
    assert first.check == "funding-cliff" and first.start_now and first.horizon == "0-6"
    assert first.owner == "finance"


def test_grant_ending_later_than_next_budget_is_not_a_cliff() -> None:
    changes = {
        "sustainability.time_limited_share": 30.0,
        "sustainability.time_limited_ends": 2028.0,
    }
    assert not _assess("cali", changes).risks


@pytest.mark.parametrize(
    ("changes", "risk"),
    [
        ({"sustainability.directors": 3.0}, "leadership-turnover"),
        ({"sustainability.department_moves": 1.0}, "institutional-move"),
    ],
)
def test_turnover_and_moves_are_flagged(changes: Mapping[str, AnswerValue], risk: str) -> None:
    assert risk in {r.id for r in _assess("edmonton", changes).risks}


def test_one_director_change_and_no_move_are_not_risks() -> None:
    changes = {"sustainability.directors": 2.0, "sustainability.department_moves": 0.0}
    assert not _assess("edmonton", changes).risks


def test_results_demanded_with_weak_documentation_brings_an_outcome_evaluation() -> None:
    weak = {
        "documentation.reports": "partly",
        "documentation.public": "no",
        "documentation.regular": "no",
        "documentation.baseline": "no",
        "documentation.program_evaluation": "no",
        "documentation.impact_evaluation": "no",
        "sustainability.results_demanded": "yes",
    }
    result = _assess("rosario", weak)
    assert result.criterion(9).level <= 1
    assert "results-demanded" in {r.id for r in result.risks}
    steps = {s.check: s for s in result.action_plan}
    assert "documentation-evaluation" in steps
    evaluation = steps["documentation-evaluation"]
    assert "documentation-baseline" in evaluation.depends_on
    assert steps["documentation-baseline"].order < evaluation.order


@settings(max_examples=25, deadline=None)
@given(
    city=st.sampled_from(CITIES),
    share=st.one_of(st.none(), st.floats(min_value=0, max_value=100)),
    directors=st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
    moves=st.one_of(st.none(), st.integers(min_value=0, max_value=3)),
    demanded=st.sampled_from(("yes", "no", None)),
)
def test_at_most_three_steps_start_now_and_dependencies_come_first(
    city: str, share: float | None, directors: int | None, moves: int | None, demanded: str | None
) -> None:
    changes: dict[str, AnswerValue] = {
        "sustainability.time_limited_share": share,
        "sustainability.time_limited_ends": 2024.0,
        "sustainability.directors": None if directors is None else float(directors),
        "sustainability.department_moves": None if moves is None else float(moves),
        "sustainability.results_demanded": demanded,
    }
    plan = _assess(city, changes).action_plan
    assert sum(s.start_now for s in plan) <= 3
    order = {s.check: s.order for s in plan}
    for step in plan:
        assert step.horizon in ("0-6", "6-18", "18-36") and step.owner and step.done_when
        assert all(order[d] < step.order for d in step.depends_on)


def _two_respondents(staff: float, other: float) -> AnswerSet:
    answers = _answers("edmonton", {})
    first = {**answers, "staff.full_time": Answer(question="staff.full_time", value=staff)}
    second = {"staff.full_time": Answer(question="staff.full_time", value=other)}
    return AnswerSet(
        office="edmonton",
        respondents=(
            Respondent(id="director", role=RespondentRole.OFFICE_STAFF, answers=first),
            Respondent(id="partner", role=RespondentRole.PARTNER_ORGANISATION, answers=second),
        ),
        agreed={},
    )


def test_respondents_disagreeing_on_a_number_lower_the_confidence_and_list_it() -> None:
    agreeing = assess(_two_respondents(12, 12)).criterion(7)
    disputed = assess(_two_respondents(12, 20)).criterion(7)
    assert disputed.disputed_facts == ("staff.full_time",)
    assert agreeing.disputed_facts == ()
    assert disputed.confidence < agreeing.confidence


def test_a_reassessment_reports_a_forty_percent_staff_cut() -> None:
    before = _assess("edmonton", {"staff.full_time": 50.0}, assessed_on="2023-03-01")
    after = _assess("edmonton", {"staff.full_time": 30.0}, assessed_on="2024-03-01")
    changes = {c.question: c for c in compare_assessments([before, after]).fact_changes}
    cut = changes["staff.full_time"]
    assert (cut.before, cut.after) == (50.0, 30.0)
    assert cut.relative == pytest.approx(-0.4)


US_OFFICE = """\
office: Office of Violence Prevention of a US city not in the report
answers:
  context.office_status: active
  context.region: north_america
  context.united_states: yes
  context.office_model: mayor_office
  context.police_jurisdiction: municipal
  budget.sources: [municipal]
  mandate.written: yes
  mandate.public: partly
  partners.civil_society: yes
  partners.mechanism: partly
  diagnosis.exists: partly
  population.defined: partly
  prevention.primary: yes
  prevention.secondary: partly
  budget.dedicated: yes
  budget.core_funding: no
  staff.dedicated_team: yes
  staff.permanent: partly
  politics.mayor_support: yes
  politics.institutionalised: no
  documentation.reports: partly
"""


def test_a_us_office_gets_us_peers_before_a_uk_coalition() -> None:
    result = assess(parse_answer_set(US_OFFICE))
    kb = load_knowledge_base()
    offices = {o.slug: o for o in kb.offices}
    slots = [e.office_slug for c in result.criteria for e in c.exemplars if e.office_slug]
    us = sum(offices[s].in_united_states for s in slots)
    assert slots.count("bristol-vpc") == 0
    assert us >= 6  # Oakland and Los Angeles hold 8 practices in the knowledge base
    for exemplar in (e for c in result.criteria for e in c.exemplars if e.office_slug):
        assert exemplar.reasons  # every peer says why it was chosen
        assert (exemplar.reasons[0] == "tags") == bool(exemplar.matched_tags)
        if offices[exemplar.office_slug].in_united_states:
            assert "also_us" in exemplar.reasons


def test_an_active_office_just_moved_gets_advice_on_where_it_sits() -> None:
    result = _assess(
        "cali",
        {
            "context.office_status": "active",
            "context.office_model": "line_department",
            "sustainability.department_moves": 1.0,
        },
    )
    advice = result.office_model_advice
    assert advice is not None and advice.current == "line_department"
    assert advice.options[0].model == "line_department"
    assert {o.model for o in advice.options[1:]} >= {"mayor_office", "independent_council"}
    assert "institutional-move" in {r.id for r in result.risks}


def _budget_respondents(*amounts: tuple[float, ...]) -> AnswerSet:
    """One respondent per list of amounts, each for the same year (rows in given order)."""
    respondents = []
    for i, rows in enumerate(amounts):
        lines = tuple(BudgetLine(2023, "municipal", a, "USD") for a in rows)
        answers = _answers("edmonton", {"budget.amounts": lines}) if i == 0 else {}
        answers["budget.amounts"] = Answer(question="budget.amounts", value=lines)
        respondents.append(Respondent(id=f"r{i}", role=RespondentRole.OTHER, answers=answers))
    return AnswerSet(office="edmonton", respondents=tuple(respondents), agreed={})


def test_three_budgets_for_the_same_year_lower_the_budget_confidence() -> None:
    agreeing = assess(_budget_respondents((1e6,), (1e6,), (1e6,))).criterion(6)
    conflicting = assess(_budget_respondents((1e6,), (2e6,), (3e6,))).criterion(6)
    assert conflicting.disputed_facts == ("budget.amounts",)
    assert conflicting.confidence < agreeing.confidence


def test_the_same_budget_rows_in_another_order_agree() -> None:
    result = assess(_budget_respondents((1e6, 2e6), (2e6, 1e6)))
    assert result.criterion(6).disputed_facts == ()
    assert not result.disagreements


def test_a_share_above_100_percent_is_refused() -> None:
    with pytest.raises(AnswersError) as raised:
        parse_answer_set("office: T\nanswers:\n  sustainability.time_limited_share: 120\n")
    assert "100" in str(raised.value)


@pytest.mark.parametrize("written", ["75 %", "75%", "75"])
def test_a_share_may_be_written_with_its_percent_sign(written: str) -> None:
    answers = reconcile(
        parse_answer_set(
            f'office: T\nlanguage: es\nanswers:\n  sustainability.time_limited_share: "{written}"\n'
        )
    ).answers
    assert answers["sustainability.time_limited_share"].value == 75.0


def test_a_percent_sign_is_refused_where_no_share_is_asked() -> None:
    with pytest.raises(AnswersError):
        parse_answer_set('office: T\nanswers:\n  staff.full_time: "12%"\n')
