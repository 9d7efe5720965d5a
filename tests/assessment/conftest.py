"""Fixtures of the assessment tests: the shipped questionnaire, rubric and knowledge base."""

from __future__ import annotations

import pytest

from ovpkit.assessment.questionnaire import Questionnaire, load_questionnaire
from ovpkit.assessment.rubric import Rubric, load_rubric
from ovpkit.knowledge import KnowledgeBase, ReportText, load_knowledge_base


@pytest.fixture(scope="session")
def questionnaire() -> Questionnaire:
    return load_questionnaire()


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def report(report_raw: str) -> ReportText:
    return ReportText.from_text(report_raw)
