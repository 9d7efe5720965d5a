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
from dataclasses import dataclass, replace

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
    notes: tuple[str, ...] = ()  # warnings found while building it (windows, gaps averaged)
    given_v: tuple[float, ...] | None = None  # the spec's V: no search
    training: ScmData | None = None  # the cross-validation study V is chosen on

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
    if v is None and data.given_v is not None:
        v = np.asarray(data.given_v, dtype=float)
    if v is not None:
        vfit = weights_for_v(m, v)
    elif data.training is not None:
        vfit = _cross_validated(data.training, m, unit, donors, search, starts)
    else:
        vfit = search_v(m, search=search, starts=starts)
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


def _cross_validated(
    training: ScmData, m: Matrices, unit: str, donors: tuple[str, ...], search: Search, starts: int
) -> VFit:
    """V searched on the training study (its loss is over the validation periods), then applied.

    The starts kept are the training search's: they are what chose V.
    """
    trained = search_v(training.matrices(unit, donors), search=search, starts=starts)
    applied = weights_for_v(m, trained.v)
    return replace(
        applied,
        start=trained.start,
        starts=trained.starts,
        standard_loss_v=applied.loss_v,
        validation_loss_v=trained.loss_v,
        evaluations=trained.evaluations,
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
    units = [spec.treated, *donors]
    notes: list[str] = []
    defaults = spec.predictors or tuple(Predictor(variable=spec.outcome, periods=(p,)) for p in pre)
    windows = _Windows(panel, tuple(periods), pre, start, units, source, notes)
    predictors = windows.table(defaults, "predictors")
    given = _given_v(spec, len(predictors.index), source)
    training = _training(spec, windows, outcome, donors, defaults, source)
    return ScmData(
        outcome,
        predictors,
        spec.treated,
        donors,
        start,
        optimise,
        source,
        notes=tuple(dict.fromkeys(notes)),
        given_v=given,
        training=training,
    )


def _given_v(spec: SyntheticControlSpec, k: int, source: str) -> tuple[float, ...] | None:
    """The spec's V, one weight per predictor in the order the predictors are listed."""
    if spec.v is None or spec.v.given is None:
        return None
    if len(spec.v.given) != k:
        raise SpecError(
            _("the given V has {n} weight(s) but there are {k} predictor(s)").format(
                n=len(spec.v.given), k=k
            ),
            file=source,
            field="v.given",
            hint=_("give one weight per predictor, in the order the predictors are listed"),
        )
    return spec.v.given


def _training(
    spec: SyntheticControlSpec,
    windows: _Windows,
    outcome: pd.DataFrame,
    donors: tuple[str, ...],
    defaults: tuple[Predictor, ...],
    source: str,
) -> ScmData | None:
    """The cross-validation study: training predictors, V loss over the validation periods."""
    if spec.v is None or spec.v.cross_validated is None:
        return None
    cv = spec.v.cross_validated
    train = windows.declared(cv.train.resolve(()), "v.cross_validated.train")
    validate = windows.declared(cv.validation.resolve(()), "v.cross_validated.validate")
    chosen = cv.predictors or _moved(defaults, windows.pre, train[-1])
    if len(chosen) != len(defaults):
        raise SpecError(
            _(
                "cross-validation has {n} training predictor(s) but the fit has {k}: the V "
                "found on them weighs the fit's predictors one for one"
            ).format(n=len(chosen), k=len(defaults)),
            file=source,
            field="v.cross_validated.predictors",
            hint=_("list one training predictor for each predictor, in the same order"),
        )
    table = windows.table(chosen, "v.cross_validated.predictors", default=train)
    return ScmData(outcome, table, spec.treated, donors, spec.start, validate, source)


def _moved(
    predictors: tuple[Predictor, ...], pre: tuple[int, ...], end: int
) -> tuple[Predictor, ...]:
    """The fit's predictors moved back in time so that the latest window ends at ``end``.

    ADH (2015) measure the training predictors ten years before the fit's (1971-1980
    for 1981-1990): the same variables, the same window lengths, an earlier period.
    """
    windows = [p.resolve(pre) for p in predictors]
    shift = end - max(max(w) for w in windows)
    return tuple(
        Predictor(variable=p.variable, periods=tuple(y + shift for y in w))
        for p, w in zip(predictors, windows, strict=True)
    )


@dataclass
class _Windows:
    """Predictor windows over any declared period of the data, gaps averaged over.

    As R Synth does, a predictor is the mean of the values present in its window;
    each window that reaches the treatment start, and each gap averaged over, adds
    a note (a warning for the reader), never an error. Only a unit with no value at
    all in a window, or a period the data do not have, stops the run.
    """

    panel: Panel
    periods: tuple[int, ...]
    pre: tuple[int, ...]
    start: int
    units: list[str]
    source: str
    notes: list[str]

    def declared(self, periods: tuple[int, ...], field: str) -> tuple[int, ...]:
        """Periods the data have; those at or after the start add one note for ``field``."""
        after = self._after_start(periods, field)
        if after:
            self._note_after_start(field, after)
        return periods

    def _after_start(self, periods: tuple[int, ...], field: str) -> list[int]:
        outside = [p for p in periods if p not in self.periods]
        if outside or not periods:
            raise SpecError(
                _("periods {periods} are not periods of the data").format(periods=outside or "[]"),
                file=self.source,
                field=field,
                hint=_("use periods between the first and last period of the data"),
            )
        return [p for p in periods if p >= self.start]

    def _note_after_start(self, what: str, after: list[int]) -> None:
        self.notes.append(
            _(
                "{what}: periods at or after the start ({periods}) are used, values the "
                "treatment may already have changed"
            ).format(what=what, periods=", ".join(str(p) for p in sorted(set(after))))
        )

    def table(
        self, predictors: tuple[Predictor, ...], field: str, default: tuple[int, ...] = ()
    ) -> pd.DataFrame:
        """Predictor × unit means; a predictor without periods uses ``default`` (else pre)."""
        rows: dict[str, pd.Series] = {}
        late: dict[str, list[int]] = {}
        for i, predictor in enumerate(predictors):
            where = f"{field}.{i}"
            periods = predictor.resolve(default or self.pre)
            after = self._after_start(periods, where)
            if after:
                late.setdefault(predictor.variable, []).extend(after)
            if not self.panel.has(predictor.variable):
                raise SpecError(
                    _("predictor column {name!r} is not in the data").format(
                        name=predictor.variable
                    ),
                    file=self.source,
                    field=f"{where}.variable",
                )
            window = self.panel.wide(predictor.variable).loc[list(periods), self.units]
            rows[_predictor_name(predictor.variable, periods)] = self._mean(
                window, predictor.variable, where
            )
        if late:
            self._note_after_start(
                f"{field} ({', '.join(late)})", [p for ps in late.values() for p in ps]
            )
        table = pd.DataFrame(rows).T
        flat = table.index[table.std(axis=1) == 0].tolist()
        if flat:
            raise SpecError(
                _("predictor {name!r} has the same value for every unit").format(name=flat[0]),
                file=self.source,
                field=field,
                hint=_("remove it: a predictor that does not vary cannot guide the weights"),
            )
        return table

    def _mean(self, window: pd.DataFrame, variable: str, field: str) -> pd.Series:
        """The mean of the values present; a unit with none in the window is an error."""
        clean = window.mask(np.isinf(window))
        empty = clean.isna().all(axis=0)
        if empty.any():
            unit = str(empty.idxmax())
            raise SpecError(
                _("predictor {var!r} has no value for {unit!r} in {periods}").format(
                    var=variable, unit=unit, periods=", ".join(str(p) for p in window.index)
                ),
                file=self.source,
                field=field,
                hint=_("choose periods where it is measured, or exclude the unit"),
            )
        gaps = clean.isna()
        if gaps.to_numpy().any():
            unit = str(gaps.any(axis=0).idxmax())
            self.notes.append(
                _(
                    "predictor {var!r} has gaps in its window for {n} unit(s) (first: {unit} "
                    "in {period}); it is the mean of the periods present, as R Synth does"
                ).format(
                    var=variable,
                    n=int(gaps.any(axis=0).sum()),
                    unit=unit,
                    period=gaps[unit].idxmax(),
                )
            )
        return clean.mean(axis=0)


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


def _predictor_name(variable: str, periods: tuple[int, ...]) -> str:
    if len(periods) == 1:
        return f"{variable} {periods[0]}"
    steps = {b - a for a, b in zip(periods, periods[1:], strict=False)}
    step = f" every {steps.pop()}" if len(steps) == 1 and 1 not in steps else ""
    return f"{variable} {periods[0]}–{periods[-1]}{step}"
