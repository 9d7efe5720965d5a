"""Long commands show a spinner on standard error; silent under --json and off a terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from typer.testing import CliRunner

from ovpkit.cli import app, progress

runner = CliRunner()


def _terminal(monkeypatch: pytest.MonkeyPatch, *, terminal: bool = True) -> io.StringIO:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=100)
    monkeypatch.setattr(progress, "console_err", console)
    return buffer


def test_working_shows_its_message_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _terminal(monkeypatch)

    with progress.working("Counting the victims"):
        pass

    assert "Counting the victims" in shown.getvalue()


def test_working_is_silent_when_quiet_or_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = _terminal(monkeypatch)
    with progress.working("Counting", quiet=True):
        pass
    piped = _terminal(monkeypatch, terminal=False)
    with progress.working("Counting"):
        pass

    assert quiet.getvalue() == "" and piped.getvalue() == ""


def test_reconcile_shows_progress_in_the_users_language(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _terminal(monkeypatch)

    result = runner.invoke(app, ["reconcile", "--sample", "--lang", "es"])

    assert result.exit_code == 0, result.output
    assert "Leyendo y comparando las dos fuentes" in shown.getvalue()


def test_reconcile_json_shows_no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _terminal(monkeypatch)

    result = runner.invoke(app, ["reconcile", "--sample", "--json"])

    assert result.exit_code == 0 and shown.getvalue() == ""
