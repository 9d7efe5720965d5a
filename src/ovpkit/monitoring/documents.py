"""Results as JSON-ready documents, with small counts suppressed.

The command line's ``--json``, the HTML page and the web layer all publish these
documents, so suppression happens here, once. Nothing is recomputed: each function
only reads an immutable result.
"""

from __future__ import annotations

from typing import Any

from ovpkit.disclosure import masked, shown
from ovpkit.i18n import N_, _
from ovpkit.monitoring.catalogue import Catalogue
from ovpkit.monitoring.coverage import CoverageResult, DimensionCoverage
from ovpkit.monitoring.evidence import monitoring_evidence
from ovpkit.monitoring.reconciliation import Cell, Reconciliation
from ovpkit.monitoring.summary import MonitoringSummary
from ovpkit.monitoring.survey import AreaProportion, SurveyEstimate
from ovpkit.monitoring.trajectory import IndicatorStatus

Document = dict[str, Any]
COUNT_UNITS = frozenset({"count", "people"})


#: Where a sheet comes from, as readers see it.
ORIGIN_LABELS: dict[str, str] = {
    "ovpkit": N_("shipped with ovpkit"),
    "office": N_("the office's own sheet"),
}


def catalogue_document(catalogue: Catalogue) -> list[Document]:
    """The sheets, the shipped ones in the current language; an office's own as written.

    ``language`` is the language an office's own sheet is written in, when its file says.
    """
    return [_sheet(catalogue, sheet_id) for sheet_id in catalogue.sheets]


def _sheet(catalogue: Catalogue, sheet_id: str) -> Document:
    own = catalogue.is_own(sheet_id)
    document: Document = catalogue.shown_sheet(sheet_id).model_dump(mode="json", exclude_none=True)
    document["origin"] = "office" if own else "ovpkit"
    if own and catalogue.office_languages.get(sheet_id):
        document["language"] = catalogue.office_languages[sheet_id]
    return document


def summary_document(summary: MonitoringSummary) -> Document:
    threshold = summary.disclosure_threshold
    return {
        "office": summary.office,
        "illustrative": summary.illustrative,
        "as_of": summary.as_of.isoformat(),
        "currency": summary.currency,
        "disclosure_threshold": threshold,
        "indicators": [_indicator(s, threshold) for s in summary.indicators],
        "programs": _programs(summary, threshold),
        "budget": _budget(summary),
        "staffing": _staffing(summary),
        "coverage": [_coverage(c, threshold) for c in summary.coverage],
        "evidence": monitoring_evidence(summary),
        "language": summary.language,
    }


def _indicator(status: IndicatorStatus, threshold: int) -> Document:
    def value(v: float | None) -> Any:
        return shown(v, threshold) if status.unit in COUNT_UNITS else v

    return {
        "id": status.id,
        # ovpkit's sheet names in the reader's language (like status_label); own words as written
        "name": status.name if status.own_name else _(status.name),
        "own_name": status.own_name,
        "name_language": status.name_language,
        "sheet": status.sheet,
        "unit": status.unit,
        "area": status.area,
        "status": status.status.value,
        "status_label": status.label,
        "baseline": {"year": status.baseline_year, "value": value(status.baseline_value)},
        "target": {"year": status.target_year, "value": value(status.target_value)},
        "latest": {"year": status.latest_year, "value": value(status.latest_value)},
        "expected_value": value(status.expected_value),
        "progress": status.progress,
        "change_from_baseline": status.change_from_baseline,
        "observations": [{"year": y, "value": value(v)} for y, v in status.observations],
    }


def _programs(summary: MonitoringSummary, threshold: int) -> Document:
    portfolio = summary.programs
    return {
        "by_level": dict(portfolio.by_level),
        "by_stage": dict(portfolio.by_stage),
        "partners": portfolio.partners,
        "partners_by_kind": dict(portfolio.partners_by_kind),
        "reviews_overdue": portfolio.reviews_overdue,
        "participants": shown(portfolio.participants, threshold),
        "items": [
            {
                "id": p.program,
                "name": p.name,
                "stage": p.stage,
                "prevention_level": p.prevention_level,
                "focus_population": p.focus_population,
                "partners": p.partners,
                "review_state": p.review_state.value,
                "review_due": p.review_due.isoformat() if p.review_due else None,
                "days_overdue": p.days_overdue,
                "decision": p.decision,
            }
            for p in portfolio.programs
        ],
    }


def _budget(summary: MonitoringSummary) -> Document:
    budget = summary.budget
    return {
        "currency": budget.currency,
        "trend": budget.trend.value,
        "annual_growth": budget.annual_growth,
        "change_last_year": budget.change_last_year,
        "largest_drop": budget.largest_drop,
        "concentration": budget.concentration.value,
        "legal_safeguard": budget.legal_safeguard,
        "years": [
            {
                "year": y.year,
                "total": y.total,
                "hhi": y.hhi,
                "effective_sources": y.effective_sources,
                "core_share": y.core_share,
                "safeguarded_share": y.safeguarded_share,
                "multi_year_share": y.multi_year_share,
                "sources": [
                    {"source": s, "amount": a, "share": share}
                    for (s, a), (_, share) in zip(y.amounts, y.shares, strict=True)
                ],
            }
            for y in budget.years
        ],
    }


def _staffing(summary: MonitoringSummary) -> Document:
    staff = summary.staffing
    return {
        "positions": staff.positions,
        "fte": staff.fte,
        "fte_by_contract": dict(staff.fte_by_contract),
        "fte_by_function": dict(staff.fte_by_function),
        "backgrounds": dict(staff.backgrounds),
        "stable_contract_share": staff.stable_contract_share,
        "total_cost": staff.total_cost,
        "data_evaluation_share": staff.data_evaluation_share,
        "data_evaluation_basis": staff.data_evaluation_basis,
        "guide": staff.guide,
        "meets_guide": staff.meets_guide,
    }


def _coverage(result: CoverageResult, threshold: int) -> Document:
    return {
        "id": result.id,
        "year": result.year,
        "programs": list(result.programs),
        "verdict": result.verdict.value,
        "gap": result.gap,
        "dimensions": [_dimension(d, threshold) for d in result.dimensions],
    }


def _dimension(dimension: DimensionCoverage, threshold: int) -> Document:
    return {
        "dimension": dimension.dimension,
        "verdict": dimension.verdict.value,
        "verdict_label": dimension.label,
        "gap": dimension.gap,
        "dissimilarity": dimension.dissimilarity,
        "participants": shown(dimension.participants, threshold),
        "victims": shown(dimension.victims, threshold),
        "under_reached": list(dimension.under_reached),
        "groups": [
            {
                "group": g.group,
                "participants": shown(g.participants, threshold),
                "victims": shown(g.victims, threshold),
                "participant_share": masked(
                    g.participant_share, g.participants, threshold=threshold
                ),
                "victim_share": masked(g.victim_share, g.victims, threshold=threshold),
                "representation": masked(
                    g.representation, g.participants, g.victims, threshold=threshold
                ),
                "under_reached": g.under_reached,
            }
            for g in dimension.groups
        ],
    }


def reconciliation_document(
    result: Reconciliation, *, threshold: int, limit: int | None = None
) -> Document:
    """The comparison; ``gaps`` lists the largest differences first (at most ``limit``)."""
    ordered = sorted(result.gaps, key=lambda c: (-abs(c.difference), c.period, c.area))
    gaps = ordered if limit is None else ordered[:limit]
    return {
        "source_a": result.name_a,
        "source_b": result.name_b,
        "tolerance": result.tolerance,
        "min_difference": result.min_difference,
        "disclosure_threshold": threshold,
        "total_a": shown(result.total_a, threshold),
        "total_b": shown(result.total_b, threshold),
        "periods": [
            {
                "period": p.period,
                "a": shown(p.a, threshold),
                "b": shown(p.b, threshold),
                "difference": masked(p.difference, p.a, p.b, threshold=threshold),
                "relative": masked(p.relative, p.a, p.b, threshold=threshold),
                "areas_a": p.areas_a,
                "areas_b": p.areas_b,
                "only_in_a": p.only_a,
                "only_in_b": p.only_b,
                "gaps": p.gaps,
            }
            for p in result.periods
        ],
        "periods_only_in_a": list(result.periods_only_a),
        "periods_only_in_b": list(result.periods_only_b),
        "cells": len(result.cells),
        "gap_cells": len(result.gaps),
        "gaps": [cell_document(c, threshold) for c in gaps],
    }


def cell_document(cell: Cell, threshold: int) -> Document:
    return {
        "area": cell.area,
        "period": cell.period,
        "a": shown(cell.a, threshold),
        "b": shown(cell.b, threshold),
        "difference": masked(cell.difference, cell.a, cell.b, threshold=threshold),
        "relative": masked(cell.relative, cell.a, cell.b, threshold=threshold),
        "status": cell.status.value,
    }


def survey_document(estimate: SurveyEstimate, *, threshold: int) -> Document:
    def area(result: AreaProportion) -> Document:
        return {
            "area": result.area,
            "respondents": shown(result.respondents, threshold),
            "suppressed": result.suppressed,
            "estimate": result.estimate,
            "standard_error": result.standard_error,
            "lower": result.lower,
            "upper": result.upper,
            "effective_n": result.effective_n,
            "design_effect": result.design_effect,
            "reliable": result.reliable,
        }

    return {
        "outcome": estimate.outcome,
        "method": estimate.method,
        "confidence": estimate.confidence,
        "dropped_without_answer": estimate.dropped,
        "overall": area(estimate.overall),
        "areas": [area(a) for a in estimate.areas],
    }
