"""From check scores to a level, its range and its confidence: the weight of evidence.

Each check scores its evidence in [0, 1] (met 1, a ``partly`` where ``yes`` is asked
0.5, not met 0) or is unknown (see :mod:`ovpkit.assessment.rules`). Each level is judged
on its own checks:

- levels 1 and 2 are reached when the mean score of their known checks is above half
  (:data:`THRESHOLD`), so several checks decide together and no single ``partly`` or
  ``no`` sinks a level; unknown checks are set aside;
- level 3 (exemplary) is shown, not presumed: every one of its checks must be met, and
  an unknown one counts as not shown;
- the level is the highest reached one, less one for each level under it that is not
  reached: a missing step costs one level, not the whole ladder.

Unknown answers lower the confidence, and widen the range between the level with every
unknown read unfavourably (``low``) and read favourably (``high``). A criterion with no
known check at all is *not assessed*, which is not the same as level 0 (nothing in place).

Why a ``partly`` never scores below ``unknown``: a check that was unknown scores at least
0.5 once the answer is ``partly``; added to known checks whose mean is above 0.5 it keeps
the mean above 0.5, and alone (0.5) it is no more than no evidence. At level 3 both fall
short of "met". Every level's judgement, and the level made of them, only grows with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.rubric import Check
from ovpkit.assessment.rules import Score, Status, status_of

TOP_LEVEL = 3

#: The weight of evidence a level needs: at least half of what its known checks ask.
THRESHOLD = 0.5


@dataclass(frozen=True)
class LevelOutcome:
    level: int
    low: int
    high: int
    confidence: float
    statuses: dict[str, Status]  # check id -> status
    scores: dict[str, Score]  # check id -> (low, high) evidence score
    assessed: bool = True  # False when no check of the criterion is known


def evaluate_level(
    checks: tuple[Check, ...], answers: Mapping[str, Answer], *, disputed: int = 0
) -> LevelOutcome:
    """The level, its range and confidence; ``disputed`` numbers count as unknown evidence."""
    scores = {check.id: check.when.score(answers) for check in checks}
    by_level = {
        level: [scores[c.id] for c in checks if c.level == level]
        for level in range(1, TOP_LEVEL + 1)
    }
    statuses = {cid: status_of(score) for cid, score in scores.items()}
    level = _climb(by_level, read=None)
    return LevelOutcome(
        level=level,
        low=_climb(by_level, read=0),
        high=_climb(by_level, read=1),
        confidence=_confidence(checks, statuses, level, disputed),
        statuses=statuses,
        scores=scores,
        assessed=_assessed(checks, statuses, level),
    )


def _climb(by_level: dict[int, list[Score]], read: int | None) -> int:
    """The level the weight of evidence supports, each level judged on its own checks.

    A level whose own evidence reaches the threshold counts; a level below it that does
    not costs one level, not the whole ladder: the result is the best ``L - gaps`` over
    the reached levels L, where ``gaps`` counts the unreached levels under L. With every
    level reached in order this is the usual climb; a single missing step (one ``no``
    on a level-2 check of an office with level-3 practice) lowers the level by one.
    ``read`` says how to read an unknown check: set aside (None), as its lowest score
    (0) or as its highest (1).
    """
    reached = [
        _exemplary(by_level[level], read) if level == TOP_LEVEL else _reaches(by_level[level], read)
        for level in range(1, TOP_LEVEL + 1)
    ]
    best = 0
    for index, ok in enumerate(reached):
        if ok:
            best = max(best, index + 1 - reached[:index].count(False))
    return best


def _reaches(scores: list[Score], read: int | None) -> bool:
    values = [
        score[read] if read is not None else score[0]
        for score in scores
        if read is not None or score[0] == score[1]
    ]
    # mean strictly above the threshold: a lone ``partly`` (0.5) is not enough on its own
    return bool(values) and sum(values) / len(values) > THRESHOLD


def _exemplary(scores: list[Score], read: int | None) -> bool:
    """Level 3 is shown, not presumed: every exemplary check fully met.

    An unknown check counts as not shown (its low bound) unless the favourable reading
    is asked for (``read=1``, the top of the range).
    """
    values = [score[1] if read == 1 else score[0] for score in scores]
    return bool(values) and min(values) >= 1.0


def _assessed(checks: tuple[Check, ...], statuses: dict[str, Status], level: int) -> bool:
    """Whether any check that decides the level is known.

    A level is reached only on known checks of that level, so this can fail only at
    level 0: when every level-1 check is unknown, "0 · absent" would be a claim with no
    evidence behind it (confidence 0%), even if a higher check is partly known. That is
    *not assessed*, as when nothing is known at all.
    """
    deciding = [c for c in checks if c.level <= min(level + 1, TOP_LEVEL)]
    return any(statuses[c.id] is not Status.UNKNOWN for c in deciding)


def _confidence(
    checks: tuple[Check, ...], statuses: dict[str, Status], level: int, disputed: int = 0
) -> float:
    """Share of the deciding evidence whose status is known.

    The deciding evidence is the checks of the levels up to the next one, plus each
    number the criterion reads on which respondents disagree (one unknown item each).
    """
    deciding = [c for c in checks if c.level <= min(level + 1, TOP_LEVEL)]
    known = sum(statuses[c.id] is not Status.UNKNOWN for c in deciding)
    total = len(deciding) + disputed
    return round(known / total, 2) if deciding else 0.0
