"""The assessment report in every language: one name per criterion and office, local numbers."""

from __future__ import annotations

import re
from html import unescape

import pytest

from ovpkit.assessment.results import Assessment
from ovpkit.assessment.validation import city_assessments
from ovpkit.i18n import _, use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.publish.assessment import render_assessment_html


@pytest.fixture(scope="module")
def cities() -> dict[str, Assessment]:
    return city_assessments()


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_report_names_each_criterion_by_its_one_name(
    cities: dict[str, Assessment], lang: str
) -> None:
    html = unescape(render_assessment_html(cities["Cali"], lang=lang))
    html = re.sub(r"<title>.*?</title>", "", html)  # tooltips repeat a label with its level
    notions = re.search(r'<div class="notions">.*?<h2>', html, re.S)  # numbered 1-4 too
    html = html.replace(notions.group(0), "<h2>") if notions else html
    html = re.sub(r"</tspan>\s*<tspan[^>]*>", " ", html)  # a name the chart wraps on two lines
    # every element whose whole text is "<number>. <name>": chart, table, peers, plan
    shown: dict[int, set[str]] = {}
    for number, name in re.findall(r">\s*([1-9])\. ([^<>]+?)\s*<", html):
        shown.setdefault(int(number), set()).add(name)
    with use_language(lang):
        expected = {c.id: {_(c.name)} for c in load_knowledge_base().criteria}
    assert shown == expected


def test_report_title_is_the_offices_own_name_in_spanish(cities: dict[str, Assessment]) -> None:
    html = render_assessment_html(cities["Cali"], lang="es")
    title = unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))  # type: ignore[union-attr]
    assert "Secretaría de Paz y Cultura Ciudadana" in title
    assert "Secretariat" not in title


@pytest.mark.parametrize(("lang", "words"), [("es", "todavía sin oficina"), ("pt", "ainda sem")])
def test_report_says_in_the_readers_language_that_there_is_no_office(
    cities: dict[str, Assessment], lang: str, words: str
) -> None:
    html = render_assessment_html(cities["Rosario"], lang=lang)
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)  # type: ignore[union-attr]
    assert words in title
    assert "no office yet" not in html


def test_report_writes_numbers_in_spanish(cities: dict[str, Assessment]) -> None:
    text = _text(render_assessment_html(cities["Cali"], lang="es"))
    assert re.search(r"nivel medio \d,\d", text)
    assert not re.search(r"nivel medio \d\.\d", text)
    assert "2.300.000" in text and "2,300,000" not in text  # the population, in context
    assert "43,1" in text  # the homicide rate


def test_report_shows_no_internal_code(cities: dict[str, Assessment]) -> None:
    codes = ("line_department", "international_donor", "voter_approved_tax", "mayor_office")
    for city in cities.values():
        text = _text(render_assessment_html(city, lang="es"))
        assert not [c for c in codes if c in text]
        assert not re.search(r"\b(True|False)\b", text)


#: Calques a native reader stumbles on: the adjective after "violence" reads as
#: "effective violence"; "in place in part" is English word order; "base on principles
#: based on" is "ground … in evidence-based" translated word by word.
CALQUES = {
    "es": ("de la violencia eficaces", "en marcha en parte"),
    "pt": ("da violência eficazes", "em vigor em parte", "Basear o mandato em princípios baseados"),
}


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_report_reads_without_word_for_word_calques(
    cities: dict[str, Assessment], lang: str
) -> None:
    text = " ".join(_text(render_assessment_html(cities["Cali"], lang=lang)).split())
    assert [c for c in CALQUES[lang] if c in text] == []
