"""The full demo: records, data set, diagnosis and evaluation, loaded once, every page opens.

The demo's files are copies of ``examples/`` (so a wheel without ``examples/`` has them);
the copies must stay equal to the examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from ovpkit_web import jobs
from ovpkit_web.demo import DEMO_FILES, PALMIRA, PHILADELPHIA, STUDIES, load_demo
from ovpkit_web.models import DataFile, Job, JobStatus, MonitoringRecord, Office, PartnerUser

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path / "data"
    settings.REPORTS_DIR = tmp_path / "reports"


def _state() -> tuple[Any, ...]:
    records = tuple(MonitoringRecord.objects.order_by("id").values_list("key", flat=True))
    kinds = tuple(Job.unscoped.order_by("id").values_list("kind", flat=True))  # every office's
    return (Office.objects.count(), DataFile.objects.count(), records, kinds)


def _run_queued() -> None:
    """What the worker does: each queued job, in this process."""
    for job in Job.unscoped.filter(status=JobStatus.QUEUED).order_by("id"):  # every office's
        jobs.run_job.call(job.pk)


def test_the_demo_holds_records_data_and_an_evaluation_once(tmp_path: Path) -> None:
    load_demo(tmp_path)
    first = _state()
    palmira = Office.objects.get(slug=PALMIRA)
    collections = set(
        MonitoringRecord.objects.filter(office=palmira).values_list("collection", flat=True)
    )
    assert collections == {
        "header",
        "partners",
        "indicators",
        "programs",
        "budget",
        "staff",
        "coverage",
    }
    loaded = DataFile.objects.get(office__slug=PHILADELPHIA)
    assert loaded.status == "loaded" and loaded.report["rows_in"] > 10_000
    queued = Job.unscoped.filter(status=JobStatus.QUEUED)  # every office's: the demo's queue
    assert {(j.office.slug, j.kind) for j in queued} == {
        (PHILADELPHIA, "diagnosis"), (STUDIES, "evaluation")}  # fmt: skip
    load_demo(tmp_path)
    assert _state() == first


def test_the_demo_has_a_public_page_made_through_the_review_step(tmp_path: Path) -> None:
    from ovpkit_web.demo import PUBLIC_PAGE_OFFICE
    from ovpkit_web.models import AuditEvent, Publication

    load_demo(tmp_path)
    load_demo(tmp_path)  # once only
    page = Publication.unscoped.get()
    assert (page.office.slug, page.state) == (PUBLIC_PAGE_OFFICE, "published")
    assert page.author is not None and page.approved_by is not None
    assert page.approved_by != page.author, "approved by someone who did not write it"
    moves = AuditEvent.objects.filter(action="publication").values_list("detail", flat=True)
    assert [m["move"] for m in moves.order_by("id")] == ["submit", "approve", "publish"]
    html = Client().get(reverse("public_office", args=[PUBLIC_PAGE_OFFICE]) + "?lang=es")
    assert html.status_code == 200
    assert "Policía Nacional" in html.content.decode() or "National Police" in html.content.decode()


def _pages(offices: dict[str, Office]) -> list[str]:
    """Every page of the demo a member opens (the finished jobs' pages included)."""
    palmira, philadelphia, studies = offices[PALMIRA], offices[PHILADELPHIA], offices[STUDIES]
    program = MonitoringRecord.objects.filter(office=palmira, collection="programs").first()
    assert program is not None
    indicator = MonitoringRecord.objects.filter(office=palmira, collection="indicators").first()
    assert indicator is not None
    data_file = DataFile.objects.get(office=philadelphia)
    diagnosis = Job.objects.get(office=philadelphia, kind="diagnosis")
    evaluation = Job.objects.get(office=studies, kind="evaluation")
    pages = [reverse("home"), reverse("criteria")]
    for office in Office.objects.all():
        pages += [reverse(name, args=[office.slug]) for name in
                  ("office", "monitoring", "data", "evaluations", "history")]  # fmt: skip
    return [
        *pages,
        reverse("program", args=[palmira.slug, program.key]),
        reverse("indicator_edit", args=[palmira.slug, indicator.key]),
        reverse("data_file", args=[philadelphia.slug, data_file.pk]),
        reverse("diagnosis", args=[philadelphia.slug, diagnosis.pk]),
        reverse("diagnosis_page", args=[philadelphia.slug, diagnosis.pk]),
        reverse("evaluation", args=[studies.slug, evaluation.pk]),
        reverse("evaluation_page", args=[studies.slug, evaluation.pk]),
    ]


def test_every_demo_page_opens_for_its_staff_in_three_languages(tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    load_demo(tmp_path)
    _run_queued()
    assert not Job.unscoped.exclude(status=JobStatus.DONE).exists()  # every office's
    offices = {o.slug: o for o in Office.objects.all()}
    client = Client()
    client.force_login(User.objects.get(username="demo-staff"))
    for language in ("en", "es", "pt"):
        client.cookies["django_language"] = language
        for page in _pages(offices):
            response = client.get(page)
            assert response.status_code == 200, (language, page)
    client.cookies["django_language"] = "es"
    monitoring = client.get(reverse("monitoring", args=[PALMIRA])).content.decode()
    assert "Valores ilustrativos" in monitoring  # the example file is marked illustrative
    program = MonitoringRecord.objects.filter(office__slug=PALMIRA, collection="programs")[0]
    page = client.get(reverse("program", args=[PALMIRA, program.key])).content.decode()
    assert "Valores ilustrativos" in page


def test_the_demo_partner_reports_on_its_own_palmira_program_only(tmp_path: Path) -> None:
    from django.contrib.auth.models import User

    load_demo(tmp_path)
    partner = User.objects.get(username="demo-partner")
    palmira = Office.objects.get(slug=PALMIRA)
    acts_for = PartnerUser.objects.get(office=palmira, user=partner).partner
    client = Client()
    client.force_login(partner)
    for program in MonitoringRecord.objects.filter(office=palmira, collection="programs"):
        runs = acts_for in program.data.get("partners", ())
        status = client.get(reverse("report_new", args=[PALMIRA, program.key])).status_code
        assert status == (200 if runs else 404), program.key


def test_the_shipped_demo_files_are_the_examples() -> None:
    examples = ROOT / "examples"
    if not examples.is_dir():
        pytest.skip("examples/ is not installed")
    for name in ("palmira.yaml", "palmira_indicators.yaml"):
        assert (DEMO_FILES / name).read_bytes() == (examples / "monitoring" / name).read_bytes()
    shipped = yaml.safe_load((DEMO_FILES / "basque.yaml").read_text("utf-8"))
    original = yaml.safe_load((examples / "evaluation" / "basque.yaml").read_text("utf-8"))
    panel = (examples / "evaluation" / original["data"].pop("path")).resolve()
    assert shipped["data"].pop("path") == "basque.csv" and shipped == original
    if panel.is_file():
        assert (DEMO_FILES / "basque.csv").read_bytes() == panel.read_bytes()
