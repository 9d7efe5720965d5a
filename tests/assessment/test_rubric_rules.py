"""Every rubric rule, one by one: answers that meet it and answers that do not.

The tables are written by hand from the rubric's intent, not computed by the engine;
a new check without a row here fails ``test_every_check_has_test_cases``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.rubric import Rubric, load_rubric
from ovpkit.assessment.rules import Status

Answers = Mapping[str, object]

MEETS: dict[str, Answers] = {
    "mandate-written": {"mandate.written": "partly"},
    "mandate-public": {"mandate.public": "yes"},
    "mandate-social": {"mandate.written": "yes", "mandate.social_approach": "partly"},
    "mandate-goals": {"mandate.measurable_goals": "yes"},
    "mandate-evidence": {"mandate.evidence_based": "yes"},
    "mandate-legitimacy": {"mandate.legal_basis": "no", "mandate.resident_endorsed": "yes"},
    "mandate-coordinating": {"mandate.coordinating_role": "yes"},
    "partners-present": {"partners.civil_society": "partly"},
    "partners-mechanism": {"partners.mechanism": "yes"},
    "partners-participate": {"partners.design": "no", "partners.implementation": "yes"},
    "partners-codesign": {"partners.design": "yes", "partners.implementation": "yes"},
    "partners-feedback": {"partners.feedback": "yes"},
    "partners-backbone": {"partners.supports_cbos": "yes"},
    "diagnosis-data": {"diagnosis.data_available": "yes"},
    "diagnosis-formal": {"diagnosis.exists": "yes"},
    "diagnosis-actionable": {"diagnosis.strategy": "partly"},
    "diagnosis-indicators": {"diagnosis.indicators": "yes"},
    "diagnosis-public": {"diagnosis.public": "yes"},
    "diagnosis-integrated": {"diagnosis.strategy": "yes"},
    "diagnosis-updated": {"diagnosis.regular_update": "yes"},
    "diagnosis-mixed": {"diagnosis.mixed_methods": "yes"},
    "population-served": {"population.served": "yes"},
    "population-defined": {"population.defined": "yes"},
    "population-risk": {"population.highest_risk": "partly"},
    "population-criteria": {"population.criteria": "yes", "population.tailored": "yes"},
    "population-marginalised": {"population.reaches_marginalised": "yes"},
    "population-audit": {"population.audit": "yes"},
    "prevention-any": {"prevention.tertiary": "partly"},
    "prevention-combined": {"prevention.primary": "yes", "prevention.tertiary": "partly"},
    "prevention-stated": {"prevention.stated": "partly"},
    "prevention-all": {
        "prevention.primary": "yes",
        "prevention.secondary": "yes",
        "prevention.tertiary": "yes",
    },
    "prevention-police": {"prevention.police_coordination": "yes"},
    "budget-prospects": {"budget.prospects": "yes"},
    "budget-dedicated": {"budget.dedicated": "yes"},
    "budget-adequate": {"budget.adequate": "partly"},
    "budget-safeguard": {"budget.legal_safeguard": "unknown", "budget.survived_transition": "yes"},
    "budget-diverse": {"budget.sources": ("municipal", "national")},
    "budget-core": {"budget.core_funding": "yes"},
    "staff-present": {"staff.qualified": "yes", "staff.dedicated_team": "no"},
    "staff-team": {"staff.dedicated_team": "yes"},
    "staff-skills": {"staff.qualified": "yes"},
    "staff-stable": {"staff.permanent": "yes"},
    "staff-retention": {"staff.retention": "yes"},
    "staff-community": {"staff.reflects_community": "yes"},
    "staff-mixed": {"staff.delivery_model": "mixed"},
    "politics-demand": {"politics.demand": "yes"},
    "politics-active": {"politics.council_support": "yes"},
    "politics-other-levels": {"context.police_jurisdiction": "municipal"},
    "politics-institutional": {"politics.institutionalised": "yes"},
    "politics-autonomy": {"politics.autonomy": "yes"},
    "politics-coordination": {"politics.no_duplication": "yes"},
    "documentation-some": {"documentation.program_evaluation": "partly"},
    "documentation-public": {"documentation.reports": "yes"},
    "documentation-regular": {"documentation.regular": "yes"},
    "documentation-baseline": {"documentation.baseline": "yes"},
    "documentation-evaluation": {"documentation.impact_evaluation": "yes"},
    "documentation-communication": {"documentation.communication": "yes"},
}

FAILS: dict[str, Answers] = {
    "mandate-written": {"mandate.written": "no"},
    "mandate-public": {"mandate.public": "partly"},
    "mandate-social": {"mandate.social_approach": "no"},
    "mandate-goals": {"mandate.measurable_goals": "partly"},
    "mandate-evidence": {"mandate.evidence_based": "no"},
    "mandate-legitimacy": {"mandate.legal_basis": "no", "mandate.resident_endorsed": "partly"},
    "mandate-coordinating": {"mandate.coordinating_role": "partly"},
    "partners-present": {
        "partners.civil_society": "no",
        "partners.design": "no",
        "partners.implementation": "no",
    },
    "partners-mechanism": {"partners.mechanism": "partly"},
    "partners-participate": {"partners.design": "partly", "partners.implementation": "partly"},
    "partners-codesign": {"partners.design": "partly", "partners.implementation": "yes"},
    "partners-feedback": {"partners.feedback": "no"},
    "partners-backbone": {"partners.supports_cbos": "partly"},
    "diagnosis-data": {"diagnosis.data_available": "no", "diagnosis.exists": "no"},
    "diagnosis-formal": {"diagnosis.exists": "partly"},
    "diagnosis-actionable": {"diagnosis.strategy": "no"},
    "diagnosis-indicators": {"diagnosis.indicators": "partly"},
    "diagnosis-public": {"diagnosis.public": "no"},
    "diagnosis-integrated": {"diagnosis.strategy": "partly"},
    "diagnosis-updated": {"diagnosis.regular_update": "no"},
    "diagnosis-mixed": {"diagnosis.mixed_methods": "partly"},
    "population-served": {"population.served": "no"},
    "population-defined": {"population.defined": "partly"},
    "population-risk": {"population.highest_risk": "no"},
    "population-criteria": {"population.criteria": "yes", "population.tailored": "no"},
    "population-marginalised": {"population.reaches_marginalised": "partly"},
    "population-audit": {"population.audit": "no"},
    "prevention-any": {
        "prevention.primary": "no",
        "prevention.secondary": "no",
        "prevention.tertiary": "no",
    },
    "prevention-combined": {
        "prevention.primary": "yes",
        "prevention.secondary": "no",
        "prevention.tertiary": "no",
    },
    "prevention-stated": {"prevention.stated": "no"},
    "prevention-all": {"prevention.primary": "yes", "prevention.secondary": "partly"},
    "prevention-police": {"prevention.police_coordination": "partly"},
    "budget-prospects": {"budget.prospects": "no", "budget.dedicated": "no"},
    "budget-dedicated": {"budget.dedicated": "partly"},
    "budget-adequate": {"budget.adequate": "no"},
    "budget-safeguard": {"budget.legal_safeguard": "no", "budget.survived_transition": "no"},
    "budget-diverse": {"budget.sources": ("municipal",)},
    "budget-core": {"budget.core_funding": "partly"},
    "staff-present": {"staff.qualified": "no", "staff.dedicated_team": "no"},
    "staff-team": {"staff.dedicated_team": "partly"},
    "staff-skills": {"staff.qualified": "partly"},
    "staff-stable": {"staff.permanent": "no"},
    "staff-retention": {"staff.retention": "partly"},
    "staff-community": {"staff.reflects_community": "no"},
    "staff-mixed": {"staff.delivery_model": "internal"},
    "politics-demand": {
        "politics.demand": "no",
        "politics.mayor_support": "no",
        "politics.council_support": "no",
    },
    "politics-active": {
        "politics.mayor_support": "partly",
        "politics.council_support": "no",
        "politics.promotes": "no",
    },
    "politics-other-levels": {
        "context.police_jurisdiction": "state",
        "politics.other_levels": "no",
    },
    "politics-institutional": {"politics.institutionalised": "partly"},
    "politics-autonomy": {"politics.autonomy": "no"},
    "politics-coordination": {"politics.no_duplication": "partly"},
    "documentation-some": {"documentation.reports": "no", "documentation.program_evaluation": "no"},
    "documentation-public": {"documentation.reports": "partly"},
    "documentation-regular": {"documentation.regular": "no"},
    "documentation-baseline": {"documentation.baseline": "no"},
    "documentation-evaluation": {
        "documentation.program_evaluation": "partly",
        "documentation.impact_evaluation": "no",
    },
    "documentation-communication": {"documentation.communication": "partly"},
}


def _answers(values: Answers) -> dict[str, Answer]:
    return {
        qid: Answer(question=qid, value=None if value == "unknown" else value)  # type: ignore[arg-type]
        for qid, value in values.items()
    }


def test_every_check_has_test_cases(rubric: Rubric) -> None:
    ids = {c.id for c in rubric.checks}
    assert ids == set(MEETS) == set(FAILS)


@pytest.mark.parametrize("check_id", sorted(MEETS))
def test_check_is_met_by_the_answers_it_describes(check_id: str) -> None:
    check = load_rubric().check(check_id)
    assert check.when.evaluate(_answers(MEETS[check_id])) is Status.MET


@pytest.mark.parametrize("check_id", sorted(FAILS))
def test_check_is_not_met_by_answers_that_fall_short(check_id: str) -> None:
    check = load_rubric().check(check_id)
    assert check.when.evaluate(_answers(FAILS[check_id])) is Status.NOT_MET


@pytest.mark.parametrize("check_id", sorted(MEETS))
def test_check_is_unknown_without_answers(check_id: str) -> None:
    check = load_rubric().check(check_id)
    assert check.when.evaluate({}) is Status.UNKNOWN
