"""The Gun Violence Archive extract unpacked into victims, checked against a count made here.

The independent count splits the packed cells of the raw CSV with plain Python
string methods (not ovpkit's SQL): a cell is "0::Victim||1::Subject-Suspect",
or, in a few rows, "0:Victim|1:Subject-Suspect".
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import ibis
import pandas as pd
import pytest

from ovpkit.diagnosis.affected import who_is_affected
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.quarantine import quarantined_rows

GVA = Path("gva/gva_4cities_2014_2017.csv")
PACKED = ["participant_type", "participant_age", "participant_gender", "participant_status"]
SEX = {"Male": "male", "Female": "female"}


def _cell(text: object) -> dict[int, str]:
    """Index -> value of one packed cell, by string splitting."""
    if not isinstance(text, str) or not text.strip():
        return {}
    items, index = ("||", "::") if "::" in text else ("|", ":")
    pairs = (item.split(index, 1) for item in text.split(items) if item.strip())
    return {int(i): value.strip() for i, value in pairs}


def _victims(path: Path) -> pd.DataFrame:
    """One row per listed victim: incident, city, year, sex, age, killed."""
    raw = pd.read_csv(path, dtype=str)
    rows = []
    for incident in raw.itertuples(index=False):
        cells = {name: _cell(getattr(incident, name)) for name in PACKED}
        for i, role in cells["participant_type"].items():
            if role != "Victim":
                continue
            age = cells["participant_age"].get(i)
            status = cells["participant_status"].get(i)
            rows.append({
                "incident": incident.incident_id, "city": incident.city_or_county,
                "year": int(incident.date[:4]), "index": i,
                "sex": SEX.get(cells["participant_gender"].get(i, "")),
                "age": int(age) if age is not None else None,
                "killed": None if status is None else "Killed" in status,
            })  # fmt: skip
    return pd.DataFrame(rows).astype({"age": "Int64"})


@pytest.fixture(scope="module")
def expected(shared_data: Path) -> pd.DataFrame:
    return _victims(shared_data / GVA)


@pytest.fixture
def gva(store, shared_data):
    report = ingest(store, shared_data / GVA, load_mapping("gva-victims"))
    return store, report


def test_gva_victims_by_city_and_sex_match_string_splitting(gva, expected):
    store, _ = gva

    got = store.execute("SELECT area_code, sex, COUNT(*) FROM incidents GROUP BY ALL").fetchall()

    counted = expected.groupby(["city", "sex"], dropna=False).size()
    assert {(c, s, n) for c, s, n in got} == {
        (c, None if pd.isna(s) else s, n) for (c, s), n in counted.items()
    }
    assert len(expected) > 19_000


def test_gva_killed_victims_in_chicago_2016_by_sex_and_age_match(gva, expected):
    store, _ = gva
    chicago = expected[(expected.city == "Chicago") & (expected.year == 2016)]
    killed = chicago[chicago.killed.eq(True)]

    got = store.execute(
        "SELECT sex, victim_age, COUNT(*) FROM incidents WHERE area_code = 'Chicago' "
        'AND YEAR("date") = 2016 AND fatal GROUP BY ALL'
    ).fetchall()

    by_sex_age = Counter(
        (None if pd.isna(s) else s, None if pd.isna(a) else int(a))
        for s, a in zip(killed.sex, killed.age, strict=True)
    )
    assert Counter({(s, a): n for s, a, n in got}) == by_sex_age
    assert len(killed) > 500  # a real year, not an empty match


def test_gva_young_men_killed_in_chicago_2016_match_in_the_analysis(gva, expected):
    store, _ = gva
    table = ibis.duckdb.from_connection(store).table("incidents")
    chicago = table.filter(
        (table.area_code == "Chicago") & (table.date.year() == 2016) & table.fatal
    )

    affected = who_is_affected(chicago)

    rows = expected[
        (expected.city == "Chicago") & (expected.year == 2016) & expected.killed.eq(True)
    ]
    young_men = rows[(rows.sex == "male") & rows.age.between(15, 29)]
    assert (affected.total, affected.young_men) == (len(rows), len(young_men))


def test_gva_every_incident_is_unpacked_or_set_aside_with_its_reason(gva, expected, shared_data):
    _, report = gva
    raw = pd.read_csv(shared_data / GVA, dtype=str)
    with_victim = expected["incident"].nunique()

    assert (report.rows_in, report.loaded) == (len(raw), len(expected))
    assert report.rows_loaded == with_victim and report.balanced
    assert {s.reason for s in report.set_aside} == {
        "excluded: no participant whose participant_type is Victim",
        "excluded: no participants listed in participant_type",
    }
    assert report.quarantined == len(raw) - with_victim


def test_gva_reingest_adds_nothing_even_from_a_copy_with_another_hash(gva, shared_data, tmp_path):
    store, first = gva
    copy = tmp_path / "gva.csv"
    copy.write_bytes((shared_data / GVA).read_bytes().replace(b"\n", b"\r\n"))
    keys = store.execute("SELECT record_key FROM incidents ORDER BY ALL").fetchall()

    again = ingest(store, shared_data / GVA, load_mapping("gva-victims"))
    other = ingest(store, copy, load_mapping("gva-victims"))

    assert again.already_ingested and not other.already_ingested
    assert other.file_hash != first.file_hash and other.loaded == first.loaded
    assert store.execute("SELECT record_key FROM incidents ORDER BY ALL").fetchall() == keys
    assert len(keys) == len({k for (k,) in keys}) == first.loaded


def test_gva_set_aside_incidents_keep_their_whole_row(gva):
    store, _ = gva

    rows = quarantined_rows(store, limit=5)

    assert all('"incident_id"' in str(r["raw"]) and r["field"] == "participant_type" for r in rows)
