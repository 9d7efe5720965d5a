"""Everything the monitoring records say about the office, computed once.

:func:`summarise` turns validated records into one immutable
:class:`MonitoringSummary`; the command line, the HTML page and
:func:`~ovpkit.monitoring.evidence.monitoring_evidence` all read it and compute
nothing themselves.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ovpkit.monitoring.budget import BudgetSustainability, budget_sustainability
from ovpkit.monitoring.coverage import CoverageResult, coverage_audit
from ovpkit.monitoring.loading import MonitoringRecords
from ovpkit.monitoring.programs import START_UP_REVIEW_DAYS, ProgramPortfolio, program_portfolio
from ovpkit.monitoring.staffing import DATA_EVALUATION_GUIDE, StaffingSummary, staffing_summary
from ovpkit.monitoring.trajectory import IndicatorStatus, indicator_status


@dataclass(frozen=True)
class MonitoringSummary:
    office: str
    currency: str
    as_of: dt.date
    illustrative: bool
    disclosure_threshold: int
    indicators: tuple[IndicatorStatus, ...]
    programs: ProgramPortfolio
    budget: BudgetSustainability
    staffing: StaffingSummary
    coverage: tuple[CoverageResult, ...]
    language: str | None = None  # the language of the office's own words in the records


def summarise(records: MonitoringRecords, *, as_of: dt.date | None = None) -> MonitoringSummary:
    """Compute every monitoring figure; ``as_of`` overrides the file's date (default today)."""
    header = records.header
    when = as_of or header.as_of or dt.date.today()
    catalogue = records.catalogue
    guide = catalogue.guides.get("data_evaluation_staffing_share")
    review = catalogue.guides.get("start_up_review_days")
    return MonitoringSummary(
        office=header.office,
        currency=header.currency,
        as_of=when,
        illustrative=header.illustrative,
        disclosure_threshold=header.disclosure_threshold,
        indicators=tuple(
            indicator_status(r, catalogue, language=header.language) for r in records.indicators
        ),
        programs=program_portfolio(
            records.programs,
            records.partners,
            as_of=when,
            review_days=int(review.value) if review else START_UP_REVIEW_DAYS,
        ),
        budget=budget_sustainability(records.budget, header.currency),
        staffing=staffing_summary(
            records.staff, guide=guide.value if guide else DATA_EVALUATION_GUIDE
        ),
        coverage=tuple(coverage_audit(audit) for audit in records.coverage),
        language=header.language,
    )
