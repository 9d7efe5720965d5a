"""An office's data: uploaded files checked and kept, ingested and diagnosed by the core.

Nothing here reads a row or computes a figure: ingestion is ``ovpkit.diagnosis.ingest``
(rows in = loaded + set aside, each with its reason), the diagnosis is
``ovpkit.diagnosis.diagnosis.diagnose`` and its page the core's ``render_html``. This
module decides where files live (under the home folder, one folder per office, never
served), checks what an upload is by its first bytes (the browser's declared content type
is not trusted), and runs the core's work as background jobs.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ovpkit.diagnosis import (
    IngestReport,
    Mapping,
    ingest,
    load_mapping,
    open_store,
    quarantined_rows,
    shipped_mappings,
)
from ovpkit.errors import DataError
from ovpkit.i18n import LANGUAGES as CORE_LANGUAGES
from ovpkit.i18n import use_language
from ovpkit_web.jobs import Progress, output_path, start, work
from ovpkit_web.models import DataFile, DataFileStatus, Job, Office

#: What each accepted suffix must look like inside: text, or a binary format's signature.
SIGNATURES: dict[str, bytes | None] = {
    ".csv": None,
    ".tsv": None,
    ".txt": None,
    ".json": None,
    ".geojson": None,
    ".xlsx": b"PK\x03\x04",
    ".xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    ".parquet": b"PAR1",
}
#: Signatures of binary formats: a "text" file starting with one is not text.
_BINARY = tuple(s for s in SIGNATURES.values() if s is not None)
#: The core's progress messages start with these words; each is a step of the job.
_INGEST_STEPS = {"hashing": 10, "reading": 25, "parsing": 45, "storing": 75}
#: Every language the diagnosis page is rendered in, so each reader gets their own.
LANGUAGES = CORE_LANGUAGES


def content_problem(name: str, head: bytes) -> str | None:
    """Why a file's first bytes do not match its suffix, or None when they do.

    ``head`` is the file's first few kilobytes. Text files must hold no NUL byte and no
    binary signature; spreadsheets and Parquet must start with their format's signature.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in SIGNATURES:
        return _("Files ending in '%(suffix)s' cannot be read; accepted: %(accepted)s.") % {
            "suffix": suffix or "-",
            "accepted": ", ".join(SIGNATURES),
        }
    signature = SIGNATURES[suffix]
    if signature is None and (b"\x00" in head or head.startswith(_BINARY)):
        return _("The file ends in '%(suffix)s' but is not text.") % {"suffix": suffix}
    if signature is not None and not head.startswith(signature):
        return _("The file ends in '%(suffix)s' but its content is not in that format.") % {
            "suffix": suffix
        }
    return None


def safe_name(name: str) -> str:
    """The uploaded file's own name, made safe to store (no folders, no odd characters)."""
    base = Path(name.replace("\\", "/")).name[-150:]
    try:
        return get_valid_filename(base)
    except Exception:  # SuspiciousFileOperation for names like '..'
        return "data" + Path(base).suffix.lower()


def mapping_from_text(text: str, file_name: str) -> Mapping:
    """The core's mapping from an uploaded YAML text; its errors name ``file_name``."""
    folder = Path(tempfile.mkdtemp(prefix="ovpkit-mapping-"))
    try:
        path = folder / safe_name(file_name)
        path.write_text(text, encoding="utf-8")
        try:
            return load_mapping(path)
        except DataError as exc:
            raise _renamed(exc, file_name) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def mapping_of(item: DataFile) -> Mapping:
    """The mapping a data file was uploaded with: shipped by name, or its own YAML."""
    if item.mapping_text:
        return mapping_from_text(item.mapping_text, item.mapping_name)
    return load_mapping(item.mapping_name)


def shipped_choices() -> list[tuple[str, str]]:
    """The shipped mappings as (name, "name: source") for a choice list."""
    return [(name, f"{name}: {load_mapping(name).source}") for name in shipped_mappings()]


def store_path(office: Office) -> Path:
    """The office's DuckDB store (with its Parquet parts beside it) under the home folder."""
    folder = Path(settings.DATA_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{office.slug}.duckdb"


def upload_path(item: DataFile) -> Path:
    return Path(settings.UPLOADS_DIR) / item.stored


def keep_upload(
    office: Office, user: Any, chunks: Iterator[bytes], file_name: str, mapping: tuple[str, str]
) -> DataFile:
    """Write the upload under the home folder and its row, then queue its ingestion.

    The file is written to a temporary name and moved into place only when complete;
    if the database refuses the row, the file is removed: nothing half-written stays.
    """
    name = safe_name(file_name)
    relative = Path(office.slug) / uuid.uuid4().hex / name
    final = Path(settings.UPLOADS_DIR) / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(name + ".part")
    size = 0
    with partial.open("wb") as handle:
        for chunk in chunks:
            size += len(chunk)
            handle.write(chunk)
    partial.replace(final)
    mapping_name, mapping_text = mapping
    try:
        with transaction.atomic():
            item = DataFile.objects.create(
                office=office,
                uploaded_by=user,
                file_name=name,
                stored=relative.as_posix(),
                size=size,
                mapping_name=mapping_name,
                mapping_text=mapping_text,
            )
            item.job = start("ingest", office, user, _current(), data_file=item.pk)
            item.save(update_fields=["job"])
    except Exception:
        shutil.rmtree(final.parent, ignore_errors=True)
        raise
    return item


def _current() -> str:
    from django.utils.translation import get_language

    return get_language() or "en"


@work("ingest")
def ingest_file(job: Job, progress: Progress) -> dict[str, Any]:
    """Load one uploaded file with the core; a refused file is removed, its reason kept."""
    item = DataFile.objects.get(pk=job.arguments["data_file"], office=job.office)
    path = upload_path(item)
    progress(5, _("Reading the mapping."))
    try:
        mapping = mapping_of(item)
        with _store(item.office) as con:
            report = ingest(con, path, mapping, progress=_ingest_progress(progress))
    except DataError as exc:
        _refuse(item, path)
        raise _renamed(exc, item.file_name) from None
    except Exception:
        _refuse(item, path)
        raise
    item.report = report_dict(report)
    item.status = DataFileStatus.LOADED
    item.save(update_fields=["report", "status"])
    progress(95, _("Writing the set-aside report."))
    return {"data_file": item.pk}


def _refuse(item: DataFile, path: Path) -> None:
    """A file the core refused: its rows never reached the store, so the copy goes too."""
    shutil.rmtree(path.parent, ignore_errors=True)
    item.status = DataFileStatus.FAILED
    item.save(update_fields=["status"])


def _ingest_progress(progress: Progress) -> Any:
    """The core's step names ("reading x.csv") as a percent and a sentence for a person."""
    words = {
        "hashing": _("Checking whether this file was loaded before."),
        "reading": _("Reading the file."),
        "parsing": _("Reading every row with the mapping."),
        "storing": _("Storing the rows and setting aside those that cannot be read."),
    }

    def say(text: str) -> None:
        step = text.split(" ", 1)[0]
        if step in _INGEST_STEPS:
            progress(_INGEST_STEPS[step], words[step])

    return say


def report_dict(report: IngestReport) -> dict[str, Any]:
    """The core's ingest report as JSON, with its own balance check."""
    return dataclasses.asdict(report) | {"balanced": report.balanced}


def report_of(item: DataFile) -> IngestReport | None:
    """The stored report read back into the core's dataclass (for its own wording)."""
    if item.report is None:
        return None
    from ovpkit.diagnosis import SetAside

    data = {k: v for k, v in item.report.items() if k != "balanced"}
    data["set_aside"] = tuple(
        SetAside(**(s | {"examples": tuple(s["examples"])})) for s in data["set_aside"]
    )
    return IngestReport(**data)


@contextmanager
def _store(office: Office, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_store(store_path(office), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def set_aside_rows(item: DataFile, limit: int) -> list[dict[str, object]]:
    """The file's set-aside rows from the core's quarantine (incident-level: audited)."""
    with _store(item.office, read_only=True) as con:
        return quarantined_rows(con, item.file_name, limit)


def start_diagnosis(office: Office, user: Any, language: str) -> Job:
    return start("diagnosis", office, user, language)


@work("diagnosis")
def diagnosis_pages(job: Job, progress: Progress) -> dict[str, Any]:
    """The core's diagnosis, computed once and rendered as its page in every language."""
    from ovpkit.diagnosis.diagnosis import diagnose
    from ovpkit.diagnosis.report import render_html

    assert job.office is not None
    progress(5, _("Opening the office's data."))
    with _store(job.office, read_only=True) as con:
        progress(15, _("Computing rates, trends, concentration and hot spots."))
        result = diagnose(con)
    pages = {}
    for number, language in enumerate(LANGUAGES):
        progress(70 + 10 * number, _("Drawing the page and its charts."))
        with use_language(language):
            html = render_html(result)
        name = f"diagnosis-{job.pk}-{language}.html"
        output_path(job, name).write_text(html, encoding="utf-8")
        pages[language] = f"{job.office.slug}/{name}"
    return {"pages": pages, "source": result.source}


def stored_page(job: Job, language: str) -> Path | None:
    """The page a finished job rendered in ``language`` (English if missing)."""
    pages = (job.result or {}).get("pages", {})
    relative = pages.get(language) or pages.get("en")
    if not relative:
        return None
    base = Path(settings.REPORTS_DIR).resolve()
    path = (base / str(relative)).resolve()
    return path if path.is_relative_to(base) and path.is_file() else None


def _renamed(exc: DataError, file_name: str) -> DataError:
    """The core's error naming the user's own file instead of the server's path."""
    with use_language(exc.lang):
        renamed = DataError(
            exc.message, file=file_name, record=exc.record, field=exc.field, hint=exc.hint
        )
    return renamed
