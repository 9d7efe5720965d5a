"""The public consultation in Chromium, in Spanish on a phone (390 px), as a resident.

A resident with no account opens the form, answers, accepts the consent and sends it;
axe-core finds no serious or critical problem on the form, the thanks page or the staff's
results page; nothing is wider than the screen; the honeypot is not where a person sees
it. Screenshots go where the conftest says (look at them).
"""

from __future__ import annotations

from typing import Any

import pytest

from ovpkit.monitoring import consultation as core
from ovpkit_web import consultation as consult
from ovpkit_web.models import ConsultationResponse

from ..conftest import Site, with_second_factor  # noqa: TID252 (the web tests' own fixtures)
from .conftest import Pages, log_in, screenshot
from .test_accounts_pages import log_in_with_code
from .test_pages_a11y import blocking_violations, overflow

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

AREAS = (core.Area(name="Centro", population=40_000), core.Area(name="La Loma", population=9_000))


@pytest.fixture
def opened(site: Site, settings: Any) -> Site:
    settings.CONSULTATION_MIN_SECONDS = 1
    settings.CONSULTATION_RATE_EXEMPT = []
    consult.save_settings(site.office, None, core.default_consultation(AREAS), enabled=True)
    return site


def test_a_resident_answers_in_spanish_on_a_phone(
    pages: Pages, opened: Site, live_server: Any
) -> None:
    page = pages.open(phone=True, language="es")
    page.goto(f"{live_server.url}/consultation/{opened.office.slug}/")
    assert page.locator("h1").inner_text() == "¿Qué tan seguro o segura se siente?"
    assert blocking_violations(page) == []
    assert overflow(page) == 0
    trap = page.locator("#id_website").bounding_box()
    assert trap is not None and trap["x"] + trap["width"] <= 0  # off-screen for a person
    screenshot(page, "consultation-form-es-390")
    page.select_option("#id_area", "La Loma")
    chosen = {"safe_after_dark": "Algo inseguro/a", "safe_daytime": "Muy seguro/a",
              "compared_last_year": "Menos segura", "avoided_places": "Sí"}  # fmt: skip
    for question, answer in chosen.items():
        page.locator(f"fieldset:has(input[name={question}])").get_by_label(answer).check()
    page.fill("#id_what_would_help", "Más luz en la plaza")
    page.wait_for_timeout(1200)  # the minimum fill time
    page.get_by_label("Acepto que").check()
    page.get_by_role("button", name="Enviar mis respuestas").click()
    page.wait_for_url("**/thanks/")
    assert "Sus respuestas llegaron" in page.inner_text("main")
    assert blocking_violations(page) == []
    kept = ConsultationResponse.objects.get(office=opened.office)
    assert kept.area == "La Loma" and kept.answers["safe_after_dark"] == "a_bit_unsafe"


def test_the_results_page_in_spanish_on_a_phone(
    pages: Pages, opened: Site, live_server: Any
) -> None:
    for i in range(30):
        area = "La Loma" if i < 12 else "Centro"
        night = "very_unsafe" if i % 3 == 0 else "fairly_safe"
        answers = {"safe_after_dark": night, "safe_daytime": "very_safe",
                   "compared_last_year": "same", "avoided_places": "no"}  # fmt: skip
        consult.record(opened.office, core.Response(area=area, answers=answers))
    page = pages.open(phone=True, language="es")
    log_in(page, live_server.url, "reviewer")
    page.goto(f"{live_server.url}/offices/{opened.office.slug}/consultation/")
    text = page.inner_text("main")
    assert "30 personas respondieron" in text and "ponderadas por la población" in text
    assert blocking_violations(page) == []
    assert overflow(page) == 0
    screenshot(page, "consultation-results-es-390")


def test_the_form_and_results_in_english_on_a_desktop(
    pages: Pages, opened: Site, live_server: Any
) -> None:
    for _number in range(12):
        answers = {"safe_after_dark": "very_safe", "safe_daytime": "very_safe",
                   "compared_last_year": "safer", "avoided_places": "no"}  # fmt: skip
        consult.record(opened.office, core.Response(area="Centro", answers=answers))
    page = pages.open()
    page.goto(f"{live_server.url}/consultation/{opened.office.slug}/")
    assert page.locator("h1").inner_text() == "How safe do you feel?"
    assert blocking_violations(page) == []
    screenshot(page, "consultation-form-en-1280")
    from allauth.mfa.models import Authenticator

    manager = opened.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    # managers must pass the second step (an authenticator app's code)
    log_in_with_code(page, live_server.url, "manager", with_second_factor(manager))
    page.goto(f"{live_server.url}/offices/{opened.office.slug}/consultation/")
    text = page.inner_text("main")
    assert "12 people answered" in text
    assert "Nobody answered from La Loma" in text  # weighted, but La Loma is not represented
    assert blocking_violations(page) == []
    screenshot(page, "consultation-results-en-1280")
    page.get_by_role("link", name="Settings of the consultation").click()
    assert blocking_violations(page) == []
    screenshot(page, "consultation-settings-en-1280")
