"""A count table with all its margins, as statistical offices publish it.

A table of counts by, say, year × area × outcome is published together with its
totals (by year, by area, by outcome, and so on). Disclosure control must see the
inner cells and every margin at once, because a hidden cell can be worked out from
any of them. :class:`CountTable` keeps the counts as a NumPy array whose every
dimension has one extra position at the end: the total over that dimension. A key
names a cell by its levels, with :data:`TOTAL` standing for a margin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np

#: The level that stands for "all levels of this dimension" in a key.
TOTAL: Final = "__total__"

Key = tuple[str, ...]


@dataclass(frozen=True)
class CountTable:
    """Counts over named dimensions, with every margin (the totals) computed once.

    ``published`` says which cells (inner or margin) are shown somewhere; a cell
    nobody sees needs no protection, but still limits what an attacker can infer.
    """

    dims: tuple[str, ...]
    levels: tuple[tuple[str, ...], ...]
    values: np.ndarray = field(repr=False)  # extended: each axis has len(levels)+1
    published: np.ndarray = field(repr=False)  # same shape, bool

    def index(self, key: Key) -> tuple[int, ...]:
        """The array position of a key (TOTAL is the last position of its axis)."""
        return tuple(
            len(lv) if k == TOTAL else lv.index(k) for k, lv in zip(key, self.levels, strict=True)
        )

    def key(self, index: Sequence[int]) -> Key:
        """The key of an array position."""
        return tuple(
            TOTAL if i == len(lv) else lv[i] for i, lv in zip(index, self.levels, strict=True)
        )

    def value(self, key: Key) -> int:
        return int(self.values[self.index(key)])

    @property
    def inner(self) -> tuple[slice, ...]:
        """The slice of inner cells (no margin)."""
        return tuple(slice(0, len(lv)) for lv in self.levels)


def count_table(
    dims: Sequence[str],
    counts: Mapping[Key, int],
    *,
    levels: Sequence[Sequence[str]] | None = None,
    published: Mapping[Key, bool] | None = None,
) -> CountTable:
    """Build a table from inner counts keyed by level tuples; margins are summed here.

    Missing inner cells are zeros. ``published`` marks cells (inner or margin) that are
    not shown anywhere (False); every other cell counts as published.
    """
    lv = tuple(tuple(x) for x in levels) if levels is not None else _levels(len(dims), counts)
    inner = np.zeros(tuple(len(x) for x in lv), dtype=np.int64)
    for key, n in counts.items():
        inner[tuple(x.index(k) for k, x in zip(key, lv, strict=True))] += int(n)
    values = _with_margins(inner)
    shown = np.ones(values.shape, dtype=bool)
    table = CountTable(tuple(dims), lv, values, shown)
    for key, flag in (published or {}).items():
        shown[table.index(key)] = bool(flag)
    return table


def _levels(n: int, counts: Mapping[Key, int]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sorted({key[i] for key in counts})) for i in range(n))


def _with_margins(inner: np.ndarray) -> np.ndarray:
    """The array extended by one total position on every axis."""
    out = inner
    for axis in range(inner.ndim):
        out = np.concatenate([out, out.sum(axis=axis, keepdims=True)], axis=axis)
    return out
