"""Every main page in Chromium: axe-core finds no serious or critical problem, and on a
phone (390 px) nothing is wider than the screen. Screenshots at 1280 and 390 px are
saved for a person to look at (see the conftest for where).

axe-core comes bundled in axe-playwright-python (pinned in requirements.lock), so no
script is fetched from the network.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from ovpkit_web.models import QuestionnaireDraft

from ..conftest import Site  # noqa: TID252 (the web tests' own fixtures module)
from .conftest import Pages, log_in, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

BLOCKING = {"serious", "critical"}


def main_pages(site: Site) -> dict[str, str]:
    """The pages a member reads or fills in, by a short name for the screenshots."""
    office = f"/offices/{site.office.slug}"
    return {
        "home": "/",
        "criteria": "/knowledge/",
        "criterion-6": "/knowledge/criteria/6/",
        "search": "/knowledge/search/?q=budget+diagnosis",
        "office": f"{office}/",
        "questionnaire": f"{office}/questionnaire/",
        "questionnaire-context": f"{office}/questionnaire/context/",
        "questionnaire-partners": f"{office}/questionnaire/partners/",
        "compare": f"{office}/questionnaire/compare/",
        "upload": f"{office}/answers/",
        "import": f"{office}/questionnaire/import/",
    }


def blocking_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the screen (0 when it fits)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


#: Question titles (legends) that break through their box's top border instead of
#: sitting inside it, as long ones did on a phone.
LEGENDS_OUTSIDE = """
[...document.querySelectorAll('fieldset.question')].filter(box => {
  const legend = box.querySelector('legend').getBoundingClientRect();
  const border = parseFloat(getComputedStyle(box).borderTopWidth);
  return legend.top < box.getBoundingClientRect().top + border;
}).map(box => box.id)
"""


@pytest.mark.parametrize("language", ["en", "es"])
def test_main_pages_pass_axe_and_fit_a_phone(
    pages: Pages, assessed_site: Site, live_server: Any, language: str
) -> None:
    base = live_server.url
    for who, value in (("staff", "yes"), ("partner", "no")):  # the comparison has a table
        answers = {"mandate.written": value, "partners.count": 12}
        QuestionnaireDraft.objects.create(
            office=assessed_site.office, respondent=assessed_site.users[who], answers=answers
        )
    desktop = pages.open(language=language)
    phone = pages.open(phone=True, language=language)
    for page in (desktop, phone):
        page.goto(f"{base}/accounts/login/")
        assert blocking_violations(page) == []
        log_in(page, base, "staff")
    problems: dict[str, Any] = {}
    for name, address in main_pages(assessed_site).items():
        for page, width in ((desktop, 1280), (phone, 390)):
            response = page.goto(base + address)
            assert response is not None and response.status == 200, address
            assert page.locator("html").get_attribute("lang") == language
            screenshot(page, f"{name}-{language}-{width}")
            if width == 1280 and (found := blocking_violations(page)):
                problems[f"{address} (axe)"] = found
            if width == 390 and (extra := overflow(page)) > 0:
                problems[f"{address} (390 px)"] = f"{extra} px wider than the screen"
            if outside := page.evaluate(LEGENDS_OUTSIDE):
                problems[f"{address} ({width} px, titles on the border)"] = outside
    assert problems == {}


def test_axe_check_finds_a_serious_problem(pages: Pages) -> None:
    """The check itself can fail: an image without text and a nameless field are found."""
    page = pages.open()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main>')
    found = " ".join(blocking_violations(page))
    assert "image-alt" in found and "label" in found
