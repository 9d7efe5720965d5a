"""Every error of an office's records, a survey, a count table and reconcile reads in es and pt.

Each case makes the same mistake in English and in the reader's language; the
translated error must hold no English sentence (one the catalog translates, or one
of the English rendering of the same error), no pydantic English and no Python repr.
The commands ``ovpkit monitor``, ``ovpkit survey`` and ``ovpkit reconcile`` print
them so, with exit status 2 and no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from tests.error_language import assert_reads_in
from tests.message_language import not_for_reader

from ovpkit.errors import OvpkitError
from ovpkit.monitoring import load_records, parse_records
from ovpkit.monitoring.reconciliation import reconcile
from ovpkit.monitoring.sources import count_table, expand, philadelphia_homicide_totals, read_table
from ovpkit.monitoring.survey import weighted_proportions

HEAD = "office: Test office\n"
PROGRAM = (
    "programs:\n  - id: mentoring\n    name: Mentoring\n    prevention_level: secondary\n"
    "    focus_population: young people\n    stage: scale_up\n"
)

#: name -> the text of a bad records file.
BAD_RECORDS = {
    "unknown key": HEAD + "colour: blue\n",
    "unknown keys": HEAD + "colour: blue\nsize: 3\n",
    "no office": "currency: USD\n",
    "bad yaml": HEAD + "budget: [a\n",
    "not a mapping": "- a\n",
    "collection not a list": HEAD + "budget: {year: 2023}\n",
    "bad amount": HEAD + "budget:\n  - {year: 2023, source: municipal, amount: lots}\n",
    "unknown stage": HEAD + PROGRAM.replace("scale_up", "growing"),
    "ages out of order": HEAD + PROGRAM + "    age_min: 30\n    age_max: 20\n",
    "program twice": HEAD + PROGRAM + PROGRAM.replace("programs:\n", ""),
    "unknown partner": HEAD + PROGRAM + "    partners: [nobody]\n",
    "unknown program in budget": HEAD
    + "budget:\n  - {year: 2023, source: municipal, amount: 3, program: ghost}\n",
    "target without year": HEAD
    + "indicators:\n  - id: a\n    sheet: homicide_rate\n    target: {change: -0.5}\n",
    "target with two forms": HEAD
    + "indicators:\n  - id: a\n    sheet: homicide_rate\n    target: {change: -0.5, value: 3, "
    "year: 2030}\n",
    "unknown sheet": HEAD + "indicators:\n  - id: a\n    sheet: zzz\n",
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_records_error_reads_in_the_reader_language(case: str, lang: str) -> None:
    assert_reads_in(lang, lambda: parse_records(BAD_RECORDS[case], file="office.yaml"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_missing_records_file_reads_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    assert_reads_in(lang, lambda: load_records(tmp_path / "none.yaml"))


SURVEY = pd.DataFrame({"y": [1, 0, 1], "w": [1.0, 2.0, 1.0], "feel": ["unsafe", "safe", "?"]})

BAD_SURVEYS: dict[str, dict[str, object]] = {
    "missing column": {"outcome": "feels_unsafe", "weight": "w"},
    "text outcome": {"outcome": "feel", "weight": "w"},
    "bad weight": {"outcome": "y", "weight": "feel"},
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_SURVEYS))
def test_survey_error_reads_in_the_reader_language(case: str, lang: str) -> None:
    options = BAD_SURVEYS[case]

    assert_reads_in(
        lang,
        lambda: weighted_proportions(SURVEY, file="survey.csv", **options),  # type: ignore[arg-type]
    )


def test_survey_value_is_quoted_as_written_not_as_python() -> None:
    with pytest.raises(OvpkitError) as caught:
        weighted_proportions(SURVEY, outcome="feel", weight="w")

    assert "the answer 'unsafe' is not 0/1" in caught.value.message


GOOD = pd.DataFrame({"area": ["a"], "period": ["2024"], "count": [3]})

BAD_TABLES = {
    "missing column": pd.DataFrame({"area": ["a"], "count": [3]}),
    "missing columns": pd.DataFrame({"place": ["a"]}),
    "text count": pd.DataFrame({"area": ["a"], "period": ["2024"], "count": ["many"]}),
    "negative count": pd.DataFrame({"area": ["a"], "period": ["2024"], "count": [-1]}),
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_TABLES))
def test_reconcile_table_error_reads_in_the_reader_language(case: str, lang: str) -> None:
    assert_reads_in(lang, lambda: reconcile(GOOD, BAD_TABLES[case], names=("a.csv", "b.csv")))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_count_table_errors_read_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    table = tmp_path / "counts.csv"
    table.write_text("area,year,n\na,2024,3\n", encoding="utf-8")
    broken = tmp_path / "counts.parquet"
    broken.write_text("not parquet", encoding="utf-8")
    totals = tmp_path / "totals.json"
    totals.write_text("[1, 2]", encoding="utf-8")
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", encoding="utf-8")

    assert_reads_in(lang, lambda: count_table(table, by="area", period="period"))
    assert_reads_in(lang, lambda: read_table(broken))
    assert_reads_in(lang, lambda: expand(str(tmp_path / "none-*.csv")))
    assert_reads_in(lang, lambda: philadelphia_homicide_totals(totals))
    assert_reads_in(lang, lambda: philadelphia_homicide_totals(bad_json))


def _both(lang: str, *args: str) -> tuple[str, str]:
    code = "from ovpkit.cli import main; main()"
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, *args, "--lang", language],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for language in ("en", lang)
    ]
    assert runs[1].returncode == 2, runs[1].stderr
    assert "Traceback" not in runs[1].stderr
    return runs[0].stderr, runs[1].stderr


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", ["unknown keys", "bad amount", "unknown partner"])
def test_monitor_bad_records_prints_the_reader_language(
    case: str, lang: str, tmp_path: Path
) -> None:
    path = tmp_path / "office.yaml"
    path.write_text(BAD_RECORDS[case], encoding="utf-8")

    english, translated = _both(lang, "monitor", str(path))

    assert not_for_reader(translated, lang, english) == []


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_survey_bad_csv_prints_the_reader_language(lang: str, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text("feel,w\nunsafe,1\nsafe,-2\n", encoding="utf-8")

    english, translated = _both(lang, "survey", str(path), "--outcome", "feel", "--weight", "w")

    assert not_for_reader(translated, lang, english) == []


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_reconcile_bad_table_prints_the_reader_language(lang: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("area,year,count\nx,2024,3\n", encoding="utf-8")
    b.write_text("area,year,count\nx,2024,many\n", encoding="utf-8")

    english, translated = _both(lang, "reconcile", str(a), str(b), "--period", "year")

    assert not_for_reader(translated, lang, english) == []
