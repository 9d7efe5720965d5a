"""What a page shows but cannot translate is marked with its language (HTML ``lang``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ovpkit.assessment.answersfile import load_answers, parse_answer_set
from ovpkit.assessment.comparison import compare_assessments
from ovpkit.assessment.engine import assess
from ovpkit.errors import AnswersError
from ovpkit.i18n import use_language
from ovpkit.publish.assessment import render_assessment_html
from ovpkit.publish.comparison import render_comparison_html
from ovpkit.publish.render import foreign, report_credit

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "examples" / "answers"
MINIMAL = """office: Oficina de Prevención de Ejemplo
language: {lang}
answers:
  context.city:
    value: {city}
"""


def test_foreign_marks_text_of_another_language_only() -> None:
    with use_language("es"):
        assert foreign("Office of Violence Prevention", "en") == (
            '<span lang="en">Office of Violence Prevention</span>'
        )
        assert foreign("Secretaría de Paz", "es") == "Secretaría de Paz"
        assert foreign("Secretaría de Paz", "es-CO") == "Secretaría de Paz"
        assert foreign("<b>", None) == "&lt;b&gt;"


def test_report_title_in_the_footer_is_marked_english() -> None:
    with use_language("pt"):
        credit = str(report_credit())

    assert '<cite lang="en">Lessons from Effective Offices of Violence Prevention</cite>' in credit
    assert credit.startswith("Feito com ovpkit")


def test_an_english_own_name_is_marked_on_a_spanish_page() -> None:
    page = render_assessment_html(assess(load_answers(ANSWERS / "edmonton.yaml")), lang="es")

    assert '<h1><span lang="en">REACH Edmonton' in page


def test_a_local_name_is_not_marked_for_its_own_language() -> None:
    page = render_assessment_html(assess(load_answers(ANSWERS / "cali.yaml")), lang="es")

    assert "<h1>Secretaría de Seguridad y Justicia" in page


def test_the_answers_file_language_marks_the_respondents_own_words() -> None:
    text = MINIMAL.format(lang="en", city="Smalltown, somewhere")

    page = render_assessment_html(assess(parse_answer_set(text, file="a.yaml")), lang="es")

    assert '<span lang="en">Smalltown, somewhere</span>' in page
    assert '<h1><span lang="en">Oficina de Prevención de Ejemplo</span></h1>' in page


def test_own_words_in_the_page_language_are_not_marked() -> None:
    text = MINIMAL.format(lang="es", city="Pueblo, Colombia")

    page = render_assessment_html(assess(parse_answer_set(text, file="a.yaml")), lang="es")

    assert "<td>Pueblo, Colombia</td>" in page


def test_an_unknown_language_code_is_refused_naming_the_field() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_answer_set(MINIMAL.format(lang="klingon-x", city="A"), file="a.yaml")

    assert caught.value.field == "language"


def test_comparison_names_rows_as_the_report_names_the_offices() -> None:
    cali = assess(load_answers(ANSWERS / "cali.yaml"))
    edmonton = assess(load_answers(ANSWERS / "edmonton.yaml"))

    page = render_comparison_html(compare_assessments([cali, edmonton]), lang="es")

    assert "Secretariats of Security and Justice" not in page  # the answers file's wording
    assert "Secretaría de Seguridad y Justicia" in page
    assert '<span lang="en">REACH Edmonton' in page
