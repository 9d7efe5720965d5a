"""The questionnaire as a web form: a respondent's draft, kept as the answers file's YAML.

A draft holds each answer as the answers file writes it, so the site and the command
line exchange the same document: :func:`draft_yaml` exports it and
:func:`import_answers` reads a file back. Every answer passes the core's loader
(:func:`ovpkit.assessment.answersfile.parse_answer_set`) before it is kept, so a draft
is always a valid answers file once exported; nothing is checked twice by hand here.
"""

from __future__ import annotations

from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from ovpkit.assessment.answersfile import AnswerSet, parse_answer_set
from ovpkit.assessment.yamlnodes import compose, to_python
from ovpkit.errors import AnswersError
from ovpkit_web import domain
from ovpkit_web.models import AnswersDocument, Office, QuestionnaireDraft

#: The raw answer the answers file writes: a word, number, list or a mapping.
RawAnswer = Any


def draft_for(office: Office, user: Any) -> QuestionnaireDraft:
    """The user's own draft for ``office`` (created empty on first use)."""
    draft, _created = QuestionnaireDraft.objects.get_or_create(office=office, respondent=user)
    return draft


def check_answer(question_id: str, raw: RawAnswer, file_name: str = "form") -> None:
    """Raise the core's :class:`AnswersError` when ``raw`` is not a valid answer."""
    parse_answer_set(_dump({"office": "-", "answers": {question_id: raw}}), file=file_name)


def save_answers(draft: QuestionnaireDraft, answers: dict[str, RawAnswer | None]) -> None:
    """Keep each answer (None removes it: the question is unknown again); all checked first."""
    for question_id, raw in answers.items():
        if raw is not None:
            check_answer(question_id, raw)
    for question_id, raw in answers.items():
        if raw is None:
            draft.answers.pop(question_id, None)
        else:
            draft.answers[question_id] = raw
    draft.save(update_fields=["answers", "updated"])


def draft_document(draft: QuestionnaireDraft, language: str) -> dict[str, Any]:
    """The draft as the answers file's document: header, then the answers in order."""
    from ovpkit.assessment.questionnaire import load_questionnaire

    office = draft.office
    header: dict[str, Any] = {"office": office.name}
    if office.knowledge_slug:
        header["office_slug"] = office.knowledge_slug
    header["assessed_on"] = draft.updated.date().isoformat()
    header["language"] = language
    order = {qid: i for i, qid in enumerate(load_questionnaire().ids)}
    answers = dict(sorted(draft.answers.items(), key=lambda item: order.get(item[0], 10**6)))
    return {**header, "answers": answers}


def draft_yaml(draft: QuestionnaireDraft, language: str) -> str:
    """The draft as an answers file, checked by the core before it leaves the site."""
    if not draft.answers:
        raise AnswersError(
            _("No question is answered yet."), hint=_("Answer at least one question first.")
        )
    text = _dump(draft_document(draft, language))
    domain.validate_answers(text, _file_name(draft))
    return text


@transaction.atomic
def import_answers(draft: QuestionnaireDraft, text: str, file_name: str) -> int:
    """Replace the draft's answers with a one-respondent answers file's; how many there are.

    The file is checked by the core first; a file with several respondents is refused
    (each respondent imports their own answers), so nothing is mixed up or half kept.
    """
    answer_set = domain.validate_answers(text, file_name)
    root = compose(text, file_name)
    document = to_python(root) if root is not None else {}
    if "answers" not in document:
        raise AnswersError(
            _("This file has %(n)s respondents; the form keeps one respondent's answers.")
            % {"n": len(answer_set.respondents)},
            file=file_name,
            field="respondents",
            hint=_("Each respondent imports a file with their own answers ('answers:')."),
        )
    draft.answers = dict(document["answers"] or {})
    draft.save(update_fields=["answers", "updated"])
    return len(draft.answers)


def submit_draft(draft: QuestionnaireDraft, user: Any, language: str) -> AnswersDocument:
    """Store the draft as the office's answers file (the one 'assess' uses next)."""
    text = draft_yaml(draft, language)
    return domain.store_answers(draft.office, user, text, _file_name(draft))


def office_drafts(office: Office) -> list[QuestionnaireDraft]:
    """Every respondent's draft in the office, oldest respondent first."""
    return list(office.drafts.select_related("respondent").order_by("respondent__username"))


def parsed(draft: QuestionnaireDraft) -> AnswerSet | None:
    """The draft read by the core (for showing answers as the core understands them)."""
    if not draft.answers:
        return None
    return domain.validate_answers(_dump(draft_document(draft, "en")), _file_name(draft))


def _file_name(draft: QuestionnaireDraft) -> str:
    return f"{draft.office.slug}-{draft.respondent.get_username()}.yaml"


def _dump(document: dict[str, Any]) -> str:
    """YAML as a person writes it: keys in order, unicode kept, 'yes' quoted as a word."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
