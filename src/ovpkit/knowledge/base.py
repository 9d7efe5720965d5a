"""The knowledge base: every collection of the report, loaded and cross-checked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import get_args, get_type_hints

from pydantic import BaseModel

from ovpkit.knowledge.models import (
    Chart,
    Citation,
    ContextDifference,
    Criterion,
    Fact,
    FundingSource,
    KeyNotion,
    Office,
    OfficeModel,
    PoliceJurisdictionRecord,
    Practice,
    PreventionLevel,
    SelectionFilter,
    SelectionSource,
    StaffingModel,
    Tradeoff,
)


@dataclass(frozen=True)
class KnowledgeBase:
    """The report as data. Built by :func:`ovpkit.knowledge.load_knowledge_base`."""

    criteria: tuple[Criterion, ...]
    practices: tuple[Practice, ...]
    tradeoffs: tuple[Tradeoff, ...]
    offices: tuple[Office, ...]
    facts: tuple[Fact, ...]
    charts: tuple[Chart, ...]
    key_notions: tuple[KeyNotion, ...]
    prevention_levels: tuple[PreventionLevel, ...]
    office_models: tuple[OfficeModel, ...]
    staffing_models: tuple[StaffingModel, ...]
    funding_sources: tuple[FundingSource, ...]
    police_jurisdictions: tuple[PoliceJurisdictionRecord, ...]
    context_differences: tuple[ContextDifference, ...]
    selection_sources: tuple[SelectionSource, ...]
    selection_filters: tuple[SelectionFilter, ...]

    def criterion(self, criterion_id: int) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def office(self, slug: str) -> Office:
        for office in self.offices:
            if office.slug == slug:
                return office
        raise KeyError(slug)

    def facts_about(
        self, *, office: str | None = None, criterion: int | None = None
    ) -> tuple[Fact, ...]:
        """Facts filtered by office slug and/or criterion (both optional)."""
        return tuple(
            fact
            for fact in self.facts
            if (office is None or office in fact.offices)
            and (criterion is None or criterion in fact.criteria)
        )

    def practices_of(
        self, *, office: str | None = None, criterion: int | None = None
    ) -> tuple[Practice, ...]:
        return tuple(
            practice
            for practice in self.practices
            if (office is None or practice.office == office)
            and (criterion is None or criterion in practice.criteria)
        )

    def tradeoffs_for(self, criterion: int) -> tuple[Tradeoff, ...]:
        return tuple(t for t in self.tradeoffs if criterion in t.criteria)

    def chart_for(self, office: str) -> Chart | None:
        return next((chart for chart in self.charts if chart.office == office), None)

    def cited_texts(self) -> Iterable[tuple[str, Citation, str]]:
        """Every (record label, citation, quote) to check against the report.

        Chart cells are included: their texts are verbatim from the chart, or carry
        the verbatim fragment in ``*_quote`` where the extracted table broke a cell.
        """
        for criterion in self.criteria:
            yield f"criterion {criterion.id}", criterion.citation, criterion.quote
            for i, item in enumerate((*criterion.findings, *criterion.key_takeaways)):
                yield f"criterion {criterion.id} item {i}", item.citation, item.quote
        for chart in self.charts:
            yield f"chart {chart.office}", chart.citation, chart.quote
            for cell in chart.cells:
                label = f"chart {chart.office} criterion {cell.criterion}"
                yield f"{label} strength", chart.citation, cell.strength_quote or cell.strength
                opportunity = cell.opportunity_quote or cell.opportunity
                yield f"{label} opportunity", chart.citation, opportunity
        for collection in (
            self.practices,
            self.tradeoffs,
            self.offices,
            self.facts,
            self.key_notions,
            self.prevention_levels,
            self.office_models,
            self.staffing_models,
            self.funding_sources,
            self.police_jurisdictions,
            self.context_differences,
            self.selection_sources,
            self.selection_filters,
        ):
            for record in collection:
                yield _label(record), record.citation, record.quote
        for office in self.offices:
            if office.local_name is not None:
                local = office.local_name
                yield f"Office {office.slug} local_name", local.citation, local.quote


def collection_models() -> dict[str, type[BaseModel]]:
    """Each collection of :class:`KnowledgeBase` and its record model, in field order."""
    hints = get_type_hints(KnowledgeBase)
    return {f.name: get_args(hints[f.name])[0] for f in fields(KnowledgeBase)}


def _label(record: object) -> str:
    kind = type(record).__name__
    key = getattr(record, "id", None) or getattr(record, "slug", None)
    return f"{kind} {key}"
