"""The inner problem of synthetic control: donor weights on the simplex, given V.

For predictor weights ``v`` the donor weights solve

    min_w  (x1 - X0 w)' diag(v) (x1 - X0 w)   subject to  w >= 0, sum(w) = 1.

Because ``sum(w) = 1``, ``x1 - X0 w = -(X0 - x1 1') w``: the problem is the point
of smallest norm in the convex hull of the columns of ``D = diag(sqrt(v)) (X0 - x1 1')``.
Wolfe's (1976) minimum-norm-point algorithm solves exactly that, in a finite
number of steps, touching only a "corral" of at most k+1 donors (k predictors).
It is exact to rounding, needs no tolerance tuning, and restarts cheaply from
the previous corral when V moves a little (as it does inside the outer search),
which is why a full fit takes milliseconds where a general-purpose SLSQP call takes
a good part of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
_POSITIVE = 1e-14


@dataclass(frozen=True)
class Corral:
    """Donor indices in use and their weights: a warm start for the next solve."""

    members: tuple[int, ...]
    weights: tuple[float, ...]


def _affine_minimiser(points: Array) -> Array:
    """Weights (summing to one) of the smallest point of the affine hull of ``points``."""
    n = points.shape[1]
    kkt = np.zeros((n + 1, n + 1))
    kkt[:n, :n] = points.T @ points
    kkt[:n, n] = 1.0
    kkt[n, :n] = 1.0
    rhs = np.zeros(n + 1)
    rhs[n] = 1.0
    try:
        solution = np.linalg.solve(kkt, rhs)
    except np.linalg.LinAlgError:
        solution = np.linalg.lstsq(kkt, rhs, rcond=None)[0]
    return solution[:n]


def _minor_cycle(d: Array, members: list[int], lam: Array) -> tuple[list[int], Array]:
    """Move to the affine minimiser of the corral, dropping members that reach zero."""
    while True:
        target = _affine_minimiser(d[:, members])
        if np.all(target > _POSITIVE):
            return members, target
        low = target <= _POSITIVE
        step = lam[low] - target[low]
        theta = float(np.min(lam[low] / np.where(step > 0, step, np.inf)))
        lam = lam + min(max(theta, 0.0), 1.0) * (target - lam)
        keep = lam > _POSITIVE
        if keep.all():  # rounding kept every member: drop the one that should have left
            keep[int(np.argmin(np.where(low, lam, np.inf)))] = False
        members = [m for m, k in zip(members, keep, strict=True) if k]
        lam = lam[keep] / lam[keep].sum()


def min_norm_weights(
    d: Array, start: Corral | None = None, *, max_iter: int = 1000
) -> tuple[Array, Corral]:
    """Simplex weights ``w`` minimising ``||d @ w||``; returns them and the final corral."""
    if start is None:
        members = [int(np.argmin(np.einsum("ij,ij->j", d, d)))]
        lam = np.ones(1)
    else:
        members, lam = _minor_cycle(d, list(start.members), np.asarray(start.weights))
    scale = max(1.0, float(np.max(np.abs(d)))) ** 2
    point = d[:, members] @ lam
    for _ in range(max_iter):
        scores = d.T @ point
        best = int(np.argmin(scores))
        if float(point @ point) - scores[best] <= 1e-12 * scale or best in members:
            break
        members, lam = _minor_cycle(d, [*members, best], np.append(lam, 0.0))
        point = d[:, members] @ lam
    weights = np.zeros(d.shape[1])
    weights[members] = lam
    return weights, Corral(tuple(members), tuple(float(x) for x in lam))


def donor_weights(gaps: Array, v: Array, start: Corral | None = None) -> tuple[Array, Corral]:
    """Weights for predictor gaps ``gaps = X0 - x1`` (k × J) under predictor weights ``v``."""
    return min_norm_weights(np.sqrt(np.maximum(v, 0.0))[:, None] * gaps, start)
