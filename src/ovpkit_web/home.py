"""The one home folder where a site keeps everything: database, secret key, catalogs.

``OVPKIT_HOME`` names it (``ovpkit serve --home DIR`` sets it); the default is
``~/.ovpkit``. Nothing a site writes lives anywhere else, so a backup is one folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

HOME_VARIABLE = "OVPKIT_HOME"
SECRET_FILE = "secret_key"


def home_folder(environ: dict[str, str] | None = None) -> Path:
    """The home folder (created if missing), from ``OVPKIT_HOME`` or ``~/.ovpkit``."""
    env = os.environ if environ is None else environ
    raw = env.get(HOME_VARIABLE) or str(Path.home() / ".ovpkit")
    home = Path(raw).expanduser().resolve()
    home.mkdir(parents=True, exist_ok=True)
    return home


def secret_key(home: Path) -> str:
    """The site's secret key: generated into the home folder on first start, then reused.

    Kept out of the repository and out of settings so that every site has its own and a
    restart does not log everybody out. The file is readable by its owner only.
    """
    path = home / SECRET_FILE
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def database_settings(home: Path, database_url: str | None) -> dict[str, object]:
    """PostgreSQL when ``DATABASE_URL`` is set, else SQLite in WAL mode under ``home``.

    WAL lets readers go on while one writer writes, which a small office site with two
    gunicorn workers needs; IMMEDIATE transactions take the write lock up front, so two
    writers wait for each other (``busy_timeout``) instead of failing with "locked".
    """
    if database_url:
        import dj_database_url

        return dict(dj_database_url.parse(database_url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(home / "ovpkit.sqlite3"),
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
    }
