"""Budget sustainability figures, checked against hand computations."""

from __future__ import annotations

import pytest

from ovpkit.monitoring import budget_sustainability, herfindahl
from ovpkit.monitoring.budget import Concentration, Trend
from ovpkit.monitoring.records import BudgetLine, FundingKind


def line(year: int, source: str, amount: float, **extra: object) -> BudgetLine:
    return BudgetLine.model_validate({"year": year, "source": source, "amount": amount, **extra})


def test_herfindahl_of_known_shares() -> None:
    assert herfindahl([50, 30, 20]) == pytest.approx(0.25 + 0.09 + 0.04)
    assert herfindahl([7]) == 1.0
    assert herfindahl([]) == 0.0


def test_budget_shares_sum_lines_of_one_source() -> None:
    lines = [
        line(2023, "municipal", 40),
        line(2023, "municipal", 20, kind="project"),
        line(2023, "international_donor", 40, kind="project", legal_safeguard=False),
    ]
    year = budget_sustainability(lines, "USD").years[0]
    assert year.total == 100
    assert year.shares == (("municipal", 0.6), ("international_donor", 0.4))
    assert year.core_share == pytest.approx(0.4)
    assert year.effective_sources == pytest.approx(1 / 0.52)


def test_budget_growth_and_drop_over_years() -> None:
    lines = [
        line(2020, "municipal", 100),
        line(2021, "municipal", 80),
        line(2022, "municipal", 121),
    ]
    result = budget_sustainability(lines, "USD")
    assert result.annual_growth == pytest.approx(0.10)
    assert result.trend is Trend.GROWING
    assert result.largest_drop == pytest.approx(-0.2)
    assert result.change_last_year == pytest.approx(121 / 80 - 1)
    assert result.concentration is Concentration.HIGH


def test_budget_legal_safeguard_only_counts_the_latest_year() -> None:
    old = [line(2021, "voter_approved_tax", 10, legal_safeguard=True), line(2022, "municipal", 10)]
    new = [*old, line(2022, "voter_approved_tax", 30, legal_safeguard=True, multi_year=True)]
    assert budget_sustainability(old, "USD").legal_safeguard is False
    latest = budget_sustainability(new, "USD")
    assert latest.legal_safeguard is True
    assert latest.years[-1].safeguarded_share == pytest.approx(0.75)
    assert latest.years[-1].multi_year_share == pytest.approx(0.75)


def test_budget_three_equal_sources_are_diversified() -> None:
    lines = [line(2023, s, 10) for s in ("municipal", "regional", "national")]
    result = budget_sustainability(lines, "CAD")
    assert result.concentration is Concentration.DIVERSIFIED
    assert result.trend is Trend.UNKNOWN
    assert result.years[0].sources_count == 3


def test_budget_empty_is_unknown() -> None:
    result = budget_sustainability([], "USD")
    assert result.latest is None
    assert result.concentration is Concentration.UNKNOWN
    assert FundingKind.CORE.value == "core"
