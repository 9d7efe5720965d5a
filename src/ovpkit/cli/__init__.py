"""The ``ovpkit`` command line: one verb per job.

Each area registers its commands on :data:`app` from its own module, so the
modules stay small and independent. Errors from the core are printed as plain
messages (no traceback) and exit with status 2.
"""

from __future__ import annotations

import sys
from importlib.metadata import entry_points

from ovpkit.cli.app import app, report_error
from ovpkit.errors import OvpkitError

# Command modules register themselves on import; keep this list sorted.
from ovpkit.cli import assess as _assess  # noqa: E402,F401  isort: skip
from ovpkit.cli import data as _data  # noqa: E402,F401  isort: skip
from ovpkit.cli import demo as _demo  # noqa: E402,F401  isort: skip
from ovpkit.cli import evaluate as _evaluate  # noqa: E402,F401  isort: skip
from ovpkit.cli import knowledge as _knowledge  # noqa: E402,F401  isort: skip
from ovpkit.cli import monitor as _monitor  # noqa: E402,F401  isort: skip
from ovpkit.cli import publish as _publish  # noqa: E402,F401  isort: skip
from ovpkit.cli import select as _select  # noqa: E402,F401  isort: skip

# Commands of other packages (``ovpkit serve`` from ovpkit_web) join through the
# ``ovpkit.commands`` entry point: the core never imports them by name.
for _plugin in entry_points(group="ovpkit.commands"):
    _plugin.load()(app)

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script: plain messages for users' mistakes.

    The message reads in the language the command ran in (the error keeps it); under
    ``--json`` it is a JSON object on stdout, for the program that asked for JSON.
    """
    try:
        app()
    except OvpkitError as exc:
        report_error(exc, as_json="--json" in sys.argv[1:])
        sys.exit(2)
