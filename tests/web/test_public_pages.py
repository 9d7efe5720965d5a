"""The public office page: no login, three languages, cacheable, small counts hidden."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ovpkit.publish.public import documents_in, write_site
from ovpkit_web import publication
from ovpkit_web.models import MonitoringRecord, Publication

from .conftest import Site, make_office

#: 4 participants is below the threshold (10); alone in its row and column with a total
#: next to it, it would be the total minus the others without complementary suppression.
PROGRAMS = [
    ("mentoring", "secondary", "youth", 4),
    ("outreach", "secondary", "adults", 50),
    ("schools", "primary", "youth", 60),
    ("jobs", "primary", "adults", 70),
]


def _published(site: Site, *, assess: str | None = None) -> Publication:
    for key, level, population, n in PROGRAMS:
        data = {"id": key, "name": key.title(), "stage": "scale_up", "prevention_level": level,
                "focus_population": population, "participants": n}  # fmt: skip
        MonitoringRecord.objects.create(office=site.office, collection="programs", key=key,
                                        data=data)  # fmt: skip
    budget = {"year": 2024, "source": "municipal", "amount": 125000.0}
    MonitoringRecord.objects.create(office=site.office, collection="budget", key="b1", data=budget)
    if assess is not None:
        from ovpkit_web import domain

        answers = domain.store_answers(site.office, site.users["manager"], assess, "cali.yaml")
        domain.assess_office(site.office, site.users["manager"], answers)
    choices = {"mandate": "Reducir la violencia.", "language": "es"}
    item = publication.write_draft(site.office, site.users["staff"], choices)
    Publication.unscoped.filter(pk=item.pk).update(state="published")
    item.refresh_from_db()
    return item


def _page(site: Site, lang: str) -> str:
    url = reverse("public_office", args=[site.office.slug]) + f"?lang={lang}"
    response = site.client("anonymous").get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "Budget by source"), ("es", "Presupuesto por fuente"),
     ("pt", "Orçamento por fonte")],
)  # fmt: skip
def test_it_is_readable_without_login_in_each_language(site: Site, cali_answers: str,
                                                       lang: str, words: str) -> None:  # fmt: skip
    _published(site, assess=cali_answers)
    page = _page(site, lang)
    assert f'<html lang="{lang}">' in page
    assert words in page
    assert "<svg" in page  # the assessment chart
    assert "<main>" in page


def test_it_hides_small_counts_directly_and_by_subtraction(site: Site) -> None:
    """The participants table shows no 4, and no total minus shown cells gives it back."""
    _published(site)
    page = _page(site, "en")
    table = page.split("Participants by prevention level and focus population")[1]
    table = table.split("</table>")[0]
    cells = re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table)
    assert "4" not in cells
    assert cells.count("x") >= 4  # the small cell and its complements (a 2 × 2 cube)
    assert "4" not in re.findall(r"\b\d+\b", " ".join(c for c in cells if c != "x"))


def test_it_never_shows_a_programs_own_participants(site: Site) -> None:
    _published(site)
    page = _page(site, "en")
    programs = page.split('id="programs"')[1].split("</section>")[0]
    assert "Participants" in programs  # the protected table is there
    assert ">70<" not in programs and ">4<" not in programs


def test_it_publishes_no_personal_data(site: Site) -> None:
    """Nobody's user name (the author, the reviewer) reaches the page or its download."""
    item = _published(site)
    page = _page(site, "en")
    assert "staff" not in page and "manager" not in page
    assert "staff" not in json.dumps(item.document)


def test_it_is_cacheable_and_answers_304_when_unchanged(site: Site) -> None:
    _published(site)
    client = site.client("anonymous")
    url = reverse("public_office", args=[site.office.slug]) + "?lang=es"
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first.has_header("ETag")
    assert not first.cookies, "a public page sets no cookie (a cache could not keep it)"
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    other = client.get(reverse("public_office", args=[site.office.slug]) + "?lang=pt")
    assert other["ETag"] != first["ETag"]


def test_it_answers_404_for_an_office_without_a_published_page(site: Site) -> None:
    item = _published(site)
    Publication.unscoped.filter(pk=item.pk).update(state="approved")
    url = reverse("public_office", args=[site.office.slug])
    assert site.client("anonymous").get(url).status_code == 404


def test_the_index_lists_only_offices_with_a_published_page(site: Site) -> None:
    _published(site)
    make_office("quiet")
    page = site.client("anonymous").get(reverse("public_index") + "?lang=es").content.decode()
    assert site.office.name in page
    assert "Office quiet" not in page
    assert "Oficinas con página pública" in page


def test_its_data_package_is_valid_and_hides_the_same_cells(site: Site, tmp_path: Path) -> None:
    from frictionless import Package

    _published(site)
    url = reverse("public_datapackage", args=[site.office.slug])
    response = site.client("anonymous").get(url)
    assert response["Content-Type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(response.content)).extractall(tmp_path)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = (tmp_path / "participants.csv").read_text().splitlines()
    assert "secondary,youth,x" in rows
    assert not any(row.endswith(",4") for row in rows)


def test_the_export_builds_the_same_pages_as_a_static_site(site: Site, tmp_path: Path) -> None:
    _published(site)
    body = site.client("anonymous").get(reverse("public_export")).content
    documents = documents_in(json.loads(body), file="export.json")
    write_site(documents, tmp_path)
    static = (tmp_path / "es" / f"{site.office.slug}.html").read_text()
    web = _page(site, "es")
    for heading in re.findall(r'<h2 id="[a-z]+">([^<]+)</h2>', web):
        assert heading in static


def test_the_consultations_aggregates_are_on_the_public_page_and_renew_its_etag(
    site: Site, settings: Any
) -> None:
    """Not frozen: once the public results are refreshed, the page and its ETag change."""
    from django.core.cache import caches

    from ovpkit.monitoring import consultation as survey
    from ovpkit_web import consultation

    from .test_consultation import _answers, _post

    settings.CONSULTATION_MIN_SECONDS = 0
    settings.CONSULTATION_RATE_EXEMPT = []
    _published(site)
    doc = survey.default_consultation((survey.Area(name="Norte"),))
    consultation.save_settings(site.office, None, doc, enabled=True)
    for i in range(10):
        _post(site.office, _answers(site.office), REMOTE_ADDR=f"10.0.5.{i}")
    client = site.client("anonymous")
    url = reverse("public_office", args=[site.office.slug]) + "?lang=es"
    first = client.get(url)
    html = first.content.decode()
    assert "10 personas respondieron" in html, "the aggregate results are on the public page"
    assert "Oak Street" not in html, "free-text answers are never published"
    _post(site.office, _answers(site.office), REMOTE_ADDR="10.0.6.1")
    kept = client.get(url, headers={"if-none-match": first["ETag"]})
    assert kept.status_code == 304, "within the refresh time the public results are kept"
    caches["default"].clear()  # the refresh time has passed
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200, "a new answer is a new page, not a 304"
    assert "11 personas respondieron" in again.content.decode()


def test_the_workspace_and_public_pages_share_the_cores_profile_rows() -> None:
    """One profile list (the core's, with the police row), not a copy in the web layer."""
    from ovpkit.i18n import use_language
    from ovpkit.knowledge.loader import load_knowledge_base
    from ovpkit.publish.public.view import profile_rows
    from ovpkit_web import presenters

    kb = load_knowledge_base()
    profile = {"city": "Cali", "country": "Colombia", "founded": 2016,
               "police_jurisdiction": str(kb.police_jurisdictions[0].id)}  # fmt: skip
    with use_language("es"):
        assert presenters.profile_rows(kb, profile) == profile_rows(profile)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_static_site_says_where_the_consultation_is_and_shows_its_results(
    site: Site, settings: Any, tmp_path: Path, enabled: bool
) -> None:
    """No server behind a static page: it links to the site's form, or says it is not open."""
    from ovpkit.monitoring import consultation as survey
    from ovpkit_web import consultation

    from .test_consultation import _answers, _post

    settings.CONSULTATION_MIN_SECONDS = 0
    settings.CONSULTATION_RATE_EXEMPT = []
    _published(site)
    doc = survey.default_consultation((survey.Area(name="Norte"),))
    consultation.save_settings(site.office, None, doc, enabled=True)
    for i in range(10):
        _post(site.office, _answers(site.office), REMOTE_ADDR=f"10.0.7.{i}")
    consultation.save_settings(site.office, None, doc, enabled=enabled)
    body = site.client("anonymous").get(reverse("public_export")).content
    write_site(documents_in(json.loads(body), file="export.json"), tmp_path)
    static = (tmp_path / "es" / f"{site.office.slug}.html").read_text()

    address = "http://testserver" + reverse("consultation", args=[site.office.slug])
    assert (f'href="{address}"' in static) is enabled
    assert ("La consulta no está abierta" in static) is not enabled
    assert "10 personas respondieron" in static
    assert "Oak Street" not in static and "Oak Street" not in body.decode()
