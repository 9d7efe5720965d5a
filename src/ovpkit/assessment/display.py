"""How an assessment reads to a person, in the current language: title and answers.

The HTML/PDF report and the terminal both call these, so an office, a number or a
choice reads the same everywhere. Results keep English msgids and raw values; the
words and number formats are chosen here, when a page or a table is made.
"""

from __future__ import annotations

from ovpkit import formats
from ovpkit.assessment.answers import Answer, BudgetLine
from ovpkit.assessment.questionnaire import Question, QuestionType, load_questionnaire
from ovpkit.assessment.results import Assessment, FactChange, Risk
from ovpkit.i18n import N_, _
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base
from ovpkit.knowledge.models import FUNDING_SOURCE_LABELS, FundingSourceId, Office
from ovpkit.knowledge.naming import office_label, office_name_language, offices_title

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
    return offices_display(assessment.office, assessment.office_slugs, kb=kb)


def offices_display(office: str, slugs: tuple[str, ...], *, kb: KnowledgeBase | None = None) -> str:
    """The name of ``slugs``' offices in the knowledge base, else the file's ``office``."""
    offices = _known_offices(slugs, kb)
    return offices_title(offices) if offices else office


def title_language(assessment: Assessment, kb: KnowledgeBase | None = None) -> str | None:
    """The language of :func:`assessment_title` when it is not the reader's, else None."""
    return offices_language(assessment.office_slugs, assessment.language, kb=kb)


def offices_language(
    slugs: tuple[str, ...], file_language: str | None, *, kb: KnowledgeBase | None = None
) -> str | None:
    """The language of :func:`offices_display`'s name when it is not the reader's.

    The report's offices: the language of their own names when they all share one; an
    office the report does not know: the language of its answers file.
    """
    offices = _known_offices(slugs, kb)
    if not offices:
        return file_language
    languages = {office_name_language(o) for o in offices}
    return languages.pop() if len(languages) == 1 else None


def _known_offices(slugs: tuple[str, ...], kb: KnowledgeBase | None) -> list[Office]:
    known = {o.slug: o for o in (kb or load_knowledge_base()).offices}
    return [known[s] for s in slugs if s in known]


def peer_office_language(slug: str | None, kb: KnowledgeBase | None = None) -> str | None:
    """The language of :func:`peer_office`'s name when it is an own name in another one."""
    kb = kb or load_knowledge_base()
    known = {o.slug: o for o in kb.offices}
    return office_name_language(known[slug]) if slug in known else None


def own_words(question_id: str) -> bool:
    """True when an answer is the respondent's own text (shown as written, not translated)."""
    return load_questionnaire().question(question_id).type is QuestionType.TEXT


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
        return number_text(value, question.unit)
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


def number_text(value: float, unit: str | None, currency: str | None = None) -> str:
    """A number in the reader's format: a year, a percentage, money or a plain number."""
    if currency:
        return formats.money(value, currency)
    if unit == "year":
        return formats.year(value)
    if unit == "percent":
        return formats.percent(value / 100)
    return formats.number(value)


def risk_finding(risk: Risk) -> str:
    """Why a risk is flagged, with its figures in the reader's format."""
    figures = {name: number_text(value, kind) for name, kind, value in risk.figures}
    return _(risk.finding).format(**figures)


def fact_change_text(change: FactChange) -> str:
    """ "12 → 20 (+67 %)": a number that changed between two assessments."""
    before = number_text(change.before, change.unit, change.currency)
    after = number_text(change.after, change.unit, change.currency)
    if change.relative is None or change.unit == "year":
        return f"{before} → {after}"
    return f"{before} → {after} ({formats.signed_percent(change.relative)})"
