"""Answers derived from monitoring records: what the records state, and nothing more.

Expected answers are worked out by hand from the example YAML files (the comments say
how), not taken from the code's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.assessment.answersfile import RespondentRole, load_answers, parse_answer_set
from ovpkit.assessment.engine import assess
from ovpkit.assessment.from_monitoring import (
    answers_from_evidence,
    records_respondent,
    with_records,
)
from ovpkit.assessment.monitoring_rules import (
    load_record_rules,
    parse_fact_condition,
    parse_record_rules,
)
from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.reconcile import reconcile
from ovpkit.cli import app
from ovpkit.errors import KnowledgeError
from ovpkit.i18n import use_language
from ovpkit.monitoring import load_catalogue, load_records, monitoring_evidence, parse_records

REPO = Path(__file__).resolve().parents[2]
PALMIRA = REPO / "examples" / "monitoring" / "palmira.yaml"
REACH = REPO / "examples" / "monitoring" / "reach_edmonton.yaml"
EDMONTON_ANSWERS = REPO / "examples" / "answers" / "edmonton.yaml"
runner = CliRunner()


def _answers(path: Path) -> dict[str, object]:
    respondent = records_respondent(load_records(path), file=path.name)
    return {qid: answer.value for qid, answer in respondent.answers.items()}


def test_palmira_records_answer_what_they_state() -> None:
    answers = _answers(PALMIRA)
    # one program per level: PAZOS neighbourhoods (primary), Forjar (secondary),
    # the mediation pilot (tertiary)
    assert answers["prevention.primary"] == "yes"
    assert answers["prevention.secondary"] == "yes"
    assert answers["prevention.tertiary"] == "yes"
    assert answers["prevention.programs"] == 3.0
    # staff FTE 1 + 3 + 12 + 1 + 2; stable contracts (permanent, fixed-term) 1 + 3 + 1 of 19
    assert answers["staff.full_time"] == 19.0
    assert answers["staff.permanent"] == "partly"
    assert answers["staff.reflects_community"] == "yes"  # the mentors' lived experience
    # the 2024 lines: municipal, private, international_donor
    assert set(answers["budget.sources"]) == {"municipal", "private", "international_donor"}  # type: ignore[arg-type]
    assert answers["budget.dedicated"] == "yes"
    # homicide rate with a 2019 baseline; one coverage audit (2023), partly reaching
    assert answers["diagnosis.indicators"] == "yes"
    assert answers["diagnosis.data_available"] == "yes"
    assert answers["population.audit"] == "partly"
    assert answers["population.highest_risk"] == "partly"


def test_palmira_records_leave_unrecorded_facts_unanswered() -> None:
    answers = _answers(PALMIRA)
    # no budget line carries legal_safeguard (a flag that defaults to false), and the core
    # lines have no multi_year mark: neither is evidence of "no"
    assert "budget.legal_safeguard" not in answers
    assert "budget.core_funding" not in answers
    # nothing in the file says the office publishes, or works with a university
    assert not [qid for qid in answers if qid.startswith("documentation.")]
    assert not [qid for qid in answers if qid.startswith(("mandate.", "politics.", "context."))]


def test_reach_records_answer_what_they_state() -> None:
    answers = _answers(REACH)
    # 2023 lines: municipal (core, multi-year), regional, national, private (projects)
    assert set(answers["budget.sources"]) == {"municipal", "regional", "national", "private"}  # type: ignore[arg-type]
    assert answers["budget.core_funding"] == "yes"
    # FTE 1 + 8 + 10 + 3 + 2 + 3, every position permanent or fixed-term
    assert answers["staff.full_time"] == 27.0
    assert answers["staff.permanent"] == "yes"
    assert answers["prevention.police_coordination"] == "yes"  # Edmonton Police Service
    assert answers["documentation.program_evaluation"] == "yes"  # OST's $3.30 per $1.00
    assert answers["prevention.programs"] == 5.0


def test_reach_records_without_a_tertiary_program_do_not_say_no() -> None:
    answers = _answers(REACH)
    assert "prevention.tertiary" not in answers  # no tertiary program listed, not "none exists"
    assert "diagnosis.indicators" not in answers  # the only baseline is a participants count


def test_derived_answers_carry_their_evidence_and_why() -> None:
    respondent = records_respondent(load_records(PALMIRA), file="palmira.yaml")
    answer = respondent.answers["staff.full_time"]
    assert respondent.id == "monitoring records"
    assert respondent.role is RespondentRole.MONITORING_RECORDS
    assert answer.evidence[0].source == (
        "monitoring records palmira.yaml, staff_fte = 19; staff_positions = 5"
    )
    assert answer.evidence[0].date == "2025-01-31"  # the file's as_of
    assert answer.note is not None and "illustrative" in answer.note


def test_records_that_say_nothing_answer_nothing() -> None:
    facts = monitoring_evidence(parse_records("office: Empty office"))
    assert answers_from_evidence(facts, file="empty.yaml") == {}


def test_records_give_no_only_from_stated_values() -> None:
    records = parse_records(
        """
office: Stated office
budget:
  - {year: 2023, source: municipal, amount: 10, kind: project}
  - {year: 2023, source: private, amount: 5, kind: project}
staff:
  - {role: workers, fte: 4, contract: short_term, function: program_delivery}
"""
    )
    answers = answers_from_evidence(monitoring_evidence(records), file="stated.yaml")
    assert answers["budget.core_funding"].value == "no"  # every line says project funding
    assert answers["staff.permanent"].value == "no"  # every position is short-term
    assert "budget.legal_safeguard" not in answers


def test_budget_sources_left_open_when_a_source_is_not_a_choice() -> None:
    records = parse_records(
        """
office: Odd source
budget:
  - {year: 2023, source: municipal, amount: 10}
  - {year: 2023, source: lottery_fund, amount: 5}
"""
    )
    answers = answers_from_evidence(monitoring_evidence(records), file="odd.yaml")
    assert "budget.sources" not in answers
    assert answers["budget.dedicated"].value == "yes"


# --- with the office's own answers -------------------------------------------------

OFFICE = """
office: Office of Violence Prevention of Example City
answers:
  staff.permanent: yes
  prevention.tertiary: no
  budget.dedicated: yes
agreed:
  prevention.tertiary:
    value: no
    reason: The mediation pilot is a plan; no tertiary program runs yet.
"""


def test_records_disagreeing_with_staff_are_shown_and_left_unresolved() -> None:
    answer_set = with_records(parse_answer_set(OFFICE, file="office.yaml"), [PALMIRA])
    reconciliation = reconcile(answer_set)
    by_question = {d.question: d for d in reconciliation.disagreements}
    assert dict(by_question["staff.permanent"].values) == {
        "respondent": "yes",
        "monitoring records": "partly",
    }
    assert not by_question["staff.permanent"].resolved
    assert reconciliation.answers["staff.permanent"].value is None  # counts as unknown
    assert "budget.dedicated" not in by_question  # both say yes


def test_an_agreed_answer_wins_over_the_records() -> None:
    answer_set = with_records(parse_answer_set(OFFICE, file="office.yaml"), [PALMIRA])
    reconciliation = reconcile(answer_set)
    tertiary = {d.question: d for d in reconciliation.disagreements}["prevention.tertiary"]
    assert tertiary.resolved
    assert reconciliation.answers["prevention.tertiary"].value == "no"


def test_records_fill_questions_the_office_left_out() -> None:
    answer_set = with_records(parse_answer_set(OFFICE, file="office.yaml"), [PALMIRA])
    answers = reconcile(answer_set).answers
    assert answers["staff.full_time"].value == 19.0
    assert answers["staff.full_time"].evidence[0].source.startswith("monitoring records")


def test_edmonton_with_reach_records_keeps_the_office_header_and_disagrees_where_expected() -> None:
    answer_set = with_records(load_answers(EDMONTON_ANSWERS), [REACH])
    result = assess(answer_set)
    assert result.office == "REACH Edmonton Council for Safe Communities"
    assert result.respondents == ("respondent", "monitoring records")
    disagreements = {d.question for d in result.disagreements}
    # the report says "over 30 projects" and three public funders; the illustrative
    # records list 5 programs and a fourth (private) source
    assert {"prevention.programs", "budget.sources"} <= disagreements


def test_several_records_files_are_named_after_their_files() -> None:
    answer_set = with_records(parse_answer_set(OFFICE, file="office.yaml"), [PALMIRA, REACH])
    ids = [r.id for r in answer_set.respondents]
    assert ids == [
        "respondent",
        "monitoring records (palmira.yaml)",
        "monitoring records (reach_edmonton.yaml)",
    ]


# --- the rules file ----------------------------------------------------------------


def test_rules_file_sheets_are_in_the_shipped_catalogue() -> None:
    sheets = set(load_catalogue().sheets)
    document_rules = load_record_rules()
    named = {
        item
        for rule in document_rules
        for case in rule.cases
        for item in _sheet_operands(case.when)
    }
    assert named and named <= sheets, named - sheets


def _sheet_operands(condition: object) -> set[str]:
    parts = getattr(condition, "parts", None)
    if parts is not None:
        return {item for part in parts for item in _sheet_operands(part)}
    key, operand = getattr(condition, "key", ""), getattr(condition, "operand", ())
    return set(operand) if key.startswith("sheets_") and isinstance(operand, tuple) else set()


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"question": "staff.permanant", "why": "x", "cases": []}, "not a question"),
        (
            {"question": "staff.permanent", "why": "x", "number": "staff_fte"},
            "answered with 'cases'",
        ),
        (
            {
                "question": "staff.permanent",
                "why": "x",
                "cases": [{"value": "maybe", "when": {"key": "staff_fte", "above": 0}}],
            },
            "a case is",
        ),
        (
            {
                "question": "staff.permanent",
                "why": "x",
                "cases": [{"value": "yes", "when": {"key": "staff_fteee", "above": 0}}],
            },
            "not a monitoring evidence key",
        ),
        ({"question": "staff.permanent", "cases": []}, "'why' is required"),
    ],
)
def test_rules_file_mistakes_raise_in_plain_words(
    row: dict[str, object], problem: str, questionnaire: Questionnaire
) -> None:
    with pytest.raises(KnowledgeError, match=problem):
        parse_record_rules({"answers": [row]}, questionnaire)


def test_condition_on_a_missing_fact_never_holds() -> None:
    at_most = parse_fact_condition({"key": "core_funding_share", "at_most": 0})
    assert not at_most.holds({"core_funding_share": None})
    assert at_most.holds({"core_funding_share": 0.0})
    entry = parse_fact_condition({"key": "partners_by_kind.police", "at_least": 1})
    assert not entry.holds({"partners_by_kind": {"community_based": 2}})


def test_every_mapped_question_is_documented() -> None:
    docs = (REPO / "docs" / "assessment.md").read_text(encoding="utf-8")
    missing = [rule.question for rule in load_record_rules() if f"`{rule.question}`" not in docs]
    assert not missing, f"list these in docs/assessment.md: {missing}"


# --- the command line --------------------------------------------------------------


def test_cli_assess_with_records_json(tmp_path: Path) -> None:
    answers = tmp_path / "office.yaml"
    answers.write_text(OFFICE, encoding="utf-8")
    result = runner.invoke(app, ["assess", str(answers), "--records", str(PALMIRA), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["respondents"] == ["respondent", "monitoring records"]
    derived = document["from_records"]["monitoring records"]
    assert derived["staff.full_time"]["value"] == 19.0
    assert derived["budget.dedicated"]["evidence"][0].startswith(f"monitoring records {PALMIRA}")
    questions = {d["question"]: d for d in document["disagreements"]}
    assert questions["staff.permanent"]["answers"] == {
        "respondent": "yes",
        "monitoring records": "partly",
    }


def test_cli_assess_without_records_has_no_records_block() -> None:
    result = runner.invoke(app, ["assess", str(EDMONTON_ANSWERS), "--json"])
    assert result.exit_code == 0, result.output
    assert "from_records" not in json.loads(result.stdout)


def test_cli_assess_with_records_in_spanish(tmp_path: Path) -> None:
    answers = tmp_path / "office.yaml"
    answers.write_text(OFFICE, encoding="utf-8")
    args = ["assess", str(answers), "--records", str(REACH), "--lang", "es"]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert "registros de monitoreo" in document["respondents"]
    with use_language("es"):
        note = records_respondent(load_records(REACH)).answers["staff.permanent"].note
    assert note is not None and "equivalentes a tiempo completo" in note
