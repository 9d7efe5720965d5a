"""Key notions: a notion is in place only when its own element is shown, not on averages.

The offices are the report's four cities (examples/answers) with their political and
budget answers raised to "established" and one element perturbed: the notion's status
must follow that element, whatever the criteria's levels say.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ovpkit.assessment.answers import Answer, AnswerValue
from ovpkit.assessment.answersfile import AnswerSet, Respondent, RespondentRole, load_answers
from ovpkit.assessment.engine import assess
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.results import Assessment, NotionSummary

EXAMPLES = Path(__file__).parents[2] / "examples" / "answers"
CITIES = ("bristol", "cali", "edmonton", "rosario")

#: Buy-in and budget at least established: active mayor and council, own, adequate budget.
ESTABLISHED_BUY_IN: Mapping[str, AnswerValue] = {
    "politics.demand": "yes",
    "politics.mayor_support": "yes",
    "politics.council_support": "yes",
    "politics.promotes": "yes",
    "budget.prospects": "yes",
    "budget.dedicated": "yes",
    "budget.adequate": "yes",
}


def _assess(city: str, changes: Mapping[str, AnswerValue]) -> Assessment:
    answers = dict(reconcile(load_answers(EXAMPLES / f"{city}.yaml")).answers)
    answers.update({q: Answer(question=q, value=v) for q, v in changes.items()})
    respondent = Respondent(id="r", role=RespondentRole.OFFICE_STAFF, answers=answers)
    return assess(AnswerSet(office=city, respondents=(respondent,), agreed={}))


def _notion(result: Assessment, notion_id: str) -> NotionSummary:
    return next(n for n in result.key_notions if n.id == notion_id)


@settings(max_examples=40, deadline=None)
@given(city=st.sampled_from(CITIES), autonomy=st.sampled_from(("no", "partly", None)))
def test_buy_in_with_autonomy_is_not_in_place_without_autonomy(
    city: str, autonomy: str | None
) -> None:
    result = _assess(city, {**ESTABLISHED_BUY_IN, "politics.autonomy": autonomy})
    assert all(result.criterion(n).level >= 2 for n in (6, 8))  # the averages say "in place"
    notion = _notion(result, "buy-in-with-autonomy")
    assert notion.status != "in_place"
    assert "politics-autonomy" in notion.missing


def test_buy_in_with_autonomy_is_in_place_when_autonomy_is_shown() -> None:
    result = _assess("edmonton", {**ESTABLISHED_BUY_IN, "politics.autonomy": "yes"})
    notion = _notion(result, "buy-in-with-autonomy")
    assert notion.status == "in_place"
    assert notion.missing == ()


def test_every_notion_named_by_the_rubric_is_a_key_notion_of_the_report() -> None:
    from ovpkit.assessment.rubric import load_rubric
    from ovpkit.knowledge import load_knowledge_base

    named = {n.notion for n in load_rubric().key_notions}
    assert named == {n.id for n in load_knowledge_base().key_notions}
