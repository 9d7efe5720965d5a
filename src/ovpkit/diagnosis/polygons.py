"""Hot spots on given polygons (police districts, neighbourhoods), not only H3 cells.

An office thinks in its own districts. Victims are placed in the boundaries'
polygons by their area code when it is one of the polygons' codes, otherwise by
their coordinates (point in polygon with shapely's STRtree, vectorised). A point
on an edge shared by two polygons goes to exactly one of them (the first in the
file's order); points outside every polygon are counted and said, never dropped
in silence.

Per polygon: victims, the rate per 100,000 where the population of that area is
loaded ("not available" otherwise), and Getis-Ord Gi* with queen contiguity
(neighbours share an edge or a corner, the polygon itself included), the same
statistic and false-discovery-rate cut as for H3 cells (:mod:`.hotspots`). The
concentration over polygons counts polygons without victims as zeros: every
polygon of the city is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import numpy as np
import pandas as pd
import shapely
from scipy import sparse, stats

from ovpkit.diagnosis.boundaries import Polygon
from ovpkit.diagnosis.concentration import Concentration, concentration
from ovpkit.diagnosis.hotspots import DEFAULT_ALPHA, benjamini_hochberg, getis_ord_star

PER = 100_000


@dataclass(frozen=True)
class PolygonSpot:
    """One polygon's victims, rate (None: not available) and Gi* hot-spot kind."""

    code: str
    name: str
    victims: int
    population: float | None
    rate: float | None
    z: float
    p: float
    q: float
    kind: str  # "hot", "cold" or "none"


@dataclass(frozen=True)
class Placement:
    """Victims per polygon code, and how many were placed by code, by point, or not at all."""

    counts: dict[str, int]
    by_code: int
    by_point: int
    outside: int  # with coordinates, in no polygon
    unplaced: int  # with neither a polygon's code nor coordinates


@dataclass(frozen=True)
class PolygonSpots:
    """The polygons' hot spots for the focus year; renderers only read it."""

    key: str
    alpha: float
    spots: tuple[PolygonSpot, ...]
    by_code: int
    by_point: int
    outside: int
    unplaced: int
    concentration: Concentration

    @property
    def hot(self) -> tuple[PolygonSpot, ...]:
        return tuple(s for s in self.spots if s.kind == "hot")


def victim_points(t: ibis.Table) -> pd.DataFrame:
    """Victims per (area code, lat, lon), on the engine: what comes back is small."""
    grouped = t.group_by(["area_code", "lat", "lon"]).aggregate(victims=t["count"].sum())
    frame: pd.DataFrame = grouped.to_pandas()
    return frame.reset_index(drop=True)


def place(points: pd.DataFrame, areas: Sequence[Polygon]) -> Placement:
    """Sum victims per polygon: by area code when it is a polygon's, else by coordinates."""
    codes = [a.code for a in areas]
    victims = points["victims"].to_numpy(dtype=np.int64)
    area = points["area_code"].astype("string")
    by_code = area.isin(codes).fillna(False).to_numpy(dtype=bool)
    counts = dict.fromkeys(codes, 0)
    for code, n in pd.Series(victims[by_code]).groupby(area[by_code].to_numpy()).sum().items():
        counts[str(code)] += int(n)
    located = ~by_code & points["lat"].notna().to_numpy() & points["lon"].notna().to_numpy()
    inside = polygon_of(points["lon"].to_numpy()[located], points["lat"].to_numpy()[located],
                        areas)  # fmt: skip
    where = victims[located]
    for index, n in zip(inside[inside >= 0], where[inside >= 0], strict=True):
        counts[codes[index]] += int(n)
    return Placement(
        counts=counts,
        by_code=int(victims[by_code].sum()),
        by_point=int(where[inside >= 0].sum()),
        outside=int(where[inside < 0].sum()),
        unplaced=int(victims[~by_code & ~located].sum()),
    )


def polygon_of(lon: np.ndarray, lat: np.ndarray, areas: Sequence[Polygon]) -> np.ndarray:
    """Index of the polygon holding each point, -1 outside all; one polygon per point.

    ``intersects`` counts a point on the boundary as inside (``contains`` would
    drop a point on a shared edge from both); of several polygons the first in
    the list takes it, so no victim is counted twice.
    """
    found = np.full(lon.size, -1, dtype=np.int64)
    if lon.size == 0 or not areas:
        return found
    tree = shapely.STRtree([a.geometry for a in areas])
    point, polygon = tree.query(shapely.points(lon, lat), predicate="intersects")
    order = np.lexsort((polygon, point))
    point, polygon = point[order], polygon[order]
    first = np.unique(point, return_index=True)[1]
    found[point[first]] = polygon[first]
    return found


def queen_weights(areas: Sequence[Polygon]) -> sparse.csr_matrix:
    """Binary queen contiguity (shared edge or corner), each polygon its own neighbour."""
    geometries = [a.geometry for a in areas]
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    n = len(geometries)
    return sparse.csr_matrix((np.ones(left.size), (left, right)), shape=(n, n))


def polygon_spots(
    placement: Placement,
    areas: Sequence[Polygon],
    population: dict[str, float],
    *,
    key: str,
    alpha: float = DEFAULT_ALPHA,
) -> PolygonSpots:
    """Gi* per polygon under queen contiguity, flagged hot or cold where q < alpha."""
    x = np.array([placement.counts.get(a.code, 0) for a in areas], dtype=float)
    z = getis_ord_star(x, queen_weights(areas)) if len(areas) else np.zeros(0)
    p = 2 * stats.norm.sf(np.abs(z))
    q = benjamini_hochberg(p)
    kinds = np.where(q < alpha, np.where(z > 0, "hot", "cold"), "none")
    spots = tuple(
        _spot(a, int(v), population.get(a.code), float(zi), float(pi), float(qi), str(k))
        for a, v, zi, pi, qi, k in zip(areas, x, z, p, q, kinds, strict=True)
    )
    return PolygonSpots(
        key=key, alpha=alpha, spots=spots, by_code=placement.by_code,
        by_point=placement.by_point, outside=placement.outside, unplaced=placement.unplaced,
        concentration=concentration(placement.counts, unit="polygon",
                                    all_places=[a.code for a in areas]),
    )  # fmt: skip


def _spot(
    area: Polygon, victims: int, population: float | None, z: float, p: float, q: float, kind: str
) -> PolygonSpot:
    rate = victims / population * PER if population else None
    return PolygonSpot(area.code, area.name, victims, population or None, rate, z, p, q, kind)
