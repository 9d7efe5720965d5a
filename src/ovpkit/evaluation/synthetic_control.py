"""Synthetic control (Abadie & Gardeazabal 2003; Abadie, Diamond & Hainmueller 2010).

:class:`ScmData` is the validated study: outcome paths and predictor values for
the treated unit and every donor, built once from a :class:`Panel` and a spec.
Any unit can be put in the treated role against any pool (that is what placebos
do), and :func:`fit` returns the weights, V, the losses they achieve, the gaps and
the predictor balance. Placebo inference lives in :mod:`ovpkit.evaluation.placebo`.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ovpkit.errors import SpecError
from ovpkit.evaluation.panel import Panel
from ovpkit.evaluation.simplex import Array
from ovpkit.evaluation.spec import Predictor, SyntheticControlSpec
from ovpkit.evaluation.vsearch import Matrices, Search, VFit, search_v, weights_for_v
from ovpkit.i18n import _


@dataclass(frozen=True)
class ScmData:
    """Outcomes (period × unit) and predictors (predictor × unit) of a study."""

    outcome: pd.DataFrame
    predictors: pd.DataFrame
    treated: str
    donors: tuple[str, ...]
    start: int
    optimise: tuple[int, ...]
    source: str

    @property
    def pre_periods(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.outcome.index if p < self.start)

    @property
    def post_periods(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.outcome.index if p >= self.start)

    def matrices(self, treated: str, pool: Sequence[str]) -> Matrices:
        """Scale predictors by their spread over this problem's units, as Synth does."""
        x = self.predictors[[*pool, treated]].to_numpy()
        spread = x.std(axis=1, ddof=1)
        x_scaled = x / np.where(spread > 0, spread, 1.0)[:, None]
        z = self.outcome.loc[list(self.optimise)]
        return Matrices(
            gaps=x_scaled[:, :-1] - x_scaled[:, -1:],
            z_treated=z[treated].to_numpy(),
            z_donors=z[list(pool)].to_numpy(),
            x_scaled=x_scaled,
        )


@dataclass(frozen=True)
class ScmFit:
    """One synthetic control: who it is for, the weights, and what they achieve."""

    treated: str
    pool: tuple[str, ...]
    vfit: VFit
    predictor_names: tuple[str, ...]
    gaps: pd.Series  # treated minus synthetic, every period
    synthetic: pd.Series
    pre_rmspe: float
    post_rmspe: float

    @property
    def ratio(self) -> float:
        """Post/pre RMSPE ratio: large when the post-period gap is unusual for this fit."""
        return self.post_rmspe / self.pre_rmspe if self.pre_rmspe > 0 else float("inf")

    def weights(self) -> dict[str, float]:
        return {u: float(w) for u, w in zip(self.pool, self.vfit.weights, strict=True)}


def fit(
    data: ScmData,
    treated: str | None = None,
    pool: Sequence[str] | None = None,
    *,
    search: Search = "standard",
    starts: int = 30,
    v: Array | None = None,
) -> ScmFit:
    """Fit the synthetic control of ``treated`` (default: the study's) from ``pool``."""
    unit = data.treated if treated is None else treated
    donors = tuple(data.donors if pool is None else pool)
    m = data.matrices(unit, donors)
    vfit = weights_for_v(m, v) if v is not None else search_v(m, search=search, starts=starts)
    synthetic = pd.Series(
        data.outcome[list(donors)].to_numpy() @ vfit.weights, index=data.outcome.index
    )
    gaps = data.outcome[unit] - synthetic
    pre = gaps.loc[list(data.pre_periods)].to_numpy()
    post = gaps.loc[list(data.post_periods)].to_numpy()
    return ScmFit(
        treated=unit,
        pool=donors,
        vfit=vfit,
        predictor_names=tuple(str(i) for i in data.predictors.index),
        gaps=gaps,
        synthetic=synthetic,
        pre_rmspe=float(np.sqrt(np.mean(pre**2))),
        post_rmspe=float(np.sqrt(np.mean(post**2))) if len(post) else float("nan"),
    )


def prepare(panel: Panel, spec: SyntheticControlSpec, source: str) -> ScmData:
    """Check the spec against the panel and build the study (errors name the field)."""
    _check_unit(panel, spec.treated, "treated", source)
    donors = _donor_pool(panel, spec, source)
    start = _check_start(panel, spec, source)
    periods = [p for p in panel.periods if p <= (spec.end or panel.periods[-1])]
    if spec.first is not None:
        periods = [p for p in periods if p >= spec.first]
    outcome = panel.wide(spec.outcome).loc[periods, [spec.treated, *donors]]
    pre = tuple(p for p in periods if p < start)
    _check_outcome(outcome, spec, pre, source)
    optimise = spec.optimise.resolve(pre)
    _check_within(optimise, pre, "optimise", source)
    predictors = _predictor_table(panel, spec, pre, [spec.treated, *donors], source)
    return ScmData(outcome, predictors, spec.treated, donors, start, optimise, source)


def _check_unit(panel: Panel, name: str, field: str, source: str) -> None:
    if name in panel.units:
        return
    close = difflib.get_close_matches(name, panel.units, n=3)
    hint = _("did you mean: {names}?").format(names=", ".join(close)) if close else None
    if name in panel.dropped:
        hint = _("it was left out: {reason}").format(reason=panel.dropped[name])
    raise SpecError(
        _("unit {name!r} is not in the data").format(name=name),
        file=source,
        field=field,
        hint=hint or _("check the spelling against the unit column"),
    )


def _donor_pool(panel: Panel, spec: SyntheticControlSpec, source: str) -> tuple[str, ...]:
    for name in spec.donors or ():
        if name not in panel.dropped:
            _check_unit(panel, name, "donors", source)
    candidates = spec.donors if spec.donors is not None else panel.units
    excluded = {spec.treated, *spec.exclude}
    pool = tuple(u for u in candidates if u not in excluded and u in panel.units)
    if spec.donor_rule is not None:
        pool = _apply_donor_rule(panel, spec, pool, source)
    if len(pool) < 2:
        raise SpecError(
            _("the donor pool has {n} unit(s); a synthetic control needs at least 2").format(
                n=len(pool)
            ),
            file=source,
            field="donors",
            hint=_("list more donors, or exclude fewer units"),
        )
    return pool


def _apply_donor_rule(
    panel: Panel, spec: SyntheticControlSpec, pool: tuple[str, ...], source: str
) -> tuple[str, ...]:
    rule = spec.donor_rule
    assert rule is not None
    if not panel.has(rule.column):
        raise SpecError(
            _("column {name!r} is not in the data").format(name=rule.column),
            file=source,
            field="donor_rule.column",
        )
    pre = [p for p in panel.periods if p < spec.start]
    means = panel.wide(rule.column).loc[pre].mean(axis=0)
    low = -np.inf if rule.min is None else rule.min
    high = np.inf if rule.max is None else rule.max
    return tuple(u for u in pool if low <= means[u] <= high)


def _check_start(panel: Panel, spec: SyntheticControlSpec, source: str) -> int:
    first, last = panel.periods[0], spec.end or panel.periods[-1]
    if not first < spec.start <= last:
        raise SpecError(
            _("treatment start {start} is outside the data ({first}–{last})").format(
                start=spec.start, first=first, last=last
            ),
            file=source,
            field="start",
            hint=_("the start must have pre-periods before it and lie within the data"),
        )
    n_pre = sum(1 for p in panel.periods if p < spec.start and p >= (spec.first or first))
    if n_pre < spec.min_pre_periods:
        raise SpecError(
            _("only {n} pre-period(s) before {start}; at least {min} are needed").format(
                n=n_pre, start=spec.start, min=spec.min_pre_periods
            ),
            file=source,
            field="start",
            hint=_("a synthetic control needs a pre-period long enough to judge its fit"),
        )
    return spec.start


def _check_outcome(
    outcome: pd.DataFrame, spec: SyntheticControlSpec, pre: tuple[int, ...], source: str
) -> None:
    _check_finite(outcome, spec.outcome, source)
    treated_pre = outcome.loc[list(pre), spec.treated]
    if treated_pre.nunique() <= 1:
        raise SpecError(
            _("the outcome of {unit!r} is constant ({value}) over the pre-period").format(
                unit=spec.treated, value=treated_pre.iloc[0]
            ),
            file=source,
            field="outcome",
            hint=_("a constant series cannot be matched; use a rate or a longer period"),
        )


def _check_finite(outcome: pd.DataFrame, variable: str, source: str) -> None:
    """A missing or infinite outcome of any unit would break the solver: name the first."""
    bad = outcome.isna() | np.isinf(outcome)
    if not bad.to_numpy().any():
        return
    unit = bad.any(axis=0).idxmax()
    period = bad[unit].idxmax()
    raise SpecError(
        _("the outcome {var!r} of {unit!r} in {period} is {value}").format(
            var=variable, unit=unit, period=period, value=outcome.to_numpy()[bad.to_numpy()][0]
        ),
        file=source,
        field="outcome",
        hint=_("correct the data, or set `missing: drop_units` to leave such units out"),
    )


def _check_within(periods: tuple[int, ...], pre: tuple[int, ...], field: str, source: str) -> None:
    outside = [p for p in periods if p not in pre]
    if outside or not periods:
        raise SpecError(
            _("periods {periods} are not pre-treatment periods of the data").format(
                periods=outside or "[]"
            ),
            file=source,
            field=field,
            hint=_("use only periods before the treatment start"),
        )


def _predictor_table(
    panel: Panel, spec: SyntheticControlSpec, pre: tuple[int, ...], units: list[str], source: str
) -> pd.DataFrame:
    """Predictor × unit means; a gap inside a predictor's window is an error."""
    predictors = spec.predictors or tuple(
        Predictor(variable=spec.outcome, periods=(p,)) for p in pre
    )
    rows: dict[str, pd.Series] = {}
    for i, predictor in enumerate(predictors):
        field = f"predictors.{i}"
        periods = predictor.resolve(pre)
        _check_within(periods, pre, field, source)
        if not panel.has(predictor.variable):
            raise SpecError(
                _("predictor column {name!r} is not in the data").format(name=predictor.variable),
                file=source,
                field=f"{field}.variable",
            )
        window = panel.wide(predictor.variable).loc[list(periods), units]
        _check_window(window, predictor.variable, field, source)
        rows[_predictor_name(predictor.variable, periods)] = window.mean(axis=0)
    table = pd.DataFrame(rows).T
    flat = table.index[table.std(axis=1) == 0].tolist()
    if flat:
        raise SpecError(
            _("predictor {name!r} has the same value for every unit").format(name=flat[0]),
            file=source,
            field="predictors",
            hint=_("remove it: a predictor that does not vary cannot guide the weights"),
        )
    return table


def _check_window(window: pd.DataFrame, variable: str, field: str, source: str) -> None:
    gaps = window.isna() | np.isinf(window)
    if gaps.to_numpy().any():
        unit = gaps.any(axis=0).idxmax()
        period = gaps[unit].idxmax()
        raise SpecError(
            _("predictor {var!r} is missing for {unit!r} in {period}").format(
                var=variable, unit=unit, period=period
            ),
            file=source,
            field=field,
            hint=_("choose periods where it is measured for every unit, or exclude the unit"),
        )


def _predictor_name(variable: str, periods: tuple[int, ...]) -> str:
    if len(periods) == 1:
        return f"{variable} {periods[0]}"
    steps = {b - a for a, b in zip(periods, periods[1:], strict=False)}
    step = f" every {steps.pop()}" if len(steps) == 1 and 1 not in steps else ""
    return f"{variable} {periods[0]}–{periods[-1]}{step}"
