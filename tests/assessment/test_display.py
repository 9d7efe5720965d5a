"""How answers and the action plan read to a person."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from ovpkit.assessment.answers import Answer
from ovpkit.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers"


def test_display_writes_years_without_a_thousands_separator() -> None:
    assert Answer(question="context.year_founded", value=2010.0).display("year") == "2010"
    assert Answer(question="context.population", value=2300000.0).display("people") == "2,300,000"


def test_cli_action_plan_keeps_its_bracketed_horizon_and_owner() -> None:
    result = CliRunner().invoke(app, ["assess", str(EXAMPLES / "edmonton.yaml")])

    assert result.exit_code == 0, result.output
    assert "[Start now · 0–6 months · " in result.stdout  # brackets are Rich markup otherwise


def test_cli_assess_in_spanish_names_the_office_and_writes_local_percentages() -> None:
    result = CliRunner().invoke(app, ["assess", str(EXAMPLES / "cali.yaml"), "--lang", "es"])

    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "Secretaría de Paz y Cultura Ciudadana" in first and "Secretariat" not in first
    assert re.search(r"confianza 43\s%", result.stdout)  # Spanish: a (no-break) space before %
    assert "1. Mandato claro y público" in result.stdout


def test_answer_text_writes_numbers_and_years_in_the_readers_language() -> None:
    from ovpkit.assessment.display import answer_text
    from ovpkit.i18n import use_language

    with use_language("es"):
        assert answer_text("context.population", Answer("context.population", 2300000.0)) == (
            "2.300.000"
        )
        assert answer_text("context.year_founded", Answer("context.year_founded", 2005.0)) == (
            "2005"
        )
