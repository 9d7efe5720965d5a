"""From check statuses to a level, its range and its confidence.

A criterion reaches level L when it reached every level below, no check of level L
is not met, and at least one check of level L is met. Unknown checks are set aside,
so they cannot lower the level; they lower the confidence instead, and they widen
the range between the level with every unknown read unfavourably (``low``) and the
level with every unknown read favourably (``high``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.rubric import Check
from ovpkit.assessment.rules import Status

TOP_LEVEL = 3


@dataclass(frozen=True)
class LevelOutcome:
    level: int
    low: int
    high: int
    confidence: float
    statuses: dict[str, Status]  # check id -> status


def evaluate_level(checks: tuple[Check, ...], answers: Mapping[str, Answer]) -> LevelOutcome:
    statuses = {check.id: check.when.evaluate(answers) for check in checks}
    by_level = {
        level: [statuses[c.id] for c in checks if c.level == level]
        for level in range(1, TOP_LEVEL + 1)
    }
    level = _climb(by_level, unknown_as=None)
    low = _climb(by_level, unknown_as=Status.NOT_MET)
    high = _climb(by_level, unknown_as=Status.MET)
    return LevelOutcome(
        level=level,
        low=low,
        high=high,
        confidence=_confidence(checks, statuses, level),
        statuses=statuses,
    )


def _climb(by_level: dict[int, list[Status]], unknown_as: Status | None) -> int:
    reached = 0
    for level in range(1, TOP_LEVEL + 1):
        statuses = [
            unknown_as if s is Status.UNKNOWN and unknown_as is not None else s
            for s in by_level[level]
        ]
        if Status.NOT_MET in statuses or Status.MET not in statuses:
            break
        reached = level
    return reached


def _confidence(checks: tuple[Check, ...], statuses: dict[str, Status], level: int) -> float:
    """Share of the deciding checks (levels up to the next one) whose status is known."""
    deciding = [c for c in checks if c.level <= min(level + 1, TOP_LEVEL)]
    known = sum(statuses[c.id] is not Status.UNKNOWN for c in deciding)
    return round(known / len(deciding), 2) if deciding else 0.0
