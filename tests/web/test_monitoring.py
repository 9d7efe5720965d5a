"""Programs and partners: forms checked by the core's models; partners edit only their own."""

from __future__ import annotations

import html
from typing import Any

from django.urls import reverse

from ovpkit.monitoring.records import Program
from ovpkit_web.models import MonitoringRecord, PartnerUser

from .conftest import Site

PROGRAM = {
    "id": "youth-mentoring",
    "name": "Youth mentoring",
    "prevention_level": "secondary",
    "focus_population": "young people at risk",
    "stage": "start_up",
    "age_min": "14",
    "age_max": "24",
}


def _partner(site: Site, key: str, name: str) -> None:
    client = site.client("manager")
    url = reverse("partner_new", args=[site.office.slug])
    response = client.post(url, {"id": key, "name": name, "kind": "community_based"})
    assert response.status_code == 302, response.content.decode()


def _program(site: Site, key: str, partners: str) -> None:
    fields = PROGRAM | {"id": key, "partners": partners}
    response = site.client("staff").post(reverse("program_new", args=[site.office.slug]), fields)
    assert response.status_code == 302, response.content.decode()


def _edit(site: Site, who: str, key: str, **fields: Any) -> Any:
    url = reverse("program_edit", args=[site.office.slug, key])
    return site.client(who, HTTP_ACCEPT_LANGUAGE="es").post(url, PROGRAM | fields)


def test_a_program_saved_is_the_cores_record(site: Site) -> None:
    _partner(site, "casa", "Casa de la Juventud")
    _program(site, "youth-mentoring", "casa")
    record = MonitoringRecord.objects.get(collection="programs")
    program = Program.model_validate(record.data)
    assert program.partners == ("casa",) and program.age_min == 14
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("monitoring", args=[site.office.slug])
    )
    text = page.content.decode()
    assert "Prevención secundaria" in text or "prevención secundaria" in text.lower()


def test_the_cores_error_is_beside_its_field_in_spanish(site: Site) -> None:
    url = reverse("program_new", args=[site.office.slug])
    bad = PROGRAM | {"age_min": "30", "age_max": "20", "id": "Not A Slug"}
    response = site.client("staff", HTTP_ACCEPT_LANGUAGE="es").post(url, bad)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "<strong>Id corto</strong>:" in text
    assert not MonitoringRecord.objects.exists()


def test_an_unknown_partner_is_refused_naming_it_with_every_other_problem(site: Site) -> None:
    url = reverse("program_new", args=[site.office.slug])
    bad = PROGRAM | {"partners": "nobody", "id": "Not A Slug", "name": ""}
    response = site.client("staff").post(url, bad)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "nobody" in text
    assert "<strong>Short id</strong>:" in text and "<strong>Name</strong>:" in text
    assert not MonitoringRecord.objects.exists()


def test_a_partner_edits_its_own_program_only_and_not_who_runs_it(site: Site) -> None:
    _partner(site, "casa", "Casa de la Juventud")
    _partner(site, "otra", "Otra Fundación")
    _program(site, "ours", "casa")
    _program(site, "theirs", "otra")
    PartnerUser.objects.create(office=site.office, user=site.users["partner"], partner="casa")
    mine = _edit(site, "partner", "ours", name="Mentoring, renamed", partners="otra")
    assert mine.status_code == 302
    ours = MonitoringRecord.objects.get(key="ours")
    assert ours.data["name"] == "Mentoring, renamed"
    assert ours.data["partners"] == ["casa"]  # a partner cannot hand its program to another
    other = _edit(site, "partner", "theirs", name="taken over")
    assert other.status_code == 403
    assert MonitoringRecord.objects.get(key="theirs").data["name"] == PROGRAM["name"]
    opened = site.client("partner").get(reverse("program_edit", args=[site.office.slug, "theirs"]))
    assert opened.status_code == 403


def test_a_partner_user_without_an_organisation_edits_nothing(site: Site) -> None:
    _partner(site, "casa", "Casa")
    _program(site, "ours", "casa")
    assert _edit(site, "partner", "ours", name="x").status_code == 403
    assert _edit(site, "reviewer", "ours", name="x").status_code == 403


INDICATOR = {
    "id": "homicide-rate",
    "sheet": "homicide_rate",
    "baseline_year": "2019",
    "baseline_value": "36.6",
    "target_year": "2030",
    "target_change": "-0.5",
}


def test_an_indicator_keeps_baseline_and_target_as_the_core_nests_them(site: Site) -> None:
    from ovpkit.monitoring.records import IndicatorRecord

    url = reverse("indicator_new", args=[site.office.slug])
    response = site.client("manager").post(url, INDICATOR)
    assert response.status_code == 302, response.content.decode()
    record = IndicatorRecord.model_validate(MonitoringRecord.objects.get().data)
    assert (record.baseline.year, record.baseline.value) == (2019, 36.6)  # type: ignore[union-attr]
    assert record.target is not None and record.target.change == -0.5
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("monitoring", args=[site.office.slug])
    )
    text = page.content.decode()
    assert "36,6 (2019)" in text and "-50" in text.replace("−", "-")


def test_a_named_target_reads_in_the_readers_language(site: Site) -> None:
    from ovpkit.i18n import _ as core_
    from ovpkit.i18n import use_language
    from ovpkit.monitoring.catalogue import load_catalogue

    preset = load_catalogue().targets["pioc_halve_by_2030"]
    with use_language("es"):
        spanish = core_(preset.name)
    assert spanish != preset.name  # the core translates it
    url = reverse("indicator_new", args=[site.office.slug])
    fields = {"id": "rate", "sheet": "homicide_rate", "target_preset": "pioc_halve_by_2030"}
    assert site.client("manager").post(url, fields).status_code == 302
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("monitoring", args=[site.office.slug])
    )
    assert spanish in html.unescape(page.content.decode())


def test_two_targets_at_once_is_the_cores_error_in_spanish(site: Site) -> None:
    url = reverse("indicator_new", args=[site.office.slug])
    both = INDICATOR | {"target_value": "18"}
    response = site.client("manager", HTTP_ACCEPT_LANGUAGE="es").post(url, both)
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "'target'" in text and "'change'" in text  # the core's sentence, naming the block
    assert not MonitoringRecord.objects.exists()


def test_a_budget_line_is_the_cores_record_shown_in_the_readers_format(site: Site) -> None:
    from ovpkit.monitoring.records import BudgetLine

    url = reverse("budget_new", args=[site.office.slug])
    line = {"year": "2024", "source": "municipal", "amount": "1500000", "kind": "core"}
    response = site.client("manager").post(url, line)
    assert response.status_code == 302, response.content.decode()
    saved = BudgetLine.model_validate(MonitoringRecord.objects.get(collection="budget").data)
    assert (saved.year, saved.amount, saved.source) == (2024, 1_500_000.0, "municipal")
    page = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(
        reverse("monitoring", args=[site.office.slug])
    )
    text = page.content.decode()
    assert "1.500.000" in text and "presupuesto municipal" in text


def test_a_negative_amount_is_the_cores_error_beside_the_amount(site: Site) -> None:
    url = reverse("budget_new", args=[site.office.slug])
    line = {"year": "2024", "source": "municipal", "amount": "-5"}
    response = site.client("manager", HTTP_ACCEPT_LANGUAGE="es").post(url, line)
    assert response.status_code == 400
    assert "<strong>Monto</strong>:" in html.unescape(response.content.decode())
    assert not MonitoringRecord.objects.exists()
