"""The ``--lang`` option every command that writes text for people can take."""

from __future__ import annotations

from typing import Annotated

import typer

from ovpkit.i18n import LANGUAGES


def check_lang(value: str) -> str:
    """Refuse a language without a catalog, naming the ones there are."""
    if value not in LANGUAGES:
        raise typer.BadParameter(f"choose one of {', '.join(LANGUAGES)}")
    return value


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        help=f"Language of the output: {', '.join(LANGUAGES)} (report quotes stay English).",
        callback=check_lang,
    ),
]
