"""The rest of the tour, in Chromium: data, its diagnosis, an evaluation, a partner's limits.

Office staff upload the core's Philadelphia sample and follow its job on the page the
site sends them to (htmx polls it; the page is never reloaded) until it offers the
result, then read the set-aside report and open the diagnosis; they run the Basque
Country evaluation from its spec file and read whether it can be told from chance; a
partner linked to one partner organisation cannot open another partner's program nor its
activity reports, and is refused on the site's own page in the reader's language.
The worker (``db_worker``, which ``ovpkit serve`` runs beside the site) is run by the
test while the browser watches. Screenshots of each page at 1280 and 390 px, in English
and Spanish, go to the e2e folder (see conftest).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Page

from ovpkit.diagnosis.sample import sample_path
from ovpkit_web.models import MonitoringRecord, PartnerUser

from ..conftest import Site  # noqa: TID252 (the web tests' own fixtures module)
from ..test_jobs import _run_worker  # noqa: TID252 (what 'ovpkit serve' runs)
from .conftest import PHONE, Pages, log_in, screenshot

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("e2e")]

REPO = Path(__file__).resolve().parents[3]
BASQUE_PANEL = REPO / "src" / "ovpkit_web" / "demo_files" / "basque.csv"
BASQUE_SPEC = REPO / "examples" / "evaluation" / "basque.yaml"
MAPPING = "philadelphia-shootings-sample"
PROGRAM = {"name": "Mentoring", "prevention_level": "secondary",
           "focus_population": "youth", "stage": "start_up"}  # fmt: skip


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    """Uploads, stores and reports of this test only (the live server reads the same)."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path / "data"
    settings.REPORTS_DIR = tmp_path / "reports"


def follow_job_until_done(page: Page) -> str:
    """Run the worker while the job page polls itself; return the result's address.

    A marker set on the page before the worker runs must still be there at the end: the
    progress came through htmx's polling, not through a reload.
    """
    progress = page.locator("#job-progress progress")
    assert progress.get_attribute("value") == "0"
    page.evaluate("window.tourMarker = 'not reloaded'")
    _run_worker()
    result = page.locator("#job-progress a.button").first
    result.wait_for(timeout=20_000)
    assert progress.get_attribute("value") == "100"
    assert page.evaluate("window.tourMarker") == "not reloaded"
    href = result.get_attribute("href")
    assert href is not None
    return href


def shots(pages: Pages, base: str, who: str, path: str, name: str) -> None:
    """The page at ``path`` as ``who`` sees it: en and es, desktop and phone."""
    for language in ("en", "es"):
        for phone in (False, True):
            page = pages.open(phone=phone, language=language)
            log_in(page, base, who)
            page.goto(f"{base}{path}")
            page.wait_for_load_state("load")
            if phone:  # nothing wider than the phone's screen (a long file name was)
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            screenshot(page, f"{name}-{language}-{'390' if phone else '1280'}")


def test_staff_upload_the_sample_follow_its_job_and_open_the_diagnosis(
    pages: Pages, site: Site, live_server: Any
) -> None:
    base, slug = live_server.url, site.office.slug
    page = pages.open(language="es")
    log_in(page, base, "staff")
    page.goto(f"{base}/offices/{slug}/data/")
    page.click(f'a[href="/offices/{slug}/data/upload/"]')
    page.set_input_files("#id_file", str(sample_path()))
    page.select_option("#id_mapping", MAPPING)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/offices/{slug}/jobs/\d+/$"))
    job_path = page.url.removeprefix(base)
    report_path = follow_job_until_done(page)
    screenshot(page, "data-job-done-es-1280")

    page.goto(f"{base}{report_path}")
    text = page.locator("main").inner_text()
    rows = re.search(r"([\d.]+) filas recibidas = ([\d.]+) cargadas \+ ([\d.]+) apartadas", text)
    assert rows is not None, text
    received, loaded, set_aside = (int(n.replace(".", "")) for n in rows.groups())
    assert received == loaded + set_aside
    assert received == len(sample_path().read_text(encoding="utf-8").splitlines()) - 1

    page.goto(f"{base}/offices/{slug}/data/")
    page.click(f'form[action="/offices/{slug}/data/diagnose/"] button[type=submit]')
    page.wait_for_url(re.compile(rf"/offices/{slug}/jobs/\d+/$"))
    diagnosis_path = follow_job_until_done(page)
    page.goto(f"{base}{diagnosis_path}")
    frame = page.frame_locator("iframe.report")
    assert frame.locator("html").get_attribute("lang") == "es"
    assert frame.locator("h1").first.inner_text().strip()
    box = page.locator("iframe.report").bounding_box()
    assert box is not None and box["height"] > 300

    for path, name in ((job_path, "data-job"), (report_path, "data-report"),
                       (diagnosis_path, "diagnosis")):  # fmt: skip
        shots(pages, base, "staff", path, name)


def test_staff_run_the_basque_evaluation_from_its_spec_and_read_its_verdict(
    pages: Pages, site: Site, live_server: Any
) -> None:
    base, slug = live_server.url, site.office.slug
    page = pages.open(language="es")
    log_in(page, base, "staff")
    page.goto(f"{base}/offices/{slug}/evaluations/")
    page.click(f'a[href="/offices/{slug}/evaluations/new/"]')
    page.set_input_files("#id_panel", str(BASQUE_PANEL))
    page.set_input_files("#id_spec_file", str(BASQUE_SPEC))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/offices/{slug}/jobs/\d+/$"))
    result_path = follow_job_until_done(page)
    page.goto(f"{base}{result_path}")
    frame = page.frame_locator("iframe.report")
    assert frame.locator("html").get_attribute("lang") == "es"
    assert "País Vasco" in frame.locator("body").inner_text()
    # the core's reading of the result beside its numbers: whether it can be told from
    # chance, then any caution its diagnostics raised (none for this well-fitting study)
    verdict = frame.locator(".ev-verdict")
    assert verdict.count() == 1 and verdict.inner_text().strip()
    assert frame.locator("h2").first.is_visible()
    shots(pages, base, "staff", f"/offices/{slug}/evaluations/new/", "evaluation-form")
    shots(pages, base, "staff", result_path, "evaluation-result")


def assert_site_page_in_spanish(page: Page, title: str) -> None:
    """A refusal is the site's own page in the reader's language, with its header."""
    with translation.override("es"):
        expected = translation.gettext(title)
    assert expected != title
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("main h1").inner_text() == expected
    assert page.locator("header #language").count() == 1


def _record(site: Site, collection: str, key: str, **data: Any) -> None:
    MonitoringRecord.objects.create(office=site.office, collection=collection, key=key, data=data)


def test_a_partner_cannot_open_another_partners_program_nor_its_reports(
    pages: Pages, site: Site, live_server: Any
) -> None:
    for key in ("casa", "otra"):
        _record(site, "partners", key, id=key, name=f"{key.title()} org", kind="community_based")
    _record(site, "programs", "ours", id="ours", partners=["casa"], **PROGRAM)
    _record(site, "programs", "theirs", id="theirs", partners=["otra"], **PROGRAM)
    _record(site, "activity_reports", "theirs-q1", id="theirs-q1", program="theirs",
            period_start="2024-01-01", period_end="2024-03-31", activities=3)  # fmt: skip
    PartnerUser.objects.create(office=site.office, user=site.users["partner"], partner="casa")
    base, slug = live_server.url, site.office.slug
    page = pages.open(language="es")
    log_in(page, base, "partner")
    page.goto(f"{base}/offices/{slug}/monitoring/")
    assert page.locator(f'a[href="/offices/{slug}/monitoring/programs/ours/reports/"]').count()
    assert page.locator('a[href*="/programs/theirs/"]').count() == 0
    own = page.goto(f"{base}/offices/{slug}/monitoring/programs/ours/reports/")
    assert own is not None and own.status == 200
    for path in ("programs/theirs/reports/", "programs/theirs/reports/new/",
                 "reports/theirs-q1/", "activity_reports/theirs-q1/remove/"):  # fmt: skip
        refused = page.goto(f"{base}/offices/{slug}/monitoring/{path}")
        assert refused is not None and refused.status == 404, path
        assert "theirs-q1" not in page.locator("main").inner_html()
        assert_site_page_in_spanish(page, "Page not found")
    screenshot(page, "partner-other-program-404-es-1280")
    refused = page.goto(f"{base}/offices/{slug}/monitoring/budget/new/")
    assert refused is not None and refused.status == 403
    assert_site_page_in_spanish(page, "Not allowed")
    screenshot(page, "partner-budget-403-es-1280")
    shots(pages, base, "partner", f"/offices/{slug}/monitoring/", "partner-monitoring")


def test_staff_read_and_type_numbers_as_spanish_writes_them(
    pages: Pages, site: Site, live_server: Any
) -> None:
    """The indicator's baseline shows as 36,61; a budget typed as 1.234.567,5 is kept."""
    _record(site, "indicators", "rate", id="rate", sheet="homicide_rate",
            baseline={"year": 2019, "value": 36.61})  # fmt: skip
    base, slug = live_server.url, site.office.slug
    page = pages.open(language="es")
    log_in(page, base, "staff")
    page.goto(f"{base}/offices/{slug}/monitoring/indicators/rate/")
    assert page.input_value("#id_baseline_value") == "36,61"
    assert page.input_value("#id_baseline_year") == "2019"
    screenshot(page, "indicator-form-es-1280")
    page.goto(f"{base}/offices/{slug}/monitoring/budget/new/")
    page.fill("#id_year", "2024")
    page.select_option("#id_source", "municipal")
    page.fill("#id_amount", "1.234.567,5")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/offices/{slug}/monitoring/")
    line = MonitoringRecord.objects.get(office=site.office, collection="budget")
    assert line.data["amount"] == 1234567.5
    assert "1.234.567,5" in page.locator("main").inner_text()
    shots(pages, base, "staff", f"/offices/{slug}/monitoring/indicators/rate/", "indicator-form")
