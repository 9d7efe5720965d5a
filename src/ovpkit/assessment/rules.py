"""The small rule language of the rubric, evaluated with three values.

A condition is met, not met, or unknown (when the answers it needs are unknown).
``all`` and ``any`` follow Kleene's logic: ``any`` is met as soon as one part is met,
even if others are unknown; ``all`` fails as soon as one part fails. This is what lets
an unknown answer lower confidence without lowering a level.

YAML forms::

    {q: mandate.public, is: yes}
    {q: mandate.written, in: [yes, partly]}
    {q: staff.full_time, at_least: 5}           # also at_most
    {q: budget.sources, includes: municipal}    # for multiple-choice questions
    {q: budget.sources, count_at_least: 2}      # also count_at_most
    {all: [...]}, {any: [...]}, {not: {...}}
    {at_least: 2, of: [...]}                     # how many parts must be met
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.questionnaire import STATUS_VALUES, Questionnaire, QuestionType
from ovpkit.i18n import _
from ovpkit.validation_messages import shown


class Status(StrEnum):
    MET = "met"
    PARTLY = "partly"  # graded evidence: met in part (a ``partly`` where ``yes`` is asked)
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


#: How much a ``partly`` answer counts where a rule asks for ``yes`` (or ``no``): half of
#: the evidence, halfway between the two answers it stands between. This is ovpkit's
#: convention (the report does not grade answers); it equals the level threshold, which
#: is what guarantees that a ``partly`` never scores below ``unknown``
#: (see :mod:`ovpkit.assessment.levels`).
PARTIAL = 0.5

#: The evidence a condition gives, as an interval (low, high) of scores in [0, 1]:
#: a point when the answers are known, wider when some are unknown (unknown = [0, 1]).
Score = tuple[float, float]
UNKNOWN_SCORE: Score = (0.0, 1.0)


def status_of(score: Score) -> Status:
    """The three-valued status of a score interval (plus ``partly`` for a known half)."""
    low, high = score
    if low < high:
        return Status.UNKNOWN
    if low >= 1.0:
        return Status.MET
    return Status.NOT_MET if high <= 0.0 else Status.PARTLY


_COMPARISONS = ("is", "in", "at_least", "at_most", "includes", "count_at_least", "count_at_most")


@dataclass(frozen=True)
class Compare:
    question: str
    op: str
    operand: tuple[str, ...] | float

    def evaluate(self, answers: Mapping[str, Answer]) -> Status:
        answer = answers.get(self.question)
        if answer is None or answer.value is None:
            return Status.UNKNOWN
        return Status.MET if self._holds(answer.value) else Status.NOT_MET

    def score(self, answers: Mapping[str, Answer]) -> Score:
        """1 when it holds, 0 when not; a ``partly`` where yes/no is asked scores half."""
        answer = answers.get(self.question)
        if answer is None or answer.value is None:
            return UNKNOWN_SCORE
        if self._holds(answer.value):
            return (1.0, 1.0)
        if answer.value == "partly" and self._asks_yes_or_no():
            return (PARTIAL, PARTIAL)
        return (0.0, 0.0)

    def _asks_yes_or_no(self) -> bool:
        return (
            self.op == "in"
            and isinstance(self.operand, tuple)
            and ("yes" in self.operand or "no" in self.operand)
        )

    def _holds(self, value: object) -> bool:
        operand = self.operand
        if self.op == "in":
            assert isinstance(operand, tuple)
            if isinstance(value, tuple):
                return any(item in operand for item in value)
            return value in operand
        if self.op == "includes":
            assert isinstance(operand, tuple)
            return isinstance(value, tuple) and operand[0] in value
        assert isinstance(operand, float)
        if self.op in ("count_at_least", "count_at_most"):
            count = len(value) if isinstance(value, tuple) else 0
            return count >= operand if self.op == "count_at_least" else count <= operand
        if not isinstance(value, float):
            return False
        return value >= operand if self.op == "at_least" else value <= operand

    def questions(self) -> tuple[str, ...]:
        return (self.question,)

    def describe(self) -> str:
        if self.op == "in":
            assert isinstance(self.operand, tuple)
            return f"`{self.question}` is {' or '.join(self.operand)}"
        words = {
            "includes": "includes",
            "at_least": "is at least",
            "at_most": "is at most",
            "count_at_least": "has at least",
            "count_at_most": "has at most",
        }
        operand = self.operand[0] if isinstance(self.operand, tuple) else f"{self.operand:g}"
        suffix = " choices" if self.op.startswith("count") else ""
        return f"`{self.question}` {words[self.op]} {operand}{suffix}"


@dataclass(frozen=True)
class AtLeast:
    """At least ``count`` of ``parts`` are met (``all`` and ``any`` are special cases)."""

    count: int
    parts: tuple[Condition, ...]
    word: str = ""  # "all" or "any" when written that way, for describe()

    def evaluate(self, answers: Mapping[str, Answer]) -> Status:
        statuses = [part.evaluate(answers) for part in self.parts]
        met = statuses.count(Status.MET)
        unknown = statuses.count(Status.UNKNOWN)
        if met >= self.count:
            return Status.MET
        if met + unknown < self.count:
            return Status.NOT_MET
        return Status.UNKNOWN

    def score(self, answers: Mapping[str, Answer]) -> Score:
        """The ``count``-th best part, bound by bound (``all`` = min, ``any`` = max)."""
        scores = [part.score(answers) for part in self.parts]
        lows = sorted((s[0] for s in scores), reverse=True)
        highs = sorted((s[1] for s in scores), reverse=True)
        index = min(max(self.count, 1), len(scores)) - 1
        return (lows[index], highs[index])

    def questions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q for part in self.parts for q in part.questions()))

    def describe(self) -> str:
        inner = [part.describe() for part in self.parts]
        if self.word == "all":
            return "(" + " and ".join(inner) + ")"
        if self.word == "any":
            return "(" + " or ".join(inner) + ")"
        return f"at least {self.count} of: " + "; ".join(inner)


@dataclass(frozen=True)
class Not:
    part: Condition

    def evaluate(self, answers: Mapping[str, Answer]) -> Status:
        status = self.part.evaluate(answers)
        if status is Status.UNKNOWN:
            return status
        return Status.NOT_MET if status is Status.MET else Status.MET

    def score(self, answers: Mapping[str, Answer]) -> Score:
        low, high = self.part.score(answers)
        return (1.0 - high, 1.0 - low)

    def questions(self) -> tuple[str, ...]:
        return self.part.questions()

    def describe(self) -> str:
        return f"not {self.part.describe()}"


Condition = Compare | AtLeast | Not


def parse_condition(raw: Any, questionnaire: Questionnaire) -> Condition:
    """Build a condition from its YAML form; a mistake raises ValueError in plain words."""
    if not isinstance(raw, dict):
        raise ValueError(_("a condition must be a mapping, not {value}").format(value=shown(raw)))
    if "all" in raw or "any" in raw:
        word = "all" if "all" in raw else "any"
        parts = tuple(parse_condition(item, questionnaire) for item in raw[word])
        return AtLeast(count=len(parts) if word == "all" else 1, parts=parts, word=word)
    if "of" in raw:
        parts = tuple(parse_condition(item, questionnaire) for item in raw["of"])
        return AtLeast(count=int(_number(raw, "at_least")), parts=parts)
    if "not" in raw:
        return Not(parse_condition(raw["not"], questionnaire))
    return _compare(raw, questionnaire)


def _compare(raw: dict[str, Any], questionnaire: Questionnaire) -> Compare:
    ops = [key for key in raw if key in _COMPARISONS]
    if "q" not in raw or len(ops) != 1 or len(raw) != 2:
        raise ValueError(
            _("a comparison needs 'q' and one of {ops}: {rule}").format(
                ops=", ".join(_COMPARISONS), rule=shown(raw)
            )
        )
    question = questionnaire.question(raw["q"])  # KeyError names an unknown id
    op = ops[0]
    if op in ("is", "in", "includes"):
        values = tuple(raw[op]) if isinstance(raw[op], list) else (str(raw[op]),)
        allowed = STATUS_VALUES if question.type is QuestionType.STATUS else question.choice_values
        wrong = [v for v in values if v not in allowed]
        if wrong:
            raise ValueError(
                _("{question} cannot be {values}").format(
                    question=question.id, values=", ".join(wrong)
                )
            )
        return Compare(question.id, "includes" if op == "includes" else "in", values)
    return Compare(question.id, op, _number(raw, op))


def _number(raw: dict[str, Any], op: str) -> float:
    """The number a comparison names; anything else raises ValueError in words."""
    value = raw.get(op)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(_("'{op}' needs a number, not {value}").format(op=op, value=shown(value)))
    return float(value)
