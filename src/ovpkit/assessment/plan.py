"""The prioritised action plan: what first, what depends on what, quick wins first.

Every confirmed opportunity becomes a step (one whose answers are unknown is listed
under "to verify" instead). A step's phase is one more than the latest phase of
the steps it depends on (the rubric's ``after`` links), capped at three: phase 1 can
start now, phase 2 builds on phase 1, phase 3 comes later. Within a phase, quick wins
come before structural changes, and the criteria furthest behind come first.
"""

from __future__ import annotations

from collections.abc import Mapping

from ovpkit.assessment.results import ActionStep, CriterionResult, Opportunity
from ovpkit.assessment.rubric import Effort, Rubric

LAST_PHASE = 3


def build_action_plan(
    criteria: tuple[CriterionResult, ...], rubric: Rubric
) -> tuple[ActionStep, ...]:
    planned: dict[str, tuple[CriterionResult, Opportunity]] = {  # check id -> step
        o.check: (c, o) for c in criteria for o in c.opportunities if o.check and o.confirmed
    }
    depends = {
        check_id: tuple(d for d in _dependencies(check_id, rubric, planned) if d != check_id)
        for check_id in planned
    }
    phases: dict[str, int] = {}
    for check_id in planned:
        _phase(check_id, depends, phases, set())
    ordered = sorted(
        planned,
        key=lambda cid: (
            phases[cid],
            planned[cid][1].effort != Effort.QUICK_WIN,
            planned[cid][0].level,
            planned[cid][0].criterion,
            cid,
        ),
    )
    return tuple(
        ActionStep(
            order=i,
            phase=phases[cid],
            check=cid,
            criterion=planned[cid][0].criterion,
            text=planned[cid][1].text,
            effort=planned[cid][1].effort,
            depends_on=depends[cid],
        )
        for i, cid in enumerate(ordered, start=1)
    )


def _dependencies(check_id: str, rubric: Rubric, planned: Mapping[str, object]) -> list[str]:
    """The checks this one waits for that are steps of the plan too (met ones are done)."""
    return sorted(d for d in rubric.check(check_id).after if d in planned)


def _phase(
    check_id: str, depends: dict[str, tuple[str, ...]], phases: dict[str, int], path: set[str]
) -> int:
    if check_id in phases:
        return phases[check_id]
    if check_id in path:  # a cycle in the rubric's links: treat as independent
        return 1
    path.add(check_id)
    earlier = [_phase(d, depends, phases, path) for d in depends[check_id]]
    phases[check_id] = min(LAST_PHASE, 1 + max(earlier, default=0))
    path.discard(check_id)
    return phases[check_id]
