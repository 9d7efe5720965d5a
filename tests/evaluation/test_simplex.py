"""The inner QP solver against an independent solver and the optimality conditions."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize

from ovpkit.evaluation.simplex import donor_weights


def _reference(gaps: np.ndarray, v: np.ndarray) -> np.ndarray:
    """SLSQP on the same objective, tight tolerance: an independent computation."""
    j = gaps.shape[1]
    h = gaps.T @ (v[:, None] * gaps)
    result = minimize(
        lambda w: w @ h @ w,
        np.full(j, 1 / j),
        jac=lambda w: 2 * h @ w,
        bounds=[(0, 1)] * j,
        constraints=[{"type": "eq", "fun": lambda w: w.sum() - 1}],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 2000},
    )
    return np.asarray(result.x)


@pytest.mark.parametrize("seed", range(5))
def test_simplex_weights_match_independent_solver_when_outside_hull(seed: int) -> None:
    rng = np.random.default_rng(seed)
    donors = rng.normal(size=(6, 40))
    treated = donors.max(axis=1) + 0.5  # outside the hull: a unique optimum
    gaps, v = donors - treated[:, None], rng.dirichlet(np.ones(6))

    ours, _ = donor_weights(gaps, v)

    assert ours.min() >= 0 and ours.sum() == pytest.approx(1.0)
    assert np.max(np.abs(ours - _reference(gaps, v))) < 1e-4


@pytest.mark.parametrize("seed", range(5))
def test_simplex_weights_satisfy_optimality_conditions(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gaps, v = rng.normal(size=(8, 200)) + 0.3, rng.dirichlet(np.ones(8))

    w, _ = donor_weights(gaps, v)

    gradient = 2 * gaps.T @ (v * (gaps @ w))
    used = w > 1e-10
    assert np.ptp(gradient[used]) < 1e-9  # equal on the support
    assert gradient.min() >= gradient[used].max() - 1e-9  # no better donor outside it


def test_simplex_warm_start_gives_same_answer_as_cold_start() -> None:
    rng = np.random.default_rng(7)
    donors = rng.normal(size=(5, 60))
    gaps = donors - (donors.max(axis=1) + 0.3)[:, None]  # treated outside the hull: unique
    v1, v2 = rng.dirichlet(np.ones(5)), rng.dirichlet(np.ones(5))
    _, corral = donor_weights(gaps, v1)

    warm, _ = donor_weights(gaps, v2, corral)
    cold, _ = donor_weights(gaps, v2)

    assert np.max(np.abs(warm - cold)) < 1e-9
