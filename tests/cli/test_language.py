"""``--lang`` on commands that write for people: monitor, diagnose, evaluate, select, validate."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.evaluation import simulate_panel

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_monitor_page_and_summary_in_portuguese(tmp_path: Path) -> None:
    page = tmp_path / "monitor.html"

    output = _invoke(
        "monitor",
        str(ROOT / "examples/monitoring/palmira.yaml"),
        "--html",
        str(page),
        "--lang",
        "pt",
    )

    html = page.read_text(encoding="utf-8")
    assert '<html lang="pt">' in html
    assert "Resumo de monitoramento em" in html and "Valores ilustrativos." in html
    assert "Valores ilustrativos: não são os números reais do escritório." in output
    assert "Orçamento" in output and "fonte principal" in output


def test_diagnose_sample_page_in_spanish(tmp_path: Path) -> None:
    page = tmp_path / "diagnosis.html"

    _invoke("diagnose", "--sample", "--html", str(page), "--lang", "es")

    html = page.read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert "Diagnóstico de la violencia" in html and "A quiénes afecta" in html
    assert "Who is affected" not in html


def test_evaluate_page_in_spanish(tmp_path: Path) -> None:
    simulate_panel(units=8, effect=-6.0, seed=2).to_csv(tmp_path / "panel.csv", index=False)
    spec = {
        "design": "synthetic_control",
        "title": "Ciudad simulada",
        "data": {"path": "panel.csv", "unit": "unit", "time": "period"},
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
    }
    (tmp_path / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    page = tmp_path / "evaluation.html"

    _invoke("evaluate", str(tmp_path / "spec.yaml"), "--html", str(page), "--lang", "es")

    html = page.read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert "Control sintético con inferencia por placebos" in html
    assert "Synthetic control with placebo inference" not in html


def test_select_reasons_and_regions_in_spanish() -> None:
    output = _invoke("select", "--lang", "es")

    assert "Selección de la submuestra" in output
    assert "bajo liderazgo civil" in output and "América Latina" in output
    assert "under civilian leadership" not in output


def test_select_json_reasons_in_portuguese() -> None:
    document = json.loads(_invoke("select", "--json", "--lang", "pt"))

    reasons = [v["reason"] for c in document["candidates"] for v in c["verdicts"]]
    assert "sob liderança civil" in reasons
    assert not any("civilian" in reason for reason in reasons)


def test_validate_report_table_and_summary_in_portuguese() -> None:
    output = _invoke("validate-report", "--lang", "pt")

    assert "sim" in output and "Células: 36." in output
    assert "Cells:" not in output


def test_validate_report_json_keeps_its_keys_whatever_the_language() -> None:
    document = json.loads(_invoke("validate-report", "--json", "--lang", "es"))

    assert document["summary"]["cells"] == 36
