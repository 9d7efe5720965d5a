"""What a reader of a Spanish or Portuguese page would see that is not in their language.

Shared by the tests that render every report and every error in es and pt. Three kinds of
problem, each found by comparing with the catalogs or with Babel rather than a hand list:

- an English message of the catalogs (three words or more, translated differently) shown
  as it is;
- a raw code (``scale_up``, ``age_group``) or a Python value (``True``, ``None``) shown to a
  reader;
- a number in another locale's format: an English decimal point ("0.7", "1280.0"),
  English thousands ("13,341", "2,005"); "1,000" (one digit, three decimals) reads as a
  Spanish or Portuguese decimal and is not counted.

Text that is English on purpose is left out: the report's verbatim quotes (``<q>``),
what a user types (``<code>``), and anything marked ``lang="en"`` (proper names such as
an English office name), as HTML asks for so that a screen reader pronounces it right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html.parser import HTMLParser

from ovpkit.i18n_catalogs import read_catalog

#: Elements whose text is not prose for the reader (or is English on purpose).
SKIPPED = {"q", "code", "pre", "style", "script", "kbd", "samp", "title", "metadata"}
#: Elements that carry no text and never close.
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")
_CODE = re.compile(r"(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./-])")
_PYTHON_VALUE = re.compile(r"(?<![\w'\"])(True|False|None|nan|NaN)(?![\w'\"])")
#: Words of English that are no word of Spanish or Portuguese: a sentence that holds one
#: was not translated (or was never marked for translation).
_ENGLISH_WORDS = re.compile(
    r"(?<![\w'-])(the|and|with|which|that|this|from|have|been|were|should|would|than)(?![\w'-])",
    re.IGNORECASE,
)
_ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])")
#: English thousands: "13,341", "100,000", "1,234,567", and years such as "2,005". One
#: digit and three decimals ("1,000" as a Spanish rate ratio of 1) is a Spanish number.
_ENGLISH_THOUSANDS = re.compile(
    r"(?<![\d.,])(?:[1-9]\d{1,2}(?:,\d{3})+|\d(?:,\d{3}){2,}|1,9\d\d|2,0\d\d)(?![\d,]|\.\d)"
)


class _Text(HTMLParser):
    """Visible text of a page, without the parts that are English on purpose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its text skipped?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        skipped = tag in SKIPPED or dict(attrs).get("lang") == "en"
        self.stack.append(skipped or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@cache
def english_messages(lang: str) -> tuple[str, ...]:
    """Literal English fragments (3+ words) of every message translated differently."""
    fragments: set[str] = set()
    for message in read_catalog(lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, translated in zip(ids, strings, strict=False):
            if not english or not translated or english == translated:
                continue
            for piece in _FORMAT_FIELD.split(english):
                piece = " ".join(piece.split()).strip(" .,:;()")
                if len(piece.split()) >= 3 and piece not in translated:
                    fragments.add(piece)
    return tuple(sorted(fragments, key=len, reverse=True))


def problems(
    text: str, lang: str, *, allowed_codes: Iterable[str] = (), marked: bool = True
) -> list[str]:
    """Every problem a reader of ``lang`` would meet in ``text`` (already visible text).

    ``marked``: the text comes from a page that marks its English on purpose (HTML). A
    terminal cannot mark the report's quotes or a user's own words, so there English
    sentences are not counted, only the catalogs' messages, codes and numbers.
    """
    found = [f"English: {m!r}" for m in english_messages(lang) if _contains(text, m)]
    allowed = set(allowed_codes)
    found += [f"code: {c!r}" for c in _CODE.findall(text) if c not in allowed]
    found += [f"Python value: {v!r}" for v in _PYTHON_VALUE.findall(text)]
    if lang != "en" and marked:
        found += [f"English words: {_around(text, m)!r}" for m in _ENGLISH_WORDS.finditer(text)]
    if lang != "en":
        found += [f"English decimal: {n!r}" for n in _ENGLISH_DECIMAL.findall(text)]
        found += [f"English thousands: {n!r}" for n in _ENGLISH_THOUSANDS.findall(text)]
    return sorted(set(found))


def _contains(text: str, fragment: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text) is not None


def _around(text: str, match: re.Match[str], width: int = 40) -> str:
    return text[max(0, match.start() - width) : match.end() + width]
