"""How an assessment reads to a person, in the current language: title and answers.

The HTML/PDF report and the terminal both call these, so an office, a number or a
choice reads the same everywhere. Results keep English msgids and raw values; the
words and number formats are chosen here, when a page or a table is made.
"""

from __future__ import annotations

from ovpkit import formats
from ovpkit.assessment.answers import Answer, BudgetLine
from ovpkit.assessment.questionnaire import Question, load_questionnaire
from ovpkit.assessment.results import Assessment
from ovpkit.i18n import N_, _
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base
from ovpkit.knowledge.models import FUNDING_SOURCE_LABELS, FundingSourceId
from ovpkit.knowledge.naming import office_label, offices_title

#: A status answer's words (the answers file's codes) as a reader sees them.
STATUS_LABELS = {
    "yes": N_("yes"),
    "partly": N_("partly"),
    "no": N_("no"),
    "unknown": N_("unknown"),
}


def assessment_title(assessment: Assessment, kb: KnowledgeBase | None = None) -> str:
    """The assessed office(s) as the knowledge base names them, else as the file does.

    An office of the report is named in the reader's language (its own Spanish or
    Portuguese name, a translated description, its status); any other office keeps the
    name its answers file gives.
    """
    kb = kb or load_knowledge_base()
    known = {o.slug: o for o in kb.offices}
    offices = [known[s] for s in assessment.office_slugs if s in known]
    return offices_title(offices) if offices else assessment.office


def peer_office(slug: str | None, fallback: str | None, kb: KnowledgeBase | None = None) -> str:
    """A peer office's name with its city, in the reader's language."""
    kb = kb or load_knowledge_base()
    known = {o.slug: o for o in kb.offices}
    if slug is not None and slug in known:
        return office_label(known[slug])
    return fallback or ""


def answer_text(question_id: str, answer: Answer) -> str:
    """An answer as a person reads it: choice labels, translated words, local numbers."""
    question = load_questionnaire().question(question_id)
    value = answer.value
    if value is None:
        return _(STATUS_LABELS["unknown"])
    if isinstance(value, float):
        return formats.year(value) if question.unit == "year" else formats.number(value)
    if isinstance(value, tuple):
        return "; ".join(_item(question, v) for v in value)
    return _item(question, value)


def shown_value(question_id: str, value: str) -> str:
    """An answer already written as text (a disagreement's values): its label if a code."""
    return _item(load_questionnaire().question(question_id), value)


def _item(question: Question, value: str | BudgetLine) -> str:
    if isinstance(value, BudgetLine):
        amount = formats.money(value.amount, value.currency)
        return f"{formats.year(value.year)} {_funding_label(value.source)}: {amount}"
    labels = {c.value: c.label for c in question.choices}
    if value in labels:
        return _(labels[value])
    if value in STATUS_LABELS:
        return _(STATUS_LABELS[value])
    return value


def _funding_label(source: str) -> str:
    """A budget line's source: its translated label when it is a funding-source code."""
    try:
        return _(FUNDING_SOURCE_LABELS[FundingSourceId(source)])
    except ValueError:
        return source
