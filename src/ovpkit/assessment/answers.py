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
    UNKNOWN,
    Question,
    Questionnaire,
    QuestionType,
)
from ovpkit.assessment.words import choice_code, is_unknown, number_in, status_code
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


def parse_answers(
    node: yaml.Node,
    questionnaire: Questionnaire,
    file: str,
    *,
    language: str | None = None,
    problems: list[AnswersError] | None = None,
) -> dict[str, Answer]:
    """Validate a mapping ``question id -> answer``.

    ``language`` is the file's language (numbers are read in its format). Every problem
    is collected in ``problems`` when given, so a file's errors are reported together;
    without it, the first problem raises (and all of them when there are several).
    """
    own: list[AnswersError] = [] if problems is None else problems
    start = len(own)
    answers: dict[str, Answer] = {}
    what = _("answers must be a mapping of names to values")
    for question_id, value_node, line in mapping_items(node, file, what):
        try:
            question = _question(questionnaire, question_id, file, line)
            _check_once(answers, question_id, file, line)
            answers[question_id] = _answer(question, value_node, file, line, language)
        except AnswersError as exc:
            own.append(exc)
    if problems is None and len(own) > start:
        raise_all(own)
    return answers


class AnswersProblems(AnswersError):
    """Several problems in one answers file, reported at once (each keeps its place)."""

    def __init__(self, problems: list[AnswersError]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p.describe()}" for p in problems)
        super().__init__(
            _("{n} problems in the answers file:").format(n=len(problems)) + "\n" + lines
        )

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "problems": [p.to_dict() for p in self.problems]}


def raise_all(problems: list[AnswersError]) -> None:
    """Raise the one problem, or all of them together."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise AnswersProblems(problems)


def _check_once(answers: dict[str, Answer], question_id: str, file: str, line: int) -> None:
    if question_id in answers:
        raise AnswersError(
            _("question '{question}' is answered twice").format(question=question_id),
            file=f"{file}:{line}",
            field=question_id,
            hint=_("keep one answer; the first is on line {n}").format(n=answers[question_id].line),
        )


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


def _answer(
    question: Question, node: yaml.Node, file: str, line: int, language: str | None
) -> Answer:
    where = f"{file}:{line_of(node)}"
    raw = _as_written(question, node)
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
    value = _value(question, raw, where, language)
    return Answer(question=question.id, value=value, evidence=evidence, note=note, line=line)


def _as_written(question: Question, node: yaml.Node) -> Any:
    """The answer, with a number question's plain scalars kept as written.

    YAML reads ``170.000`` as 170.0; a Spanish respondent meant 170000, so numbers with
    a separator are read from their text, in the file's language.
    """
    raw = to_python(node)
    if question.type is not QuestionType.NUMBER:
        return raw
    scalar = node
    if isinstance(node, yaml.MappingNode):
        scalar = next((v for k, v in node.value if to_python(k) == "value"), node)
    if isinstance(scalar, yaml.ScalarNode) and scalar.style is None and "." in scalar.value:
        written = scalar.value
        return written if not isinstance(raw, dict) else {**raw, "value": written}
    return raw


def _value(question: Question, raw: Any, where: str, language: str | None) -> AnswerValue:
    if raw is None or is_unknown(raw):
        return None
    try:
        if question.type is QuestionType.NUMBER and isinstance(raw, str):
            raw = number_in(_without_percent_sign(question, raw), language)
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


def _without_percent_sign(question: Question, raw: str) -> str:
    """A share written "75 %" or "75%" is the number 75 where the question asks percent."""
    text = raw.strip()
    return text[:-1] if question.unit == "percent" and text.endswith("%") else raw


def _status(question: Question, raw: Any) -> str:
    word = status_code(raw) if isinstance(raw, str) else None
    if word is None:
        raise ValueError("")
    return word


def _number(question: Question, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError("")
    if question.minimum is not None and raw < question.minimum:
        raise ValueError(_("it must be at least {n}").format(n=f"{question.minimum:g}"))
    if question.maximum is not None and raw > question.maximum:
        raise ValueError(_("it must be at most {n}").format(n=f"{question.maximum:g}"))
    return float(raw)


def _choice(question: Question, raw: Any) -> str:
    code = choice_code(question, raw) if isinstance(raw, str) else None
    if code is None:
        raise ValueError("")
    return code


def _choices(question: Question, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise ValueError("")
    return tuple(dict.fromkeys(_choice(question, item) for item in raw))


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
