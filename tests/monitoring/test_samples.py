"""The README's monitoring examples run as written, on files shipped inside the package."""

from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app, main
from ovpkit.monitoring.sample_files import homicide_totals_sample, survey_sample

ROOT = Path(__file__).resolve().parents[2]
MONITORING = ("indicators", "monitor", "survey", "reconcile")
runner = CliRunner()


def readme_examples() -> list[str]:
    """The monitoring commands of the README's bash blocks, comments removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(tuple(f"ovpkit {c}" for c in MONITORING))]


def test_the_readme_shows_every_monitoring_command() -> None:
    shown = {shlex.split(line)[1] for line in readme_examples()}

    assert shown == set(MONITORING)


@pytest.mark.parametrize("line", readme_examples())
def test_readme_example_runs_as_written(
    line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "examples").symlink_to(ROOT / "examples")  # a fresh clone's examples/
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, shlex.split(line)[1:])

    assert result.exit_code == 0, f"{line}\n{result.output}"


def test_the_samples_ship_inside_the_package() -> None:
    package = ROOT / "src" / "ovpkit"

    assert survey_sample().is_relative_to(package) and survey_sample().is_file()
    assert homicide_totals_sample().is_relative_to(package) and homicide_totals_sample().is_file()


def test_survey_sample_says_it_is_synthetic() -> None:
    result = runner.invoke(app, ["survey", "--sample", "--lang", "es"], env={"COLUMNS": "200"})
    document = json.loads(runner.invoke(app, ["survey", "--sample", "--json"]).stdout)

    assert "Muestra sintética" in result.stdout
    assert document["synthetic"] is True and len(document["areas"]) == 6
    assert document["method"] == "linearisation" and document["dropped_without_answer"] > 0


def test_reconcile_sample_compares_homicides_with_fatal_shootings() -> None:
    document = json.loads(runner.invoke(app, ["reconcile", "--sample", "--json"]).stdout)
    totals = json.loads(homicide_totals_sample().read_text(encoding="utf-8"))

    periods = {p["period"]: p for p in document["periods"]}
    assert periods["2021"]["a"] == totals["2021"]["annual"]
    assert all(p["b"] < p["a"] for p in periods.values())  # shootings are a part of homicides


def test_survey_without_a_file_says_what_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["ovpkit", "survey", "--lang", "es"])

    with pytest.raises(SystemExit) as stopped:
        main()

    err = " ".join(capsys.readouterr().err.split())
    assert stopped.value.code == 2
    assert "el archivo de la encuesta, --outcome, --weight" in err and "--sample" in err
