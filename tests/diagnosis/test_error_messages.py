"""Every error of a mapping, an incident file and the project database reads in es and pt.

Each case makes the same mistake in English and in the reader's language; the
translated error (title, location, message, hint) must hold no English sentence (one
the catalog translates, or one of the English rendering of the same error), no
pydantic English and no Python repr. The reasons of set-aside rows stay English in
the quarantine table (for scripts) and read translated in the report and the CLI.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from tests.error_language import assert_reads_in
from tests.message_language import not_for_reader

from ovpkit.diagnosis import reasons
from ovpkit.diagnosis.engine import incidents_table, resolve_source
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import _parse_mapping, load_mapping
from ovpkit.diagnosis.quarantine import quarantined_rows, set_aside_report
from ovpkit.diagnosis.store import open_store
from ovpkit.i18n import use_language

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SPANISH = FIXTURES / "homicidios.yaml"
HEAD = "name: x\nsource: y\n"
FIELDS = HEAD + "fields:\n  date: FECHA\n"

#: name -> the text of a bad mapping.
BAD_MAPPINGS = {
    "bad yaml": HEAD + "fields: [date\n",
    "bad yaml colon": HEAD + "fields:\n  date: a: b\n",
    "not a mapping": "- a\n- b\n",
    "unknown key": FIELDS + "colour: blue\n",
    "bad type": FIELDS + "unit: person\n",
    "bad read option": FIELDS + "read:\n  header_row: first\n",
    "no name": "source: y\nfields:\n  date: FECHA\n",
    "unknown field": FIELDS + "  car_colour: COLOR\n",
    "no date field": HEAD + "fields:\n  sex: SEXO\n",
    "nothing to read": HEAD,
    "column and value": HEAD + "fields:\n  date: {column: FECHA, value: 2020-01-01}\n",
    "separator inside separator": FIELDS
    + "  sex: S\nunpack:\n  columns: [S]\n  syntax: [{items: ':', index: '::'}]\n"
    "  keep: {column: S, equals: [a]}\n",
    "packed twice": FIELDS
    + "  sex: S\nunpack:\n  columns: [S, S]\n  keep: {column: S, equals: [a]}\n",
    "keep not packed": FIELDS
    + "  sex: S\nunpack:\n  columns: [S]\n  keep: {column: T, equals: [a]}\n",
    "nothing unpacked": FIELDS + "unpack:\n  columns: [S]\n  keep: {column: S, equals: [a]}\n",
    "unpacked aggregate": FIELDS
    + "  sex: S\nunit: aggregate\nunpack:\n  columns: [S]\n  keep: {column: S, equals: [a]}\n",
    "unpacked id": FIELDS + "  id: S\nunpack:\n  columns: [S]\n  keep: {column: S, equals: [a]}\n",
    "several problems": FIELDS + "unit: person\ncolour: blue\n",
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_MAPPINGS))
def test_mapping_error_reads_in_the_reader_language(case: str, lang: str) -> None:
    assert_reads_in(lang, lambda: _parse_mapping(BAD_MAPPINGS[case], "mapping.yaml"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_unknown_mapping_name_reads_in_the_reader_language(lang: str) -> None:
    assert_reads_in(lang, lambda: load_mapping("no-such-mapping"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_mapping_that_is_not_utf8_reads_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_bytes("name: Bogotá\n".encode("latin-1"))

    assert_reads_in(lang, lambda: load_mapping(path))


def _csv(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


#: name -> (file name, content or fixture) of an incident file the Spanish fixture
#: mapping cannot load.
BAD_FILES: dict[str, tuple[str, str | bytes | None]] = {
    "missing column": ("missing_column.csv", None),
    "empty": ("empty.csv", None),
    "header only": ("header_only.csv", None),
    "not text": ("broken_encoding.csv", None),
    "most dates wrong": (
        "dates.csv",
        "FECHA;SEXO;EDAD;MUNICIPIO;CANTIDAD\n" + "31/12/2023;M;2;A;1\n" * 4,
    ),
    "unknown suffix": ("cases.dat", "FECHA\n2023-01-01\n"),
    "does not exist": ("nowhere.csv", None),
    "bad json": ("areas.geojson", '{"type": "FeatureCollection", "features": [\n'),
    "json without features": ("areas.geojson", '{"type": "Feature"}'),
    "json with no features": ("areas.geojson", '{"type": "FeatureCollection", "features": []}'),
    "not parquet": ("cases.parquet", "FECHA\n2023-01-01\n"),
    "not a spreadsheet": ("cases.xlsx", "FECHA\n2023-01-01\n"),
}


def _bad_file(case: str, tmp_path: Path) -> Path:
    name, content = BAD_FILES[case]
    if content is None:
        return FIXTURES / name if (FIXTURES / name).exists() else tmp_path / name
    return _csv(tmp_path, name, content)


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_incident_file_error_reads_in_the_reader_language(
    case: str, lang: str, tmp_path: Path, store: duckdb.DuckDBPyConnection
) -> None:
    path = _bad_file(case, tmp_path)
    mapping = load_mapping(SPANISH)

    assert_reads_in(lang, lambda: ingest(store, path, mapping))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_strict_refusal_reads_in_the_reader_language(
    lang: str, store: duckdb.DuckDBPyConnection
) -> None:
    path, mapping = FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH)

    assert_reads_in(lang, lambda: ingest(store, path, mapping, strict=True))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_declared_encoding_that_fails_reads_in_the_reader_language(
    lang: str, tmp_path: Path, store: duckdb.DuckDBPyConnection
) -> None:
    mapping = _csv(tmp_path, "m.yaml", FIELDS + "read:\n  encoding: ascii\n")
    path = _csv(tmp_path, "cases.csv", "FECHA\n2023-01-01 Bogotá\n")

    assert_reads_in(lang, lambda: ingest(store, path, load_mapping(mapping)))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_project_database_errors_read_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()

    assert_reads_in(lang, lambda: open_store(tmp_path / "none.duckdb", read_only=True))
    assert_reads_in(lang, lambda: open_store(other, read_only=True))
    assert_reads_in(lang, lambda: resolve_source(open_store(":memory:"), None))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_source_and_engine_errors_read_in_the_reader_language(
    lang: str, store: duckdb.DuckDBPyConnection
) -> None:
    ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))
    selection = resolve_source(store, None)

    assert_reads_in(lang, lambda: resolve_source(store, "zzz"))
    assert_reads_in(lang, lambda: incidents_table(store, selection, engine="gpu"))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_set_aside_report_reads_in_the_reader_language(
    lang: str, store: duckdb.DuckDBPyConnection
) -> None:
    mapping = load_mapping(SPANISH)
    report = ingest(store, FIXTURES / "homicidios_latin1.csv", mapping)
    with use_language("en"):
        english = set_aside_report(report)
    with use_language(lang):
        translated = set_aside_report(report)

    assert not_for_reader(translated, lang, english) == []
    assert "age is not a number" in english and "age is not a number" not in translated


def test_stored_reasons_stay_english_whatever_the_language(
    store: duckdb.DuckDBPyConnection,
) -> None:
    with use_language("es"):
        ingest(store, FIXTURES / "homicidios_latin1.csv", load_mapping(SPANISH))

    assert {r["reason"] for r in quarantined_rows(store)} >= {"age is not a number"}


#: Every reason template, with values as the ingestion writes them.
VALUES = {
    "formats": "%Y-%m-%d, %d/%m/%Y",
    "n": "9",
    "written": "0::value||1::value or 0:value|1:value",
    "column": "participant_type",
    "values": "Victim or Suspect",
    "reason": "TOTAL",
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("template", reasons.TEMPLATES)
def test_every_set_aside_reason_reads_in_the_reader_language(template: str, lang: str) -> None:
    stored = template.format(**VALUES)
    with use_language(lang):
        translated = reasons.reason_text(stored)

    assert reasons.reason_text(stored) == stored
    assert not_for_reader(translated, lang, stored) == []
    assert translated != stored


def test_reason_alternatives_are_joined_in_the_reader_language() -> None:
    stored = reasons.NOBODY.format(column="participant_type", values="Victim or Suspect")

    with use_language("es"):
        assert reasons.reason_text(stored).endswith("Victim o Suspect")


def _ovpkit(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from ovpkit.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        check=False,
    )


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", ["missing column", "header only", "bad mapping"])
def test_data_ingest_of_a_bad_file_prints_the_error_in_the_reader_language(
    case: str, lang: str, tmp_path: Path
) -> None:
    mapping = str(SPANISH)
    if case == "bad mapping":
        mapping = str(_csv(tmp_path, "m.yaml", BAD_MAPPINGS["several problems"]))
        path = FIXTURES / "homicidios_latin1.csv"
    else:
        path = _bad_file(case, tmp_path)
    db = str(tmp_path / "project.duckdb")
    args = ("data", "ingest", str(path), "--mapping", mapping, "--db", db)

    english = _ovpkit(*args, "--lang", "en")
    translated = _ovpkit(*args, "--lang", lang)

    assert translated.returncode == 2, translated.stderr
    assert "Traceback" not in translated.stderr
    assert not_for_reader(translated.stderr, lang, english.stderr) == []


def test_data_quarantine_shows_reasons_in_spanish(tmp_path: Path) -> None:
    db = str(tmp_path / "project.duckdb")
    path = str(FIXTURES / "homicidios_latin1.csv")
    _ovpkit("data", "ingest", path, "--mapping", str(SPANISH), "--db", db)

    shown = _ovpkit("data", "quarantine", "--db", db, "--lang", "es")

    assert shown.returncode == 0, shown.stderr
    assert "la edad no es un número" in shown.stdout
    assert "age is not a number" not in shown.stdout
