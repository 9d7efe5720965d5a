"""Role × view × method: every address of the site, for every kind of visitor.

Expected outcomes: a status code, ``"login"`` (sent to the login page) or ``"done"``
(the write happened and the page redirects back to the office).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ovpkit_web.models import AnswersDocument, AssessmentResult, Job, QuestionnaireDraft

from .conftest import ROLES, WHO, Site

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

#: (url name, needs the office slug, method) -> outcome for each visitor
MATRIX: dict[tuple[str, bool, str], dict[str, Any]] = {
    ("home", False, "get"): EVERYONE_OK,
    ("home", False, "post"): EVERYONE_405,
    ("criteria", False, "get"): EVERYONE_OK,
    ("criteria", False, "post"): EVERYONE_405,
    ("search", False, "get"): EVERYONE_OK,
    ("search", False, "post"): EVERYONE_405,
    ("login", False, "get"): {**dict.fromkeys(WHO[:-1], 302), "anonymous": 200},
    ("office", True, "get"): OFFICE_READ,
    ("office", True, "post"): EVERYONE_405,
    ("upload_answers", True, "get"): UPLOAD_PAGE,
    ("upload_answers", True, "post"): UPLOAD_POST,
    ("assess", True, "get"): EVERYONE_405,
    ("assess", True, "post"): ASSESS_POST,
    ("logout", False, "post"): dict.fromkeys(WHO, 302),
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
}
#: the page each write sends a member back to
DONE_AT = {
    "questionnaire_section": "questionnaire_section",
    "questionnaire_import": "questionnaire",
    "assessment_pdf": "job",
}
CASES = [(key, who) for key in MATRIX for who in WHO]


def _post_data(name: str, answers: str) -> dict[str, Any]:
    if name in ("upload_answers", "questionnaire_import"):
        return {"file": SimpleUploadedFile("cali.yaml", answers.encode(), "application/x-yaml")}
    if name == "questionnaire_section":
        return {"value:mandate.public": "partly"}
    return {}


def _kwargs(name: str, scoped: bool, site: Site) -> dict[str, Any] | None:
    if not scoped:
        return None
    if name == "questionnaire_section":
        return {"slug": site.office.slug, "section_id": "mandate"}
    if name == "assessment_pdf":
        return {"slug": site.office.slug, "pk": AssessmentResult.unscoped.get().pk}
    if name in ("job", "job_file"):
        return {"slug": site.office.slug, "pk": Job.unscoped.latest("id").pk}
    return {"slug": site.office.slug}


def _state() -> tuple[int, int, int, int]:
    """What a write changes: answers files, assessments, answers kept in drafts, jobs."""
    in_drafts = sum(len(d.answers) for d in QuestionnaireDraft.unscoped.all())
    counts = (AnswersDocument.unscoped.count(), AssessmentResult.unscoped.count())
    return (*counts, in_drafts, Job.unscoped.count())


def _arrange(name: str, site: Site, answers: str) -> None:
    """Something to act on: answers to assess, drafts with an answer to export or submit."""
    from ovpkit_web import domain

    if name in ("assess", "assessment_pdf"):
        document = domain.store_answers(site.office, site.users["manager"], answers, "cali.yaml")
        if name == "assessment_pdf":
            domain.assess_office(site.office, site.users["manager"], document)
    if name in ("job", "job_file"):
        _finished_job(site)
    if name in ("questionnaire_export", "questionnaire_submit"):
        for user in site.users.values():
            QuestionnaireDraft.objects.create(
                office=site.office, respondent=user, answers={"mandate.public": "yes"}
            )


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


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k[0]}-{k[2]}-{w}" for k, w in CASES])
def test_role_matrix(site: Site, cali_answers: str, key: tuple[str, bool, str], who: str) -> None:
    name, scoped, method = key
    _arrange(name, site, cali_answers)
    url = reverse(name, kwargs=_kwargs(name, scoped, site))
    before = _state()
    client = site.client(who)
    if method == "post":
        response = client.post(url, _post_data(name, cali_answers))
    else:
        response = client.get(url)
    if response.streaming:  # a download: reading it to the end closes its file, as a
        b"".join(response.streaming_content)  # browser would (an early close() would
        # also close the test's database connection, see tests/web/test_jobs.py)
    expected = MATRIX[key][who]
    after = _state()
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == "done":
        assert response.status_code == 302
        back = DONE_AT.get(name, "office")
        assert response["Location"] == reverse(back, kwargs=_kwargs(back, scoped, site))
        assert after != before
    else:
        assert response.status_code == expected
    if expected != "done":
        assert after == before, "a refused request must store nothing"


def test_every_address_is_in_the_matrix() -> None:
    """A new page must be added to the matrix (admin and Django's own i18n view aside)."""
    from ovpkit_web.urls import urlpatterns

    names = {p.name for p in urlpatterns if getattr(p, "name", None)}
    assert names == {key[0] for key in MATRIX} | {"criterion"}


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
    from django.test import Client

    client = Client()
    client.force_login(admin)
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 200
