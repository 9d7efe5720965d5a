"""What changed in an office, who changed it and when: django-simple-history's records.

Every tracked model keeps a historical copy of the row at each change. This module reads
them for one office only (each historical table is filtered by the office's id: the
historical managers are not office-scoped, so the filter is written here, and tested),
and words the difference between two copies for a person: a question's answer as
"old -> new" with the question's text, a role by its name, a user by their name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet, Value
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ovpkit.assessment.questionnaire import Question
from ovpkit_web.models import (
    AnswersDocument,
    AnswersStatus,
    AssessmentResult,
    Membership,
    Office,
    PartnerUser,
    QuestionnaireDraft,
    Role,
)
from ovpkit_web.questionnaire_pages import answer_words, questionnaire

#: the kinds of rows shown, by the code in the page's address, with their labels
KINDS: dict[str, tuple[type[models.Model], Promise]] = {
    "office": (Office, gettext_lazy("office profile")),
    "membership": (Membership, gettext_lazy("membership")),
    "partner-link": (PartnerUser, gettext_lazy("partner organisation of a member")),
    "answers": (AnswersDocument, gettext_lazy("answers file")),
    "draft": (QuestionnaireDraft, gettext_lazy("questionnaire answers of a respondent")),
    "assessment": (AssessmentResult, gettext_lazy("assessment")),
}
#: simple-history's change types, for a reader
CHANGE_LABELS: dict[str, Promise] = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("removed"),
}
_HIDDEN = {"id", "created", "updated", "office"}  # the same for every copy, or noise
#: each shown field's name for a reader (the models' own names are not all translated)
FIELD_LABELS: dict[str, Promise] = {
    "slug": gettext_lazy("address name"),
    "name": gettext_lazy("name"),
    "knowledge_slug": gettext_lazy("record in the knowledge base"),
    "profile": gettext_lazy("office profile"),
    "user": gettext_lazy("user"),
    "role": gettext_lazy("role"),
    "partner": gettext_lazy("partner organisation"),
    "respondent": gettext_lazy("respondent"),
    "file_name": gettext_lazy("file name"),
    "status": gettext_lazy("status"),
    "answers": gettext_lazy("answers file"),
    "created_by": gettext_lazy("assessed by"),
}


def history_rows(office: Office) -> QuerySet[Any]:
    """Every historical record of the office's rows, newest first, as one query.

    One ``UNION`` of the historical tables (each filtered by the office), so the page can
    be paginated by the database however many autosaves the drafts kept.
    """
    parts = [_rows(kind, model, office) for kind, (model, _label) in KINDS.items()]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def _rows(kind: str, model: type[models.Model], office: Office) -> QuerySet[Any]:
    historical = _historical(model)
    rows: QuerySet[Any] = historical.objects.filter(**_office_filter(model, office)).order_by()
    labelled: QuerySet[Any] = rows.annotate(kind=Value(kind, output_field=models.CharField()))
    return labelled.values(
        "kind", "id", "history_id", "history_date", "history_type", "history_user_id"
    )


def _historical(model: type[models.Model]) -> Any:
    """The model's history table. Every model of KINDS has ``history`` (django-simple-history,
    which ships no types), so mypy knows neither the attribute nor the table's model."""
    return model.history.model  # type: ignore[attr-defined]


def _office_filter(model: type[models.Model], office: Office) -> dict[str, Any]:
    return {"id": office.pk} if model is Office else {"office_id": office.pk}


def describe(rows: list[dict[str, Any]]) -> dict[int, str]:
    """Which row each history line is about (a member's name, a file's name...), by
    ``history_id`` of the kind, for the lines of one page (one query per kind)."""
    found: dict[tuple[str, int], str] = {}
    for kind, (model, _label) in KINDS.items():
        ids = [r["history_id"] for r in rows if r["kind"] == kind]
        if not ids:
            continue
        historical = _historical(model)
        for record in historical.objects.filter(history_id__in=ids):
            found[(kind, record.history_id)] = _name(kind, record)
    return {i: found.get((r["kind"], r["history_id"]), "") for i, r in enumerate(rows)}


def _name(kind: str, record: Any) -> str:
    if kind == "office":
        return str(record.name)
    if kind in ("membership", "partner-link"):
        return usernames({record.user_id}).get(record.user_id, "")
    if kind == "draft":
        return usernames({record.respondent_id}).get(record.respondent_id, "")
    if kind == "answers":
        return str(record.file_name)
    return ""


def object_history(office: Office, kind: str, pk: int) -> list[Any]:
    """Every historical copy of one row of the office, newest first (empty: not its own)."""
    model, _label = KINDS[kind]
    historical = _historical(model)
    if model is Office and pk != office.pk:
        return []
    rows = historical.objects.filter(id=pk, **_office_filter(model, office))
    return list(rows.select_related("history_user").order_by("-history_date", "-history_id"))


def usernames(ids: set[int]) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: user.get_username() for user in users}


@dataclass(frozen=True)
class FieldChange:
    """One field (or one question of an answers field) before and after."""

    label: str
    before: str
    after: str


def differences(record: Any, previous: Any | None) -> list[FieldChange]:
    """What this copy changed compared with the one before (or what it set, if first)."""
    found: list[FieldChange] = []
    for field in record.instance_type._meta.concrete_fields:
        name = field.attname
        if field.name in _HIDDEN:
            continue
        old = getattr(previous, name) if previous is not None else None
        new = getattr(record, name)
        if old == new:
            continue
        found.extend(_field_changes(record.instance_type, field, old, new))
    return found


def _field_changes(model: type[models.Model], field: Any, old: Any, new: Any) -> list[FieldChange]:
    if model is QuestionnaireDraft and field.name == "answers":
        return answer_changes(old or {}, new or {})
    if model is AnswersDocument and field.name == "text":
        before, after = _file_answers(old), _file_answers(new)
        if before is not None and after is not None:
            return answer_changes(before, after)
        return [FieldChange(_("text of the answers file"), _("(earlier text)"), _("(new text)"))]
    if model is AssessmentResult and field.name == "document":
        return level_changes(old or {}, new or {})
    label = str(FIELD_LABELS.get(field.name, field.verbose_name))
    return [FieldChange(label, _value(field, old), _value(field, new))]


def _value(field: Any, value: Any) -> str:
    """A field's value for a reader: a role by its name, a user by theirs, empty as a dash."""
    if value is None or value == "":
        return "–"
    if field.name == "role":
        return str(Role(value).label) if value in Role.values else str(value)
    if field.name == "status" and value in AnswersStatus.values:
        return str(AnswersStatus(value).label)
    if field.is_relation:
        return usernames({int(value)}).get(int(value), "–")
    if isinstance(value, dict | list):
        return _("(a document)")
    return str(value)


def _file_answers(text: Any) -> dict[str, Any] | None:
    """The ``answers`` mapping of an answers file's text, or None if it cannot be read."""
    if not isinstance(text, str):
        return {} if text is None else None
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    if not isinstance(loaded, dict):
        return None
    answers = loaded.get("answers", {})
    return answers if isinstance(answers, dict) else None


def answer_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """Each question whose answer differs: its text, the old answer and the new one."""
    questions = {q.id: q for q in questionnaire().questions}
    changed = [qid for qid in questions if before.get(qid) != after.get(qid)]
    return [
        FieldChange(
            _question_label(questions[qid]),
            _answer(questions[qid], before, qid),
            _answer(questions[qid], after, qid),
        )
        for qid in changed
    ]


def _question_label(question: Question) -> str:
    from ovpkit.i18n import _ as core_

    return f"{question.id}: {core_(question.text)}"


def _answer(question: Question, answers: dict[str, Any], qid: str) -> str:
    if qid not in answers:
        return _("(no answer)")
    return answer_words(question, answers[qid])


def level_changes(before: dict[str, Any], after: dict[str, Any]) -> list[FieldChange]:
    """An assessment's level per criterion, where it differs."""
    old = {c["criterion"]: c.get("level") for c in before.get("criteria", [])}
    new = {c["criterion"]: c.get("level") for c in after.get("criteria", [])}
    return [
        FieldChange(
            _("level, criterion {number}").format(number=number),
            "–" if old.get(number) is None else str(old[number]),
            "–" if new.get(number) is None else str(new[number]),
        )
        for number in sorted(set(old) | set(new))
        if old.get(number) != new.get(number)
    ]
