"""Every problem of an evaluation spec reads in es and pt, with its field as written.

Pydantic's own English ("Input should be ...", "Extra inputs are not permitted") and
the spec's validators become translated sentences; ``ovpkit evaluate BAD.yaml`` prints
them with exit status 2 and no traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.error_language import assert_reads_in
from tests.message_language import not_for_reader

from ovpkit.errors import SpecError
from ovpkit.evaluation.spec import load_spec, parse_spec
from ovpkit.i18n import use_language

DATA = {"path": "panel.csv", "unit": "unit", "time": "period"}
DID = {"design": "did", "outcome": "y", "data": DATA, "first_treated": "g"}

#: name -> a bad spec (already parsed from YAML).
BAD_SPECS: dict[str, object] = {
    "not a mapping": ["design", "did"],
    "unknown design": {"design": "regression", "data": DATA},
    "unknown key": DID | {"colour": "blue"},
    "bad type": DID | {"start": "soon"},
    "bad choice": DID | {"control_group": "everyone"},
    "missing field": {"design": "did", "data": DATA, "first_treated": "g"},
    "both treatment forms": DID | {"treated_units": ["a"], "start": 2010},
    "units without start": {"design": "did", "outcome": "y", "data": DATA, "treated_units": ["a"]},
    "several problems": DID | {"colour": "blue", "start": "soon"},
}


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", sorted(BAD_SPECS))
def test_spec_error_reads_in_the_reader_language(case: str, lang: str) -> None:
    assert_reads_in(lang, lambda: parse_spec(BAD_SPECS[case], source="spec.yaml"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_spec_file_errors_read_in_the_reader_language(lang: str, tmp_path: Path) -> None:
    bad_yaml = tmp_path / "spec.yaml"
    bad_yaml.write_text("design: did\ndata: [a\n", encoding="utf-8")

    assert_reads_in(lang, lambda: load_spec(tmp_path / "none.yaml"))
    assert_reads_in(lang, lambda: load_spec(bad_yaml))
    assert_reads_in(lang, lambda: load_spec(tmp_path))


def test_spec_fields_are_named_without_pydantic_tags() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(DID | {"data": DATA | {"colour": 5}}, source="spec.yaml")

    assert caught.value.field == "data.colour"
    assert "not expected here" in caught.value.message


def test_unknown_design_names_the_three_designs() -> None:
    with use_language("es"), pytest.raises(SpecError) as caught:
        parse_spec({"design": "regression"}, source="spec.yaml")

    assert caught.value.field == "design"
    assert "'synthetic_control', 'did' o 'its', no 'regression'" in caught.value.message


def test_several_problems_are_all_listed() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(BAD_SPECS["several problems"], source="spec.yaml")

    assert "field 'colour'" in caught.value.message and "field 'start'" in caught.value.message


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", ["unknown key", "bad type", "unknown design"])
def test_evaluate_bad_spec_prints_the_reader_language(case: str, lang: str, tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(BAD_SPECS[case]), encoding="utf-8")
    code = "from ovpkit.cli import main; main()"
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    english, translated = (
        subprocess.run(
            [sys.executable, "-c", code, "evaluate", str(path), "--lang", language],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        for language in ("en", lang)
    )

    assert translated.returncode == 2, translated.stderr
    assert "Traceback" not in translated.stderr
    assert not_for_reader(translated.stderr, lang, english.stderr) == []
