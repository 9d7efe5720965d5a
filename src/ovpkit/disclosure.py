"""Small-count suppression for everything ovpkit publishes (one rule for all areas).

A count of 1 to threshold-1 people (participants of a program in one area, victims
of one sex in one municipality) can identify someone, so public outputs never show
it: tables and pages show a marker, JSON documents show null with ``suppressed``.
The default threshold is 10.
Zero is shown: it identifies no one. Anything computed from a suppressed count that
would give it back (a rate, a share, a difference) is suppressed with it.

This module is the rule for one number; :mod:`ovpkit.publish.disclosure` protects
whole tables (complementary suppression) with the same threshold.
"""

from __future__ import annotations

DEFAULT_THRESHOLD = 10


def is_small(count: object, threshold: int) -> bool:
    """True when ``count`` must not be shown (a number with 0 < count < threshold)."""
    if isinstance(count, bool) or not isinstance(count, int | float):
        return False
    return 0 < count < threshold


def shown(count: float | None, threshold: int) -> int | float | str | None:
    """``count`` as it may be published: the number, or "<threshold"."""
    if is_small(count, threshold):
        return f"<{threshold}"
    return count


def masked(value: float | None, *counts: float | None, threshold: int) -> float | None:
    """``value`` unless it was computed from a count that is suppressed."""
    if any(is_small(c, threshold) for c in counts):
        return None
    return value
