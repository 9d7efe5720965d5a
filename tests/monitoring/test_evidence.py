"""The evidence handed to the assessment: complete, documented, computed as stated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ovpkit.monitoring import EVIDENCE_KEYS, monitoring_evidence, parse_records

REPO = Path(__file__).resolve().parents[2]

RECORDS = """
office: Evidence office
indicators:
  - id: rate
    sheet: homicide_rate
    baseline: {year: 2020, value: 40}
    target: {preset: pioc_halve_by_2030}
    observations: [{year: 2023, value: 33}]
programs:
  - {id: p1, name: P1, prevention_level: primary, focus_population: children, stage: scale_up,
     age_min: 6, age_max: 12, partners: [club]}
  - {id: p2, name: P2, prevention_level: primary, focus_population: youth, stage: start_up,
     stage_started: 2023-01-01}
partners:
  - {id: club, name: Club, kind: community_based}
budget:
  - {year: 2022, source: municipal, amount: 60}
  - {year: 2023, source: municipal, amount: 60}
  - {year: 2023, source: voter_approved_tax, amount: 20, legal_safeguard: true}
  - {year: 2023, source: international_donor, amount: 20, kind: project}
staff:
  - {role: analyst, fte: 1, contract: permanent, function: data_evaluation, annual_cost: 20}
  - {role: workers, fte: 4, contract: short_term, function: program_delivery, annual_cost: 80}
"""


def test_evidence_keys_are_all_documented() -> None:
    docs = (REPO / "docs" / "monitoring.md").read_text(encoding="utf-8")
    missing = [key for key in EVIDENCE_KEYS if f"`{key}`" not in docs]
    assert not missing, f"document these evidence keys in docs/monitoring.md: {missing}"


def test_evidence_figures_from_hand_made_records() -> None:
    evidence = monitoring_evidence(parse_records(RECORDS), as_of=dt.date(2023, 6, 1))
    assert evidence["has_baseline"] is True
    assert evidence["indicators_on_track"] == 1  # 33 in 2023; the path says 34
    assert evidence["programs_by_level"] == {"primary": 2, "secondary": 0, "tertiary": 0}
    assert evidence["prevention_levels_covered"] == 1
    assert evidence["start_up_reviews_overdue"] == 1
    assert evidence["programs_with_defined_population"] == 1
    assert evidence["budget_sources_count"] == 3
    assert evidence["largest_source"] == "municipal"
    assert evidence["largest_source_share"] == pytest.approx(0.6)
    assert evidence["budget_hhi"] == pytest.approx(0.36 + 0.04 + 0.04)
    assert evidence["legal_safeguard"] is True
    assert evidence["core_funding_share"] == pytest.approx(0.8)
    assert evidence["budget_trend"] == "growing"
    assert evidence["data_evaluation_share"] == pytest.approx(0.2)
    assert evidence["data_evaluation_meets_guide"] is True
    assert evidence["coverage_verdict"] is None
    assert set(evidence) == set(EVIDENCE_KEYS)


def test_evidence_of_an_empty_office_says_nothing_is_known() -> None:
    evidence = monitoring_evidence(parse_records("office: Empty"), as_of=dt.date(2024, 1, 1))
    assert evidence["has_baseline"] is False
    assert evidence["budget_sources_count"] == 0
    assert evidence["largest_source_share"] is None
    assert evidence["legal_safeguard"] is False
    assert evidence["staff_fte"] == 0
    assert evidence["data_evaluation_share"] is None


PARTNERED = """
office: Partnered office
indicators:
  - id: rate
    sheet: homicide_rate
    baseline: {year: 2020, value: 40}
    observations: [{year: 2023, value: 33}]
    published: https://example.org/observatory
  - id: reached
    sheet: participants_reached
    published: annual report 2023
  - id: planned
    sheet: robbery_rate
programs:
  - {id: p1, name: P1, prevention_level: primary, focus_population: children, stage: scale_up,
     partners: [club, police]}
  - {id: p2, name: P2, prevention_level: tertiary, focus_population: adults, stage: scale_up,
     partners: [police]}
partners:
  - {id: club, name: Club, kind: community_based, funded: true}
  - {id: church, name: Church, kind: faith}
  - {id: police, name: Police, kind: police, funded: true}
budget:
  - {year: 2023, source: municipal, amount: 50, multi_year: true}
  - {year: 2023, source: national, amount: 30, kind: project, multi_year: true}
  - {year: 2023, source: private, amount: 20}
  - {year: 2023, source: regional, amount: 0}
coverage:
  - {id: a, year: 2022, participants: [{count: 1}], victims: [{count: 1}]}
  - {id: b, year: 2023, participants: [{count: 1}], victims: [{count: 1}]}
  - {id: c, participants: [{count: 1}], victims: [{count: 1}]}
"""


def test_evidence_for_the_assessment_bridge_from_hand_made_records() -> None:
    evidence = monitoring_evidence(parse_records(PARTNERED), as_of=dt.date(2024, 1, 1))
    assert evidence["sheets_observed"] == ["homicide_rate"]
    assert evidence["sheets_with_baseline"] == ["homicide_rate"]
    assert evidence["indicators_published"] == 2
    assert evidence["published_against_baseline"] == 1  # the rate; 'reached' has neither
    assert evidence["programs_with_community_partners"] == 1  # p2 has only the police
    assert evidence["funded_community_partners"] == 1  # the club; the church is not funded
    assert evidence["budget_sources"] == ["municipal", "national", "private"]  # no zero lines
    assert evidence["multi_year_core_share"] == pytest.approx(0.5)  # national is a project
    assert evidence["coverage_audit_years"] == [2022, 2023]
