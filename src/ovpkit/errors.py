"""One small error hierarchy for everything a user can get wrong.

::

    OvpkitError              base: a message a person can act on
    ├── KnowledgeError       the knowledge base (YAML shipped with ovpkit or a user's own)
    ├── AnswersError         an office's own files: answers (assessment), monitoring records
    ├── DataError            an incident, population or mapping file (diagnosis)
    └── SpecError            an evaluation spec or its panel (evaluation)

Each error says what is wrong, where (file, row or record, field) and what to do.
The command line prints the message without a traceback and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path


class OvpkitError(Exception):
    """Base class: carries a plain-language message plus where the problem is."""

    title = "ovpkit could not continue"

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
        super().__init__(self.describe())

    def location(self) -> str:
        """Where the problem is, as "file, record 3, field 'year'" (empty when unknown)."""
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ", ".join(parts)

    def describe(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text


class KnowledgeError(OvpkitError):
    title = "The knowledge base is not valid"


class AnswersError(OvpkitError):
    title = "The office's file is not valid"


class DataError(OvpkitError):
    title = "The data file is not valid"


class SpecError(OvpkitError):
    title = "The evaluation spec is not valid"
