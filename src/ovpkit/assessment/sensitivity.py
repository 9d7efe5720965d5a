"""What would move a criterion's level: the one or two answers that change it.

An office reads a level better when it sees what it rests on. For each criterion the
engine tries, one question at a time, every other answer the rubric's rules can tell
apart (yes, partly, no; each choice; each number a rule compares with) and keeps the
answers that change the level: first the one that raises it (an unknown answer first,
since settling it is the cheapest step), then the one that lowers it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ovpkit.assessment.answers import Answer, AnswerValue
from ovpkit.assessment.levels import evaluate_level
from ovpkit.assessment.rubric import Check
from ovpkit.assessment.rules import AtLeast, Compare, Condition, Not

_STATUS_WORDS = ("yes", "partly", "no")


@dataclass(frozen=True)
class Move:
    """Answering ``question`` with ``value`` would bring the criterion to ``level``."""

    question: str
    value: AnswerValue
    level: int
    was_known: bool  # False: the question is unanswered (settling it is the first step)


def moves_for(
    checks: tuple[Check, ...], answers: Mapping[str, Answer], level: int
) -> tuple[Move, ...]:
    """At most two moves: the best way up, then the nearest way down."""
    found = list(_moves(checks, answers, level))
    ups = sorted((m for m in found if m.level > level), key=lambda m: (m.was_known, -m.level))
    downs = sorted((m for m in found if m.level < level), key=lambda m: -m.level)
    return tuple(ups[:1] + downs[:1])


def _moves(checks: tuple[Check, ...], answers: Mapping[str, Answer], level: int) -> Iterator[Move]:
    compares = [c for check in checks for c in _compares(check.when)]
    for question in dict.fromkeys(c.question for c in compares):
        current = answers.get(question)
        for value in _alternatives([c for c in compares if c.question == question]):
            if current is not None and current.value == value:
                continue
            changed = {**answers, question: Answer(question=question, value=value)}
            new = evaluate_level(checks, changed).level
            if new != level:
                yield Move(question, value, new, current is not None and current.known)


def _compares(condition: Condition) -> Iterator[Compare]:
    if isinstance(condition, Compare):
        yield condition
    elif isinstance(condition, AtLeast):
        for part in condition.parts:
            yield from _compares(part)
    elif isinstance(condition, Not):
        yield from _compares(condition.part)


def _alternatives(compares: list[Compare]) -> list[AnswerValue]:
    """The answers the rules on one question can tell apart."""
    values: list[AnswerValue] = []
    for compare in compares:
        if compare.op == "in" and isinstance(compare.operand, tuple):
            status = any(v in _STATUS_WORDS for v in compare.operand)
            values += list(_STATUS_WORDS) if status else list(compare.operand)
        elif compare.op == "includes" and isinstance(compare.operand, tuple):
            values.append(compare.operand)
        elif isinstance(compare.operand, float):
            step = 1.0 if compare.op.endswith("at_least") else -1.0
            values += [compare.operand, compare.operand - step]
    if any(c.op.startswith("count") for c in compares):
        return []  # counts of choices: no single choice to name
    return list(dict.fromkeys(values))
