"""Accounts through django-allauth: login in three languages, the second factor (offered to
all, required for site admins and managers), sign-up closed, lockout, audit, members."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from ovpkit_web.accounts import MfaAdapter, axes_username, demo_without_mfa, mfa_required
from ovpkit_web.models import AuditAction, AuditEvent, Membership, MonitoringRecord, PartnerUser

from .conftest import PASSWORD, Site, with_second_factor


def _log_in(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": username, "password": password})


def _code(secret: str) -> str:
    """The code an authenticator app shows now for ``secret``."""
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize(
    ("language", "words"),
    [("es", ["Contraseña", "Usuario"]), ("pt", ["Senha"])],
)
def test_login_page_speaks_the_readers_language(db: None, language: str, words: list[str]) -> None:
    """allauth's own words (field labels) come from its catalogs; pt reads its pt_BR one."""
    page = Client(HTTP_ACCEPT_LANGUAGE=language).get(reverse("account_login")).content.decode()
    for word in words:
        assert word in page
    assert "Password" not in page


def test_logging_in_and_out_through_allauth_is_audited(site: Site) -> None:
    client = Client()
    response = _log_in(client, "staff")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(site.users["staff"].pk)
    assert client.session.get_expire_at_browser_close()  # the session ends with the browser
    client.post(reverse("account_logout"))
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_a_wrong_password_is_audited_under_the_name_typed(site: Site) -> None:
    _log_in(Client(), "staff", "wrong")
    event = AuditEvent.objects.get()
    assert (event.action, event.username) == (AuditAction.LOGIN_FAILED, "staff")


def test_axes_counts_the_name_allauth_posts(rf: Any) -> None:
    """allauth posts the user name as 'login'; without reading it axes counts nothing."""
    request = rf.post("/accounts/login/", {"login": "staff", "password": "x"})
    assert axes_username(request) == "staff"
    assert axes_username(request, {"username": "partner"}) == "partner"


def test_nobody_signs_up_on_their_own(db: None) -> None:
    response = Client().post(
        reverse("account_signup"),
        {"username": "stranger", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="stranger").exists()


def test_a_manager_without_a_second_factor_is_sent_to_set_one_up(site: Site) -> None:
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(manager)
    response = client.get(reverse("office", args=[site.office.slug]))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    follow = client.get(response["Location"], follow=True).content.decode()
    assert "aplicación de autenticación" in follow  # the reason, in the reader's language


def test_staff_are_offered_but_not_required_a_second_factor(site: Site) -> None:
    client = site.client("staff")
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_a_site_admin_without_a_second_factor_is_sent_to_set_one_up(site: Site) -> None:
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    client = Client()
    client.force_login(admin)
    assert client.get(reverse("account"))["Location"] == reverse("mfa_activate_totp")
    with_second_factor(admin)
    assert client.get(reverse("account")).status_code == 200


def test_the_requirement_is_a_setting(site: Site, settings: Any) -> None:
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    settings.MFA_REQUIRED_FOR = ()
    assert not mfa_required(manager)
    client = Client()
    client.force_login(manager)
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 200
    settings.MFA_REQUIRED_FOR = ("site_admin", "manager")
    assert mfa_required(manager)
    assert client.get(reverse("office", args=[site.office.slug])).status_code == 302


def test_demo_users_are_not_asked_for_a_second_factor(site: Site) -> None:
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    demo_without_mfa(manager)
    assert not mfa_required(manager)


def test_a_manager_cannot_remove_the_last_second_factor(site: Site) -> None:
    authenticator = Authenticator.objects.get(user=site.users["manager"])
    assert not MfaAdapter().can_delete_authenticator(authenticator)
    secret = with_second_factor(site.users["staff"])
    assert secret
    own = Authenticator.objects.get(user=site.users["staff"])
    assert MfaAdapter().can_delete_authenticator(own)


def test_login_with_a_second_factor_asks_for_the_code(site: Site) -> None:
    manager = site.users["manager"]
    Authenticator.objects.filter(user=manager).delete()
    secret = with_second_factor(manager)
    client = Client()
    response = _log_in(client, "manager")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone is not enough
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
    response = client.post(reverse("mfa_authenticate"), {"code": _code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(manager.pk)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, user=manager).exists()


def test_five_wrong_passwords_lock_the_allauth_login(site: Site) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="pt")
    for _ in range(5):
        _log_in(client, "partner", "wrong")
    response = _log_in(client, "partner")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_weak_new_password_is_refused(site: Site) -> None:
    client = site.client("staff")
    data = {"oldpassword": PASSWORD, "password1": "12345678901234", "password2": "12345678901234"}
    client.post(reverse("account_change_password"), data)
    site.users["staff"].refresh_from_db()
    assert site.users["staff"].check_password(PASSWORD)


# --- an office's members ---------------------------------------------------------------


def test_a_manager_creates_an_account_with_a_role(site: Site) -> None:
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(
        reverse("members", args=[site.office.slug]),
        {"username": "nueva", "email": "nueva@example.org", "role": "reviewer"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cuenta creada" in page
    user = User.objects.get(username="nueva")
    password = response.context["password"]
    assert password in page and user.check_password(password)
    assert Membership.objects.get(user=user).role == "reviewer"
    event = AuditEvent.objects.get(action=AuditAction.MEMBER_ADDED)
    assert event.office == site.office and event.detail["member"] == "nueva"


def test_a_taken_user_name_is_refused_in_the_readers_language(site: Site) -> None:
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(
        reverse("members", args=[site.office.slug]), {"username": "Outsider", "role": "staff"}
    )
    assert response.status_code == 400
    assert "nombre de usuario" in response.content.decode().lower()
    assert not Membership.objects.filter(office=site.office, user=site.users["outsider"])


def _edit(site: Site, who: str, data: dict[str, str]) -> Any:
    membership = Membership.objects.get(office=site.office, user=site.users[who])
    prefixed = {f"m{membership.pk}-{key}": value for key, value in data.items()}
    url = reverse("member_edit", args=[site.office.slug, membership.pk])
    return site.client("manager").post(url, prefixed)


def test_a_manager_changes_a_role_and_it_is_audited(site: Site) -> None:
    _edit(site, "staff", {"role": "reviewer"})
    assert Membership.objects.get(office=site.office, user=site.users["staff"]).role == "reviewer"
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert event.detail == {"member": "staff", "before": "staff", "after": "reviewer"}


def test_the_last_manager_stays(site: Site) -> None:
    _edit(site, "manager", {"role": "staff"})
    assert Membership.objects.get(office=site.office, user=site.users["manager"]).role == "manager"
    membership = Membership.objects.get(office=site.office, user=site.users["manager"])
    other = User.objects.create_user("second", password=PASSWORD)
    Membership.objects.create(user=other, office=site.office, role="manager")
    with_second_factor(other)
    client = Client()
    client.force_login(other)
    client.post(reverse("member_remove", args=[site.office.slug, membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()  # two managers: may go
    own = Membership.objects.get(user=other, office=site.office)
    client.post(reverse("member_remove", args=[site.office.slug, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()  # never oneself, the last one


def test_a_manager_removes_a_member_of_their_office_only(site: Site) -> None:
    reviewer = Membership.objects.get(office=site.office, user=site.users["reviewer"])
    elsewhere = Membership.objects.get(office=site.other)
    client = site.client("manager")
    # another office's membership, through this office's address: not found
    url = reverse("member_remove", args=[site.office.slug, elsewhere.pk])
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()
    client.post(reverse("member_remove", args=[site.office.slug, reviewer.pk]))
    assert not Membership.objects.filter(pk=reviewer.pk).exists()
    assert User.objects.filter(pk=site.users["reviewer"].pk).exists()  # the account stays
    assert AuditEvent.objects.filter(action=AuditAction.MEMBER_REMOVED).count() == 1


def _partner(site: Site, key: str) -> None:
    data = {"id": key, "name": key.title(), "kind": "community_based"}
    MonitoringRecord.objects.create(office=site.office, collection="partners", key=key, data=data)


def test_a_partner_user_is_linked_to_its_organisation(site: Site) -> None:
    _partner(site, "casa")
    _edit(site, "partner", {"role": "partner", "partner": "casa"})
    link = PartnerUser.objects.get(office=site.office, user=site.users["partner"])
    assert link.partner == "casa"
    assert AuditEvent.objects.get(action=AuditAction.PARTNER_LINKED).detail["partner"] == "casa"
    # an organisation that is not a partner of the office is refused
    _edit(site, "partner", {"role": "partner", "partner": "unknown"})
    assert PartnerUser.objects.get(office=site.office, user=site.users["partner"]).partner == "casa"
    # a staff role ends the link
    _edit(site, "partner", {"role": "staff"})
    assert not PartnerUser.objects.filter(office=site.office, user=site.users["partner"]).exists()


def test_only_a_partner_role_acts_for_an_organisation(site: Site) -> None:
    _partner(site, "casa")
    _edit(site, "staff", {"role": "staff", "partner": "casa"})
    assert not PartnerUser.objects.filter(office=site.office).exists()


def test_the_office_page_links_a_manager_to_members_and_history(site: Site) -> None:
    url = reverse("office", args=[site.office.slug])
    members = reverse("members", args=[site.office.slug])
    assert members in site.client("manager").get(url).content.decode()
    assert members not in site.client("staff").get(url).content.decode()


def test_the_demo_manager_logs_in_without_a_second_factor(db: None, tmp_path: Any) -> None:
    """``ovpkit serve`` prints the demo logins: they must work as printed."""
    from ovpkit_web.demo import load_demo

    login = next(x for x in load_demo(tmp_path) if x.role == "manager")
    client = Client()
    assert _log_in(client, login.username, login.password)["Location"] == reverse("home")
    office = Membership.objects.filter(user__username=login.username).first()
    assert office is not None
    assert client.get(reverse("office", args=[office.office.slug])).status_code == 200
