"""Reading a user's text file (YAML, CSV, the report's text) with errors in words.

Every loader reads its file the same way: a missing or unreadable file and a file that
is not UTF-8 become the loader's own error (``DataError``, ``SpecError``, ...) naming the
file, in the reader's language, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ovpkit.errors import OvpkitError, os_problem
from ovpkit.i18n import _


class Readable(Protocol):
    """A path or a package resource (``importlib.resources``): what can be read as text."""

    def read_text(self, encoding: str | None = ...) -> str: ...


def read_text(
    path: Path | Readable,
    error: type[OvpkitError],
    *,
    file: str | None = None,
    missing: str | None = None,
    missing_hint: str | None = None,
    unreadable: str | None = None,
    unreadable_hint: str | None = None,
    encoding: str = "utf-8",
    not_utf8_hint: str | None = None,
) -> str:
    """The text of ``path``, or ``error`` saying why it cannot be read.

    ``file``: how the error names the file (default: the path). ``missing``: the message
    for a file that does not exist (default: the one for any unreadable file,
    ``unreadable``, which gets ``{problem}``: "cannot read the file: {problem}").
    """
    where = file if file is not None else str(path)
    try:
        return path.read_text(encoding=encoding)
    except FileNotFoundError as exc:
        if missing is None:
            raise _unreadable(error, exc, where, unreadable, unreadable_hint) from exc
        raise error(missing, file=where, hint=missing_hint) from exc
    except OSError as exc:
        raise _unreadable(error, exc, where, unreadable, unreadable_hint) from exc
    except UnicodeDecodeError as exc:
        raise error(
            _("the file is not UTF-8 text (byte {n})").format(n=exc.start),
            file=where,
            hint=not_utf8_hint or _("save it as UTF-8"),
        ) from exc


def _unreadable(
    error: type[OvpkitError], exc: OSError, where: str, message: str | None, hint: str | None
) -> OvpkitError:
    template = message or _("cannot read the file: {problem}")
    return error(template.format(problem=os_problem(exc)), file=where, hint=hint)
