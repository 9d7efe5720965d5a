"""Every shipped mapping ingests its real data set from ../shared/data.

Each test checks the balance (rows in = loaded + set aside), prints the readable
set-aside report, and compares what was loaded with an independent count of the
raw file made here with pandas or json.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping, shipped_mappings
from ovpkit.diagnosis.quarantine import set_aside_report
from ovpkit.diagnosis.sample import SAMPLE_MAPPING, load_sample, sample_path

CASES = {
    "philadelphia-shootings": "philadelphia/shootings_2019.json",
    "chicago-homicides": "chicago/Homicides_2001_to_present.csv",
    "gva-incidents": "gva/gva_4cities_2014_2017.csv",
    "gva-victims": "gva/gva_4cities_2014_2017.csv",
    "colombia-municipality-year": "colombia/municipality_year.csv",
    "colombia-department-year": "colombia/department_year.csv",
    "colombia-policia-homicidios": "colombia/homicidios_2024.xls",
    "avon-somerset-street": "bristol/2023-01-avon-and-somerset-street.csv",
    "marshall-city-panel": "marshall/ucr_crime_1975_2015.csv",
}


def _victims(store) -> int:
    return int(store.execute("SELECT SUM(count) FROM incidents").fetchone()[0])


def test_every_shipped_mapping_has_a_real_data_test():
    assert sorted([*CASES, SAMPLE_MAPPING]) == shipped_mappings()


def test_shipped_sample_is_small_and_ingests_balanced(store):
    report = load_sample(store)

    assert sample_path().stat().st_size < 1_000_000
    assert report.balanced and report.loaded == report.rows_in > 10_000


@pytest.mark.parametrize("mapping", sorted(CASES))
def test_real_file_ingests_balanced_with_readable_report(store, shared_data, mapping, capsys):
    path = shared_data / CASES[mapping]

    report = ingest(store, path, load_mapping(mapping))

    print(set_aside_report(report))
    assert report.balanced and report.loaded > 0
    used = f"{report.loaded} loaded" if not report.unpacked else f"{report.rows_loaded} unpacked"
    balance = f"{report.rows_in} rows in = {used}"
    assert f"{balance} + {report.quarantined} set aside" in capsys.readouterr().out


def test_philadelphia_loaded_matches_feature_count(store, shared_data):
    path = shared_data / CASES["philadelphia-shootings"]
    features = json.loads(path.read_text())["features"]

    ingest(store, path, load_mapping("philadelphia-shootings"))

    fatal = sum(1 for f in features if f["properties"]["fatal"])
    got = store.execute("SELECT COUNT(*), SUM(CAST(fatal AS INT)) FROM incidents").fetchone()
    assert got == (len(features), fatal)


def test_chicago_loaded_matches_rows_by_year(store, shared_data):
    path = shared_data / CASES["chicago-homicides"]
    raw = pd.read_csv(path, dtype=str)
    expected = raw["Year"].astype(int).value_counts().sort_index()

    ingest(store, path, load_mapping("chicago-homicides"))

    got = store.execute(
        'SELECT YEAR("date") y, COUNT(*) FROM incidents GROUP BY y ORDER BY y'
    ).fetchall()
    assert dict(got) == expected.to_dict()


@pytest.mark.parametrize("year", ["2019.xlsx", "2023.xls", "2024.xls"])
def test_policia_table_victims_match_cantidad_sum(store, shared_data, year):
    path = shared_data / f"colombia/homicidios_{year}"
    header = 10 if year.startswith("2019") else 9
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas warns that its xlrd engine is deprecated
        raw = pd.read_excel(path, header=header, dtype=str)
    raw.columns = [str(c).strip() for c in raw.columns]
    dated = raw[pd.to_datetime(raw["FECHA HECHO"], errors="coerce").notna()]

    ingest(store, path, load_mapping("colombia-policia-homicidios"))

    assert _victims(store) == int(dated["CANTIDAD"].astype(int).sum())


def test_policia_codes_match_the_municipal_panel(store, shared_data):
    ingest(
        store,
        shared_data / "colombia/homicidios_2019.xlsx",
        load_mapping("colombia-policia-homicidios"),
    )
    ingest(
        store,
        shared_data / CASES["colombia-municipality-year"],
        load_mapping("colombia-municipality-year"),
    )

    unmatched = store.execute(
        "SELECT COUNT(DISTINCT area_code) FROM incidents i WHERE YEAR(date) = 2019 AND area_code "
        "NOT IN (SELECT area_code FROM population)"
    ).fetchone()

    assert unmatched == (0,)


def test_marshall_sets_aside_national_rows_and_missing_counts(store, shared_data):
    path = shared_data / CASES["marshall-city-panel"]
    raw = pd.read_csv(path)
    national = int((raw["department_name"] == "National").sum())
    missing = int((raw["department_name"].ne("National") & raw["homs_sum"].isna()).sum())

    report = ingest(store, path, load_mapping("marshall-city-panel"))

    assert report.quarantined == national + missing
    assert _victims(store) == int(raw.loc[raw["department_name"] != "National", "homs_sum"].sum())


def test_same_real_file_twice_does_not_duplicate(store, shared_data):
    path: Path = shared_data / CASES["gva-incidents"]
    mapping = load_mapping("gva-incidents")
    ingest(store, path, mapping)

    ingest(store, path, mapping)

    assert store.execute("SELECT COUNT(*) FROM incidents").fetchone() == (len(pd.read_csv(path)),)
