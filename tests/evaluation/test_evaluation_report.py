"""HTML reports for every design render their charts and headline numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ovpkit.evaluation import callaway_santanna, simulate_counts, twfe
from ovpkit.evaluation.did import DidResult
from ovpkit.evaluation.its import analyse
from ovpkit.evaluation.report import render_html


def test_report_its_shows_rate_ratio_and_chart() -> None:
    result = analyse(simulate_counts(seed=1), pd.Period("2020-01", freq="M"), title="City X")

    page = render_html(result)

    assert "City X" in page and f"{result.rate_ratio.estimate:.3f}" in page
    assert page.count("<svg") == 1


def test_report_did_shows_event_study() -> None:
    rng = np.random.default_rng(0)
    years, units = range(2000, 2010), [f"s{i}" for i in range(20)]
    wide = pd.DataFrame(rng.normal(size=(10, 20)), index=list(years), columns=units)
    groups = pd.Series([2005.0] * 8 + [np.nan] * 12, index=units)
    effect, cells, events = callaway_santanna(wide, groups)
    long = wide.rename_axis(index="year", columns="unit").stack().rename("y").reset_index()
    treatment = long["year"] >= long["unit"].map(groups)
    comparison = twfe(long, outcome="y", unit="unit", time="year", treatment=treatment)
    result = DidResult("Law", "y", "staggered", effect, comparison, cells, events, 20, 8)

    page = render_html(result)

    assert "Event study" in page and page.count("<svg") == 1
