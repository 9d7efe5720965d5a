"""History of every change to an office's rows (django-simple-history): who, when, what."""

from __future__ import annotations

from django.urls import reverse

from ovpkit_web import domain
from ovpkit_web.models import AssessmentResult, Membership, QuestionnaireDraft, Role

from .conftest import Site


def test_each_autosave_is_kept_with_who_saved_it(site: Site) -> None:
    client = site.client("staff")
    url = reverse("questionnaire_section", args=[site.office.slug, "mandate"])
    for value in ("yes", "no"):
        client.post(url, {"value:mandate.written": value}, HTTP_HX_REQUEST="true")
    draft = QuestionnaireDraft.unscoped.get(office=site.office, respondent=site.users["staff"])
    versions = list(draft.history.order_by("history_date", "history_id"))
    answers = [v.answers.get("mandate.written") for v in versions]
    assert answers[-2:] == ["yes", "no"]  # the earlier answer is still there to read
    assert {v.history_user for v in versions[-2:]} == {site.users["staff"]}


def test_a_role_change_is_kept(site: Site) -> None:
    membership = Membership.objects.get(user=site.users["partner"], office=site.office)
    membership.role = Role.REVIEWER
    membership.save()
    roles = [v.role for v in membership.history.order_by("history_date", "history_id")]
    assert roles == [Role.PARTNER, Role.REVIEWER]


def test_an_assessment_and_its_answers_have_their_history(site: Site, cali_answers: str) -> None:
    answers = domain.store_answers(site.office, site.users["manager"], cali_answers, "c.yaml")
    result = domain.assess_office(site.office, site.users["manager"], answers)
    assert answers.history.count() == 1
    assert AssessmentResult.history.filter(id=result.pk).get().history_type == "+"
