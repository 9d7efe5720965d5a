"""Baseline and target: where the diagnosis stands against a goal such as halving by 2030.

The baseline is the mean of the three years before the start year; by default
(:func:`default_start_year`) the start is the latest complete year, so the
baseline is the three most recent complete years before it: the report asks
for a diagnosis "elaborated before the start of its activities" that serves
"as a baseline", which is the conditions just before a plan, not the first
years a file happens to hold. The target
trajectory runs in a straight line from the baseline (placed in the year before
the start) to baseline × (1 − reduction) in the target year. Status words match
``ovpkit.monitoring`` so both parts read the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ovpkit.i18n import N_

BASELINE_YEARS = 3
STATUS_LABELS = {
    "achieved": N_("target reached"),
    "on_track": N_("on track"),
    "behind": N_("improving, behind the trajectory"),
    "not_improving": N_("not improving on the baseline"),
    "missed": N_("target year passed, target missed"),
    "no_baseline": N_("no baseline (three years needed)"),
    "no_data": N_("no data after the start year"),
}


@dataclass(frozen=True)
class TargetStatus:
    start_year: int
    baseline_years: tuple[int, ...]
    baseline: float | None
    target_year: int
    target: float | None
    trajectory: tuple[tuple[int, float], ...]
    latest_year: int | None
    latest: float | None
    expected: float | None
    status: str  # achieved, on_track, behind, not_improving, missed, no_baseline, no_data
    chosen: bool = False  # the start year was chosen by the user, not the default rule


def default_start_year(complete_years: list[int]) -> int | None:
    """The latest complete year, when the three years before it are complete too."""
    if not complete_years:
        return None
    latest = max(complete_years)
    before = set(range(latest - BASELINE_YEARS, latest))
    return latest if before <= set(complete_years) else None


def baseline_and_target(
    yearly: dict[int, float],
    *,
    start_year: int,
    target_year: int = 2030,
    reduction: float = 0.5,
    chosen: bool = False,
) -> TargetStatus:
    """Judge the latest year after the start against the straight-line trajectory.

    ``yearly`` must hold complete years only: a partial year is never judged.
    """
    years = tuple(range(start_year - BASELINE_YEARS, start_year))
    have = [yearly[y] for y in years if y in yearly]
    baseline = float(np.mean(have)) if len(have) == BASELINE_YEARS else None
    target = None if baseline is None else baseline * (1 - reduction)
    trajectory: tuple[tuple[int, float], ...] = ()
    if baseline is not None and target is not None:
        span = target_year - (start_year - 1)
        trajectory = tuple(
            (start_year - 1 + k, baseline + (target - baseline) * k / span) for k in range(span + 1)
        )
    after = sorted(y for y in yearly if y >= start_year)
    latest_year = after[-1] if after else None
    latest = yearly[latest_year] if latest_year is not None else None
    expected = dict(trajectory).get(latest_year) if latest_year is not None else None
    status = _status(baseline, target, latest_year, latest, expected, target_year)
    return TargetStatus(
        start_year, years, baseline, target_year, target, trajectory, latest_year, latest,
        expected, status, chosen,
    )  # fmt: skip


def _status(
    baseline: float | None,
    target: float | None,
    year: int | None,
    latest: float | None,
    expected: float | None,
    target_year: int,
) -> str:
    if baseline is None or target is None:
        return "no_baseline"
    if year is None or latest is None:
        return "no_data"
    if latest <= target:
        return "achieved"
    if year >= target_year:
        return "missed"
    if expected is not None and latest <= expected:
        return "on_track"
    return "behind" if latest < baseline else "not_improving"
