"""The knowledge base's explanatory texts in the reader's language.

A record's explanatory fields (a practice's title and summary, a tradeoff's gain and
cost, a criterion's definition and findings...) are gettext message ids: the catalogs
translate them, and :func:`translated` returns a copy of a record with those fields in
the current language (``ovpkit.i18n.use_language``). Quotes, citations, ids, offices'
own names and the report's Part 4 charts are never translated (an office name that only
describes the office is: see :mod:`ovpkit.knowledge.naming`): they are the report's own
words, and a reader checks them against the English text.

:data:`TEXT_FIELDS` is the one list of translatable fields: the catalog extraction
(``ovpkit.i18n_catalogs``) and the renderers both read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from ovpkit.i18n import _
from ovpkit.knowledge.base import KnowledgeBase
from ovpkit.knowledge.models import (
    ContextDifference,
    Criterion,
    Fact,
    Finding,
    FundingSource,
    KeyNotion,
    OfficeModel,
    PoliceJurisdictionRecord,
    Practice,
    PreventionLevel,
    Record,
    SelectionFilter,
    SelectionSource,
    StaffingModel,
    Takeaway,
    Tradeoff,
)
from ovpkit.knowledge.naming import has_descriptive_name

R = TypeVar("R", bound=Record)

#: Translatable fields of each record type; tuple fields hold several texts.
TEXT_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Criterion: ("name", "chart_label", "definition", "rationale"),
    Finding: ("text",),
    Takeaway: ("text",),
    Practice: ("title", "summary"),
    Tradeoff: ("topic", "gain", "cost"),
    KeyNotion: ("title", "summary"),
    PreventionLevel: ("name", "definition"),
    OfficeModel: ("name", "description", "strengths", "risks"),
    StaffingModel: ("name", "description"),
    FundingSource: ("name", "description"),
    PoliceJurisdictionRecord: ("name", "description"),
    ContextDifference: ("topic", "united_states", "elsewhere"),
    SelectionSource: ("name", "description"),
    SelectionFilter: ("name", "description"),
    Fact: ("statement",),
}

#: Collections whose records carry translatable texts, in the catalog's order.
TRANSLATED_COLLECTIONS: tuple[str, ...] = (
    "criteria",
    "practices",
    "tradeoffs",
    "key_notions",
    "prevention_levels",
    "office_models",
    "staffing_models",
    "funding_sources",
    "police_jurisdictions",
    "context_differences",
    "selection_sources",
    "selection_filters",
    "facts",
)


def translated(record: R) -> R:
    """A copy of ``record`` with its explanatory texts in the current language."""
    update: dict[str, object] = {}
    for name in TEXT_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        update[name] = tuple(_(v) for v in value) if isinstance(value, tuple) else _(value)
    if isinstance(record, Criterion):
        update["findings"] = tuple(translated(f) for f in record.findings)
        update["key_takeaways"] = tuple(translated(t) for t in record.key_takeaways)
    return record.model_copy(update=update) if update else record


def source_label(title: str, endnote: int | None = None) -> str:
    """A report section's title, and the endnote if any, in the current language."""
    section = _(title)
    if endnote is None:
        return section
    return _("{section}, endnote {number}").format(section=section, number=endnote)


def texts(record: Record) -> Iterator[tuple[str, str]]:
    """(field path, English text) of every translatable text of ``record``.

    Tuple fields and a criterion's findings and takeaways are numbered from 1
    (``strengths:2``, ``findings:3``), so a translator sees where a text is shown.
    """
    for name in TEXT_FIELDS.get(type(record), ()):
        value = getattr(record, name)
        if isinstance(value, tuple):
            yield from ((f"{name}:{i}", text) for i, text in enumerate(value, start=1))
        else:
            yield name, value
    if isinstance(record, Criterion):
        for i, finding in enumerate(record.findings, start=1):
            yield f"findings:{i}", finding.text
        for i, takeaway in enumerate(record.key_takeaways, start=1):
            yield f"key_takeaways:{i}", takeaway.text


def knowledge_texts(
    base: KnowledgeBase, *, collections: tuple[str, ...] = TRANSLATED_COLLECTIONS
) -> Iterator[tuple[str, str]]:
    """(origin, English text) of the knowledge base, e.g. ``practices:<id>:summary``."""
    for collection in collections:
        for record in getattr(base, collection):
            key = record.id
            for path, text in texts(record):
                yield f"{collection}:{key}:{path}", text
    if collections == TRANSLATED_COLLECTIONS:
        yield from office_texts(base)


def office_texts(base: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """The offices' descriptive English names (an office's own name is never translated)."""
    for office in base.offices:
        if has_descriptive_name(office):
            yield f"offices:{office.slug}:name", office.name
