"""Cross-checks between collections: unique ids and references that resolve."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ovpkit.errors import KnowledgeError
from ovpkit.i18n import _
from ovpkit.knowledge.base import KnowledgeBase


def check_references(base: KnowledgeBase) -> None:
    """Raise :class:`KnowledgeError` on the first duplicate id or dangling reference."""
    offices = {office.slug for office in base.offices}
    _unique("offices", (o.slug for o in base.offices))
    _unique("facts", (f.id for f in base.facts))
    _unique("practices", (p.id for p in base.practices))
    _unique("tradeoffs", (t.id for t in base.tradeoffs))
    _unique("criteria", (str(c.id) for c in base.criteria))
    framework_ids = {
        *(m.id.value for m in base.office_models),
        *(s.id for s in base.staffing_models),
        *(f.id.value for f in base.funding_sources),
    }
    for fact in base.facts:
        _known("facts", fact.id, "offices", fact.offices, offices)
    for practice in base.practices:
        if practice.office is not None:
            _known("practices", practice.id, "office", (practice.office,), offices)
    for chart in base.charts:
        _known("charts", chart.title, "office", (chart.office,), offices)
    for tradeoff in base.tradeoffs:
        _known("tradeoffs", tradeoff.id, "concerns", tradeoff.concerns, framework_ids)
    for model in base.office_models:
        _known("office_models", model.id.value, "examples", model.examples, offices)
    for staffing in base.staffing_models:
        _known("staffing_models", staffing.id, "examples", staffing.examples, offices)
    for funding in base.funding_sources:
        _known("funding_sources", funding.id.value, "examples", funding.examples, offices)


def _unique(collection: str, keys: Iterable[str]) -> None:
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    if duplicates:
        raise KnowledgeError(
            _("ids must be unique, but these appear more than once: {ids}").format(
                ids=", ".join(duplicates)
            ),
            record=collection,
            field="id",
        )


def _known(collection: str, record: str, field: str, refs: Iterable[str], known: set[str]) -> None:
    missing = [ref for ref in refs if ref not in known]
    if missing:
        raise KnowledgeError(
            _("refers to unknown id(s): {ids}").format(ids=", ".join(missing)),
            record=f"{collection} '{record}'",
            field=field,
            hint=_("add the missing record or correct the id"),
        )
