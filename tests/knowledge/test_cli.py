"""The knowledge-base commands, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ovpkit.cli import app

runner = CliRunner()


def _json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_office_json_shows_oaklands_goals_with_citations() -> None:
    document = _json("office", "oakland-dvp")

    assert isinstance(document, dict)
    goals = [f for f in document["facts"] if f["kind"] == "goal"]
    assert len(goals) == 5
    assert all(g["citation"]["endnote"] == 21 and g["quote"] for g in goals)


def test_cli_office_human_output_has_quotes() -> None:
    result = runner.invoke(app, ["office", "oakland-dvp"])

    assert result.exit_code == 0
    assert "levels of gun violence" in result.stdout
    assert "Criterion 1" in result.stdout


def test_cli_unknown_office_suggests_a_slug() -> None:
    result = runner.invoke(app, ["office", "medellin"])

    assert result.exit_code != 0
    assert "medellin-non-violence, medellin-security" in str(result.exception)


def test_cli_office_accepts_the_name_of_a_city_with_one_office() -> None:
    document = _json("office", "oakland")

    assert isinstance(document, dict)
    assert document["office"]["slug"] == "oakland-dvp"


def test_cli_kb_export_has_every_collection_and_every_record_is_cited() -> None:
    result = runner.invoke(app, ["kb", "export"])
    document = json.loads(result.stdout)

    for key in (
        "criteria",
        "offices",
        "facts",
        "practices",
        "tradeoffs",
        "charts",
        "filters",
        "prevention_levels",
        "office_models",
        "key_notions",
    ):
        assert document[key], key
        for record in document[key]:
            assert record["citation"]["section"] and record["citation"]["title"], key
            assert record["quote"], key


def test_cli_search_ranks_matching_records_first() -> None:
    hits = _json("search", "voter-approved tax")

    assert isinstance(hits, list) and hits
    assert "tax" in (hits[0]["text"] + hits[0]["title"] + hits[0]["quote"]).lower()
    assert all(h["citation"] and h["quote"] for h in hits)
    has_all = [
        all(w in (h["text"] + h["title"] + h["quote"]).lower() for w in ("voter", "tax"))
        for h in hits
    ]
    assert has_all == sorted(has_all, reverse=True)  # records with every word come first


def test_cli_search_stems_words() -> None:
    plural = _json("search", "evaluations")
    singular = _json("search", "evaluation")

    assert isinstance(plural, list) and isinstance(singular, list)
    assert {h["id"] for h in plural} == {h["id"] for h in singular}


def test_cli_facts_filter_by_office_and_criterion() -> None:
    facts = _json("facts", "--office", "pelotas-ggim", "--criterion", "9")

    assert isinstance(facts, list) and facts
    assert all("pelotas-ggim" in f["offices"] and 9 in f["criteria"] for f in facts)


def test_cli_criteria_lists_nine_and_shows_one() -> None:
    all_criteria = _json("criteria")
    one = _json("criteria", "6")

    assert isinstance(all_criteria, list) and len(all_criteria) == 9
    assert isinstance(one, dict) and one["slug"] == "budget"


def test_cli_offices_filter_by_country() -> None:
    offices = _json("offices", "--country", "colombia")

    assert isinstance(offices, list)
    assert {o["city"] for o in offices} == {"Cali", "Medellín", "Palmira"}


def test_cli_kb_check_passes_on_the_report(report_path: Path) -> None:
    result = runner.invoke(app, ["kb", "check", str(report_path), "--json"])

    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["problems"] == []


def test_cli_select_json_reports_reasons() -> None:
    document = _json("select")

    assert isinstance(document, dict)
    assert document["cities"] == 18
    out = [c for c in document["candidates"] if not c["selected"]]
    assert all(c["kept_out_by"] and c["verdicts"] for c in out)
