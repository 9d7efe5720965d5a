"""The shipped indicator catalogue: cited, complete, extensible by an office."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovpkit.errors import AnswersError
from ovpkit.knowledge import ReportText
from ovpkit.monitoring import load_catalogue

STANDARD = {
    "homicide_rate",
    "firearm_homicide_share",
    "nonfatal_shootings",
    "youth_victimisation_rate",
    "perception_of_insecurity",
    "femicide_rate",
}


@pytest.fixture(scope="module")
def report(report_raw: str) -> ReportText:
    return ReportText.from_text(report_raw)


def test_catalogue_quotes_all_found_in_their_sections(report: ReportText) -> None:
    catalogue = load_catalogue()
    problems = [
        f"{record_id} [{ref.citation.section}]: {problem}: {ref.quote[:60]!r}"
        for record_id, ref in catalogue.cited()
        if (problem := report.find(ref.quote, ref.citation.section, ref.citation.endnote))
    ]
    assert not problems, "\n".join(problems)


def test_catalogue_perception_sheet_cites_penalolen_survey(report: ReportText) -> None:
    sheet = load_catalogue().sheet("perception_of_insecurity")
    ref = sheet.references[0]
    assert ref.citation.section == "part3/criterion-3"
    assert "citizen security survey" in ref.quote
    assert report.find(ref.quote, "part3/criterion-5") is not None  # not in another section


def test_catalogue_has_the_standard_sheets_each_cited() -> None:
    catalogue = load_catalogue()
    assert set(catalogue.sheets) >= STANDARD
    assert all(sheet.references for sheet in catalogue.sheets.values())


def test_catalogue_targets_and_guides_carry_the_report_values() -> None:
    catalogue = load_catalogue()
    assert catalogue.targets["pioc_halve_by_2030"].change == -0.5
    assert catalogue.targets["pioc_halve_by_2030"].year == 2030
    assert catalogue.guide_value("data_evaluation_staffing_share") == 0.15
    assert catalogue.guide_value("start_up_review_days") == 90


OWN_SHEET = """
indicators:
  - id: school_dropout
    name: School dropout in focus neighbourhoods
    definition: Pupils leaving school before completion.
    formula: 100 * dropouts / enrolled
    minimum_variables: [school register]
    sources: [education secretariat]
    unit: percent
    direction: lower_is_better
"""


def test_catalogue_office_file_adds_its_own_sheet(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(OWN_SHEET, encoding="utf-8")
    catalogue = load_catalogue(own)
    assert catalogue.sheet("school_dropout").unit == "percent"
    assert catalogue.office_ids == frozenset({"school_dropout"})
    assert "homicide_rate" in catalogue.sheets


def test_catalogue_office_sheet_reusing_a_shipped_id_is_refused(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(OWN_SHEET.replace("school_dropout", "homicide_rate"), encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_catalogue(own)
    assert caught.value.field == "id"
    assert "mine.yaml" in str(caught.value)
    assert "homicide_rate_local" in str(caught.value)


def test_catalogue_office_sheet_without_formula_names_record_and_field(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(OWN_SHEET.replace("    formula: 100 * dropouts / enrolled\n", ""), "utf-8")
    with pytest.raises(AnswersError) as caught:
        load_catalogue(own)
    assert caught.value.field == "formula"
    assert caught.value.record == "indicators #1 'school_dropout' (line 3)"
