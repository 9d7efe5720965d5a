"""Placebo inference on seeded panels with and without an effect."""

from __future__ import annotations

import pandas as pd
import pytest

from ovpkit.evaluation import parse_spec, prepare, simulate_panel
from ovpkit.evaluation.panel import build_panel
from ovpkit.evaluation.placebo import in_space, leave_one_out
from ovpkit.evaluation.synthetic_control import ScmData, fit


def _data(frame: pd.DataFrame) -> ScmData:
    spec = parse_spec(
        {
            "design": "synthetic_control",
            "data": {"path": "sim.csv", "unit": "unit", "time": "period"},
            "outcome": "y",
            "treated": "u00",
            "start": 2018,
            "predictors": [
                {"variable": "y", "periods": [y]} for y in (2000, 2005, 2010, 2015, 2017)
            ],
        },
        source="sim.yaml",
    )
    panel = build_panel(frame, unit="unit", time="period", columns=["y"], source="sim")
    return prepare(panel, spec, "sim.yaml")  # type: ignore[arg-type]


def test_placebo_large_effect_ranks_first_with_smallest_p() -> None:
    data = _data(simulate_panel(units=20, effect=-8.0, seed=1))
    main = fit(data)

    placebo = in_space(data, main, workers=1)

    assert placebo.rank == 1 and placebo.p_value == pytest.approx(1 / 20)


def test_placebo_no_effect_is_not_significant() -> None:
    data = _data(simulate_panel(units=20, effect=0.0, seed=2))

    placebo = in_space(data, fit(data), workers=1)

    assert placebo.p_value > 0.1


def test_placebo_parallel_run_equals_serial_run() -> None:
    data = _data(simulate_panel(units=12, seed=4))
    main = fit(data)

    serial = in_space(data, main, workers=1)
    parallel = in_space(data, main, workers=2)

    assert [u.ratio for u in serial.units] == pytest.approx([u.ratio for u in parallel.units])


def test_placebo_drop_rule_keeps_only_good_pre_fits() -> None:
    data = _data(simulate_panel(units=20, effect=-8.0, seed=1))
    main = fit(data)

    placebo = in_space(data, main, drop_above=2.0, workers=1)

    kept = [u for u in placebo.units if u.kept]
    assert all(u.pre_rmspe <= 2.0 * main.pre_rmspe for u in kept)
    assert placebo.p_value_kept == pytest.approx(placebo.rank_kept / len(kept))


def test_leave_one_out_refits_without_each_weighted_donor() -> None:
    data = _data(simulate_panel(units=15, effect=-8.0, seed=1))
    main = fit(data)

    results = leave_one_out(data, main)

    assert {r.unit for r in results} == {u for u, w in main.weights().items() if w >= 0.001}
    assert all(r.average_effect < -4 for r in results)
