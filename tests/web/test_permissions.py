"""Role × view × method: every address of the site, for every kind of visitor.

Expected outcomes: a status code, ``"login"`` (sent to the login page) or ``"done"``
(the write happened and the page redirects back to the office).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit_web.models import (
    AnswersDocument,
    AssessmentResult,
    Consultation,
    ConsultationResponse,
    DataFile,
    Job,
    Membership,
    MonitoringRecord,
    Publication,
    QuestionnaireDraft,
)

from .conftest import ROLES, WHO, Site, with_second_factor

MEMBERS = {"manager": 200, "staff": 200, "partner": 200, "reviewer": 200}
EVERYONE_OK = dict.fromkeys(WHO, 200)
EVERYONE_405 = dict.fromkeys(WHO, 405)
OFFICE_READ = {**MEMBERS, "outsider": 404, "anonymous": "login"}
UPLOAD_PAGE = {**MEMBERS, "reviewer": 403, "outsider": 404, "anonymous": "login"}
UPLOAD_POST = {
    "manager": "done",
    "staff": "done",
    "partner": "done",
    "reviewer": 403,
    "outsider": 404,
    "anonymous": "login",
}
ASSESS_POST = {**UPLOAD_POST, "partner": 403}
RESPONDENT_READ = {**UPLOAD_PAGE}
REFUSED = {"outsider": 404, "anonymous": "login"}
# Incident data: the office's staff load it and read its rows; others see aggregates.
STAFF_READ = {**OFFICE_READ, "partner": 403, "reviewer": 403}
STAFF_WRITE = {**ASSESS_POST}
SIGNED_IN = {**dict.fromkeys(WHO[:-1], 200), "anonymous": "login"}
# nobody signs up on their own: allauth's "sign-up closed" page (no account is made:
# the state check below); a logged-in user is sent home
EVERYONE_SIGNUP_CLOSED = {**dict.fromkeys(WHO[:-1], 302), "anonymous": 200}
# setting up the app asks for the password again first (allauth's reauthentication);
# a manager who has the app already is sent to its page
MFA_SETUP = {**dict.fromkeys(WHO[:-1], 302), "anonymous": "login"}
MANAGER_ONLY = {**dict.fromkeys(ROLES, 403), "manager": 200, **REFUSED}
MANAGER_WRITE = {**dict.fromkeys(ROLES, 403), "manager": "done", **REFUSED}
# the new account's first password is shown once, on the answer to the POST
MANAGER_CREATES = {**MANAGER_WRITE, "manager": "shown"}
# The public consultation: residents answer without login; only the manager words it.
MANAGER_READ = MANAGER_ONLY

#: (url name, needs the office slug, method) -> outcome for each visitor
MATRIX: dict[tuple[str, bool, str], dict[str, Any]] = {
    ("home", False, "get"): EVERYONE_OK,
    ("home", False, "post"): EVERYONE_405,
    ("criteria", False, "get"): EVERYONE_OK,
    ("criteria", False, "post"): EVERYONE_405,
    ("search", False, "get"): EVERYONE_OK,
    ("search", False, "post"): EVERYONE_405,
    # login, logout, password and second factor: django-allauth's pages
    ("account_login", False, "get"): {**dict.fromkeys(WHO[:-1], 302), "anonymous": 200},
    ("account_signup", False, "get"): EVERYONE_SIGNUP_CLOSED,
    ("account_signup", False, "post"): EVERYONE_SIGNUP_CLOSED,
    ("account_change_password", False, "get"): SIGNED_IN,
    ("account_reset_password", False, "get"): EVERYONE_OK,
    ("mfa_index", False, "get"): SIGNED_IN,
    ("mfa_activate_totp", False, "get"): MFA_SETUP,
    ("account", False, "get"): SIGNED_IN,
    ("account", False, "post"): EVERYONE_405,
    # an office's members, change history and audit events: its managers
    ("members", True, "get"): MANAGER_ONLY,
    ("members", True, "post"): MANAGER_CREATES,
    ("member_edit", True, "get"): EVERYONE_405,
    ("member_edit", True, "post"): MANAGER_WRITE,
    ("member_remove", True, "get"): EVERYONE_405,
    ("member_remove", True, "post"): MANAGER_WRITE,
    ("changes", True, "get"): MANAGER_ONLY,
    ("changes", True, "post"): EVERYONE_405,
    ("object_changes", True, "get"): MANAGER_ONLY,
    ("object_changes", True, "post"): EVERYONE_405,
    ("audit_log", True, "get"): MANAGER_ONLY,
    ("audit_log", True, "post"): EVERYONE_405,
    ("office", True, "get"): OFFICE_READ,
    ("office", True, "post"): EVERYONE_405,
    ("upload_answers", True, "get"): UPLOAD_PAGE,
    ("upload_answers", True, "post"): UPLOAD_POST,
    ("assess", True, "get"): EVERYONE_405,
    ("assess", True, "post"): ASSESS_POST,
    ("account_logout", False, "post"): dict.fromkeys(WHO, 302),
    ("questionnaire", True, "get"): RESPONDENT_READ,
    ("questionnaire", True, "post"): EVERYONE_405,
    ("questionnaire_section", True, "get"): RESPONDENT_READ,
    ("questionnaire_section", True, "post"): UPLOAD_POST,
    ("questionnaire_export", True, "get"): RESPONDENT_READ,
    ("questionnaire_export", True, "post"): EVERYONE_405,
    ("questionnaire_import", True, "get"): RESPONDENT_READ,
    ("questionnaire_import", True, "post"): UPLOAD_POST,
    ("questionnaire_submit", True, "get"): EVERYONE_405,
    ("questionnaire_submit", True, "post"): UPLOAD_POST,
    ("questionnaire_compare", True, "get"): OFFICE_READ,
    # reading an assessment as a PDF is an export, not a change: every member may
    ("assessment_pdf", True, "get"): EVERYONE_405,
    ("assessment_pdf", True, "post"): {**dict.fromkeys(ROLES, "done"), **REFUSED},
    ("job", True, "get"): OFFICE_READ,
    ("job", True, "post"): EVERYONE_405,
    ("job_file", True, "get"): OFFICE_READ,
    ("data", True, "get"): OFFICE_READ,
    ("data", True, "post"): EVERYONE_405,
    ("data_upload", True, "get"): STAFF_READ,
    ("data_upload", True, "post"): STAFF_WRITE,
    ("data_file", True, "get"): OFFICE_READ,
    ("data_file", True, "post"): EVERYONE_405,
    ("set_aside", True, "get"): STAFF_READ,
    ("set_aside", True, "post"): EVERYONE_405,
    ("set_aside_csv", True, "get"): STAFF_READ,
    ("run_diagnosis", True, "get"): EVERYONE_405,
    ("run_diagnosis", True, "post"): STAFF_WRITE,
    ("diagnosis", True, "get"): OFFICE_READ,
    ("diagnosis_page", True, "get"): OFFICE_READ,
    ("history", True, "get"): OFFICE_READ,
    ("history", True, "post"): EVERYONE_405,
    ("monitoring", True, "get"): OFFICE_READ,
    ("monitoring", True, "post"): EVERYONE_405,
    ("program_new", True, "get"): STAFF_READ,
    ("program_new", True, "post"): STAFF_WRITE,
    ("indicator_new", True, "get"): STAFF_READ,
    ("indicator_new", True, "post"): STAFF_WRITE,
    ("indicator_edit", True, "get"): STAFF_READ,
    ("indicator_edit", True, "post"): STAFF_WRITE,
    ("budget_new", True, "get"): STAFF_READ,
    ("budget_new", True, "post"): STAFF_WRITE,
    ("partner_new", True, "get"): STAFF_READ,
    ("partner_new", True, "post"): STAFF_WRITE,
    # a partner edits only programs that list its organisation (tests/web/test_monitoring.py)
    ("program_edit", True, "get"): STAFF_READ,
    ("program_edit", True, "post"): STAFF_WRITE,
    ("staff_new", True, "get"): STAFF_READ,
    ("staff_new", True, "post"): STAFF_WRITE,
    ("record_edit", True, "get"): STAFF_READ,
    ("record_edit", True, "post"): STAFF_WRITE,
    # asks first (GET), removes on POST; a partner removes only its own activity reports
    ("record_remove", True, "get"): STAFF_READ,
    ("record_remove", True, "post"): STAFF_WRITE,
    ("observation_new", True, "get"): STAFF_READ,
    ("observation_new", True, "post"): STAFF_WRITE,
    ("observation_remove", True, "get"): STAFF_READ,
    ("observation_remove", True, "post"): STAFF_WRITE,
    # the matrix's partner runs no program: another partner's program is not there (404);
    # its own programs and reports: tests/web/test_monitoring_more.py
    ("program", True, "get"): {**OFFICE_READ, "partner": 404},
    ("program", True, "post"): EVERYONE_405,
    ("report_new", True, "get"): {**STAFF_READ, "partner": 404},
    ("report_new", True, "post"): {**STAFF_WRITE, "partner": 404},
    ("report_edit", True, "get"): {**STAFF_READ, "partner": 404},
    ("report_edit", True, "post"): {**STAFF_WRITE, "partner": 404},
    ("evaluations", True, "get"): OFFICE_READ,
    ("evaluations", True, "post"): EVERYONE_405,
    ("evaluation_new", True, "get"): STAFF_READ,
    ("evaluation_new", True, "post"): STAFF_WRITE,
    ("evaluation", True, "get"): OFFICE_READ,
    ("evaluation_page", True, "get"): OFFICE_READ,
    # an empty answer is refused (the form again, 200) and stores nothing, for anyone
    ("consultation", True, "get"): EVERYONE_OK,
    ("consultation", True, "post"): EVERYONE_OK,
    ("consultation_thanks", True, "get"): EVERYONE_OK,
    ("consultation_thanks", True, "post"): EVERYONE_405,
    ("consultation_results", True, "get"): OFFICE_READ,
    ("consultation_results", True, "post"): EVERYONE_405,
    ("consultation_settings", True, "get"): MANAGER_READ,
    ("consultation_settings", True, "post"): MANAGER_WRITE,
    # the review step (who may make each move: tests/web/test_publication.py)
    ("publications", True, "get"): OFFICE_READ,
    ("publications", True, "post"): STAFF_WRITE,
    ("publication", True, "get"): OFFICE_READ,
    ("publication", True, "post"): EVERYONE_405,
    ("publication_download", True, "get"): OFFICE_READ,
    ("publication_datapackage", True, "get"): OFFICE_READ,
    ("publication_page", True, "get"): OFFICE_READ,
    ("publication_move", True, "get"): EVERYONE_405,
    ("publication_move", True, "post"): STAFF_WRITE,  # "submit" on a draft
    # public pages: anybody, no login
    ("public_index", False, "get"): EVERYONE_OK,
    ("public_index", False, "post"): EVERYONE_405,
    ("public_export", False, "get"): EVERYONE_OK,
    ("public_office", True, "get"): EVERYONE_OK,
    ("public_office", True, "post"): EVERYONE_405,
    ("public_datapackage", True, "get"): EVERYONE_OK,
    ("public_diagnosis", True, "get"): EVERYONE_OK,
    ("public_evaluation", True, "get"): EVERYONE_OK,
}
#: the page each write sends a member back to
DONE_AT = {
    "questionnaire_section": "questionnaire_section",
    "questionnaire_import": "questionnaire",
    "assessment_pdf": "job",
    "data_upload": "job",
    "run_diagnosis": "job",
    "evaluation_new": "job",
    "program_new": "monitoring",
    "partner_new": "monitoring",
    "program_edit": "monitoring",
    "indicator_new": "monitoring",
    "budget_new": "monitoring",
    "indicator_edit": "monitoring",
    "consultation_settings": "consultation_results",
    "publications": "publication",
    "publication_move": "publication",
    "member_edit": "members",
    "member_remove": "members",
    "staff_new": "monitoring",
    "record_edit": "monitoring",
    "record_remove": "monitoring",
    "observation_new": "indicator_edit",
    "observation_remove": "indicator_edit",
    "report_new": "program",
    "report_edit": "program",
}
CASES = [(key, who) for key in MATRIX for who in WHO]


def _reviewer(site: Site) -> Membership:
    return Membership.objects.get(office=site.office, user=site.users["reviewer"])


def _post_data(name: str, answers: str, site: Site) -> dict[str, Any]:
    if name in ("upload_answers", "questionnaire_import"):
        return {"file": SimpleUploadedFile("cali.yaml", answers.encode(), "application/x-yaml")}
    if name == "questionnaire_section":
        return {"value:mandate.public": "partly"}
    if name == "data_upload":
        csv = b"date,fatal,age,sex,police_district,lat,lon\n2020-01-02,0,30,M,19,39.96,-75.23\n"
        upload = SimpleUploadedFile("shootings.csv", csv, "text/csv")
        return {"file": upload, "mapping": "philadelphia-shootings-sample"}
    if name in ("program_new", "program_edit"):
        return {"id": "mentoring", "name": "Mentoring (changed)", "stage": "start_up",
                "prevention_level": "secondary", "focus_population": "youth"}  # fmt: skip
    if name == "members":
        return {"username": "newcomer", "role": "staff"}
    if name == "member_edit":
        return {f"m{_reviewer(site).pk}-role": "staff"}
    if name == "partner_new":
        return {"id": "casa", "name": "Casa", "kind": "community_based"}
    if name == "budget_new":
        return {"year": "2024", "source": "municipal", "amount": "100"}
    if name in ("indicator_new", "indicator_edit"):
        return {"id": "rate", "sheet": "homicide_rate", "area": "changed"}
    if name == "consultation_settings":
        return {"areas": "Centro\nNorte", "threshold": "10", "ask_safe_after_dark": "on"}
    if name == "publications":
        return {"mandate": "Prevent violence.", "language": "es", "currency": "COP"}
    if name == "staff_new":
        return {"role": "Analyst", "fte": "1", "contract": "permanent", "function": "other"}
    if name == "record_edit":
        return {"year": "2024", "source": "municipal", "amount": "250"}
    if name == "observation_new":
        return {"year": "2023", "value": "31.5"}
    if name in ("report_new", "report_edit"):
        return {"id": "q1", "period_start": "2024-01-01", "period_end": "2024-03-31",
                "activities": "5"}  # fmt: skip
    if name == "evaluation_new":
        panel = SimpleUploadedFile("panel.csv", b"u,t,y\nA,1,1\nB,1,2\n", "text/csv")
        form = {"design": "synthetic_control", "unit": "u", "time": "t", "outcome": "y"}
        return {"panel": panel, "treated": "A", "start": "2", **form}
    return {}


def _kwargs(name: str, scoped: bool, site: Site) -> dict[str, Any] | None:
    if not scoped:
        return None
    if name == "questionnaire_section":
        return {"slug": site.office.slug, "section_id": "mandate"}
    if name == "assessment_pdf":
        return {"slug": site.office.slug, "pk": AssessmentResult.unscoped.get().pk}
    if name in ("job", "job_file", "diagnosis", "diagnosis_page", "evaluation", "evaluation_page"):
        return {"slug": site.office.slug, "pk": Job.unscoped.latest("id").pk}
    if name in ("data_file", "set_aside", "set_aside_csv"):
        return {"slug": site.office.slug, "pk": DataFile.objects.latest("id").pk}
    if name == "program_edit":
        return {"slug": site.office.slug, "key": "mentoring"}
    if name in ("indicator_edit", "observation_new"):
        return {"slug": site.office.slug, "key": "rate"}
    if name == "publication_page":
        return {**_kwargs("publication", True, site), "number": 1}  # type: ignore[dict-item]
    if name in ("publication", "publication_download", "publication_datapackage"):
        return {"slug": site.office.slug, "pk": Publication.objects.filter(
            office=site.office).latest("id").pk}  # fmt: skip
    if name == "publication_move":
        return {**_kwargs("publication", True, site), "name": "submit"}  # type: ignore[dict-item]
    if name == "public_evaluation":
        return {"slug": site.office.slug, "number": 1}
    if name in ("member_edit", "member_remove"):
        return {"slug": site.office.slug, "pk": _reviewer(site).pk}
    if name == "object_changes":
        return {"slug": site.office.slug, "kind": "membership", "pk": _reviewer(site).pk}
    if name in ("record_edit", "record_remove"):
        return {"slug": site.office.slug, "collection": "budget", "key": "line"}
    if name == "observation_remove":
        return {"slug": site.office.slug, "key": "rate", "number": 1}
    if name in ("program", "report_new"):
        return {"slug": site.office.slug, "key": "mentoring"}
    if name == "report_edit":
        return {"slug": site.office.slug, "key": "q1"}
    return {"slug": site.office.slug}


def _state() -> tuple[Any, ...]:
    """What a write changes: answers files, assessments, answers in drafts, jobs, data files."""
    in_drafts = sum(len(d.answers) for d in QuestionnaireDraft.unscoped.all())
    counts = (AnswersDocument.unscoped.count(), AssessmentResult.unscoped.count())
    records = tuple((r.key, str(r.data)) for r in MonitoringRecord.objects.order_by("id"))
    consultations = tuple((c.enabled, str(c.document)) for c in Consultation.unscoped.all())
    answers = ConsultationResponse.unscoped.count()
    pages = tuple(Publication.unscoped.order_by("id").values_list("state", flat=True))
    members = tuple(Membership.objects.order_by("id").values_list("user_id", "office_id", "role"))
    users = User.objects.count()
    jobs = (Job.unscoped.count(), DataFile.objects.count())
    return (*counts, in_drafts, *jobs, records, consultations, answers, pages, members, users)


def _arrange(name: str, site: Site, answers: str) -> None:
    """Something to act on: answers to assess, drafts with an answer to export or submit."""
    from ovpkit_web import domain

    if name in ("assess", "assessment_pdf"):
        document = domain.store_answers(site.office, site.users["manager"], answers, "cali.yaml")
        if name == "assessment_pdf":
            domain.assess_office(site.office, site.users["manager"], document)
    if name in ("job", "job_file"):
        _finished_job(site)
    if name in ("data_file", "set_aside", "set_aside_csv", "run_diagnosis"):
        _loaded_file(site)
    if name == "program_edit":
        data = {"id": "mentoring", "name": "Mentoring", "stage": "start_up",
                "prevention_level": "secondary", "focus_population": "youth"}  # fmt: skip
        MonitoringRecord.objects.create(
            office=site.office, collection="programs", key="mentoring", data=data
        )
    if name in ("program", "report_new", "report_edit"):
        _arrange("program_edit", site, answers)
    if name == "report_edit":
        data = {"id": "q1", "program": "mentoring", "period_start": "2024-01-01",
                "period_end": "2024-03-31", "activities": 3}  # fmt: skip
        MonitoringRecord.objects.create(
            office=site.office, collection="activity_reports", key="q1", data=data
        )
    if name in ("record_edit", "record_remove"):
        data = {"year": 2024, "source": "municipal", "amount": 100}
        MonitoringRecord.objects.create(
            office=site.office, collection="budget", key="line", data=data
        )
    if name in ("observation_new", "observation_remove"):
        _arrange("indicator_edit", site, answers)
    if name == "observation_remove":
        record = MonitoringRecord.objects.get(collection="indicators", key="rate")
        record.data = record.data | {"observations": [{"year": 2023, "value": 1.0}]}
        record.save()
    if name == "indicator_edit":
        data = {"id": "rate", "sheet": "homicide_rate"}
        MonitoringRecord.objects.create(
            office=site.office, collection="indicators", key="rate", data=data
        )
    if name in ("diagnosis", "diagnosis_page"):
        _finished_report(site, "diagnosis")
    if name in ("consultation", "consultation_thanks", "consultation_results"):
        from ovpkit.monitoring.consultation import Area, default_consultation
        from ovpkit_web import consultation

        doc = default_consultation([Area(name="Centro")])
        consultation.save_settings(site.office, None, doc, enabled=True)
    if name in ("evaluation", "evaluation_page"):
        _finished_report(site, "evaluation")
    if name.startswith("publication") or name.startswith("public_"):
        _publications(site, published=name.startswith("public_"))
    if name in ("questionnaire_export", "questionnaire_submit"):
        for user in site.users.values():
            QuestionnaireDraft.objects.create(
                office=site.office, respondent=user, answers={"mandate.public": "yes"}
            )


def _publications(site: Site, *, published: bool) -> None:
    """A draft by staff; for the public pages, a published page with its two frozen pages."""
    from ovpkit_web import publication

    _finished_report(site, "diagnosis")
    choices = {"diagnosis": Job.unscoped.latest("id"), "evaluations": [Job.unscoped.latest("id")]}
    item = publication.write_draft(site.office, site.users["staff"], choices)
    if published:
        Publication.unscoped.filter(pk=item.pk).update(state="published")


def _finished_job(site: Site) -> None:
    """A job that made a file, as the worker leaves it."""
    from django.conf import settings

    folder = settings.REPORTS_DIR / site.office.slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "made.pdf").write_bytes(b"%PDF-1.7 test")
    result = {"file": f"{site.office.slug}/made.pdf", "name": "made.pdf"}
    Job.objects.create(
        office=site.office, kind="assessment_pdf", status="done", percent=100, result=result
    )


def _loaded_file(site: Site) -> None:
    """A data file the core ingested into the office's store, as the worker leaves it."""
    from ovpkit.diagnosis import ingest, load_mapping, open_store
    from ovpkit.diagnosis.sample import sample_path
    from ovpkit_web import data

    con = open_store(data.store_path(site.office))
    try:
        report = ingest(con, sample_path(), load_mapping("philadelphia-shootings-sample"))
    finally:
        con.close()
    DataFile.objects.create(
        office=site.office,
        file_name=report.file,
        stored="none",
        mapping_name=report.mapping,
        status="loaded",
        report=data.report_dict(report),
    )


def _finished_report(site: Site, kind: str) -> None:
    """A diagnosis or evaluation job with its page, as the worker leaves it."""
    from django.conf import settings

    folder = settings.REPORTS_DIR / site.office.slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d-en.html").write_text("<!doctype html><p>diagnosis</p>", encoding="utf-8")
    result = {"pages": {"en": f"{site.office.slug}/d-en.html"}}
    Job.objects.create(office=site.office, kind=kind, status="done", percent=100, result=result)


@pytest.fixture(autouse=True)
def own_folders(settings: Any, tmp_path: Path) -> None:
    """Each test its own uploads, data stores and reports (they outlive the database)."""
    settings.UPLOADS_DIR = tmp_path / "uploads"
    settings.DATA_DIR = tmp_path / "data"
    settings.REPORTS_DIR = tmp_path / "reports"


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k[0]}-{k[2]}-{w}" for k, w in CASES])
def test_role_matrix(site: Site, cali_answers: str, key: tuple[str, bool, str], who: str) -> None:
    name, scoped, method = key
    _arrange(name, site, cali_answers)
    url = reverse(name, kwargs=_kwargs(name, scoped, site))
    before = _state()
    client = site.client(who)
    if method == "post":
        response = client.post(url, _post_data(name, cali_answers, site))
    else:
        response = client.get(url)
    if response.streaming:  # a download: reading it to the end closes its file, as a
        b"".join(response.streaming_content)  # browser would (an early close() would
        # also close the test's database connection, see tests/web/test_jobs.py)
    expected = MATRIX[key][who]
    after = _state()
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == "shown":
        assert response.status_code == 200
        assert after != before
    elif expected == "done":
        assert response.status_code == 302
        back = DONE_AT.get(name, "office")
        assert response["Location"] == reverse(back, kwargs=_kwargs(back, scoped, site))
        assert after != before
    else:
        assert response.status_code == expected
    if expected not in ("done", "shown"):
        assert after == before, "a refused request must store nothing"


def test_every_address_is_in_the_matrix() -> None:
    """A new page must be added to the matrix (admin and Django's own i18n view aside)."""
    from ovpkit_web.urls import urlpatterns

    names = {p.name for p in urlpatterns if getattr(p, "name", None)}
    allauth = {"account_login", "account_logout", "account_signup", "account_change_password"}
    allauth |= {"account_reset_password", "mfa_index", "mfa_activate_totp"}
    assert names | allauth == {key[0] for key in MATRIX} | {"criterion"}


def test_criterion_pages_are_public_and_unknown_numbers_404(site: Site) -> None:
    for who in WHO:
        client = site.client(who)
        assert client.get(reverse("criterion", args=[9])).status_code == 200
        assert client.get(reverse("criterion", args=[10])).status_code == 404
        assert client.post(reverse("criterion", args=[1])).status_code == 405


def test_outsider_gets_404_even_for_a_write(site: Site) -> None:
    """The outsider manages another office: that role gives nothing here."""
    client = site.client("outsider")
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 404
    assert client.get(reverse("office", args=[site.other.slug])).status_code == 200


def test_site_admin_sees_every_office(site: Site) -> None:
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("admin", password="x" * 20)
    with_second_factor(admin)
    from django.test import Client

    client = Client()
    client.force_login(admin)
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 200
