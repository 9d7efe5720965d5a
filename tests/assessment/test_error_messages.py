"""Every error of an answers file, the questionnaire and the rubric reads in es and pt.

Each case raises the same mistake in English and in the reader's language; the
translated error (title, location, message, hint) must hold no English sentence (one
the catalog translates, or one of the English rendering of the same error), no
pydantic English and no Python repr.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.error_language import assert_reads_in, error_text
from tests.message_language import not_for_reader

from ovpkit.assessment.answersfile import load_answers, merge_answer_sets, parse_answer_set
from ovpkit.assessment.monitoring_rules import parse_fact_condition, parse_record_rules
from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.rubric import parse_rubric
from ovpkit.assessment.rules import parse_condition
from ovpkit.errors import OvpkitError
from ovpkit.i18n import use_language

HEAD = "office: Test office\n"

#: name -> the text of a bad answers file.
BAD_ANSWERS = {
    "empty": "",
    "not a mapping": "- a\n- b\n",
    "bad yaml": HEAD + "answers:\n  mandate.public: [yes\n",
    "bad yaml colon": HEAD + "answers:\n  mandate.public: yes: really\n",
    "unknown key with a suggestion": HEAD + "anwsers:\n  mandate.public: yes\n",
    "unknown key": HEAD + "colour: blue\nanswers:\n  mandate.public: yes\n",
    "no answers": HEAD,
    "answers and respondents": HEAD + "answers: {}\nrespondents: []\n",
    "no office": "answers:\n  mandate.public: yes\n",
    "answers not a mapping": HEAD + "answers: [a, b]\n",
    "respondents not a list": HEAD + "respondents: {a: 1}\n",
    "respondent without answers": HEAD + "respondents:\n  - id: a\n",
    "respondent unknown key": HEAD + "respondents:\n  - id: a\n    age: 3\n    answers: {}\n",
    "respondent not a mapping": HEAD + "respondents:\n  - just a name\n",
    "unknown role": HEAD + "respondents:\n  - id: a\n    role: mayor\n    answers: {}\n",
    "repeated respondent": HEAD
    + "respondents:\n  - {id: a, answers: {}}\n  - {id: a, answers: {}}\n",
    "agreed without reason": HEAD
    + "respondents:\n  - {id: a, answers: {}}\nagreed:\n  mandate.public: {value: yes}\n",
    "unknown question with a suggestion": HEAD + "answers:\n  mandate.publc: yes\n",
    "unknown question": HEAD + "answers:\n  zzz.qqq: yes\n",
    "answered twice": HEAD + "answers:\n  mandate.public: yes\n  mandate.public: no\n",
    "unknown key in an answer": HEAD + "answers:\n  mandate.public: {value: yes, colour: 1}\n",
    "wrong status word": HEAD + "answers:\n  mandate.public: maybe\n",
    "list for a status": HEAD + "answers:\n  mandate.public: [yes, no]\n",
    "mapping for a status": HEAD + "answers:\n  mandate.public: {value: {a: 1}}\n",
    "text for a number": HEAD + "answers:\n  context.population: about two million\n",
    "number below minimum": HEAD + "answers:\n  staff.full_time: -3\n",
    "choice outside the list": HEAD + "answers:\n  context.police_jurisdiction: county\n",
    "budget row without currency": HEAD
    + "answers:\n  budget.amounts: [{year: 2020, source: municipal, amount: 3}]\n",
    "budget unknown source": HEAD
    + "answers:\n  budget.amounts: [{year: 2020, source: lottery, amount: 3, currency: USD}]\n",
    "budget year as text": HEAD
    + "answers:\n  budget.amounts: [{year: soon, source: municipal, amount: 3, currency: USD}]\n",
    "evidence not understood": HEAD
    + "answers:\n  mandate.public: {value: yes, evidence: {page: 3}}\n",
    "evidence unknown section": HEAD
    + "answers:\n  mandate.public: {value: yes, evidence: {section: part9/x, quote: q}}\n",
    "evidence endnote as text": HEAD
    + "answers:\n  mandate.public: {value: yes, evidence: {source: a, endnote: many}}\n",
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_answers_file_error_reads_in_the_reader_language(
    case: str, lang: str, questionnaire: Questionnaire
) -> None:
    text = BAD_ANSWERS[case]

    assert_reads_in(lang, lambda: parse_answer_set(text, file="answers.yaml"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_missing_answers_file_error_reads_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    assert_reads_in(lang, lambda: load_answers(tmp_path / "none.yaml"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_answers_of_different_offices_error_reads_in_the_reader_language(lang: str) -> None:
    one = parse_answer_set("office: A\nanswers: {mandate.public: yes}\n")
    two = parse_answer_set("office: B\nanswers: {mandate.public: yes}\n")

    assert_reads_in(lang, lambda: merge_answer_sets([one, two]))


def test_wrong_list_answer_is_quoted_as_written_not_as_python() -> None:
    with pytest.raises(OvpkitError) as caught:
        parse_answer_set(BAD_ANSWERS["list for a status"])

    assert "['yes', 'no']" not in caught.value.message
    assert "not the list 'yes', 'no'" in caught.value.message


def test_yaml_slip_is_named_in_words() -> None:
    with use_language("es"), pytest.raises(OvpkitError) as caught:
        parse_answer_set(BAD_ANSWERS["bad yaml"], file="a.yaml")

    assert "a.yaml:4" in caught.value.describe()
    assert "una lista entre corchetes [...] no está cerrada" in caught.value.message
    assert "<stream end>" not in caught.value.message


RUBRIC_HEAD = "levels: []\noffice_models: {models: []}\ncriteria:\n  - criterion: 1\n    checks:\n"

BAD_RULES: dict[str, Callable[[Questionnaire], object]] = {
    "condition not a mapping": lambda q: parse_condition("yes", q),
    "comparison without q": lambda q: parse_condition({"is": "yes"}, q),
    "status outside the four": lambda q: parse_condition({"q": "mandate.public", "is": "x"}, q),
    "threshold not a number": lambda q: parse_condition(
        {"q": "staff.full_time", "at_least": "five"}, q
    ),
    "records row unknown key": lambda q: parse_record_rules(
        {"answers": [{"question": "staff.permanent", "colour": 1}]}, q
    ),
    "records row unknown question": lambda q: parse_record_rules(
        {"answers": [{"question": "staff.permanant", "why": "x", "cases": []}]}, q
    ),
    "records no answers": lambda q: parse_record_rules({"rows": []}, q),
    "records fact condition": lambda q: parse_fact_condition({"key": "staff_fte"}),
    "records threshold not a number": lambda q: parse_fact_condition(
        {"key": "staff_fte", "at_least": "five"}
    ),
    "rubric unknown question": lambda q: parse_rubric(
        RUBRIC_HEAD + "      - {id: a, level: 1, when: {q: zzz.qqq, is: yes}}\n", q
    ),
    "rubric wrong field": lambda q: parse_rubric(RUBRIC_HEAD + "      - {id: a, colour: 1}\n", q),
}


def _rule_error(action: Callable[[], object], lang: str) -> str:
    with use_language(lang), pytest.raises((OvpkitError, ValueError)) as caught:
        action()
    error = caught.value
    return error_text(error) if isinstance(error, OvpkitError) else str(error)


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_RULES))
def test_rule_and_rubric_errors_read_in_the_reader_language(
    case: str, lang: str, questionnaire: Questionnaire
) -> None:
    english = _rule_error(lambda: BAD_RULES[case](questionnaire), "en")
    translated = _rule_error(lambda: BAD_RULES[case](questionnaire), lang)

    assert not_for_reader(translated, lang, english) == []
    assert translated != english
