"""The data and diagnose commands, run through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ovpkit.cli import app

FIXTURES = Path(__file__).resolve().parent / "fixtures"
runner = CliRunner()


def _counts(node: object) -> list[int]:
    """Every 'victims' count anywhere in a JSON document."""
    if isinstance(node, dict):
        found = [node["victims"]] if isinstance(node.get("victims"), int) else []
        return found + [n for v in node.values() for n in _counts(v)]
    if isinstance(node, list):
        return [n for v in node for n in _counts(v)]
    return []


def test_data_ingest_then_status_balances_rows(tmp_path):
    db = tmp_path / "project.duckdb"
    args = ["data", "ingest", str(FIXTURES / "homicidios_latin1.csv"), "--db", str(db)]

    ingested = runner.invoke(app, [*args, "--mapping", str(FIXTURES / "homicidios.yaml"), "--json"])
    status = runner.invoke(app, ["data", "status", "--db", str(db), "--json"])

    assert ingested.exit_code == 0, ingested.output
    report = json.loads(ingested.output)[0]
    assert report["balanced"] and (report["loaded"], report["quarantined"]) == (3, 3)
    assert json.loads(status.output)["files"][0]["rows_in"] == 6


def test_data_ingest_unpacked_file_reports_source_rows_and_participants(tmp_path):
    db = tmp_path / "project.duckdb"
    args = ["data", "ingest", str(FIXTURES / "participants.csv"), "--db", str(db)]
    args += ["--mapping", str(FIXTURES / "participants.yaml")]

    ingested = runner.invoke(app, [*args, "--json"])
    status = runner.invoke(app, ["data", "status", "--db", str(db), "--json"])

    assert ingested.exit_code == 0, ingested.output
    report = json.loads(ingested.output)[0]
    assert report["balanced"] and report["rows_in"] == 14
    assert (report["rows_loaded"], report["loaded"], report["quarantined"]) == (6, 8, 8)
    assert json.loads(status.output)["files"][0]["rows_loaded"] == 6


def test_data_quarantine_lists_set_aside_rows(tmp_path):
    db = tmp_path / "project.duckdb"
    mapping = str(FIXTURES / "homicidios.yaml")
    runner.invoke(app, ["data", "ingest", str(FIXTURES / "homicidios_latin1.csv"), "-m", mapping,
                        "--db", str(db)])  # fmt: skip

    result = runner.invoke(app, ["data", "quarantine", "--db", str(db), "--json"])

    assert {r["field"] for r in json.loads(result.output)} == {"date", "victim_age", "count"}


def test_diagnose_sample_json_hides_small_counts():
    result = runner.invoke(app, ["diagnose", "--sample", "--period", "month", "--json"])

    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    counts = _counts(document)
    assert counts and not [n for n in counts if 0 < n < 5]
    assert any(r.get("suppressed") for r in document["by_area"])


def test_diagnose_sample_html_has_charts_and_no_row_level_data(tmp_path):
    page = tmp_path / "diagnosis.html"

    result = runner.invoke(app, ["diagnose", "--sample", "--html", str(page)])

    text = page.read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output
    assert text.count("<svg") == 4 and "Getis-Ord" in text
    assert "-75.1" not in text.replace("-75.1 ", "")  # no raw coordinates in the page text


def test_diagnose_without_data_explains_what_to_do(tmp_path):
    result = runner.invoke(app, ["diagnose", "--db", str(tmp_path / "none.duckdb")])

    assert result.exit_code != 0
    assert "ovpkit data ingest" in str(result.exception)
