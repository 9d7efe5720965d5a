"""Tradeoffs per recommendation: each opportunity weighs the tradeoffs that concern it.

Expected ids come from reading src/ovpkit/knowledge/data/tradeoffs.yaml and rubric.yaml
(the tags each record carries), not from the engine's output.
"""

from __future__ import annotations

import pytest

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.engine import assess
from ovpkit.assessment.export import assessment_document
from ovpkit.assessment.peers import MAX_OPPORTUNITY_TRADEOFFS
from ovpkit.assessment.results import Assessment, Opportunity
from ovpkit.assessment.rubric import Rubric
from ovpkit.assessment.validation import city_assessments
from ovpkit.knowledge import KnowledgeBase

#: a funded office (criterion 6 at level 2) whose only source is the municipal budget
SINGLE_MUNICIPAL_SOURCE = """\
  budget.dedicated: yes
  budget.adequate: yes
  budget.sources: [municipal]
"""

#: a city whose police answer to the state, with no coordination with them yet
STATE_POLICE = """\
  context.police_jurisdiction: state
  prevention.police_coordination: no
  politics.demand: yes
"""


def _assess(body: str, kb: KnowledgeBase) -> Assessment:
    return assess(parse_answer_set("office: Test office\nanswers:\n" + body), kb=kb)


def _opportunity(result: Assessment, criterion: int, check: str) -> Opportunity:
    found = [o for o in result.criterion(criterion).opportunities if o.check == check]
    assert found, f"{check} is not an opportunity of criterion {criterion}"
    return found[0]


def test_single_funding_source_weighs_diverse_funding_on_diversifying(kb: KnowledgeBase) -> None:
    # tradeoffs.yaml: single-or-diverse-funding, tagged diverse-funding like the check
    # budget-diverse; its gain is protection from one government's changes, its cost
    # more actors and coordination.
    opportunity = _opportunity(_assess(SINGLE_MUNICIPAL_SOURCE, kb), 6, "budget-diverse")

    notes = {t.id: t for t in opportunity.tradeoffs}

    assert "single-or-diverse-funding" in notes
    weighed = notes["single-or-diverse-funding"]
    assert "political transitions" in weighed.gain
    assert "more coordination" in weighed.cost


def test_single_funding_source_ranks_funding_mix_tradeoffs_first(kb: KnowledgeBase) -> None:
    # One private source: the context calls for diverse-funding (rubric context_tags), so
    # the two tradeoffs tagged diverse-funding outrank those tagged private-funding,
    # although the office's private source is among the latter's concerns.
    body = "  budget.dedicated: yes\n  budget.adequate: yes\n  budget.sources: [private]\n"
    diverse = {t.id for t in kb.tradeoffs if "diverse-funding" in t.tags}

    opportunity = _opportunity(_assess(body, kb), 6, "budget-diverse")

    assert len(diverse) == 2
    assert {t.id for t in opportunity.tradeoffs} == diverse


def test_police_coordination_weighs_the_police_tradeoff(kb: KnowledgeBase) -> None:
    # tradeoffs.yaml: secondary-prevention-with-police (tags police-coordination and
    # no-police-control, the tags of the checks prevention-police and politics-other-levels).
    result = _assess(STATE_POLICE, kb)

    prevention = _opportunity(result, 5, "prevention-police")
    politics = _opportunity(result, 8, "politics-other-levels")

    assert prevention.tradeoffs[0].id == "secondary-prevention-with-police"
    assert politics.tradeoffs[0].id == "secondary-prevention-with-police"
    assert "state or nation" in prevention.tradeoffs[0].cost


def test_staff_contracts_weigh_short_term_funding(kb: KnowledgeBase) -> None:
    # staff-stable (tag staff-retention) and unpredictable-funding-and-contracts, whose
    # cost is the tenure insecurity of short-term contracts.
    body = "  staff.dedicated_team: yes\n  staff.qualified: yes\n  staff.permanent: no\n"

    opportunity = _opportunity(_assess(body, kb), 7, "staff-stable")

    assert "unpredictable-funding-and-contracts" in {t.id for t in opportunity.tradeoffs}


def test_every_weighed_tradeoff_shares_a_tag_with_its_check(
    kb: KnowledgeBase, rubric: Rubric
) -> None:
    tags = {t.id: set(t.tags) for t in kb.tradeoffs}
    opportunities = [
        o for a in city_assessments(kb).values() for c in a.criteria for o in c.opportunities
    ]

    weighed = [(o.check, t.id) for o in opportunities for t in o.tradeoffs]
    unrelated = [
        (check, tid) for check, tid in weighed if not tags[tid] & set(rubric.check(str(check)).tags)
    ]

    assert len(weighed) > 20
    assert not unrelated


def test_opportunities_weigh_at_most_a_few_cited_tradeoffs(kb: KnowledgeBase) -> None:
    opportunities = [
        o for a in city_assessments(kb).values() for c in a.criteria for o in c.opportunities
    ]

    assert all(len(o.tradeoffs) <= MAX_OPPORTUNITY_TRADEOFFS for o in opportunities)
    assert all(t.source.quote and t.source.section for o in opportunities for t in o.tradeoffs)
    assert all(len({t.id for t in o.tradeoffs}) == len(o.tradeoffs) for o in opportunities)


def test_context_alone_never_brings_a_tradeoff(kb: KnowledgeBase, rubric: Rubric) -> None:
    # mandate-public has no tags: a state police force (context tags no-police-control and
    # police-coordination) must not attach the police tradeoffs to publishing the mandate.
    body = "  context.police_jurisdiction: state\n  mandate.written: yes\n  mandate.public: no\n"
    assert not rubric.check("mandate-public").tags

    opportunity = _opportunity(_assess(body, kb), 1, "mandate-public")

    assert opportunity.tradeoffs == ()


def test_criterion_keeps_its_tradeoffs_as_the_fallback(kb: KnowledgeBase) -> None:
    body = "  mandate.written: yes\n  mandate.public: no\n"
    of_criterion_1 = {t.id for t in kb.tradeoffs if 1 in t.criteria}

    result = _assess(body, kb).criterion(1)

    assert result.tradeoffs
    assert {t.id for t in result.tradeoffs} <= of_criterion_1


@pytest.mark.parametrize("city", ["Bristol", "Cali", "Edmonton", "Rosario"])
def test_json_gives_tradeoffs_per_opportunity_and_per_criterion(
    kb: KnowledgeBase, city: str
) -> None:
    document = assessment_document(city_assessments(kb)[city])

    for criterion in document["criteria"]:
        assert "tradeoffs" in criterion
        for opportunity in criterion["opportunities"]:
            for tradeoff in opportunity["tradeoffs"]:
                assert {"id", "topic", "gain", "cost", "matched_tags", "citation"} <= set(tradeoff)
                assert tradeoff["citation"]["quote"]
                assert tradeoff["matched_tags"]
