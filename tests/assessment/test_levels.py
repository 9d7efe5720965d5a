"""The level ladder: unknown answers lower confidence, not the level."""

from __future__ import annotations

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.levels import evaluate_level
from ovpkit.assessment.rubric import Rubric


def _answers(**values: str) -> dict[str, Answer]:
    return {
        qid.replace("__", "."): Answer(
            question=qid.replace("__", "."), value=None if v == "unknown" else v
        )
        for qid, v in values.items()
    }


ESTABLISHED_MANDATE = {
    "mandate__written": "yes",
    "mandate__public": "yes",
    "mandate__social_approach": "yes",
    "mandate__measurable_goals": "no",
}


def test_level_climbs_while_every_known_check_is_met(rubric: Rubric) -> None:
    outcome = evaluate_level(rubric.checks_for(1), _answers(**ESTABLISHED_MANDATE))
    assert outcome.level == 2


def test_level_stops_at_the_first_level_with_a_failed_check(rubric: Rubric) -> None:
    answers = _answers(**{**ESTABLISHED_MANDATE, "mandate__public": "no"})
    assert evaluate_level(rubric.checks_for(1), answers).level == 1


def test_unknown_answer_lowers_confidence_not_level(rubric: Rubric) -> None:
    known = evaluate_level(rubric.checks_for(1), _answers(**ESTABLISHED_MANDATE))
    with_unknown = evaluate_level(
        rubric.checks_for(1), _answers(**{**ESTABLISHED_MANDATE, "mandate__public": "unknown"})
    )
    assert with_unknown.level == known.level == 2
    assert with_unknown.confidence < known.confidence


def test_unknown_widens_the_level_range(rubric: Rubric) -> None:
    answers = {"mandate.written": Answer(question="mandate.written", value="yes")}
    outcome = evaluate_level(rubric.checks_for(1), answers)
    assert (outcome.low, outcome.level, outcome.high) == (1, 1, 3)


def test_level_needs_one_met_check_so_blank_answers_give_zero(rubric: Rubric) -> None:
    outcome = evaluate_level(rubric.checks_for(3), {})
    assert outcome.level == 0
    assert outcome.confidence == 0.0


def test_level_zero_with_a_known_no_is_certain(rubric: Rubric) -> None:
    answers = _answers(mandate__written="no")
    outcome = evaluate_level(rubric.checks_for(1), answers)
    assert (outcome.level, outcome.confidence) == (0, 1.0)


def test_confidence_counts_known_checks_up_to_the_next_level(rubric: Rubric) -> None:
    # level 1 reached; deciding checks are levels 1-2 of criterion 1: written, public, social
    answers = _answers(mandate__written="yes", mandate__public="no")
    outcome = evaluate_level(rubric.checks_for(1), answers)
    assert outcome.level == 1
    assert outcome.confidence == round(2 / 3, 2)
