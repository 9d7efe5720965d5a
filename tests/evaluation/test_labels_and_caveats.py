"""Units shown by name, and money figures that say when they are not a finding."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

from ovpkit.errors import SpecError
from ovpkit.evaluation import Interval, cost_of_violence, evaluate, simulate_panel
from ovpkit.evaluation.results import SyntheticControlResult


def _spec(tmp_path: Path, *, effect: float, label: str | None = "name") -> Path:
    panel = simulate_panel(units=12, effect=effect, seed=1)
    panel["name"] = panel["unit"].str.replace("u", "City ", regex=False)
    panel.to_csv(tmp_path / "panel.csv", index=False)
    data: dict[str, object] = {"path": "panel.csv", "unit": "unit", "time": "period"}
    if label is not None:
        data["label"] = label
    spec = {
        "design": "synthetic_control",
        "title": "Simulated city",
        "data": data,
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
        "cost": {"currency": "USD", "population": 100000},
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def _evaluate(path: Path) -> SyntheticControlResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fit diagnostics are not what these tests check
        result = evaluate(path, workers=1)
    assert isinstance(result, SyntheticControlResult)
    return result


def test_labels_name_the_treated_unit_and_the_donors(tmp_path: Path) -> None:
    result = _evaluate(_spec(tmp_path, effect=-6.0))

    assert result.name("u00") == "City 00 (u00)"
    assert result.summary().startswith("Synthetic control for City 00 (u00)")
    assert all(donor.startswith("City ") for donor in result.table()["donor"])
    assert result.to_dict()["labels"]["u00"] == "City 00"


def test_labels_unknown_column_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="data.label"):
        _evaluate(_spec(tmp_path, effect=-6.0, label="nombre"))


def test_cost_of_a_chance_effect_carries_a_caveat(tmp_path: Path) -> None:
    result = _evaluate(_spec(tmp_path, effect=0.0))

    assert result.placebo is not None and result.placebo.p_value > 0.10
    assert result.cost is not None and result.cost.caveat is not None
    assert "not distinguishable from chance" in result.cost.summary()


def test_cost_of_a_clear_effect_has_no_caveat(tmp_path: Path) -> None:
    result = _evaluate(_spec(tmp_path, effect=-6.0))

    assert result.placebo is not None and result.placebo.p_value <= 0.10
    assert result.cost is not None and result.cost.caveat is None


def test_cost_interval_including_no_effect_carries_a_caveat() -> None:
    unclear = cost_of_violence(Interval(3.0, -2.0, 8.0))
    clear = cost_of_violence(Interval(3.0, 1.0, 8.0))

    assert unclear.caveat is not None and "includes no effect" in unclear.caveat
    assert clear.caveat is None
