"""The monitoring commands, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.errors import AnswersError

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "monitoring" / "palmira.yaml"


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_indicators_json_lists_the_catalogue() -> None:
    sheets = run_json("indicators")
    ids = {s["id"] for s in sheets}
    assert {"homicide_rate", "perception_of_insecurity", "femicide_rate"} <= ids
    assert all(s["origin"] == "ovpkit" for s in sheets)


def test_cli_indicators_one_sheet_and_an_unknown_one() -> None:
    sheet = run_json("indicators", "firearm_homicide_share")
    assert sheet["unit"] == "percent"
    result = runner.invoke(app, ["indicators", "happiness"])
    assert isinstance(result.exception, AnswersError)


def test_cli_monitor_example_json_has_evidence_and_statuses() -> None:
    document = run_json("monitor", str(EXAMPLE), "--as-of", "2025-01-31")
    assert document["illustrative"] is True
    statuses = {i["id"]: i["status"] for i in document["indicators"]}
    assert statuses["homicide-rate"] == "not_improving"  # 40.88 in 2024 against 36.61 in 2019
    evidence = document["evidence"]
    assert evidence["has_baseline"] is True
    assert evidence["programs_by_level"] == {"primary": 1, "secondary": 1, "tertiary": 1}
    assert evidence["start_up_reviews_overdue"] == 1


def test_cli_monitor_writes_an_html_page(tmp_path: Path) -> None:
    page = tmp_path / "monitor.html"
    result = runner.invoke(app, ["monitor", str(EXAMPLE), "--html", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "Illustrative values." in html
    assert html.count("<svg") >= 4


def test_cli_monitor_bad_date_is_refused() -> None:
    result = runner.invoke(app, ["monitor", str(EXAMPLE), "--as-of", "31/01/2025"])
    assert isinstance(result.exception, AnswersError)
    assert result.exception.field == "--as-of"


def test_cli_monitor_suppresses_small_coverage_counts(tmp_path: Path) -> None:
    records = tmp_path / "office.yaml"
    records.write_text(
        "office: Small office\ncoverage:\n  - id: c\n    participants:\n"
        "      - {sex: male, count: 40}\n      - {sex: female, count: 2}\n"
        "    victims:\n      - {sex: male, count: 30}\n      - {sex: female, count: 3}\n",
        encoding="utf-8",
    )
    document = run_json("monitor", str(records))
    groups = {g["group"]: g for g in document["coverage"][0]["dimensions"][0]["groups"]}
    assert groups["female"]["victims"] == "<5"
    assert groups["female"]["participants"] == "<5"
    assert groups["female"]["victim_share"] is None
    assert groups["male"]["victims"] == 30


def test_cli_reconcile_tables_flags_and_suppresses(tmp_path: Path) -> None:
    a, b = tmp_path / "police.csv", tmp_path / "forensic.csv"
    a.write_text("comuna,year,n\n1,2023,40\n2,2023,3\n3,2023,12\n", encoding="utf-8")
    b.write_text("comuna,year,n\n1,2023,41\n2,2023,4\n3,2023,20\n", encoding="utf-8")
    document = run_json("reconcile", str(a), str(b), "--by", "comuna", "--count", "n")
    assert document["periods"][0]["a"] == 55 and document["periods"][0]["b"] == 65
    gaps = document["gaps"]
    assert [g["area"] for g in gaps] == ["3", "2"]  # largest difference first
    assert gaps[1]["a"] == f"<{DEFAULT_THRESHOLD}" and gaps[1]["difference"] is None


def test_cli_survey_by_area(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "barrio": rng.choice(["norte", "sur"], 400),
            "siente": rng.choice(["inseguro", "seguro"], 400),
            "peso": rng.uniform(0.5, 2, 400),
        }
    )
    path = tmp_path / "encuesta.csv"
    frame.to_csv(path, index=False)
    document = run_json(
        "survey", str(path), "--outcome", "siente", "--weight", "peso", "--by", "barrio",
        "--yes", "inseguro",
    )  # fmt: skip
    expected = np.average(frame["siente"] == "inseguro", weights=frame["peso"])
    assert document["overall"]["estimate"] == pytest.approx(expected)
    assert [a["area"] for a in document["areas"]] == ["norte", "sur"]


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_cli_reconcile_colombian_pair_through_the_ingestion_mappings(data_dir: Path) -> None:
    folder = data_dir / "colombia"
    document = run_json(
        "reconcile", str(folder / "homicidios_20*.xls*"), str(folder / "municipality_year.csv"),
        "--a-source", "colombia-policia-homicidios", "--b-source", "colombia-municipality-year",
        "--tolerance", "0",
    )  # fmt: skip
    assert [p["period"] for p in document["periods"]] == ["2019", "2023", "2024"]
    assert all(p["difference"] == 0 for p in document["periods"])
    flagged = {(g["period"], g["area"], g["status"]) for g in document["gaps"]}
    assert ("2023", "91798", "only_in_a") in flagged
    assert ("2024", "91001", "gap") in flagged  # 20 against 21 once the tolerance is 0
