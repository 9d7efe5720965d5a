"""The workspace's API (django-ninja), with the core's pydantic models as its schemas.

OpenAPI at ``/api/openapi.json``, interactive docs at ``/api/docs``. Knowledge is
public; office data needs a logged-in session (the same cookie as the site) and follows
the site's rules: an office that is not yours is 404, a write your role does not allow
is 403, CSRF is checked on writes. Bad input gets the core's error as JSON (400).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema, Status
from ninja.params import functions as param
from ninja.security import django_auth

from ovpkit.errors import OvpkitError
from ovpkit.knowledge.models import Criterion
from ovpkit.knowledge.models import Office as ProfileRecord
from ovpkit_web import audit, domain, presenters
from ovpkit_web.models import AuditAction, Job, Office
from ovpkit_web.permissions import UPLOAD_ANSWERS, VIEW_OFFICE, offices_for, require, role_of

api = NinjaAPI(
    title="ovpkit workspace",
    version="1",
    urls_namespace="api",
    description="Offices of violence prevention: knowledge, assessments, jobs.",
)

#: the largest id a database column holds (larger ones are 404 or 422, never an error)
MAX_ID = 2**63 - 1


class Problem(Schema):
    """An error: the core's title and message, where it is and what to do."""

    error: str
    title: str
    message: str
    file: str | None = None
    record: str | int | None = None
    field: str | None = None
    hint: str | None = None


class Detail(Schema):
    detail: str


class OfficeOut(Schema):
    slug: str
    name: str
    role: str | None
    profile: ProfileRecord | None = None


class JobOut(Schema):
    id: int
    kind: str
    status: str
    percent: int
    message: str
    result: dict[str, Any] | None


class AnswersIn(Schema):
    text: str
    file_name: str = "answers.yaml"


class AnswersOut(Schema):
    id: int
    office: str
    respondents: int


@api.exception_handler(OvpkitError)
def _problem(request: HttpRequest, exc: OvpkitError) -> HttpResponse:
    return api.create_response(request, exc.to_dict(), status=400)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.get("/criteria", response=list[Criterion], tags=["knowledge"])
def criteria(request: HttpRequest) -> tuple[Criterion, ...]:
    """The nine criteria, in the request's language (quotes stay in English)."""
    return presenters.criteria(domain.knowledge_base())


@api.get("/criteria/{number}", response={200: Criterion, 404: Detail}, tags=["knowledge"])
def criterion(request: HttpRequest, number: int = param.Path(..., ge=1, le=MAX_ID)) -> Criterion:
    try:
        return presenters.criterion_page(domain.knowledge_base(), number).criterion
    except KeyError:
        raise Http404 from None


@api.get("/offices", response=list[OfficeOut], auth=django_auth, tags=["offices"])
def offices(request: HttpRequest) -> list[dict[str, Any]]:
    """The offices you belong to."""
    return [_office_out(request, office) for office in offices_for(request.user)]


@api.get(
    "/offices/{slug}", response={200: OfficeOut, 404: Detail}, auth=django_auth, tags=["offices"]
)
def office(request: HttpRequest, slug: str) -> dict[str, Any]:
    return _office_out(request, _member_office(request, slug, VIEW_OFFICE), profile=True)


@api.get(
    "/offices/{slug}/assessment",
    response={200: dict[str, Any], 404: Detail},
    auth=django_auth,
    tags=["offices"],
)
def latest_assessment(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The latest assessment as the core computed it (``ovpkit assess --json``)."""
    result = domain.latest_assessment(_member_office(request, slug, VIEW_OFFICE))
    if result is None:
        raise Http404
    return dict(result.document)


@api.post(
    "/offices/{slug}/answers",
    response={201: AnswersOut, 400: Problem, 403: Detail, 404: Detail},
    auth=django_auth,
    tags=["offices"],
)
def upload_answers(request: HttpRequest, slug: str, body: AnswersIn) -> Status[AnswersOut]:
    """Store an answers file (the CLI's YAML) after the core has checked it."""
    office = _member_office(request, slug, UPLOAD_ANSWERS)
    file_name = body.file_name.rsplit("/", 1)[-1][:200] or "answers.yaml"
    answer_set = domain.validate_answers(body.text, file_name)
    document = domain.store_answers(office, request.user, body.text, file_name)
    audit.record(AuditAction.UPLOAD_ANSWERS, request, office=office, answers=document.pk)
    out = AnswersOut(id=document.pk, office=office.slug, respondents=len(answer_set.respondents))
    return Status(201, out)


@api.get(
    "/offices/{slug}/jobs/{job_id}",
    response={200: JobOut, 404: Detail},
    auth=django_auth,
    tags=["jobs"],
)
def job(request: HttpRequest, slug: str, job_id: int = param.Path(..., ge=1, le=MAX_ID)) -> Job:
    """A background job's progress (status, percent, message) and result."""
    return get_object_or_404(Job, pk=job_id, office=_member_office(request, slug, VIEW_OFFICE))


def _member_office(request: HttpRequest, slug: str, permission: str) -> Office:
    """As on the site: 404 unless you belong to the office, 403 without the right."""
    office = get_object_or_404(offices_for(request.user), slug=slug)
    require(request.user, permission, office)
    return office


def _office_out(request: HttpRequest, office: Office, *, profile: bool = False) -> dict[str, Any]:
    role = role_of(request.user, office)
    return {
        "slug": office.slug,
        "name": office.name,
        "role": role.value if role else None,
        "profile": domain.profile_record(office.profile) if profile and office.profile else None,
    }
