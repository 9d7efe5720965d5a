"""The core never loads Django; ``ovpkit serve`` joins the CLI through an entry point."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner


def test_core_cli_does_not_import_django() -> None:
    code = "import sys, ovpkit.cli; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serve_is_a_command_of_ovpkit() -> None:
    from ovpkit.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--home" in result.output
    assert "--port" in result.output
