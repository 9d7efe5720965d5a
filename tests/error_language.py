"""Shared by the tests that raise an error in English and in es/pt and compare the two."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.message_language import not_for_reader

from ovpkit.errors import OvpkitError
from ovpkit.i18n import use_language


def raised(action: Callable[[], object], lang: str) -> OvpkitError:
    """The error ``action`` raises when run in ``lang``."""
    with use_language(lang), pytest.raises(OvpkitError) as caught:
        action()
    return caught.value


def error_text(error: OvpkitError) -> str:
    """All a person reads of an error: its title, then where, what and what to do."""
    return error.heading() + "\n" + error.describe()


def assert_reads_in(lang: str, action: Callable[[], object], *, hint: bool = True) -> None:
    """The error of ``action`` has no English left in ``lang`` and differs from English.

    ``hint``: also require a translated hint (where the error gives one).
    """
    english = raised(action, "en")
    translated = raised(action, lang)

    assert not_for_reader(error_text(translated), lang, error_text(english)) == []
    assert translated.message != english.message
    if hint:
        assert translated.hint is None or translated.hint != english.hint
