"""What the questionnaire pages show: the core's questions, in the reader's language.

Question texts, help, choice labels and section titles are the core's gettext ids, so
they are translated with the core's catalogs (``core_``); the report's quotes stay in
English. Each question carries the respondent's stored answer as the form shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ovpkit.assessment.display import STATUS_LABELS
from ovpkit.assessment.questionnaire import (
    STATUS_VALUES,
    Question,
    Questionnaire,
    QuestionType,
    Section,
    load_questionnaire,
)
from ovpkit.i18n import _ as core_
from ovpkit.knowledge.sections import SECTION_TITLES
from ovpkit_web.answer_input import Shown, is_link, shown
from ovpkit_web.models import QuestionnaireDraft


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    checked: bool


@dataclass(frozen=True)
class QuestionField:
    """One question on the page, with what the respondent has answered so far."""

    id: str
    kind: str
    text: str
    help: str
    unit: str
    options: tuple[Option, ...]
    answer: Shown
    links: tuple[str, ...]
    source: str
    quote: str
    error: str = ""


@dataclass(frozen=True)
class SectionLink:
    id: str
    title: str
    answered: int
    total: int


def questionnaire() -> Questionnaire:
    return load_questionnaire()


def section(section_id: str) -> Section:
    """The section with that id (KeyError for an address that is not one)."""
    for candidate in questionnaire().sections:
        if candidate.id == section_id:
            return candidate
    raise KeyError(section_id)


def section_title(item: Section) -> str:
    title = core_(item.title)
    if item.criterion is None:
        return title
    return core_("Criterion {number}: {title}").format(number=item.criterion, title=title)


def section_links(draft: QuestionnaireDraft) -> tuple[SectionLink, ...]:
    """Every section with how many of its questions the draft answers."""
    return tuple(
        SectionLink(
            id=s.id,
            title=section_title(s),
            answered=sum(1 for q in s.questions if q.id in draft.answers),
            total=len(s.questions),
        )
        for s in questionnaire().sections
    )


def neighbours(section_id: str) -> tuple[str | None, str | None]:
    """The sections before and after, for the page's previous/next links."""
    ids = [s.id for s in questionnaire().sections]
    i = ids.index(section_id)
    return (ids[i - 1] if i > 0 else None, ids[i + 1] if i + 1 < len(ids) else None)


def fields(item: Section, answers: dict[str, Any], errors: dict[str, str]) -> list[QuestionField]:
    return [_field(q, answers.get(q.id), errors.get(q.id, "")) for q in item.questions]


def _field(question: Question, raw: Any, error: str) -> QuestionField:
    answer = shown(question, raw)
    links = tuple(line for line in answer.evidence.splitlines() if is_link(line))
    return QuestionField(
        id=question.id,
        kind=question.type.value,
        text=core_(question.text),
        help=core_(question.help) if question.help else "",
        unit=core_(question.unit) if question.unit else "",
        options=_options(question, answer.values),
        answer=answer,
        links=links,
        source=SECTION_TITLES[question.citation.section],
        quote=question.quote,
        error=error,
    )


def _options(question: Question, values: tuple[str, ...]) -> tuple[Option, ...]:
    if question.type is QuestionType.STATUS:
        pairs = [(v, core_(STATUS_LABELS[v])) for v in STATUS_VALUES]
    elif question.type in (QuestionType.CHOICE, QuestionType.CHOICES):
        pairs = [(c.value, core_(c.label)) for c in question.choices]
    else:
        return ()
    return tuple(Option(value, label, value in values) for value, label in pairs)


def fields_text(question: Question) -> str:
    """The question's wording in the reader's language."""
    return core_(question.text)


@dataclass(frozen=True)
class ComparedRow:
    question: str
    text: str
    answers: tuple[str, ...]
    differ: bool


def comparison(
    office_drafts: list[QuestionnaireDraft],
) -> tuple[list[ComparedRow], list[str]]:
    """Each question someone answered, with every respondent's answer; differences first."""
    rows = []
    for question in questionnaire().questions:
        raws = [d.answers.get(question.id) for d in office_drafts]
        if all(raw is None for raw in raws):
            continue
        words = tuple(_words(question, raw) for raw in raws)
        known = {w for w, raw in zip(words, raws, strict=True) if _known(raw)}
        rows.append(ComparedRow(question.id, core_(question.text), words, len(known) > 1))
    rows.sort(key=lambda row: not row.differ)  # stable: questionnaire order within each
    return rows, [d.respondent.get_username() for d in office_drafts]


def answer_words(question: Question, raw: Any) -> str:
    """An answer as a reader reads it (for the change history's "old -> new")."""
    return _words(question, raw)


def _known(raw: Any) -> bool:
    value = raw.get("value") if isinstance(raw, dict) else raw
    return value is not None and value != "unknown"


def _words(question: Question, raw: Any) -> str:
    """An answer as a reader reads it: labels for codes, numbers in the reader's format."""
    if not _known(raw):
        return core_(STATUS_LABELS["unknown"])
    values = shown(question, raw).values
    labels = {option.value: option.label for option in _options(question, values)}
    return ", ".join(labels.get(value, value) for value in values)
