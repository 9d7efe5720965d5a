"""Benchmark: complementary suppression of a 100 areas × 12 months × 5 categories table.

Target: under 2 s (issue 11). The counts are drawn from a gamma–Poisson mixture (most
cells small, a few large, as victims by area, month and category are in a city), with
the default threshold of 10; the script prints the time, how many cells were hidden
and why, and, as the baseline, the time of primary suppression alone in the same
process. The attack of :mod:`ovpkit.publish.disclosure.attack` then checks a sample of
hidden cells (solving the LP for all of them takes minutes, so the tests do it on
smaller tables).

    .venv/bin/python benchmarks/disclosure.py [--seed 1] [--check 40]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.publish.disclosure import count_table, protect
from ovpkit.publish.disclosure.attack import intervals
from ovpkit.publish.disclosure.suppress import COMPLEMENTARY, PRIMARY, Protection


def _table(seed: int) -> dict[tuple[str, ...], int]:
    rng = np.random.default_rng(seed)
    return {
        (f"area{a:03d}", f"month{m:02d}", f"category{c}"): int(rng.poisson(rng.gamma(1.0, 8.0)))
        for a in range(100)
        for m in range(12)
        for c in range(5)
    }


def _attack(protection: Protection, check: int, seed: int) -> None:
    """Solve the attacker's LP for ``check`` hidden cells drawn at random; print the worst."""
    hidden = protection.hidden_keys()
    if check <= 0 or not hidden:
        return
    rng = np.random.default_rng(seed)
    picked = [hidden[i] for i in rng.choice(len(hidden), size=min(check, len(hidden)),
                                            replace=False)]  # fmt: skip
    start = time.perf_counter()
    found = intervals(protection, cells=picked)
    narrowest = min(high - low for low, high in found.values())
    print(
        f"attack on {len(found)} hidden cells: narrowest interval {narrowest:.0f} "
        f"(0 would mean a cell is recovered), {time.perf_counter() - start:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", type=int, default=20, help="hidden cells to attack")
    args = parser.parse_args()
    table = count_table(("area", "month", "category"), _table(args.seed))
    start = time.perf_counter()
    primary = table.published & (table.values > 0) & (table.values < DEFAULT_THRESHOLD)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    protection = protect(table, DEFAULT_THRESHOLD)
    elapsed = time.perf_counter() - start
    cells = int(table.values.size)
    print(f"table: 100 x 12 x 5 = 6000 cells, {cells} with every margin")
    print(f"primary suppression alone: {baseline * 1000:.1f} ms, {int(primary.sum())} cells")
    print(f"complementary suppression: {elapsed:.2f} s (target < 2 s), "
          f"{int((protection.status == PRIMARY).sum())} small + "
          f"{int((protection.status == COMPLEMENTARY).sum())} complementary, "
          f"{len(protection.cubes)} cubes")  # fmt: skip
    _attack(protection, args.check, args.seed)


if __name__ == "__main__":
    main()
