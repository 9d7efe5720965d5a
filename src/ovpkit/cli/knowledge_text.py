"""Words the knowledge commands print, in the current language.

Labels for enumerations (fact kinds, office status) and the knowledge base's own names
for office models, police jurisdictions and funding sources; search hits shown with
their record's translated texts. Quotes and section titles stay English: they point
into the English report.
"""

from __future__ import annotations

from ovpkit import formats
from ovpkit.i18n import _
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import (
    FUNDING_SOURCE_LABELS,
    OFFICE_MODEL_LABELS,
    OFFICE_STATUS_LABELS,
    POLICE_JURISDICTION_LABELS,
    UNIT_LABELS,
    YES_NO_LABELS,
    Citation,
    Fact,
    FactKind,
    Office,
    OfficeStatus,
)
from ovpkit.knowledge.naming import office_label
from ovpkit.knowledge.search import SearchHit
from ovpkit.knowledge.translated import source_label, translated


def citation_label(citation: Citation) -> str:
    """Section title and endnote, in the current language (the quote stays English)."""
    return source_label(citation.title, citation.endnote)


def kind_label(kind: FactKind) -> str:
    labels = {
        FactKind.BUDGET: _("Budget"),
        FactKind.STAFF: _("Staff"),
        FactKind.PARTNERS: _("Partners"),
        FactKind.GOAL: _("Goals"),
        FactKind.PROGRAM: _("Programs"),
        FactKind.RESULT: _("Results"),
        FactKind.EVALUATION: _("Evaluation"),
        FactKind.CONTEXT: _("Context"),
        FactKind.COST: _("Cost of violence"),
        FactKind.GOVERNANCE: _("Governance"),
        FactKind.FOUNDING: _("Founding"),
        FactKind.POPULATION: _("Focus population"),
        FactKind.PREVENTION: _("Prevention levels"),
        FactKind.DIAGNOSIS: _("Diagnosis"),
        FactKind.COMMUNICATION: _("Communication"),
        FactKind.GUIDE: _("Rules of thumb"),
    }
    return labels[kind]


def status_label(status: OfficeStatus) -> str:
    return _(OFFICE_STATUS_LABELS[status])


def office_details(office: Office) -> dict[str, str | None]:
    """The office's attributes as a reader sees them, None where the report is silent.

    Every code (model, police, funding, status, yes/no) shows as its translated label.
    """
    police = office.police_jurisdiction
    return {
        _("Status"): status_label(office.status),
        _("Model"): _(OFFICE_MODEL_LABELS[office.model]) if office.model else None,
        _("Civilian-led"): None
        if office.civilian_led is None
        else _(YES_NO_LABELS[office.civilian_led]),
        _("Founded"): formats.year(office.founded) if office.founded else None,
        _("Police"): _(POLICE_JURISDICTION_LABELS[police]) if police else None,
        _("Funding"): "; ".join(_(FUNDING_SOURCE_LABELS[s]) for s in office.funding_sources)
        or None,
    }


def model_name(office: Office) -> str:
    return _(OFFICE_MODEL_LABELS[office.model]) if office.model else formats.MISSING


def fact_value(fact: Fact) -> str:
    """A fact's number (or range) with its unit, in the reader's words and number format."""
    if fact.value is None:
        return ""
    value = formats.number(fact.value)
    if fact.value_high is not None:
        value = f"{value}–{formats.number(fact.value_high)}"
    label = UNIT_LABELS.get(fact.unit) if fact.unit is not None else None
    return _(label).format(value=value) if label else value


def fact_place(base: KnowledgeBase, fact: Fact) -> str:
    """Where a fact applies: the offices' names in the reader's language, or its place."""
    known = {o.slug: o for o in base.offices}
    names = [office_label(known[s]) if s in known else s for s in fact.offices]
    return "; ".join(names) or (fact.place or "")


def hit_texts(base: KnowledgeBase, hit: SearchHit) -> tuple[str, str]:
    """The hit's title and text in the current language (as found, if not translatable)."""
    try:
        return _hit_texts(base, hit)
    except (KeyError, IndexError, StopIteration, ValueError):
        return hit.title, hit.text


def _hit_texts(base: KnowledgeBase, hit: SearchHit) -> tuple[str, str]:
    kind, key = hit.kind, hit.key
    if kind == "criterion":
        c = translated(base.criterion(int(key)))
        return c.name, f"{c.definition} {c.rationale}"
    if kind in ("finding", "takeaway"):
        number, item = (int(part) for part in key.split("."))
        c = translated(base.criterion(number))
        items = c.findings if kind == "finding" else c.key_takeaways
        return c.name, items[item - 1].text
    if kind == "practice":
        p = translated(next(p for p in base.practices if p.id == key))
        return p.title, p.summary
    if kind == "tradeoff":
        t = translated(next(t for t in base.tradeoffs if t.id == key))
        return t.topic, f"+ {t.gain} − {t.cost}"
    if kind == "fact":
        f = translated(next(f for f in base.facts if f.id == key))
        return kind_label(f.kind), f.statement
    if kind == "key notion":
        n = translated(next(n for n in base.key_notions if n.id == key))
        return n.title, n.summary
    if kind == "office model":
        m = translated(next(m for m in base.office_models if m.id.value == key))
        return m.name, " ".join((m.description, *m.strengths, *m.risks))
    if kind == "prevention level":
        level = translated(next(v for v in base.prevention_levels if v.id.value == key))
        return level.name, level.definition
    return hit.title, hit.text


def kind_word(kind: str) -> str:
    """The search hit's kind (criterion, practice...) in the current language."""
    words = {
        "criterion": _("criterion"),
        "finding": _("finding"),
        "takeaway": _("takeaway"),
        "practice": _("practice"),
        "tradeoff": _("tradeoff"),
        "fact": _("fact"),
        "office": _("office"),
        "key notion": _("key notion"),
        "office model": _("office model"),
        "prevention level": _("prevention level"),
    }
    return words.get(kind, kind)
