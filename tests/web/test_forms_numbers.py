"""Numbers in the monitoring forms are shown and read as the reader's language writes them.

A Spanish or Portuguese reader writes "1.234,5" (the point groups thousands, the comma
marks decimals); the forms used to show "36.61" on a Spanish page and to refuse "1.234,5".
Years stay plain whole numbers ("2019", never "2.019").
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from ovpkit.monitoring.records import ActivityReport, BudgetLine, IndicatorRecord
from ovpkit_web.models import MonitoringRecord

from .conftest import Site

LINE = {"year": "2024", "source": "municipal", "kind": "core"}


def _url(name: str, site: Site, *args: Any) -> str:
    return reverse(name, args=[site.office.slug, *args])


def _budget(site: Site, lang: str, amount: str) -> Any:
    client = site.client("manager", HTTP_ACCEPT_LANGUAGE=lang)
    return client.post(_url("budget_new", site), LINE | {"amount": amount})


def _input_value(page: str, name: str) -> str:
    """The ``value`` of the form's input named ``name``, as the browser receives it."""
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert tag is not None, name
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


@pytest.mark.parametrize(("lang", "typed"), [("es", "1.234,5"), ("pt", "1.234,5"),
                                             ("es", "1234,5"), ("en", "1,234.5")])  # fmt: skip
def test_an_amount_typed_in_the_readers_format_is_stored_as_the_number(
    site: Site, lang: str, typed: str
) -> None:
    response = _budget(site, lang, typed)
    assert response.status_code == 302, html.unescape(response.content.decode())
    saved = BudgetLine.model_validate(MonitoringRecord.objects.get(collection="budget").data)
    assert saved.amount == 1234.5


def test_an_english_number_on_a_spanish_page_is_refused_with_its_readings(site: Site) -> None:
    """'1,234.5' on a Spanish page is 1,2345 or 1.234,5: asked, never guessed, nothing kept."""
    response = _budget(site, "es", "1,234.5")
    text = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "<strong>Monto</strong>:" in text
    assert "¿Quiso decir 1,2345 o 1.234,5?" in text
    assert not MonitoringRecord.objects.exists()


@pytest.mark.parametrize(("lang", "typed", "stored"), [("es", "36.6", 36.6), ("es", "1.500", 1500),
                                                       ("en", "36,6", 36.6)])  # fmt: skip
def test_a_lone_mark_that_cannot_group_thousands_is_the_decimal_mark(
    site: Site, lang: str, typed: str, stored: float
) -> None:
    response = _budget(site, lang, typed)
    assert response.status_code == 302, html.unescape(response.content.decode())
    saved = BudgetLine.model_validate(MonitoringRecord.objects.get(collection="budget").data)
    assert saved.amount == stored


def test_a_stored_decimal_is_shown_in_the_readers_format_and_a_year_stays_plain(
    site: Site,
) -> None:
    MonitoringRecord.objects.create(
        office=site.office, collection="indicators", key="rate",
        data={"id": "rate", "sheet": "homicide_rate",
              "baseline": {"year": 2019, "value": 36.61}},
    )  # fmt: skip
    url = _url("indicator_edit", site, "rate")
    spanish = site.client("staff", HTTP_ACCEPT_LANGUAGE="es").get(url).content.decode()
    assert _input_value(spanish, "baseline_value") == "36,61"
    assert _input_value(spanish, "baseline_year") == "2019"
    english = site.client("staff", HTTP_ACCEPT_LANGUAGE="en").get(url).content.decode()
    assert _input_value(english, "baseline_value") == "36.61"


def test_the_value_shown_on_a_spanish_page_is_accepted_back_unchanged(site: Site) -> None:
    """Saving an edit page without touching it keeps the number (no 3661 from 36,61)."""
    MonitoringRecord.objects.create(
        office=site.office, collection="indicators", key="rate",
        data={"id": "rate", "sheet": "homicide_rate",
              "baseline": {"year": 2019, "value": 1234.56}},
    )  # fmt: skip
    url = _url("indicator_edit", site, "rate")
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    shown = _input_value(client.get(url).content.decode(), "baseline_value")
    assert shown == "1.234,56"
    fields = {"id": "rate", "sheet": "homicide_rate", "baseline_year": "2019",
              "baseline_value": shown}  # fmt: skip
    assert client.post(url, fields).status_code == 302
    record = IndicatorRecord.model_validate(MonitoringRecord.objects.get(key="rate").data)
    assert record.baseline is not None and record.baseline.value == 1234.56


def test_counts_in_an_activity_report_read_thousands_in_spanish(site: Site) -> None:
    MonitoringRecord.objects.create(
        office=site.office, collection="programs", key="ours",
        data={"id": "ours", "name": "Mentoring", "prevention_level": "secondary",
              "focus_population": "youth", "stage": "start_up"},
    )  # fmt: skip
    fields = {"id": "q1", "period_start": "2024-01-01", "period_end": "2024-03-31",
              "activities": "12", "reached": "1.200", "sex_female": "700"}  # fmt: skip
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(_url("report_new", site, "ours"), fields)
    assert response.status_code == 302, html.unescape(response.content.decode())
    saved = ActivityReport.model_validate(MonitoringRecord.objects.get(key="q1").data)
    assert saved.reached == 1200


@pytest.mark.parametrize("typed", ["12,5", "Infinity", "NaN"])
def test_a_count_that_is_not_a_whole_number_is_refused_in_the_readers_language(
    site: Site, typed: str
) -> None:
    MonitoringRecord.objects.create(
        office=site.office, collection="programs", key="ours",
        data={"id": "ours", "name": "Mentoring", "prevention_level": "secondary",
              "focus_population": "youth", "stage": "start_up"},
    )  # fmt: skip
    fields = {"id": "q1", "period_start": "2024-01-01", "period_end": "2024-03-31",
              "reached": typed}  # fmt: skip
    client = site.client("staff", HTTP_ACCEPT_LANGUAGE="es")
    response = client.post(_url("report_new", site, "ours"), fields)
    assert response.status_code == 400
    assert "número entero" in html.unescape(response.content.decode())
    assert not MonitoringRecord.objects.filter(collection="activity_reports").exists()
