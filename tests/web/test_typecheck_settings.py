"""mypy checks the web package too, and its Django plugin writes nothing into a real home."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_mypy_checks_the_web_package_with_the_django_plugin() -> None:
    mypy = _config()["tool"]["mypy"]
    assert mypy["strict"] is True
    assert "src/ovpkit_web" in mypy["files"]
    assert "mypy_django_plugin.main" in mypy["plugins"]


def test_plugin_settings_use_a_scratch_home_not_the_developers(tmp_path: Path) -> None:
    """The plugin imports the configured settings module, which creates its home folder:
    neither ``~/.ovpkit`` nor a site's ``OVPKIT_HOME`` may be the one it writes into."""
    module = _config()["tool"]["django-stubs"]["django_settings_module"]
    user_home, site, scratch = tmp_path / "user", tmp_path / "site", tmp_path / "tmp"
    user_home.mkdir()
    scratch.mkdir()
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"HOME": str(user_home), "OVPKIT_HOME": str(site), "TMPDIR": str(scratch)}
    code = f"import importlib; print(importlib.import_module({module!r}).HOME)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    home = Path(result.stdout.strip())
    assert home.is_relative_to(scratch.resolve())
    assert not site.exists()
    assert not (user_home / ".ovpkit").exists()
