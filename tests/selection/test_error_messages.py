"""Every error of a mapping database (CSV) reads in es and pt, with its row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.error_language import error_text
from tests.message_language import not_for_reader

from ovpkit.errors import DataError
from ovpkit.i18n import use_language
from ovpkit.selection import read_mapping

BAD_CSV = {
    "empty": "",
    "missing column": "city,colour\nA,X\n",
    "unknown column": "city,country,mayor\nA,X,Y\n",
    "no candidates": "city,country\n",
    "bad year": "city,country,founded\nA,X,last year\n",
    "year out of range": "city,country,founded\nA,X,1066\n",
    "bad civilian_led": "city,country,civilian_led\nA,X,maybe\n",
    "bad source": "city,country,sources\nA,X,newspaper\n",
    "bad region": "city,country,region\nA,X,atlantis\n",
    "several problems": "city,country,founded,civilian_led\n,X,20x0,maybe\n",
}


def _raised(path: Path, lang: str) -> DataError:
    with use_language(lang), pytest.raises(DataError) as caught:
        read_mapping(path)
    return caught.value


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", [*sorted(BAD_CSV), "missing file", "not utf-8"])
def test_mapping_error_reads_in_the_reader_language(case: str, lang: str, tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    if case == "not utf-8":
        path.write_bytes("city,country\nPeñalolén,Chile\n".encode("latin-1"))
    elif case != "missing file":
        path.write_text(BAD_CSV[case], encoding="utf-8")

    english, translated = _raised(path, "en"), _raised(path, lang)

    assert not_for_reader(error_text(translated), lang, error_text(english)) == []
    assert translated.message != english.message


def test_mapping_row_lists_every_bad_column(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text(BAD_CSV["several problems"], encoding="utf-8")

    error = _raised(path, "es")

    assert error.record == 2
    for column in ("city", "founded", "civilian_led"):
        assert f"columna '{column}'" in error.message
    assert "'yes', 'partial', 'no' o 'unknown', no 'maybe'" in error.message


def test_mapping_header_problem_is_named_as_row_one(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text(BAD_CSV["unknown column"], encoding="utf-8")

    error = _raised(path, "pt")

    assert error.record == 1
    assert error.location().endswith("linha 1")
