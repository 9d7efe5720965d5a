"""Conformal prediction intervals for the synthetic-control effect (Chernozhukov, Wüthrich
& Zhu 2021): coverage on seeded panels that satisfy the method's assumptions."""

from __future__ import annotations

import numpy as np
import pytest

from ovpkit.errors import SpecError
from ovpkit.evaluation import parse_spec
from ovpkit.evaluation.conformal import conformal_intervals, p_value


def _panel(seed: int, effect: float, t0: int = 30, t1: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Donors driven by two factors; the treated unit a convex mix of them plus noise."""
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(t0 + t1, 2)).cumsum(axis=0) * 0.3
    donors = factors @ rng.uniform(0, 1, size=(2, 10)) + rng.normal(0, 0.5, size=(t0 + t1, 10))
    treated = donors @ rng.dirichlet(np.ones(10)) + rng.normal(0, 0.5, size=t0 + t1)
    treated[t0:] += effect
    return treated, donors


def test_intervals_cover_the_true_effect_at_their_level() -> None:
    # 100 seeds, one post-period each, 90% intervals: the count covering the truth is
    # Binomial(100, 0.9) when the method is exact; 82-97 is about ±2.5 standard deviations.
    covered = 0
    for seed in range(100):
        treated, donors = _panel(seed, effect=2.0)
        (found,) = conformal_intervals(treated, donors, list(range(31)), 30, alpha=0.1)
        covered += found.low <= 2.0 <= found.high
    assert 82 <= covered <= 97


def test_a_large_effect_is_told_from_no_effect() -> None:
    treated, donors = _panel(3, effect=6.0, t1=3)

    found = conformal_intervals(treated, donors, list(range(33)), 30, alpha=0.1)

    assert all(c.low > 0 for c in found)
    assert all(c.low <= c.estimate <= c.high for c in found)


def test_p_value_is_a_share_of_periods() -> None:
    treated, donors = _panel(5, effect=0.0)

    p = p_value(treated[:30], donors[:30], float(treated[30]), donors[30], 0.0)

    assert p * 31 == pytest.approx(round(p * 31))
    assert 1 / 31 <= p <= 1.0


def test_alpha_outside_the_range_is_refused(basque_raw: dict[str, object]) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec({**basque_raw, "conformal": {"alpha": 0.9}}, source="spec.yaml")

    assert caught.value.field == "conformal.alpha"
