"""How concentrated violence is: the share in the top 1/5/10% of places, Lorenz, Gini.

The report's diagnoses show violence gathered in few places; these figures say
how few. Places with no incidents count as zeros when the population table
lists them; otherwise only places with incidents are known, which understates
concentration (the result says so).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

TOP_SHARES: tuple[float, ...] = (1.0, 5.0, 10.0)


@dataclass(frozen=True)
class Concentration:
    """Concentration of victims over places (areas or hexagons)."""

    unit: str
    places: int
    places_with_zero_known: bool
    total: int
    top: tuple[tuple[float, int, float], ...]  # (percent of places, places, share of victims)
    lorenz: tuple[tuple[float, float], ...]  # (share of places, share of victims), ascending
    gini: float


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of non-negative values (0 = even, towards 1 = all in one place)."""
    x = np.sort(np.asarray(list(values), dtype=float))
    n, total = x.size, x.sum()
    if n == 0 or total == 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float(2 * np.sum(ranks * x) / (n * total) - (n + 1) / n)


def lorenz_curve(values: Iterable[float], points: int = 101) -> tuple[tuple[float, float], ...]:
    """The Lorenz curve, thinned to about ``points`` points for charts."""
    x = np.sort(np.asarray(list(values), dtype=float))
    if x.size == 0 or x.sum() == 0:
        return ((0.0, 0.0), (1.0, 1.0))
    cum = np.concatenate([[0.0], np.cumsum(x) / x.sum()])
    share = np.linspace(0.0, 1.0, x.size + 1)
    keep = np.unique(np.linspace(0, x.size, min(points, x.size + 1)).round().astype(int))
    return tuple((float(share[i]), float(cum[i])) for i in keep)


def concentration(
    counts: dict[str, int], *, unit: str, all_places: Iterable[str] = ()
) -> Concentration:
    """Top shares, Lorenz curve and Gini of victims over places."""
    known = set(all_places)
    values = dict.fromkeys(known, 0) | counts
    x = np.sort(np.asarray(list(values.values()), dtype=float))[::-1]
    total = int(x.sum())
    top = []
    for percent in TOP_SHARES:
        k = max(1, math.ceil(percent / 100 * x.size)) if x.size else 0
        top.append((percent, k, float(x[:k].sum() / total) if total else 0.0))
    return Concentration(
        unit=unit,
        places=int(x.size),
        places_with_zero_known=bool(known),
        total=total,
        top=tuple(top),
        lorenz=lorenz_curve(x),
        gini=gini(x),
    )
