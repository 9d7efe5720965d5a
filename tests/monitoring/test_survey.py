"""Weighted survey proportions, checked against statsmodels and by simulation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from ovpkit.errors import DataError
from ovpkit.monitoring.sources import read_table
from ovpkit.monitoring.survey import weighted_proportions, wilson


def simulated_survey(seed: int, n_psu: int = 40, per_psu: int = 25) -> pd.DataFrame:
    """Areas as strata, PSUs nested in areas, cluster effects and unequal weights."""
    rng = np.random.default_rng(seed)
    rows = []
    for psu in range(n_psu):
        area = f"area-{psu % 4}"
        base = [0.2, 0.35, 0.5, 0.65][psu % 4]
        cluster_p = np.clip(base + rng.normal(0, 0.08), 0.01, 0.99)
        for _ in range(per_psu):
            weight = rng.uniform(0.5, 3.0)
            rows.append((area, f"p{psu}", weight, int(rng.random() < cluster_p)))
    return pd.DataFrame(rows, columns=["area", "psu", "weight", "unsafe"])


def test_survey_simple_design_matches_statsmodels_hc1() -> None:
    frame = simulated_survey(1)
    result = weighted_proportions(frame, outcome="unsafe", weight="weight")
    ones = np.ones(len(frame))
    fit = sm.WLS(frame["unsafe"], ones, weights=frame["weight"]).fit(cov_type="HC1")
    assert result.overall.estimate == pytest.approx(float(fit.params.iloc[0]), rel=1e-12)
    assert result.overall.standard_error == pytest.approx(float(fit.bse.iloc[0]), rel=1e-10)


def test_survey_clustered_design_matches_statsmodels_cluster() -> None:
    frame = simulated_survey(2)
    result = weighted_proportions(frame, outcome="unsafe", weight="weight", psu="psu")
    groups = frame["psu"].factorize()[0]
    fit = sm.WLS(frame["unsafe"], np.ones(len(frame)), weights=frame["weight"]).fit(
        cov_type="cluster", cov_kwds={"groups": groups}
    )
    assert result.overall.standard_error == pytest.approx(float(fit.bse.iloc[0]), rel=1e-10)
    assert result.overall.design_effect is not None and result.overall.design_effect > 1


def test_survey_areas_as_strata_match_statsmodels_on_each_area() -> None:
    frame = simulated_survey(3)
    result = weighted_proportions(
        frame, outcome="unsafe", weight="weight", area="area", strata="area", psu="psu"
    )
    assert [a.area for a in result.areas] == ["area-0", "area-1", "area-2", "area-3"]
    for estimate in result.areas:
        part = frame[frame["area"] == estimate.area]
        fit = sm.WLS(part["unsafe"], np.ones(len(part)), weights=part["weight"]).fit(
            cov_type="cluster", cov_kwds={"groups": part["psu"].factorize()[0]}
        )
        assert estimate.estimate == pytest.approx(float(fit.params.iloc[0]), rel=1e-12)
        assert estimate.standard_error == pytest.approx(float(fit.bse.iloc[0]), rel=1e-10)


def test_survey_kish_uses_the_effective_sample_size() -> None:
    frame = pd.DataFrame({"y": [1, 0, 0, 1, 0, 1], "w": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0]})
    with pytest.warns(UserWarning, match="effective sample size"):
        result = weighted_proportions(frame, outcome="y", weight="w", method="kish", threshold=0)
    w = frame["w"].to_numpy()
    p = 5 / 12
    n_eff = w.sum() ** 2 / (w**2).sum()
    assert result.overall.estimate == pytest.approx(p)
    assert result.overall.effective_n == pytest.approx(n_eff)
    assert result.overall.standard_error == pytest.approx(np.sqrt(p * (1 - p) / n_eff))


@pytest.mark.parametrize("method", ["linearisation", "kish"])
def test_survey_interval_covers_the_truth_about_95_percent(method: str) -> None:
    rng = np.random.default_rng(20240131)
    truth, hits, runs = 0.3, 0, 400
    for _ in range(runs):
        weights = rng.choice([1.0, 4.0], size=300)
        answers = (rng.random(300) < truth).astype(int)
        frame = pd.DataFrame({"y": answers, "w": weights})
        overall = weighted_proportions(frame, outcome="y", weight="w", method=method).overall
        assert overall.lower is not None and overall.upper is not None
        hits += overall.lower <= truth <= overall.upper
    assert 0.92 <= hits / runs <= 0.98


def test_survey_small_area_is_suppressed_and_others_warn() -> None:
    frame = pd.DataFrame(
        {"area": ["a"] * 3 + ["b"] * 12, "y": [1, 0, 1] + [0, 1] * 6, "w": [1.0] * 15}
    )
    with pytest.warns(UserWarning, match="effective sample size under 30 in: all, b"):
        result = weighted_proportions(frame, outcome="y", weight="w", area="area")
    a, b = result.areas
    assert a.suppressed and a.estimate is None and a.respondents == 3
    assert not b.suppressed and b.estimate == pytest.approx(0.5)


def test_survey_answers_given_as_text_with_yes_values() -> None:
    frame = pd.DataFrame(
        {"feel": ["Unsafe", "very unsafe", "safe", None, "safe "] * 10, "w": [1.0] * 50}
    )
    result = weighted_proportions(frame, outcome="feel", weight="w", yes=("unsafe", "very unsafe"))
    assert result.overall.estimate == pytest.approx(0.5)
    assert result.dropped == 10


def test_survey_bad_weight_names_the_row_a_person_finds_in_the_file(tmp_path: Path) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("y,w\n1,1.0\n0,-2.0\n1,1.0\n", encoding="utf-8")
    bad_line = survey.read_text(encoding="utf-8").splitlines().index("0,-2.0") + 1

    with pytest.raises(DataError) as caught:
        weighted_proportions(read_table(survey), outcome="y", weight="w", file=str(survey))

    assert (caught.value.record, caught.value.field) == (f"row {bad_line}", "w")


def test_survey_bad_answer_in_parquet_counts_records_from_one(tmp_path: Path) -> None:
    survey = tmp_path / "survey.parquet"
    pd.DataFrame({"y": [1, 0, 7], "w": [1.0, 1.0, 1.0]}).to_parquet(survey)

    with pytest.raises(DataError) as caught:
        weighted_proportions(read_table(survey), outcome="y", weight="w", file=str(survey))

    assert caught.value.record == "row 3"


def test_survey_table_without_a_file_keeps_its_own_row_labels() -> None:
    frame = pd.DataFrame({"y": [1, 0, 1], "w": [1.0, -2.0, 1.0]}, index=[10, 11, 12])
    with pytest.raises(DataError) as caught:
        weighted_proportions(frame, outcome="y", weight="w")
    assert caught.value.record == "row 11"


def test_survey_text_outcome_without_yes_values_is_refused() -> None:
    frame = pd.DataFrame({"y": ["unsafe", "safe"], "w": [1.0, 1.0]})
    with pytest.raises(DataError, match="not 0/1"):
        weighted_proportions(frame, outcome="y", weight="w")


def test_wilson_matches_statsmodels() -> None:
    from statsmodels.stats.proportion import proportion_confint

    lower, upper = proportion_confint(13, 40, alpha=0.05, method="wilson")
    mine = wilson(13 / 40, 40, 1.959963984540054)
    assert mine == pytest.approx((lower, upper), rel=1e-9)
