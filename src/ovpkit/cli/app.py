"""The Typer application and the small helpers every command module shares."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console

from ovpkit.cli.language import language_for_run

app = typer.Typer(
    name="ovpkit",
    help=(
        "Tools for Offices of Violence Prevention, built on the report "
        '"Lessons from Effective Offices of Violence Prevention" (Peace in Our Cities, 2024).'
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.callback()(language_for_run)

console = Console()
console_err = Console(stderr=True)

JSON_HELP = "Print machine-readable JSON instead of tables."


def print_json(document: Any) -> None:
    """Write one JSON document to stdout (UTF-8, stable key order as given)."""
    typer.echo(json.dumps(document, ensure_ascii=False, indent=2, default=str))
