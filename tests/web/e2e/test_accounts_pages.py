"""A manager's pages in Chromium: login with the second step (the authenticator's code),
then members, change history, one row's history, audit events and the account page;
axe-core finds no serious or critical problem and nothing is wider than a phone."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import Page

from ovpkit_web.models import Membership, QuestionnaireDraft

from ..conftest import PASSWORD, Site, with_second_factor  # noqa: TID252
from .conftest import DESKTOP, PHONE, Pages, screenshot
from .test_pages_a11y import blocking_violations, overflow

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]


def log_in_with_code(page: Page, base: str, username: str, secret: str) -> None:
    """The password, then the code the authenticator app shows now."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/accounts/2fa/authenticate/")
    page.fill("#id_code", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


@pytest.mark.parametrize("language", ["en", "es"])
def test_manager_pages_pass_axe_and_fit_a_phone(
    pages: Pages, assessed_site: Site, live_server: Any, language: str
) -> None:
    site, base = assessed_site, live_server.url
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    secret = with_second_factor(manager)
    draft = QuestionnaireDraft.objects.create(
        office=site.office, respondent=site.users["staff"], answers={"mandate.written": "no"}
    )
    draft.answers = {"mandate.written": "yes", "partners.count": 12}
    draft.save()
    office = f"/offices/{site.office.slug}"
    addresses = {
        "account": "/account/",
        "members": f"{office}/members/",
        "changes": f"{office}/changes/",
        "draft-changes": f"{office}/changes/draft/{draft.pk}/",
        "audit": f"{office}/audit/",
        "mfa": "/accounts/2fa/",
    }
    assert Membership.objects.filter(user=manager, role="manager").exists()
    problems: dict[str, Any] = {}
    # one login (a code is accepted once), then each page at both widths
    page = pages.open(language=language)
    page.goto(f"{base}/accounts/login/")
    screenshot(page, f"login-{language}-1280")
    if found := blocking_violations(page):
        problems["login (axe)"] = found
    log_in_with_code(page, base, "manager", secret)
    for name, address in addresses.items():
        for size, width in ((DESKTOP, 1280), (PHONE, 390)):
            page.set_viewport_size(size)
            response = page.goto(base + address)
            assert response is not None and response.status == 200, address
            screenshot(page, f"{name}-{language}-{width}")
            if width == 1280 and (found := blocking_violations(page)):
                problems[f"{address} (axe)"] = found
            if width == 390 and (extra := overflow(page)) > 0:
                problems[f"{address} (390 px)"] = f"{extra} px wider than the screen"
    assert problems == {}
