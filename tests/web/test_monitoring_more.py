"""Staff, measured values, editing and removing records, and partners' activity reports."""

from __future__ import annotations

import html
from typing import Any

from django.urls import reverse

from ovpkit.monitoring.records import ActivityReport, IndicatorRecord, StaffPosition
from ovpkit_web.models import MonitoringRecord, PartnerUser

from .conftest import Site

PROGRAM = {"name": "Mentoring", "prevention_level": "secondary",
           "focus_population": "youth", "stage": "start_up"}  # fmt: skip
REPORT = {"id": "q1", "period_start": "2024-01-01", "period_end": "2024-03-31",
          "activities": "12", "reached": "40", "sex_female": "25", "sex_male": "15"}  # fmt: skip


def _url(name: str, site: Site, *args: Any) -> str:
    return reverse(name, args=[site.office.slug, *args])


def _record(site: Site, collection: str, key: str, **data: Any) -> MonitoringRecord:
    return MonitoringRecord.objects.create(
        office=site.office, collection=collection, key=key, data=data
    )


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_staff_position_is_the_cores_record_and_reads_in_spanish(site: Site) -> None:
    fields = {"role": "Outreach worker", "fte": "2.5", "contract": "fixed_term",
              "function": "program_delivery",
              "backgrounds": "social-work, lived-experience"}  # fmt: skip
    response = site.client("staff").post(_url("staff_new", site), fields)
    assert response.status_code == 302, _text(response)
    saved = StaffPosition.model_validate(MonitoringRecord.objects.get(collection="staff").data)
    assert saved.fte == 2.5 and saved.backgrounds == ("social-work", "lived-experience")
    page = _text(site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es").get(_url("monitoring", site)))
    assert "2,5" in page and "prestación de programas" in page


def test_a_staff_position_over_the_cores_limit_is_refused_beside_its_field(site: Site) -> None:
    fields = {"role": "Everyone", "fte": "0", "contract": "permanent", "function": "other"}
    response = site.client("staff", HTTP_ACCEPT_LANGUAGE="es").post(_url("staff_new", site), fields)
    assert response.status_code == 400
    assert "<strong>Equivalentes a tiempo completo</strong>:" in _text(response)
    assert not MonitoringRecord.objects.exists()


def test_a_measured_value_is_added_to_its_indicator_and_removed_again(site: Site) -> None:
    _record(site, "indicators", "rate", id="rate", sheet="homicide_rate")
    url = _url("observation_new", site, "rate")
    assert site.client("staff").post(url, {"year": "2023", "value": "31.5"}).status_code == 302
    record = IndicatorRecord.model_validate(MonitoringRecord.objects.get(key="rate").data)
    assert [(o.year, o.value) for o in record.observations] == [(2023, 31.5)]
    page = _text(
        site.client("staff", HTTP_ACCEPT_LANGUAGE="es").get(_url("indicator_edit", site, "rate"))
    )
    assert "31,5" in page
    removal = _url("observation_remove", site, "rate", 1)
    assert site.client("staff").get(removal).status_code == 200  # asks first
    assert MonitoringRecord.objects.get(key="rate").data.get("observations")
    assert site.client("staff").post(removal).status_code == 302
    assert "observations" not in MonitoringRecord.objects.get(key="rate").data


def test_a_measured_value_without_a_value_is_the_cores_error_in_spanish(site: Site) -> None:
    _record(site, "indicators", "rate", id="rate", sheet="homicide_rate")
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(_url("observation_new", site, "rate"), {"year": "1800"})
    assert response.status_code == 400
    text = _text(response)
    assert "<strong>Año</strong>:" in text and "<strong>Valor</strong>:" in text
    assert "observations" not in MonitoringRecord.objects.get(key="rate").data


def test_a_budget_line_is_edited_and_removed_and_its_removal_is_in_the_history(
    site: Site,
) -> None:
    line = _record(site, "budget", "2024-municipal-x", year=2024, source="municipal", amount=100)
    edit = _url("record_edit", site, "budget", line.key)
    changed = {"year": "2024", "source": "municipal", "amount": "250"}
    assert site.client("manager").post(edit, changed).status_code == 302
    assert MonitoringRecord.objects.get(pk=line.pk).data["amount"] == 250
    remove = _url("record_remove", site, "budget", line.key)
    asked = site.client("manager").get(remove)
    assert asked.status_code == 200 and MonitoringRecord.objects.filter(pk=line.pk).exists()
    assert site.client("manager").post(remove).status_code == 302
    assert not MonitoringRecord.objects.filter(pk=line.pk).exists()
    removed = MonitoringRecord.history.filter(id=line.pk).latest("history_date")
    assert removed.history_type == "-" and removed.history_user == site.users["manager"]


def test_a_partner_a_program_refers_to_cannot_be_removed_and_the_page_says_why(
    site: Site,
) -> None:
    _record(site, "partners", "casa", id="casa", name="Casa", kind="community_based")
    _record(site, "programs", "mentoring", id="mentoring", partners=["casa"], **PROGRAM)
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE="es")
    remove = _url("record_remove", site, "partners", "casa")
    asked = _text(client.get(remove))
    assert "Mentoring" in asked and "se refieran" in asked
    assert client.post(remove).status_code == 400
    assert MonitoringRecord.objects.filter(key="casa").exists()


def test_a_program_is_removed_and_a_staff_position_edited(site: Site) -> None:
    _record(site, "programs", "mentoring", id="mentoring", **PROGRAM)
    staff = _record(site, "staff", "s1", role="Analyst", fte=1, contract="permanent",
                    function="data_evaluation")  # fmt: skip
    fields = {
        "role": "Analyst",
        "fte": "0.5",
        "contract": "permanent",
        "function": "data_evaluation",
    }
    assert (
        site.client("staff").post(_url("record_edit", site, "staff", "s1"), fields).status_code
        == 302
    )
    assert MonitoringRecord.objects.get(pk=staff.pk).data["fte"] == 0.5
    assert (
        site.client("staff").post(_url("record_remove", site, "programs", "mentoring")).status_code
        == 302
    )
    assert not MonitoringRecord.objects.filter(collection="programs").exists()


def _two_programs(site: Site) -> None:
    for key in ("casa", "otra"):
        _record(site, "partners", key, id=key, name=key.title(), kind="community_based")
    _record(site, "programs", "ours", id="ours", partners=["casa"], areas=["Comuna 1"], **PROGRAM)
    _record(site, "programs", "theirs", id="theirs", partners=["otra"], **PROGRAM)
    PartnerUser.objects.create(office=site.office, user=site.users["partner"], partner="casa")


def test_a_partner_reports_on_its_own_program_with_the_breakdown(site: Site) -> None:
    _two_programs(site)
    client = site.client("partner", HTTP_ACCEPT_LANGUAGE="es")
    fields = REPORT | {"area_0": "30"}
    response = client.post(_url("report_new", site, "ours"), fields)
    assert response.status_code == 302, _text(response)
    assert response["Location"] == _url("program", site, "ours")
    saved = ActivityReport.model_validate(MonitoringRecord.objects.get(key="q1").data)
    assert saved.program == "ours" and saved.activities == 12
    assert {(c.sex, c.area, c.count) for c in saved.reached_by} == {
        ("female", None, 25), ("male", None, 15), (None, "Comuna 1", 30)}  # fmt: skip
    page = _text(client.get(_url("program", site, "ours")))
    assert "mujeres y niñas: 25" in page and "Comuna 1: 30" in page


def test_a_partner_neither_sees_nor_writes_another_partners_program(site: Site) -> None:
    _two_programs(site)
    _record(site, "activity_reports", "theirs-q1", id="theirs-q1", program="theirs",
            period_start="2024-01-01", period_end="2024-03-31", activities=3)  # fmt: skip
    client = site.client("partner")
    assert client.get(_url("program", site, "theirs")).status_code == 404
    assert client.post(_url("report_new", site, "theirs"), REPORT).status_code == 404
    assert client.get(_url("report_edit", site, "theirs-q1")).status_code == 404
    assert (
        client.post(_url("record_remove", site, "activity_reports", "theirs-q1")).status_code == 404
    )
    listing = _text(client.get(_url("monitoring", site)))
    assert (
        _url("program", site, "ours") in listing and _url("program", site, "theirs") not in listing
    )
    assert MonitoringRecord.objects.filter(collection="activity_reports").count() == 1
    # the office's staff and its reviewer see both programs
    for who in ("staff", "reviewer"):
        assert site.client(who).get(_url("program", site, "theirs")).status_code == 200


def test_a_partner_edits_and_removes_its_own_report(site: Site) -> None:
    _two_programs(site)
    client = site.client("partner")
    assert client.post(_url("report_new", site, "ours"), REPORT).status_code == 302
    edited = client.post(_url("report_edit", site, "q1"), REPORT | {"activities": "14"})
    assert edited.status_code == 302
    assert MonitoringRecord.objects.get(key="q1").data["activities"] == 14
    assert client.post(_url("record_remove", site, "activity_reports", "q1")).status_code == 302
    assert not MonitoringRecord.objects.filter(key="q1").exists()
    # but not a budget line, a partner or a program of the office
    _record(site, "budget", "b", year=2024, source="municipal", amount=1)
    assert client.post(_url("record_remove", site, "budget", "b")).status_code == 403


def test_a_report_whose_groups_exceed_the_people_reached_is_refused_in_spanish(
    site: Site,
) -> None:
    _two_programs(site)
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(_url("report_new", site, "ours"), REPORT | {"sex_female": "50"})
    assert response.status_code == 400
    assert "65" in _text(response)
    assert not MonitoringRecord.objects.filter(collection="activity_reports").exists()


def test_editing_an_indicator_keeps_its_measured_values_and_own_sheet(site: Site) -> None:
    """The form asks baseline and target; the measured values and an office's sheet stay."""
    observations = [{"year": 2023, "value": 31.5}]
    _record(site, "indicators", "reached", id="reached", sheet="neighbourhoods_reached",
            observations=observations, published="https://example.org")  # fmt: skip
    fields = {"id": "reached", "sheet": "neighbourhoods_reached", "baseline_year": "2019",
              "baseline_value": "4"}  # fmt: skip
    response = site.client("staff").post(_url("indicator_edit", site, "reached"), fields)
    assert response.status_code == 302, _text(response)
    data = MonitoringRecord.objects.get(key="reached").data
    assert data["observations"] == observations and data["baseline"]["value"] == 4
    assert data["published"] == "https://example.org"


def test_editing_a_program_keeps_what_its_form_does_not_ask(site: Site) -> None:
    review = {"date": "2024-12-01", "decision": "scale_up"}
    _record(site, "programs", "p", id="p", areas=["Comuna 1"], review=review, **PROGRAM)
    fields = {"id": "p", **PROGRAM, "name": "Renamed"}
    assert site.client("staff").post(_url("program_edit", site, "p"), fields).status_code == 302
    data = MonitoringRecord.objects.get(key="p").data
    assert data["name"] == "Renamed" and data["areas"] == ["Comuna 1"] and data["review"] == review


def test_editing_a_report_replaces_its_breakdown(site: Site) -> None:
    _two_programs(site)
    client = site.client("staff")
    assert client.post(_url("report_new", site, "ours"), REPORT).status_code == 302
    changed = REPORT | {"sex_female": "", "sex_male": "", "area_0": "12"}
    assert client.post(_url("report_edit", site, "q1"), changed).status_code == 302
    assert MonitoringRecord.objects.get(key="q1").data["reached_by"] == [
        {"area": "Comuna 1", "count": 12}]  # fmt: skip
