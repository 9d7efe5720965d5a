"""The core's consultation: the shipped template, the office's settings, the analysis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ovpkit.errors import AnswersError
from ovpkit.i18n import use_language
from ovpkit.monitoring import consultation as core
from ovpkit.monitoring.survey import weighted_proportions

NIGHT = "safe_after_dark"


def _response(area: str, night: str = "very_safe") -> core.Response:
    answers = {NIGHT: night, "safe_daytime": "very_safe", "compared_last_year": "same",
               "avoided_places": "no"}  # fmt: skip
    return core.Response(area=area, answers=answers)


def _answers(area: str, unsafe: int, safe: int) -> list[core.Response]:
    return [_response(area, "very_unsafe")] * unsafe + [_response(area, "fairly_safe")] * safe


def test_the_template_has_a_headline_share_per_choice_question() -> None:
    template = core.load_template()
    choice = [q for q in template.questions if q.kind == "choice"]
    assert choice and all(q.headline for q in choice)
    assert {"very_unsafe", "a_bit_unsafe"} == set(template.question(NIGHT).headline.options)  # type: ignore[union-attr]


def test_it_post_stratifies_by_area_population() -> None:
    """Norte 30,000 people, 10 of 20 unsafe; Sur 10,000, 0 of 20: 0.5 × 0.75 = 37.5 %."""
    areas = (core.Area(name="Norte", population=30_000), core.Area(name="Sur", population=10_000))
    doc = core.default_consultation(areas)
    result = core.analyse(doc, _answers("Norte", 10, 10) + _answers("Sur", 0, 20))
    headline = result.questions[0].headline
    assert result.weighted and headline is not None
    assert headline.overall.estimate == pytest.approx(0.375)


def test_it_is_unweighted_and_says_so_without_every_population() -> None:
    areas = (core.Area(name="Norte", population=30_000), core.Area(name="Sur"))
    doc = core.default_consultation(areas)
    result = core.analyse(doc, _answers("Norte", 10, 10) + _answers("Sur", 0, 20))
    headline = result.questions[0].headline
    assert not result.weighted and headline is not None
    assert headline.overall.estimate == pytest.approx(0.25)


def test_its_shares_are_the_survey_estimators() -> None:
    """The same figure as ``ovpkit survey`` on the same answers and weights (Kish)."""
    import pandas as pd

    areas = (core.Area(name="Norte", population=30_000), core.Area(name="Sur", population=10_000))
    result = core.analyse(
        core.default_consultation(areas), _answers("Norte", 7, 13) + _answers("Sur", 3, 17)
    )
    frame = pd.DataFrame({"y": [1] * 7 + [0] * 13 + [1] * 3 + [0] * 17,
                          "w": [1500.0] * 20 + [500.0] * 20})  # fmt: skip
    direct = weighted_proportions(frame, outcome="y", weight="w", method="kish", threshold=10)
    headline = result.questions[0].headline
    assert headline is not None
    assert headline.overall.estimate == pytest.approx(direct.overall.estimate)
    assert headline.overall.lower == pytest.approx(direct.overall.lower)


def test_a_small_area_is_hidden_with_a_complementary_one() -> None:
    areas = tuple(core.Area(name=n) for n in ("Norte", "Sur", "Centro"))
    result = core.analyse(
        core.default_consultation(areas),
        _answers("Norte", 5, 15) + _answers("Sur", 2, 30) + _answers("Centro", 1, 3),
    )
    hidden = {a.area: a.reason for a in result.areas if a.answers is None}
    assert hidden["Centro"] == "small" and "complementary" in hidden.values()
    assert result.answers == 56
    for share in (result.questions[0].headline, *result.questions[0].options):
        assert share is not None
        assert all(a.suppressed for a in share.areas if a.area in hidden)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=6))
def test_no_hidden_area_follows_from_the_total(counts: list[int]) -> None:
    """Published: the total and the shown areas, so the hidden ones sum to the difference.
    One hidden area alone would be that difference; two or more are not pinned."""
    areas = tuple(core.Area(name=f"a{i}") for i in range(len(counts)))
    responses = [r for i, n in enumerate(counts) for r in _answers(f"a{i}", 0, n)]
    result = core.analyse(core.default_consultation(areas), responses)
    shown = [a.answers for a in result.areas if a.answers is not None]
    assert all(n == 0 or n >= 10 for n in shown)
    if result.answers is not None:
        assert len(result.areas) - len(shown) != 1


def test_nothing_is_published_below_the_threshold_in_all() -> None:
    areas = (core.Area(name="Norte"),)
    result = core.analyse(core.default_consultation(areas), _answers("Norte", 2, 5))
    assert result.answers is None and result.questions == ()


def test_it_refuses_an_area_not_in_the_list() -> None:
    doc = core.default_consultation((core.Area(name="Norte"),))
    with use_language("es"), pytest.raises(AnswersError, match="no está en la lista"):
        core.check_response(doc, _response("Calle Falsa 123"))


def test_the_offices_wording_is_used_in_its_language_only() -> None:
    doc = core.OfficeConsultation(
        questions=(NIGHT,), areas=(core.Area(name="Norte"),),
        wording={NIGHT: {"es": "¿Se siente seguro de noche en su barrio?"}},
    )  # fmt: skip
    question = core.load_template().question(NIGHT)
    assert question is not None
    with use_language("es"):
        assert core.question_text(doc, question) == "¿Se siente seguro de noche en su barrio?"
    with use_language("pt"):
        assert core.question_text(doc, question).startswith("O quanto você se sente")


def test_the_settings_need_a_choice_question_and_distinct_areas() -> None:
    with pytest.raises(ValidationError):
        core.OfficeConsultation(questions=("what_would_help",), areas=(core.Area(name="A"),))
    with pytest.raises(ValidationError):
        core.OfficeConsultation(
            questions=(NIGHT,), areas=(core.Area(name="A"), core.Area(name="a"))
        )


def test_areas_are_read_with_a_population_in_either_format() -> None:
    areas = core.parse_areas("Centro: 12.500\nLa Loma: 3,200\n\nEl Río")
    assert [(a.name, a.population) for a in areas] == [
        ("Centro", 12500), ("La Loma", 3200), ("El Río", None)
    ]  # fmt: skip
    with use_language("pt"), pytest.raises(AnswersError, match="não é um número inteiro"):
        core.parse_areas("Centro: muita gente")


def test_populations_from_the_store_take_the_latest_year_summed_over_sex() -> None:
    from ovpkit.diagnosis import open_store

    con = open_store(":memory:")
    rows = [("b", "Centro", 2020, "F", 50), ("a", "Centro", 2023, "F", 60),
            ("a", "Centro", 2023, "M", 55), ("b", "Centro", 2023, None, 999)]  # fmt: skip
    for source, area, year, sex, n in rows:
        con.execute("INSERT INTO population (source, area_code, year, sex, population) "
                    "VALUES (?, ?, ?, ?, ?)", [source, area, year, sex, n])  # fmt: skip
    found = core.store_populations(con)
    assert found == {"Centro": 115}  # source "a" first by name, as the diagnosis does
    areas, unmatched = core.with_populations(
        (core.Area(name="centro"), core.Area(name="Sur", population=7)), found
    )
    assert [a.population for a in areas] == [115, 7] and unmatched == ("Sur",)


def test_answers_without_a_question_asked_now_are_set_aside() -> None:
    """An answer from before the office added a question does not count for any share."""
    doc = core.default_consultation((core.Area(name="Norte"),))
    old = core.Response(area="Norte", answers={NIGHT: "very_unsafe"})
    result = core.analyse(doc, [*_answers("Norte", 0, 12), old])
    assert result.answers == 12 and result.set_aside == 1
    headline = result.questions[0].headline
    assert headline is not None and headline.overall.estimate == 0.0
