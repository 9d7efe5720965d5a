"""The engine end to end: the JSON the issue asks for, peers matched to context, plan, advice."""

from __future__ import annotations

from typing import Any

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.engine import CONTINUE, assess
from ovpkit.assessment.export import assessment_document
from ovpkit.assessment.results import Assessment
from ovpkit.knowledge import KnowledgeBase


def _assess(body: str, kb: KnowledgeBase, office_slug: str | None = None) -> Assessment:
    header = "office: Test office\n" + (f"office_slug: {office_slug}\n" if office_slug else "")
    return assess(parse_answer_set(header + "answers:\n" + body), kb=kb)


NO_POLICE_NO_OFFICE = """\
  context.office_status: none
  context.police_jurisdiction: state
  partners.civil_society: yes
  budget.sources: [municipal]
  mandate.written: no
"""


def test_assessment_json_has_every_field_per_criterion(kb: KnowledgeBase) -> None:
    document = assessment_document(_assess(NO_POLICE_NO_OFFICE, kb))
    assert [c["criterion"] for c in document["criteria"]] == list(range(1, 10))
    fields = {"criterion", "level", "confidence", "strengths", "opportunities", "exemplars"}
    for criterion in document["criteria"]:
        assert fields | {"tradeoffs"} <= set(criterion)
        level = criterion["level"]
        assert (0 <= level <= 3) if criterion["assessed"] else level is None
        assert 0.0 <= criterion["confidence"] <= 1.0
    assert {"action_plan", "key_notions", "office_model_advice"} <= set(document)


def test_exemplars_carry_citations_with_verbatim_quotes(kb: KnowledgeBase) -> None:
    document = assessment_document(_assess(NO_POLICE_NO_OFFICE, kb))
    exemplars: list[dict[str, Any]] = [e for c in document["criteria"] for e in c["exemplars"]]
    assert exemplars
    assert all(e["citation"]["section"] and e["citation"]["quote"] for e in exemplars)


def test_no_police_control_brings_peers_that_do_not_depend_on_the_police(
    kb: KnowledgeBase,
) -> None:
    result = _assess(NO_POLICE_NO_OFFICE, kb)
    tagged = {
        e.practice
        for c in result.criteria
        for e in c.exemplars
        if "no-police-control" in e.matched_tags
    }
    assert any(p.startswith("pelotas") for p in tagged), tagged


def test_single_funding_source_brings_legal_budget_safeguards(kb: KnowledgeBase) -> None:
    body = "  budget.dedicated: yes\n  budget.adequate: yes\n  budget.sources: [municipal]\n"
    exemplars = {e.practice for e in _assess(body, kb).criterion(6).exemplars}
    assert {"pelotas-budget-by-law", "oakland-voter-approved-tax"} <= exemplars


def test_exemplars_leave_out_the_assessed_office_itself(kb: KnowledgeBase) -> None:
    result = _assess(NO_POLICE_NO_OFFICE, kb, office_slug="rosario")
    offices = {e.office for c in result.criteria for e in c.exemplars}
    assert not any(o and "Rosario" in o for o in offices)


def test_office_model_advice_only_when_no_office_exists(kb: KnowledgeBase) -> None:
    without = _assess(NO_POLICE_NO_OFFICE, kb).office_model_advice
    with_office = _assess("  context.office_status: active\n", kb).office_model_advice
    assert without is not None and with_office is None
    favoured = [o.model for o in without.options if o.reasons]
    assert set(favoured[:2]) == {"mixed_coalition", "independent_council"}


def test_office_model_advice_cites_a_caution_for_every_model(kb: KnowledgeBase) -> None:
    advice = _assess(NO_POLICE_NO_OFFICE, kb).office_model_advice
    assert advice is not None and len(advice.options) == 4
    assert all(o.caution.source.quote for o in advice.options)


def test_context_priority_offers_police_cooperation_early(kb: KnowledgeBase) -> None:
    result = _assess(NO_POLICE_NO_OFFICE + "  politics.demand: yes\n", kb)
    politics = result.criterion(8)
    assert politics.level == 1
    early = [o for o in politics.opportunities if o.check == "politics-other-levels"]
    assert early and early[0].priority_reason


def test_opportunities_of_unknown_checks_are_marked_unconfirmed(kb: KnowledgeBase) -> None:
    result = _assess("  partners.civil_society: yes\n", kb)
    opportunities = result.criterion(2).opportunities
    assert opportunities and not any(o.confirmed for o in opportunities)


def test_top_level_criterion_says_continue(kb: KnowledgeBase) -> None:
    body = (
        "  documentation.reports: yes\n  documentation.regular: yes\n"
        "  documentation.baseline: yes\n  documentation.program_evaluation: yes\n"
        "  documentation.communication: yes\n"
    )
    result = _assess(body, kb).criterion(9)
    assert result.level == 3
    assert [o.text for o in result.opportunities] == [CONTINUE]


def test_strengths_show_the_answers_and_evidence_behind_them(kb: KnowledgeBase) -> None:
    body = (
        "  mandate.written:\n    value: yes\n"
        "    evidence: {source: https://example.org/m.pdf, date: 2022-01-01}\n"
    )
    (strength,) = _assess(body, kb).criterion(1).strengths
    assert strength.evidence[0].answer == "yes"
    assert strength.evidence[0].evidence[0].source == "https://example.org/m.pdf"


def test_action_plan_puts_dependencies_in_earlier_phases(kb: KnowledgeBase) -> None:
    body = NO_POLICE_NO_OFFICE + "  diagnosis.data_available: yes\n  diagnosis.exists: no\n"
    plan = _assess(body, kb).action_plan
    phase = {step.check: step.phase for step in plan}
    for step in plan:
        for earlier in step.depends_on:
            assert phase[earlier] < step.phase
    assert [s.order for s in plan] == list(range(1, len(plan) + 1))


def test_action_plan_lists_quick_wins_before_structural_changes_in_a_phase(
    kb: KnowledgeBase,
) -> None:
    body = "  mandate.written: yes\n  mandate.public: no\n  mandate.social_approach: no\n"
    plan = [s for s in _assess(body, kb).action_plan if s.phase == 1]
    efforts = [s.effort for s in plan]
    assert efforts == sorted(efforts, key=lambda e: e != "quick_win")


def test_key_notions_summarise_their_criteria_levels(kb: KnowledgeBase) -> None:
    result = _assess(NO_POLICE_NO_OFFICE, kb)
    levels = {c.criterion: c.level for c in result.criteria if c.assessed}
    for notion in result.key_notions:
        own = [levels[c] for c in notion.criteria if c in levels]
        expected = sum(own) / len(own) if own else 0.0
        assert notion.mean_level == pytest.approx(expected, abs=0.01)
        assert (notion.status == "not_assessed") == (not own)
    assert len(result.key_notions) == 4


def test_strong_civil_society_and_no_office_brings_reach_and_coprev(kb: KnowledgeBase) -> None:
    result = _assess(NO_POLICE_NO_OFFICE, kb, office_slug="rosario")
    practices = {e.practice for c in result.criteria for e in c.exemplars}
    assert any(p.startswith("reach-") for p in practices)
    assert any(p.startswith("coprev-") for p in practices)
