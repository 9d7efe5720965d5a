"""Monitoring: indicators against baseline and target, programs, budget, staff, coverage.

Criteria 4 to 7 and 9 of the report ask for facts most offices keep in
spreadsheets: which indicators they track and whether they are on course, what
their programs are and whom they reach, where the money comes from and how stable
it is, who works there. This package validates an office's records file once
(:func:`load_records`), computes every figure once (:func:`summarise`) and hands
the assessment a flat set of facts (:func:`monitoring_evidence`). It also checks
survey-based indicators (:func:`weighted_proportions`) and compares two sources of
the same events (:func:`reconcile`).
"""

from ovpkit.monitoring.budget import BudgetSustainability, budget_sustainability, herfindahl
from ovpkit.monitoring.catalogue import Catalogue, IndicatorSheet, load_catalogue
from ovpkit.monitoring.coverage import CoverageResult, CoverageVerdict, coverage_audit
from ovpkit.monitoring.evidence import EVIDENCE_KEYS, monitoring_evidence
from ovpkit.monitoring.loading import MonitoringRecords, load_records, parse_records
from ovpkit.monitoring.programs import ProgramPortfolio, program_portfolio
from ovpkit.monitoring.staffing import StaffingSummary, staffing_summary
from ovpkit.monitoring.summary import MonitoringSummary, summarise
from ovpkit.monitoring.trajectory import IndicatorStatus, Status, indicator_status

__all__ = [
    "EVIDENCE_KEYS",
    "BudgetSustainability",
    "Catalogue",
    "CoverageResult",
    "CoverageVerdict",
    "IndicatorSheet",
    "IndicatorStatus",
    "MonitoringRecords",
    "MonitoringSummary",
    "ProgramPortfolio",
    "StaffingSummary",
    "Status",
    "budget_sustainability",
    "coverage_audit",
    "herfindahl",
    "indicator_status",
    "load_catalogue",
    "load_records",
    "monitoring_evidence",
    "parse_records",
    "program_portfolio",
    "staffing_summary",
    "summarise",
]
