"""Interrupted time series on a seeded simulator with a known rate ratio."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import yaml

from ovpkit.errors import SpecError
from ovpkit.evaluation import evaluate, simulate_counts
from ovpkit.evaluation.its import analyse, fit_its

START = pd.Period("2020-01", freq="M")


def test_its_interval_covers_true_rate_ratio_at_nominal_rate() -> None:
    covered, estimates = 0, []
    for seed in range(100):
        result = analyse(simulate_counts(seed=seed, rate_ratio=0.8), START, trend_change=False)
        rr = result.rate_ratio
        covered += rr.low <= 0.8 <= rr.high
        estimates.append(rr.estimate)

    assert 88 <= covered <= 99  # nominal 95%: binomial(100, .95) lies here with prob > .99
    assert np.exp(np.mean(np.log(estimates))) == pytest.approx(0.8, abs=0.02)


def test_its_negative_binomial_equals_the_joint_maximum_likelihood_fit() -> None:
    counts = simulate_counts(seed=4, alpha=0.05)

    fit = fit_its(counts, START, trend_change=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        joint = sm.NegativeBinomial(counts.to_numpy(), fit.design).fit(
            disp=0, maxiter=500, method="bfgs"
        )

    assert joint.mle_retvals["converged"]
    assert fit.family == "negative_binomial"
    assert fit.dispersion == pytest.approx(joint.params["alpha"], rel=1e-4)
    assert fit.result.params["after"] == pytest.approx(joint.params["after"], abs=1e-5)
    assert fit.result.bse["after"] == pytest.approx(joint.bse["after"], rel=0.03)


@pytest.mark.parametrize("seed", [39, 93])
def test_its_without_over_dispersion_fits_poisson_and_says_so(seed: int) -> None:
    # These seeds put the dispersion's maximum on alpha = 0, where a joint Newton/BFGS
    # fit cannot invert its Hessian (statsmodels 0.15 warns and gives no interval).
    result = analyse(simulate_counts(seed=seed), START, trend_change=False)

    assert result.family == "poisson"
    assert result.dispersion == 0.0
    assert any("no over-dispersion" in d for d in result.diagnostics)
    assert 0 < result.rate_ratio.low < result.rate_ratio.estimate < result.rate_ratio.high


def test_its_with_no_count_after_the_start_is_a_clear_error() -> None:
    counts = simulate_counts(seed=1)
    counts[counts.index >= START] = 0.0

    with pytest.raises(SpecError, match="every month from the start on has a count of 0"):
        analyse(counts, START)


def test_its_no_effect_gives_ratio_near_one() -> None:
    result = analyse(simulate_counts(seed=5, rate_ratio=1.0), START)

    assert result.rate_ratio.low < 1.0 < result.rate_ratio.high


def test_its_poisson_on_overdispersed_counts_warns_in_diagnostics() -> None:
    counts = simulate_counts(seed=2, alpha=0.1)

    result = analyse(counts, START, family="poisson")

    assert any("over-dispersed" in d for d in result.diagnostics)


def test_its_prevented_interval_brackets_estimate() -> None:
    result = analyse(simulate_counts(seed=3, rate_ratio=0.7), START, trend_change=False)

    assert result.prevented.low < result.prevented.estimate < result.prevented.high
    assert result.prevented.estimate > 0


def _incidents(tmp_path: Path, **overrides: object) -> Path:
    counts = simulate_counts(seed=9)
    dates = [
        p.to_timestamp() + pd.Timedelta(days=3) for p, n in counts.items() for _ in range(int(n))
    ]
    pd.DataFrame({"date": dates}).to_csv(tmp_path / "incidents.csv", index=False)
    spec = {"design": "its", "data": {"path": "incidents.csv", "time": "date"}, "start": "2020-01"}
    path = tmp_path / "its.yaml"
    path.write_text(yaml.safe_dump({**spec, **overrides}), encoding="utf-8")
    return path


def test_its_spec_counts_incident_rows_per_month(tmp_path: Path) -> None:
    result = evaluate(_incidents(tmp_path))

    assert result.observed.sum() == simulate_counts(seed=9).sum()  # type: ignore[union-attr]


def test_its_spec_start_outside_data_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        evaluate(_incidents(tmp_path, start="2030-01"))

    assert caught.value.field == "start"
