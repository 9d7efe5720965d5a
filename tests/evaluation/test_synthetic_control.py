"""Synthetic control against published weights and against pysyncon on the same objective."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from ovpkit.evaluation import evaluate, parse_spec, prepare, simulate_panel
from ovpkit.evaluation.panel import build_panel
from ovpkit.evaluation.runner import EvaluationWarning
from ovpkit.evaluation.synthetic_control import ScmData, fit

CATALUNA, MADRID = "Cataluna", "Madrid (Comunidad De)"


def _data(raw: dict[str, object]) -> ScmData:
    spec = parse_spec(raw, source="test.yaml")
    frame = pd.read_csv(spec.data.path)  # type: ignore[union-attr]
    carry = sorted({p.variable for p in spec.predictors} - {spec.outcome})  # type: ignore[union-attr]
    panel = build_panel(
        frame,
        unit=spec.data.unit,  # type: ignore[arg-type]
        time=spec.data.time,
        columns=[spec.outcome],  # type: ignore[union-attr]
        carry=carry,
        source="data",
    )
    return prepare(panel, spec, "test.yaml")  # type: ignore[arg-type]


def test_basque_weights_match_published(basque_raw: dict[str, object]) -> None:
    # Abadie & Gardeazabal (2003) and R Synth: Cataluna 0.851, Madrid 0.149 (three decimals
    # published, so 1e-3 is the tolerance), pre-period loss 0.00886 (pysyncon 0.0088645).
    data = _data(basque_raw)

    result = fit(data)

    weights = result.weights()
    assert weights[CATALUNA] == pytest.approx(0.851, abs=1e-3)
    assert weights[MADRID] == pytest.approx(0.149, abs=1e-3)
    assert sum(w for u, w in weights.items() if u not in (CATALUNA, MADRID)) < 1e-6
    assert result.vfit.loss_v == pytest.approx(0.0088645, rel=1e-3)


def test_basque_global_search_reports_lower_loss_beside_standard(
    basque_raw: dict[str, object],
) -> None:
    data = _data(basque_raw)

    result = fit(data, search="global", starts=10)

    assert result.vfit.loss_v < result.vfit.standard_loss_v
    assert result.vfit.standard_loss_v == pytest.approx(0.0088645, rel=1e-3)
    assert sum(result.vfit.weights) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_prop99_weights_match_pysyncon_for_same_v(prop99_raw: dict[str, object], seed: int) -> None:
    # Same objective: the same strictly positive V, six lagged outcomes (a problem whose
    # weights are unique), and pysyncon's own inner QP run to a tight tolerance.
    pysyncon_base = pytest.importorskip("pysyncon.base")
    years = (1970, 1974, 1978, 1982, 1986, 1988)
    predictors = [{"variable": "PacksPerCapita", "periods": [y]} for y in years]
    raw = {**prop99_raw, "predictors": predictors}
    data = _data(raw)
    v = np.random.default_rng(seed).dirichlet(np.ones(len(years)))
    m = data.matrices(data.treated, data.donors)
    x_donors, x_treated = m.x_scaled[:, :-1], m.x_scaled[:, -1]

    ours = fit(data, v=v).vfit.weights
    theirs, _ = pysyncon_base.VanillaOptimMixin.w_optimize(
        np.diag(v), x_donors, x_treated, qp_options={"maxiter": 1000, "ftol": 1e-14}
    )

    assert np.max(np.abs(ours - theirs)) < 1e-3


def test_prop99_california_ranks_first_among_39_states(prop99_raw: dict[str, object]) -> None:
    # ADH (2010), Fig. 8: California's post/pre RMSPE ratio is the largest of the 39 states.
    # Placebo design of the paper: each control state in turn, California moved to the pool.
    raw = {**prop99_raw, "placebo": {"pool": "donors_and_treated", "leave_one_out": False}}
    spec = parse_spec(raw, source="prop99.yaml")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EvaluationWarning)  # inside-the-hull note, asserted below
        result = evaluate(spec, source="prop99.yaml", workers=1)

    assert result.placebo is not None  # type: ignore[union-attr]
    assert result.placebo.n == 39  # type: ignore[union-attr]
    assert result.placebo.rank == 1  # type: ignore[union-attr]
    assert result.placebo.p_value == pytest.approx(1 / 39)  # type: ignore[union-attr]
    assert any("inside the donors" in d for d in result.diagnostics)


def test_fit_on_simulated_panel_recovers_known_effect() -> None:
    frame = simulate_panel(effect=-5.0, seed=3)
    spec = parse_spec(
        {
            "design": "synthetic_control",
            "data": {"path": "unused.csv", "unit": "unit", "time": "period"},
            "outcome": "y",
            "treated": "u00",
            "start": 2018,
            "placebo": {"in_space": False, "leave_one_out": False},
        },
        source="sim.yaml",
    )
    panel = build_panel(frame, unit="unit", time="period", columns=["y"], source="sim")
    data = prepare(panel, spec, "sim.yaml")  # type: ignore[arg-type]

    result = fit(data)

    post = result.gaps.loc[list(data.post_periods)]
    assert post.mean() == pytest.approx(-5.0, abs=1.0)
    assert result.pre_rmspe < 1.0


def test_basque_on_the_papers_pool_finds_the_published_solution(
    basque_raw: dict[str, object],
) -> None:
    # R Synth on the paper's own pool (Spain excluded): Cataluna 0.8508, Madrid 0.1492,
    # loss_V 0.00886. One Nelder-Mead run from equal weights stopped at loss 0.161.
    data = _data({**basque_raw, "exclude": ["Spain (Espana)"]})

    result = fit(data, search="converged")

    weights = result.weights()
    assert "Spain (Espana)" not in weights
    assert weights[CATALUNA] == pytest.approx(0.8508, abs=1e-3)
    assert weights[MADRID] == pytest.approx(0.1492, abs=1e-3)
    assert result.vfit.loss_v <= 0.0088645 * (1 + 1e-3)
    assert {s.start for s in result.vfit.starts} == {"equal", "regression"}


def test_summary_lists_the_loss_of_every_start(basque_raw: dict[str, object]) -> None:
    raw = {**basque_raw, "exclude": ["Spain (Espana)"], "v_search": "converged"}

    result = evaluate(parse_spec(raw, source="basque.yaml"), source="basque.yaml", workers=1)

    line = next(x for x in result.summary().splitlines() if x.startswith("Loss of each start"))  # type: ignore[union-attr]
    assert "equal weights" in line and "regression-based" in line
