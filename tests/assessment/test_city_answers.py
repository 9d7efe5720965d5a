"""The four cities' answers files: every answer cites a verbatim passage of the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.validation import CITY_FILES, example_answers_text
from ovpkit.knowledge import ReportText

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(CITY_FILES.values()))
def test_city_answers_cite_verbatim_quotes_in_their_sections(name: str, report: ReportText) -> None:
    answers = reconcile(parse_answer_set(example_answers_text(name), file=name)).answers
    problems = []
    for answer in answers.values():
        if answer.known and not answer.evidence:
            problems.append(f"{answer.question}: no evidence")
        for evidence in answer.evidence:
            assert evidence.section and evidence.quote, answer.question
            problem = report.find(evidence.quote, evidence.section, evidence.endnote)
            if problem:
                problems.append(f"{answer.question}: {problem}: {evidence.quote[:60]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(CITY_FILES.values()))
def test_city_answers_in_examples_folder_match_the_shipped_copy(name: str) -> None:
    repo_copy = REPO / "examples" / "answers" / name
    assert repo_copy.read_text(encoding="utf-8") == example_answers_text(name)
