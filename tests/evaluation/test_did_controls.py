"""DiD as applied papers run it: covariates, region × year effects, unit trends and weights
(Cheng & Hoekstra 2013), refusals instead of ignored inputs, and Sun & Abraham's event study."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyfixest as pf
import pytest
import yaml
from tests.error_language import assert_reads_in

from ovpkit.errors import SpecError
from ovpkit.evaluation import evaluate
from ovpkit.evaluation.did import DidResult

XVAR = [
    "l_police",
    "unemployrt",
    "poverty",
    "l_income",
    "l_prisoner",
    "l_lagprisoner",
    "blackm_15_24",
    "whitem_15_24",
    "blackm_25_44",
    "whitem_25_44",
    "l_exp_subsidy",
    "l_exp_pubwelfare",
]


@pytest.fixture(scope="module")
def castle() -> pd.DataFrame:
    """The castle panel with each state's census region read off its region-by-year dummies."""
    causaldata = pytest.importorskip("causaldata")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = causaldata.castle.load_pandas().data
    regions = frame[frame["year"] == 2000].set_index("sid")[[f"r2000{k}" for k in range(1, 5)]]
    frame["region"] = frame["sid"].map(regions.idxmax(axis=1).str[-1])
    first = frame[frame["post"] == 1].groupby("sid")["year"].min()
    frame["effyear"] = frame["sid"].map(first).fillna(0)
    return frame


def _evaluate(tmp_path: Path, castle: pd.DataFrame, **options: object) -> DidResult:
    castle.to_csv(tmp_path / "castle.csv", index=False)
    spec = {
        "design": "did",
        "data": {"path": "castle.csv", "unit": "sid", "time": "year"},
        "outcome": "l_homicide",
        "first_treated": "effyear",
        **options,
    }
    (tmp_path / "castle.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate(tmp_path / "castle.yaml")
    assert isinstance(result, DidResult)
    return result


def _dataset_columns(castle: pd.DataFrame, pattern: str) -> list[str]:
    return [str(c) for c in castle.columns if pd.Series([c]).str.fullmatch(pattern).item()]


@pytest.mark.parametrize(
    ("covariates", "trends"),
    [(False, False), (True, False), (False, True), (True, True)],
    ids=["region-year", "covariates", "trends", "full"],
)
def test_castle_specification_equals_pyfixest_on_the_papers_columns(
    tmp_path: Path, castle: pd.DataFrame, covariates: bool, trends: bool
) -> None:
    # The reference is the Mixtape's regression on the file's own columns (the region-by-
    # year dummies r20001-r20104 and state trends trend_1-trend_51), which the spec never
    # names: it asks for `fixed_effects: [[region, year]]` and `unit_trends: true`.
    options: dict[str, object] = {"estimator": "twfe", "weights": "popwt"}
    terms = ["post", *_dataset_columns(castle, r"r20\d{3}")]
    options["fixed_effects"] = [["region", "year"]]
    if covariates:
        options["covariates"] = XVAR
        terms += XVAR
    if trends:
        options["unit_trends"] = True
        terms += _dataset_columns(castle, r"trend_\d+")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = pf.feols(
            f"l_homicide ~ {' + '.join(terms)} | sid + year",
            data=castle,
            weights="popwt",
            vcov={"CRV1": "sid"},
        )
        # (a trend collinear with the year effects has a meaningless variance: not post's)
        estimate, se = reference.coef()["post"], reference.se()["post"]

    result = _evaluate(tmp_path, castle, **options)

    assert result.kind == "twfe"
    assert result.effect.estimate == pytest.approx(estimate, abs=1e-6)
    assert result.effect.se == pytest.approx(se, abs=1e-6)


def test_castle_full_specification_is_an_increase_near_eight_percent(
    tmp_path: Path, castle: pd.DataFrame
) -> None:
    # Cheng & Hoekstra (2013), abstract: "a statistically significant 8 percent net increase".
    options = {
        "estimator": "twfe",
        "weights": "popwt",
        "covariates": XVAR,
        "fixed_effects": [["region", "year"]],
        "unit_trends": True,
    }

    result = _evaluate(tmp_path, castle, **options)

    assert round(100 * (np.exp(result.effect.estimate) - 1)) == 8
    assert result.clear_of_chance
    summary = result.summary()
    assert "fixed effects region × year" in summary and "weighted by popwt" in summary


def test_weights_with_callaway_santanna_are_refused(tmp_path: Path, castle: pd.DataFrame) -> None:
    # They were silently ignored (0.0194 with and without weights).
    with pytest.raises(SpecError) as caught:
        _evaluate(tmp_path, castle, weights="popwt")

    assert caught.value.field == "weights"
    assert "estimator: twfe" in (caught.value.hint or "")
    assert_reads_in("pt", lambda: _evaluate(tmp_path, castle, weights="popwt"))


def test_covariates_need_the_regression(tmp_path: Path, castle: pd.DataFrame) -> None:
    with pytest.raises(SpecError) as caught:
        _evaluate(tmp_path, castle, covariates=["poverty"])

    assert caught.value.field == "estimator"


def test_weights_change_the_regression(tmp_path: Path, castle: pd.DataFrame) -> None:
    weighted = _evaluate(tmp_path, castle, estimator="twfe", weights="popwt")
    plain = _evaluate(tmp_path, castle, estimator="twfe")

    # Stata 18 xtreg (statspai parity tests): 0.075533239 weighted, 0.069398429 not.
    assert weighted.effect.estimate == pytest.approx(0.075533239, abs=1e-6)
    assert plain.effect.estimate == pytest.approx(0.069398429, abs=1e-6)


def test_sun_abraham_event_study_is_pyfixests_saturated_estimate(
    tmp_path: Path, castle: pd.DataFrame
) -> None:
    data = castle.assign(
        sid=castle["sid"].astype("int64"),
        year=castle["year"].astype("int64"),
        g=castle["effyear"].astype("int64"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = pf.event_study(
            data, yname="l_homicide", idname="sid", tname="year", gname="g", estimator="saturated"
        ).aggregate(agg="period")

    result = _evaluate(tmp_path, castle, event_study="sun_abraham")

    es = result.event_study.set_index("event_time")
    assert list(es.index) == [int(e) for e in reference.index]
    # atol 1e-6: pyfixest demeans iteratively, so two fits agree to about 1e-8
    np.testing.assert_allclose(es["att"], reference["Estimate"].astype(float), atol=1e-6)
    np.testing.assert_allclose(es["high"], reference["97.5%"].astype(float), atol=1e-6)
    assert (es["low"] < es["att"]).all() and (es["att"] < es["high"]).all()


def test_sun_abraham_recovers_cohort_specific_dynamic_effects(tmp_path: Path) -> None:
    # Two cohorts with different, growing effects: the interaction-weighted estimate at
    # each event time is the cohort-share-weighted truth (TWFE event studies mix cohorts).
    rng = np.random.default_rng(12)
    rows = []
    for unit in range(90):
        cohort = (4, 7, 0)[unit % 3]
        for t in range(1, 11):
            e = t - cohort
            effect = 0.0 if cohort == 0 or e < 0 else (1.0 if cohort == 4 else 3.0) * (e + 1)
            rows.append((unit, t, cohort, unit * 0.1 + 0.3 * t + effect + rng.normal(0, 0.05)))
    frame = pd.DataFrame(rows, columns=["unit", "t", "first", "y"])
    frame.to_csv(tmp_path / "sim.csv", index=False)
    spec = {
        "design": "did",
        "data": {"path": "sim.csv", "unit": "unit", "time": "t"},
        "outcome": "y",
        "first_treated": "first",
        "event_study": "sun_abraham",
    }
    (tmp_path / "sim.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")

    result = evaluate(tmp_path / "sim.yaml")

    es = result.event_study.set_index("event_time")  # type: ignore[union-attr]
    for e in range(0, 4):  # both cohorts observed, equal shares: the mean of 1(e+1) and 3(e+1)
        assert es.loc[e, "att"] == pytest.approx(2.0 * (e + 1), abs=0.05)
    assert es.loc[5, "att"] == pytest.approx(6.0, abs=0.05)  # cohort 4 only: 1 x 6
    assert abs(es.loc[-3, "att"]) < 0.05
