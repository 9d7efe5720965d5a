"""A code typed just after the authenticator's 30-second step turned over is accepted.

allauth accepts, by default, only the current step's code, so a code read at second 29 and
sent at second 31 was refused; RFC 6238 (section 5.2) advises one step back.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from .conftest import Site, with_second_factor


def _accepted(site: Site, steps_back: int) -> bool:
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    secret = with_second_factor(manager)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 - steps_back))
    authenticator = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    return bool(TOTP(authenticator).validate_code(code))


@pytest.mark.django_db
def test_the_previous_steps_code_is_accepted(site: Site) -> None:
    assert _accepted(site, 1)


@pytest.mark.django_db
def test_a_code_two_steps_old_is_refused(site: Site) -> None:
    assert not _accepted(site, 2)
