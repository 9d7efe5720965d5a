"""Programs by prevention level, focus population, partners and life-cycle stage.

The life cycle is REACH Edmonton's (Part 4): START UP, "a 90-day sprint for new
ideas to test their relevancy and opportunity"; SCALE UP when the program "meets or
exceeds initial indications"; SHIFT OUT, handing it fully to community partners.
A START UP program without its review 90 days after it started is flagged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ovpkit.i18n import N_
from ovpkit.knowledge.models import PreventionLevelId
from ovpkit.monitoring.records import Partner, PartnerKind, Program, Stage

START_UP_REVIEW_DAYS = 90
#: The report's three prevention levels as a table cell shows them.
LEVEL_LABELS: dict[str, str] = {
    PreventionLevelId.PRIMARY: N_("primary"),
    PreventionLevelId.SECONDARY: N_("secondary"),
    PreventionLevelId.TERTIARY: N_("tertiary"),
}
#: partners rooted in the community (the report's community-based and faith organisations)
COMMUNITY_KINDS = frozenset({PartnerKind.COMMUNITY_BASED, PartnerKind.FAITH})


class ReviewState(StrEnum):
    NOT_APPLICABLE = "not_applicable"  # not in START UP
    UNKNOWN_START = "unknown_start"  # START UP without a start date
    DUE = "due"  # sprint still running
    OVERDUE = "overdue"  # 90 days passed, no review recorded
    REVIEWED = "reviewed"


@dataclass(frozen=True)
class ProgramReview:
    program: str
    name: str
    stage: str
    prevention_level: str
    focus_population: str
    partners: int
    review_state: ReviewState
    review_due: dt.date | None
    days_overdue: int | None
    decision: str | None


@dataclass(frozen=True)
class ProgramPortfolio:
    programs: tuple[ProgramReview, ...]
    by_level: tuple[tuple[str, int], ...]  # every level, in the report's order
    by_stage: tuple[tuple[str, int], ...]
    partners: int
    partners_by_kind: tuple[tuple[str, int], ...]
    programs_with_partners: int
    programs_with_community_partners: int  # a community-based or faith partner delivers it
    funded_community_partners: int  # community-based or faith partners the office funds
    programs_with_defined_population: int  # an age band or areas stated
    participants: int | None  # sum of the programs' reported participants

    @property
    def levels_covered(self) -> int:
        return sum(1 for _, count in self.by_level if count)

    @property
    def reviews_overdue(self) -> int:
        return sum(1 for p in self.programs if p.review_state is ReviewState.OVERDUE)


def program_portfolio(
    programs: Iterable[Program],
    partners: Iterable[Partner],
    *,
    as_of: dt.date,
    review_days: int = START_UP_REVIEW_DAYS,
) -> ProgramPortfolio:
    programs = tuple(programs)
    partners = tuple(partners)
    levels = Counter(p.prevention_level for p in programs)
    stages = Counter(p.stage for p in programs)
    reported = [p.participants for p in programs if p.participants is not None]
    community = {p.id for p in partners if p.kind in COMMUNITY_KINDS}
    return ProgramPortfolio(
        programs=tuple(_review(p, as_of, review_days) for p in programs),
        by_level=tuple((level.value, levels.get(level, 0)) for level in PreventionLevelId),
        by_stage=tuple((stage.value, stages.get(stage, 0)) for stage in Stage),
        partners=len(partners),
        partners_by_kind=tuple(Counter(p.kind.value for p in partners).most_common()),
        programs_with_partners=sum(1 for p in programs if p.partners),
        programs_with_community_partners=sum(1 for p in programs if community & set(p.partners)),
        funded_community_partners=sum(
            1 for p in partners if p.kind in COMMUNITY_KINDS and p.funded
        ),
        programs_with_defined_population=sum(
            1 for p in programs if p.areas or p.age_min is not None or p.age_max is not None
        ),
        participants=sum(reported) if reported else None,
    )


def _review(program: Program, as_of: dt.date, review_days: int) -> ProgramReview:
    state, due, overdue = _review_state(program, as_of, review_days)
    return ProgramReview(
        program=program.id,
        name=program.name,
        stage=program.stage.value,
        prevention_level=program.prevention_level.value,
        focus_population=program.focus_population,
        partners=len(program.partners),
        review_state=state,
        review_due=due,
        days_overdue=overdue,
        decision=program.review.decision.value if program.review else None,
    )


def _review_state(
    program: Program, as_of: dt.date, review_days: int
) -> tuple[ReviewState, dt.date | None, int | None]:
    if program.stage is not Stage.START_UP:
        return ReviewState.NOT_APPLICABLE, None, None
    if program.stage_started is None:
        return ReviewState.UNKNOWN_START, None, None
    due = program.stage_started + dt.timedelta(days=review_days)
    if program.review is not None:
        return ReviewState.REVIEWED, due, None
    if as_of > due:
        return ReviewState.OVERDUE, due, (as_of - due).days
    return ReviewState.DUE, due, None
