"""Answers in the respondent's language: sí/não/parcialmente, labels, local numbers.

The questionnaire template is written in the office's language ("responda sí, en
parte, no o no se sabe"), so the answers file must accept those words too, and the
labels of choices ("North America", "América del Norte") as well as their codes.
Numbers are read in the format of the file's ``language`` ("170.000" in Spanish,
"170,000" in English); a number that reads as a different value in the other
convention ("170,000" in a Spanish file) is refused with the two readings, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, parse_decimal

from ovpkit.assessment.questionnaire import STATUS_VALUES, Question
from ovpkit.i18n import LANGUAGES, _, use_language

#: Words respondents write for each status, beyond the catalogs' translations of the
#: codes; compared without case or accents.
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "yes": ("yes", "y", "si", "sí", "sim"),
    "partly": ("partly", "partially", "in part", "en parte", "parcialmente", "em parte"),
    "no": ("no", "não", "nao"),
    "unknown": (
        "unknown",
        "desconocido",
        "no se sabe",
        "no sé",
        "desconhecido",
        "não se sabe",
        "não sei",
    ),
}

#: The English labels of the status codes (gettext ids; their catalog translations count).
_STATUS_LABELS = {"yes": "yes", "partly": "partly", "no": "no", "unknown": "unknown"}

#: A whole number written with one kind of group separator: 170,000 or 1.250.000.
_GROUPED = re.compile(r"^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: how two spellings of a word compare."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").replace("-", " ").split())


@cache
def _status_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for code in STATUS_VALUES:
        words = list(STATUS_WORDS[code])
        for lang in LANGUAGES:
            with use_language(lang):
                words.append(_(_STATUS_LABELS[code]))
        lookup.update({fold(word): code for word in words})
    return lookup


def status_code(raw: str) -> str | None:
    """The status code (yes/partly/no/unknown) a word means, in any ovpkit language."""
    return _status_lookup().get(fold(raw))


def is_unknown(raw: object) -> bool:
    return isinstance(raw, str) and status_code(raw) == "unknown"


@cache
def _choice_lookup(question: Question) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for choice in question.choices:
        words = [choice.value, choice.label]
        for lang in LANGUAGES:
            with use_language(lang):
                words.append(_(choice.label))
        lookup.update({fold(word): choice.value for word in words})
    return lookup


def choice_code(question: Question, raw: str) -> str | None:
    """The choice code a code or label (English, Spanish, Portuguese) stands for."""
    return _choice_lookup(question).get(fold(raw))


def number_in(text: str, language: str | None) -> float:
    """A number written in ``language``'s format; ambiguous separators are refused."""
    locale = _locale(language)
    written = text.strip().replace("\u00a0", "").replace(" ", "")
    try:
        value = float(parse_decimal(written, locale=locale, strict=True))
    except NumberFormatError:
        raise ValueError(_("not a number in this language's format")) from None
    grouped = _GROUPED.match(written)
    if grouped and grouped.group(1) == locale.number_symbols["latn"]["decimal"]:
        raise ValueError(
            _("{text} could be {whole} or {fraction}: write it without separators").format(
                text=text, whole=written.replace(grouped.group(1), ""), fraction=f"{value:g}"
            )
        )
    return value


def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")
