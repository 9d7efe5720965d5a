"""Who may do what in an office: small predicates (django-rules), combined with ``|``.

Two rules hold for every office-scoped page:

* the office is looked up in :func:`offices_for` the user, so an outsider gets 404
  (the page does not say the office exists);
* a member whose role does not allow a write gets 403 (see :func:`require`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from rules.permissions import add_perm
from rules.predicates import Predicate, predicate

from ovpkit_web.models import Membership, Office, Role


def role_of(user: Any, office: Office) -> Role | None:
    """The user's role in ``office``, or None for an outsider or anonymous visitor."""
    if not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, office=office).only("role").first()
    return Role(membership.role) if membership else None


def _site_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


# A call rather than ``@predicate``: django-rules leaves its decorator unannotated, so
# decorating would make the function untyped; the call gives the same Predicate.
is_site_admin: Predicate = predicate(_site_admin, name="is_site_admin")


def has_role(*roles: Role) -> Predicate:
    """A predicate: the user holds one of ``roles`` in the office."""

    def check(user: Any, office: Office | None) -> bool:
        return office is not None and role_of(user, office) in roles

    built: Predicate = predicate(check, name=f"has_role({', '.join(roles)})")
    return built


is_member = has_role(*Role)
is_writer = has_role(Role.MANAGER, Role.STAFF)
is_respondent = has_role(Role.MANAGER, Role.STAFF, Role.PARTNER)

VIEW_OFFICE = "ovpkit_web.view_office"
UPLOAD_ANSWERS = "ovpkit_web.upload_answers"
ASSESS_OFFICE = "ovpkit_web.assess_office"
UPLOAD_DATA = "ovpkit_web.upload_data"
VIEW_INCIDENTS = "ovpkit_web.view_incidents"
RUN_EVALUATION = "ovpkit_web.run_evaluation"
EDIT_MONITORING = "ovpkit_web.edit_monitoring"
MANAGE_CONSULTATION = "ovpkit_web.manage_consultation"
MANAGE_OFFICE = "ovpkit_web.manage_office"

add_perm(VIEW_OFFICE, is_member | is_site_admin)
# Partners answer the questionnaire as respondents; reviewers never write.
add_perm(UPLOAD_ANSWERS, is_respondent | is_site_admin)
add_perm(ASSESS_OFFICE, is_writer | is_site_admin)
# Incident data: the office's own staff load it and read its rows (set aside or not);
# partners and reviewers see the aggregates (set-aside counts, the public diagnosis) only.
add_perm(UPLOAD_DATA, is_writer | is_site_admin)
add_perm(VIEW_INCIDENTS, is_writer | is_site_admin)
add_perm(RUN_EVALUATION, is_writer | is_site_admin)
# New programs and partners; a partner edits its own programs (ovpkit_web.monitoring).
add_perm(EDIT_MONITORING, is_writer | is_site_admin)
# The public consultation speaks for the office: its manager opens it and words it.
add_perm(MANAGE_CONSULTATION, has_role(Role.MANAGER) | is_site_admin)
# Members, the change history and the audit list: the office's managers.
add_perm(MANAGE_OFFICE, has_role(Role.MANAGER) | is_site_admin)


def offices_for(user: Any) -> QuerySet[Office]:
    """The offices ``user`` may see at all: every office query starts here."""
    if not user.is_authenticated:
        return Office.objects.none()
    if user.is_superuser:
        return Office.objects.all()
    return Office.objects.filter(memberships__user=user).distinct()


def require(user: Any, permission: str, office: Office) -> None:
    """Refuse (403) a member whose role does not allow ``permission``."""
    if not user.has_perm(permission, office):
        raise PermissionDenied
