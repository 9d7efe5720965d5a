"""The core renders in the language Django chose for the request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from ovpkit.i18n import LANGUAGES, use_language


class CoreLanguageMiddleware:
    """Run the view with ``ovpkit.i18n`` set to the request's language.

    Django's ``LocaleMiddleware`` picks the language (cookie from the switcher, then the
    browser's Accept-Language); the core has its own context variable, so knowledge
    texts, level names and error titles follow the same choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with use_language(core_language(get_language())):
            return self.get_response(request)


def core_language(django_language: str | None) -> str:
    """The core's code for Django's (``pt-br`` reads ``pt``); English when unknown."""
    code = (django_language or "en").split("-")[0].lower()
    return code if code in LANGUAGES else "en"
