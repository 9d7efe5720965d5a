"""The questionnaire: what an office is asked, criterion by criterion, and why.

Questions live in ``data/questionnaire.yaml``. Each one cites the part of the report it
comes from (section and a short verbatim quote), so an office can see that every
question asks about something the report found to matter. The English wording is the
gettext message id; Spanish and Portuguese come from the catalogs.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from ovpkit.assessment.yamlnodes import load_words
from ovpkit.errors import KnowledgeError
from ovpkit.i18n import _
from ovpkit.knowledge.models import Citation, Quote, Text
from ovpkit.validation_messages import summary

QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z]+\.[a-z0-9_]+$")]

#: The four answers to a yes/no question; ``unknown`` is not ``no``.
STATUS_VALUES: tuple[str, ...] = ("yes", "partly", "no", "unknown")
UNKNOWN = "unknown"


class QuestionType(StrEnum):
    STATUS = "status"  # yes / partly / no / unknown
    NUMBER = "number"
    CHOICE = "choice"  # one of ``choices``
    CHOICES = "choices"  # any subset of ``choices``
    TEXT = "text"
    BUDGET = "budget"  # rows of year, source, amount, currency


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Frozen):
    value: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    label: Text


class Question(_Frozen):
    id: QuestionId
    type: QuestionType
    text: Text
    help: str | None = None
    choices: tuple[Choice, ...] = ()
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None  # a share in percent stops at 100
    citation: Citation
    quote: Quote

    @property
    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def expected(self) -> str:
        """What a valid answer looks like, in words (used in error messages)."""
        if self.type is QuestionType.STATUS:
            return _("one of yes, partly, no, unknown")
        if self.type is QuestionType.NUMBER:
            return _("a number (or unknown)")
        if self.type is QuestionType.CHOICE:
            return _("one of {values} (or unknown)").format(values=", ".join(self.choice_values))
        if self.type is QuestionType.CHOICES:
            return _("a list drawn from {values} (or unknown)").format(
                values=", ".join(self.choice_values)
            )
        if self.type is QuestionType.BUDGET:
            return _("a list of rows with year, source, amount and currency (or unknown)")
        return _("a text (or unknown)")


class Section(_Frozen):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
    criterion: int | None = Field(default=None, ge=1, le=9)
    title: Text
    intro: str | None = None
    questions: tuple[Question, ...]


class Questionnaire(_Frozen):
    """All sections in order; the context section has no criterion."""

    sections: tuple[Section, ...]

    def question(self, question_id: str) -> Question:
        for section in self.sections:
            for question in section.questions:
                if question.id == question_id:
                    return question
        raise KeyError(question_id)

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    def criterion_of(self, question_id: str) -> int | None:
        for section in self.sections:
            if any(q.id == question_id for q in section.questions):
                return section.criterion
        raise KeyError(question_id)


@cache
def load_questionnaire() -> Questionnaire:
    """The questionnaire shipped with ovpkit (validated once, then cached)."""
    source = resources.files("ovpkit.assessment") / "data" / "questionnaire.yaml"
    document = load_words(source.read_text(encoding="utf-8"))
    try:
        questionnaire = Questionnaire.model_validate(document)
    except ValidationError as exc:
        field, message = summary(exc)
        raise KnowledgeError(message, file="questionnaire.yaml", field=field) from exc
    _check_unique(questionnaire)
    return questionnaire


def _check_unique(questionnaire: Questionnaire) -> None:
    seen: set[str] = set()
    for question in questionnaire.questions:
        if question.id in seen:
            raise KnowledgeError(
                _("question ids must be unique"), file="questionnaire.yaml", record=question.id
            )
        if question.id.split(".")[0] not in {s.id for s in questionnaire.sections}:
            raise KnowledgeError(
                _("a question id must start with its section id"),
                file="questionnaire.yaml",
                record=question.id,
            )
        seen.add(question.id)
