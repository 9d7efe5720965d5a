"""Checking that a quote is verbatim in the report, despite the text's extraction noise.

The report text comes from a PDF: lines are broken, words are hyphenated across
lines ("leader- ship"), endnote numbers are glued to words as superscripts
("enforcement.²⁰"), dollar signs are escaped ("\\$1.5 million") and some names
are in Markdown bold. :func:`normalise` removes exactly that noise, from the
report and from the quote alike, so the comparison is strict about words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ovpkit.i18n import _
from ovpkit.knowledge.sections import locate_sections

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00ad": "",
        "\u00a0": " ",
        "*": "",
        "\\": "",
        **{ch: "" for ch in _SUPERSCRIPTS},
    }
)
_HYPHEN_BREAK = re.compile(r"(\w)- +(\w)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold the PDF-extraction noise listed in the module docstring, and case."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
    text = _SPACE.sub(" ", text)
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return text.strip().casefold()


@dataclass(frozen=True)
class ReportText:
    """The report, normalised once, with each section's normalised text."""

    full: str
    sections: dict[str, str]

    @classmethod
    def from_text(cls, raw: str) -> ReportText:
        spans = locate_sections(raw)
        sections = {key: normalise(raw[start:end]) for key, (start, end) in spans.items()}
        return cls(full=normalise(raw), sections=sections)

    def find(self, quote: str, section: str, endnote: int | None = None) -> str | None:
        """Return None if ``quote`` is in ``section`` (or its endnote), else the problem."""
        needle = normalise(quote)
        if needle in self.sections[section]:
            return None
        if endnote is not None and needle in self.sections["endnotes"]:
            return None
        if needle in self.full:
            return _("found in the report, but not in section '{section}'").format(section=section)
        return _("not found in the report")
