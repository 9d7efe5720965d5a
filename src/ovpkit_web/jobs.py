"""Background jobs: a :class:`Job` row a page can poll, and the task that does the work.

Work goes through Django's tasks API (the ``django-tasks`` backport) with its database
backend (``django-tasks-db``): enqueueing writes a row in the same database, and the
worker (``db_worker``, started by ``ovpkit serve``) picks it up. No broker to run.

Each kind of job is a function ``(job, progress) -> result``; it reports how far it got
with ``progress(percent, message)``, in the language of the person who started it. A
problem the core explains (:class:`ovpkit.errors.OvpkitError`) fails the job with that
explanation; anything else fails it with a plain sentence and goes to the server's log.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from ovpkit.errors import OvpkitError
from ovpkit.i18n import use_language
from ovpkit_web.middleware import core_language
from ovpkit_web.models import Job, JobStatus, Office

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
Work = Callable[[Job, Progress], dict[str, Any]]

#: What each kind of job is called on its page.
KIND_LABELS = {
    "assessment_pdf": gettext_lazy("PDF of the assessment"),
    "ingest": gettext_lazy("Loading a data file"),
    "diagnosis": gettext_lazy("Diagnosis of the office's data"),
    "evaluation": gettext_lazy("Impact evaluation"),
}
_WORK: dict[str, Work] = {}


class JobProblem(OvpkitError):
    """A job cannot finish for a reason the person can act on."""


def work(kind: str) -> Callable[[Work], Work]:
    """Register the function that does ``kind`` of job."""

    def register(function: Work) -> Work:
        _WORK[kind] = function
        return function

    return register


def start(kind: str, office: Office, user: Any, language: str, **arguments: Any) -> Job:
    """Create the job's row and queue its work (both in the caller's transaction)."""
    if kind not in KIND_LABELS:
        raise ValueError(kind)
    job = Job.objects.create(
        office=office,
        user=user,
        kind=kind,
        language=core_language(language),
        arguments=arguments,
        message=_("Waiting for the worker to start."),
    )
    run_job.enqueue(job.pk)
    return job


@task()
def run_job(job_id: int) -> None:
    """The worker's entry point: run one job and record how it ended."""
    # unscoped: the worker runs the jobs of every office, each by the id it was queued with
    job = Job.unscoped.select_related("office").get(pk=job_id)
    with translation.override(job.language), use_language(job.language):
        _run(job)


def _run(job: Job) -> None:
    report(job, JobStatus.RUNNING, 0, _("Started."))
    try:
        result = _WORK[job.kind](job, lambda percent, message: report(job, None, percent, message))
    except OvpkitError as exc:
        report(job, JobStatus.FAILED, job.percent, problem_text(exc))
    except Exception:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        report(
            job,
            JobStatus.FAILED,
            job.percent,
            _("The site could not finish this job; the error is in the server's log."),
        )
    else:
        report(job, JobStatus.DONE, 100, _("Done."), result=result)


def report(
    job: Job,
    status: JobStatus | None,
    percent: int,
    message: str,
    *,
    result: dict[str, Any] | None = None,
) -> None:
    """Write how far the job got, at once (a page may be polling it)."""
    job.status = status or job.status
    job.percent = max(0, min(100, percent))
    job.message = message
    if result is not None:
        job.result = result
    job.updated = timezone.now()
    fields = ["status", "percent", "message", "result", "updated"]
    # unscoped: the worker's own job, by its id
    Job.unscoped.filter(pk=job.pk).update(**{name: getattr(job, name) for name in fields})


def problem_text(exc: OvpkitError) -> str:
    """The core's explanation: its title, where (file, row, field), what is wrong, what to do."""
    where = exc.location()
    text = f"{exc.heading()}: " + (f"{where}: " if where else "") + exc.message
    if exc.hint:
        text += " " + _("What to do: %(hint)s") % {"hint": exc.hint}
    return text


def output_path(job: Job, name: str) -> Path:
    """Where a job writes a file: the home folder's reports, one folder per office."""
    office = job.office.slug if job.office else "site"
    folder = Path(settings.REPORTS_DIR) / office
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def result_file(job: Job) -> Path | None:
    """The file a finished job made, if it made one and it is still there."""
    if job.status != JobStatus.DONE or not job.result or "file" not in job.result:
        return None
    path = Path(settings.REPORTS_DIR) / str(job.result["file"])
    base = Path(settings.REPORTS_DIR).resolve()
    if not path.resolve().is_relative_to(base) or not path.is_file():
        return None
    return path
