"""Monitoring facts in the flat form the assessment maps to questionnaire answers.

:func:`monitoring_evidence` returns a plain dict whose keys are listed, with their
meaning, in :data:`EVIDENCE_KEYS` (and in docs/monitoring.md; a test keeps the two
in step). Values are JSON-ready: booleans, numbers, strings, lists, small dicts, or
None when the records do not say.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

from ovpkit.monitoring.coverage import CoverageVerdict
from ovpkit.monitoring.loading import MonitoringRecords
from ovpkit.monitoring.records import PartnerKind
from ovpkit.monitoring.summary import MonitoringSummary, summarise
from ovpkit.monitoring.trajectory import Status

EvidenceValue: TypeAlias = bool | int | float | str | list[str] | list[int] | dict[str, int] | None

#: key -> what it means (criterion in brackets)
EVIDENCE_KEYS: dict[str, str] = {
    "illustrative": "the records are marked as illustrative values, not real figures",
    "indicators_count": "number of indicators tracked (9)",
    "has_baseline": "at least one indicator has a baseline (3, 9)",
    "indicators_with_baseline": "indicators with a baseline (9)",
    "indicators_with_target": "indicators with a target that can be evaluated (9)",
    "indicators_on_track": "indicators on track or with the target reached (9)",
    "indicators_off_track": "indicators behind, not improving or with a missed target (9)",
    "latest_observation_year": "most recent year with an observation (3, 9)",
    "indicator_sheets": "catalogue sheets the indicators use (3)",
    "sheets_observed": "catalogue sheets of the indicators with at least one observation (3)",
    "sheets_with_baseline": "catalogue sheets of the indicators with a baseline (3, 9)",
    "indicators_published": "indicators the records say the office publishes (9)",
    "published_against_baseline": "published indicators with a baseline or a target (9)",
    "has_perception_survey": "a perception-of-insecurity indicator is tracked (3)",
    "programs_count": "number of programs (5)",
    "programs_by_level": "programs per prevention level: primary, secondary, tertiary (5)",
    "prevention_levels_covered": "how many of the three prevention levels have a program (5)",
    "programs_by_stage": "programs per life-cycle stage: start_up, scale_up, shift_out (5)",
    "start_up_reviews_overdue": "START UP programs past their 90-day review without one (5)",
    "focus_populations": "the programs' focus populations (4)",
    "programs_with_defined_population": "programs with an age band or areas stated (4)",
    "partners_count": "number of partners (2)",
    "partners_by_kind": "partners per kind, e.g. community_based, university (2)",
    "community_partners": "community-based and faith partners (2)",
    "programs_with_partners": "programs delivered with at least one partner (2, 7)",
    "programs_with_community_partners": (
        "programs delivered with a community-based or faith partner (2)"
    ),
    "funded_community_partners": "community-based and faith partners the office funds (2)",
    "budget_years": "years with budget lines (6)",
    "budget_latest_year": "latest budget year (6)",
    "budget_latest_total": "total budget of the latest year, in the records' currency (6)",
    "budget_sources_count": "funding sources in the latest year (6)",
    "budget_sources": "funding sources of the latest year, largest first (6)",
    "largest_source": "the largest funding source in the latest year (6)",
    "largest_source_share": "its share of the latest year's budget, 0..1 (6)",
    "budget_hhi": "Herfindahl-Hirschman index of the sources, 0..1; 1 = single source (6)",
    "budget_effective_sources": "effective number of sources, 1 / HHI (6)",
    "budget_concentration": (
        "diversified (2.5 or more effective sources), moderately_concentrated "
        "or highly_concentrated (under 1.5) (6)"
    ),
    "budget_trend": "growing, stable, shrinking or unknown (6)",
    "budget_annual_growth": "compound yearly growth, first to latest year (6)",
    "budget_largest_drop": "largest year-on-year fall, e.g. -0.3 (6)",
    "core_funding_share": "share of the latest year that is core funding (6)",
    "multi_year_core_share": (
        "share of the latest year that is core funding committed for several years (6)"
    ),
    "legal_safeguard": "some latest-year funding is set by law or a voter-approved measure (6)",
    "safeguarded_share": "share of the latest year's budget so protected (6)",
    "staff_positions": "number of staff positions (7)",
    "staff_fte": "full-time equivalents (7)",
    "stable_contract_share": "FTE share on permanent or fixed-term contracts (7)",
    "staff_backgrounds": "backgrounds present among staff (7)",
    "data_evaluation_share": "data-and-evaluation share of staffing costs (or FTE), 0..1 (7, 9)",
    "data_evaluation_basis": "'cost' or 'fte': what that share is computed from (7)",
    "data_evaluation_meets_guide": "the share reaches the 15% guide of endnote 23 (7, 9)",
    "coverage_audits": "number of coverage audits (4)",
    "coverage_audit_years": "years of the coverage audits that state one (4)",
    "coverage_gap": "largest shortfall of participant shares below victim shares, 0..1 (4)",
    "coverage_verdict": "worst verdict: missing, partly_reaching, reaching or too_few_victims (4)",
    "coverage_under_reached": "under-reached groups, as 'dimension: group' (4)",
}

_ON_TRACK = {Status.ACHIEVED, Status.ON_TRACK}
_OFF_TRACK = {Status.BEHIND, Status.NOT_IMPROVING, Status.MISSED}
_SEVERITY = (
    CoverageVerdict.MISSING,
    CoverageVerdict.PARTLY,
    CoverageVerdict.REACHING,
    CoverageVerdict.TOO_FEW,
)
_COMMUNITY = {PartnerKind.COMMUNITY_BASED.value, PartnerKind.FAITH.value}


def monitoring_evidence(
    records: MonitoringRecords | MonitoringSummary, *, as_of: dt.date | None = None
) -> dict[str, EvidenceValue]:
    summary = records if isinstance(records, MonitoringSummary) else summarise(records, as_of=as_of)
    evidence = {
        "illustrative": summary.illustrative,
        **_indicators(summary),
        **_programs(summary),
        **_budget(summary),
        **_staff(summary),
        **_coverage(summary),
    }
    assert set(evidence) == set(EVIDENCE_KEYS), "EVIDENCE_KEYS and the evidence disagree"
    return evidence


def _indicators(summary: MonitoringSummary) -> dict[str, EvidenceValue]:
    statuses = summary.indicators
    years = [s.latest_year for s in statuses if s.latest_year is not None]
    published = [s for s in statuses if s.published]
    return {
        "indicators_count": len(statuses),
        "has_baseline": any(s.baseline_value is not None for s in statuses),
        "indicators_with_baseline": sum(1 for s in statuses if s.baseline_value is not None),
        "indicators_with_target": sum(1 for s in statuses if s.target_value is not None),
        "indicators_on_track": sum(1 for s in statuses if s.status in _ON_TRACK),
        "indicators_off_track": sum(1 for s in statuses if s.status in _OFF_TRACK),
        "latest_observation_year": max(years) if years else None,
        "indicator_sheets": sorted({s.sheet for s in statuses}),
        "has_perception_survey": any(s.sheet == "perception_of_insecurity" for s in statuses),
        "sheets_observed": sorted({s.sheet for s in statuses if s.observations}),
        "sheets_with_baseline": sorted({s.sheet for s in statuses if s.baseline_value is not None}),
        "indicators_published": len(published),
        "published_against_baseline": sum(
            1 for s in published if s.baseline_value is not None or s.target_value is not None
        ),
    }


def _programs(summary: MonitoringSummary) -> dict[str, EvidenceValue]:
    portfolio = summary.programs
    kinds = dict(portfolio.partners_by_kind)
    return {
        "programs_count": len(portfolio.programs),
        "programs_by_level": dict(portfolio.by_level),
        "prevention_levels_covered": portfolio.levels_covered,
        "programs_by_stage": dict(portfolio.by_stage),
        "start_up_reviews_overdue": portfolio.reviews_overdue,
        "focus_populations": sorted({p.focus_population for p in portfolio.programs}),
        "programs_with_defined_population": portfolio.programs_with_defined_population,
        "partners_count": portfolio.partners,
        "partners_by_kind": kinds,
        "community_partners": sum(n for kind, n in kinds.items() if kind in _COMMUNITY),
        "programs_with_partners": portfolio.programs_with_partners,
        "programs_with_community_partners": portfolio.programs_with_community_partners,
        "funded_community_partners": portfolio.funded_community_partners,
    }


def _budget(summary: MonitoringSummary) -> dict[str, EvidenceValue]:
    budget = summary.budget
    latest = budget.latest
    return {
        "budget_years": [y.year for y in budget.years],
        "budget_latest_year": latest.year if latest else None,
        "budget_latest_total": latest.total if latest else None,
        "budget_sources_count": latest.sources_count if latest else 0,
        "budget_sources": [source for source, amount in latest.amounts if amount > 0]
        if latest
        else [],
        "largest_source": latest.largest_source if latest and latest.total > 0 else None,
        "largest_source_share": latest.largest_share if latest and latest.total > 0 else None,
        "budget_hhi": latest.hhi if latest and latest.total > 0 else None,
        "budget_effective_sources": latest.effective_sources if latest else None,
        "budget_concentration": budget.concentration.value,
        "budget_trend": budget.trend.value,
        "budget_annual_growth": budget.annual_growth,
        "budget_largest_drop": budget.largest_drop,
        "core_funding_share": latest.core_share if latest and latest.total > 0 else None,
        "multi_year_core_share": (
            latest.multi_year_core_share if latest and latest.total > 0 else None
        ),
        "legal_safeguard": budget.legal_safeguard,
        "safeguarded_share": latest.safeguarded_share if latest and latest.total > 0 else None,
    }


def _staff(summary: MonitoringSummary) -> dict[str, EvidenceValue]:
    staff = summary.staffing
    return {
        "staff_positions": staff.positions,
        "staff_fte": staff.fte,
        "stable_contract_share": staff.stable_contract_share,
        "staff_backgrounds": [name for name, _ in staff.backgrounds],
        "data_evaluation_share": staff.data_evaluation_share,
        "data_evaluation_basis": staff.data_evaluation_basis,
        "data_evaluation_meets_guide": staff.meets_guide,
    }


def _coverage(summary: MonitoringSummary) -> dict[str, EvidenceValue]:
    audits = summary.coverage
    gaps = [a.gap for a in audits if a.gap is not None]
    found = {a.verdict for a in audits}
    worst = next((v.value for v in _SEVERITY if v in found), None)
    under = sorted(
        {
            f"{d.dimension}: {group}"
            for a in audits
            for d in a.dimensions
            for group in d.under_reached
        }
    )
    return {
        "coverage_audits": len(audits),
        "coverage_audit_years": sorted({a.year for a in audits if a.year is not None}),
        "coverage_gap": max(gaps) if gaps else None,
        "coverage_verdict": worst,
        "coverage_under_reached": under,
    }
