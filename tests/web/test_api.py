"""The API: role × endpoint × method, the core's errors as JSON, and schemathesis.

schemathesis generates requests from /api/openapi.json (as an anonymous visitor and as
a logged-in manager) and fails on any server error (5xx); it is bounded in examples so
it stays a few seconds of CI.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from ovpkit_web import domain, jobs
from ovpkit_web.api import api
from ovpkit_web.models import AnswersDocument
from ovpkit_web.wsgi import application

from .conftest import WHO, Site

MEMBERS = dict.fromkeys(("manager", "staff", "partner", "reviewer"), 200)
OFFICE_READ = {**MEMBERS, "outsider": 404, "anonymous": 401}
ANSWERS_POST = {
    **dict.fromkeys(("manager", "staff", "partner"), 201),
    "reviewer": 403,
    "outsider": 404,
    "anonymous": 401,
}
#: (method, path) -> status for each visitor; {slug} and {job} are filled in
API_MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("get", "/api/criteria"): dict.fromkeys(WHO, 200),
    ("get", "/api/criteria/9"): dict.fromkeys(WHO, 200),
    ("get", "/api/criteria/10"): dict.fromkeys(WHO, 404),
    ("get", "/api/offices"): {**MEMBERS, "outsider": 200, "anonymous": 401},
    ("get", "/api/offices/{slug}"): OFFICE_READ,
    ("get", "/api/offices/{slug}/assessment"): OFFICE_READ,
    ("post", "/api/offices/{slug}/answers"): ANSWERS_POST,
    ("get", "/api/offices/{slug}/jobs/{job}"): OFFICE_READ,
    ("get", "/api/openapi.json"): dict.fromkeys(WHO, 200),
}
CASES = [(key, who) for key in API_MATRIX for who in WHO]


def _arrange(site: Site, answers: str) -> int:
    """An assessment and a job in the office; returns the job's id."""
    document = domain.store_answers(site.office, site.users["manager"], answers, "cali.yaml")
    result = domain.assess_office(site.office, site.users["manager"], document)
    return jobs.start("assessment_pdf", site.office, None, "en", assessment=result.pk).pk


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k[0]}-{k[1]}-{w}" for k, w in CASES])
def test_api_role_matrix(site: Site, cali_answers: str, key: tuple[str, str], who: str) -> None:
    method, path = key
    job = _arrange(site, cali_answers)
    url = path.format(slug=site.office.slug, job=job)
    before = AnswersDocument.unscoped.count()
    client = site.client(who)
    if method == "post":
        body = json.dumps({"text": cali_answers, "file_name": "cali.yaml"})
        response = client.post(url, body, content_type="application/json")
    else:
        response = client.get(url)
    assert response.status_code == API_MATRIX[key][who]
    wrote = AnswersDocument.unscoped.count() != before
    assert wrote == (response.status_code == 201)


def test_the_offices_list_holds_only_your_own(site: Site) -> None:
    listed = site.client("outsider").get("/api/offices").json()
    assert [o["slug"] for o in listed] == [site.other.slug]


def test_an_office_has_the_cores_profile_record(site: Site) -> None:
    office = site.client("reviewer").get(f"/api/offices/{site.office.slug}").json()
    assert office["role"] == "reviewer"
    assert office["profile"]["slug"] == "cali-ssj"
    assert office["profile"]["city"] == "Cali"


def test_bad_answers_get_the_cores_error_in_the_readers_language(site: Site) -> None:
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    body = json.dumps({"text": "office: X\nanswers:\n  mandate.public: maybe\n"})
    response = client.post(
        f"/api/offices/{site.office.slug}/answers", body, content_type="application/json"
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["field"] == "mandate.public"
    assert problem["file"].endswith(":3")
    assert "debería" in problem["message"] or "debe" in problem["message"]
    assert AnswersDocument.unscoped.count() == 0


def test_writes_need_the_csrf_token_like_the_site(site: Site, cali_answers: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(site.users["manager"])
    body = json.dumps({"text": cali_answers})
    url = f"/api/offices/{site.office.slug}/answers"
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert AnswersDocument.unscoped.count() == 0


def test_the_openapi_document_uses_the_cores_models(site: Site) -> None:
    document = site.client("anonymous").get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "Criterion" in schemas and "Office" in schemas
    assert set(schemas["Criterion"]["properties"]) >= {"definition", "findings", "citation"}


CSRF = secrets.token_hex(16)  # a CSRF secret as Django makes them: 32 letters and digits
SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema())
SCHEMA.app = application


@pytest.fixture(autouse=True)
def _connection_kept_open() -> Iterator[None]:
    """Calls straight to the WSGI app end with Django closing the database connection
    (``close_old_connections`` on request_finished), which on PostgreSQL closes the test's
    transaction too; Django's own test client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def manager(site: Site, cali_answers: str) -> tuple[dict[str, str], str]:
    """A manager's session cookie, and the office they manage (assessed, with a job)."""
    _arrange(site, cali_answers)
    client = site.client("manager")
    name = settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value, settings.CSRF_COOKIE_NAME: CSRF}, site.office.slug


@SCHEMA.parametrize()
@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
def test_schemathesis_finds_no_server_error(case: Any, manager: tuple[dict[str, str], str]) -> None:
    """Anonymous, then the manager on generated addresses, then on their own office's."""
    cookie, slug = manager
    case.call_and_validate(checks=[not_a_server_error])
    token = {"X-CSRFToken": CSRF}  # writes get as far as the core's checks
    case.call_and_validate(checks=[not_a_server_error], cookies=cookie, headers=token)
    if case.path_parameters and "slug" in case.path_parameters:
        case.path_parameters["slug"] = slug
        case.call_and_validate(checks=[not_a_server_error], cookies=cookie, headers=token)
