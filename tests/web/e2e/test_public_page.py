"""The public office page in Chromium, in Spanish, on a desktop and a phone.

axe-core finds no serious or critical problem, nothing is wider than a 390 px screen,
and the participants table shows no count below the threshold. Screenshots are saved
to look at (see the conftest for where).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from ovpkit_web import domain, publication
from ovpkit_web.models import MonitoringRecord, Publication

from ..conftest import Site  # noqa: TID252 (the web tests' own fixtures module)
from .conftest import Pages, log_in, screenshot
from .test_pages_a11y import blocking_violations, overflow

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

PROGRAMS = [
    ("mentoring", "Mentoría entre pares", "secondary", "jóvenes de 14 a 24 años", 4),
    ("outreach", "Trabajo de calle", "secondary", "adultos en riesgo", 50),
    ("schools", "Escuelas seguras", "primary", "jóvenes de 14 a 24 años", 60),
    ("jobs", "Empleo juvenil", "primary", "adultos en riesgo", 70),
]
INDICATOR = {"id": "rate", "sheet": "homicide_rate", "baseline": {"year": 2019, "value": 48.2},
             "target": {"year": 2030, "change": -0.5},
             "observations": [{"year": 2023, "value": 39.5}]}  # fmt: skip


def _published(site: Site, answers: str) -> None:
    for key, name, level, population, n in PROGRAMS:
        data = {"id": key, "name": name, "stage": "scale_up", "prevention_level": level,
                "focus_population": population, "participants": n}  # fmt: skip
        MonitoringRecord.objects.create(office=site.office, collection="programs", key=key,
                                        data=data)  # fmt: skip
    for number, (source, amount) in enumerate((("municipal", 8.5e8), ("national", 2.1e8))):
        data = {"year": 2024, "source": source, "amount": amount}
        MonitoringRecord.objects.create(office=site.office, collection="budget",
                                        key=f"b{number}", data=data)  # fmt: skip
    MonitoringRecord.objects.create(office=site.office, collection="indicators", key="rate",
                                    data=INDICATOR)  # fmt: skip
    stored = domain.store_answers(site.office, site.users["manager"], answers, "cali.yaml")
    domain.assess_office(site.office, site.users["manager"], stored)
    choices = {"mandate": "Coordinar la prevención de la violencia en la ciudad.",
               "language": "es", "currency": "COP"}  # fmt: skip
    item = publication.write_draft(site.office, site.users["staff"], choices)
    Publication.unscoped.filter(pk=item.pk).update(state="published")


@pytest.mark.parametrize("phone", [False, True], ids=["1280", "390"])
def test_the_public_page_in_spanish(site: Site, cali_answers: str, live_server: Any,
                                    pages: Pages, phone: bool) -> None:  # fmt: skip
    _published(site, cali_answers)
    page = pages.open(phone=phone, language="es")
    page.goto(f"{live_server.url}/public/{site.office.slug}/?lang=es")
    assert page.locator("html").get_attribute("lang") == "es"
    assert (
        page.locator("h2#programs").inner_text() == "Programas por nivel de prevención y población"
    )
    shot = screenshot(page, f"public-office-es-{390 if phone else 1280}")
    assert shot.stat().st_size > 0
    assert blocking_violations(page) == []
    assert overflow(page) == 0
    table = page.locator("section[aria-labelledby=programs] table").first
    numbers = [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*", table.inner_text())]
    assert numbers, "the participants table shows its totals"
    assert all(n == 0 or n >= 10 for n in numbers), numbers


def test_the_public_index_in_spanish(site: Site, cali_answers: str, live_server: Any,
                                     pages: Pages) -> None:  # fmt: skip
    _published(site, cali_answers)
    page = pages.open(language="es")
    page.goto(f"{live_server.url}/public/")
    assert "Oficinas con página pública" in page.locator("h1").inner_text()
    screenshot(page, "public-index-es-1280")
    assert blocking_violations(page) == []


def test_the_reviewers_page_in_spanish(site: Site, cali_answers: str, live_server: Any,
                                       pages: Pages) -> None:  # fmt: skip
    """The reviewer reads the draft as the public will, approves it; the manager publishes."""
    _published(site, cali_answers)
    item = Publication.objects.filter(office=site.office).get()
    Publication.unscoped.filter(pk=item.pk).update(state="submitted")
    page = pages.open(language="es")
    log_in(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}/offices/{site.office.slug}/publications/{item.pk}/")
    assert "enviada a revisión" in page.locator("h1").inner_text()
    screenshot(page, "publication-review-es-1280")
    assert blocking_violations(page) == []
    page.get_by_role("button", name="Aprobar").click()
    page.wait_for_load_state()
    assert "aprobada" in page.locator("h1").inner_text()
    item.refresh_from_db()
    assert item.state == "approved" and item.approved_by == site.users["reviewer"]
