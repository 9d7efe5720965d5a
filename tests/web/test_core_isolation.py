"""The core never loads Django; ``ovpkit serve`` joins the CLI through an entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
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


@pytest.mark.django_db
def test_serve_json_names_the_address_and_every_role(tmp_path: Path) -> None:
    from ovpkit_web.cli import startup_document
    from ovpkit_web.demo import load_demo
    from ovpkit_web.models import Role

    document = startup_document("127.0.0.1", 8123, load_demo(tmp_path))
    assert document["address"] == "http://127.0.0.1:8123/"
    assert {login["role"] for login in document["logins"]} == {r.value for r in Role}


def test_the_web_cli_can_be_imported_before_the_core_cli() -> None:
    code = (
        "import ovpkit_web.cli\nfrom ovpkit.cli import app\n"
        "print([c.callback.__name__ for c in app.registered_commands].count('serve'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"
