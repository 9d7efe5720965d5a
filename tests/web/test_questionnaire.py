"""The questionnaire as a web form: autosave, evidence, the YAML file both ways, comparison."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit_web.models import AnswersDocument, QuestionnaireDraft

from .conftest import Site

HTMX = {"HTTP_HX_REQUEST": "true"}


def _section(site: Site, section_id: str) -> str:
    return reverse("questionnaire_section", args=[site.office.slug, section_id])


def _draft(site: Site, who: str) -> dict[str, Any]:
    draft = QuestionnaireDraft.unscoped.get(office=site.office, respondent=site.users[who])
    return dict(draft.answers)


def test_it_saves_an_answer_as_you_type_and_shows_it_when_you_come_back(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(_section(site, "mandate"), {"value:mandate.public": "yes"}, **HTMX)
    assert response.status_code == 200
    assert "Guardado" in response.content.decode()
    assert _draft(site, "staff") == {"mandate.public": "yes"}
    page = client.get(_section(site, "mandate")).content.decode()
    assert 'name="value:mandate.public" value="yes" checked' in page
    assert "¿" in page  # the questions are in Spanish


def test_it_reads_numbers_in_the_readers_format(site: Site) -> None:
    question = "staff.full_time"
    cases = (("es", "1.500", 1500), ("en", "1,500", 1500), ("en", "2.5", 2.5))
    for language, typed, stored in cases:
        client = site.client("staff", HTTP_ACCEPT_LANGUAGE=language)
        client.post(_section(site, "staff"), {f"value:{question}": typed}, **HTMX)
        assert _draft(site, "staff")[question] == stored


def test_it_refuses_a_bad_answer_in_the_readers_language_and_keeps_the_others(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    data = {"value:staff.full_time": "muchos", "value:staff.dedicated_team": "yes"}
    response = client.post(_section(site, "staff"), data, **HTMX)
    text = response.content.decode()
    assert "No guardado" in text
    assert "muchos" in text and "número" in text
    assert _draft(site, "staff") == {"staff.dedicated_team": "yes"}


def test_without_javascript_a_refusal_keeps_what_was_typed(site: Site) -> None:
    client = site.client("staff")
    response = client.post(_section(site, "staff"), {"value:staff.full_time": "many"})
    assert response.status_code == 400
    assert 'value="many"' in response.content.decode()
    assert "staff.full_time" not in _draft(site, "staff")


def test_evidence_links_are_kept_and_only_web_addresses_become_links(site: Site) -> None:
    client = site.client("partner")
    good = {
        "value:mandate.public": "partly",
        "evidence:mandate.public": "https://example.org/mandate.pdf\nCouncil minutes 2021",
        "note:mandate.public": "adopted in 2021",
    }
    client.post(_section(site, "mandate"), good, **HTMX)
    assert _draft(site, "partner")["mandate.public"] == {
        "value": "partly",
        "evidence": ["https://example.org/mandate.pdf", "Council minutes 2021"],
        "note": "adopted in 2021",
    }
    page = client.get(_section(site, "mandate")).content.decode()
    assert 'href="https://example.org/mandate.pdf"' in page
    assert 'href="Council minutes 2021"' not in page
    bad = {**good, "evidence:mandate.public": "javascript:alert(1)"}
    response = client.post(_section(site, "mandate"), bad, **HTMX)
    assert "javascript:alert(1)" in response.content.decode()
    assert _draft(site, "partner")["mandate.public"]["evidence"][0].startswith("https://")


def test_the_export_is_an_answers_file_the_core_reads(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="pt")
    client.post(_section(site, "mandate"), {"value:mandate.public": "no"}, **HTMX)
    client.post(_section(site, "staff"), {"value:staff.full_time": "12"}, **HTMX)
    response = client.get(reverse("questionnaire_export", args=[site.office.slug]))
    assert response["Content-Disposition"].startswith("attachment")
    answer_set = parse_answer_set(response.content.decode(), file="export.yaml")
    answers = answer_set.respondents[0].answers
    assert answers["mandate.public"].value == "no"
    assert answers["staff.full_time"].value == 12.0
    assert answer_set.language == "pt"
    assert answer_set.office_slug == "cali-ssj"


def test_an_empty_draft_is_not_exported(site: Site) -> None:
    response = site.client("staff").get(reverse("questionnaire_export", args=[site.office.slug]))
    assert response.status_code == 302


def test_import_fills_the_draft_and_the_export_gives_the_same_answers(
    site: Site, cali_answers: str
) -> None:
    client = site.client("manager")
    url = reverse("questionnaire_import", args=[site.office.slug])
    upload = SimpleUploadedFile("cali.yaml", cali_answers.encode(), "application/x-yaml")
    assert client.post(url, {"file": upload}).status_code == 302
    exported = client.get(reverse("questionnaire_export", args=[site.office.slug]))
    original = parse_answer_set(cali_answers).respondents[0].answers
    again = parse_answer_set(exported.content.decode()).respondents[0].answers
    assert {q: a.value for q, a in again.items()} == {q: a.value for q, a in original.items()}
    assert {q: a.evidence for q, a in again.items()} == {q: a.evidence for q, a in original.items()}


def test_a_bad_import_changes_nothing_and_names_the_line(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    client.post(_section(site, "mandate"), {"value:mandate.public": "yes"}, **HTMX)
    bad = "office: X\nanswers:\n  mandate.public: maybe\n"
    upload = SimpleUploadedFile("bad.yaml", bad.encode(), "application/x-yaml")
    url = reverse("questionnaire_import", args=[site.office.slug])
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "línea 3" in response.content.decode()
    assert _draft(site, "staff") == {"mandate.public": "yes"}


def test_a_file_of_several_respondents_is_refused_for_one_draft(site: Site) -> None:
    several = (
        "office: X\nrespondents:\n"
        "  - {id: a, role: office_staff, answers: {mandate.public: yes}}\n"
        "  - {id: b, role: partner_organisation, answers: {mandate.public: no}}\n"
    )
    upload = SimpleUploadedFile("two.yaml", several.encode(), "application/x-yaml")
    client = site.client("staff")
    url = reverse("questionnaire_import", args=[site.office.slug])
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "2 respondents" in response.content.decode()
    assert not QuestionnaireDraft.unscoped.filter(answers__has_key="mandate.public").exists()


def test_submitting_makes_the_draft_the_offices_answers_file(site: Site) -> None:
    client = site.client("staff")
    client.post(_section(site, "mandate"), {"value:mandate.public": "yes"}, **HTMX)
    response = client.post(reverse("questionnaire_submit", args=[site.office.slug]))
    assert response.status_code == 302
    document = AnswersDocument.unscoped.get(office=site.office)
    assert parse_answer_set(document.text).respondents[0].answers["mandate.public"].value == "yes"
    assessed = client.post(reverse("assess", args=[site.office.slug]))
    assert assessed.status_code == 302
    assert site.office.assessments.count() == 1


def test_the_comparison_puts_disagreements_first(site: Site) -> None:
    staff, partner = site.client("staff"), site.client("partner")
    staff.post(_section(site, "mandate"), {"value:mandate.public": "yes"}, **HTMX)
    partner.post(_section(site, "mandate"), {"value:mandate.public": "no"}, **HTMX)
    staff.post(_section(site, "staff"), {"value:staff.dedicated_team": "yes"}, **HTMX)
    partner.post(_section(site, "staff"), {"value:staff.dedicated_team": "yes"}, **HTMX)
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("questionnaire_compare", args=[site.office.slug])
    )
    text = page.content.decode()
    assert text.count('class="differ"') == 1
    assert text.index('class="differ"') < text.index("sí</td><td>sí")


def test_an_unknown_section_is_404(site: Site) -> None:
    response = site.client("staff").get(_section(site, "nosuchsection"))
    assert response.status_code == 404
