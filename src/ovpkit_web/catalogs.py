"""The site's own translations: ``locale/<lang>/LC_MESSAGES/django.po`` in this package.

Strings of the web layer use Django's gettext (``{% translate %}``, ``gettext_lazy``);
``django-admin makemessages`` extracts them (see docs/web.md). Only the ``.po`` files are
kept in the repository: at start-up they are compiled with Babel (no GNU gettext needed
to run the site) into the home folder, which settings put on ``LOCALE_PATHS``.
Texts of the core (knowledge base, assessment, reports) keep the core's catalogs.
"""

from __future__ import annotations

import shutil
from importlib.util import find_spec
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

SOURCE = Path(__file__).resolve().parent / "locale"


def compile_catalogs(target: Path, source: Path = SOURCE) -> Path:
    """Compile each ``.po`` under ``source`` into ``target`` (only when it changed)."""
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = target / relative
        if mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parts[-3])
        partial = mo_path.with_suffix(".mo.partial")
        with partial.open("wb") as handle:
            write_mo(handle, catalog)
        partial.replace(mo_path)
    return target


def allauth_portuguese(target: Path) -> Path:
    """django-allauth's ``pt_BR`` catalog as ``pt``, the site's Portuguese.

    The site's language code is ``pt`` and gettext does not fall back from ``pt`` to
    ``pt_BR``, so without this copy allauth's pages (login, password, two-factor) would
    stay English for a Portuguese reader.
    """
    spec = find_spec("allauth")
    if spec is None or spec.origin is None:
        return target
    source = Path(spec.origin).parent / "locale" / "pt_BR" / "LC_MESSAGES" / "django.mo"
    copy = target / "pt" / "LC_MESSAGES" / "django.mo"
    if source.is_file() and not (copy.is_file() and copy.stat().st_mtime >= source.stat().st_mtime):
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    return target
