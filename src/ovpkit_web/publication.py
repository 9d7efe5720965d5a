"""The review step before an office's page is public, and what the page is built from.

A publication moves draft → submitted → approved → published, and a published one can
be withdrawn. The document is built by the core (:func:`ovpkit.publish.public.public_document`)
from the office's stored core documents when the draft is written, and cannot change
once submitted: the reviewer approves exactly what the public will read. Who may do
what:

* write or rewrite a draft, submit it: office manager or staff;
* approve it, or send it back to draft: a reviewer or a manager who is **not its
  author** (four eyes);
* publish an approved page, withdraw a published one: the office's manager.

Every move is an AuditEvent (``publication``, with the move and the states).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ovpkit.publish.public import OfficeText, public_document
from ovpkit_web import audit, domain
from ovpkit_web.data import stored_page
from ovpkit_web.models import (
    AuditAction,
    Job,
    JobStatus,
    MonitoringRecord,
    Office,
    Publication,
    PublicationState,
    Role,
)
from ovpkit_web.permissions import role_of

S = PublicationState
LANGUAGES = ("en", "es", "pt")


@dataclass(frozen=True)
class Move:
    """One transition: from which states, to which, and who may make it."""

    sources: tuple[PublicationState, ...]
    target: PublicationState
    roles: tuple[Role, ...]
    not_author: bool = False


MOVES: dict[str, Move] = {
    "submit": Move((S.DRAFT,), S.SUBMITTED, (Role.MANAGER, Role.STAFF)),
    "return": Move((S.SUBMITTED,), S.DRAFT, (Role.MANAGER, Role.REVIEWER), not_author=True),
    "approve": Move((S.SUBMITTED,), S.APPROVED, (Role.MANAGER, Role.REVIEWER), not_author=True),
    "publish": Move((S.APPROVED,), S.PUBLISHED, (Role.MANAGER,)),
    "withdraw": Move((S.PUBLISHED,), S.WITHDRAWN, (Role.MANAGER,)),
}
WRITERS = (Role.MANAGER, Role.STAFF)


class MoveRefused(Exception):
    """A move that the publication's state does not allow (the page says so, 409)."""


def may_write(user: Any, office: Office) -> bool:
    """Who may write a new draft: the office's manager and staff (and site admins)."""
    return bool(user.is_superuser) or role_of(user, office) in WRITERS


def may(user: Any, publication: Publication, name: str) -> bool:
    """Whether ``user`` may make the move ``name`` on ``publication`` now."""
    move = MOVES[name]
    if publication.state not in move.sources:
        return False
    if move.not_author and publication.author_id == user.pk:
        return False  # four eyes: the author never approves their own page, even as admin
    return bool(user.is_superuser) or role_of(user, publication.office) in move.roles


def moves_for(user: Any, publication: Publication) -> list[str]:
    return [name for name in MOVES if may(user, publication, name)]


@transaction.atomic
def make_move(publication: Publication, name: str, user: Any, request: HttpRequest | None) -> None:
    """Move ``publication`` (refused: PermissionDenied or MoveRefused), logged."""
    move = MOVES[name]
    if publication.state not in move.sources:
        raise MoveRefused(name)
    if not may(user, publication, name):
        raise PermissionDenied
    before = publication.state
    if name == "publish":
        _retire_published(publication, request)
        publication.published = timezone.now()
    if name == "approve":
        publication.approved_by = user
    publication.state = move.target
    publication.save(update_fields=["state", "approved_by", "published", "updated"])
    audit.record(
        AuditAction.PUBLICATION, request, user=user, office=publication.office,
        publication=publication.pk, move=name, before=before, after=move.target,
    )  # fmt: skip


def _retire_published(publication: Publication, request: HttpRequest | None) -> None:
    """The office's page that was public until now is withdrawn (one public page each)."""
    older = Publication.objects.filter(office=publication.office, state=S.PUBLISHED)
    for item in older.exclude(pk=publication.pk):
        item.state = S.WITHDRAWN
        item.save(update_fields=["state", "updated"])
        audit.record(AuditAction.PUBLICATION, request, office=item.office, publication=item.pk,
                     move="replaced", before=S.PUBLISHED, after=S.WITHDRAWN,
                     by=publication.pk)  # fmt: skip


def write_draft(office: Office, user: Any, choices: dict[str, Any]) -> Publication:
    """A new draft whose document the core builds from the office's stored documents now."""
    return Publication.objects.create(
        office=office, author=user, document=build_document(office, choices)
    )


def build_document(office: Office, choices: dict[str, Any]) -> dict[str, Any]:
    """The core's public document of ``office``: a copy of what is stored today."""
    assessment = domain.latest_assessment(office)
    records = MonitoringRecord.objects.filter(office=office)
    by_collection: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_collection.setdefault(record.collection, []).append(record.data)
    text = OfficeText(
        slug=office.slug,
        name=office.name,
        mandate=str(choices.get("mandate") or ""),
        language=choices.get("language") or None,
        profile=office.profile,
    )
    return public_document(
        text,
        assessment=assessment.document if assessment else None,
        indicators=by_collection.get("indicators", []),
        programs=by_collection.get("programs", []),
        budget=by_collection.get("budget", []),
        currency=str(choices.get("currency") or "USD"),
        diagnosis=_pages(choices.get("diagnosis")),
        evaluations=[
            {"design": (job.result or {}).get("design", ""), "pages": _pages(job)}
            for job in choices.get("evaluations", ())
        ],
    )


def _pages(job: Job | None) -> dict[str, str] | None:
    """The core's rendered pages of a finished job, copied (frozen) into the document."""
    if job is None:
        return None
    found = {}
    for language in LANGUAGES:
        path = stored_page(job, language)
        if path is not None:
            found[language] = path.read_text(encoding="utf-8")
    return found or None


def finished(office: Office, kind: str) -> Any:
    """The office's finished jobs of ``kind`` (diagnosis, evaluation), newest first."""
    return Job.objects.filter(office=office, kind=kind, status=JobStatus.DONE)


def public_page(office: Office) -> Publication | None:
    """The office's published page, if it has one."""
    return Publication.objects.filter(office=office, state=S.PUBLISHED).first()


def published_pages() -> list[Publication]:
    """Every office's published page, for the public index (every office is meant)."""
    rows = Publication.unscoped.filter(state=S.PUBLISHED).select_related("office")
    return sorted(rows, key=lambda p: p.office.name.casefold())
