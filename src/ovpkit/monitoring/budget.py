"""Budget sustainability: how much, from whom, how concentrated, how stable (criterion 6).

The report reads a budget for its size, its "evolution over time", its "main
sources of finance" and whether "its financing mechanisms ensure stability beyond
political changes". The figures here answer those four: totals by year, the share
of each source and their concentration (Herfindahl–Hirschman index, the sum of
squared shares: 1 = a single source; its inverse is the effective number of sources),
the trend and the largest year-on-year fall,
the core (multiyear, unrestricted) share, and whether any funding is protected by
law or a voter-approved measure. Amounts are nominal, in the records' currency.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ovpkit.i18n import N_
from ovpkit.monitoring.records import BudgetLine, FundingKind

#: concentration bands on the effective number of sources (1 / HHI). The merger-guideline
#: bands (HHI 0.15 / 0.25) suit markets of many firms; an office with three equal sources
#: (HHI 0.33) is not "highly concentrated", one living on a single source (< 1.5) is.
EFFECTIVE_SOURCES_HIGH = 1.5
EFFECTIVE_SOURCES_MODERATE = 2.5
#: a yearly growth (compound) within ±2% counts as stable.
STABLE_GROWTH = 0.02


class Trend(StrEnum):
    GROWING = "growing"
    STABLE = "stable"
    SHRINKING = "shrinking"
    UNKNOWN = "unknown"  # fewer than two years


TREND_LABELS: dict[str, str] = {
    Trend.GROWING: N_("growing"),
    Trend.STABLE: N_("stable"),
    Trend.SHRINKING: N_("shrinking"),
    Trend.UNKNOWN: N_("not known (fewer than two years)"),
}


class Concentration(StrEnum):
    DIVERSIFIED = "diversified"
    MODERATE = "moderately_concentrated"
    HIGH = "highly_concentrated"
    UNKNOWN = "unknown"


CONCENTRATION_LABELS: dict[str, str] = {
    Concentration.DIVERSIFIED: N_("diversified"),
    Concentration.MODERATE: N_("moderately concentrated"),
    Concentration.HIGH: N_("highly concentrated"),
    Concentration.UNKNOWN: N_("not known"),
}

#: The usual funding sources (the knowledge base's funding_sources, plus private funds).
#: An office may use its own slugs; those are shown as written, underscores as spaces.
SOURCE_LABELS: dict[str, str] = {
    "municipal": N_("municipal budget"),
    "regional": N_("regional government"),
    "national": N_("national government"),
    "international_donor": N_("international donors"),
    "private": N_("private funds"),
    "philanthropy": N_("philanthropy"),
    "other": N_("other"),
}


@dataclass(frozen=True)
class YearBudget:
    year: int
    total: float
    shares: tuple[tuple[str, float], ...]  # (source, share), largest first
    amounts: tuple[tuple[str, float], ...]  # (source, amount), same order
    hhi: float
    core_share: float
    safeguarded_share: float  # protected by law, ordinance or a voter-approved measure
    multi_year_share: float
    multi_year_core_share: float  # core funding committed for several years

    @property
    def effective_sources(self) -> float | None:
        return 1.0 / self.hhi if self.hhi > 0 else None

    @property
    def sources_count(self) -> int:
        return sum(1 for _, amount in self.amounts if amount > 0)

    @property
    def largest_source(self) -> str:
        return self.shares[0][0]

    @property
    def largest_share(self) -> float:
        return self.shares[0][1]


@dataclass(frozen=True)
class BudgetSustainability:
    currency: str
    years: tuple[YearBudget, ...]
    trend: Trend
    annual_growth: float | None  # compound yearly growth, first to last year
    change_last_year: float | None  # relative change from the year before the latest
    largest_drop: float | None  # the largest year-on-year fall, e.g. -0.3 (None if none)
    concentration: Concentration
    legal_safeguard: bool  # some funding of the latest year is protected

    @property
    def latest(self) -> YearBudget | None:
        return self.years[-1] if self.years else None


def herfindahl(amounts: Iterable[float]) -> float:
    """Sum of squared shares (0..1]; 1 when one source pays everything."""
    values = [a for a in amounts if a > 0]
    total = sum(values)
    if total <= 0:
        return 0.0
    return sum((a / total) ** 2 for a in values)


def budget_sustainability(lines: Iterable[BudgetLine], currency: str) -> BudgetSustainability:
    """The sustainability figures of ``lines`` (any order; several lines per source allowed)."""
    by_year: dict[int, list[BudgetLine]] = defaultdict(list)
    for line in lines:
        by_year[line.year].append(line)
    years = tuple(_year(year, by_year[year]) for year in sorted(by_year))
    totals = [y.total for y in years]
    latest = years[-1] if years else None
    return BudgetSustainability(
        currency=currency,
        years=years,
        trend=_trend(years),
        annual_growth=_growth(years),
        change_last_year=_ratio_change(totals[-2], totals[-1]) if len(totals) > 1 else None,
        largest_drop=_largest_drop(totals),
        concentration=_concentration(latest.effective_sources if latest else None),
        legal_safeguard=bool(latest and latest.safeguarded_share > 0),
    )


def _year(year: int, lines: list[BudgetLine]) -> YearBudget:
    amounts: dict[str, float] = defaultdict(float)
    for line in lines:
        amounts[line.source] += line.amount
    total = sum(amounts.values())
    ordered = sorted(amounts.items(), key=lambda item: (-item[1], item[0]))

    def share(selected: Iterable[BudgetLine]) -> float:
        return sum(line.amount for line in selected) / total if total > 0 else 0.0

    return YearBudget(
        year=year,
        total=total,
        shares=tuple((source, amount / total if total > 0 else 0.0) for source, amount in ordered),
        amounts=tuple(ordered),
        hhi=herfindahl(amounts.values()),
        core_share=share(line for line in lines if line.kind is FundingKind.CORE),
        safeguarded_share=share(line for line in lines if line.legal_safeguard),
        multi_year_share=share(line for line in lines if line.multi_year),
        multi_year_core_share=share(
            line for line in lines if line.multi_year and line.kind is FundingKind.CORE
        ),
    )


def _ratio_change(before: float, after: float) -> float | None:
    return after / before - 1.0 if before > 0 else None


def _growth(years: tuple[YearBudget, ...]) -> float | None:
    if len(years) < 2 or years[0].total <= 0 or years[-1].total <= 0:
        return None
    span = years[-1].year - years[0].year
    return float((years[-1].total / years[0].total) ** (1.0 / span) - 1.0)


def _trend(years: tuple[YearBudget, ...]) -> Trend:
    growth = _growth(years)
    if growth is None:
        return Trend.UNKNOWN
    if growth > STABLE_GROWTH:
        return Trend.GROWING
    if growth < -STABLE_GROWTH:
        return Trend.SHRINKING
    return Trend.STABLE


def _largest_drop(totals: list[float]) -> float | None:
    changes = [_ratio_change(a, b) for a, b in zip(totals, totals[1:], strict=False)]
    drops = [c for c in changes if c is not None and c < 0]
    return min(drops) if drops else None


def _concentration(effective_sources: float | None) -> Concentration:
    if effective_sources is None:
        return Concentration.UNKNOWN
    if effective_sources < EFFECTIVE_SOURCES_HIGH:
        return Concentration.HIGH
    if effective_sources < EFFECTIVE_SOURCES_MODERATE:
        return Concentration.MODERATE
    return Concentration.DIVERSIFIED
