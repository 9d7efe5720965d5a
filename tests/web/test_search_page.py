"""The knowledge base's search page: the core's ranking, the hits in the reader's words."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from ovpkit.cli.knowledge_text import hit_texts
from ovpkit.i18n import use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.search import search
from ovpkit_web.search import LIMIT

pytestmark = pytest.mark.django_db


def _page(query: str, lang: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    return html.unescape(client.get(reverse("search"), {"q": query}).content.decode())


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_search_shows_the_cores_hits_in_order_in_the_language(lang: str) -> None:
    base = load_knowledge_base()
    page = _page("voter-approved tax", lang)
    with use_language(lang):
        titles = [hit_texts(base, hit)[1] for hit in search(base, "voter-approved tax", limit=3)]
    assert titles, "the core finds something for this query"
    positions = [page.index(text) for text in titles]
    assert positions == sorted(positions)  # best first, as the core ranks them


def test_search_says_when_nothing_is_found_in_spanish() -> None:
    page = _page("zzzxq", "es")
    assert "No se encontró nada" in page


def test_search_keeps_the_query_in_the_box_escaped() -> None:
    client = Client()
    body = client.get(reverse("search"), {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in body
    assert 'value="&lt;script&gt;x&lt;/script&gt;"' in body


def test_search_says_when_results_were_cut_at_the_limit() -> None:
    """ "20 results" alone would overstate: more matched, only the first are shown."""
    base = load_knowledge_base()
    assert len(search(base, "budget diagnosis", limit=LIMIT + 1)) > LIMIT
    assert "Only the first 20 are shown" in _page("budget diagnosis", "en")
    assert "Only the first" not in _page("voter-approved tax", "en")
