"""The assessment commands, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "answers"


def test_cli_questionnaire_writes_a_commented_template() -> None:
    result = runner.invoke(app, ["questionnaire"])
    assert result.exit_code == 0
    assert "mandate.written: unknown" in result.stdout
    assert "# Is there a written mandate" in result.stdout


def test_cli_assess_json_has_levels_and_plan() -> None:
    result = runner.invoke(app, ["assess", str(EXAMPLES / "rosario.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [c["level"] for c in document["criteria"]][0] == 0
    assert document["office_model_advice"] is not None
    assert document["action_plan"]


def test_cli_assess_writes_html(tmp_path: Path) -> None:
    out = tmp_path / "cali.html"
    result = runner.invoke(app, ["assess", str(EXAMPLES / "cali.yaml"), "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert "Opportunities to enhance effectiveness" in out.read_text(encoding="utf-8")


def test_cli_assess_several_files_shows_disagreements(tmp_path: Path) -> None:
    staff = tmp_path / "staff.yaml"
    staff.write_text("office: OVP\nanswers:\n  mandate.public: yes\n", encoding="utf-8")
    partner = tmp_path / "partner.yaml"
    partner.write_text("office: OVP\nanswers:\n  mandate.public: no\n", encoding="utf-8")
    result = runner.invoke(app, ["assess", str(staff), str(partner), "--json"])
    document = json.loads(result.stdout)
    assert document["disagreements"][0]["answers"] == {
        "staff:respondent": "yes",
        "partner:respondent": "no",
    }


def test_cli_assess_typo_exits_2_with_line_and_suggestion(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("office: OVP\nanswers:\n  mandate.publik: yes\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", "from ovpkit.cli import main; main()", "assess", str(answers)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "400"},
    )
    assert result.returncode == 2
    assert "answers.yaml:3" in result.stderr
    assert "did you mean 'mandate.public'?" in result.stderr


def test_cli_compare_over_time_says_what_moved(tmp_path: Path) -> None:
    before = tmp_path / "2023.yaml"
    before.write_text(
        "office: OVP\nassessed_on: '2023-01'\nanswers:\n  mandate.written: no\n", encoding="utf-8"
    )
    after = tmp_path / "2024.yaml"
    after.write_text(
        "office: OVP\nassessed_on: '2024-01'\nanswers:\n  mandate.written: yes\n"
        "  mandate.public: yes\n  mandate.social_approach: yes\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compare", str(after), str(before), "--json"])
    document = json.loads(result.stdout)
    assert document["over_time"] is True
    assert [a["assessed_on"] for a in document["assessments"]] == ["2023-01", "2024-01"]
    assert document["changes"][0] == {
        "criterion": 1,
        "before": 0,
        "after": 2,
        "gained": document["changes"][0]["gained"],
        "lost": [],
    }
    assert len(document["changes"][0]["gained"]) == 3


def test_cli_compare_offices_writes_a_heat_map(tmp_path: Path) -> None:
    out = tmp_path / "compare.html"
    files = [str(EXAMPLES / f"{city}.yaml") for city in ("bristol", "cali", "edmonton", "rosario")]
    result = runner.invoke(app, ["compare", *files, "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('<rect class="cell"') == 36


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_cli_questionnaire_in_other_languages(lang: str) -> None:
    result = runner.invoke(app, ["questionnaire", "--lang", lang])
    assert result.exit_code == 0
    assert "mandate.written: unknown" in result.stdout


def test_cli_validate_report_json_has_36_cells() -> None:
    result = runner.invoke(app, ["validate-report", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["summary"]["cells"] == len(document["cells"]) == 36


def test_cli_questionnaire_json_in_spanish_translates_wording() -> None:
    result = runner.invoke(app, ["questionnaire", "--json", "--lang", "es"])
    document = json.loads(result.stdout)
    assert document["sections"][0]["title"] == "Contexto"


def test_cli_unknown_language_is_refused_with_the_choices() -> None:
    result = runner.invoke(app, ["questionnaire", "--lang", "fr"], env={"COLUMNS": "200"})
    assert result.exit_code != 0
    assert "en, es, pt" in result.output


def test_cli_assess_with_previous_reports_a_forty_percent_staff_cut(tmp_path: Path) -> None:
    base = (EXAMPLES / "edmonton.yaml").read_text(encoding="utf-8")
    files = []
    for year, staff in ((2023, 50), (2024, 30)):
        path = tmp_path / f"ovp-{year}.yaml"
        text = base.replace("answers:\n", f"answers:\n  staff.full_time: {staff}\n", 1)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    result = runner.invoke(app, ["assess", str(files[1]), "--previous", str(files[0]), "--json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.stdout)["since_previous"]["fact_changes"]
    cut = next(c for c in changes if c["question"] == "staff.full_time")
    assert (cut["before"], cut["after"]) == (50, 30)
    assert cut["relative_change"] == pytest.approx(-0.4)
