"""The Typer application and the small helpers every command module shares."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from ovpkit.cli.language import language_for_run
from ovpkit.cli.translation import TranslatedGroup
from ovpkit.errors import OvpkitError

app = typer.Typer(
    name="ovpkit",
    help=(
        "Tools for Offices of Violence Prevention, built on the report "
        '"Lessons from Effective Offices of Violence Prevention" (Peace in Our Cities, 2024).'
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and errors: Click's words go through gettext when printed, so they read
    # in the run's language (Typer's Rich panels fix theirs in English at import).
    rich_markup_mode=None,
    cls=TranslatedGroup,
)

app.callback()(language_for_run)

console = Console()
console_err = Console(stderr=True)

JSON_HELP = "Print machine-readable JSON instead of tables."


def print_json(document: Any) -> None:
    """Write one JSON document to stdout (UTF-8, stable key order as given)."""
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))


def report_error(exc: OvpkitError, *, as_json: bool) -> None:
    """Print a user's mistake as words (or as a JSON object for a program), no traceback."""
    if as_json:
        print_json(exc.to_dict())
        return
    console_err.print(f"[bold red]{escape(exc.heading())}[/]", highlight=False)
    console_err.print(exc.describe(), markup=False, highlight=False)
