"""The change history of an office (django-simple-history's records) and its audit list:
what changed, who, when, with the answers' old and new words; never another office's."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from ovpkit_web.models import AuditAction, AuditEvent, QuestionnaireDraft
from ovpkit_web.views.history import PAGE_SIZE

from .conftest import Site


def _draft_with_two_versions(site: Site, office: Any, who: str = "staff") -> QuestionnaireDraft:
    draft = QuestionnaireDraft.objects.create(
        office=office, respondent=site.users[who], answers={"mandate.written": "no"}
    )
    draft.answers = {"mandate.written": "yes", "partners.count": 12}
    draft.save()
    return draft


def test_the_change_history_lists_what_who_and_when(site: Site) -> None:
    _draft_with_two_versions(site, site.office)
    page = site.client("manager").get(reverse("changes", args=[site.office.slug]))
    assert page.status_code == 200
    kinds = [row["kind"] for row in page.context["rows"]]
    assert kinds.count("draft") == 2 and "membership" in kinds and "office" in kinds
    assert page.context["rows"][0]["kind"] == "draft"  # newest first
    assert page.context["rows"][0]["which"] == "staff"  # whose draft


def test_a_draft_s_history_shows_each_question_old_and_new_in_spanish(site: Site) -> None:
    draft = _draft_with_two_versions(site, site.office)
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    url = reverse("object_changes", args=[site.office.slug, "draft", draft.pk])
    response = client.get(url)
    newest = response.context["versions"][0]["fields"]
    by_question = {f.label.split(":")[0]: (f.before, f.after) for f in newest}
    assert by_question == {
        "mandate.written": ("no", "sí"),
        "partners.count": ("(sin respuesta)", "12"),
    }
    page = response.content.decode()
    assert "Historial de cambios" in page and "Antes" in page


def test_the_history_never_shows_another_office(site: Site) -> None:
    """The outsider's office has its own draft: neither listed here nor reachable by id."""
    theirs = _draft_with_two_versions(site, site.other, who="outsider")
    client = site.client("manager")
    rows = client.get(reverse("changes", args=[site.office.slug])).context["rows"]
    assert all(row["id"] != theirs.pk or row["kind"] != "draft" for row in rows)
    assert {row["kind"] for row in rows} == {"office", "membership"}
    url = reverse("object_changes", args=[site.office.slug, "draft", theirs.pk])
    assert client.get(url).status_code == 404
    other_office = reverse("object_changes", args=[site.office.slug, "office", site.other.pk])
    assert client.get(other_office).status_code == 404


def test_the_history_is_paginated(site: Site) -> None:
    draft = QuestionnaireDraft.objects.create(office=site.office, respondent=site.users["staff"])
    for n in range(PAGE_SIZE + 5):
        draft.answers = {"partners.count": n}
        draft.save()
    client = site.client("manager")
    first = client.get(reverse("changes", args=[site.office.slug]))
    assert len(first.context["rows"]) == PAGE_SIZE
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(reverse("changes", args=[site.office.slug]), {"page": 2})
    assert 0 < len(second.context["rows"]) < PAGE_SIZE
    url = reverse("object_changes", args=[site.office.slug, "draft", draft.pk])
    versions = client.get(url, {"page": 2}).context["versions"]
    assert versions[-1]["change"] == "created"  # the oldest copy, compared with nothing


def test_the_audit_list_shows_the_office_s_events_and_its_members_logins(site: Site) -> None:
    Client().post(reverse("account_login"), {"login": "staff", "password": "wrong"})
    Client().post(reverse("account_login"), {"login": "outsider", "password": "wrong"})
    AuditEvent.objects.create(office=site.office, action=AuditAction.EXPORT, username="staff")
    AuditEvent.objects.create(office=site.other, action=AuditAction.EXPORT, username="outsider")
    response = site.client("manager").get(reverse("audit_log", args=[site.office.slug]))
    events = [(row["event"].action, row["event"].username) for row in response.context["rows"]]
    # the manager's own login (the test client's) is one of them
    assert sorted(events) == [("export", "staff"), ("login", "manager"), ("login_failed", "staff")]


def test_a_failed_login_with_an_unknown_name_is_not_shown_to_a_manager(site: Site) -> None:
    """It belongs to no office (no user), so no office's list shows it."""
    Client().post(reverse("account_login"), {"login": "nobody", "password": "wrong"})
    response = site.client("manager").get(reverse("audit_log", args=[site.office.slug]))
    assert [row["event"].username for row in response.context["rows"]] == ["manager"]
