"""The prioritised action plan: what first, what depends on what, who, by when, done when.

Every confirmed opportunity becomes a step (one whose answers are unknown is listed
under "to verify" instead), and so does the recommendation of every risk the answers
show. A step's phase is one more than the latest phase of the steps it depends on (the
rubric's ``after`` links: a baseline before an evaluation), shown capped at three; steps
are ordered by their uncapped phase, so a step always comes after what it waits for.
Phases are horizons: 0-6 months, 6-18 months, 18-36 months.

At most three steps **start now** (:data:`START_NOW`): an office cannot open a dozen
fronts at once. They are chosen among the steps with nothing to wait for, in this
order: the risks the report warns about, then steps the context makes urgent (a
rubric ``priority``), then the criteria furthest behind, quick wins first. The other
steps without dependencies move to the next horizon, and their dependants after them.

Each step names an owner role (the rubric check's, else its criterion's, see
:data:`CRITERION_OWNERS`) and an indicator of done: the answers of the questionnaire
that will show it done at the next assessment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ovpkit.assessment.results import ActionStep, CriterionResult, Opportunity, Risk
from ovpkit.assessment.rubric import Effort, Rubric
from ovpkit.i18n import N_

LAST_PHASE = 3
START_NOW = 3
HORIZONS = {1: "0-6", 2: "6-18", 3: "18-36"}
HORIZON_LABELS = {
    "0-6": N_("0–6 months"),
    "6-18": N_("6–18 months"),
    "18-36": N_("18–36 months"),
}

#: Who leads a step, by role (not by person: offices differ in their titles).
OWNER_LABELS = {
    "director": N_("office director"),
    "city_leadership": N_("mayor or council"),
    "partnerships": N_("partnerships lead"),
    "data_evaluation": N_("data and evaluation lead"),
    "programs": N_("programs lead"),
    "finance": N_("budget and finance lead"),
}

#: The role that usually leads the work of each criterion.
CRITERION_OWNERS = {
    1: "city_leadership",
    2: "partnerships",
    3: "data_evaluation",
    4: "programs",
    5: "programs",
    6: "finance",
    7: "director",
    8: "director",
    9: "data_evaluation",
}

#: The answers that show a risk's recommendation carried out.
RISK_DONE = {
    "funding-cliff": ("sustainability.plan_after", "budget.core_funding"),
    "leadership-turnover": ("politics.institutionalised",),
    "institutional-move": ("mandate.written", "mandate.coordinating_role"),
    "results-demanded": ("documentation.baseline", "documentation.impact_evaluation"),
}


@dataclass(frozen=True)
class _Candidate:
    key: str
    criterion: int
    level: int  # the criterion's level (lower = further behind)
    text: str
    effort: str
    owner: str
    done_when: tuple[str, ...]
    reason: str | None
    urgency: int  # 0 a risk, 1 urgent by context, 2 other


def build_action_plan(
    criteria: tuple[CriterionResult, ...],
    rubric: Rubric,
    risks: tuple[Risk, ...] = (),
) -> tuple[ActionStep, ...]:
    planned = _candidates(criteria, rubric, risks)
    depends = {
        key: tuple(d for d in _dependencies(key, rubric, planned) if d != key) for key in planned
    }
    free = sorted((k for k in planned if not depends[k]), key=lambda k: _rank(planned[k]))
    floors = {k: (1 if k in free[:START_NOW] else 2) for k in planned}
    phases: dict[str, int] = {}
    for key in planned:
        _phase(key, depends, phases, floors, set())
    ordered = sorted(planned, key=lambda k: (phases[k], _rank(planned[k])))
    return tuple(
        _step(i, planned[k], min(LAST_PHASE, phases[k]), depends[k])
        for i, k in enumerate(ordered, 1)
    )


def _candidates(
    criteria: tuple[CriterionResult, ...], rubric: Rubric, risks: tuple[Risk, ...]
) -> dict[str, _Candidate]:
    levels = {c.criterion: c.level for c in criteria}
    found: dict[str, _Candidate] = {
        r.id: _Candidate(
            key=r.id,
            criterion=r.criterion,
            level=levels.get(r.criterion, 0),
            text=r.recommendation,
            effort=Effort.STRUCTURAL.value,
            owner=r.owner,
            done_when=RISK_DONE.get(r.id, ()),
            reason=r.title,
            urgency=0,
        )
        for r in risks
    }
    for c in criteria:
        for o in c.opportunities:
            if o.check and o.confirmed:
                found[o.check] = _from_opportunity(c, o, rubric)
    return found


def _from_opportunity(
    criterion: CriterionResult, opportunity: Opportunity, rubric: Rubric
) -> _Candidate:
    assert opportunity.check is not None
    check = rubric.check(opportunity.check)
    return _Candidate(
        key=check.id,
        criterion=criterion.criterion,
        level=criterion.level,
        text=opportunity.text,
        effort=opportunity.effort,
        owner=check.owner or CRITERION_OWNERS[criterion.criterion],
        done_when=check.when.questions(),
        reason=opportunity.priority_reason,
        urgency=1 if opportunity.priority_reason else 2,
    )


def _rank(candidate: _Candidate) -> tuple[int, bool, int, int, str]:
    return (
        candidate.urgency,
        candidate.effort != Effort.QUICK_WIN,
        candidate.level,
        candidate.criterion,
        candidate.key,
    )


def _step(order: int, c: _Candidate, phase: int, depends: tuple[str, ...]) -> ActionStep:
    return ActionStep(
        order=order,
        phase=phase,
        check=c.key,
        criterion=c.criterion,
        text=c.text,
        effort=c.effort,
        depends_on=depends,
        horizon=HORIZONS[phase],
        owner=c.owner,
        done_when=c.done_when,
        start_now=phase == 1,
        reason=c.reason,
    )


def _dependencies(key: str, rubric: Rubric, planned: Mapping[str, object]) -> list[str]:
    """The checks this one waits for that are steps of the plan too (met ones are done)."""
    if key not in {c.id for c in rubric.checks}:
        return []  # a risk's recommendation waits for nothing
    return sorted(d for d in rubric.check(key).after if d in planned)


def _phase(
    key: str,
    depends: dict[str, tuple[str, ...]],
    phases: dict[str, int],
    floors: Mapping[str, int],
    path: set[str],
) -> int:
    if key in phases:
        return phases[key]
    if key in path:  # a cycle in the rubric's links: treat as independent
        return floors[key]
    path.add(key)
    earlier = [_phase(d, depends, phases, floors, path) for d in depends[key]]
    phases[key] = max(floors[key], 1 + max(earlier, default=0))  # capped where shown
    path.discard(key)
    return phases[key]
