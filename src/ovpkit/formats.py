"""Numbers, percentages, money, years and dates in the reader's language, through Babel.

Every number a person reads (reports, terminal tables, messages) goes through these
functions, so a Spanish page reads "13.341" and "0,7" and an English one "13,341" and
"0.7". The locale is the current language of :mod:`ovpkit.i18n` unless one is given.
Machine outputs (``--json``, CSV, data packages) keep plain numbers and never call them.

Babel follows the CLDR: Spanish groups thousands only from five digits ("5000" but
"13.341"), and that is what these functions print; a test compares them with Babel,
not with a hand-written list.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache
from numbers import Real

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from ovpkit.i18n import current_language

#: ovpkit's languages as Babel locales (Spanish and Portuguese of no one country).
LOCALES = {"en": "en", "es": "es", "pt": "pt"}
#: What a missing value reads as, in every language.
MISSING = "–"

__all__ = [
    "LOCALES",
    "MISSING",
    "count",
    "country",
    "date",
    "decimal",
    "locale",
    "money",
    "number",
    "percent",
    "signed_percent",
    "year",
]


def locale(lang: str | None = None) -> str:
    return LOCALES.get(lang or current_language(), "en")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, Real) and math.isnan(float(value)))


def count(value: float | int | None, *, lang: str | None = None) -> str:
    """A whole number of things (incidents, people, staff): never shown with decimals."""
    if _missing(value):
        return MISSING
    assert value is not None
    return babel_numbers.format_decimal(round(float(value)), locale=locale(lang))


def decimal(value: float | int | None, places: int = 1, *, lang: str | None = None) -> str:
    """A measured quantity with exactly ``places`` decimals ("0,7", "12.5")."""
    if _missing(value):
        return MISSING
    assert value is not None
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return babel_numbers.format_decimal(
        float(value), format=pattern, locale=locale(lang), decimal_quantization=True
    )


def number(value: float | int | None, *, places: int = 2, lang: str | None = None) -> str:
    """A number with as many decimals as it has, up to ``places`` (no trailing zeros)."""
    if _missing(value):
        return MISSING
    assert value is not None
    pattern = "#,##0" + ("." + "#" * places if places > 0 else "")
    return babel_numbers.format_decimal(float(value), format=pattern, locale=locale(lang))


def percent(value: float | None, places: int = 0, *, lang: str | None = None) -> str:
    """A share (0.52) as a percentage in the locale ("52 %" in Spanish, "52%" in English)."""
    if _missing(value):
        return MISSING
    assert value is not None
    pattern = _with_places(Locale.parse(locale(lang)).percent_formats[None].pattern, places)
    return babel_numbers.format_percent(
        float(value), format=pattern, locale=locale(lang), decimal_quantization=True
    )


def signed_percent(value: float | None, places: int = 0, *, lang: str | None = None) -> str:
    """A change as a percentage with its sign ("+12%", "−53%")."""
    if _missing(value):
        return MISSING
    assert value is not None
    text = percent(abs(value), places, lang=lang)
    if round(abs(value) * 100, places) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def money(value: float | None, currency: str, *, lang: str | None = None) -> str:
    """An amount in ``currency`` (ISO 4217 code), rounded to whole units."""
    if _missing(value):
        return MISSING
    assert value is not None
    standard = Locale.parse(locale(lang)).currency_formats["standard"].pattern
    return babel_numbers.format_currency(
        round(float(value)),
        currency,
        format=_with_places(standard, 0),
        locale=locale(lang),
        currency_digits=False,
    )


def _with_places(pattern: str, places: int) -> str:
    """The locale's own pattern ("#,##0 %", "¤#,##0.00") with ``places`` decimals."""
    head = pattern.split(";")[0]
    digits = "#,##0" + ("." + "0" * places if places > 0 else "")
    return re.sub(r"[#,0]*0(\.0+)?", digits, head, count=1)


def year(value: int | float | str | None) -> str:
    """A year is a label, not a quantity: "2005", never "2,005" or "2005.0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    return str(int(float(value)))


def date(value: dt.date | str | None, *, lang: str | None = None) -> str:
    """A calendar date in the locale's medium format ("3 dic 2026")."""
    if value is None:
        return MISSING
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return babel_dates.format_date(day, format="medium", locale=locale(lang))


def country(name: str, *, lang: str | None = None) -> str:
    """A country's English name (as the report and the mapping files write it) in the locale.

    Looked up in the CLDR's territory names through Babel ("Belgium" reads "Bélgica" in
    Spanish); a name the CLDR does not know is shown as written.
    """
    code = _territory_codes().get(name.strip().casefold())
    if code is None:
        return name
    return str(Locale.parse(locale(lang)).territories.get(code, name))


@cache
def _territory_codes() -> dict[str, str]:
    english = Locale.parse("en")
    codes = {str(n).casefold(): c for c, n in english.territories.items() if c.isalpha()}
    return {**codes, "usa": "US", "united states of america": "US", "uk": "GB"}
