"""Reports built as background jobs: the PDF of an assessment (the core's own report)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ovpkit.publish.assessment import write_assessment_pdf
from ovpkit_web import domain
from ovpkit_web.jobs import Progress, output_path, work
from ovpkit_web.models import AssessmentResult, Job


@work("assessment_pdf")
def assessment_pdf(job: Job, progress: Progress) -> dict[str, Any]:
    """The core's assessment report as a PDF, in the language of the person who asked."""
    result = AssessmentResult.objects.get(pk=job.arguments["assessment"], office=job.office)
    progress(10, _("Reading the answers the assessment was computed from."))
    assessment = domain.recomputed_assessment(result)
    progress(40, _("Drawing the report as a PDF (this takes a little while)."))
    name = f"assessment-{result.pk}-{job.language}.pdf"
    path = output_path(job, name)
    write_assessment_pdf(assessment, path, lang=job.language)
    office = job.office.slug if job.office else "site"
    return {"file": f"{office}/{name}", "name": f"{office}-{name}"}
