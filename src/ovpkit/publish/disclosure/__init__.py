"""Disclosure control for everything ovpkit publishes: one place, one rule.

A count from 1 to threshold − 1 (default 10) could point at a person: it is hidden
(primary suppression), and so are enough other cells that no hidden one can be worked
out from totals, from another table of the same data or from a derived figure
(complementary suppression, :mod:`.suppress`). :mod:`.attack` is the check: the
linear program a careful reader would solve. Hidden cells carry :data:`MARKER` and a
footnote (:func:`footnote`) on pages and in data packages alike.
"""

from ovpkit.publish.disclosure.attack import intervals
from ovpkit.publish.disclosure.suppress import Protection, protect
from ovpkit.publish.disclosure.table import TOTAL, CountTable, count_table
from ovpkit.publish.disclosure.words import MARKER, REASONS, footnote

__all__ = [
    "MARKER",
    "REASONS",
    "TOTAL",
    "CountTable",
    "Protection",
    "count_table",
    "footnote",
    "intervals",
    "protect",
]
