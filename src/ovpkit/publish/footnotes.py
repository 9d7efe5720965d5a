"""Numbered footnotes: each citation gets a number the first time it is used.

Templates call ``notes.cite(source)`` where the reference mark goes; the same source
cited twice keeps its first number. The footnote list is rendered at the end, in order.
Section titles are translated into the language being rendered; quotes stay English.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ovpkit.knowledge.translated import source_label


@dataclass(frozen=True)
class Footnote:
    number: int
    title: str  # where: a report section (and endnote), or a document / URL
    quote: str | None = None  # verbatim passage, kept in English
    date: str | None = None
    url: str | None = None


@dataclass
class Footnotes:
    """Collects footnotes while a page renders (one instance per page)."""

    notes: list[Footnote] = field(default_factory=list)
    _index: dict[tuple[str, str | None, str | None], int] = field(default_factory=dict)

    def add(
        self,
        title: str,
        quote: str | None = None,
        *,
        date: str | None = None,
        url: str | None = None,
    ) -> int:
        key = (title, quote, date)
        if key not in self._index:
            number = len(self.notes) + 1
            self.notes.append(Footnote(number, title, quote, date, url))
            self._index[key] = number
        return self._index[key]

    def cite(self, source: object) -> int:
        """Footnote for any object with ``title``/``quote`` (and optional ``endnote``)."""
        title = source_label(
            str(getattr(source, "title", source)), getattr(source, "endnote", None)
        )
        return self.add(title, getattr(source, "quote", None))
