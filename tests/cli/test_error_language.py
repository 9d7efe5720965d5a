"""Errors read in the language the command ran in: title, location words and hint."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.cli.language import environment_language, language_code
from ovpkit.errors import AnswersError, DataError, os_problem
from ovpkit.i18n import current_language, use_language

runner = CliRunner()


def _ovpkit(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    code = "from ovpkit.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", **(env or {})},
        check=False,
    )


def test_error_keeps_the_language_it_was_raised_in() -> None:
    with use_language("es"):
        error = DataError("mensaje", file="datos.csv", record=3, field="fecha", hint="corrija")

    assert current_language() == "en"
    assert error.heading() == "El archivo de datos no es válido"
    assert error.describe() == ("datos.csv, fila 3, campo 'fecha': mensaje\n  Qué hacer: corrija")


def test_error_in_english_names_row_and_field() -> None:
    error = DataError("not a date", file="a.csv", record=4, field="date")

    assert error.describe() == "a.csv, row 4, field 'date': not a date"
    assert error.heading() == "The data file is not valid"


@pytest.mark.parametrize(
    ("lang", "title", "words"),
    [
        ("es", "El archivo de la oficina no es válido", "Qué hacer:"),
        ("pt", "O arquivo do escritório não é válido", "O que fazer:"),
    ],
)
def test_cli_error_title_and_hint_in_the_chosen_language(
    lang: str, title: str, words: str, tmp_path: Path
) -> None:
    missing = tmp_path / "answers.yaml"

    result = _ovpkit("assess", str(missing), "--lang", lang)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert title in result.stderr and words in result.stderr
    assert "The office's file" not in result.stderr and "What to do" not in result.stderr


def test_cli_language_defaults_to_ovpkit_lang(tmp_path: Path) -> None:
    result = _ovpkit("assess", str(tmp_path / "none.yaml"), env={"OVPKIT_LANG": "es_CO.UTF-8"})

    assert result.returncode == 2
    assert "El archivo de la oficina no es válido" in result.stderr


def test_cli_error_under_json_is_a_json_object(tmp_path: Path) -> None:
    result = _ovpkit("assess", str(tmp_path / "none.yaml"), "--json", "--lang", "es")

    error = json.loads(result.stdout)
    assert result.returncode == 2
    assert error["error"] == "AnswersError"
    assert error["title"] == "El archivo de la oficina no es válido"
    assert error["file"].endswith("none.yaml")


def test_cli_language_is_restored_after_a_command() -> None:
    result = runner.invoke(app, ["criteria", "1", "--lang", "pt"])

    assert result.exit_code == 0, result.output
    assert current_language() == "en"


@pytest.mark.parametrize(
    ("raw", "code"), [("es", "es"), ("ES", "es"), ("pt-BR", "pt"), ("es_CO.UTF-8", "es")]
)
def test_language_code_reads_locale_names(raw: str, code: str) -> None:
    assert language_code(raw) == code


def test_environment_language_ignores_an_unknown_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OVPKIT_LANG", "fr_FR.UTF-8")

    assert environment_language() == "en"


def test_os_problem_is_translated(tmp_path: Path) -> None:
    try:
        (tmp_path / "none.txt").read_text()
    except OSError as exc:
        with use_language("es"):
            text = os_problem(exc)
    assert text == "el archivo o la carpeta no existe"
    assert AnswersError(text).message == text
