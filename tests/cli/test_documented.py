"""Every command a user can run is documented (README or docs/)."""

from __future__ import annotations

from pathlib import Path

import typer

from ovpkit.cli import app

REPO = Path(__file__).resolve().parents[2]


def _command_paths(typer_app: typer.Typer, prefix: str = "") -> list[str]:
    paths = [
        f"{prefix}{c.name or (c.callback.__name__ if c.callback else '')}".replace("_", "-")
        for c in typer_app.registered_commands
    ]
    for group in typer_app.registered_groups:
        if group.typer_instance is not None and group.name:
            paths += _command_paths(group.typer_instance, f"{prefix}{group.name} ")
    return paths


def test_every_command_is_documented() -> None:
    docs = (REPO / "README.md").read_text(encoding="utf-8")
    docs += "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))

    undocumented = [path for path in _command_paths(app) if f"ovpkit {path}" not in docs]

    assert not undocumented, f"document these commands in README.md or docs/: {undocumented}"


def test_every_command_offers_json_or_writes_files() -> None:
    lacking = []
    for command in app.registered_commands:
        callback = command.callback
        assert callback is not None
        params = callback.__code__.co_varnames[: callback.__code__.co_argcount]
        if "as_json" not in params and "out" not in params:
            lacking.append(command.name or callback.__name__)
    assert not lacking, f"these commands have no --json: {lacking}"
