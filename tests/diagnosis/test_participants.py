"""Unpacking packed participant lists: one row per victim, every source row accounted for.

The fixture ``participants.csv`` has one incident per line (CSV line 2 is the
first) and a case for each way a packed cell can be right or wrong; the
expected rows below are read off the file by hand.
"""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.quarantine import quarantined_rows, set_aside_report
from ovpkit.diagnosis.store import open_store, store_status
from ovpkit.errors import DataError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CSV = FIXTURES / "participants.csv"
MAPPING = FIXTURES / "participants.yaml"

# (record key, line, age, sex, fatal, age_min, age_max) of every victim the file lists.
VICTIMS = [
    ("1/0", 2, 25, "male", True, 25, 25),
    ("10/0", 11, 20, "male", False, 20, 20),  # the suspect's age "xx" is not read
    ("11/0", 12, 52, "female", True, 52, 52),  # a trailing separator is no item
    ("2#2/1", 14, 64, "female", False, 64, 64),  # incident id 2 again: numbered
    ("2/0", 3, 17, "female", False, 17, 17),
    ("2/1", 3, 40, "male", True, 40, 40),
    ("9/0", 10, 30, "male", False, 30, 30),  # the single form 0:Victim|1:Victim
    ("9/1", 10, 22, "female", False, 22, 22),
]
# (line, field, value, reason) of every incident set aside.
SET_ASIDE = {
    (4, "participant_type", "0::Subject-Suspect",
     "excluded: no participant whose participant_type is Victim"),
    (5, "participant_type", None, "excluded: no participants listed in participant_type"),
    (6, "victim_age", "0::abc", "age is not a number"),
    (7, "participant_gender", "3::Female",
     "a participant listed here is not in participant_type (index mismatch)"),
    (8, "participant_gender", "Male", "not a packed list of participants "
     "(expected 0::value||1::value or 0:value|1:value)"),
    (9, "participant_type", "0::Victim||0::Victim", "a participant index appears twice"),
    (13, "date", "2016-02-30", "not a date in the format(s) %Y-%m-%d"),
    (15, "fatal", "0::Missing", "unrecognised yes/no code; add it under 'values:' in the mapping"),
}  # fmt: skip


def _victims(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        'SELECT record_key, "row", victim_age, sex, fatal, age_min, age_max FROM incidents '
        "ORDER BY record_key"
    ).fetchall()


def test_unpack_gives_one_row_per_victim_with_age_sex_and_fatal(store):
    ingest(store, CSV, load_mapping(MAPPING))

    assert _victims(store) == VICTIMS


def test_unpack_victims_keep_the_incident_date_place_and_id(store):
    ingest(store, CSV, load_mapping(MAPPING))

    rows = store.execute(
        'SELECT id, CAST("date" AS VARCHAR), area_code, lat, lon FROM incidents '
        "WHERE record_key IN ('2/0', '2/1', '2#2/1') ORDER BY record_key"
    ).fetchall()

    assert rows == [
        ("2", "2016-03-13", "Chicago", 41.84, -87.64),
        ("2", "2016-03-02", "Chicago", 41.81, -87.61),
        ("2", "2016-03-02", "Chicago", 41.81, -87.61),
    ]


def test_unpack_age_group_fills_bounds_when_the_age_is_missing(store, tmp_path):
    path = tmp_path / "groups.csv"
    header = CSV.read_text().splitlines()[0]
    path.write_text(f"{header}\n1,2016-03-01,Chicago,41.8,-87.6,0::Victim,,0::Male,0::Injured,"
                    "0::Teen 12-17\n")  # fmt: skip

    ingest(store, path, load_mapping(MAPPING))

    assert store.execute("SELECT age_min, age_max FROM incidents").fetchall() == [(12, 17)]


def test_unpack_report_counts_source_rows_in_as_unpacked_plus_set_aside(store):
    report = ingest(store, CSV, load_mapping(MAPPING))

    assert (report.rows_in, report.rows_loaded, report.quarantined) == (14, 6, 8)
    assert report.loaded == len(VICTIMS) and report.balanced
    text = set_aside_report(report)
    assert "14 rows in = 6 unpacked + 8 set aside; 8 rows loaded, one per kept participant" in text
    assert "field 'participant_gender': not a packed list of participants" in text


def test_unpack_malformed_packed_values_are_set_aside_with_field_value_and_reason(store):
    ingest(store, CSV, load_mapping(MAPPING))

    rows = quarantined_rows(store)

    assert {(r["row"], r["field"], r["value"], r["reason"]) for r in rows} == SET_ASIDE
    assert len(rows) == len(SET_ASIDE)  # an incident's problem is not repeated per victim
    assert all(r["file"] == "participants.csv" for r in rows)
    assert '"participant_age":"0::abc"' in str(next(r["raw"] for r in rows if r["row"] == 6))


def test_unpack_reingest_adds_nothing_and_a_corrected_file_replaces_by_key(store, tmp_path):
    path = tmp_path / "participants.csv"
    shutil.copy(CSV, path)
    mapping = load_mapping(MAPPING)
    ingest(store, path, mapping)
    again = ingest(store, path, mapping)
    before = _victims(store)
    path.write_text(CSV.read_text().replace("0::abc", "0::36"))

    corrected = ingest(store, path, mapping)

    assert again.already_ingested and again.rows_loaded == 6 and again.balanced
    assert before == VICTIMS
    assert corrected.rows_loaded == 7 and corrected.quarantined == 7
    assert _victims(store) == sorted([*VICTIMS, ("5/0", 6, 36, "male", False, 36, 36)])


def test_unpack_status_says_how_many_rows_were_unpacked(tmp_path):
    con = open_store(tmp_path / "p.duckdb")
    ingest(con, CSV, load_mapping(MAPPING))

    files = store_status(con, "p.duckdb").files
    con.close()

    assert [(f.rows_in, f.rows_loaded, f.loaded, f.quarantined) for f in files] == [(14, 6, 8, 8)]


def test_unpack_strict_accepts_incidents_without_victims_but_not_malformed_ones(store, tmp_path):
    lines = CSV.read_text().splitlines()
    clean = tmp_path / "clean.csv"
    clean.write_text("\n".join(lines[:5]) + "\n")  # victims, a suspect only, nobody listed

    report = ingest(store, clean, load_mapping(MAPPING), strict=True)
    with pytest.raises(DataError, match="age is not a number") as caught:
        ingest(store, CSV, load_mapping(MAPPING), strict=True)

    assert (report.rows_loaded, report.quarantined) == (2, 2)
    assert (caught.value.record, caught.value.field) == (6, "victim_age")


def test_unpack_parquet_with_typed_columns_gives_the_same_victims(tmp_path):
    table = pacsv.read_csv(CSV)  # incident_id, lat and lon typed as numbers
    assert pa.types.is_integer(table.schema.field("incident_id").type)
    pq.write_table(table, tmp_path / "participants.parquet")
    con = open_store(":memory:")

    report = ingest(con, tmp_path / "participants.parquet", load_mapping(MAPPING))

    assert (report.rows_loaded, report.quarantined) == (6, 8)
    assert _victims(con) == [(key, line - 1, *rest) for key, line, *rest in VICTIMS]
    con.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("keep: {column: participant_type,", "keep.column 'participant_role' must be one of"),
        ('- {items: "||", index: "::"}', "must not be part of the index separator"),
        ("  victim_age: participant_age\n", "an unpacked participant counts once"),
        ("  id: incident_id\n", "the id must be the source row's"),
    ],
)
def test_unpack_mapping_that_cannot_work_is_refused(tmp_path, change, message):
    text = MAPPING.read_text()
    replacement = {
        "keep: {column: participant_type,": "keep: {column: participant_role,",
        '- {items: "||", index: "::"}': '- {items: ":", index: "::"}',
        "  victim_age: participant_age\n": "  victim_age: participant_age\n  count: n\n",
        "  id: incident_id\n": "  id: participant_type\n",
    }[change]
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(change, replacement))

    with pytest.raises(DataError, match=message):
        load_mapping(bad)


def test_unpack_without_a_field_reading_a_packed_column_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\nsource: x\nunpack:\n  columns: [participant_type]\n"
        "  keep: {column: participant_type, equals: [Victim]}\n"
        "fields:\n  date: date\n  sex: gender\n"
    )

    with pytest.raises(DataError, match="no field reads a packed column"):
        load_mapping(bad)


def test_unpack_missing_packed_column_names_it(store, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV.read_text().replace("participant_status", "status"))

    with pytest.raises(DataError, match="'participant_status' is not in the file") as caught:
        ingest(store, path, load_mapping(MAPPING))

    assert caught.value.field == "unpack.columns"


def _random_incidents(seed: int, n: int) -> list[tuple[dict[int, dict], bool]]:
    """Incidents with 1-5 participants at random indices, some attributes missing."""
    rng = random.Random(seed)
    incidents = []
    for _ in range(n):
        indices = rng.sample(range(13), rng.randint(1, 5))
        people = {
            i: {
                "role": rng.choice(["Victim", "Subject-Suspect"]),
                "age": rng.choice([None, rng.randint(0, 99)]),
                "sex": rng.choice([None, "Male", "Female"]),
                "status": rng.choice([None, "Killed", "Injured", "Unharmed, Arrested"]),
            }
            for i in indices
        }
        incidents.append((people, rng.random() < 0.2))
    return incidents


def _packed(people: dict[int, dict], attribute: str, single: bool) -> str:
    items, index = ("|", ":") if single else ("||", "::")
    return items.join(
        f"{i}{index}{p[attribute]}" for i, p in people.items() if p[attribute] is not None
    )


def test_unpack_agrees_with_a_python_reading_of_random_lists(store, tmp_path):
    incidents = _random_incidents(seed=11, n=400)
    path = tmp_path / "cases.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV.read_text().splitlines()[0].split(","))
        for n, (people, single) in enumerate(incidents):
            cells = [_packed(people, a, single) for a in ("role", "age", "sex", "status")]
            writer.writerow([n, "2016-01-01", "Chicago", 41.8, -87.6, *cells, ""])

    report = ingest(store, path, load_mapping(MAPPING))

    sexes = {"Male": "male", "Female": "female", None: None}
    expected = sorted(
        (
            f"{n}/{i}",
            p["age"],
            sexes[p["sex"]],
            None if p["status"] is None else p["status"] == "Killed",
        )
        for n, (people, _) in enumerate(incidents)
        for i, p in people.items()
        if p["role"] == "Victim"
    )
    got = store.execute("SELECT record_key, victim_age, sex, fatal FROM incidents").fetchall()
    assert sorted(got) == expected
    with_victim = sum(
        any(p["role"] == "Victim" for p in people.values()) for people, _ in incidents
    )
    assert (report.rows_loaded, report.quarantined) == (with_victim, len(incidents) - with_victim)
    assert 0 < report.quarantined < 100 < len(expected)
