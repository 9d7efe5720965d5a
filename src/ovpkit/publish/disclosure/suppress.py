"""Primary and complementary cell suppression by the hypercube method.

Primary suppression hides every published count from 1 to threshold − 1. That alone
protects nothing when totals are published: a single hidden cell in a row is the
row total minus the others. Complementary suppression hides more cells so that no
hidden cell can be worked out from the published ones.

The hypercube method (Repsilber 1994; Giessing & Repsilber 2002, the GHMITER method of
τ-ARGUS) protects each sensitive cell with the corners of a cube: in every dimension it
pairs the cell's level with one other level (or with the margin), and hides the 2^n
corners. Adding ``+d`` and ``-d`` to the corners by alternating sign keeps every row,
column and margin of the table the same, so any value of the hidden cell in a whole
interval fits everything published; an attacker solving the linear constraints (see
:mod:`.attack`) finds that interval, never the cell. Among the candidate cubes we keep
the one that hides the fewest new cells (a total counting as :data:`MARGIN` cells per
axis), preferring an interval at least the threshold wide (:data:`NARROW`) and never
accepting one that pins the cell.

The cubes are kept: a figure derived from the table (a rolling sum, a share of some
groups) may be published only if no cube changes it (:meth:`Protection.invariant`),
because then the same cubes still hide every cell.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from ovpkit.publish.disclosure.table import CountTable, Key

SHOWN, PRIMARY, COMPLEMENTARY, LINKED = 0, 1, 2, 3
#: What hiding a total costs, per margin axis, against 1 for an inner cell.
MARGIN = 10
#: What an interval narrower than the threshold costs (still wider than one value).
NARROW = 10
#: Why a cell is hidden, as stored in data packages (see :data:`.words.REASONS`).
REASON_CODES = {PRIMARY: "small", COMPLEMENTARY: "complementary", LINKED: "complementary"}


@dataclass(frozen=True)
class Cube:
    """One protecting cube: its corners (array positions) and their signs (+1/−1)."""

    corners: np.ndarray  # shape (2^n, ndim), int
    signs: np.ndarray  # shape (2^n,), +1 or −1
    width: float  # how far the corners can move together without a negative count


@dataclass(frozen=True)
class Protection:
    """A table after disclosure control: which cells are hidden, why, and the cubes."""

    table: CountTable
    threshold: int
    status: np.ndarray = field(repr=False)  # SHOWN, PRIMARY, COMPLEMENTARY or LINKED
    cubes: tuple[Cube, ...] = field(repr=False)

    def hidden(self, key: Key) -> bool:
        return bool(self.status[self.table.index(key)] != SHOWN)

    def shown(self, key: Key) -> int | None:
        """The cell as it may be published: its count, or None when hidden."""
        return None if self.hidden(key) else self.table.value(key)

    def reason(self, key: Key) -> str | None:
        """Why the cell is hidden ("small" or "complementary"), None when shown."""
        return REASON_CODES.get(int(self.status[self.table.index(key)]))

    def hidden_keys(self) -> list[Key]:
        """Every published cell that is hidden."""
        mask = (self.status != SHOWN) & self.table.published
        return [self.table.key(i) for i in zip(*np.nonzero(mask), strict=True)]

    def invariant(self, weights: Mapping[Key, float]) -> bool:
        """True when no protecting cube changes ``Σ weight × cell``: publishing it is safe."""
        index = {self.table.index(k): w for k, w in weights.items()}
        for cube in self.cubes:
            change = sum(index.get(tuple(int(i) for i in c), 0.0) * s
                         for c, s in zip(cube.corners, cube.signs, strict=True))  # fmt: skip
            if abs(change) > 1e-9:
                return False
        return True


def protect(table: CountTable, threshold: int, *, forced: Iterable[Key] = ()) -> Protection:
    """Hide small published cells, then enough others that none can be worked out.

    ``forced`` cells are hidden (and protected) whatever their count: a cell hidden in
    another published table of the same data must be hidden here too.
    """
    status = np.zeros(table.values.shape, dtype=np.int8)
    small = table.published & (table.values > 0) & (table.values < threshold)
    status[small] = PRIMARY
    for key in forced:
        position = table.index(key)
        if status[position] == SHOWN:
            status[position] = LINKED
    targets = sorted(zip(*np.nonzero(status), strict=True), key=lambda i: table.values[i])
    cubes: list[Cube] = []
    width = np.zeros(table.values.shape)  # the widest cube each cell is a corner of
    for target in targets:
        if width[target] >= threshold:
            continue
        cube = _best_cube(table, status, tuple(int(i) for i in target), threshold)
        if cube is None or cube.width <= 0:
            status[table.published & (status == SHOWN)] = COMPLEMENTARY
            return Protection(table, threshold, status, ())
        _hide(status, cube, width)
        cubes.append(cube)
    return Protection(table, threshold, status, tuple(cubes))


def _hide(status: np.ndarray, cube: Cube, width: np.ndarray) -> None:
    for corner in cube.corners:
        position = tuple(corner)
        if status[position] == SHOWN:
            status[position] = COMPLEMENTARY
        width[position] = max(width[position], cube.width)


def _best_cube(
    table: CountTable, status: np.ndarray, target: tuple[int, ...], threshold: int
) -> Cube | None:
    """The cube around ``target``: chosen one dimension at a time, widest and cheapest."""
    ndim = table.values.ndim
    alts = [_first_candidate(table, target, axis) for axis in range(ndim)]
    if any(a is None for a in alts):
        return None
    chosen = [int(a) for a in alts if a is not None]
    for axis in range(ndim):
        chosen[axis] = _best_alternative(table, status, target, chosen, axis, threshold)
    return _cube(table, target, chosen)


def _candidates(table: CountTable, target: tuple[int, ...], axis: int) -> np.ndarray:
    """Every other position on the axis (levels, and the margin unless it is the target)."""
    positions = np.arange(table.values.shape[axis])
    return np.asarray(positions[positions != target[axis]])


def _first_candidate(table: CountTable, target: tuple[int, ...], axis: int) -> int | None:
    """The level along ``axis`` with the largest count (a wide cube is likely).

    The margin is the start only when the axis has no other level.
    """
    options = _candidates(table, target, axis)
    levels = options[options != table.values.shape[axis] - 1]
    options = levels if levels.size else options
    if options.size == 0:
        return None
    line = list(target)
    line[axis] = slice(None)  # type: ignore[call-overload]
    values = table.values[tuple(line)][options]
    return int(options[int(np.argmax(values))])


def _best_alternative(
    table: CountTable,
    status: np.ndarray,
    target: tuple[int, ...],
    chosen: list[int],
    axis: int,
    threshold: int,
) -> int:
    """Among the candidates on ``axis``, the one giving a wide enough, cheapest cube.

    All candidates are scored at once: one column per candidate, one row per corner.
    """
    options = _candidates(table, target, axis)
    bits = _bits(len(target))
    positions, signs = _corner_grid(table, target, chosen, axis, options, bits)
    values = table.values[positions].astype(float)
    up = np.where(signs < 0, values, np.inf).min(axis=0)
    down = np.where(signs > 0, values, np.inf).min(axis=0)
    widths = up + down
    costs = (_weight(table, positions) * _new(table, status, positions)).sum(axis=0)
    penalty = np.where(widths >= threshold, 0.0, NARROW)
    score = np.where(widths > 0, costs + penalty, np.inf) - np.minimum(widths, 1e5) * 1e-9
    return int(options[int(np.argmin(score))])


def _new(table: CountTable, status: np.ndarray, positions: tuple[np.ndarray, ...]) -> np.ndarray:
    """Which corners would be newly hidden from readers."""
    return np.asarray((status[positions] == SHOWN) & table.published[positions])


def _weight(table: CountTable, positions: tuple[np.ndarray, ...]) -> np.ndarray:
    """What hiding a cell costs readers: a total (one per margin axis) costs more than a cell.

    Statistical offices avoid hiding totals: readers use them most, and a hidden total
    takes every figure computed from it along.
    """
    margins = sum(
        (p == n - 1).astype(np.int64) for p, n in zip(positions, table.values.shape, strict=True)
    )
    return np.asarray(1 + MARGIN * margins)


def _corner_grid(
    table: CountTable,
    target: tuple[int, ...],
    chosen: list[int],
    axis: int,
    options: np.ndarray,
    bits: np.ndarray,
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Corner positions and signs, shape (corners, candidates), trying each option on ``axis``."""
    shape = table.values.shape
    grid: list[np.ndarray] = []
    signs = np.ones((bits.shape[0], options.size), dtype=np.int64)
    for dim in range(len(target)):
        margin = shape[dim] - 1
        alt = options[None, :] if dim == axis else np.full((1, options.size), chosen[dim])
        on = bits[:, dim][:, None]
        grid.append(np.where(on, alt, target[dim]))
        flips = on & (target[dim] != margin) & (alt != margin)
        signs = np.where(flips, -signs, signs)
    return tuple(grid), signs


@functools.cache
def _bits(ndim: int) -> np.ndarray:
    """Which axes each corner of an ``ndim`` cube takes the alternative on."""
    return np.array(list(itertools.product((0, 1), repeat=ndim)), dtype=bool)


def _cube(table: CountTable, target: tuple[int, ...], alts: list[int]) -> Cube:
    """The corners and signs of the cube pairing ``target`` with ``alts`` on each axis.

    Two real levels of one axis move in opposite directions; a level and the margin
    of its axis move together (the margin is their sum), which keeps every total true.
    """
    bits = _bits(len(target))
    grid, signs = _corner_grid(table, target, alts, 0, np.array([alts[0]]), bits)
    values = table.values[grid][:, 0].astype(float)
    sign = signs[:, 0]
    up = values[sign < 0].min(initial=np.inf)  # the cells that shrink as d grows
    down = values[sign > 0].min(initial=np.inf)
    corners = np.stack([g[:, 0] for g in grid], axis=1)
    return Cube(corners, sign, float(up + down))
