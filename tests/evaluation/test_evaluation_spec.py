"""Bad specs give a SpecError that names the spec file and the field."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from ovpkit.errors import SpecError
from ovpkit.evaluation import evaluate, load_spec, simulate_panel


def _write(tmp_path: Path, frame: pd.DataFrame, **overrides: object) -> Path:
    frame.to_csv(tmp_path / "panel.csv", index=False)
    spec = {
        "design": "synthetic_control",
        "data": {"path": "panel.csv", "unit": "unit", "time": "period"},
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
        "placebo": {"in_space": False, "leave_one_out": False},
        **overrides,
    }
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    return path


def _error(path: Path) -> SpecError:
    with pytest.raises(SpecError) as caught:
        evaluate(path, workers=1)
    return caught.value


def test_spec_unknown_unit_names_field_and_suggests(tmp_path: Path) -> None:
    path = _write(tmp_path, simulate_panel(), treated="u0O")

    error = _error(path)

    assert error.field == "treated"
    assert "u0O" in error.message and "did you mean" in (error.hint or "")


def test_spec_start_outside_data_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, simulate_panel(), start=2040))

    assert error.field == "start" and "outside the data" in error.message


def test_spec_too_few_pre_periods_is_rejected(tmp_path: Path) -> None:
    error = _error(_write(tmp_path, simulate_panel(), start=2002))

    assert error.field == "start" and "pre-period" in error.message


def test_spec_constant_outcome_is_rejected(tmp_path: Path) -> None:
    frame = simulate_panel()
    frame.loc[frame["unit"] == "u00", "y"] = 0.0

    error = _error(_write(tmp_path, frame))

    assert error.field == "outcome" and "constant" in error.message


def test_spec_missing_value_is_an_error_by_default(tmp_path: Path) -> None:
    frame = simulate_panel()
    frame.loc[(frame["unit"] == "u05") & (frame["period"] == 2003), "y"] = None

    error = _error(_write(tmp_path, frame))

    assert "u05" in error.message and "2003" in error.message
    assert "drop_units" in (error.hint or "")


def test_spec_missing_value_drops_donor_when_asked_and_says_so(tmp_path: Path) -> None:
    frame = simulate_panel()
    frame = frame[~((frame["unit"] == "u05") & (frame["period"] == 2003))]
    data = {"path": "panel.csv", "unit": "unit", "time": "period", "missing": "drop_units"}

    result = evaluate(_write(tmp_path, frame, data=data), workers=1)

    assert "u05" in result.dropped and "2003" in result.dropped["u05"]
    assert "u05" not in result.weights  # type: ignore[union-attr]


def test_spec_missing_value_in_treated_unit_is_always_an_error(tmp_path: Path) -> None:
    frame = simulate_panel()
    frame.loc[(frame["unit"] == "u00") & (frame["period"] == 2004), "y"] = None
    data = {"path": "panel.csv", "unit": "unit", "time": "period", "missing": "drop_units"}

    error = _error(_write(tmp_path, frame, data=data))

    assert "u00" in error.message


def test_spec_unknown_field_names_file_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, simulate_panel(), placebo={"drop_above": 5})

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    assert caught.value.file == str(path)
    assert caught.value.field == "placebo.drop_above"


def test_spec_missing_data_file_is_reported(tmp_path: Path) -> None:
    path = _write(tmp_path, simulate_panel(), data={"path": "nowhere.csv", "time": "period"})

    error = _error(path)

    assert error.field == "data.path" and "nowhere.csv" in error.message


def test_spec_duplicate_rows_are_rejected(tmp_path: Path) -> None:
    frame = simulate_panel()
    error = _error(_write(tmp_path, pd.concat([frame, frame.iloc[:1]])))

    assert "more than one row" in error.message
