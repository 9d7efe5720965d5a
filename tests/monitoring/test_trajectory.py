"""Indicator status against a straight-line trajectory from baseline to target."""

from __future__ import annotations

import pytest

from ovpkit.monitoring import (
    IndicatorStatus,
    Status,
    indicator_status,
    load_catalogue,
    parse_records,
)
from ovpkit.monitoring.catalogue import Catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def status_of(catalogue: Catalogue, body: str) -> IndicatorStatus:
    records = parse_records(f"office: t\nindicators:\n{body}", catalogue=catalogue)
    return indicator_status(records.indicators[0], catalogue)


HALVE = """  - id: rate
    sheet: homicide_rate
    baseline: {{year: 2020, value: 40}}
    target: {{preset: pioc_halve_by_2030}}
    observations: [{{year: {year}, value: {value}}}]
"""


@pytest.mark.parametrize(
    ("year", "value", "expected"),
    [
        (2025, 29.0, Status.ON_TRACK),  # trajectory says 30 in 2025
        (2025, 30.0, Status.ON_TRACK),
        (2025, 31.0, Status.BEHIND),
        (2025, 41.0, Status.NOT_IMPROVING),
        (2025, 19.5, Status.ACHIEVED),
        (2031, 25.0, Status.MISSED),
        (2020, 25.0, Status.NO_DATA),  # nothing after the baseline year
    ],
)
def test_status_halving_preset(
    catalogue: Catalogue, year: int, value: float, expected: Status
) -> None:
    status = status_of(catalogue, HALVE.format(year=year, value=value))
    assert status.status is expected


def test_status_halving_preset_values(catalogue: Catalogue) -> None:
    status = status_of(catalogue, HALVE.format(year=2025, value=31))
    assert status.target_year == 2030
    assert status.target_value == pytest.approx(20.0)
    assert status.expected_value == pytest.approx(30.0)
    assert status.progress == pytest.approx(9 / 20)
    assert status.change_from_baseline == pytest.approx(31 / 40 - 1)
    trajectory = status.trajectory
    assert trajectory[0] == (2020, 40.0) and trajectory[-1] == (2030, 20.0)
    assert len(trajectory) == 11


def test_status_rising_target_for_participants(catalogue: Catalogue) -> None:
    body = """  - id: reach
    sheet: participants_reached
    baseline: {year: 2022, value: 100}
    target: {year: 2026, value: 300}
    observations: [{year: 2024, value: 190}, {year: 2023, value: 120}]
"""
    status = status_of(catalogue, body)
    assert status.latest_year == 2024
    assert status.progress == pytest.approx(0.45)
    assert status.status is Status.BEHIND


def test_status_without_baseline_or_target(catalogue: Catalogue) -> None:
    no_baseline = "  - {id: a, sheet: homicide_rate, observations: [{year: 2023, value: 5}]}\n"
    no_target = (
        "  - {id: a, sheet: homicide_rate, baseline: {year: 2020, value: 6},"
        " observations: [{year: 2023, value: 5}]}\n"
    )
    assert status_of(catalogue, no_baseline).status is Status.NO_BASELINE
    assert status_of(catalogue, no_target).status is Status.NO_TARGET
