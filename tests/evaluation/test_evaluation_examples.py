"""The shipped example specs are valid, and the reference ones reproduce their papers."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from ovpkit.evaluation import evaluate, load_spec
from ovpkit.evaluation.runner import EvaluationWarning

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "evaluation"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_spec_is_valid(path: Path) -> None:
    spec = load_spec(path)

    assert spec.title
    assert spec.data.path.is_absolute()


def test_example_basque_runs_end_to_end(synth_dir: Path) -> None:
    result = evaluate(EXAMPLES / "basque.yaml", workers=1)

    assert result.weights["Cataluna"] == pytest.approx(0.851, abs=1e-3)  # type: ignore[union-attr]
    assert result.placebo is not None and result.placebo.n == 18  # type: ignore[union-attr]
    assert result.in_time is not None  # type: ignore[union-attr]


def test_did_spec_on_castle_panel_matches_r_did(tmp_path: Path) -> None:
    causaldata = pytest.importorskip("causaldata")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        castle = causaldata.castle.load_pandas().data
    first_post = castle[castle["post"] == 1].groupby("sid")["year"].min()
    castle["effyear"] = castle["sid"].map(first_post - 1).fillna(0)
    castle[["sid", "year", "l_homicide", "effyear", "popwt"]].to_csv(tmp_path / "castle.csv")
    spec = {
        "design": "did",
        "title": "Castle doctrine",
        "data": {"path": "castle.csv", "unit": "sid", "time": "year"},
        "outcome": "l_homicide",
        "first_treated": "effyear",
    }
    (tmp_path / "castle.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")

    with warnings.catch_warnings():
        warnings.simplefilter("error", EvaluationWarning)
        result = evaluate(tmp_path / "castle.yaml")

    assert result.effect.estimate == pytest.approx(0.110383035, abs=1e-6)  # type: ignore[union-attr]
    assert result.n_treated == 21 and result.n_units == 50  # type: ignore[union-attr]
    assert isinstance(result.to_dict()["event_study"], list)
    assert not pd.isna(result.twfe.se)  # type: ignore[union-attr]


def test_full_colombian_panel_without_donor_rule_runs_through_evaluate(data_dir: Path) -> None:
    # The crash case: palmira_pazos.yaml without its donor rule (about 1,100
    # municipalities), missing: drop_units, in-space placebos. It ended in a solver
    # traceback ("zero-size array to reduction operation minimum").
    spec = load_spec(EXAMPLES / "palmira_pazos.yaml")
    if not spec.data.path.is_file():
        pytest.skip("Colombian panel not found")
    assert spec.data.missing == "drop_units"
    placebo = spec.placebo.model_copy(
        update={"in_space": True, "in_time": None, "leave_one_out": False}
    )
    spec = spec.model_copy(update={"donor_rule": None, "placebo": placebo})

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EvaluationWarning)
        result = evaluate(spec, source=EXAMPLES / "palmira_pazos.yaml", workers=2)

    assert result.placebo is not None and result.placebo.n > 500  # type: ignore[union-attr]
    assert sum(result.weights.values()) == pytest.approx(1.0)  # type: ignore[union-attr]
    assert all(reason for reason in result.dropped.values())
    assert np.isfinite(result.average_effect)  # type: ignore[union-attr]
