"""Small-count suppression for everything monitoring publishes.

A count of 1 to threshold-1 people (participants of a program in one area, victims
of one sex in one municipality) can identify someone, so public outputs show it as
"<5". Zero is shown: it identifies no one. Anything computed from a suppressed
count that would give it back (a share, a difference) is suppressed with it.
"""

from __future__ import annotations

DEFAULT_THRESHOLD = 5


def is_small(count: float | None, threshold: int) -> bool:
    """True when ``count`` must not be shown (0 < count < threshold)."""
    return count is not None and 0 < count < threshold


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
