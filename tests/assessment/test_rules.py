"""The rule language: three-valued all/any/at-least/not and comparisons."""

from __future__ import annotations

import pytest

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.rules import Status, parse_condition

M, N, U = Status.MET, Status.NOT_MET, Status.UNKNOWN


def _eval(raw: dict[str, object], questionnaire: Questionnaire, **values: object) -> Status:
    answers = {
        k.replace("__", "."): Answer(question=k.replace("__", "."), value=v)  # type: ignore[arg-type]
        for k, v in values.items()
    }
    return parse_condition(raw, questionnaire).evaluate(answers)


ANY = {"any": [{"q": "mandate.public", "is": "yes"}, {"q": "mandate.written", "is": "yes"}]}
ALL = {"all": [{"q": "mandate.public", "is": "yes"}, {"q": "mandate.written", "is": "yes"}]}


@pytest.mark.parametrize(
    ("public", "written", "any_status", "all_status"),
    [
        ("yes", None, M, U),
        ("no", None, U, N),
        ("no", "no", N, N),
        ("yes", "yes", M, M),
        (None, None, U, U),
    ],
)
def test_any_and_all_follow_kleene_logic(
    questionnaire: Questionnaire,
    public: str | None,
    written: str | None,
    any_status: Status,
    all_status: Status,
) -> None:
    values = {"mandate__public": public, "mandate__written": written}
    assert _eval(ANY, questionnaire, **values) is any_status
    assert _eval(ALL, questionnaire, **values) is all_status


def test_at_least_counts_met_parts(questionnaire: Questionnaire) -> None:
    rule = {
        "at_least": 2,
        "of": [
            {"q": "prevention.primary", "is": "yes"},
            {"q": "prevention.secondary", "is": "yes"},
            {"q": "prevention.tertiary", "is": "yes"},
        ],
    }
    assert _eval(rule, questionnaire, prevention__primary="yes", prevention__tertiary="yes") is M
    assert _eval(rule, questionnaire, prevention__primary="yes", prevention__secondary="no") is U
    assert _eval(rule, questionnaire, prevention__primary="no", prevention__secondary="no") is N


def test_not_flips_known_and_keeps_unknown(questionnaire: Questionnaire) -> None:
    rule = {"not": {"q": "mandate.public", "is": "yes"}}
    assert _eval(rule, questionnaire, mandate__public="no") is M
    assert _eval(rule, questionnaire, mandate__public=None) is U


def test_numbers_and_choice_lists_compare(questionnaire: Questionnaire) -> None:
    assert _eval({"q": "staff.full_time", "at_least": 5}, questionnaire, staff__full_time=10.0) is M
    assert _eval({"q": "staff.full_time", "at_most": 5}, questionnaire, staff__full_time=10.0) is N
    sources = ("municipal", "private")
    assert (
        _eval(
            {"q": "budget.sources", "includes": "private"}, questionnaire, budget__sources=sources
        )
        is M
    )
    assert (
        _eval({"q": "budget.sources", "count_at_most": 1}, questionnaire, budget__sources=sources)
        is N
    )


def test_rule_with_an_unknown_question_is_refused(questionnaire: Questionnaire) -> None:
    with pytest.raises(KeyError):
        parse_condition({"q": "mandate.nothing", "is": "yes"}, questionnaire)


def test_rule_with_an_impossible_answer_is_refused(questionnaire: Questionnaire) -> None:
    with pytest.raises(ValueError, match="cannot be maybe"):
        parse_condition({"q": "mandate.public", "is": "maybe"}, questionnaire)
