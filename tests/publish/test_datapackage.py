"""Data packages: valid for the frictionless library, hidden cells marked, nothing personal."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from frictionless import Package, validate
from typer.testing import CliRunner

from ovpkit.cli import app, main
from ovpkit.publish.disclosure import MARKER

runner = CliRunner()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample diagnosis, published as JSON, then as a data package through the CLI."""
    folder = tmp_path_factory.mktemp("package")
    diagnosed = runner.invoke(app, ["diagnose", "--sample", "--json"])
    assert diagnosed.exit_code == 0, diagnosed.output
    result = folder / "result.json"
    result.write_text(diagnosed.stdout, encoding="utf-8")
    published = runner.invoke(app, ["publish", str(result), "--datapackage", str(folder / "dp")])
    assert published.exit_code == 0, published.output
    return folder / "dp"


def test_package_is_valid_for_frictionless(package: Path) -> None:
    report = validate(str(package / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_package_says_where_the_data_came_from(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    origin = descriptor["ovpkit:provenance"]
    assert [f["file"] for f in origin["files"]] == ["philadelphia_shootings_2015_2025.csv"]
    assert origin["files"][0]["mapping"] and origin["ovpkit_version"] and origin["computed_at"]
    assert descriptor["sources"] and descriptor["licenses"] and descriptor["created"]
    assert "/" not in origin["files"][0]["file"]  # a local path says nothing to readers


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_hidden_cells_carry_the_marker_and_are_listed_with_a_reason(package: Path) -> None:
    by_area = _rows(package / "by_area.csv")
    marked = [(r["year"], r["area"]) for r in by_area if r["victims"] == MARKER]
    listed = _rows(package / "suppressed.csv")
    rows = {r["row"] for r in listed if r["resource"] == "by_area" and r["field"] == "victims"}
    assert marked and rows == {f"year={y}; area={a}" for y, a in marked}
    assert {r["reason"] for r in listed} <= {"small", "complementary"}


def test_no_count_below_the_threshold_and_nothing_personal(package: Path) -> None:
    descriptor = Package(str(package / "datapackage.json"))
    threshold = descriptor.custom["ovpkit:disclosure"]["threshold"]
    for resource in descriptor.resources:
        names = set(resource.schema.field_names)
        assert not names & {"lat", "lon", "address", "name", "date"}
        for row in resource.read_rows():
            for name in names & {"victims", "fatal"}:
                assert row[name] is None or row[name] == 0 or row[name] >= threshold


@pytest.mark.parametrize("content", ["not json", json.dumps({"source": "x"})])
def test_publish_refuses_what_is_not_a_public_result(
    tmp_path: Path,
    content: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = tmp_path / "result.json"
    result.write_text(content, encoding="utf-8")
    args = ["publish", str(result), "--datapackage", str(tmp_path / "dp"), "--lang", "es"]
    monkeypatch.setattr(sys, "argv", ["ovpkit", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    said = capsys.readouterr()
    assert stopped.value.code == 2
    assert "ovpkit diagnose --json" in said.err + said.out
    assert "Traceback" not in said.err
