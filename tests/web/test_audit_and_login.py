"""Audit events are append-only; logins are recorded; repeated failures lock out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ovpkit_web.models import AuditAction, AuditEvent

from .conftest import PASSWORD, Site


def test_login_is_recorded(site: Site) -> None:
    client = Client()
    response = client.post(reverse("account_login"), {"login": "staff", "password": PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.user == site.users["staff"]


def test_audit_events_cannot_be_changed_or_removed(site: Site) -> None:
    Client().post(reverse("account_login"), {"login": "staff", "password": PASSWORD})
    event = AuditEvent.objects.get()
    event.detail = {"changed": True}
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(username="someone else")
    assert AuditEvent.objects.get().username == "staff"


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one(site: Site) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "staff", "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": "staff", "password": PASSWORD})
    assert response.status_code == 429
    assert "Demasiados intentos" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED).count() >= 5


def test_weak_passwords_are_refused() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("short", "12345678901234", "password1234"):
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_sessions_expire() -> None:
    from django.conf import settings

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
