"""Answers in the respondent's language, and every problem of a file at once."""

from __future__ import annotations

import pytest

from ovpkit.assessment.answers import AnswersProblems
from ovpkit.assessment.answersfile import AnswerSet, parse_answer_set
from ovpkit.errors import AnswersError


def _parse(body: str, language: str = "es") -> AnswerSet:
    return parse_answer_set(f"office: Oficina\nlanguage: {language}\nanswers:\n{body}")


def _values(answer_set: AnswerSet) -> dict[str, object]:
    return {q: a.value for q, a in answer_set.respondents[0].answers.items()}


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("sí", "yes"),
        ("Si", "yes"),
        ("sim", "yes"),
        ("não", "no"),
        ("parcialmente", "partly"),
        ("en parte", "partly"),
        ("em parte", "partly"),
    ],
)
def test_status_words_of_the_respondent_language_are_accepted(word: str, code: str) -> None:
    assert _values(_parse(f"  mandate.public: {word}"))["mandate.public"] == code


@pytest.mark.parametrize("word", ["no se sabe", "desconhecido", "não sei"])
def test_unknown_in_the_respondent_language_is_unknown(word: str) -> None:
    assert _values(_parse(f"  staff.full_time: {word}"))["staff.full_time"] is None


@pytest.mark.parametrize("label", ["North America", "América del Norte", "north america"])
def test_a_choice_label_is_read_as_its_code(label: str) -> None:
    assert _values(_parse(f"  context.region: {label}"))["context.region"] == "north_america"


@pytest.mark.parametrize(
    ("written", "language", "value"),
    [
        ('"170,000"', "en", 170000.0),
        ("170,000", "en", 170000.0),
        ("170.000", "es", 170000.0),  # YAML alone would read 170.0
        ("1.250.000", "pt", 1250000.0),
        ("2,5", "es", 2.5),
        ("2.5", "en", 2.5),
    ],
)
def test_numbers_are_read_in_the_file_language_format(
    written: str, language: str, value: float
) -> None:
    answers = _values(_parse(f"  context.population: {written}", language))
    assert answers["context.population"] == value


@pytest.mark.parametrize(("written", "language"), [("170,000", "es"), ("170.000", "en")])
def test_a_number_that_reads_two_ways_is_refused_not_guessed(written: str, language: str) -> None:
    with pytest.raises(AnswersError, match="170000"):
        _parse(f"  context.population: {written}", language)


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    body = "  context.region: Marte\n  mandate.written: quizás\n  mandate.publc: yes\n"
    with pytest.raises(AnswersProblems) as caught:
        _parse(body)
    problems = caught.value.problems
    assert [p.field for p in problems] == ["context.region", "mandate.written", "mandate.publc"]
    assert caught.value.to_dict()["problems"][2]["hint"]


def test_problems_of_several_respondents_are_reported_together() -> None:
    text = (
        "office: O\nrespondents:\n"
        "  - id: a\n    role: office_staff\n    answers:\n      mandate.public: quizás\n"
        "  - id: b\n    role: office_staff\n    answers:\n      staff.full_time: muchos\n"
    )
    with pytest.raises(AnswersProblems) as caught:
        parse_answer_set(text)
    assert [p.field for p in caught.value.problems] == ["mandate.public", "staff.full_time"]


def test_a_single_problem_keeps_its_own_error() -> None:
    with pytest.raises(AnswersError) as caught:
        _parse("  mandate.public: quizás")
    assert not isinstance(caught.value, AnswersProblems)
    assert caught.value.field == "mandate.public"
