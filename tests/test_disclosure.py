"""The one small-count rule every public output follows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ovpkit.disclosure import DEFAULT_THRESHOLD, is_small, masked, shown


@given(st.integers(min_value=1, max_value=DEFAULT_THRESHOLD - 1))
def test_disclosure_hides_every_count_below_the_threshold(count: int) -> None:
    assert is_small(count, DEFAULT_THRESHOLD)
    assert shown(count, DEFAULT_THRESHOLD) == f"<{DEFAULT_THRESHOLD}"


@given(st.one_of(st.just(0), st.integers(min_value=DEFAULT_THRESHOLD, max_value=10**9)))
def test_disclosure_shows_zero_and_counts_at_or_above_the_threshold(count: int) -> None:
    assert not is_small(count, DEFAULT_THRESHOLD)
    assert shown(count, DEFAULT_THRESHOLD) == count


def test_disclosure_suppresses_what_is_computed_from_a_small_count() -> None:
    assert masked(0.25, 12, 3, threshold=5) is None
    assert masked(0.25, 12, 8, threshold=5) == 0.25


def test_disclosure_ignores_values_that_are_not_counts() -> None:
    assert not is_small(True, 5)
    assert not is_small("3", 5)
    assert not is_small(None, 5)
