"""The outer problem of synthetic control: predictor weights V.

V (a non-negative diagonal, scale-free) is chosen to minimise the pre-period
outcome error of the synthetic unit that V induces. The problem is not convex and
its answer depends on where the search starts, so:

* ``standard`` (default) reproduces the reference implementation's standard
  settings: Nelder-Mead on ``V = |x| / sum|x|`` from equal weights, at most 1,000
  iterations (pysyncon's defaults). This gives the published Basque weights.
* ``global`` searches from several starts: equal weights, the regression-based
  start of R Synth and seeded random starts, and keeps the lowest loss found; the
  standard solution's loss is kept beside it, so a user sees both.

The loss that the weights achieve is always returned with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import minimize

from ovpkit.evaluation.simplex import Array, Corral, donor_weights

Search = Literal["standard", "global"]


@dataclass(frozen=True)
class Matrices:
    """What one fit needs: scaled predictor gaps and outcomes over the optimisation window."""

    gaps: Array  # k × J: scaled donor predictors minus the treated unit's
    z_treated: Array  # T
    z_donors: Array  # T × J
    x_scaled: Array  # k × (J + 1): donors then treated, for the regression start


@dataclass(frozen=True)
class VFit:
    weights: Array
    v: Array
    loss_v: float  # mean squared pre-period outcome error (the V objective)
    loss_w: float  # predictor loss (x1 - X0 w)' V (x1 - X0 w)
    start: str
    standard_loss_v: float  # the loss of the standard solution (equal to loss_v unless global)
    evaluations: int = 0  # inner solves used by the search (for benchmarks)


def outcome_loss(m: Matrices, w: Array) -> float:
    residual = m.z_treated - m.z_donors @ w
    return float(residual @ residual) / len(residual)


def _objective(m: Matrices) -> Callable[[Array], float]:
    """Loss of V = |x|/sum|x|, warm-starting each inner solve from the previous corral."""
    state: dict[str, Corral | None] = {"corral": None}

    def loss(x: Array) -> float:
        v = np.abs(x)
        total = v.sum()
        if not np.isfinite(total) or total <= 0:
            return float("inf")
        w, state["corral"] = donor_weights(m.gaps, v / total, state["corral"])
        return outcome_loss(m, w)

    return loss


def regression_start(m: Matrices) -> Array | None:
    """The regression-based start of Synth: squared coefficients of outcomes on predictors."""
    design = np.hstack([np.ones((m.x_scaled.shape[1], 1)), m.x_scaled.T])
    outcomes = np.hstack([m.z_donors, m.z_treated[:, None]])
    gram = design.T @ design
    if np.linalg.matrix_rank(gram) < gram.shape[0]:
        return None
    beta = np.linalg.solve(gram, design.T @ outcomes.T)[1:]
    start = np.einsum("ij,ij->i", beta, beta)
    return start / start.sum() if start.sum() > 0 else None


def _nelder_mead(m: Matrices, x0: Array) -> tuple[Array, float, int]:
    result = minimize(_objective(m), x0, method="Nelder-Mead", options={"maxiter": 1000})
    v = np.abs(result.x)
    return v / v.sum(), float(result.fun), int(result.nfev)


def _finish(
    m: Matrices, v: Array, start: str, standard: float | None, evaluations: int = 0
) -> VFit:
    w, _ = donor_weights(m.gaps, v)
    gap = m.gaps @ w
    loss_v = outcome_loss(m, w)
    return VFit(
        weights=w,
        v=v,
        loss_v=loss_v,
        loss_w=float(np.sum(v * gap * gap)),
        start=start,
        standard_loss_v=loss_v if standard is None else standard,
        evaluations=evaluations,
    )


def search_v(m: Matrices, *, search: Search = "standard", starts: int = 30, seed: int = 0) -> VFit:
    """Choose V and return the weights it induces, with their losses."""
    k = m.gaps.shape[0]
    if k == 1:
        return _finish(m, np.ones(1), "single predictor", None)
    standard_v, standard_loss, used = _nelder_mead(m, np.full(k, 1.0 / k))
    if search == "standard":
        return _finish(m, standard_v, "equal", None, used)
    candidates = [(standard_loss, standard_v, "equal")]
    regression = regression_start(m)
    starts_x = [("regression", regression)] if regression is not None else []
    rng = np.random.default_rng(seed)
    starts_x += [(f"random {i + 1}", rng.dirichlet(np.full(k, 0.5))) for i in range(starts)]
    for label, x0 in starts_x:
        v, loss, n = _nelder_mead(m, x0)
        candidates.append((loss, v, label))
        used += n
    _, v, label = min(candidates, key=lambda c: c[0])
    return _finish(m, v, label, standard_loss, used)


def weights_for_v(m: Matrices, v: Array) -> VFit:
    """Weights for a given V (no search): to compare with other software on one objective."""
    return _finish(m, np.asarray(v, dtype=float) / float(np.sum(v)), "given", None)
