"""The review step: who may make each move, frozen content, withdrawing logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ovpkit_web import publication
from ovpkit_web.models import AuditEvent, MonitoringRecord, Publication

from .conftest import ROLES, Site

PROGRAM = {"id": "mentoring", "name": "Mentoring", "stage": "start_up",
           "prevention_level": "secondary", "focus_population": "youth",
           "participants": 40}  # fmt: skip

#: move -> the state it starts from, and which roles may make it (author: staff)
WHO_MAY = {
    "submit": ("draft", {"manager", "staff"}),
    "return": ("submitted", {"manager", "reviewer"}),
    "approve": ("submitted", {"manager", "reviewer"}),
    "publish": ("approved", {"manager"}),
    "withdraw": ("published", {"manager"}),
}
AFTER = {"submit": "submitted", "return": "draft", "approve": "approved",
         "publish": "published", "withdraw": "withdrawn"}  # fmt: skip


def _page(site: Site, author: str = "staff", state: str = "draft") -> Publication:
    MonitoringRecord.objects.get_or_create(
        office=site.office, collection="programs", key="mentoring", defaults={"data": PROGRAM}
    )
    item = publication.write_draft(site.office, site.users[author], {"mandate": "Prevent."})
    Publication.unscoped.filter(pk=item.pk).update(state=state)
    item.refresh_from_db()
    return item


def _move(site: Site, who: str, item: Publication, name: str) -> Any:
    url = reverse("publication_move", args=[site.office.slug, item.pk, name])
    return site.client(who).post(url)


CASES = [(move, who) for move in WHO_MAY for who in ROLES]


@pytest.mark.parametrize(("move", "who"), CASES, ids=[f"{m}-{w}" for m, w in CASES])
def test_it_lets_only_the_right_roles_make_each_move(site: Site, move: str, who: str) -> None:
    start, allowed = WHO_MAY[move]
    item = _page(site, state=start)
    response = _move(site, who, item, move)
    item.refresh_from_db()
    if who in allowed:
        assert response.status_code == 302
        assert item.state == AFTER[move]
    else:
        assert response.status_code == 403
        assert item.state == start


@pytest.mark.parametrize("move", ["approve", "return"])
def test_it_never_lets_the_author_review_their_own_page(site: Site, move: str) -> None:
    """A manager may approve, but not a page the manager wrote (four eyes)."""
    item = _page(site, author="manager", state="submitted")
    assert _move(site, "manager", item, move).status_code == 403
    item.refresh_from_db()
    assert item.state == "submitted"
    assert _move(site, "reviewer", item, move).status_code == 302


def test_it_refuses_a_move_its_state_does_not_allow(site: Site) -> None:
    item = _page(site, state="draft")
    assert _move(site, "manager", item, "publish").status_code == 409
    assert _move(site, "reviewer", item, "approve").status_code == 409
    item.refresh_from_db()
    assert item.state == "draft"


def test_it_keeps_approved_content_when_the_office_changes(site: Site) -> None:
    """The document is copied: later records change neither the draft nor the public page."""
    item = _page(site, state="submitted")
    assert _move(site, "reviewer", item, "approve").status_code == 302
    assert _move(site, "manager", item, "publish").status_code == 302
    changed = {**PROGRAM, "name": "Renamed later"}
    MonitoringRecord.objects.filter(office=site.office, key="mentoring").update(data=changed)
    site.office.name = "A new name"
    site.office.save()
    item.refresh_from_db()
    assert [p["name"] for p in item.document["programs"]] == ["Mentoring"]
    page = site.client("anonymous").get(reverse("public_office", args=[site.office.slug]))
    assert "Mentoring" in page.content.decode()
    assert "Renamed later" not in page.content.decode()
    assert "A new name" not in page.content.decode()
    assert (
        site.client("anonymous")
        .get(reverse("public_index"))
        .content.decode()
        .count("Office cali-ssj")
        == 1
    )


def test_it_logs_every_move_and_the_withdrawal(site: Site) -> None:
    item = _page(site)
    for who, move in (("staff", "submit"), ("reviewer", "approve"), ("manager", "publish"),
                      ("manager", "withdraw")):  # fmt: skip
        assert _move(site, who, item, move).status_code == 302
    events = AuditEvent.objects.filter(office=site.office, action="publication").order_by("id")
    assert [(e.username, e.detail["move"]) for e in events] == [
        ("staff", "submit"), ("reviewer", "approve"), ("manager", "publish"),
        ("manager", "withdraw"),
    ]  # fmt: skip
    assert events.last().detail["after"] == "withdrawn"  # type: ignore[union-attr]
    url = reverse("public_office", args=[site.office.slug])
    assert site.client("anonymous").get(url).status_code == 404


def test_it_withdraws_the_old_page_when_a_new_one_is_published(site: Site) -> None:
    old = _page(site, state="published")
    new = _page(site, state="approved")
    assert _move(site, "manager", new, "publish").status_code == 302
    old.refresh_from_db()
    assert old.state == "withdrawn"
    replaced = AuditEvent.objects.filter(office=site.office, detail__move="replaced")
    assert replaced.count() == 1


def test_it_shows_each_member_only_the_moves_they_may_make(site: Site) -> None:
    item = _page(site, state="submitted")
    url = reverse("publication", args=[site.office.slug, item.pk])
    approve = reverse("publication_move", args=[site.office.slug, item.pk, "approve"])
    assert approve in site.client("reviewer").get(url).content.decode()
    assert approve not in site.client("staff").get(url).content.decode()


def test_the_reviewer_reads_the_frozen_pages_before_they_are_public(site: Site) -> None:
    """The preview links to the diagnosis copied into the draft, not to a public address."""
    from django.conf import settings

    from ovpkit_web.models import Job

    folder = settings.REPORTS_DIR / site.office.slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "d-en.html").write_text("<!doctype html><p>frozen diagnosis</p>", encoding="utf-8")
    job = Job.objects.create(office=site.office, kind="diagnosis", status="done",
                             result={"pages": {"en": f"{site.office.slug}/d-en.html"}})  # fmt: skip
    item = publication.write_draft(site.office, site.users["staff"], {"diagnosis": job})
    (folder / "d-en.html").write_text("<!doctype html><p>changed later</p>", encoding="utf-8")
    Publication.unscoped.filter(pk=item.pk).update(state="submitted")
    reviewer = site.client("reviewer")
    preview = reviewer.get(reverse("publication", args=[site.office.slug, item.pk]))
    link = reverse("publication_page", args=[site.office.slug, item.pk, 0])
    assert link in preview.content.decode()
    page = reviewer.get(link)
    assert b"frozen diagnosis" in page.content
    assert page["Content-Security-Policy"].startswith("sandbox")
    assert site.client("anonymous").get(link).status_code == 302  # login: not public yet
