"""Graded evidence: a ``partly`` is partial evidence, never worse than ``unknown``.

Property tests perturb the four answers files built from the report (examples/answers):
whatever the other answers, replacing an ``unknown`` by ``partly`` never lowers a level,
and changing one known answer moves a level by at most one, unless the new answer
leaves no level-1 evidence (every level-1 check not met or unknown: level 0 by the
rubric's own definition, "nothing of the criterion is in place yet").
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ovpkit.assessment.answers import Answer, AnswerValue
from ovpkit.assessment.answersfile import AnswerSet, Respondent, RespondentRole, load_answers
from ovpkit.assessment.engine import assess
from ovpkit.assessment.levels import evaluate_level
from ovpkit.assessment.questionnaire import QuestionType, load_questionnaire
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.rubric import Rubric, load_rubric
from ovpkit.assessment.rules import Status

EXAMPLES = Path(__file__).parents[2] / "examples" / "answers"
CITIES = ("bristol", "cali", "edmonton", "rosario")
STATUS_QUESTIONS = tuple(
    q.id for q in load_questionnaire().questions if q.type is QuestionType.STATUS
)
KNOWN_STATUS = ("yes", "partly", "no")


@cache
def _city(city: str) -> Mapping[str, Answer]:
    return reconcile(load_answers(EXAMPLES / f"{city}.yaml")).answers


def _with(answers: Mapping[str, Answer], changes: Mapping[str, AnswerValue]) -> dict[str, Answer]:
    return {**answers, **{q: Answer(question=q, value=v) for q, v in changes.items()}}


def _levels(rubric: Rubric, answers: Mapping[str, Answer]) -> list[int]:
    return [evaluate_level(rubric.checks_for(n), answers).level for n in range(1, 10)]


perturbations = st.dictionaries(
    st.sampled_from(STATUS_QUESTIONS), st.sampled_from((*KNOWN_STATUS, None)), max_size=8
)


@settings(max_examples=300, deadline=None)
@given(
    city=st.sampled_from(CITIES),
    others=perturbations,
    question=st.sampled_from(STATUS_QUESTIONS),
)
def test_partly_never_scores_below_unknown(
    city: str, others: dict[str, AnswerValue], question: str
) -> None:
    rubric = load_rubric()
    base = _with(_city(city), others)
    unknown = _levels(rubric, _with(base, {question: None}))
    partly = _levels(rubric, _with(base, {question: "partly"}))
    assert all(p >= u for p, u in zip(partly, unknown, strict=True)), (question, partly, unknown)


@settings(max_examples=300, deadline=None)
@given(
    city=st.sampled_from(CITIES),
    others=perturbations,
    question=st.sampled_from(STATUS_QUESTIONS),
    before=st.sampled_from(KNOWN_STATUS),
    after=st.sampled_from(KNOWN_STATUS),
)
def test_no_single_answer_moves_a_level_by_more_than_one(
    city: str, others: dict[str, AnswerValue], question: str, before: str, after: str
) -> None:
    rubric = load_rubric()
    base = _with(_city(city), others)
    first, second = _with(base, {question: before}), _with(base, {question: after})
    for number in range(1, 10):
        checks = rubric.checks_for(number)
        a, b = evaluate_level(checks, first), evaluate_level(checks, second)
        if min(a.level, b.level) == 0 and _nothing_in_place(rubric, number, first, second):
            continue
        assert abs(a.level - b.level) <= 1, (city, question, number, a.level, b.level)


def _nothing_in_place(rubric: Rubric, number: int, *answer_sets: Mapping[str, Answer]) -> bool:
    """No level-1 evidence in one of the sets (each level-1 check not met or unknown).

    Level 0 is defined as nothing of the criterion (shown to be) in place; an answer that
    takes away the last level-1 evidence may bring a criterion there from any level.
    """
    return any(
        all(c.when.score(answers)[0] == 0.0 for c in rubric.checks_for(number, 1))
        for answers in answer_sets
    )


def test_a_partly_mechanism_beside_real_participation_is_established(rubric: Rubric) -> None:
    # the case: residents consulted and partners in design, one mechanism "partly"
    answers = _with(
        {},
        {
            "partners.civil_society": "yes",
            "partners.design": "yes",
            "partners.implementation": "yes",
            "partners.mechanism": "partly",
        },
    )
    outcome = evaluate_level(rubric.checks_for(2), answers)
    assert outcome.level == 2  # the old single gate gave 1
    assert outcome.statuses["partners-mechanism"] is Status.PARTLY


def test_exemplary_is_shown_not_presumed(rubric: Rubric) -> None:
    known = {
        "budget.dedicated": "yes",
        "budget.adequate": "yes",
        "budget.sources": ("municipal", "regional", "national"),
    }
    outcome = evaluate_level(rubric.checks_for(6), _with({}, known))
    assert outcome.level == 2  # level-3 safeguard and core funding unknown: not shown
    assert outcome.high == 3


def test_one_missing_step_costs_one_level_not_the_ladder(rubric: Rubric) -> None:
    # Edmonton's diagnosis (level 3) with neither a formal diagnosis nor indicators: the
    # level-2 step is missing while the level-3 practice is there (the old climb gave 1)
    answers = _with(_city("edmonton"), {"diagnosis.exists": "no", "diagnosis.indicators": "no"})
    assert evaluate_level(rubric.checks_for(3), _city("edmonton")).level == 3
    assert evaluate_level(rubric.checks_for(3), answers).level == 2


@settings(max_examples=30, deadline=None)
@given(city=st.sampled_from(CITIES), others=perturbations)
def test_strengths_shown_never_exceed_the_level_badge(
    city: str, others: dict[str, AnswerValue]
) -> None:
    answers = _with(_city(city), others)
    respondent = Respondent(id="r", role=RespondentRole.OFFICE_STAFF, answers=answers)
    result = assess(AnswerSet(office=city, respondents=(respondent,), agreed={}))
    for criterion in result.criteria:
        assert all(s.level <= max(criterion.level, 1) for s in criterion.strengths)
