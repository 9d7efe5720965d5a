"""Cost defaults are the report's words; intervals are carried through."""

from __future__ import annotations

import re

import pytest

from ovpkit.evaluation import DEFAULTS, Interval, cost_of_violence
from ovpkit.knowledge import ReportText


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\$", "$"))


@pytest.mark.parametrize("figure", DEFAULTS, ids=lambda f: f.id)
def test_cost_default_quote_is_verbatim_in_its_section(report_raw: str, figure: object) -> None:
    source = figure.source  # type: ignore[attr-defined]
    report = ReportText.from_text(report_raw)

    assert _flat(source.quote) in _flat(report_raw)
    assert report.find(source.quote, source.citation.section, source.citation.endnote) is None


def test_cost_default_numbers_appear_in_their_quotes() -> None:
    us, uk, reach = DEFAULTS

    assert "$1.5 million" in us.source.quote and "$3 million" in us.source.quote
    assert (us.low, us.high) == (1.5e6, 3e6)
    assert "3,217,740" in uk.source.quote and uk.low == 3_217_740
    assert "$3.30" in reach.source.quote and reach.low == pytest.approx(3.30)


def test_cost_interval_combines_effect_and_cost_ranges() -> None:
    result = cost_of_violence(Interval(10, 4, 16), programme_cost=5e6)

    assert result.costs_avoided.low == pytest.approx(4 * 1.5e6)
    assert result.costs_avoided.high == pytest.approx(16 * 3e6)
    assert result.costs_avoided.estimate == pytest.approx(10 * 2.25e6)
    assert result.return_per_unit is not None
    assert result.return_per_unit.high == pytest.approx(16 * 3e6 / 5e6)
    assert "endnote 14" in result.basis


def test_cost_given_per_incident_overrides_default() -> None:
    result = cost_of_violence(Interval(2, 1, 3), per_incident=100.0, currency="GBP")

    assert (result.costs_avoided.low, result.costs_avoided.high) == (100.0, 300.0)
    assert result.currency == "GBP"
