"""Footnotes are numbered in order of first use, and a repeated source keeps its number."""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.publish.footnotes import Footnotes


@dataclass(frozen=True)
class _Source:
    title: str
    quote: str
    endnote: int | None = None


def test_footnotes_number_in_order_and_reuse_numbers() -> None:
    notes = Footnotes()
    first = notes.cite(_Source("Part 3", "a quote"))
    second = notes.cite(_Source("Part 4", "another", endnote=59))
    again = notes.cite(_Source("Part 3", "a quote"))
    assert (first, second, again) == (1, 2, 1)
    assert notes.notes[1].title == "Part 4, endnote 59"
