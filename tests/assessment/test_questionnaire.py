"""The questionnaire: cited questions, 4-8 per criterion, and a template that parses."""

from __future__ import annotations

from collections import Counter

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.questionnaire import Questionnaire, QuestionType
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.template import questionnaire_template
from ovpkit.knowledge import ReportText


def test_questionnaire_quotes_found_in_their_sections(
    questionnaire: Questionnaire, report: ReportText
) -> None:
    problems = [
        f"{q.id}: {problem}"
        for q in questionnaire.questions
        if (problem := report.find(q.quote, q.citation.section, q.citation.endnote))
    ]
    assert not problems, "\n".join(problems)


def test_questionnaire_has_four_to_eight_questions_per_criterion(
    questionnaire: Questionnaire,
) -> None:
    counts = Counter(s.criterion for s in questionnaire.sections for _ in s.questions)
    assert sorted(k for k in counts if k is not None) == list(range(1, 10))
    assert all(4 <= counts[c] <= 8 for c in range(1, 10)), counts


def test_questionnaire_asks_the_context_the_issue_lists(questionnaire: Questionnaire) -> None:
    ids = set(questionnaire.ids)
    needed = {
        "context.region",
        "context.office_model",
        "context.police_jurisdiction",
        "context.year_founded",
        "context.population",
        "context.homicide_rate",
        "context.office_status",
        "budget.sources",
    }
    assert needed <= ids


def test_questionnaire_choice_questions_have_choices(questionnaire: Questionnaire) -> None:
    for q in questionnaire.questions:
        has_choices = q.type in (QuestionType.CHOICE, QuestionType.CHOICES)
        assert bool(q.choices) == has_choices, q.id


def test_template_is_a_valid_answers_file_once_named(questionnaire: Questionnaire) -> None:
    text = questionnaire_template(questionnaire).replace('office: ""', 'office: "Test office"')
    answers = reconcile(parse_answer_set(text)).answers
    assert set(answers) == set(questionnaire.ids)
    assert not any(a.known for a in answers.values())
