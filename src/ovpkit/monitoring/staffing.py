"""Staffing: how many, on what contracts, with what backgrounds (criterion 7).

The report notes that short-term contracts "may undermine the stability needed for
various programs to have an effect", and that offices choose between specialists
and generalists. It also cites a guide (endnote 23): budget 15 percent of staffing
costs for data and evaluation support, which covers diagnoses and evaluations.
The data-and-evaluation share is computed from staffing costs when every position
has a cost, and from full-time equivalents otherwise (the summary says which).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from ovpkit.i18n import N_
from ovpkit.monitoring.records import Contract, StaffPosition

#: the endnote 23 guide; the catalogue holds the cited value (guide data_evaluation_staffing_share)
DATA_EVALUATION_GUIDE = 0.15
STABLE_CONTRACTS = frozenset({Contract.PERMANENT, Contract.FIXED_TERM})
#: How the data-and-evaluation share was computed.
BASIS_LABELS: dict[str, str] = {"cost": N_("of staffing costs"), "fte": N_("of full-time staff")}
#: The usual backgrounds (docs/monitoring.md); an office's own slugs are shown as written.
BACKGROUND_LABELS: dict[str, str] = {
    "social_work": N_("social work"),
    "psychology": N_("psychology"),
    "lived_experience": N_("lived experience"),
    "public_administration": N_("public administration"),
    "statistics": N_("statistics"),
    "research": N_("research"),
    "generalist": N_("generalist"),
    "community_development": N_("community development"),
    "public_health": N_("public health"),
    "law": N_("law"),
    "education": N_("education"),
}


@dataclass(frozen=True)
class StaffingSummary:
    positions: int
    fte: float
    fte_by_contract: tuple[tuple[str, float], ...]
    fte_by_function: tuple[tuple[str, float], ...]
    backgrounds: tuple[tuple[str, int], ...]  # (background, positions), most common first
    stable_contract_share: float | None  # FTE share on permanent or fixed-term contracts
    total_cost: float | None  # None unless every position has a cost
    data_evaluation_share: float | None
    data_evaluation_basis: Literal["cost", "fte"] | None
    guide: float
    meets_guide: bool | None


def staffing_summary(
    positions: Iterable[StaffPosition], *, guide: float = DATA_EVALUATION_GUIDE
) -> StaffingSummary:
    staff = tuple(positions)
    fte = sum(p.fte for p in staff)
    costed = bool(staff) and all(p.annual_cost is not None for p in staff)
    total_cost = sum(p.annual_cost or 0.0 for p in staff) if costed else None
    share, basis = _data_evaluation_share(staff, fte, total_cost)
    return StaffingSummary(
        positions=len(staff),
        fte=fte,
        fte_by_contract=_sum_by(staff, lambda p: p.contract.value),
        fte_by_function=_sum_by(staff, lambda p: p.function.value),
        backgrounds=tuple(
            Counter(b for p in staff for b in dict.fromkeys(p.backgrounds)).most_common()
        ),
        stable_contract_share=(
            sum(p.fte for p in staff if p.contract in STABLE_CONTRACTS) / fte if fte else None
        ),
        total_cost=total_cost,
        data_evaluation_share=share,
        data_evaluation_basis=basis,
        guide=guide,
        meets_guide=None if share is None else share >= guide,
    )


def _data_evaluation_share(
    staff: tuple[StaffPosition, ...], fte: float, total_cost: float | None
) -> tuple[float | None, Literal["cost", "fte"] | None]:
    if total_cost:
        spent = sum((p.annual_cost or 0.0) * p.data_evaluation_time() for p in staff)
        return spent / total_cost, "cost"
    if fte:
        return sum(p.fte * p.data_evaluation_time() for p in staff) / fte, "fte"
    return None, None


def _sum_by(
    staff: tuple[StaffPosition, ...], key: Callable[[StaffPosition], str]
) -> tuple[tuple[str, float], ...]:
    totals: dict[str, float] = {}
    for position in staff:
        totals[key(position)] = totals.get(key(position), 0.0) + position.fte
    return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))
