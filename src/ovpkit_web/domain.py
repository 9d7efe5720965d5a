"""What the site does, as plain functions over the models and the core.

Views stay thin: they check permissions, call one of these and render. Every function
here hands the real work to the core (the answers loader, the assessment engine), so
the CLI, a notebook and the site get the same result from the same input.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ovpkit.assessment.answersfile import AnswerSet, parse_answer_set
from ovpkit.assessment.engine import assess
from ovpkit.assessment.export import assessment_document
from ovpkit.assessment.results import Assessment
from ovpkit.i18n import use_language
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base
from ovpkit.knowledge.models import Office as KnowledgeOffice
from ovpkit_web.models import AnswersDocument, AnswersStatus, AssessmentResult, Office

#: Documents are stored in the core's source language; pages translate where shown.
DOCUMENT_LANGUAGE = "en"


def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base (the core loads it once per process)."""
    return load_knowledge_base()


def office_profile(knowledge_slug: str) -> dict[str, Any] | None:
    """The knowledge base's record of an office as a JSON document, validated by the core."""
    try:
        record = knowledge_base().office(knowledge_slug)
    except KeyError:
        return None
    # The citation's title is computed from its section: not part of the document.
    document = record.model_dump(mode="json", exclude={"citation": {"title"}})
    return profile_record(document).model_dump(mode="json", exclude={"citation": {"title"}})


def profile_record(document: dict[str, Any]) -> KnowledgeOffice:
    """A stored profile, validated by the core's model (raises pydantic's error if not)."""
    return KnowledgeOffice.model_validate(document)


def validate_answers(text: str, file_name: str) -> AnswerSet:
    """Parse with the core's loader; its AnswersError names the line and field."""
    return parse_answer_set(text, file=file_name)


@transaction.atomic
def store_answers(
    office: Office, user: Any, text: str, file_name: str, *, submitted: bool = True
) -> AnswersDocument:
    """Validate, then keep the answers file as it came (nothing is kept if it is invalid)."""
    validate_answers(text, file_name)
    return AnswersDocument.objects.create(
        office=office,
        respondent=user,
        file_name=file_name,
        text=text,
        status=AnswersStatus.SUBMITTED if submitted else AnswersStatus.DRAFT,
    )


@transaction.atomic
def assess_office(office: Office, user: Any, answers: AnswersDocument) -> AssessmentResult:
    """Run the core's assessment on one answers document and store its JSON document."""
    answer_set = validate_answers(answers.text, answers.file_name)
    with use_language(DOCUMENT_LANGUAGE):
        document = assessment_document(assess(answer_set, kb=knowledge_base()))
    return AssessmentResult.objects.create(
        office=office, answers=answers, created_by=user, document=document
    )


def latest_answers(office: Office) -> AnswersDocument | None:
    return office.answers.filter(status=AnswersStatus.SUBMITTED).first()


def latest_assessment(office: Office) -> AssessmentResult | None:
    return office.assessments.first()


def recomputed_assessment(result: AssessmentResult) -> Assessment:
    """The core's assessment object behind a stored result, for its HTML or PDF report.

    The assessment is a pure function of the answers file and the knowledge base, so the
    core recomputes it from the stored answers; a result whose recomputed document is not
    the stored one (the rules changed since) is refused rather than shown differently.
    """
    from ovpkit.errors import AnswersError

    if result.answers is None:
        raise AnswersError(_("The answers this assessment was computed from are gone."))
    answer_set = validate_answers(result.answers.text, result.answers.file_name)
    with use_language(DOCUMENT_LANGUAGE):
        assessment = assess(answer_set, kb=knowledge_base())
        document = json.loads(json.dumps(assessment_document(assessment)))
    if document != result.document:
        raise AnswersError(
            _("The assessment rules changed since this assessment was computed."),
            hint=_("Assess again with the same answers, then build its report."),
        )
    return assessment
