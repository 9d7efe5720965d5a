"""Panels: implicit zeros are filled explicitly, population only interpolated."""

from __future__ import annotations

import pandas as pd
import pytest

from ovpkit.errors import SpecError
from ovpkit.evaluation.panel import build_panel, fill_implicit_zeros


def _sparse() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "town": ["a", "a", "a", "b", "b"],
            "year": [2001, 2003, 2004, 2002, 2003],
            "deaths": [2, 1, 3, 5, 4],
            "pop": [100.0, 120.0, 130.0, 50.0, 52.0],
        }
    )


def test_implicit_zeros_fill_counts_and_interpolate_population_inside_only() -> None:
    full, added = fill_implicit_zeros(
        _sparse(), unit="town", time="year", count="deaths", population="pop"
    )

    a = full[full["town"] == "a"].set_index("year")
    b = full[full["town"] == "b"].set_index("year")
    assert added == 3  # a-2002, b-2001, b-2004
    assert a.loc[2002, "deaths"] == 0 and a.loc[2002, "pop"] == pytest.approx(110.0)
    assert b.loc[2001, "deaths"] == 0 and pd.isna(b.loc[2001, "pop"])  # not extrapolated
    assert pd.isna(b.loc[2004, "pop"])


def test_panel_drop_units_lists_reason_for_each_dropped_unit() -> None:
    full, _ = fill_implicit_zeros(
        _sparse(), unit="town", time="year", count="deaths", population="pop"
    )

    panel = build_panel(
        full, unit="town", time="year", columns=["pop"], source="f.csv", missing="drop_units"
    )

    assert panel.units == ("a",)
    assert "2001" in panel.dropped["b"] and "2004" in panel.dropped["b"]


def test_panel_non_numeric_value_names_the_column() -> None:
    frame = pd.DataFrame({"town": ["a", "a"], "year": [2001, 2002], "deaths": ["2", "x"]})

    with pytest.raises(SpecError) as caught:
        build_panel(frame, unit="town", time="year", columns=["deaths"], source="f.csv")

    assert caught.value.field == "deaths"


def test_panel_infinite_rate_names_unit_and_period_or_drops_the_unit() -> None:
    # A rate over a population of 0 is infinite: it used to reach the solver as a traceback.
    import math

    import pandas as pd
    import pytest as _pytest

    from ovpkit.errors import SpecError
    from ovpkit.evaluation.panel import build_panel

    frame = pd.DataFrame(
        {
            "unit": ["a", "a", "b", "b", "c", "c"],
            "year": [2000, 2001] * 3,
            "rate": [1.0, 2.0, math.inf, 3.0, 4.0, 5.0],
        }
    )
    with _pytest.raises(SpecError, match=r"'b'.*infinite rate.*2000"):
        build_panel(frame, unit="unit", time="year", columns=["rate"], source="d")

    panel = build_panel(
        frame, unit="unit", time="year", columns=["rate"], source="d", missing="drop_units"
    )

    assert panel.units == ("a", "c")
    assert "2000" in panel.dropped["b"]
