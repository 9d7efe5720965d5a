"""Background jobs: queued through Django's tasks API, run by the database worker."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command
from django.urls import reverse

from ovpkit_web import domain, jobs
from ovpkit_web.models import AssessmentResult, AuditAction, AuditEvent, Job, JobStatus

from .conftest import Site

HTMX = {"HTTP_HX_REQUEST": "true"}


def _assessed(site: Site, answers: str) -> AssessmentResult:
    document = domain.store_answers(site.office, site.users["manager"], answers, "cali.yaml")
    return domain.assess_office(site.office, site.users["manager"], document)


def _run_worker() -> None:
    """What 'ovpkit serve' runs in the background, here until the queue is empty.

    The worker closes "old" connections between tasks; inside a test's transaction every
    connection looks old (autocommit is off), and on PostgreSQL closing it ends the test's
    transaction. Django's test client keeps the connection open the same way.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


def test_the_pdf_is_built_by_the_worker_and_downloaded(site: Site, cali_answers: str) -> None:
    result = _assessed(site, cali_answers)
    client = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(reverse("assessment_pdf", args=[site.office.slug, result.pk]))
    job = Job.unscoped.get()
    assert response["Location"] == reverse("job", args=[site.office.slug, job.pk])
    assert job.status == JobStatus.QUEUED and job.language == "es"
    waiting = client.get(response["Location"], **HTMX).content.decode()
    assert 'hx-trigger="every 1s"' in waiting and "En espera" in waiting
    _run_worker()
    job.refresh_from_db()
    assert (job.status, job.percent, job.message) == (JobStatus.DONE, 100, "Listo.")
    done = client.get(response["Location"], **HTMX).content.decode()
    assert "every 1s" not in done
    download = client.get(reverse("job_file", args=[site.office.slug, job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, office=site.office).exists()


def test_a_job_the_core_refuses_fails_with_its_reason_in_the_readers_language(
    site: Site, cali_answers: str
) -> None:
    result = _assessed(site, cali_answers)
    result.document = {**result.document, "criteria": []}  # not what the rules give now
    result.save()
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="pt")
    client.post(reverse("assessment_pdf", args=[site.office.slug, result.pk]))
    _run_worker()
    job = Job.unscoped.get()
    assert job.status == JobStatus.FAILED
    assert "regras" in job.message  # "as regras da avaliação institucional mudaram"
    assert client.get(reverse("job_file", args=[site.office.slug, job.pk])).status_code == 404


def test_an_unexpected_error_fails_the_job_without_a_traceback(site: Site) -> None:
    def broken(job: Job, progress: jobs.Progress) -> dict[str, object]:
        progress(30, "half way")
        raise RuntimeError("boom")

    jobs.KIND_LABELS["broken"] = "broken"  # type: ignore[assignment]
    jobs.work("broken")(broken)
    try:
        job = jobs.start("broken", site.office, site.users["staff"], "en")
        _run_worker()
    finally:
        del jobs.KIND_LABELS["broken"]
    job.refresh_from_db()
    assert (job.status, job.percent) == (JobStatus.FAILED, 30)
    assert "boom" not in job.message and "server's log" in job.message


def test_another_offices_job_is_404(site: Site, cali_answers: str) -> None:
    result = _assessed(site, cali_answers)
    job = jobs.start("assessment_pdf", site.office, site.users["staff"], "en", assessment=result.pk)
    outsider = site.client("outsider")
    assert outsider.get(reverse("job", args=[site.other.slug, job.pk])).status_code == 404
    assert outsider.get(reverse("job", args=[site.office.slug, job.pk])).status_code == 404
