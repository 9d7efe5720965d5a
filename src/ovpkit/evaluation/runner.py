"""Run a validated spec: load the data, build the panel, call the design's estimator.

:func:`evaluate` is what ``ovpkit evaluate`` calls; a notebook can call it too,
or use the estimators directly.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ovpkit import formats
from ovpkit.errors import SpecError
from ovpkit.evaluation import did, its
from ovpkit.evaluation.conformal import ConformalInterval, conformal_intervals
from ovpkit.evaluation.cost import CostResult, Interval, cost_of_violence
from ovpkit.evaluation.labels import measured
from ovpkit.evaluation.panel import build_panel, fill_implicit_zeros, load_table
from ovpkit.evaluation.placebo import InSpacePlacebo, Progress, in_space, leave_one_out
from ovpkit.evaluation.results import CHANCE_P, InTimePlacebo, SyntheticControlResult
from ovpkit.evaluation.spec import (
    DataSource,
    DidSpec,
    ItsSpec,
    PeriodRange,
    SyntheticControlSpec,
    Text,
    in_every_language,
    load_spec,
)
from ovpkit.evaluation.synthetic_control import ScmData, ScmFit, fit, prepare
from ovpkit.i18n import N_, _

Result = SyntheticControlResult | did.DidResult | its.ItsResult


class EvaluationWarning(UserWarning):
    """A statistical assumption looks broken; the message names the remedy."""


#: Stages of a run, reported to ``stage`` callbacks (the CLI shows them on stderr).
Stage = Callable[[str], None]
STAGES: dict[str, str] = {
    "read": N_("Reading the data"),
    "fit": N_("Fitting the synthetic control"),
    "placebos": N_("Placebo runs"),
    "in_time": N_("In-time placebo"),
    "leave_one_out": N_("Leave-one-out refits"),
    "conformal": N_("Conformal intervals"),
    "model": N_("Fitting the model"),
}


def evaluate(
    spec: SyntheticControlSpec | DidSpec | ItsSpec | str | Path,
    *,
    source: str | Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    stage: Stage | None = None,
) -> Result:
    """Evaluate a spec (or a spec file) and return its frozen result.

    ``stage`` is called with a :data:`STAGES` code as each stage starts and
    ``progress`` with (done, total) during the placebo runs: long runs can show it.
    """
    if isinstance(spec, str | Path):
        source = source or spec
        spec = load_spec(spec)
    where = str(source or "spec")
    report = stage or _quiet
    exclude = spec.exclude if isinstance(spec, SyntheticControlSpec) else ()
    report("read")
    frame = read_data(spec.data, where, exclude=exclude, spec_folder=_folder(source))
    if isinstance(spec, SyntheticControlSpec):
        result: Result = run_synthetic_control(spec, frame, where, workers, progress, report)
    elif isinstance(spec, DidSpec):
        report("model")
        result = did.run(spec, frame, where)
    else:
        report("model")
        result = its.run(spec, frame, where)
    for text in result.diagnostics:
        warnings.warn(text, EvaluationWarning, stacklevel=2)
    return result


def _quiet(code: str) -> None:
    """The default stage callback: say nothing."""


def _folder(source: str | Path | None) -> Path | None:
    return Path(source).resolve().parent if source is not None else None


def read_data(
    source: DataSource,
    where: str,
    *,
    exclude: Sequence[str] = (),
    spec_folder: Path | None = None,
) -> pd.DataFrame:
    """The data file with the spec's filter, exclusions, implicit zeros and rate applied."""
    if not source.path.is_file():
        raise _missing_data(source.path, where, spec_folder)
    frame = load_table(source.path)
    if exclude and source.unit in frame.columns:
        frame = frame[~frame[source.unit].astype(str).isin(exclude)]
    for column, value in source.filter.items():
        if column not in frame.columns:
            raise SpecError(
                _("filter column not in the data"), file=where, field=f"data.filter.{column}"
            )
        frame = frame[frame[column] == value]
    if source.implicit_zeros:
        if source.unit is None:
            raise SpecError(_("implicit zeros need a unit column"), file=where, field="data.unit")
        zeros = source.implicit_zeros
        frame, _added = fill_implicit_zeros(
            frame,
            unit=source.unit,
            time=source.time,
            count=zeros.count,
            population=zeros.population,
        )
    if source.rate:
        r = source.rate
        for column in (r.count, r.population):
            if column not in frame.columns:
                raise SpecError(_("rate column not in the data"), file=where, field="data.rate")
        frame = frame.assign(**{r.name: frame[r.count] / frame[r.population] * r.per})
    return frame


def _missing_data(path: Path, where: str, spec_folder: Path | None) -> SpecError:
    """A spec copied elsewhere loses its data: say where a relative path was looked for."""
    if spec_folder is None:
        hint = _("give an absolute path to the data file")
    else:
        hint = _(
            "a relative data.path is read from the spec's own folder ({folder}), not from "
            "where you run ovpkit: correct the path in the spec, or give an absolute path"
        ).format(folder=spec_folder)
    return SpecError(
        _("the data file {path} does not exist").format(path=path),
        file=where,
        field="data.path",
        hint=hint,
    )


def run_synthetic_control(
    spec: SyntheticControlSpec,
    frame: pd.DataFrame,
    where: str,
    workers: int | None = None,
    progress: Progress | None = None,
    stage: Stage = _quiet,
) -> SyntheticControlResult:
    if spec.data.unit is None:
        raise SpecError(_("a synthetic control needs a unit column"), file=where, field="data.unit")
    variables = {p.variable for p in spec.predictors}
    if spec.v is not None and spec.v.cross_validated is not None:
        variables |= {p.variable for p in spec.v.cross_validated.predictors}
    if spec.donor_rule:
        variables.add(spec.donor_rule.column)
    panel = build_panel(
        frame,
        unit=spec.data.unit,
        time=spec.data.time,
        columns=[spec.outcome],
        carry=sorted(variables - {spec.outcome}),
        source=str(spec.data.path),
        keep_units=[spec.treated],
        periods=(spec.first or -(10**9), spec.end or 10**9),
        missing=spec.data.missing,
    )
    data = prepare(panel, spec, where)
    stage("fit")
    main = fit(data, search=spec.v_search, starts=spec.global_starts)
    p = spec.placebo
    placebo = None
    if p.in_space:
        stage("placebos")
        placebo = in_space(
            data,
            main,
            rule=p.pool,
            drop_above=p.drop_pre_rmspe_above,
            workers=workers,
            progress=progress,
        )
    if p.in_time is not None:
        stage("in_time")
    in_time = _in_time(spec, panel, where) if p.in_time is not None else None
    if p.leave_one_out:
        stage("leave_one_out")
    loo = tuple(leave_one_out(data, main)) if p.leave_one_out else ()
    intervals: tuple[ConformalInterval, ...] = ()
    if spec.conformal is not None:
        stage("conformal")
        intervals = conformal_intervals(
            data.outcome[spec.treated].to_numpy(),
            data.outcome[list(data.donors)].to_numpy(),
            [int(x) for x in data.outcome.index],
            data.start,
            alpha=spec.conformal.alpha,
        )
    return SyntheticControlResult(
        title=spec.title,
        outcome=spec.outcome,
        outcome_label=outcome_label(spec),
        treated=spec.treated,
        start=data.start,
        treated_path=data.outcome[spec.treated],
        synthetic_path=main.synthetic,
        weights=main.weights(),
        v=dict(zip(main.predictor_names, map(float, main.vfit.v), strict=True)),
        balance=_balance(data, main),
        loss_v=main.vfit.loss_v,
        loss_w=main.vfit.loss_w,
        standard_loss_v=main.vfit.standard_loss_v,
        v_search=_v_rule(spec),
        v_start=main.vfit.start,
        validation_loss_v=main.vfit.validation_loss_v,
        conformal=intervals,
        conformal_alpha=spec.conformal.alpha if spec.conformal else None,
        v_starts=main.vfit.starts,
        pre_rmspe=main.pre_rmspe,
        post_rmspe=main.post_rmspe,
        placebo=placebo,
        in_time=in_time,
        leave_one_out=loo,
        diagnostics=(*data.notes, *_diagnostics(data, main)),
        dropped=dict(panel.dropped),
        cost=_scm_cost(spec, frame, data, main, placebo),
        labels=unit_labels(frame, spec.data, where),
    )


def _v_rule(spec: SyntheticControlSpec) -> str:
    """How V was chosen, as a code with a label: the search, a given V, or cross-validation."""
    if spec.v is not None and spec.v.given is not None:
        return "given"
    if spec.v is not None:
        return "cross_validated"
    return spec.v_search


def outcome_label(spec: SyntheticControlSpec | DidSpec) -> Text | None:
    """The spec's name for the outcome; for a rate the spec derives, "rate per 100,000"."""
    if spec.outcome_label is not None:
        return spec.outcome_label
    rate = spec.data.rate
    if rate is not None and rate.name == spec.outcome:
        per = rate.per
        return in_every_language(
            lambda: _("rate per {per} residents").format(per=formats.count(per))
        )
    return None


def unit_labels(frame: pd.DataFrame, source: DataSource, where: str) -> dict[str, str]:
    """Each unit's name from the ``data.label`` column (its first non-empty value)."""
    if source.label is None or source.unit is None:
        return {}
    if source.label not in frame.columns:
        raise SpecError(
            _("the label column {column} is not in the data").format(column=source.label),
            file=where,
            field="data.label",
        )
    names = frame.dropna(subset=[source.label]).groupby(frame[source.unit].astype(str))
    return {str(unit): str(name) for unit, name in names[source.label].first().items()}


def _balance(data: ScmData, main: ScmFit) -> pd.DataFrame:
    x = data.predictors
    return pd.DataFrame(
        {
            "treated": x[main.treated],
            "synthetic": x[list(main.pool)].to_numpy() @ main.vfit.weights,
            "donor mean": x[list(main.pool)].mean(axis=1),
        }
    )


def _diagnostics(data: ScmData, main: ScmFit) -> list[str]:
    notes: list[str] = []
    pre = data.outcome.loc[list(data.pre_periods), main.treated]
    if main.pre_rmspe > 0.1 * float(np.mean(np.abs(pre))):
        notes.append(
            _(
                "poor pre-period fit: RMSPE {rmspe} is over 10% of the treated unit's mean "
                "outcome; the post-period gap may be bias, not effect (try other predictors or "
                "a different donor pool)"
            ).format(rmspe=measured(main.pre_rmspe))
        )
    if len(main.pool) < 10:
        notes.append(
            _("few donors ({n}): placebo p-values cannot go below 1/{m}").format(
                n=formats.count(len(main.pool)), m=formats.count(len(main.pool) + 1)
            )
        )
    support = int(np.sum(main.vfit.weights > 1e-9))
    if main.vfit.loss_w < 1e-12 and support > 1:
        notes.append(
            _(
                "the treated unit's predictors lie inside the donors' range: many weight "
                "vectors fit them exactly, so these weights are one choice among many (add "
                "predictors, e.g. more pre-period outcomes, to pin them down)"
            )
        )
    if main.vfit.standard_loss_v > main.vfit.loss_v * 1.0001:
        notes.append(
            _(
                "the global V search found a lower loss ({g}) than the standard search "
                "({s}): the weights are sensitive to the search; report both"
            ).format(g=measured(main.vfit.loss_v), s=measured(main.vfit.standard_loss_v))
        )
    return notes


def _in_time(spec: SyntheticControlSpec, panel: object, where: str) -> InTimePlacebo:
    fake = spec.placebo.in_time
    assert fake is not None
    if fake >= spec.start:
        raise SpecError(
            _("the in-time placebo start must come before the real start {start}").format(
                start=spec.start
            ),
            file=where,
            field="placebo.in_time",
        )
    predictors = []
    for p in spec.predictors:
        kept = tuple(y for y in p.resolve(()) if y < fake) if p.resolve(()) else None
        if kept is None:
            predictors.append(p)
        elif kept:
            predictors.append(p.model_copy(update={"periods": kept, "start": None, "stop": None}))
    optimise = tuple(y for y in spec.optimise.resolve(()) if y < fake)
    # A given V stays when every predictor does; cross-validation periods belong to the
    # real start, so the moved fit searches V itself (v_search).
    keep_v = spec.v is not None and spec.v.given is not None
    keep_v = keep_v and len(predictors) == len(spec.predictors)
    moved = spec.model_copy(
        update={
            "v": spec.v if keep_v else None,
            "start": fake,
            "end": spec.start - 1,
            "predictors": tuple(predictors),
            "optimise": PeriodRange(periods=optimise) if optimise else PeriodRange(),
        }
    )
    data = prepare(panel, moved, where)  # type: ignore[arg-type]
    result = fit(data, search=spec.v_search, starts=spec.global_starts)
    post = result.gaps.loc[list(data.post_periods)]
    return InTimePlacebo(fake, float(post.mean()), result.pre_rmspe, result.post_rmspe, result.gaps)


def _scm_cost(
    spec: SyntheticControlSpec,
    frame: pd.DataFrame,
    data: ScmData,
    main: ScmFit,
    placebo: InSpacePlacebo | None,
) -> CostResult | None:
    """Costs avoided at the point estimate; a synthetic control gives no interval.

    So the result carries a caveat unless placebo inference finds the effect unlikely
    to be chance (p <= 0.10).
    """
    if spec.cost is None:
        return None
    post = main.gaps.loc[list(data.post_periods)]
    rate = spec.data.rate
    if rate is not None and rate.name == spec.outcome and spec.data.unit:
        rows = frame[frame[spec.data.unit].astype(str) == spec.treated].set_index(spec.data.time)
        population = rows[rate.population].reindex(post.index).to_numpy(dtype=float)
        prevented = float(-(post.to_numpy() * population / rate.per).sum())
    elif spec.cost.population:
        prevented = float(-post.sum() * spec.cost.population / 100_000.0)
    else:
        prevented = float(-post.sum())
    return cost_of_violence(
        Interval(prevented, prevented, prevented),
        per_incident=spec.cost.per_incident,
        currency=spec.cost.currency,
        programme_cost=spec.cost.programme_cost,
        caveat=_scm_caveat(placebo),
    )


def _scm_caveat(placebo: InSpacePlacebo | None) -> str | None:
    """Why the effect is not a finding (the placebo test is the design's test), or None."""
    if placebo is None:
        return _("without placebo runs a synthetic control cannot tell its effect from chance")
    if placebo.p_value > CHANCE_P:
        return _("the effect is not distinguishable from chance (placebo p = {p})").format(
            p=formats.decimal(placebo.p_value, 2)
        )
    return None
