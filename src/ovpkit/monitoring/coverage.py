"""Coverage audit: are the programs reaching the people most affected by violence?

For each dimension the audit has (area, age group, sex), the participants' shares
are set against the victims' shares. The representation index of a group is its
share of participants divided by its share of victims: 1 means the group is reached
in proportion to the harm it suffers, below 1 it is under-reached. A group counts as
under-reached when its index is below 0.8 (the four-fifths rule used for adverse
impact). Over-reaching the most affected group is the point of a focused program, so
it is not held against the office: the gap adds up, over the under-reached groups
only, how far their share of participants falls short of their share of victims
(0.2 = a fifth of the harm is not matched by participants). The dissimilarity index
(half the sum of absolute share differences) is given too, for readers who know it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ovpkit.i18n import N_, _
from ovpkit.monitoring.records import CoverageAudit, CoverageCell

UNDER_REACHED = 0.8
#: gap bands: the shortfall of participants' shares in under-reached groups
GAP_REACHING = 0.10
GAP_MISSING = 0.25
#: below this many victims in a dimension, shares are too unstable to judge
SMALL_NUMBERS = 20
DIMENSIONS: tuple[str, ...] = ("area", "age_group", "sex")
DIMENSION_LABELS: dict[str, str] = {
    "area": N_("area"),
    "age_group": N_("age group"),
    "sex": N_("sex"),
}


class CoverageVerdict(StrEnum):
    REACHING = "reaching"
    PARTLY = "partly_reaching"
    MISSING = "missing"
    TOO_FEW = "too_few_victims"


VERDICT_LABELS: dict[CoverageVerdict, str] = {
    CoverageVerdict.REACHING: N_("programs reach the most affected groups"),
    CoverageVerdict.PARTLY: N_("programs partly reach the most affected groups"),
    CoverageVerdict.MISSING: N_("programs miss groups that carry much of the harm"),
    CoverageVerdict.TOO_FEW: N_("too few victims to judge"),
}


@dataclass(frozen=True)
class GroupCoverage:
    group: str
    participants: int
    victims: int
    participant_share: float
    victim_share: float
    representation: float | None  # participant share / victim share

    @property
    def under_reached(self) -> bool:
        return self.representation is not None and self.representation < UNDER_REACHED


@dataclass(frozen=True)
class DimensionCoverage:
    dimension: str
    groups: tuple[GroupCoverage, ...]  # most victims first
    participants: int
    victims: int
    gap: float  # shortfall of participant shares below victim shares, under-reached groups
    dissimilarity: float
    verdict: CoverageVerdict

    @property
    def most_affected(self) -> GroupCoverage:
        return self.groups[0]

    @property
    def under_reached(self) -> tuple[str, ...]:
        return tuple(g.group for g in self.groups if g.under_reached)

    @property
    def label(self) -> str:
        return _(VERDICT_LABELS[self.verdict])


@dataclass(frozen=True)
class CoverageResult:
    id: str
    year: int | None
    programs: tuple[str, ...]
    dimensions: tuple[DimensionCoverage, ...]

    @property
    def gap(self) -> float | None:
        """The largest gap over the dimensions that could be judged."""
        judged = [d.gap for d in self.dimensions if d.verdict is not CoverageVerdict.TOO_FEW]
        return max(judged) if judged else None

    @property
    def verdict(self) -> CoverageVerdict:
        order = [CoverageVerdict.MISSING, CoverageVerdict.PARTLY, CoverageVerdict.REACHING]
        found = {d.verdict for d in self.dimensions}
        return next((v for v in order if v in found), CoverageVerdict.TOO_FEW)


def coverage_audit(audit: CoverageAudit) -> CoverageResult:
    dimensions = tuple(
        _dimension(name, audit.participants, audit.victims)
        for name in DIMENSIONS
        if _has(name, audit.participants) and _has(name, audit.victims)
    )
    return CoverageResult(
        id=audit.id, year=audit.year, programs=audit.programs, dimensions=dimensions
    )


def _has(dimension: str, cells: Iterable[CoverageCell]) -> bool:
    return any(getattr(cell, dimension) is not None for cell in cells)


def _margin(dimension: str, cells: Iterable[CoverageCell]) -> dict[str, int]:
    """Counts by group of one dimension; cells that leave the dimension out are skipped."""
    totals: dict[str, int] = defaultdict(int)
    for cell in cells:
        value = getattr(cell, dimension)
        if value is not None:
            totals[str(value)] += cell.count
    return totals


def _dimension(
    name: str, participants: Iterable[CoverageCell], victims: Iterable[CoverageCell]
) -> DimensionCoverage:
    reached, harmed = _margin(name, participants), _margin(name, victims)
    n_reached, n_harmed = sum(reached.values()), sum(harmed.values())
    groups = tuple(
        sorted(
            (
                _group(g, reached.get(g, 0), harmed.get(g, 0), n_reached, n_harmed)
                for g in set(reached) | set(harmed)
            ),
            key=lambda g: (-g.victims, -g.participants, g.group),
        )
    )
    gap = sum((g.victim_share - g.participant_share for g in groups if g.under_reached), 0.0)
    dissimilarity = 0.5 * sum(abs(g.participant_share - g.victim_share) for g in groups)
    return DimensionCoverage(
        dimension=name,
        groups=groups,
        participants=n_reached,
        victims=n_harmed,
        gap=gap,
        dissimilarity=dissimilarity,
        verdict=_verdict(gap, n_harmed),
    )


def _group(group: str, reached: int, harmed: int, n_reached: int, n_harmed: int) -> GroupCoverage:
    participant_share = reached / n_reached if n_reached else 0.0
    victim_share = harmed / n_harmed if n_harmed else 0.0
    return GroupCoverage(
        group=group,
        participants=reached,
        victims=harmed,
        participant_share=participant_share,
        victim_share=victim_share,
        representation=participant_share / victim_share if victim_share > 0 else None,
    )


def _verdict(gap: float, victims: int) -> CoverageVerdict:
    if victims < SMALL_NUMBERS:
        return CoverageVerdict.TOO_FEW
    if gap < GAP_REACHING:
        return CoverageVerdict.REACHING
    if gap < GAP_MISSING:
        return CoverageVerdict.PARTLY
    return CoverageVerdict.MISSING
