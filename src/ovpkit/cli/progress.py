"""A spinner on standard error while a long command works (8 to 12 seconds and more).

Without it a user watching ``assess --pdf`` or ``reconcile`` sees nothing and may
think ovpkit hung. The spinner goes to standard error, so standard output stays
clean for pipes, and it is silent under ``--json`` and when standard error is not a
terminal (scripts, CI, log files).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ovpkit.cli.app import console_err


@contextmanager
def working(message: str, *, quiet: bool = False) -> Iterator[None]:
    """Show ``message`` with a spinner while the ``with`` block runs (unless ``quiet``)."""
    if quiet or not console_err.is_terminal:
        yield
        return
    with console_err.status(message):
        yield
