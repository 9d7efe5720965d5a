"""Translation of every user-facing string (English, Spanish, Portuguese).

Strings are marked with :func:`_` (or :func:`pgettext` when a word is ambiguous,
with a ``# Translators:`` comment above it); a text stored in a table to be translated
later is marked with :func:`N_`. Catalogs live as ``.po`` files in
``ovpkit/locale/<lang>/LC_MESSAGES/ovpkit.po`` and are compiled in memory with
Babel when first used, so no binary ``.mo`` file is kept in the repository.
The language is a context variable: ``with use_language("es"): ...``.
Quotes from the report are never translated; they stay verbatim in English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("en", "es", "pt")
DOMAIN = "ovpkit"

_language: ContextVar[str] = ContextVar("ovpkit_language", default="en")


def check_language(lang: str) -> str:
    """Return ``lang`` if supported, else raise ValueError naming the choices."""
    if lang not in LANGUAGES:
        raise ValueError(
            _("language '{lang}' is not available; choose one of {languages}").format(
                lang=lang, languages=", ".join(LANGUAGES)
            )
        )
    return lang


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang`` (English is the source language)."""
    check_language(lang)
    if lang == "en":
        return gettext.NullTranslations()
    po_file = resources.files("ovpkit") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_file.is_file():
        return gettext.NullTranslations()
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def current_language() -> str:
    return _language.get()


#: The environment variable that sets the default language of the command line.
LANGUAGE_VARIABLE = "OVPKIT_LANG"


def set_language(lang: str) -> Callable[[], None]:
    """Make ``lang`` current until the returned function is called (for the CLI).

    Commands choose their language in an option callback, before their body runs, so
    a ``with`` block cannot span the command; the CLI calls the returned reset when the
    command's context closes.
    """
    token = _language.set(check_language(lang))
    return lambda: _language.reset(token)


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Render everything inside the block in ``lang``."""
    token = _language.set(check_language(lang))
    try:
        yield
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translations(_language.get()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it yet.

    For texts kept in tables (labels by status, field names) that are translated with
    :func:`_` where they are shown: ``LABELS = {"ok": N_("on track")}`` then
    ``_(LABELS[status])``.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_language.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate a word whose meaning depends on ``context``."""
    return translations(_language.get()).pgettext(context, message)
