"""How answers and the action plan read to a person."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ovpkit.assessment.answers import Answer
from ovpkit.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers"


def test_display_writes_years_without_a_thousands_separator() -> None:
    assert Answer(question="context.year_founded", value=2010.0).display("year") == "2010"
    assert Answer(question="context.population", value=2300000.0).display("people") == "2,300,000"


def test_cli_action_plan_keeps_its_phase_labels() -> None:
    result = CliRunner().invoke(app, ["assess", str(EXAMPLES / "edmonton.yaml")])

    assert result.exit_code == 0, result.output
    assert "[phase 1]" in result.stdout
