"""The web tests: Django set up on a throwaway home folder, users of every role.

``DATABASE_URL`` (set by scripts/test.sh for the PostgreSQL run) switches the database;
without it the tests use SQLite. Django is set up here, not through an ini setting, so
the core's tests never load Django.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Any

import django

os.environ["OVPKIT_HOME"] = tempfile.mkdtemp(prefix="ovpkit-web-test-")
os.environ["DJANGO_SETTINGS_MODULE"] = "ovpkit_web.settings"
django.setup()

import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402

from ovpkit.assessment.validation import example_answers_text  # noqa: E402
from ovpkit_web import domain  # noqa: E402
from ovpkit_web.models import Membership, Office, Role  # noqa: E402

PASSWORD = "a long enough test password 1"


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Each test starts with empty caches: allauth counts logins per address in the cache
    (30 a minute from one address), and the browser tests all come from 127.0.0.1, so a
    count left by earlier tests refused a later test's login ("Too Many Requests")."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


ROLES = ("manager", "staff", "partner", "reviewer")
WHO = (*ROLES, "outsider", "anonymous")


@dataclass
class Site:
    office: Office
    other: Office
    users: dict[str, User]

    def client(self, who: str, **headers: Any) -> Client:
        client = Client(**headers)
        if who != "anonymous":
            client.force_login(self.users[who])
        return client


def make_office(slug: str, knowledge_slug: str = "") -> Office:
    return Office.objects.create(
        slug=slug,
        name=f"Office {slug}",
        knowledge_slug=knowledge_slug,
        profile=domain.office_profile(knowledge_slug) if knowledge_slug else None,
    )


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Hash test passwords cheaply (the real hasher costs a third of a second each)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def with_second_factor(user: User) -> str:
    """Give ``user`` an authenticator app (TOTP), as managers and admins must have one;
    returns its secret, from which a test computes the app's current code."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def site(db: None) -> Site:
    """One office with a member of each role, and an outsider who belongs to another.

    The managers (the office's and the outsider, who manages the other office) have
    their second factor set up, as the site requires (settings.MFA_REQUIRED_FOR).
    """
    office = make_office("cali-ssj", "cali-ssj")
    other = make_office("elsewhere")
    users = {who: User.objects.create_user(who, password=PASSWORD) for who in WHO[:-1]}
    for role in ROLES:
        Membership.objects.create(user=users[role], office=office, role=Role(role))
    Membership.objects.create(user=users["outsider"], office=other, role=Role.MANAGER)
    for who in ("manager", "outsider"):
        with_second_factor(users[who])
    return Site(office=office, other=other, users=users)


@pytest.fixture(scope="session")
def cali_answers() -> str:
    return example_answers_text("cali.yaml")
