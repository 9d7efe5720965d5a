"""Accounts: who may log in, who must use a second factor, and an office's members.

Logins, logouts, password change and reset and the second factor (TOTP with recovery
codes) are django-allauth's pages; this module holds the site's rules around them:

* nobody signs up on their own: an office manager (or a site admin) creates accounts
  (:class:`AccountAdapter`, :func:`add_member`);
* site admins and office managers must set up a second factor before anything else
  (``settings.MFA_REQUIRED_FOR``, enforced by :class:`MfaRequiredMiddleware`), and
  cannot remove it;
* django-axes counts failed logins by the user name allauth's form posts (``login``).

Every change to an office's members is an AuditEvent, and Membership/PartnerUser keep
their history (django-simple-history).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ovpkit_web import audit
from ovpkit_web.models import AuditAction, Membership, Office, PartnerUser, Role

#: members of this group are not asked for a second factor: the demo's users only
#: (``ovpkit serve`` prints their passwords; a real site runs with ``--no-demo``)
NO_MFA_GROUP = "ovpkit-demo-no-mfa"
#: addresses a user who must set up a second factor can still open
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")


# allauth ships no types (see pyproject.toml), so its adapters are Any to mypy.
class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """allauth's adapter with sign-up closed: accounts are created by managers and admins."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class MfaAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth: untyped
    """A user who must have a second factor cannot delete the last one."""

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not mfa_required(authenticator.user)


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The user name axes counts failures for: allauth authenticates with ``username``
    but its form posts the field as ``login``; Django's own form posts ``username``."""
    if credentials and credentials.get("username"):
        return str(credentials["username"])
    data = getattr(request, "POST", {})
    return data.get("login") or data.get("username")


def mfa_required(user: Any) -> bool:
    """Whether ``user`` must use a second factor (``settings.MFA_REQUIRED_FOR``)."""
    if not user.is_authenticated:
        return False
    required = set(settings.MFA_REQUIRED_FOR)
    if not required or user.groups.filter(name=NO_MFA_GROUP).exists():
        return False
    if "site_admin" in required and user.is_superuser:
        return True
    if "manager" in required:
        return Membership.objects.filter(user=user, role=Role.MANAGER).exists()
    return False


def has_second_factor(user: Any) -> bool:
    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


class MfaRequiredMiddleware:
    """Send a user who must have a second factor, and has none, to set one up.

    Only allauth's own pages (where the authenticator app is set up, and logout), static
    files and the language switcher stay open until then, so no office page is reached
    with a password alone.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            not request.path.startswith(_OPEN_PREFIXES)
            and mfa_required(request.user)
            and not has_second_factor(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Your role needs a second step at login. Set up an authenticator "
                    "app (a code on your phone) to go on."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


def temporary_password() -> str:
    """A password for a new account, given to its owner once, changed at first use."""
    return secrets.token_urlsafe(12)


@transaction.atomic
def add_member(
    request: HttpRequest, office: Office, username: str, email: str, role: Role
) -> tuple[Membership, str]:
    """Create an account and make it a member of ``office``; returns its first password."""
    password = temporary_password()
    user = get_user_model().objects.create_user(username, email=email, password=password)
    membership = Membership.objects.create(user=user, office=office, role=role)
    audit.record(AuditAction.MEMBER_ADDED, request, office=office, member=username, role=role.value)
    return membership, password


@transaction.atomic
def change_role(request: HttpRequest, membership: Membership, role: Role) -> None:
    """Give a member another role (a partner link ends when the role is no longer partner)."""
    before = membership.role
    if before == role:
        return
    membership.role = role
    membership.save()
    if role != Role.PARTNER:
        for link in PartnerUser.objects.filter(office=membership.office, user=membership.user):
            link.delete()
    audit.record(
        AuditAction.ROLE_CHANGED,
        request,
        office=membership.office,
        member=membership.user.get_username(),
        before=before,
        after=role.value,
    )


@transaction.atomic
def remove_member(request: HttpRequest, membership: Membership) -> None:
    """End a membership (the account stays: it may belong to other offices)."""
    office, user = membership.office, membership.user
    for link in PartnerUser.objects.filter(office=office, user=user):
        link.delete()
    membership.delete()
    audit.record(AuditAction.MEMBER_REMOVED, request, office=office, member=user.get_username())


@transaction.atomic
def link_partner(request: HttpRequest, membership: Membership, partner: str) -> None:
    """Say which partner organisation (a partner record's id) a partner-role user acts for;
    an empty ``partner`` removes the link."""
    office, user = membership.office, membership.user
    link = PartnerUser.objects.filter(office=office, user=user).first()
    if link is not None and link.partner == partner:
        return
    if link is not None:
        link.delete()
    if partner:
        PartnerUser.objects.create(office=office, user=user, partner=partner)
    audit.record(
        AuditAction.PARTNER_LINKED,
        request,
        office=office,
        member=user.get_username(),
        partner=partner,
    )


def last_manager(membership: Membership) -> bool:
    """Whether this is the office's only manager (who must stay, or nobody could manage)."""
    if membership.role != Role.MANAGER:
        return False
    managers = Membership.objects.filter(office=membership.office, role=Role.MANAGER)
    return managers.count() == 1


def demo_without_mfa(user: Any) -> None:
    """Put a demo user in the group that is not asked for a second factor."""
    group, _created = Group.objects.get_or_create(name=NO_MFA_GROUP)
    user.groups.add(group)
