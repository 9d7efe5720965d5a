"""Dates on the site's pages read as a Spanish or Brazilian reader writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from ovpkit import formats
from ovpkit.i18n import use_language

DAY = dt.date(2026, 12, 3)
MOMENT = dt.datetime(2026, 12, 3, 14, 5, tzinfo=dt.UTC)


def _render(source: str, lang: str, **values: object) -> str:
    with translation.override(lang):
        return Template(source).render(Context(values))


@pytest.mark.parametrize(
    ("lang", "expected"), [("pt", "3 de dezembro de 2026"), ("es", "3 de diciembre de 2026")]
)
def test_date_filter_writes_months_in_lower_case(lang: str, expected: str) -> None:
    assert _render('{{ d|date:"DATE_FORMAT" }}', lang, d=DAY) == expected


def test_datetime_filter_writes_months_in_lower_case_in_portuguese() -> None:
    text = _render('{{ d|date:"DATETIME_FORMAT" }}', "pt", d=MOMENT)
    assert text.startswith("3 de dezembro de 2026")


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_is_lower_case_in_portuguese(month: int) -> None:
    day = dt.date(2026, month, 1)
    text = _render('{{ d|date:"F" }} {{ d|date:"E" }} {{ d|date:"N" }}', "pt", d=day)
    assert text == text.lower()


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_the_site_and_the_core_name_the_month_alike(lang: str) -> None:
    with use_language(lang):
        core = formats.date(DAY)
    site = _render('{{ d|date:"F" }}', lang, d=DAY)
    assert site[:3] in core
