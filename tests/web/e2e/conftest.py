"""Browser tests: the site served by pytest-django's live server, driven by Chromium.

Playwright for Python drives Debian's ``chromium`` through its executable path (its own
browser download cannot be reached here); ``scripts/system-deps.sh`` installs it. The live
server runs in this process on the test database, so the same tests run on SQLite and,
through ``scripts/test-web-postgres.sh``, on PostgreSQL. Screenshots of every main page
go to ``$OVPKIT_E2E_SHOTS`` (default: ``ovpkit-e2e`` in the temporary folder) to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from ovpkit_web import domain

from ..conftest import PASSWORD, Site  # noqa: TID252 (the web tests' own fixtures module)

SHOTS = Path(os.environ.get("OVPKIT_E2E_SHOTS", Path(tempfile.gettempdir()) / "ovpkit-e2e"))
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str:
    """Debian's Chromium; missing on CI is a failure, elsewhere the tests are skipped."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing on CI: scripts/system-deps.sh should install it")
        pytest.skip("Chromium is not installed here (scripts/system-deps.sh installs it)")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session.

    Playwright's sync API keeps an event loop in this thread while the browser is open;
    the tests' own database calls (creating the test database, offices, users) are still
    plain synchronous calls, so Django is told it may make them beside that loop.
    """
    path = chromium_path()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
            yield launched
            launched.close()


@pytest.fixture
def assessed_site(site: Site, live_server: Any, cali_answers: str) -> Site:
    """The test office with its answers file and one assessment by the core."""
    answers = domain.store_answers(site.office, site.users["manager"], cali_answers, "cali.yaml")
    domain.assess_office(site.office, site.users["manager"], answers)
    return site


class Pages:
    """Opens fresh browser profiles (no cookies) and closes them all after the test.

    Closing them before the live server stops matters: a browser connection still open
    would be served by a thread using the test database after the test gave it back.
    """

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []

    def open(self, *, phone: bool = False, language: str = "en") -> Page:
        """A new page in a new profile whose browser asks for ``language``."""
        context = self.browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            locale={"en": "en-US", "es": "es-ES", "pt": "pt-BR"}[language],
            extra_http_headers={"Accept-Language": language},
        )
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser: Browser, live_server: Any) -> Iterator[Pages]:
    opened = Pages(browser)
    yield opened
    opened.close()


def log_in(page: Page, base: str, username: str) -> None:
    """Log in through the login form, as a person does."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")


def screenshot(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
