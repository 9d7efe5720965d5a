"""The outer problem of synthetic control: predictor weights V.

V (a non-negative diagonal, scale-free) is chosen to minimise the pre-period
outcome error of the synthetic unit that V induces. The problem is not convex and
its answer depends on where the search starts and on when the local search is
allowed to stop, so every search here:

* starts from **equal weights** and from the **regression-based** start of R Synth
  (squared coefficients of the outcomes on the scaled predictors);
* runs each local search to convergence: Nelder-Mead (on ``V = |x| / sum|x|``) with
  tolerances relative to the loss, restarted from where it stopped until a restart
  improves the loss by less than :data:`REL_TOL` (one Nelder-Mead run with its default
  absolute tolerance, as pysyncon runs it, stops early: on the Basque paper's own
  donor pool it ends at loss 0.161, eighteen times the published 0.00886);
* keeps the lowest loss, and records the loss of every start (:attr:`VFit.starts`).

``converged`` is those two starts (R Synth's procedure); ``standard`` (still the
default, so that published placebo ranks are unchanged until re-checked) is one
Nelder-Mead run from equal weights with default tolerances, as pysyncon runs it.
``global`` adds a global step: seeded random starts on the simplex, then Powell's method (a second
derivative-free search that moves along coordinates, so it can leave the valley a
Nelder-Mead simplex collapsed into) from the two fixed starts and from the best
point found, each polished by Nelder-Mead. The standard loss is kept
beside the global one, so a user sees both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import minimize

from ovpkit.evaluation.simplex import Array, Corral, donor_weights

Search = Literal["standard", "converged", "global"]

#: A local search has converged when one more restart improves the loss by less than this.
REL_TOL = 1e-9
_MAX_RESTARTS = 5


@dataclass(frozen=True)
class Matrices:
    """What one fit needs: scaled predictor gaps and outcomes over the optimisation window."""

    gaps: Array  # k × J: scaled donor predictors minus the treated unit's
    z_treated: Array  # T
    z_donors: Array  # T × J
    x_scaled: Array  # k × (J + 1): donors then treated, for the regression start


@dataclass(frozen=True)
class StartLoss:
    """Where one local search started, how it searched, and the loss it reached."""

    start: str
    method: str
    loss_v: float


@dataclass(frozen=True)
class VFit:
    weights: Array
    v: Array
    loss_v: float  # mean squared pre-period outcome error (the V objective)
    loss_w: float  # predictor loss (x1 - X0 w)' V (x1 - X0 w)
    start: str
    standard_loss_v: float  # the loss of the standard solution (equal to loss_v unless global)
    evaluations: int = 0  # inner solves used by the search (for benchmarks)
    starts: tuple[StartLoss, ...] = ()  # every local search, in the order run
    validation_loss_v: float | None = None  # cross-validated V: its loss over the validation


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


def _scale(x: Array) -> Array:
    v: Array = np.abs(x)
    scaled: Array = v / v.sum()
    return scaled


def _nelder_mead(loss: Callable[[Array], float], x0: Array) -> tuple[Array, float, int]:
    """Nelder-Mead restarted from where it stopped until it stops improving (REL_TOL)."""
    x, best, used = _scale(x0), loss(_scale(x0)), 1
    for _ in range(_MAX_RESTARTS):
        options = {"maxiter": 100 * len(x), "xatol": 1e-4, "fatol": REL_TOL * max(best, 1e-300)}
        result = minimize(loss, x, method="Nelder-Mead", options=options)
        used += int(result.nfev)
        improved = best - float(result.fun)
        if float(result.fun) < best:
            x, best = _scale(result.x), float(result.fun)
        if improved <= REL_TOL * best:
            break
    return x, best, used


def _powell(loss: Callable[[Array], float], x0: Array) -> tuple[Array, float, int]:
    """Powell's method, then Nelder-Mead to polish where it ended."""
    result = minimize(loss, _scale(x0), method="Powell", options={"xtol": 1e-8, "ftol": 1e-12})
    x, fun, used = _nelder_mead(loss, _scale(result.x) if np.isfinite(result.fun) else x0)
    return x, fun, used + int(result.nfev)


def _global_step(m: Matrices, runs: list[tuple[float, Array, StartLoss]]) -> int:
    """Powell from the two fixed starts and from the best point so far (appended to runs)."""
    best = min(runs, key=lambda r: r[0])
    seeds = [r for r in runs if r[2].start in ("equal", "regression")]
    if best[2].start not in ("equal", "regression"):
        seeds.append(best)
    used = 0
    for _loss, x0, origin in seeds:
        x, loss_value, n = _powell(_objective(m), x0)
        used += n
        runs.append((loss_value, x, StartLoss(origin.start, "powell", loss_value)))
    return used


def _finish(m: Matrices, v: Array, start: str, standard: float, evaluations: int) -> VFit:
    w, _ = donor_weights(m.gaps, v)
    gap = m.gaps @ w
    return VFit(
        weights=w,
        v=v,
        loss_v=outcome_loss(m, w),
        loss_w=float(np.sum(v * gap * gap)),
        start=start,
        standard_loss_v=standard,
        evaluations=evaluations,
    )


def _starts(m: Matrices, search: Search, starts: int, seed: int) -> list[tuple[str, Array]]:
    k = m.gaps.shape[0]
    points: list[tuple[str, Array]] = [("equal", np.full(k, 1.0 / k))]
    regression = regression_start(m)
    if regression is not None:
        points.append(("regression", regression))
    if search == "global":
        rng = np.random.default_rng(seed)
        points += [(f"random {i + 1}", rng.dirichlet(np.full(k, 0.5))) for i in range(starts)]
    return points


def search_v(m: Matrices, *, search: Search = "standard", starts: int = 30, seed: int = 0) -> VFit:
    """Choose V and return the weights it induces, with their losses and every start's loss."""
    k = m.gaps.shape[0]
    if k == 1:
        fitted = _finish(m, np.ones(1), "single predictor", 0.0, 1)
        return _with(fitted, standard=fitted.loss_v, starts=())
    if search == "standard":
        return _pysyncon_default(m)
    runs: list[tuple[float, Array, StartLoss]] = []
    used = 0
    for label, x0 in _starts(m, search, starts, seed):
        x, loss_value, n = _nelder_mead(_objective(m), x0)
        used += n
        runs.append((loss_value, x, StartLoss(label, "nelder-mead", loss_value)))
    if search == "global":
        used += _global_step(m, runs)
    fixed = ("equal", "regression")
    standard = min(r[0] for r in runs if r[2].start in fixed and r[2].method == "nelder-mead")
    best_loss, best_v, best = min(runs, key=lambda r: r[0])
    fitted = _finish(m, best_v, best.start, standard, used)
    return _with(fitted, standard=standard, starts=tuple(r[2] for r in runs))


def _pysyncon_default(m: Matrices) -> VFit:
    """One Nelder-Mead run from equal weights with SciPy's default tolerances (pysyncon)."""
    k = m.gaps.shape[0]
    result = minimize(
        _objective(m), np.full(k, 1.0 / k), method="Nelder-Mead", options={"maxiter": 1000}
    )
    fitted = _finish(m, _scale(result.x), "equal", 0.0, int(result.nfev))
    one = (StartLoss("equal", "nelder-mead", fitted.loss_v),)
    return _with(fitted, standard=fitted.loss_v, starts=one)


def _with(fitted: VFit, *, standard: float, starts: tuple[StartLoss, ...]) -> VFit:
    return VFit(
        weights=fitted.weights,
        v=fitted.v,
        loss_v=fitted.loss_v,
        loss_w=fitted.loss_w,
        start=fitted.start,
        standard_loss_v=standard,
        evaluations=fitted.evaluations,
        starts=starts,
    )


def weights_for_v(m: Matrices, v: Array) -> VFit:
    """Weights for a given V (no search): to compare with other software, or a spec's V."""
    fitted = _finish(m, np.asarray(v, dtype=float) / float(np.sum(v)), "given", 0.0, 1)
    return _with(fitted, standard=fitted.loss_v, starts=())
