"""Codes are shown as words, and numbers in the reader's format, in the terminal and the page."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit import formats
from ovpkit.cli import app
from ovpkit.i18n import use_language
from ovpkit.knowledge.models import PreventionLevelId
from ovpkit.monitoring.budget import CONCENTRATION_LABELS, TREND_LABELS, Concentration, Trend
from ovpkit.monitoring.catalogue import (
    DIRECTION_LABELS,
    LEVEL_LABELS,
    UNIT_LABELS,
    Direction,
    IndicatorLevel,
    IndicatorUnit,
)
from ovpkit.monitoring.coverage import DIMENSION_LABELS, DIMENSIONS
from ovpkit.monitoring.programs import LEVEL_LABELS as PREVENTION_LABELS
from ovpkit.monitoring.reconciliation import CELL_STATUS_LABELS, CellStatus
from ovpkit.monitoring.records import (
    DECISION_LABELS,
    SEX_LABELS,
    STAGE_LABELS,
    ReviewDecision,
    Sex,
    Stage,
)
from ovpkit.monitoring.words import word

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "monitoring" / "palmira.yaml"
#: codes of the Palmira records that a reader must never see as such
CODES = re.compile(r"scale_up|start_up|shift_out|international_donor|age_group|social_work")
#: English codes that are also the English words: absent from the Spanish and Portuguese
ENGLISH = re.compile(r"\b(shrinking|diversified|primary|secondary|tertiary|male|female)\b")


@pytest.mark.parametrize(
    ("codes", "labels"),
    [
        (Stage, STAGE_LABELS),
        (ReviewDecision, DECISION_LABELS),
        (Sex, SEX_LABELS),
        (Trend, TREND_LABELS),
        (Concentration, CONCENTRATION_LABELS),
        (PreventionLevelId, PREVENTION_LABELS),
        (CellStatus, CELL_STATUS_LABELS),
        (IndicatorUnit, UNIT_LABELS),
        (Direction, DIRECTION_LABELS),
        (IndicatorLevel, LEVEL_LABELS),
    ],
)
def test_every_code_has_one_label(codes: type[StrEnum], labels: dict[str, str]) -> None:
    assert set(labels) == {c.value for c in codes}


def test_every_coverage_dimension_has_a_label() -> None:
    assert set(DIMENSION_LABELS) == set(DIMENSIONS)


def test_an_office_own_slug_is_made_readable_not_shown_raw() -> None:
    assert word("source", "city_lottery_fund") == "city lottery fund"


def _monitor(tmp_path: Path, lang: str) -> tuple[str, str]:
    page = tmp_path / f"monitor-{lang}.html"
    result = runner.invoke(
        app, ["monitor", str(EXAMPLE), "--html", str(page), "--lang", lang], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    return result.stdout, page.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_monitor_shows_no_internal_code(tmp_path: Path, lang: str) -> None:
    output, page = _monitor(tmp_path, lang)

    for text in (output, page):
        assert not CODES.search(text)
        assert lang == "en" or not ENGLISH.search(text)


def test_monitor_in_spanish_uses_spanish_words_and_numbers(tmp_path: Path) -> None:
    output, page = _monitor(tmp_path, "es")
    document = json.loads(runner.invoke(app, ["monitor", str(EXAMPLE), "--json"]).stdout)
    latest = document["budget"]["years"][-1]

    with use_language("es"):
        total = formats.money(latest["total"], document["currency"]).replace("\xa0", " ")
        effective = formats.decimal(latest["effective_sources"], 1)
    for text in (output, page.replace("\xa0", " ")):
        assert "ampliación" in text and "fondos privados" in text and "en descenso" in text
        assert total in text.replace("\xa0", " ") and effective in text
    assert "donantes internacionales" in page and "trabajo social" in page
    assert "36,61" in page and "36.61" not in page  # the baseline rate, decimal comma


def test_monitor_page_charts_speak_the_language(tmp_path: Path) -> None:
    _output, page = _monitor(tmp_path, "es")

    assert "presupuesto por año y fuente" in page and "hombres y niños" in page
    assert ">male<" not in page and "suppressed" not in page
