"""Output paths, checked before any work starts.

A command that runs for ten seconds and then fails with a ``FileNotFoundError``
because the folder of ``--html`` does not exist wastes the user's time and shows a
traceback. Every command that writes a file or a folder calls :func:`output_file` or
:func:`output_folder` first, so the mistake is reported at once, in the user's
language, with the path and what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from ovpkit.errors import OvpkitError
from ovpkit.i18n import _


def _refuse(path: Path, option: str, problem: str, hint: str) -> OvpkitError:
    message = _("cannot write {path} ({option}): {problem}").format(
        path=path, option=option, problem=problem
    )
    return OvpkitError(message, hint=hint)


def output_file(path: Path | None, *, option: str) -> None:
    """Refuse, before the work, a file path that cannot be written (``None``: nothing to do)."""
    if path is None:
        return
    if path.is_dir():
        raise _refuse(
            path,
            option,
            _("it is a folder"),
            _("give a file name inside it, for example {example}").format(
                example=path / f"report{path.suffix or '.html'}"
            ),
        )
    folder = path.parent
    _check_folder(path, folder, option)
    if path.exists() and not os.access(path, os.W_OK):
        raise _refuse(path, option, _("the file is read-only"), _("choose another file name"))


def output_folder(path: Path | None, *, option: str) -> None:
    """Refuse, before the work, a folder that can neither be used nor created."""
    if path is None:
        return
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing == path and not path.is_dir():
        raise _refuse(
            path, option, _("it is a file, not a folder"), _("choose a folder name instead")
        )
    _check_folder(path, existing, option)


def _check_folder(path: Path, folder: Path, option: str) -> None:
    """``folder`` (where ``path`` goes) must exist, be a folder and be writable."""
    where = folder if str(folder) else Path(".")
    if not where.exists():
        raise _refuse(
            path,
            option,
            _("the folder {folder} does not exist").format(folder=where),
            _("create it first (mkdir -p {folder}) or choose another place").format(folder=where),
        )
    if not where.is_dir():
        raise _refuse(
            path,
            option,
            _("{folder} is a file, not a folder").format(folder=where),
            _("choose a path inside a folder"),
        )
    if not os.access(where, os.W_OK):
        raise _refuse(
            path,
            option,
            _("you cannot write in the folder {folder}").format(folder=where),
            _("choose a folder you can write in"),
        )
