"""Uploading an answers file: the core validates; errors read in the user's language."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.engine import assess
from ovpkit.assessment.export import assessment_document
from ovpkit.errors import AnswersError
from ovpkit.i18n import _ as core_
from ovpkit.i18n import use_language
from ovpkit_web.models import AnswersDocument, AssessmentResult

from .conftest import Site

#: A wrong answer on line 4: whether the budget is dedicated is yes, partly, no or unknown.
BAD_ANSWERS = "office: Test office\nanswers:\n  mandate.written: yes\n  budget.dedicated: lots\n"


def _upload(site: Site, text: str, lang: str) -> object:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE=lang)
    upload = SimpleUploadedFile("ours.yaml", text.encode(), "application/x-yaml")
    return client.post(reverse("upload_answers", args=[site.office.slug]), {"file": upload})


def _bad_answers() -> str:
    """A file the core rejects: the second answer is of the wrong type (found from the core)."""
    with pytest.raises(AnswersError) as info:
        parse_answer_set(BAD_ANSWERS, file="ours.yaml")
    assert info.value.file == "ours.yaml:4"
    assert info.value.field == "budget.dedicated"
    return BAD_ANSWERS


@pytest.mark.parametrize(
    ("lang", "title", "line"),
    [
        ("es", "El archivo de la oficina no es válido", "línea 4"),
        ("pt", "O arquivo do escritório não é válido", "linha 4"),
        ("en", "The office's file is not valid", "line 4"),
    ],
)
def test_bad_answers_file_gets_a_translated_field_error_and_stores_nothing(
    site: Site, lang: str, title: str, line: str
) -> None:
    response = _upload(site, _bad_answers(), lang)
    page = html.unescape(response.content.decode())  # type: ignore[attr-defined]
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert title in page
    assert line in page
    assert "budget.dedicated" in page
    assert AnswersDocument.unscoped.count() == 0


def test_a_file_that_is_not_utf8_is_refused_in_the_language(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    upload = SimpleUploadedFile("ours.yaml", "office: Bogotá\n".encode("latin-1"))
    response = client.post(reverse("upload_answers", args=[site.office.slug]), {"file": upload})
    assert "UTF-8" in response.content.decode()
    assert "guárdelo" in response.content.decode()
    assert AnswersDocument.unscoped.count() == 0


def test_valid_file_is_stored_as_uploaded(site: Site, cali_answers: str) -> None:
    response = _upload(site, cali_answers, "en")
    assert response.status_code == 302  # type: ignore[attr-defined]
    stored = AnswersDocument.unscoped.get()
    assert stored.text == cali_answers
    assert stored.respondent == site.users["staff"]


def test_assess_stores_the_cores_document_unchanged(site: Site, cali_answers: str) -> None:
    _upload(site, cali_answers, "es")
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(reverse("assess", args=[site.office.slug]))
    assert response.status_code == 302
    stored = AssessmentResult.unscoped.get()
    with use_language("en"):
        expected = assessment_document(assess(parse_answer_set(cali_answers, file="ours.yaml")))
    assert stored.document == expected


def test_dashboard_shows_the_stored_levels_in_spanish(site: Site, cali_answers: str) -> None:
    _upload(site, cali_answers, "en")
    client = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es")
    site.client("manager").post(reverse("assess", args=[site.office.slug]))
    document = AssessmentResult.unscoped.get().document
    page = client.get(reverse("office", args=[site.office.slug])).content.decode()
    assert "Última valoración" in page
    assert "<svg" in page
    # The level of criterion 3 as the core stored it, next to its Spanish label.
    level = document["criteria"][2]["level"]
    assert f"<td>{level} " in page
    assert "Colombia" in page  # the profile from the knowledge base


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_dashboard_chart_legend_reads_in_the_language(
    site: Site, cali_answers: str, lang: str
) -> None:
    """The chart's legend was the chart's English default ("confidence") on every page."""
    _upload(site, cali_answers, "en")
    site.client("manager").post(reverse("assess", args=[site.office.slug]))
    client = site.client("reviewer", HTTP_ACCEPT_LANGUAGE=lang)
    page = html.unescape(client.get(reverse("office", args=[site.office.slug])).content.decode())
    chart = page[page.index("<svg") : page.index("</svg>")]
    with use_language(lang):
        words = core_("range of possible levels while answers are unknown"), core_("confidence")
    assert "range of possible levels" not in chart and ">confidence<" not in chart
    assert all(word in chart for word in words)
