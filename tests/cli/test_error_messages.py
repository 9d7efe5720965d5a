"""The three commands that read a person's files print their errors in the reader's language.

``ovpkit assess BAD.yaml --lang es``, ``ovpkit select BAD.csv --lang pt`` and
``ovpkit kb check`` (language from ``OVPKIT_LANG``), each run as a person runs them;
the error must hold no English sentence of the same error run in English.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.message_language import not_for_reader


def _ovpkit(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    code = "from ovpkit.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "OVPKIT_LANG": lang},
        check=False,
    )


def _both(lang: str, *args: str, flag: bool = True) -> tuple[str, str]:
    """stderr of the command in English and in ``lang`` (``--lang``, else OVPKIT_LANG)."""
    english = _ovpkit(*args, *(("--lang", "en") if flag else ()), lang="en")
    translated = _ovpkit(*args, *(("--lang", lang) if flag else ()), lang="en" if flag else lang)
    assert translated.returncode == 2, translated.stderr
    assert "Traceback" not in translated.stderr
    return english.stderr, translated.stderr


@pytest.mark.parametrize(
    "answers",
    [
        "office: X\nanswers:\n  mandate.public: [yes, no]\n",
        "office: X\nanswers:\n  mandate.public: [yes\n",
        "office: X\nanwsers:\n  mandate.public: yes\n",
    ],
)
def test_assess_bad_answers_in_spanish(answers: str, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")

    english, spanish = _both("es", "assess", str(path))

    assert not_for_reader(spanish, "es", english) == []
    assert "El archivo de la oficina no es válido" in spanish


def test_select_bad_csv_in_portuguese(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text("city,country,founded,civilian_led\n,X,20x0,maybe\n", encoding="utf-8")

    english, portuguese = _both("pt", "select", str(path))

    assert not_for_reader(portuguese, "pt", english) == []
    assert "linha 2" in portuguese and "coluna 'founded'" in portuguese


@pytest.mark.parametrize("report", ["missing.txt", "not-the-report.txt"])
def test_kb_check_without_the_report_text_is_an_error_in_words(report: str, tmp_path: Path) -> None:
    path = tmp_path / report
    if report.startswith("not"):
        path.write_text("Some other text.\n", encoding="utf-8")

    english, spanish = _both("es", "kb", "check", str(path), flag=False)

    assert not_for_reader(spanish, "es", english) == []
    assert "La base de conocimiento no es válida" in spanish


def test_kb_check_with_a_bad_knowledge_folder_in_portuguese(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "facts.yaml").write_text("facts:\n  - id: a\n    colour: x\n", encoding="utf-8")

    english, portuguese = _both("pt", "kb", "check", "report.txt", "--kb", str(folder), flag=False)

    assert not_for_reader(portuguese, "pt", english) == []
    assert "campo 'colour'" in portuguese


@pytest.mark.parametrize(
    ("lang", "args"),
    [("es", ("criteria", "12")), ("pt", ("criteria", "12")), ("es", ("office", "atlantis"))],
)
def test_unknown_criterion_or_office_in_the_reader_language(
    lang: str, args: tuple[str, ...]
) -> None:
    english, translated = _both(lang, *args)

    assert not_for_reader(translated, lang, english) == []


def test_unknown_language_is_refused_in_the_environment_language() -> None:
    refused = _ovpkit("criteria", "--lang", "fr", lang="es")

    assert refused.returncode == 2
    assert "elija uno de en, es, pt" in refused.stderr
