"""The site's own catalogs: every string translated, and none missing from them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ovpkit_web.catalogs import SOURCE

LANGS = ("es", "pt")


def _catalog(root: Path, lang: str) -> dict[object, str]:
    with (root / lang / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale=lang) if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_web_string_is_translated(lang: str) -> None:
    untranslated = [key for key, text in _catalog(SOURCE, lang).items() if not text]
    assert untranslated == []


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (system-deps.sh)")
def test_catalogs_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """makemessages on a copy finds no string that the committed catalogs lack."""
    package = tmp_path / "ovpkit_web"
    shutil.copytree(SOURCE.parent, package, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "OVPKIT_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "es", "-l", "pt"]
    command += ["--no-location", "--no-obsolete", "--ignore", "static/*"]
    subprocess.run(command, cwd=package, env=env, check=True, capture_output=True)
    for lang in LANGS:
        assert _catalog(package / "locale", lang).keys() == _catalog(SOURCE, lang).keys()
