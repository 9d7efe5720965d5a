"""The ``--lang`` option every command that writes text for people takes.

Its default comes from the ``OVPKIT_LANG`` environment variable (else English). The
chosen language is made current for the whole command, so messages raised while
reading the options or loading files already read in it; :func:`language_for_run`
(the app's callback) sets the default before any option is read and restores the
previous language when the command ends.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from ovpkit.i18n import LANGUAGE_VARIABLE, LANGUAGES, _, set_language


def check_lang(ctx: typer.Context, value: str) -> str:
    """Refuse a language without a catalog, naming the ones there are; make it current."""
    lang = language_code(value)
    if lang not in LANGUAGES:
        # The language asked for is unknown: the refusal reads in the environment's.
        raise typer.BadParameter(
            _("choose one of {languages}").format(languages=", ".join(LANGUAGES))
        )
    ctx.call_on_close(set_language(lang))
    return lang


def language_code(value: str) -> str:
    """ "es", "ES", "es_CO.UTF-8" and "pt-BR" name ovpkit's languages es and pt."""
    return value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]


def environment_language() -> str:
    """``OVPKIT_LANG`` when it names one of ovpkit's languages, else English."""
    lang = language_code(os.environ.get(LANGUAGE_VARIABLE, ""))
    return lang if lang in LANGUAGES else "en"


def language_for_run(ctx: typer.Context) -> None:
    """App callback: the environment's language for this command, reset when it ends."""
    ctx.call_on_close(set_language(environment_language()))


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        help=(
            f"Language of the output: {', '.join(LANGUAGES)} (report quotes stay English). "
            f"Default: the {LANGUAGE_VARIABLE} environment variable, else en."
        ),
        callback=check_lang,
        envvar=LANGUAGE_VARIABLE,
        show_default=False,
    ),
]
