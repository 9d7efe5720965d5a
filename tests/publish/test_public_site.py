"""An office's public document, its page sections, and the static site of ``publish --site``."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.publish.disclosure import intervals
from ovpkit.publish.public import OfficeText, export, public_document, write_site
from ovpkit.publish.public.view import indicator_rows, participants

runner = CliRunner()


def _ovpkit(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: errors go through main(), as sentences on stderr."""
    code = "from ovpkit.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"}, check=False)  # fmt: skip


LEVELS = ("primary", "secondary", "tertiary")


def _program(key: str, level: str, population: str, n: int | None) -> dict[str, Any]:
    return {"id": key, "name": key, "stage": "scale_up", "prevention_level": level,
            "focus_population": population, "participants": n}  # fmt: skip


def _document(programs: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
    office = OfficeText("palmira", "Palmira", "Prevenir la violencia.", "es")
    return public_document(office, programs=programs, **kwargs)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(LEVELS),
            st.sampled_from(("youth", "adults", "women")),
            st.integers(0, 60),
        ),  # fmt: skip
        min_size=1,
        max_size=9,
    )
)
def test_no_hidden_participant_count_can_be_worked_out(cells: list[tuple[str, str, int]]) -> None:
    """The LP attack over every published cell and total pins no hidden count."""
    programs = [_program(f"p{i}", lv, pop, n) for i, (lv, pop, n) in enumerate(cells)]
    protection = participants(_document(programs))
    assert protection is not None
    for key in protection.hidden_keys():
        assert protection.table.value(key) == 0 or protection.shown(key) is None
    for key, (low, high) in intervals(protection).items():
        assert high - low > 1e-6, f"hidden cell {key} is pinned at {low}"


def test_a_small_count_indicator_shows_the_marker() -> None:
    record = {"id": "killed", "sheet": "homicide_count", "baseline": {"year": 2020, "value": 3},
              "observations": [{"year": 2023, "value": 12}]}  # fmt: skip
    rows = indicator_rows(_document([], indicators=[record]))
    assert rows[0]["baseline"] == "x"
    assert rows[0]["latest"] == "12"


def _hrefs(page: str) -> list[str]:
    return re.findall(r'href="([^"#]+)"', page)


def test_the_static_site_links_only_to_its_own_files(tmp_path: Path) -> None:
    """Relative links that resolve: the site works from file:// without a server."""
    diagnosis = {"en": "<!doctype html><p>diagnosis</p>", "es": "<!doctype html><p>diagnóstico</p>"}
    document = _document([_program("a", "primary", "youth", 40)], diagnosis=diagnosis)
    pages = write_site([document], tmp_path)
    assert (tmp_path / "data" / "palmira-datapackage.zip").is_file()
    assert (tmp_path / "pt" / "palmira-diagnosis.html").read_text().endswith("diagnosis</p>")
    for page in pages:
        for href in _hrefs(page.read_text()):
            assert "://" not in href and not href.startswith("/"), href
            assert (page.parent / href).resolve().is_file(), f"{page}: {href}"


def test_the_static_page_speaks_its_folders_language(tmp_path: Path) -> None:
    write_site([_document([_program("a", "primary", "youth", 40)])], tmp_path)
    spanish = (tmp_path / "es" / "palmira.html").read_text()
    assert '<html lang="es">' in spanish
    assert "Programas por nivel de prevención y población" in spanish
    assert '<span lang="es">Palmira</span>' not in spanish  # own words in the page's language
    english = (tmp_path / "en" / "palmira.html").read_text()
    assert '<span lang="es">Prevenir la violencia.</span>' in english


def test_publish_site_writes_the_pages_of_an_export(tmp_path: Path) -> None:
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(export([_document([])])), encoding="utf-8")
    result = runner.invoke(app, ["publish", str(export_file), "--site", str(tmp_path / "site"),
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["offices"] == ["palmira"]
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "no es un documento JSON"),
        ('{"kind": "ovpkit_publications", "publications": []}', "no contiene ninguna publicación"),
        ('{"kind": "diagnosis"}', "no es el documento público de una oficina"),
    ],
)
def test_publish_site_refuses_a_wrong_file_in_the_users_language(
    tmp_path: Path, content: str, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = _ovpkit("publish", str(bad), "--site", str(tmp_path / "s"), "--lang", "es")
    assert result.returncode != 0
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_publish_without_an_output_says_what_to_give(tmp_path: Path) -> None:
    result = _ovpkit("publish", str(tmp_path / "x.json"))
    assert result.returncode != 0
    assert "--datapackage DIR or --site DIR" in result.stderr


def test_an_office_slug_cannot_leave_the_site_folder(tmp_path: Path) -> None:
    document = _document([])
    document["office"]["slug"] = "../outside"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = _ovpkit("publish", str(bad), "--site", str(tmp_path / "s"))
    assert result.returncode != 0
    assert "no short name" in result.stderr
    assert not (tmp_path / "outside.html").exists()


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_the_static_page_has_no_english_left(tmp_path: Path, lang: str) -> None:
    """Every word, number and code of the page in the reader's language (quotes aside)."""
    from tests.reader_language import problems, visible_text

    record = {"id": "rate", "sheet": "homicide_rate", "baseline": {"year": 2019, "value": 48.2},
              "target": {"year": 2030, "change": -0.5},
              "observations": [{"year": 2023, "value": 39.5}]}  # fmt: skip
    budget = [{"year": 2024, "source": "municipal", "amount": 1250000.5}]
    programs = [_program("a", "primary", "youth", 40), _program("b", "secondary", "youth", 4)]
    write_site([_document(programs, indicators=[record], budget=budget)], tmp_path)
    page = (tmp_path / lang / "palmira.html").read_text()
    assert problems(visible_text(page), lang) == []


def test_the_profile_names_who_controls_the_police_in_the_readers_language() -> None:
    """One profile list for every page: the core's has the police row the web's had."""
    from ovpkit.i18n import _, use_language
    from ovpkit.knowledge.loader import load_knowledge_base
    from ovpkit.knowledge.translated import translated
    from ovpkit.publish.public.view import profile_rows

    police = load_knowledge_base().police_jurisdictions[0]
    profile = {"city": "Palmira", "police_jurisdiction": str(police.id)}
    for lang in ("en", "es"):
        with use_language(lang):
            rows = {row.label: row.value for row in profile_rows(profile)}
            assert rows[_("Who controls the police")] == translated(police).name
    assert "Who controls the police" not in rows  # the Spanish label, not the English
