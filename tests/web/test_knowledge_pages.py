"""The public knowledge base in English, Spanish and Portuguese."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from ovpkit.i18n import _, use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.naming import (
    has_descriptive_name,
    office_name,
    office_name_language,
    office_title,
)
from ovpkit.knowledge.translated import translated

pytestmark = pytest.mark.django_db


def _page(url: str, lang: str) -> str:
    return html.unescape(Client(HTTP_ACCEPT_LANGUAGE=lang).get(url).content.decode())


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("es", "Lo que encontró el informe"), ("pt", "O que o relatório encontrou")],
)
def test_criterion_page_reads_in_the_language(lang: str, heading: str) -> None:
    kb = load_knowledge_base()
    page = _page(reverse("criterion", args=[6]), lang)
    with use_language(lang):
        criterion = translated(kb.criterion(6))
        tradeoff = translated(kb.tradeoffs_for(6)[0])
    assert criterion.name != kb.criterion(6).name  # the catalog has it
    assert criterion.name in page
    assert criterion.findings[0].text in page
    assert criterion.key_takeaways[0].text in page
    assert tradeoff.gain in page
    assert heading in page
    assert f'<html lang="{lang}">' in page
    # The report's quotes stay verbatim in English.
    assert kb.criterion(6).findings[0].quote in page


def test_criterion_page_lists_the_exemplars_of_the_criterion() -> None:
    kb = load_knowledge_base()
    practices = kb.practices_of(criterion=3)
    page = _page(reverse("criterion", args=[3]), "pt")
    with use_language("pt"):
        for practice in practices:
            assert _(practice.title) in page


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_criteria_list_has_the_nine_in_the_language(lang: str) -> None:
    kb = load_knowledge_base()
    page = _page(reverse("criteria"), lang)
    with use_language(lang):
        names = [translated(c).name for c in kb.criteria]
    assert all(name in page for name in names)
    assert "The nine criteria" not in page


def test_language_switcher_sets_the_language() -> None:
    client = Client()
    response = client.post(reverse("set_language"), {"language": "pt", "next": "/knowledge/"})
    assert response.status_code == 302
    assert "Os nove critérios" in client.get(reverse("criteria")).content.decode()


def _outside_english_quotes(page: str) -> str:
    """The page without the report's verbatim quotes (they stay English, marked lang=en)."""
    return re.sub(r'<blockquote lang="en">.*?</blockquote>', "", page, flags=re.S)


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("number", range(1, 10))
def test_criterion_page_names_example_offices_in_the_language(lang: str, number: int) -> None:
    kb = load_knowledge_base()
    page = _outside_english_quotes(_page(reverse("criterion", args=[number]), lang))
    words = re.sub(r"<[^>]+>", "", page)
    offices = {p.office for p in kb.practices_of(criterion=number) if p.office}
    for slug in offices:
        office = kb.office(slug)
        with use_language(lang):
            title, own = office_title(office), office_name_language(office)
            name = office_name(office)
        assert title in words
        if own is not None:  # an own name is marked with its language, not the status
            assert f'<span lang="{own}">{name}</span>' in page
        if has_descriptive_name(office) and office.name not in title:
            assert f">{office.name}<" not in page  # the English description, untranslated
