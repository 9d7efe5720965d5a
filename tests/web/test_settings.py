"""The site's settings: one home folder, a generated secret key, SQLite in WAL mode."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.utils import ConnectionHandler

from ovpkit_web.catalogs import compile_catalogs
from ovpkit_web.home import database_settings, home_folder, secret_key


def test_home_folder_comes_from_the_environment(tmp_path: Path) -> None:
    home = home_folder({"OVPKIT_HOME": str(tmp_path / "site")})
    assert home == (tmp_path / "site").resolve()
    assert home.is_dir()


def test_secret_key_is_generated_once_and_private(tmp_path: Path) -> None:
    first = secret_key(tmp_path)
    assert len(first) >= 50
    assert secret_key(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600
    other = tmp_path / "other"
    other.mkdir()
    assert secret_key(other) != first


def test_sqlite_runs_in_wal_mode(tmp_path: Path, django_db_blocker: Any) -> None:
    config = database_settings(tmp_path, None)
    connection = ConnectionHandler({"default": config})["default"]
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    connection.close()
    assert Path(str(config["NAME"])).parent == tmp_path


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    config = database_settings(tmp_path, "postgres://office:pw@db.example:5433/ovpkit")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example", 5433, "ovpkit")


def test_debug_is_off_and_the_site_lives_in_its_home() -> None:
    assert settings.DEBUG is False
    assert Path(settings.LOCALE_PATHS[0]).is_relative_to(settings.HOME)
    assert (settings.HOME / "secret_key").read_text().strip() == settings.SECRET_KEY


def test_catalogs_compile_into_the_home_folder(tmp_path: Path) -> None:
    target = compile_catalogs(tmp_path)
    for lang in ("es", "pt"):
        assert (target / lang / "LC_MESSAGES" / "django.mo").stat().st_size > 1000


def test_the_tests_use_the_database_they_were_given(db: None) -> None:
    """scripts/test-web-postgres.sh sets DATABASE_URL: then this run is on PostgreSQL."""
    import os

    from django.db import connection

    wanted = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert connection.vendor == wanted
