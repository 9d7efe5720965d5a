"""Hot spots: victims counted on H3 hexagons, Getis-Ord Gi* with a false-discovery-rate cut.

Incidents are first summed per exact location on the engine (real data are
geocoded to blocks or snapped points, so locations are far fewer than rows);
only those locations are indexed to H3 in Python. The study region is every
hexagon with a victim plus its ring of neighbours (as zeros), and each
hexagon's neighbourhood is itself and its six neighbours (binary weights).

Gi* follows Getis & Ord (1995) / Ord & Getis (1995); the Benjamini–Hochberg
procedure controls the share of false hot spots among those flagged.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import h3
import ibis
import numpy as np
import pandas as pd
from h3.api import basic_int as h3_int
from scipy import sparse, stats

DEFAULT_RESOLUTION = 8  # hexagons of about 0.74 km², a few city blocks across
DEFAULT_ALPHA = 0.05


@dataclass(frozen=True)
class HotCell:
    cell: str
    victims: int
    z: float
    p: float
    q: float
    kind: str  # "hot", "cold" or "none"


@dataclass(frozen=True)
class HotSpots:
    resolution: int
    alpha: float
    cells: tuple[HotCell, ...]

    @property
    def hot(self) -> tuple[HotCell, ...]:
        return tuple(c for c in self.cells if c.kind == "hot")


def locations(t: ibis.Table) -> pd.DataFrame:
    """Victims per exact (lat, lon), computed on the engine."""
    located = t.filter(t.lat.notnull() & t.lon.notnull())
    grouped = located.group_by(["lat", "lon"]).aggregate(victims=located["count"].sum())
    frame: pd.DataFrame = grouped.to_pandas().sort_values(["lat", "lon"])
    return frame.reset_index(drop=True)


def cell_counts(points: pd.DataFrame, resolution: int = DEFAULT_RESOLUTION) -> dict[str, int]:
    """Sum victims per H3 cell from located counts.

    Cells are computed as integers (no text per point) and named once per cell.
    """
    to_cell = h3_int.latlng_to_cell
    lats, lons = points["lat"].tolist(), points["lon"].tolist()
    cells = [to_cell(lat, lon, resolution) for lat, lon in zip(lats, lons, strict=True)]
    victims = points["victims"].to_numpy()
    summed = pd.Series(victims, index=pd.Index(cells, dtype="uint64")).groupby(level=0).sum()
    keys: list[int] = summed.index.tolist()
    return {h3.int_to_str(k): int(v) for k, v in zip(keys, summed.to_numpy(), strict=True)}


def neighbourhood(cells: list[str]) -> tuple[list[str], sparse.csr_matrix]:
    """The region (cells and their neighbours) and its binary weights, self included."""
    region = sorted({n for c in cells for n in h3.grid_disk(c, 1)})
    index = {c: i for i, c in enumerate(region)}
    rows: list[int] = []
    cols: list[int] = []
    for cell, i in index.items():
        for neighbour in h3.grid_disk(cell, 1):
            j = index.get(neighbour)
            if j is not None:
                rows.append(i)
                cols.append(j)
    weights = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(region), len(region))
    )
    return region, weights


def getis_ord_star(x: np.ndarray, weights: sparse.csr_matrix) -> np.ndarray:
    """Gi* z-scores for values ``x`` under binary weights that include each place itself."""
    n = x.size
    mean = x.mean()
    spread = np.sqrt((x**2).mean() - mean**2)
    if n < 3 or spread == 0:
        warnings.warn(
            "all places have the same count, so no hot spot can stand out; "
            "use a finer resolution or more data",
            stacklevel=2,
        )
        return np.zeros(n)
    w_sum = np.asarray(weights.sum(axis=1)).ravel()
    w_sq = np.asarray(weights.multiply(weights).sum(axis=1)).ravel()
    numerator = weights @ x - mean * w_sum
    denominator = spread * np.sqrt((n * w_sq - w_sum**2) / (n - 1))
    return np.asarray(numerator / denominator)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Adjusted p-values (q-values) controlling the false discovery rate."""
    p = np.asarray(p, dtype=float)
    n = p.size
    if n == 0:
        return p
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(n)
    q[order] = np.minimum(adjusted, 1.0)
    return q


def hot_spots(
    counts: dict[str, int], *, resolution: int = DEFAULT_RESOLUTION, alpha: float = DEFAULT_ALPHA
) -> HotSpots:
    """Gi* per hexagon of the region, flagged hot or cold where q < alpha."""
    if not counts:
        return HotSpots(resolution, alpha, ())
    region, weights = neighbourhood(sorted(counts))
    x = np.array([counts.get(c, 0) for c in region], dtype=float)
    z = getis_ord_star(x, weights)
    p = 2 * stats.norm.sf(np.abs(z))
    q = benjamini_hochberg(p)
    kinds = np.where(q < alpha, np.where(z > 0, "hot", "cold"), "none")
    cells = tuple(
        HotCell(c, int(v), float(zi), float(pi), float(qi), str(k))
        for c, v, zi, pi, qi, k in zip(region, x, z, p, q, kinds, strict=True)
    )
    return HotSpots(resolution, alpha, cells)
