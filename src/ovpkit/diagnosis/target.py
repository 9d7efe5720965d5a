"""Baseline and target: where the diagnosis stands against a goal such as halving by 2030.

The baseline is the mean of the three years before the start year; the target
trajectory runs in a straight line from the baseline (placed in the year before
the start) to baseline × (1 − reduction) in the target year. Status words match
``ovpkit.monitoring`` so both parts read the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BASELINE_YEARS = 3


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


def baseline_and_target(
    yearly: dict[int, float],
    *,
    start_year: int,
    target_year: int = 2030,
    reduction: float = 0.5,
) -> TargetStatus:
    """Judge the latest year after the start against the straight-line trajectory."""
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
        expected, status,
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
