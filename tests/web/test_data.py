"""Data pages: uploads checked by content and size, ingestion as a job, set-aside report."""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit.diagnosis import open_store
from ovpkit.diagnosis.sample import sample_path
from ovpkit_web import data
from ovpkit_web.models import AuditAction, AuditEvent, DataFile, DataFileStatus, Job, JobStatus

from .conftest import Site
from .test_jobs import HTMX, _run_worker

MAPPING = "philadelphia-shootings-sample"
BAD_ROWS = "2020-13-45,0,30,M,19,39.96,-75.23\n2020-05-01,0,abc,F,25,40.01,-75.13\n"


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    """Each test its own uploads, stores and reports (they outlive a test's database)."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path / "data"
    settings.REPORTS_DIR = tmp_path / "reports"


def sample_csv(lines: int = 400, extra: str = BAD_ROWS) -> bytes:
    """The head of the shipped Philadelphia sample, with two rows that cannot be read."""
    text = sample_path().read_text(encoding="utf-8").splitlines(keepends=True)
    return ("".join(text[:lines]) + extra).encode()


def _upload(site: Site, who: str = "staff", lang: str = "en", **fields: Any) -> Any:
    client = site.client(who, HTTP_ACCEPT_LANGUAGE=lang)
    payload: dict[str, Any] = {"mapping": MAPPING}
    payload["file"] = SimpleUploadedFile("shootings.csv", sample_csv(), "text/csv")
    payload.update(fields)
    return client, client.post(reverse("data_upload", args=[site.office.slug]), payload)


def _stored_files() -> list[Path]:
    folder = Path(settings.UPLOADS_DIR)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_an_upload_is_loaded_by_the_worker_and_its_report_adds_up(site: Site) -> None:
    client, response = _upload(site, lang="es")
    item = DataFile.objects.get()
    assert response["Location"] == reverse("job", args=[site.office.slug, item.job_id])
    assert item.status == DataFileStatus.QUEUED
    assert (Path(settings.UPLOADS_DIR) / item.stored).read_bytes() == sample_csv()
    _run_worker()
    item.refresh_from_db()
    assert item.status == DataFileStatus.LOADED
    report = item.report
    assert report is not None and report["balanced"]
    assert report["rows_in"] == 399 + 2
    assert report["rows_in"] == report["loaded"] + report["quarantined"]
    assert report["quarantined"] == 2
    done = client.get(reverse("job", args=[site.office.slug, item.job_id]), **HTMX).content
    assert reverse("data_file", args=[site.office.slug, item.pk]).encode() in done
    page = client.get(reverse("data_file", args=[site.office.slug, item.pk])).content.decode()
    assert "401 filas recibidas = 399 cargadas + 2 apartadas" in page
    assert "no es una fecha" in page  # the core's reason, in the reader's language
    # the store holds what the report says (the core's own count of the rows loaded)
    con = open_store(data.store_path(site.office), read_only=True)
    try:
        assert con.execute("SELECT COUNT(*) FROM incidents").fetchone() == (399,)
    finally:
        con.close()


def test_numbers_in_the_report_are_in_the_readers_format(site: Site) -> None:
    client, _ = _upload(site, file=SimpleUploadedFile("big.csv", sample_csv(2500), "text/csv"))
    _run_worker()
    item = DataFile.objects.get()
    url = reverse("data_file", args=[site.office.slug, item.pk])
    english = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="en").get(url).content.decode()
    spanish = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(url).content.decode()
    assert "2,501 rows in = 2,499 loaded + 2 set aside" in english
    assert "2501 filas recibidas" in spanish or "2.501 filas recibidas" in spanish


def test_viewing_the_set_aside_rows_is_audited_and_they_download_as_csv(site: Site) -> None:
    client, _ = _upload(site)
    _run_worker()
    item = DataFile.objects.get()
    before = AuditEvent.objects.filter(action=AuditAction.VIEW_INCIDENTS).count()
    page = client.get(reverse("set_aside", args=[site.office.slug, item.pk])).content.decode()
    assert "2020-13-45" in page and "abc" in page
    events = AuditEvent.objects.filter(action=AuditAction.VIEW_INCIDENTS, office=site.office)
    assert events.count() == before + 1
    assert events.first().user == site.users["staff"]  # type: ignore[union-attr]
    download = client.get(reverse("set_aside_csv", args=[site.office.slug, item.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    lines = download.content.decode().splitlines()
    assert lines[0].startswith("file,table,row,field,value,reason")
    assert len(lines) == 1 + 2  # one line per (row, field) problem: two rows, one each
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, office=site.office).exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("shootings.exe", b"MZ\x90\x00", "'.exe'"),
        ("shootings.csv", b"PK\x03\x04binary zip", "not text"),
        ("shootings.csv", b"date,fatal\x00\x01", "not text"),
        ("shootings.xlsx", b"date,fatal\n2020-01-01,1\n", "not in that format"),
        ("shootings.parquet", b"date,fatal\n", "not in that format"),
    ],
)
def test_a_file_whose_content_does_not_match_is_refused_and_nothing_kept(
    site: Site, name: str, content: bytes, words: str
) -> None:
    _, response = _upload(site, file=SimpleUploadedFile(name, content, "text/csv"))
    assert response.status_code == 400
    assert words in html.unescape(response.content.decode())
    assert not DataFile.objects.exists() and not Job.unscoped.exists()
    assert _stored_files() == []


def test_a_file_too_large_is_refused(site: Site, settings: Any) -> None:
    settings.DATA_FILE_MAX_BYTES = 1000
    _, response = _upload(site, lang="es")
    assert response.status_code == 400
    assert "divídalo por año" in response.content.decode()
    assert not DataFile.objects.exists()


def test_an_uploaded_mapping_with_a_mistake_names_the_file_and_field_in_spanish(
    site: Site,
) -> None:
    bad = b"name: mine\nsource: s\nlicence: l\nunit: victim\nfields:\n  date: {formats: [x]}\n"
    mapping = SimpleUploadedFile("mi-mapeo.yaml", bad, "application/x-yaml")
    _, response = _upload(site, lang="es", mapping="", mapping_file=mapping)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "mi-mapeo.yaml" in text and "fields.date" in text
    assert "El archivo de datos no es válido" in text
    assert not DataFile.objects.exists() and _stored_files() == []


def test_an_uploaded_mapping_that_fits_is_used(site: Site) -> None:
    shipped = resources.files("ovpkit.diagnosis") / "mappings" / f"{MAPPING}.yaml"
    text = shipped.read_bytes().replace(b"name: " + MAPPING.encode(), b"name: own")
    mapping = SimpleUploadedFile("own.yaml", text, "application/x-yaml")
    _upload(site, mapping="", mapping_file=mapping)
    _run_worker()
    item = DataFile.objects.get()
    assert item.status == DataFileStatus.LOADED and item.mapping_name == "own.yaml"
    assert item.report is not None and item.report["mapping"] == "own"


def test_neither_or_both_mappings_is_an_error_on_the_mapping_field(site: Site) -> None:
    _, response = _upload(site, mapping="")
    assert response.status_code == 400
    assert "Choose a shipped mapping or upload your own" in response.content.decode()


def test_a_file_the_core_refuses_fails_its_job_naming_file_row_and_field_and_is_removed(
    site: Site,
) -> None:
    wrong = b"date,fatal,age,sex,police_district,lat,lon\n" + b"31/12/2015,0,1,M,19,1,1\n" * 5
    client, _ = _upload(site, lang="es", file=SimpleUploadedFile("mal.csv", wrong, "text/csv"))
    _run_worker()
    job = Job.unscoped.get()
    item = DataFile.objects.get()
    assert job.status == JobStatus.FAILED and item.status == DataFileStatus.FAILED
    assert "mal.csv" in job.message and "fila 2" in job.message and "'date'" in job.message
    assert str(settings.UPLOADS_DIR) not in job.message  # the user's name, not the server path
    assert _stored_files() == []
    listing = client.get(reverse("data", args=[site.office.slug])).content.decode()
    assert "mal.csv" in listing and "Rechazado" in listing


def test_the_diagnosis_is_the_cores_page_in_the_readers_language(site: Site) -> None:
    _upload(site, file=SimpleUploadedFile("big.csv", sample_csv(4000, ""), "text/csv"))
    _run_worker()
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(reverse("run_diagnosis", args=[site.office.slug]))
    job = Job.unscoped.filter(kind="diagnosis").get()
    assert response["Location"] == reverse("job", args=[site.office.slug, job.pk])
    _run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    page = client.get(reverse("diagnosis", args=[site.office.slug, job.pk])).content.decode()
    assert 'sandbox src="' in page or "sandbox" in page
    framed = client.get(reverse("diagnosis_page", args=[site.office.slug, job.pk]))
    assert framed["Content-Type"] == "text/html; charset=utf-8"
    assert framed["Content-Security-Policy"].startswith("sandbox")
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert '<html lang="es"' in framed.content.decode()
    english = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="en")
    other = english.get(reverse("diagnosis_page", args=[site.office.slug, job.pk]))
    assert '<html lang="en"' in other.content.decode()


def test_content_problem_accepts_each_format_it_names() -> None:
    assert data.content_problem("a.csv", b"date,x\n") is None
    assert data.content_problem("a.xlsx", b"PK\x03\x04rest") is None
    assert data.content_problem("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest") is None
    assert data.content_problem("a.parquet", b"PAR1rest") is None
    assert data.content_problem("A.GEOJSON", b'{"type": "FeatureCollection"}') is None


def test_a_stored_name_never_leaves_the_office_folder() -> None:
    assert data.safe_name("../../etc/passwd") == "passwd"
    assert data.safe_name("C:\\Users\\x\\tiros 2020.csv") == "tiros_2020.csv"
    assert "/" not in data.safe_name("..")
