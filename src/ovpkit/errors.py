"""One small error hierarchy for everything a user can get wrong.

::

    OvpkitError              base: a message a person can act on
    ├── KnowledgeError       the knowledge base (YAML shipped with ovpkit or a user's own)
    ├── AnswersError         an office's own files: answers (assessment), monitoring records
    ├── DataError            an incident, population or mapping file (diagnosis)
    └── SpecError            an evaluation spec or its panel (evaluation)

Each error says what is wrong, where (file, row or record, field) and what to do.
The command line prints the message without a traceback and exits with status 2.

Messages and hints are translated where the error is raised (``_()`` in the current
language); the error keeps that language, so its title and the words around the
message ("field", "What to do") read in the same language wherever it is printed,
even after the ``use_language`` block that raised it has closed.
"""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import Any

from ovpkit.i18n import N_, _, current_language, use_language


class OvpkitError(Exception):
    """Base class: carries a plain-language message plus where the problem is."""

    title = N_("ovpkit could not continue")

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        record: str | int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.record = record
        self.field = field
        self.hint = hint
        self.lang = current_language()
        super().__init__(self.describe())

    def location(self) -> str:
        """Where the problem is, as "file, row 3, field 'year'" (empty when unknown)."""
        with use_language(self.lang):
            parts: list[str] = []
            if self.file:
                parts.append(self.file)
            if isinstance(self.record, int):
                parts.append(_("row {n}").format(n=self.record))
            elif self.record is not None:
                parts.append(_("record {r}").format(r=self.record))
            if self.field:
                parts.append(_("field '{f}'").format(f=self.field))
            return ", ".join(parts)

    def describe(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            with use_language(self.lang):
                text += "\n  " + _("What to do: {hint}").format(hint=self.hint)
        return text

    def heading(self) -> str:
        """The error's title in the language it was raised in."""
        with use_language(self.lang):
            return _(self.title)

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON for ``--json`` callers: same words, in fields."""
        return {
            "error": type(self).__name__,
            "title": self.heading(),
            "message": self.message,
            "file": self.file,
            "record": self.record,
            "field": self.field,
            "hint": self.hint,
            "text": self.describe(),
        }


class KnowledgeError(OvpkitError):
    title = N_("The knowledge base is not valid")


class AnswersError(OvpkitError):
    title = N_("The office's file is not valid")


class DataError(OvpkitError):
    title = N_("The data file is not valid")


class SpecError(OvpkitError):
    title = N_("The evaluation spec is not valid")


def os_problem(exc: OSError) -> str:
    """What went wrong reading or writing a file, in the current language.

    The operating system's own text (``strerror``) is English on most machines; the
    common cases get a translated sentence, the rest keep the system's words.
    """
    if isinstance(exc, FileNotFoundError):
        return _("the file or folder does not exist")
    if isinstance(exc, IsADirectoryError):
        return _("this is a folder, not a file")
    if isinstance(exc, NotADirectoryError):
        return _("a part of the path is a file, not a folder")
    if isinstance(exc, PermissionError):
        return _("permission denied")
    return exc.strerror or str(exc)


def row_in_file(file: str | Path | None, index: object) -> str:
    """Where a person finds the table's row ``index`` (pandas' label, 0 first) in ``file``.

    A CSV or a spreadsheet has its header on row 1, so its first data row is row 2, as a
    spreadsheet and a text editor number it; Parquet and JSON records have no header row,
    so the first is 1. A table given without a file keeps its own label, which is what its
    author knows.
    """
    if file is None or not isinstance(index, numbers.Integral):
        return _("row {n}").format(n=index)
    first = 1 if Path(str(file)).suffix.lower() in {".parquet", ".json"} else 2
    return _("row {n}").format(n=int(index) + first)
