"""The tour a person makes, in Chromium: staff answer in Spanish, come back, see the chart.

Each step is checked as the person sees it (what the page shows, not the database), and
the partner's attempt on another office must be refused by the site itself.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from ovpkit.i18n import use_language
from ovpkit_web import questionnaire_pages

from ..conftest import Site  # noqa: TID252 (the web tests' own fixtures module)
from .conftest import Pages, log_in, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

EVIDENCE = "https://example.org/mandato-2021.pdf"


def switch_language(page: Page, language: str) -> None:
    """Use the header's language switcher, as a reader does."""
    page.select_option("#language", language)
    page.click("header form:has(#language) button[type=submit]")
    page.wait_for_selector(f"html[lang={language}]")


def wait_saved(page: Page) -> None:
    """The autosave's live region says it saved (and nothing was refused)."""
    page.wait_for_selector("#save-status p.muted")
    assert page.locator("#save-status .error").count() == 0


def clear_status(page: Page) -> None:
    """Empty the live region, so the next wait sees the next save."""
    page.locator("#save-status").evaluate("node => node.innerHTML = ''")


def test_staff_answer_in_spanish_leave_and_find_answers_saved(
    pages: Pages, assessed_site: Site, live_server: Any
) -> None:
    base = live_server.url
    page = pages.open()
    log_in(page, base, "staff")
    switch_language(page, "es")
    section_url = f"{base}/offices/{assessed_site.office.slug}/questionnaire/mandate/"
    page.goto(section_url)
    with use_language("es"):
        title = questionnaire_pages.section_title(questionnaire_pages.section("mandate"))
    assert page.locator("h1").inner_text() == title

    page.check('input[name="value:mandate.written"][value="yes"]')
    wait_saved(page)
    clear_status(page)
    page.check('input[name="value:mandate.public"][value="partly"]')
    wait_saved(page)
    clear_status(page)
    page.fill('textarea[name="evidence:mandate.written"]', EVIDENCE)
    wait_saved(page)  # saved after the pause in typing, without pressing a button

    page.goto(f"{base}/")  # leave, then come back by the questionnaire's own links
    page.goto(f"{base}/offices/{assessed_site.office.slug}/questionnaire/")
    page.click('a[href$="/questionnaire/mandate/"]')
    page.wait_for_url(section_url)
    assert page.is_checked('input[name="value:mandate.written"][value="yes"]')
    assert page.is_checked('input[name="value:mandate.public"][value="partly"]')
    link = page.locator(f'#q-mandate\\.written ul.links a[href="{EVIDENCE}"]')
    assert link.inner_text() == EVIDENCE
    assert page.locator("html").get_attribute("lang") == "es"


def test_staff_see_the_chart_on_the_office_page(
    pages: Pages, assessed_site: Site, live_server: Any
) -> None:
    page = pages.open()
    log_in(page, live_server.url, "staff")
    page.goto(f"{live_server.url}/offices/{assessed_site.office.slug}/")
    chart = page.locator(".chart svg")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    assert page.locator("table tbody tr").count() == 9  # one row per criterion


def test_partner_cannot_open_another_office(
    pages: Pages, assessed_site: Site, live_server: Any
) -> None:
    page = pages.open()
    log_in(page, live_server.url, "partner")
    own = page.goto(f"{live_server.url}/offices/{assessed_site.office.slug}/")
    assert own is not None and own.status == 200
    other = page.goto(f"{live_server.url}/offices/{assessed_site.other.slug}/")
    assert other is not None and other.status == 404
    assert assessed_site.other.name not in page.content()
    screenshot(page, "partner-other-office-404")
