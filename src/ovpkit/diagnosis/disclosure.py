"""Disclosure control for public outputs: small counts are never shown.

A count from 1 to threshold − 1 could point at a person, so it is replaced by
None, together with every figure derived from it (rate, interval, share,
change). Zero is shown. Outputs are aggregates only: no row-level record, no
address, no exact coordinate ever leaves the store through a diagnosis.
"""

from __future__ import annotations

from typing import Any

from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.disclosure import DEFAULT_THRESHOLD, is_small

__all__ = ["DEFAULT_THRESHOLD", "is_small", "public_dict"]
COUNTS = ("victims", "records", "previous", "young_men")
DERIVED = (
    "rate", "lower", "upper", "victims_lower", "victims_upper", "share", "change",
    "percent", "p_value", "young_men_share", "records", "fatal", "z", "p", "q", "rolling_12",
)  # fmt: skip


def public_dict(diagnosis: Diagnosis, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The diagnosis as plain data with small counts suppressed, for JSON and HTML."""
    counts = tuple(c for c in COUNTS if c != "records") if diagnosis.aggregate else COUNTS
    masked = _mask(diagnosis.to_dict(), threshold, counts)
    assert isinstance(masked, dict)
    masked["disclosure_threshold"] = threshold
    return masked


def _mask(node: Any, threshold: int, counts: tuple[str, ...] = COUNTS) -> Any:
    """Hide every small count in ``counts`` and what is derived from it.

    For aggregate data the rows of the source are not people: a county-year
    read from one row is one "record" but may count 40 victims, so ``records``
    is then left out of ``counts`` and the victims decide.
    """
    if isinstance(node, list | tuple):
        return [_mask(item, threshold, counts) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _mask(value, threshold, counts) for key, value in node.items()}
    small = [k for k in counts if is_small(out.get(k), threshold)]
    if small:
        out["suppressed"] = True
        for key in (*COUNTS, *DERIVED):
            if key in out:
                out[key] = None
    if is_small(out.get("fatal"), threshold):
        out["fatal"] = None
    if is_small(out.get("rolling_12"), threshold):
        out["rolling_12"] = None
    return out
