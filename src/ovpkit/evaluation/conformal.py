"""Conformal prediction intervals for a synthetic-control effect (Chernozhukov, Wüthrich
& Zhu 2021, "An exact and robust conformal inference method for counterfactual and
synthetic controls", JASA).

For one post-period ``t`` and a hypothesised effect ``theta``: subtract ``theta``
from the treated unit's outcome in ``t`` (what it would have been without the
change, if ``theta`` is the effect), fit the synthetic control on the pre-periods
*and* ``t`` together (simplex weights by least squares on the outcomes, the
paper's constrained estimator), and compare the residual in ``t`` with the
residuals of the other periods. Under the null the residuals are exchangeable
over time, so with the paper's moving-block permutations (every cyclic shift of
the periods) the p-value is the share of periods whose absolute residual is at
least the one in ``t``. The interval for the effect in ``t`` is every ``theta``
with p-value above ``alpha``, found on a grid. The interval is exact when the
residuals are exchangeable and approximately valid when they are only stationary
and weakly dependent (the paper's Theorems 1 and 2); it says nothing when the
pre-period fit is poor, which is why the RMSPE is shown beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ovpkit.evaluation.simplex import Array, min_norm_weights

#: Grid points per post-period; each end found on it is then refined by bisection.
GRID = 81
_BISECTIONS = 30


@dataclass(frozen=True)
class ConformalInterval:
    """The effect in one post-period: point estimate and the 1 - alpha interval."""

    period: int
    estimate: float
    low: float
    high: float


def p_value(
    pre_treated: Array, pre_donors: Array, y: float, donors_t: Array, theta: float
) -> float:
    """The permutation p-value of ``effect = theta`` in one post-period."""
    z1 = np.append(pre_treated, y - theta)
    z0 = np.vstack([pre_donors, donors_t])
    w, _ = min_norm_weights(z0 - z1[:, None])
    residual = np.abs(z1 - z0 @ w)
    return float(np.mean(residual >= residual[-1] - 1e-12 * max(1.0, residual.max())))


def interval(
    pre_treated: Array,
    pre_donors: Array,
    y: float,
    donors_t: Array,
    *,
    alpha: float,
    estimate: float,
    scale: float,
) -> tuple[float, float]:
    """The thetas whose p-value exceeds ``alpha``: a grid, then bisection at each end.

    The grid spans ``estimate ± 8·scale`` (``scale``: the pre-period RMSPE), widened
    until both ends are rejected, so the interval is never cut by the grid. (The
    accepted set is taken as one interval, from its lowest to its highest point.)
    """

    def accepted(theta: float) -> bool:
        return p_value(pre_treated, pre_donors, y, donors_t, theta) > alpha

    half = 8.0 * max(scale, 1e-9)
    for _ in range(6):
        grid = np.linspace(estimate - half, estimate + half, GRID)
        kept = [i for i, t in enumerate(grid) if accepted(float(t))]
        if not kept:
            return (estimate, estimate)
        if kept[0] > 0 and kept[-1] < GRID - 1:
            low = _edge(accepted, float(grid[kept[0] - 1]), float(grid[kept[0]]))
            high = _edge(accepted, float(grid[kept[-1] + 1]), float(grid[kept[-1]]))
            return (low, high)
        half *= 2.0
    return (float("-inf"), float("inf"))


def _edge(accepted: Callable[[float], bool], rejected: float, inside: float) -> float:
    """The boundary between a rejected and an accepted theta, by bisection."""
    for _ in range(_BISECTIONS):
        middle = 0.5 * (rejected + inside)
        if accepted(middle):
            inside = middle
        else:
            rejected = middle
    return inside


def conformal_intervals(
    outcome_treated: Array,
    outcome_donors: Array,
    periods: list[int],
    start: int,
    *,
    alpha: float = 0.1,
) -> tuple[ConformalInterval, ...]:
    """The 1 - alpha interval for the effect in every post-period (pointwise)."""
    pre = np.array([p < start for p in periods])
    y0_pre, y1_pre = outcome_donors[pre], outcome_treated[pre]
    w, _ = min_norm_weights(y0_pre - y1_pre[:, None])
    scale = float(np.sqrt(np.mean((y1_pre - y0_pre @ w) ** 2)))
    found = []
    for i, period in enumerate(periods):
        if pre[i]:
            continue
        y, donors_t = float(outcome_treated[i]), outcome_donors[i]
        estimate = y - float(donors_t @ w)
        low, high = interval(
            y1_pre, y0_pre, y, donors_t, alpha=alpha, estimate=estimate, scale=scale
        )
        found.append(ConformalInterval(period, estimate, low, high))
    return tuple(found)
