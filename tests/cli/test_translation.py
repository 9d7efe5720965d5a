"""The command line's own words read in the run's language: help texts and usage mistakes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.cli.translation import requested_language

runner = CliRunner()
ENV = {"COLUMNS": "200"}


def test_help_of_a_command_reads_in_spanish_with_lang() -> None:
    result = runner.invoke(app, ["assess", "--lang", "es", "--help"], env=ENV)

    assert result.exit_code == 0
    assert "Valora una oficina: niveles, fortalezas" in result.output
    assert "Escribe aquí un informe HTML." in result.output
    assert "Assess an office" not in result.output
    assert "Write an HTML report here." not in result.output


def test_help_of_the_whole_tool_reads_in_the_environments_language() -> None:
    result = runner.invoke(app, ["--help"], env={**ENV, "OVPKIT_LANG": "pt"})

    assert result.exit_code == 0
    assert "Ferramentas para Escritórios de Prevenção da Violência" in result.output
    assert "Avalia um escritório" in result.output  # a command's short help
    assert "Tools for Offices" not in result.output


def test_help_stays_english_without_a_language() -> None:
    result = runner.invoke(app, ["evaluate", "--help"], env=ENV)

    assert "Run a synthetic control, difference-in-differences" in result.output


def test_an_unknown_option_is_told_in_spanish_with_the_closest_option() -> None:
    result = runner.invoke(app, ["diagnose", "--sample", "--lang", "es", "--nope"], env=ENV)

    assert result.exit_code == 2
    assert "La orden no está escrita como se espera" in result.output
    assert "no existe la opción --nope" in result.output
    assert "¿quiso decir --no-sample?" in result.output
    assert "Traceback" not in result.output


def test_a_missing_argument_is_named_in_portuguese() -> None:
    result = runner.invoke(app, ["assess"], env={**ENV, "OVPKIT_LANG": "pt"})

    assert result.exit_code == 2
    assert "falta ANSWERS" in result.output
    assert "'ovpkit assess --help' mostra o que ele aceita" in result.output


def test_a_usage_mistake_under_json_is_a_json_error_object() -> None:
    result = runner.invoke(app, ["assess", "--json", "--lang", "es"], env=ENV)

    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert error["error"] == "UsageError"
    assert error["message"] == "falta ANSWERS"


def test_a_value_refused_by_an_option_keeps_its_reason() -> None:
    result = runner.invoke(app, ["criteria", "1", "--lang", "fr"], env={**ENV, "OVPKIT_LANG": "es"})

    assert result.exit_code == 2
    assert "el valor dado para --lang no se puede usar: elija uno de en, es, pt" in result.output


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["assess", "--lang", "es"], "", "es"),
        (["assess", "--lang=PT-br"], "", "pt"),
        (["assess", "--lang", "fr"], "es", "es"),  # unknown: the environment's
        (["assess", "--", "--lang", "es"], "", "en"),  # after --, a file name
        (["assess"], "pt_BR.UTF-8", "pt"),
    ],
)
def test_the_language_of_a_run_is_read_before_parsing(
    args: list[str], env: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVPKIT_LANG", env)

    assert requested_language(args) == expected
