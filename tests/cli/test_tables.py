"""Ids a user must type are never cut in terminal tables, even in a narrow terminal."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.diagnosis import shipped_mappings

runner = CliRunner()
NARROW = {"COLUMNS": "80"}


def _narrow(*args: str) -> str:
    result = runner.invoke(app, list(args), env=NARROW)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_mapping_names_are_whole_in_a_narrow_terminal() -> None:
    output = _narrow("data", "mappings")

    cut = [name for name in shipped_mappings() if name not in output]
    assert not cut and "…" not in output, cut


def test_indicator_ids_are_whole_in_a_narrow_terminal() -> None:
    ids = [s["id"] for s in json.loads(_narrow("indicators", "--json"))]

    output = _narrow("indicators")

    assert [i for i in ids if i not in output] == [] and "…" not in output


def test_office_slugs_are_whole_in_a_narrow_terminal() -> None:
    slugs = [o["slug"] for o in json.loads(_narrow("offices", "--json"))]

    output = _narrow("offices")

    assert [s for s in slugs if s not in output] == [] and "…" not in output
