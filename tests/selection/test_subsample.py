"""The four filters on a labelled mapping: the report's 21 offices and failing candidates."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovpkit.cli.select import example_mapping
from ovpkit.errors import DataError
from ovpkit.i18n import use_language
from ovpkit.selection import (
    Candidate,
    DiverseContexts,
    FilterSet,
    Known,
    Stability,
    read_mapping,
    select_subsample,
)

#: Illustrative candidates of the shipped mapping and the one filter each must fail.
EXPECTED_FAILURES = {
    "Example City A": ("civilian-leadership",),
    "Example City B": ("stability",),
    "Example City C": ("public-information",),
    "Example City D": ("diverse-contexts",),
    "Example City E": ("diverse-contexts",),
    "Example City F": ("civilian-leadership",),
}


@pytest.fixture(scope="module")
def candidates() -> tuple[Candidate, ...]:
    return read_mapping(example_mapping())


def test_subsample_reproduces_the_reports_18_cities_in_10_countries(
    candidates: tuple[Candidate, ...],
) -> None:
    subsample = select_subsample(candidates)

    cities = {(c.country, c.city) for c in subsample.selected}
    assert len(subsample.selected) == 21
    assert len(cities) == 18
    assert len(subsample.countries()) == 10
    assert subsample.regions_covered() == {
        "latin_america": 10,
        "north_america": 5,
        "western_europe": 3,
    }


def test_subsample_each_illustrative_candidate_fails_its_filter(
    candidates: tuple[Candidate, ...],
) -> None:
    subsample = select_subsample(candidates)

    failures = {d.candidate.city: d.kept_out_by for d in subsample.decisions if not d.selected}
    assert failures == EXPECTED_FAILURES


def test_subsample_gives_a_reason_for_every_filter_of_every_candidate(
    candidates: tuple[Candidate, ...],
) -> None:
    subsample = select_subsample(candidates)

    for decision in subsample.decisions:
        assert [v.filter for v in decision.verdicts] == [
            "civilian-leadership",
            "stability",
            "public-information",
            "diverse-contexts",
        ]
        assert all(v.reason for v in decision.verdicts)


def test_stability_parameter_moves_the_cut(candidates: tuple[Candidate, ...]) -> None:
    strict = FilterSet(
        candidate_filters=(Stability(min_age_years=10, as_of=2023),),
        diversity=DiverseContexts(max_cities_per_country=99),
    )

    selected = {c.office for c in select_subsample(candidates, strict).selected}

    # Only offices whose founding year is known to be 2013 or earlier survive.
    assert "REACH Edmonton Council for Safe Communities" in selected  # 2010
    assert "Office of Violence Prevention and Behavioral Health" in selected  # 1994
    assert "Secretariat for Peace and Citizen Culture" not in selected  # 2016
    assert "Department of Violence Prevention" not in selected  # only known to be <=2018


def test_stability_with_only_an_upper_bound_says_at_least() -> None:
    candidate = Candidate(city="X", country="Y", founded="<=2018")  # type: ignore[arg-type]

    verdict = Stability(as_of=2023)(candidate)

    assert verdict.passed is True
    assert "at least 5 years" in verdict.reason


def test_diverse_contexts_keeps_two_offices_of_one_city_as_one_city() -> None:
    offices = [
        Candidate(city=f"C{i}", country="Z", region="latin_america")  # type: ignore[arg-type]
        for i in range(2)
    ]
    offices.append(Candidate(city="C0", country="Z", region="latin_america", office="second"))  # type: ignore[arg-type]

    verdicts = DiverseContexts(max_cities_per_country=2).judge(offices)

    assert [verdicts[i].passed for i in range(3)] == [True, True, True]


def test_mapping_unknown_is_distinct_from_no(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("city,country,civilian_led\nA,X,\nB,X,no\n", encoding="utf-8")

    a, b = read_mapping(path)

    assert a.civilian_led is Known.UNKNOWN
    assert b.civilian_led is Known.NO


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("city,country,founded\nA,X,2010\nB,X,last year\n", "row 3, field 'founded'"),
        ("city,country,civilian_led\nA,X,maybe\n", "row 2, field 'civilian_led'"),
        ("city,country,sources\nA,X,newspaper\n", "row 2, field 'sources'"),
        ("city,colour\nA,X\n", "missing column(s): country"),
        ("city,country,mayor\nA,X,Y\n", "unknown column(s): mayor"),
        ("", "the file is empty"),
    ],
)
def test_mapping_bad_rows_name_file_row_and_field(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(DataError) as error:
        read_mapping(path)

    assert expected in str(error.value)
    assert "mapping.csv" in str(error.value)


def test_mapping_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("city,country\nPeñalolén,Chile\n".encode("latin-1"))

    with pytest.raises(DataError, match="not UTF-8"):
        read_mapping(path)


def test_verdict_reason_reads_in_the_current_language(candidates: tuple[Candidate, ...]) -> None:
    decision = select_subsample(candidates).decisions[0]
    stability = next(v for v in decision.verdicts if v.filter == "stability")
    english = stability.reason

    with use_language("es"):
        spanish = stability.reason

    assert english.startswith("founded ") and spanish.startswith("fundada en ")
    assert str(decision.candidate.founded) in spanish and "2023" in spanish
