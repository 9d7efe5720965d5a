"""Analyses checked against published values and independent computations."""

from __future__ import annotations

import json
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.multitest import multipletests

from ovpkit.diagnosis.concentration import concentration, gini
from ovpkit.diagnosis.diagnosis import Options, diagnose
from ovpkit.diagnosis.hotspots import benjamini_hochberg, getis_ord_star, hot_spots, neighbourhood
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.rates import poisson_interval
from ovpkit.diagnosis.target import baseline_and_target

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def simulate(path: Path, n: int = 3000, seed: int = 7) -> pd.DataFrame:
    """Seeded incidents in 4 districts over 2019-2022, with their populations."""
    rng = np.random.default_rng(seed)
    areas = np.array(["A", "B", "C", "D"])
    frame = pd.DataFrame(
        {
            "id": np.arange(n),
            "date": pd.to_datetime("2019-01-01")
            + pd.to_timedelta(rng.integers(0, 4 * 365, n), unit="D"),
            "fatal": rng.random(n) < 0.2,
            "sex": rng.choice(["M", "F"], n, p=[0.85, 0.15]),
            "age": rng.integers(10, 70, n),
            "area": rng.choice(areas, n, p=[0.55, 0.25, 0.15, 0.05]),
            "lat": 39.95 + rng.normal(0, 0.02, n).round(4),
            "lon": -75.16 + rng.normal(0, 0.02, n).round(4),
            "weapon": rng.choice(["firearm", "knife"], n, p=[0.8, 0.2]),
        }
    )
    frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
    frame["year"] = frame["date"].str[:4].astype(int)
    sizes = {"A": 200_000, "B": 150_000, "C": 100_000, "D": 50_000}
    frame["population"] = frame["area"].map(sizes)
    frame.to_csv(path, index=False)
    return frame


@pytest.fixture
def seeded(store, tmp_path):
    frame = simulate(tmp_path / "seeded.csv")
    ingest(store, tmp_path / "seeded.csv", load_mapping(FIXTURES / "seeded.yaml"))
    return store, frame


def test_poisson_interval_matches_published_garwood_values():
    lower, upper = poisson_interval(np.array([0, 1, 10]))

    # Garwood (1936) exact 95% limits as tabulated e.g. by Ulm (1990).
    np.testing.assert_allclose(lower, [0.0, 0.0253, 4.7954], atol=1e-4)
    np.testing.assert_allclose(upper, [3.6889, 5.5716, 18.3904], atol=1e-4)


def test_gini_of_all_in_one_place_among_four_is_three_quarters():
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert gini([5, 5, 5, 5]) == pytest.approx(0.0)


def test_concentration_counts_zero_places_from_the_population_table():
    result = concentration({"a": 90, "b": 10}, unit="area", all_places=[f"z{i}" for i in range(98)])

    assert result.places == 100
    assert result.top[0] == (1.0, 1, pytest.approx(0.9))
    assert result.top[1] == (5.0, 5, pytest.approx(1.0))


def test_benjamini_hochberg_matches_statsmodels():
    p = np.random.default_rng(3).uniform(0, 0.2, 40)

    expected = multipletests(p, method="fdr_bh")[1]

    np.testing.assert_allclose(benjamini_hochberg(p), expected)


def test_getis_ord_star_matches_a_direct_loop():
    centre = h3.latlng_to_cell(39.95, -75.16, 8)
    cells = list(h3.grid_disk(centre, 2))
    region, weights = neighbourhood(cells)
    x = np.random.default_rng(5).poisson(3, len(region)).astype(float)

    z = getis_ord_star(x, weights)

    n, mean = len(x), x.mean()
    s = np.sqrt((x**2).sum() / n - mean**2)
    for i, cell in enumerate(region):
        near = [region.index(c) for c in h3.grid_disk(cell, 1) if c in region]
        w = len(near)
        direct = (x[near].sum() - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
        assert z[i] == pytest.approx(direct)


def test_hot_spots_flag_a_planted_cluster_and_nothing_in_noise():
    rng = np.random.default_rng(11)
    centre = h3.latlng_to_cell(51.45, -2.58, 8)
    cells = list(h3.grid_disk(centre, 6))
    counts = {c: int(rng.poisson(2)) for c in cells}
    for c in h3.grid_disk(centre, 1):
        counts[c] += 40

    result = hot_spots(counts)

    hot = {c.cell for c in result.hot}
    assert centre in hot and hot <= set(h3.grid_disk(centre, 2))


def test_baseline_is_mean_of_three_years_and_halving_status():
    yearly = {2017: 100.0, 2018: 110.0, 2019: 90.0, 2020: 95.0, 2021: 70.0}

    early = baseline_and_target({**yearly, 2021: 99.0}, start_year=2020, target_year=2030)
    result = baseline_and_target(yearly, start_year=2020, target_year=2030)

    assert result.baseline == pytest.approx(100.0) and result.target == pytest.approx(50.0)
    assert result.expected == pytest.approx(100 - 50 * 2 / 11)
    assert result.status == "on_track" and early.status == "behind"


def test_diagnosis_counts_and_rates_match_pandas(seeded):
    store, frame = seeded

    result = diagnose(store, Options(period="year"))

    by_year = frame.groupby("year").size()
    assert {r.year: r.victims for r in result.yearly} == by_year.to_dict()
    area_year = frame.groupby(["area", "year"]).size()
    row = next(r for r in result.by_area if r.area == "D" and r.year == 2020)
    assert row.victims == area_year[("D", 2020)]
    assert row.rate == pytest.approx(area_year[("D", 2020)] / 50_000 * 1e5)
    lo = stats.chi2.ppf(0.025, 2 * row.victims) / 2 / 50_000 * 1e5
    assert row.lower == pytest.approx(lo)


def test_diagnosis_monthly_rolling_and_year_on_year_match_pandas(seeded):
    store, frame = seeded

    result = diagnose(store, Options(period="month"))

    monthly = frame.groupby(frame["date"].str[:7]).size()
    assert {r.month: r.victims for r in result.rolling} == monthly.to_dict()
    assert result.rolling[-1].rolling_12 == int((frame["year"] == 2022).sum())
    change = next(c for c in result.changes if c.year == 2021)
    k1, k0 = (frame["year"] == 2021).sum(), (frame["year"] == 2020).sum()
    assert change.change == k1 - k0
    assert change.p_value == pytest.approx(stats.binomtest(k1, k1 + k0, 0.5).pvalue)


def test_diagnosis_young_men_share_matches_pandas_in_the_focus_year(seeded):
    store, frame = seeded

    result = diagnose(store)

    year = frame[frame["year"] == result.focus_year]
    young_men = ((year["sex"] == "M") & year["age"].between(15, 29)).sum()
    assert result.affected.young_men == young_men
    assert result.affected.young_men_share == pytest.approx(young_men / len(year))


def test_philadelphia_2019_counts_match_the_raw_file(store, shared_data):
    files = sorted((shared_data / "philadelphia").glob("shootings_*.json"))
    mapping = load_mapping("philadelphia-shootings")
    for path in files:
        ingest(store, path, mapping)
    features = [f["properties"] for p in files for f in json.loads(p.read_text())["features"]]
    raw = pd.DataFrame(features)
    in_2019 = raw[raw["date"].str.startswith("2019")]

    result = diagnose(store, Options(period="month"))

    year = next(r for r in result.yearly if r.year == 2019)
    assert (year.victims, year.fatal) == (len(in_2019), int(in_2019["fatal"].sum()))
    months = {r.period: r.victims for r in result.trend if r.year == 2019}
    assert months == in_2019.groupby(in_2019["date"].str[:7].str.replace("/", "-")).size().to_dict()
    areas = {r.area: r.victims for r in result.by_area if r.year == 2019}
    assert areas == in_2019.groupby("police_district").size().to_dict()
