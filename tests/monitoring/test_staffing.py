"""Staffing summary and the 15% data-and-evaluation guide of endnote 23."""

from __future__ import annotations

import pytest

from ovpkit.monitoring import staffing_summary
from ovpkit.monitoring.records import StaffPosition


def position(**fields: object) -> StaffPosition:
    base: dict[str, object] = {
        "role": "r",
        "fte": 1,
        "contract": "permanent",
        "function": "management",
    }
    return StaffPosition.model_validate({**base, **fields})


def test_staffing_share_from_costs_meets_the_guide() -> None:
    staff = [
        position(function="data_evaluation", annual_cost=30, contract="fixed_term"),
        position(function="program_delivery", annual_cost=170, fte=4, contract="short_term"),
    ]
    summary = staffing_summary(staff)
    assert summary.data_evaluation_basis == "cost"
    assert summary.data_evaluation_share == pytest.approx(0.15)
    assert summary.meets_guide is True
    assert summary.fte == 5
    assert summary.stable_contract_share == pytest.approx(0.2)


def test_staffing_share_falls_back_to_fte_when_a_cost_is_missing() -> None:
    staff = [
        position(function="data_evaluation", annual_cost=30),
        position(fte=3, data_evaluation_fraction=0.5),
    ]
    summary = staffing_summary(staff)
    assert summary.data_evaluation_basis == "fte"
    assert summary.data_evaluation_share == pytest.approx((1 + 1.5) / 4)
    assert summary.total_cost is None


def test_staffing_part_time_analyst_below_the_guide() -> None:
    staff = [position(annual_cost=100, data_evaluation_fraction=0.1)]
    summary = staffing_summary(staff)
    assert summary.data_evaluation_share == pytest.approx(0.1)
    assert summary.meets_guide is False


def test_staffing_backgrounds_counted_once_per_position() -> None:
    staff = [
        position(backgrounds=["social_work", "social_work", "psychology"]),
        position(backgrounds=["social_work"]),
    ]
    assert staffing_summary(staff).backgrounds == (("social_work", 2), ("psychology", 1))


def test_staffing_empty_has_no_share() -> None:
    summary = staffing_summary([])
    assert summary.data_evaluation_share is None
    assert summary.meets_guide is None
