"""Terminal tables that never cut what a user must read or type.

Rich shortens a cell that does not fit with an ellipsis (``colombia-department-ye…``);
for an id the user then types, that is a dead end. Id columns here keep their full
width and never wrap; text columns fold long words onto the next line instead of
cutting them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table


def id_column(table: Table, header: str, ids: Iterable[str], **options: object) -> None:
    """A column of ids or slugs: as wide as the longest one, never wrapped or cut."""
    width = max((len(i) for i in ids), default=0)
    table.add_column(header, no_wrap=True, min_width=max(width, 1), **options)  # type: ignore[arg-type]


def text_column(table: Table, header: str, **options: object) -> None:
    """A column of words: wrapped at spaces, long words folded, nothing cut."""
    table.add_column(header, overflow="fold", **options)  # type: ignore[arg-type]


def text_columns(table: Table, *headers: str) -> None:
    for header in headers:
        text_column(table, header)


def number_column(table: Table, header: str) -> None:
    """A column of figures: right-aligned, never wrapped (a number split in two misleads)."""
    table.add_column(header, justify="right", no_wrap=True)
