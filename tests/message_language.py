"""Finding English left in a message (an error, a line of output) meant for an es/pt reader.

Tests use it to prove that a message reads in the reader's language: a text fails
when it still contains an English sentence that the catalog translates (a fragment of
three words or more of a message id, between its placeholders), an English sentence
of the same message rendered in English, pydantic's own English, or a Python ``repr``
(``True``, ``None``, ``['a', 'b']``) that a person was never meant to read.
Whole pages (HTML with quotes and names marked English) are checked by
``tests/reader_language.py``. This was ``ovpkit.i18n_check``: a test helper, it left the
package.
"""

from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po

from ovpkit.i18n_catalogs import po_path

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_QUOTED = re.compile(r"(?<![A-Za-z])'[^']*'(?![A-Za-z])|\"[^\"]*\"|`[^`]*`")
_BREAK = re.compile(r"[:;,.()\[\]?!\n]|\s-\s")
_WORD = re.compile(r"^[A-Za-z][A-Za-z'-]*$")

#: Pieces of pydantic's English messages that never belong in a translated text.
PYDANTIC_ENGLISH = (
    "Input should",
    "Field required",
    "Extra inputs are not permitted",
    "Value error",
    "String should",
    "List should",
    "Tuple should",
    "valid integer",
    "unable to parse",
)

_REPR = re.compile(
    r"\b(?:True|False|None)\b"  # Python's constants
    r"|\[\s*'[^']*'\s*[,\]]"  # a list of texts: ['a', 'b']
    r"|\(\s*'[^']*'\s*,"  # a tuple of texts: ('a', 'b')
    r"|\{'"  # a dict: {'a': 1}
    r"|<[\w.]+ object at"  # an object
    r"|\b\w+Error\("  # an exception: ValueError('...')
)


def _fragments(text: str) -> list[str]:
    """Runs of three or more English words of ``text``, between punctuation and quotes."""
    found: list[str] = []
    for part in _BREAK.split(_QUOTED.sub("|", _PLACEHOLDER.sub("|", text))):
        for run in part.split("|"):
            words = run.split()
            if len(words) >= 3 and all(_WORD.match(w) for w in words):
                found.append(" ".join(words))
    return found


@cache
def translated_fragments(lang: str) -> frozenset[str]:
    """English fragments of every catalog entry whose ``lang`` translation differs."""
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    fragments: set[str] = set()
    for message in catalog:
        ids = _texts(message.id)
        translation = " ".join(_texts(message.string))
        if not message.id or not translation or translation in ids:
            continue
        folded = " ".join(translation.split()).casefold()
        for text in ids:
            fragments.update(f for f in _fragments(text) if f.casefold() not in folded)
    return frozenset(fragments)


def _texts(value: object) -> list[str]:
    """A catalog entry's id or translation as its texts (plural entries have several)."""
    items = value if isinstance(value, tuple | list) else (value,)
    return [str(item) for item in items if item]


def english_left(text: str, lang: str, english: str | None = None) -> list[str]:
    """The English sentences still in ``text`` (``english``: the same text in English)."""
    flat = " ".join(text.split()).casefold()
    suspects = set(translated_fragments(lang)) | set(PYDANTIC_ENGLISH)
    if english is not None:
        suspects.update(_fragments(english))
    return sorted(s for s in suspects if s.casefold() in flat)


def python_reprs(text: str) -> list[str]:
    """Python ``repr`` forms in ``text``: ``True``, ``None``, ``['a'``, ``<x object at``."""
    return [match.group(0) for match in _REPR.finditer(text)]


def not_for_reader(text: str, lang: str, english: str | None = None) -> list[str]:
    """Everything in ``text`` a ``lang`` reader should not find: English and reprs."""
    return english_left(text, lang, english) + python_reprs(text)
