"""Answers files: values by type, evidence, and errors that name the line and question."""

from __future__ import annotations

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.reconcile import reconcile
from ovpkit.errors import AnswersError


def _answers(body: str) -> dict[str, object]:
    text = "office: Test office\nanswers:\n" + body
    return {k: a.value for k, a in reconcile(parse_answer_set(text)).answers.items()}


def test_answers_keep_yes_and_no_as_words() -> None:
    values = _answers(
        "  mandate.written: yes\n  mandate.public: no\n  mandate.legal_basis: partly\n"
    )
    assert values == {
        "mandate.written": "yes",
        "mandate.public": "no",
        "mandate.legal_basis": "partly",
    }


def test_answers_unknown_is_not_no() -> None:
    values = _answers("  mandate.written: unknown\n  mandate.public: no\n")
    assert values["mandate.written"] is None
    assert values["mandate.public"] == "no"


def test_answers_read_numbers_choices_and_budget_rows() -> None:
    values = _answers(
        "  context.population: 2300000\n"
        "  context.police_jurisdiction: national\n"
        "  budget.sources: [municipal, private]\n"
        "  budget.amounts:\n"
        "    - {year: 2023, source: municipal, amount: 19000000, currency: USD}\n"
    )
    assert values["context.population"] == 2_300_000.0
    assert values["context.police_jurisdiction"] == "national"
    assert values["budget.sources"] == ("municipal", "private")
    rows = values["budget.amounts"]
    assert isinstance(rows, tuple) and rows[0].amount == 19_000_000.0


def test_answers_carry_evidence_with_source_and_date() -> None:
    text = (
        "office: Test office\nanswers:\n  mandate.public:\n    value: yes\n    evidence:\n"
        "      - source: https://example.org/mandate.pdf\n        date: 2023-05-01\n"
        "    note: on the website\n"
    )
    answer = reconcile(parse_answer_set(text)).answers["mandate.public"]
    assert answer.evidence[0].source == "https://example.org/mandate.pdf"
    assert answer.evidence[0].date == "2023-05-01"
    assert answer.note == "on the website"


def test_answers_typo_in_question_id_names_line_and_suggests_the_id() -> None:
    text = "office: Test office\nanswers:\n  mandate.public: yes\n  mandate.writen: yes\n"
    with pytest.raises(AnswersError) as caught:
        parse_answer_set(text, file="answers.yaml")
    message = str(caught.value)
    assert "answers.yaml:4" in message
    assert "mandate.writen" in message
    assert "did you mean 'mandate.written'?" in message


def test_answers_wrong_type_names_line_question_and_expected_type() -> None:
    text = "office: Test office\nanswers:\n  context.population: about two million\n"
    with pytest.raises(AnswersError) as caught:
        parse_answer_set(text, file="answers.yaml")
    message = str(caught.value)
    assert "answers.yaml:3" in message
    assert "context.population" in message
    assert "a number" in message


def test_answers_wrong_status_word_lists_the_four_answers() -> None:
    with pytest.raises(AnswersError, match="one of yes, partly, no, unknown"):
        parse_answer_set("office: X\nanswers:\n  mandate.public: maybe\n")


def test_answers_choice_outside_the_list_is_refused() -> None:
    with pytest.raises(AnswersError, match="municipal, state, national"):
        parse_answer_set("office: X\nanswers:\n  context.police_jurisdiction: county\n")


def test_answers_number_below_minimum_is_refused() -> None:
    with pytest.raises(AnswersError, match="at least 0"):
        parse_answer_set("office: X\nanswers:\n  staff.full_time: -3\n")


def test_answers_file_without_office_is_refused() -> None:
    with pytest.raises(AnswersError, match="which office"):
        parse_answer_set("answers:\n  mandate.public: yes\n")


def test_answers_unknown_top_level_key_suggests_the_right_one() -> None:
    with pytest.raises(AnswersError, match="did you mean 'answers'"):
        parse_answer_set("office: X\nanswer:\n  mandate.public: yes\n")


def test_answers_question_answered_twice_is_refused() -> None:
    with pytest.raises(AnswersError, match="answered twice"):
        parse_answer_set("office: X\nanswers:\n  mandate.public: yes\n  mandate.public: no\n")


def test_answers_invalid_yaml_names_the_line() -> None:
    with pytest.raises(AnswersError, match=r"a\.yaml:4.*starts on line 3"):
        parse_answer_set("office: X\nanswers:\n  mandate.public: [yes\n", file="a.yaml")


def test_answers_unknown_report_section_in_evidence_is_refused() -> None:
    text = (
        "office: X\nanswers:\n  mandate.public:\n    value: yes\n"
        "    evidence: {section: part9/nowhere, quote: something}\n"
    )
    with pytest.raises(AnswersError, match="unknown report section"):
        parse_answer_set(text)
