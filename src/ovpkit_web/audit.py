"""Append-only audit events: logins (and failures), exports, views of incident data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ovpkit_web.models import AuditAction, AuditEvent, Office


def record(
    action: AuditAction,
    request: HttpRequest | None,
    *,
    user: Any = None,
    username: str = "",
    office: Office | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event; ``user`` defaults to the request's user when logged in."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        user=user,
        username=username or (user.get_username() if user is not None else ""),
        office=office,
        action=action,
        detail=detail,
        address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


@receiver(user_logged_in)
def _logged_in(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(AuditAction.LOGIN, request, user=user)


@receiver(user_logged_out)
def _logged_out(sender: object, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(AuditAction.LOGOUT, request, user=user)


@receiver(user_login_failed)
def _login_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record(AuditAction.LOGIN_FAILED, request, username=str(credentials.get("username", ""))[:150])
