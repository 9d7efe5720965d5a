"""Complementary suppression, attacked with the linear program a careful reader would solve."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ovpkit.publish.disclosure import TOTAL, count_table, intervals, protect
from ovpkit.publish.disclosure.suppress import PRIMARY, Protection

THRESHOLD = 5


@st.composite
def tables(draw: st.DrawFn) -> dict[tuple[str, ...], int]:
    """Count tables of 1 to 3 dimensions, 1 to 5 levels each, many cells small."""
    ndim = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1 if ndim > 1 else 2, 5)) for _ in range(ndim)]
    cells = np.ndindex(*sizes)
    value = st.one_of(st.integers(0, 2 * THRESHOLD), st.integers(0, 60))
    return {tuple(f"l{i}" for i in cell): draw(value) for cell in cells}


def _primary_only(counts: dict[tuple[str, ...], int]) -> Protection:
    """Today's rule before this change: hide the small cells, nothing else."""
    protection = protect(count_table(_dims(counts), counts), THRESHOLD)
    status = np.where(protection.status == PRIMARY, PRIMARY, 0).astype(np.int8)
    return Protection(protection.table, THRESHOLD, status, ())


def _dims(counts: dict[tuple[str, ...], int]) -> tuple[str, ...]:
    return tuple(f"d{i}" for i in range(len(next(iter(counts)))))


@settings(max_examples=80, deadline=None)
@given(tables())
def test_attack_pins_no_hidden_cell(counts: dict[tuple[str, ...], int]) -> None:
    protection = protect(count_table(_dims(counts), counts), THRESHOLD)
    for key, (low, high) in intervals(protection).items():
        true = protection.table.value(key)
        assert low - 1e-6 <= true <= high + 1e-6
        assert high - low > 0.5, f"{key} pinned at {true}"


@settings(max_examples=80, deadline=None)
@given(tables())
def test_no_small_count_is_shown(counts: dict[tuple[str, ...], int]) -> None:
    protection = protect(count_table(_dims(counts), counts), THRESHOLD)
    table = protection.table
    for position in np.ndindex(*table.values.shape):
        key = table.key(position)
        shown = protection.shown(key)
        assert shown is None or not 0 < shown < THRESHOLD


def test_attack_recovers_a_cell_hidden_alone_in_its_row() -> None:
    counts = {("a", "2019"): 3, ("a", "2020"): 40, ("b", "2019"): 25, ("b", "2020"): 31}
    pinned = intervals(_primary_only(counts))
    assert pinned[("a", "2019")] == (3.0, 3.0)  # the row total minus the shown cell


def test_primary_cells_get_an_interval_at_least_the_threshold_wide() -> None:
    counts = {("a", "2019"): 3, ("a", "2020"): 40, ("b", "2019"): 25, ("b", "2020"): 31}
    protection = protect(count_table(("area", "year"), counts), THRESHOLD)
    low, high = intervals(protection)[("a", "2019")]
    assert protection.reason(("a", "2020")) == "complementary"
    assert high - low >= THRESHOLD


def test_a_cell_hidden_in_a_linked_table_is_protected_there_too() -> None:
    # by year × area hides a yearly margin: the by-year × month table must not give it back
    months = {("2019", "01"): 30, ("2019", "02"): 12, ("2020", "01"): 20, ("2020", "02"): 25}
    linked = protect(count_table(("year", "month"), months), THRESHOLD, forced=[("2019", TOTAL)])
    assert linked.hidden(("2019", TOTAL))
    low, high = intervals(linked)[("2019", TOTAL)]
    assert high - low >= THRESHOLD


def test_a_derived_sum_is_safe_only_when_no_cube_changes_it() -> None:
    counts = {("a", "x"): 2, ("a", "y"): 40, ("b", "x"): 25, ("b", "y"): 31}
    protection = protect(count_table(("area", "group"), counts), THRESHOLD)
    assert not protection.invariant({("a", "x"): 1.0})
    assert protection.invariant({("a", "x"): 1.0, ("a", "y"): 1.0})
