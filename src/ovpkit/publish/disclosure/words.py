"""The marker of a hidden cell and the footnote that says why, in the reader's language."""

from __future__ import annotations

from typing import Final

from ovpkit.i18n import N_, _

#: What a hidden cell shows, on a page and in a data package's CSV alike (the letter
#: statistical offices use for "suppressed to meet confidentiality").
MARKER: Final = "x"

#: Why a cell is hidden, by the code stored in data packages.
REASONS = {
    "small": N_("fewer than {n} people: a count this small could point at someone"),
    "complementary": N_(
        "hidden so that a small count cannot be worked out from the totals or from "
        "another published table"
    ),
}


def footnote(threshold: int) -> str:
    """The sentence under every table with hidden cells."""
    return _(
        "{marker}: hidden to protect people. Counts from 1 to {last} are hidden, and so "
        "are a few larger ones chosen so that no hidden count can be worked out from the "
        "totals, from another table or from a chart. Zero is shown."
    ).format(marker=MARKER, last=threshold - 1)
