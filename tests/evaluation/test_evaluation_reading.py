"""What a reader sees: no saving claimed for a chance effect, plain words first, the
reader's language and numbers, named outcomes, clear path errors and progress."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from ovpkit.errors import SpecError
from ovpkit.evaluation import Interval, cost_of_violence, evaluate, simulate_panel
from ovpkit.evaluation.plots import paths
from ovpkit.evaluation.report import render_html
from ovpkit.evaluation.results import SyntheticControlResult
from ovpkit.i18n import use_language

TITLE = {"en": "Simulated city", "es": "Ciudad simulada", "pt": "Cidade simulada"}
OUTCOME = {"en": "homicides per 100,000", "es": "homicidios por cada 100.000"}


def _spec(folder: Path, *, effect: float, **overrides: object) -> Path:
    simulate_panel(units=12, effect=effect, seed=1).to_csv(folder / "panel.csv", index=False)
    spec = {
        "design": "synthetic_control",
        "title": TITLE,
        "outcome_label": OUTCOME,
        "data": {"path": "panel.csv", "unit": "unit", "time": "period"},
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
        "placebo": {"in_time": 2014},
        "cost": {"currency": "USD", "population": 100000},
        **overrides,
    }
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def _evaluate(path: Path) -> SyntheticControlResult:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate(path, workers=1)
    assert isinstance(result, SyntheticControlResult)
    return result


@pytest.fixture(scope="module")
def chance(tmp_path_factory: pytest.TempPathFactory) -> SyntheticControlResult:
    """No true effect: the placebo test cannot tell the gap from chance."""
    result = _evaluate(_spec(tmp_path_factory.mktemp("chance"), effect=0.0))
    assert not result.clear_of_chance
    return result


def test_cost_of_a_chance_effect_claims_no_saving(chance: SyntheticControlResult) -> None:
    assert chance.cost is not None
    text = chance.cost.summary()
    document = chance.to_dict()["cost"]

    assert "No saving can be claimed" in text
    assert "Costs avoided" not in text and "costs avoided" not in text
    assert "$" not in text  # no money figure is printed as a result
    assert document["claimable"] is False and document["costs_avoided"] is None


def test_cost_interval_including_zero_shows_only_the_allowed_range() -> None:
    unclear = cost_of_violence(Interval(3.0, -2.0, 8.0), per_incident=1000.0)

    text = unclear.summary()

    assert "No saving can be claimed" in text
    assert "allows anything from -$2,000 to $8,000" in text and "not a result" in text
    assert unclear.to_dict()["range_allowed"] == {"low": -2000.0, "high": 8000.0}


def test_cost_point_estimate_prints_a_count_and_no_empty_interval() -> None:
    clear = cost_of_violence(Interval(183.0, 183.0, 183.0), per_incident=1000.0)

    text = clear.summary()

    assert "Incidents prevented: 183." in text
    assert "183.0" not in text and "183 to 183" not in text
    assert "Costs avoided: $183,000." in text


def test_page_starts_with_a_plain_summary_and_explains_terms(
    chance: SyntheticControlResult,
) -> None:
    page = render_html(chance)
    plain = page[: page.index("Headline numbers")]

    for heading in ("What was compared", "Estimated effect", "Can it be told from chance?"):
        assert heading in plain
    assert "cannot be told from chance" in page or "No." in plain
    assert "<pre>" not in page
    assert "root mean squared prediction error" in page  # RMSPE explained
    assert "how the importance of each predictor is chosen" in page  # V search explained


def test_page_shows_no_internal_codes(chance: SyntheticControlResult) -> None:
    page = render_html(chance)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", page)

    assert "donor" not in headers and "kept" not in headers and "treated" not in headers
    assert "comparison unit" in headers and "used in the p-value" in headers
    assert ">True<" not in page and ">False<" not in page
    assert "homicides per 100,000" in page and ">y<" not in page


def test_page_in_spanish_has_spanish_title_words_and_numbers(
    chance: SyntheticControlResult,
) -> None:
    with use_language("es"):
        page = render_html(chance)

    assert "<h1>Ciudad simulada</h1>" in page and "Simulated city" not in page
    for english in ("Summary", "Donor weights", "What was compared", ">yes<", "homicides"):
        assert english not in page
    assert "¿Se distingue del azar?" in page and "homicidios por cada 100.000" in page
    assert chance.placebo is not None
    assert f"p = {chance.placebo.p_value:.2f}".replace(".", ",") in page


def test_chart_axis_uses_the_outcome_name(chance: SyntheticControlResult) -> None:
    with use_language("es"):
        figure = paths(chance)

    assert figure.axes[0].get_ylabel() == "homicidios por cada 100.000"


def test_copied_spec_names_the_spec_and_the_folder_it_read_from(tmp_path: Path) -> None:
    original = _spec(tmp_path, effect=0.0)
    elsewhere = tmp_path / "copied"
    elsewhere.mkdir()
    copy = shutil.copy(original, elsewhere / "spec.yaml")

    with pytest.raises(SpecError) as caught:
        _evaluate(Path(copy))

    error = caught.value
    assert error.file is not None and error.file.endswith("copied/spec.yaml")
    assert str((elsewhere / "panel.csv").resolve()) in error.message
    assert error.hint is not None and str(elsewhere.resolve()) in error.hint
    assert "spec's own folder" in error.hint


def _ovpkit(*args: str) -> subprocess.CompletedProcess[str]:
    code = "from ovpkit.cli import main; main()"
    env = {**os.environ, "COLUMNS": "500"}
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_cli_shows_progress_on_stderr_and_keeps_json_clean(tmp_path: Path) -> None:
    spec = _spec(tmp_path, effect=-6.0)

    shown = _ovpkit("evaluate", str(spec), "--workers", "1")
    machine = _ovpkit("evaluate", str(spec), "--workers", "1", "--json")

    assert shown.returncode == 0, shown.stderr
    assert "Placebo runs: 11 of 11" in shown.stderr and "Placebo runs" not in shown.stdout
    assert json.loads(machine.stdout)["cost"]["claimable"] is True


def test_cli_in_spanish_is_spanish_from_the_headline(tmp_path: Path) -> None:
    done = _ovpkit("evaluate", str(_spec(tmp_path, effect=0.0)), "--workers", "1", "--lang", "es")

    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Ciudad simulada") and "Resumen" in out
    assert "No se puede afirmar ningún ahorro" in out
    for english in ("Simulated city", "Summary", "Donor weights", "donor", "weight"):
        assert english not in out
    assert "Corridas placebo" in done.stderr
