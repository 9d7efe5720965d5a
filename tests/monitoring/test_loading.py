"""Loading an office's records: errors name the file, record and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovpkit.errors import AnswersError
from ovpkit.monitoring import load_records, parse_records

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "monitoring"

MINIMAL = """
office: Test office
partners:
  - {id: youth-club, name: Youth club, kind: community_based}
programs:
  - id: mentoring
    name: Mentoring
    prevention_level: secondary
    focus_population: young people aged 15 to 24
    partners: [youth-club]
    stage: scale_up
budget:
  - {year: 2023, source: municipal, amount: 100}
"""


@pytest.mark.parametrize("name", ["palmira.yaml", "reach_edmonton.yaml"])
def test_records_examples_are_valid_and_flagged_illustrative(name: str) -> None:
    records = load_records(EXAMPLES / name)
    assert records.header.illustrative is True
    assert records.indicators and records.programs and records.budget and records.coverage


def test_records_example_loads_with_its_own_sheet() -> None:
    records = load_records(EXAMPLES / "palmira.yaml")
    assert records.header.illustrative is True
    assert "neighbourhoods_reached" in records.catalogue.office_ids
    assert {p.id for p in records.programs} >= {"forjar-oportunidades"}


def test_records_minimal_file_parses() -> None:
    records = parse_records(MINIMAL)
    assert records.header.currency == "USD"
    assert records.programs[0].partners == ("youth-club",)


def test_records_wrong_amount_names_record_line_and_field() -> None:
    text = MINIMAL.replace("amount: 100", "amount: lots")
    with pytest.raises(AnswersError) as caught:
        parse_records(text, file="office.yaml")
    error = caught.value
    assert error.file == "office.yaml"
    assert error.record == "budget #1 (line 13)"
    assert error.field == "amount"
    assert "office.yaml, record budget #1 (line 13), field 'amount'" in str(error)


def test_records_unknown_partner_is_named_with_the_choices() -> None:
    text = MINIMAL.replace("partners: [youth-club]", "partners: [youth-clubs]")
    with pytest.raises(AnswersError) as caught:
        parse_records(text)
    assert caught.value.record == "programs 'mentoring'"
    assert caught.value.field == "partners"
    assert caught.value.hint == "use one of: youth-club"


def test_records_unknown_prevention_level_is_refused() -> None:
    text = MINIMAL.replace("prevention_level: secondary", "prevention_level: quaternary")
    with pytest.raises(AnswersError) as caught:
        parse_records(text)
    assert caught.value.field == "prevention_level"
    assert "'primary', 'secondary' or 'tertiary'" in caught.value.message


def test_records_unknown_top_level_key_lists_the_keys() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_records(MINIMAL + "budgets: []\n")
    assert "unknown key: budgets" in caught.value.message
    assert caught.value.hint is not None and "budget" in caught.value.hint


def test_records_without_office_name_is_refused() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_records(MINIMAL.replace("office: Test office", "currency: USD"))
    assert caught.value.field == "office"


def test_records_unknown_sheet_is_refused() -> None:
    text = MINIMAL + "indicators:\n  - {id: x, sheet: happiness}\n"
    with pytest.raises(AnswersError) as caught:
        parse_records(text)
    assert (caught.value.record, caught.value.field) == ("indicators 'x'", "sheet")


def test_records_target_with_value_and_change_is_refused() -> None:
    text = MINIMAL + (
        "indicators:\n  - id: x\n    sheet: homicide_rate\n"
        "    target: {year: 2030, value: 10, change: -0.5}\n"
    )
    with pytest.raises(AnswersError) as caught:
        parse_records(text)
    assert caught.value.field == "target"
    assert "exactly one of" in caught.value.message


def test_records_duplicate_program_id_is_refused() -> None:
    program = MINIMAL.split("programs:\n", 1)[1].split("budget:")[0]
    text = MINIMAL.replace("budget:", program + "budget:")
    with pytest.raises(AnswersError) as caught:
        parse_records(text)
    assert "used twice" in caught.value.message


def test_records_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(AnswersError) as caught:
        load_records(tmp_path / "nowhere.yaml")
    assert caught.value.message == "file not found"


def test_records_broken_yaml_gives_the_line() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_records("office: x\nbudget:\n  - {year: 2023\n")
    assert "not valid YAML (line" in caught.value.message
