"""One office's answers: validated once, at the edge, with errors that name the line.

An answer is ``yes``/``partly``/``no``/``unknown``, a number, a choice, a list of
choices, a text or budget rows, depending on the question. ``unknown`` (or leaving a
question out) is never read as ``no``: it lowers the assessment's confidence, not its
level. Each answer may carry evidence: a URL or document with a date, or, for answers
taken from the report itself, the report section and a verbatim quote.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ovpkit.assessment.questionnaire import (
    STATUS_VALUES,
    UNKNOWN,
    Question,
    Questionnaire,
    QuestionType,
)
from ovpkit.assessment.yamlnodes import line_of, mapping_items, to_python
from ovpkit.errors import AnswersError
from ovpkit.i18n import _
from ovpkit.knowledge.models import FundingSourceId
from ovpkit.knowledge.sections import SECTION_KEYS
from ovpkit.validation_messages import shown


@dataclass(frozen=True)
class Evidence:
    """Where an answer comes from: a document or URL and its date, or a report passage."""

    source: str | None = None
    date: str | None = None
    section: str | None = None  # a report section key, for answers taken from the report
    quote: str | None = None
    endnote: int | None = None  # the report's endnote, when the quote may come from it

    def label(self) -> str:
        parts = [p for p in (self.source, self.date) if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class BudgetLine:
    year: int
    source: str
    amount: float
    currency: str


AnswerValue = str | float | tuple[str, ...] | tuple[BudgetLine, ...] | None


@dataclass(frozen=True)
class Answer:
    """A validated answer; ``value`` is None when the answer is unknown."""

    question: str
    value: AnswerValue
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    line: int | None = None

    @property
    def known(self) -> bool:
        return self.value is not None

    def display(self, unit: str | None = None) -> str:
        """The value as a person reads it (English words; templates translate them).

        Years are written without a thousands separator ("2010", not "2,010").
        """
        if self.value is None:
            return UNKNOWN
        if isinstance(self.value, tuple):
            return ", ".join(
                f"{v.year} {v.source} {v.amount:,.0f} {v.currency}"
                if isinstance(v, BudgetLine)
                else v
                for v in self.value
            )
        if isinstance(self.value, float):
            return f"{self.value:.0f}" if unit == "year" else f"{self.value:,.10g}"
        return self.value


@dataclass(frozen=True)
class AnswerBlock:
    """The answers one respondent gave, by question id."""

    answers: dict[str, Answer] = field(default_factory=dict)


ANSWER_KEYS = ("value", "evidence", "note")
EVIDENCE_KEYS = ("source", "date", "section", "quote", "endnote")


def parse_answers(node: yaml.Node, questionnaire: Questionnaire, file: str) -> dict[str, Answer]:
    """Validate a mapping ``question id -> answer``; the first problem raises."""
    answers: dict[str, Answer] = {}
    what = _("answers must be a mapping of names to values")
    for question_id, value_node, line in mapping_items(node, file, what):
        question = _question(questionnaire, question_id, file, line)
        if question_id in answers:
            raise AnswersError(
                _("question '{question}' is answered twice").format(question=question_id),
                file=f"{file}:{line}",
                field=question_id,
                hint=_("keep one answer; the first is on line {n}").format(
                    n=answers[question_id].line
                ),
            )
        answers[question_id] = _answer(question, value_node, file, line)
    return answers


def _question(questionnaire: Questionnaire, question_id: str, file: str, line: int) -> Question:
    try:
        return questionnaire.question(question_id)
    except KeyError:
        close = difflib.get_close_matches(question_id, questionnaire.ids, n=1, cutoff=0.6)
        hint = (
            _("did you mean '{key}'?").format(key=close[0])
            if close
            else _("run 'ovpkit questionnaire' to see every question id")
        )
        raise AnswersError(
            _("'{question}' is not a question of the questionnaire").format(question=question_id),
            file=f"{file}:{line}",
            field=question_id,
            hint=hint,
        ) from None


def _answer(question: Question, node: yaml.Node, file: str, line: int) -> Answer:
    where = f"{file}:{line_of(node)}"
    raw = to_python(node)
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None
    if isinstance(raw, dict):
        unknown_keys = sorted(set(raw) - set(ANSWER_KEYS))
        if unknown_keys:
            raise AnswersError(
                _("unknown key '{key}' in the answer to '{question}'").format(
                    key=unknown_keys[0], question=question.id
                ),
                file=where,
                field=question.id,
                hint=_("an answer has the keys {keys}").format(keys=", ".join(ANSWER_KEYS)),
            )
        evidence = _evidence(raw.get("evidence"), question.id, where)
        note = _optional_text(raw.get("note"))
        raw = raw.get("value", UNKNOWN)
    value = _value(question, raw, where)
    return Answer(question=question.id, value=value, evidence=evidence, note=note, line=line)


def _value(question: Question, raw: Any, where: str) -> AnswerValue:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() == UNKNOWN):
        return None
    try:
        return _CONVERTERS[question.type](question, raw)
    except (TypeError, ValueError) as exc:
        message = _("the answer to '{question}' should be {expected}, not {value}").format(
            question=question.id, expected=question.expected(), value=shown(raw)
        )
        raise AnswersError(
            f"{message} ({exc})" if str(exc) else message,
            file=where,
            field=question.id,
            hint=_("write 'unknown' if you do not know"),
        ) from None


def _status(question: Question, raw: Any) -> str:
    word = str(raw).strip().lower() if isinstance(raw, str) else None
    if word not in STATUS_VALUES:
        raise ValueError("")
    return word


def _number(question: Question, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError("")
    if question.minimum is not None and raw < question.minimum:
        raise ValueError(_("it must be at least {n}").format(n=f"{question.minimum:g}"))
    return float(raw)


def _choice(question: Question, raw: Any) -> str:
    if not isinstance(raw, str) or raw.strip() not in question.choice_values:
        raise ValueError("")
    return raw.strip()


def _choices(question: Question, raw: Any) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else None
    if items is None or any(_choice(question, item) != item for item in items):
        raise ValueError("")
    return tuple(dict.fromkeys(items))


def _text(question: Question, raw: Any) -> str:
    if isinstance(raw, dict | list):
        raise ValueError("")
    return str(raw).strip()


def _budget(question: Question, raw: Any) -> tuple[BudgetLine, ...]:
    if not isinstance(raw, list):
        raise ValueError("")
    sources = {s.value for s in FundingSourceId}
    lines: list[BudgetLine] = []
    for row in raw:
        if not isinstance(row, dict) or set(row) != {"year", "source", "amount", "currency"}:
            raise ValueError(_("each row needs exactly year, source, amount and currency"))
        if row["source"] not in sources:
            raise ValueError(
                _("source must be one of {sources}").format(sources=", ".join(sorted(sources)))
            )
        if not isinstance(row["year"], int) or not isinstance(row["amount"], int | float):
            raise ValueError(_("year must be a whole number and amount a number"))
        lines.append(BudgetLine(row["year"], row["source"], float(row["amount"]), row["currency"]))
    return tuple(lines)


_CONVERTERS: dict[QuestionType, Callable[[Question, Any], AnswerValue]] = {
    QuestionType.STATUS: _status,
    QuestionType.NUMBER: _number,
    QuestionType.CHOICE: _choice,
    QuestionType.CHOICES: _choices,
    QuestionType.TEXT: _text,
    QuestionType.BUDGET: _budget,
}


def _evidence(raw: Any, question_id: str, where: str) -> tuple[Evidence, ...]:
    if raw is None:
        return ()
    items = raw if isinstance(raw, list) else [raw]
    evidence: list[Evidence] = []
    for item in items:
        if isinstance(item, str):
            evidence.append(Evidence(source=item))
            continue
        if not isinstance(item, dict) or set(item) - set(EVIDENCE_KEYS):
            raise AnswersError(
                _("the evidence for '{question}' is not understood").format(question=question_id),
                file=where,
                field=question_id,
                hint=_("evidence is a URL or a mapping with {keys}").format(
                    keys=", ".join(EVIDENCE_KEYS)
                ),
            )
        section = _optional_text(item.get("section"))
        if section is not None and section not in SECTION_KEYS:
            raise AnswersError(
                _("unknown report section '{section}' in the evidence for '{question}'").format(
                    section=section, question=question_id
                ),
                file=where,
                field=question_id,
                hint=_("use a section key such as part3/criterion-6 or part4/cali"),
            )
        endnote = item.get("endnote")
        if endnote is not None and not isinstance(endnote, int):
            raise AnswersError(
                _("the endnote in the evidence for '{question}' must be a number").format(
                    question=question_id
                ),
                file=where,
                field=question_id,
            )
        texts = {key: _optional_text(item.get(key)) for key in EVIDENCE_KEYS if key != "endnote"}
        if any(texts.values()):
            evidence.append(Evidence(**texts, endnote=endnote))
    return tuple(evidence)


def _optional_text(raw: Any) -> str | None:
    if raw is None:
        return None
    text = str(raw).strip()
    return text or None
