"""Placebo inference for synthetic control.

* In-space: every donor in turn plays the treated unit; the treated unit's
  post/pre RMSPE ratio is ranked among all ratios, and the p-value is
  rank / number of units (Abadie, Diamond & Hainmueller 2010). Placebos whose
  pre-period fit is ``k`` times worse than the treated unit's can be set aside,
  and the p-value is then reported for the kept ones beside the full one.
  The fits run in worker processes (all cores by default).
* Leave-one-out: refit without each donor that has weight, to see whether one
  donor drives the result.

In-time placebos need the predictors re-cut, so they live with the runner.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ovpkit.evaluation.synthetic_control import ScmData, ScmFit, fit

Progress = Callable[[int, int], None]
PoolRule = Literal["donors", "donors_and_treated"]

_WORKER_DATA: dict[str, ScmData] = {}


@dataclass(frozen=True)
class PlaceboUnit:
    unit: str
    pre_rmspe: float
    post_rmspe: float
    ratio: float
    kept: bool


@dataclass(frozen=True)
class InSpacePlacebo:
    """Ratios of every unit (the treated first), the treated unit's rank and p-values."""

    units: tuple[PlaceboUnit, ...]
    gaps: pd.DataFrame  # period × placebo unit
    rank: int
    p_value: float
    rank_kept: int
    p_value_kept: float
    drop_above: float | None
    pool: PoolRule

    @property
    def n(self) -> int:
        return len(self.units)


def placebo_pool(data: ScmData, unit: str, rule: PoolRule) -> tuple[str, ...]:
    others = tuple(u for u in data.donors if u != unit)
    return (*others, data.treated) if rule == "donors_and_treated" else others


def _init_worker(data: ScmData) -> None:
    _WORKER_DATA["data"] = data


def _fit_units(units: Sequence[str], rule: PoolRule) -> list[tuple[str, pd.Series, float, float]]:
    data = _WORKER_DATA["data"]
    out = []
    for unit in units:
        result = fit(data, unit, placebo_pool(data, unit, rule))
        out.append((unit, result.gaps, result.pre_rmspe, result.post_rmspe))
    return out


def _chunks(items: Sequence[str], size: int) -> list[list[str]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_fits(
    data: ScmData,
    rule: PoolRule,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[tuple[str, pd.Series, float, float]]:
    """Fit every donor as a placebo; in worker processes when more than one core is used."""
    units = list(data.donors)
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(units)))
    chunks = _chunks(units, max(1, len(units) // (n_workers * 8)))
    results: list[tuple[str, pd.Series, float, float]] = []
    if n_workers == 1:
        _init_worker(data)
        for chunk in chunks:
            results.extend(_fit_units(chunk, rule))
            if progress:
                progress(len(results), len(units))
        return results
    with ProcessPoolExecutor(n_workers, initializer=_init_worker, initargs=(data,)) as pool:
        for done in pool.map(_fit_units, chunks, [rule] * len(chunks)):
            results.extend(done)
            if progress:
                progress(len(results), len(units))
    return results


def in_space(
    data: ScmData,
    main: ScmFit,
    *,
    rule: PoolRule = "donors",
    drop_above: float | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> InSpacePlacebo:
    """Run the in-space placebos and rank the treated unit's post/pre RMSPE ratio."""
    fits = run_fits(data, rule, workers=workers, progress=progress)
    limit = drop_above * main.pre_rmspe if drop_above else float("inf")
    units = [PlaceboUnit(main.treated, main.pre_rmspe, main.post_rmspe, main.ratio, True)]
    for unit, _gaps, pre, post in fits:
        ratio = post / pre if pre > 0 else float("inf")
        units.append(PlaceboUnit(unit, pre, post, ratio, pre <= limit))
    gaps = pd.DataFrame({unit: g for unit, g, _, _ in fits})
    rank, p = _rank(units)
    rank_kept, p_kept = _rank([u for u in units if u.kept])
    return InSpacePlacebo(tuple(units), gaps, rank, p, rank_kept, p_kept, drop_above, rule)


def _rank(units: Sequence[PlaceboUnit]) -> tuple[int, float]:
    """Rank of the first unit's ratio (1 = largest; ties count against it) and rank/n."""
    ratios = np.array([u.ratio for u in units])
    rank = int(np.sum(ratios >= ratios[0]))
    return rank, rank / len(ratios)


@dataclass(frozen=True)
class LeaveOneOut:
    unit: str
    weight: float
    average_effect: float
    pre_rmspe: float
    gaps: pd.Series


def leave_one_out(data: ScmData, main: ScmFit, *, min_weight: float = 0.001) -> list[LeaveOneOut]:
    """Refit without each donor whose weight is at least ``min_weight``."""
    out = []
    for unit, weight in sorted(main.weights().items(), key=lambda kv: -kv[1]):
        if weight < min_weight or len(main.pool) < 3:
            continue
        result = fit(data, main.treated, [u for u in main.pool if u != unit])
        post = result.gaps.loc[list(data.post_periods)]
        out.append(LeaveOneOut(unit, weight, float(post.mean()), result.pre_rmspe, result.gaps))
    return out
