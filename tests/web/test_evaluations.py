"""Evaluations: a spec from the form or a file, checked by the core, run by the worker."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit_web.models import Job, JobStatus

from .conftest import Site
from .test_jobs import _run_worker

REPO = Path(__file__).resolve().parents[2]
BASQUE_PANEL = REPO.parent / "shared" / "data" / "synth" / "basque.csv"
BASQUE_SPEC = REPO / "examples" / "evaluation" / "basque.yaml"
needs_basque = pytest.mark.skipif(not BASQUE_PANEL.is_file(), reason="shared data not here")


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.REPORTS_DIR = tmp_path / "reports"


def _panel(content: bytes | None = None) -> SimpleUploadedFile:
    data = BASQUE_PANEL.read_bytes() if content is None else content
    return SimpleUploadedFile("basque.csv", data, "text/csv")


def _post(site: Site, lang: str = "en", who: str = "staff", **fields: Any) -> Any:
    client = site.client(who, HTTP_ACCEPT_LANGUAGE=lang)
    payload = {"panel": _panel()} | fields
    return client, client.post(reverse("evaluation_new", args=[site.office.slug]), payload)


def _stored() -> list[Path]:
    folder = Path(settings.UPLOADS_DIR)
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _form(**changes: str) -> dict[str, str]:
    base = {
        "design": "synthetic_control",
        "unit": "regionname",
        "time": "year",
        "outcome": "gdpcap",
        "treated": "Basque Country (Pais Vasco)",
        "start": "1970",
    }
    return base | changes


@needs_basque
def test_the_basque_spec_file_runs_in_the_worker_and_its_page_is_the_cores(site: Site) -> None:
    spec = SimpleUploadedFile("basque.yaml", BASQUE_SPEC.read_bytes(), "application/x-yaml")
    client, response = _post(site, lang="es", spec_file=spec)
    job = Job.unscoped.get(kind="evaluation")
    assert response["Location"] == reverse("job", args=[site.office.slug, job.pk])
    _run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    page = client.get(reverse("evaluation_page", args=[site.office.slug, job.pk]))
    text = page.content.decode()
    assert page["Content-Security-Policy"].startswith("sandbox")
    assert '<html lang="es"' in text and "País Vasco" in text
    # the published weights (Abadie & Gardeazabal 2003): Cataluña 0.851, Madrid 0.149
    assert "Cataluna" in text and "Madrid" in text
    english = site.client("reviewer").get(reverse("evaluation", args=[site.office.slug, job.pk]))
    assert english.status_code == 200


def test_a_missing_treated_unit_is_named_beside_its_field_in_spanish(site: Site) -> None:
    _, response = _post(site, lang="es", **_form(treated=""))
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "<strong>Unidad tratada</strong>:" in text
    assert not Job.unscoped.exists() and _stored() == []


def test_no_design_and_no_spec_is_an_error_on_the_design(site: Site) -> None:
    _, response = _post(site, **_form(design=""))
    assert response.status_code == 400
    assert "Choose a design, or upload a spec file." in html.unescape(response.content.decode())


def test_a_spec_file_with_a_mistake_names_the_file_and_field(site: Site) -> None:
    bad = b"design: synthetic_control\ndata: {path: x.csv, unit: u, time: t}\noutcome: y\n"
    spec = SimpleUploadedFile("mi-spec.yaml", bad + b"treated: A\nstart: later\n")
    _, response = _post(site, lang="es", spec_file=spec)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "mi-spec.yaml" in text and "'start'" in text
    assert "La especificación de la evaluación no es válida" in text
    assert not Job.unscoped.exists() and _stored() == []


def test_a_panel_that_is_not_a_csv_is_refused(site: Site) -> None:
    _, response = _post(site, panel=SimpleUploadedFile("p.xlsx", b"PK\x03\x04"), **_form())
    assert response.status_code == 400
    assert "CSV" in response.content.decode()


def test_a_column_the_panel_lacks_fails_the_job_naming_the_spec_not_the_server_path(
    site: Site,
) -> None:
    panel = b"regionname,year,gdpcap\nA,2000,1\nA,2001,2\nB,2000,1\nB,2001,2\n"
    _post(site, lang="es", panel=_panel(panel), **_form(outcome="nope", treated="A", start="2001"))
    _run_worker()
    job = Job.unscoped.get()
    assert job.status == JobStatus.FAILED
    assert "spec.yaml" in job.message and str(settings.UPLOADS_DIR) not in job.message
    assert "nope" in job.message
