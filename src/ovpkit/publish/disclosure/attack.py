"""The attack a careful reader could mount on a published table, as a linear program.

Everything published about a table is a linear equation in its inner cells (a shown
cell, a row total, a grand total, a derived sum), and counts are never negative. The
smallest and the largest value of a hidden cell under those equations is what anyone
can learn about it. Disclosure control works when that interval is wide for every
hidden cell; it has failed when the two ends meet. This module is how the tests (and
anyone auditing a publication) check it, with SciPy's HiGHS solver.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from ovpkit.publish.disclosure.suppress import SHOWN, Protection
from ovpkit.publish.disclosure.table import Key

Equation = tuple[Mapping[Key, float], float]  # Σ weight × cell = value


def intervals(
    protection: Protection,
    *,
    extra: Sequence[Equation] = (),
    cells: Sequence[Key] | None = None,
) -> dict[Key, tuple[float, float]]:
    """For every hidden published cell, the least and greatest value the attacker finds.

    ``extra`` adds published figures derived from the table (weights over cells, value);
    ``cells`` limits the attack to some hidden cells (all by default).
    """
    table = protection.table
    shape = tuple(len(lv) for lv in table.levels)
    rows, values = _equations(protection, shape)
    for weights, value in extra:
        rows.append(_row(table.index, weights, shape))
        values.append(value)
    a_eq = sparse.vstack(rows).tocsr() if rows else None
    b_eq = np.array(values, dtype=float) if rows else None
    found: dict[Key, tuple[float, float]] = {}
    for key in protection.hidden_keys() if cells is None else cells:
        goal = _row(table.index, {key: 1.0}, shape).toarray().ravel()
        low = linprog(goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        high = linprog(-goal, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        found[key] = (float(low.fun) if low.status == 0 else 0.0,
                      float(-high.fun) if high.status == 0 else np.inf)  # fmt: skip
    return found


def _equations(
    protection: Protection, shape: tuple[int, ...]
) -> tuple[list[sparse.csr_matrix], list[float]]:
    """One equation per shown published cell (inner cells and margins alike)."""
    table = protection.table
    shown = (protection.status == SHOWN) & table.published
    rows: list[sparse.csr_matrix] = []
    values: list[float] = []
    for position in zip(*np.nonzero(shown), strict=True):
        rows.append(_cell_row(tuple(int(i) for i in position), shape))
        values.append(float(table.values[position]))
    return rows, values


def _cell_row(position: tuple[int, ...], shape: tuple[int, ...]) -> sparse.csr_matrix:
    """The inner cells a (possibly marginal) cell sums, as a 0/1 row."""
    mask = np.zeros(shape, dtype=bool)
    mask[tuple(slice(None) if i == n else i for i, n in zip(position, shape, strict=True))] = True
    return sparse.csr_matrix(mask.ravel().astype(float))


def _row(index: object, weights: Mapping[Key, float], shape: tuple[int, ...]) -> sparse.csr_matrix:
    total = sparse.csr_matrix((1, int(np.prod(shape))))
    for key, weight in weights.items():
        total = total + weight * _cell_row(index(key), shape)  # type: ignore[operator]
    return total
