"""The main job: everything it writes exists, and the index links only to real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app


@pytest.mark.slow
def test_demo_writes_reports_diagnosis_and_an_index_whose_links_resolve(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path), "--no-pdf"])

    assert result.exit_code == 0, result.output
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"#]+)"', index)
    assert len(links) == 4 * 3 + 1 + 2  # four cities x three languages, diagnosis, two JSON
    assert all((tmp_path / link).is_file() for link in links)
    spanish = (tmp_path / "assessments" / "assessment-cali-es.html").read_text(encoding="utf-8")
    assert "Fortalezas actuales" in spanish
    diagnosis = (tmp_path / "diagnosis-philadelphia-sample.html").read_text(encoding="utf-8")
    assert "<svg" in diagnosis
