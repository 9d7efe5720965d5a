"""Seeded simulators with known effects, for tests, documentation and power checks."""

from __future__ import annotations

import numpy as np
import pandas as pd


def simulate_panel(
    *, units: int = 30, periods: int = 25, start: int = 18, effect: float = 0.0, seed: int = 0
) -> pd.DataFrame:
    """A two-factor panel (columns unit, period, y, x); ``u00`` gets ``effect`` from ``start``.

    Periods are 2000, 2001, …; ``start`` counts periods from the first, so the
    treatment begins in year ``2000 + start``.
    """
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(periods, 2)).cumsum(axis=0)
    loadings = rng.uniform(0.5, 1.5, size=(units, 2))
    level = rng.uniform(20, 40, size=units)
    y = level + factors @ loadings.T + rng.normal(scale=0.3, size=(periods, units))
    y[start:, 0] += effect
    return pd.DataFrame(
        {
            "unit": np.repeat([f"u{j:02d}" for j in range(units)], periods),
            "period": np.tile(np.arange(2000, 2000 + periods), units),
            "y": y.T.reshape(-1),
            "x": np.repeat(loadings[:, 0], periods),
        }
    )


def simulate_counts(
    *,
    months: int = 96,
    start: int = 60,
    rate_ratio: float = 0.8,
    base: float = 30.0,
    trend: float = 0.002,
    season: float = 0.15,
    alpha: float = 0.02,
    seed: int = 0,
) -> pd.Series:
    """Seeded monthly counts from January 2015 with a known level change at ``start``.

    Negative-binomial noise (gamma-Poisson with dispersion ``alpha``) and a
    sinusoidal season, so a model with month effects is misspecified only mildly.
    """
    rng = np.random.default_rng(seed)
    index = pd.period_range("2015-01", periods=months, freq="M")
    t = np.arange(months)
    phase = 2 * np.pi * (index.month.to_numpy() - 1) / 12
    mu = base * np.exp(trend * t + season * np.sin(phase)) * np.where(t >= start, rate_ratio, 1.0)
    lam = rng.gamma(1 / alpha, alpha * mu)
    return pd.Series(rng.poisson(lam).astype(float), index=index, name="count")
