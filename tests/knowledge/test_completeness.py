"""The knowledge base holds what the report states: offices, goals, numbers, charts."""

from __future__ import annotations

import re

import pytest

from ovpkit.knowledge import KnowledgeBase, load_knowledge_base, normalise
from ovpkit.knowledge.models import FactKind, OfficeStatus, Unit
from ovpkit.knowledge.sections import locate_sections


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _appendix_rows(report_raw: str) -> list[str]:
    start, end = locate_sections(report_raw)["appendix"]
    lines = report_raw[start:end].splitlines()
    table = lines[lines.index("Country\tCity\tOffice") + 1 :]
    return [line for line in table if line.strip()]


def test_offices_every_appendix_office_is_present(kb: KnowledgeBase, report_raw: str) -> None:
    appendix = normalise(" ".join(_appendix_rows(report_raw)))
    in_sample = [o for o in kb.offices if o.in_sample]

    # 18 cities, three of which (Cali, Chicago, Medellín) have two offices.
    assert len(in_sample) == 21
    assert len({(o.country, o.city) for o in in_sample}) == 18
    assert len({o.country for o in in_sample}) == 10
    missing = [o.name for o in in_sample if normalise(o.name) not in appendix]
    assert not missing


def test_offices_include_bristol_proposed_and_rosario_without_office(kb: KnowledgeBase) -> None:
    statuses = {o.city: o.status for o in kb.offices if not o.in_sample}

    assert statuses == {"Bristol": OfficeStatus.PROPOSED, "Rosario": OfficeStatus.NONE}


def test_offices_every_stated_attribute_is_supported_by_a_fact(kb: KnowledgeBase) -> None:
    unsupported = []
    for office in kb.offices:
        supported = {a for f in kb.facts_about(office=office.slug) for a in f.supports}
        stated = {
            "model": office.model,
            "civilian_led": office.civilian_led,
            "founded": office.founded,
            "police_jurisdiction": office.police_jurisdiction,
            "funding_sources": office.funding_sources or None,
        }
        unsupported += [
            f"{office.slug}.{name}"
            for name, value in stated.items()
            if value is not None and name not in supported
        ]
    assert not unsupported


def test_oakland_has_its_five_goals_with_the_endnote(kb: KnowledgeBase) -> None:
    goals = [f for f in kb.facts_about(office="oakland-dvp") if f.kind is FactKind.GOAL]

    assert len(goals) == 5
    assert {g.citation.endnote for g in goals} == {21}
    text = " ".join(g.statement.lower() for g in goals)
    for goal in (
        "gun violence",
        "intimate partner violence",
        "commercial sexual exploitation",
        "unsolved homicides",
        "community trauma",
    ):
        assert goal in text


@pytest.mark.parametrize(
    ("office", "value", "unit"),
    [
        ("pelotas-ggim", 38, Unit.PERCENT),
        ("pelotas-ggim", 81, Unit.PERCENT),
        ("palmira", 290, Unit.PEOPLE),
        ("palmira", 37, Unit.COUNT),
        ("palmira", 3, Unit.PERCENT),
        ("reach-edmonton", 3.3, Unit.RATIO),
        ("rosario", 287, Unit.COUNT),
        ("rosario", 22.1, Unit.PER_100K),
        ("cali-ssj", 43.1, Unit.PER_100K),
    ],
)
def test_facts_numbers_named_by_the_report_are_numbers(
    kb: KnowledgeBase, office: str, value: float, unit: Unit
) -> None:
    matches = [
        f
        for f in kb.facts
        if (office in f.offices or f.place is not None and office.split("-")[0] in f.place.lower())
        and f.value == value
        and (f.unit is unit or {f.unit, unit} == {Unit.COUNT, Unit.PEOPLE})
    ]
    assert matches, f"no fact about {office} with value {value} {unit.value}"


def test_facts_ranges_have_both_ends(kb: KnowledgeBase) -> None:
    for fact in kb.facts:
        if fact.qualifier.value == "range":
            assert fact.value is not None and fact.value_high is not None, fact.id
            assert fact.value < fact.value_high, fact.id


def test_facts_field_wide_numbers_are_present(kb: KnowledgeBase) -> None:
    numbers = {(f.value, f.value_high, f.unit) for f in kb.facts}

    assert (1_500_000, 3_000_000, Unit.USD) in numbers  # cost of a homicide
    assert (500_000, 35_000_000, Unit.USD) in numbers  # US budget range
    assert any(v == 30 for v, _h, _u in numbers)  # 30 of 42 US offices
    assert any(v == 15 and u is Unit.PERCENT for v, _h, u in numbers)  # data and evaluation


def test_charts_cover_four_cities_and_nine_criteria(kb: KnowledgeBase) -> None:
    assert sorted(c.office for c in kb.charts) == [
        "bristol-vpc",
        "cali-ssj",
        "reach-edmonton",
        "rosario",
    ]
    for chart in kb.charts:
        assert [cell.criterion for cell in chart.cells] == list(range(1, 10))


def test_criteria_are_nine_with_every_takeaway_sentence(kb: KnowledgeBase, report_raw: str) -> None:
    assert [c.id for c in kb.criteria] == list(range(1, 10))
    paragraphs = re.findall(r"Key takeaways:(.*)", report_raw)
    sentences = [s for p in paragraphs for s in re.split(r"(?<=\.)\s+", p.strip()) if s]
    quoted = " ".join(normalise(t.quote) for c in kb.criteria for t in c.key_takeaways)
    missing = [s for s in sentences if normalise(re.sub(r"[²-⁹¹⁰]+", "", s)) not in quoted]
    assert not missing


def test_framework_collections_are_complete(kb: KnowledgeBase) -> None:
    assert {p.id.value for p in kb.prevention_levels} == {"primary", "secondary", "tertiary"}
    assert {p.citation.endnote for p in kb.prevention_levels} == {11}
    assert len(kb.office_models) == 4
    assert len(kb.key_notions) == 4
    assert len(kb.selection_sources) == 4
    assert {f.id for f in kb.selection_filters} == {
        "civilian-leadership",
        "stability",
        "diverse-contexts",
        "public-information",
    }
    assert {s.id.value for s in kb.funding_sources} == {
        "municipal",
        "regional",
        "national",
        "international_donor",
        "private",
        "voter_approved_tax",
    }
    assert {p.id.value for p in kb.police_jurisdictions} == {"municipal", "state", "national"}
