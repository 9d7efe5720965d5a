"""``ovpkit serve``: the web workspace from one command.

Registered on the core's command line through the ``ovpkit.commands`` entry point (the
core never imports this package); Django is imported only when the command runs, so
``ovpkit --help`` stays fast and works without the ``web`` extra.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from ovpkit.cli.language import Lang
    from ovpkit_web.demo import DemoLogin

HomeOption = Annotated[
    Path | None,
    typer.Option("--home", help="The site's home folder (default: $OVPKIT_HOME or ~/.ovpkit)."),
]


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``ovpkit`` command line."""
    app.command()(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    home: HomeOption = None,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
    demo: Annotated[
        bool,
        typer.Option(help="Load the demo (cities, records, data, an evaluation) on first start."),
    ] = True,
    lang: Lang = "en",
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the address and demo logins as JSON (for scripts)."),
    ] = False,
) -> None:
    """Start the office's web workspace (migrations, demo, then the server)."""
    logins = prepare(home, demo=demo)
    from django.utils import translation

    if as_json:
        print_json(startup_document(host, port, logins))
    else:
        with translation.override(lang):
            announce(host, port, logins)
    worker = start_worker()
    try:
        run_server(host, port, workers)
    finally:
        stop_worker(worker)


def start_worker() -> subprocess.Popen[bytes]:
    """The background jobs' worker (django-tasks' database worker), in its own process.

    It inherits the home folder and the database settings through the environment, so
    it reads the same queue the site writes.
    """
    command = [sys.executable, "-m", "django", "db_worker", "--interval", "0.5"]
    return subprocess.Popen(command, env={**os.environ})


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    """Ask the worker to finish its current job and stop (then make it stop)."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def startup_document(host: str, port: int, logins: list[DemoLogin]) -> dict[str, Any]:
    from django.conf import settings

    return {
        "address": f"http://{host}:{port}/",
        "home": str(settings.HOME),
        "logins": [
            {"role": login.role.value, "username": login.username, "password": login.password}
            for login in logins
        ],
    }


def prepare(home: Path | None, *, demo: bool = True) -> list[DemoLogin]:
    """Set Django up on ``home``: migrations, static files and (once) the demo."""
    if home is not None:
        os.environ["OVPKIT_HOME"] = str(home.expanduser().resolve())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ovpkit_web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not demo:
        return []
    from ovpkit_web.demo import load_demo

    return load_demo(settings.HOME)


def announce(host: str, port: int, logins: list[DemoLogin]) -> None:
    from django.conf import settings
    from django.utils.translation import gettext as _

    typer.echo(_("ovpkit workspace: http://%(host)s:%(port)s/") % {"host": host, "port": port})
    typer.echo(_("Home folder: %(home)s") % {"home": settings.HOME})
    for login in logins:
        typer.echo(
            _("  %(role)s: user %(user)s, password %(password)s")
            % {"role": login.role.label, "user": login.username, "password": login.password}
        )
    if logins:
        typer.echo(_("(The demo logins are kept in %(file)s.)") % {"file": "demo-logins.txt"})
        typer.echo(_("(On a first start the worker computes the demo's diagnosis and evaluation.)"))


def run_server(host: str, port: int, workers: int) -> None:
    """gunicorn with ``workers`` processes; Django's own server where gunicorn is missing."""
    from django.db import connections

    connections.close_all()  # never share a database connection with forked workers
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        from django.core.management import call_command

        call_command("runserver", f"{host}:{port}", "--noreload", "--skip-checks")
        return
    from ovpkit_web.wsgi import application

    class Server(BaseApplication):
        def load_config(self) -> None:
            options: dict[str, Any] = {"bind": f"{host}:{port}", "workers": workers}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


# Imported last: importing ovpkit.cli loads this module through the entry point, so when
# this module is imported first, ``register`` and ``serve`` must already exist by then.
# Typer reads the annotations (``Lang``) only when the command line runs.
from ovpkit.cli.app import print_json  # noqa: E402
from ovpkit.cli.language import Lang  # noqa: E402, F811
