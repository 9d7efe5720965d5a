"""Difference-in-differences: 2×2 with cluster-robust errors, and staggered adoption.

* :func:`two_by_two`: the pooled before/after, treated/untreated regression
  ``y ~ treated + post + treated:post`` with errors clustered by unit.
* :func:`twfe`: unit and period fixed effects with a treatment indicator,
  cluster-robust errors with Stata's ``xtreg, fe`` small-sample factor (fixed
  effects nested in clusters are not counted), kept as the familiar comparison.
* :func:`callaway_santanna`: group-time average effects ATT(g, t) against
  never-treated (or not-yet-treated) units, aggregated to one average
  ("simple": weighted by group size, as R ``did::aggte``) and to an event study,
  with standard errors from the influence functions. No covariates and no
  weights: the unconditional estimator, which is a difference of means and so is
  written here in a few lines; a spec that gives weights, covariates, extra fixed
  effects or trends to it is refused and pointed at ``estimator: twfe``.
* :func:`regression`: the regression applied papers run (Cheng & Hoekstra 2013):
  unit and period effects, covariates, extra fixed effects (region × year), unit
  linear trends, weights, errors clustered by unit, estimated by pyfixest.
* :func:`sun_abraham`: the interaction-weighted event study of Sun & Abraham
  (2021), pyfixest's saturated event study aggregated by cohort shares, with 95% bands.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyfixest as pf
import statsmodels.api as sm
from scipy import stats

from ovpkit import formats
from ovpkit.errors import SpecError
from ovpkit.evaluation.labels import label, measured
from ovpkit.evaluation.panel import Panel, build_panel
from ovpkit.evaluation.spec import DidSpec, Text, local_text
from ovpkit.i18n import _


@dataclass(frozen=True)
class Estimate:
    estimate: float
    se: float

    @property
    def interval(self) -> tuple[float, float]:
        z = float(stats.norm.ppf(0.975))
        return (self.estimate - z * self.se, self.estimate + z * self.se)

    @property
    def p_value(self) -> float:
        return float(2 * stats.norm.sf(abs(self.estimate / self.se))) if self.se > 0 else 0.0

    def to_dict(self) -> dict[str, float]:
        low, high = self.interval
        return {
            "estimate": self.estimate,
            "se": self.se,
            "low": low,
            "high": high,
            "p_value": self.p_value,
        }


@dataclass(frozen=True)
class DidResult:
    title: Text
    outcome: str
    kind: str  # "2x2", "staggered" or "twfe" (the regression with the spec's controls)
    effect: Estimate
    twfe: Estimate | None
    group_time: pd.DataFrame  # group, period, att, se (staggered only)
    event_study: pd.DataFrame  # event time, att, se
    n_units: int
    n_treated: int
    diagnostics: tuple[str, ...] = ()
    dropped: dict[str, str] = field(default_factory=dict)
    design: str = "did"
    outcome_label: Text | None = None
    controls: tuple[str, ...] = ()  # what the regression added, as readers see it

    @property
    def clear_of_chance(self) -> bool:
        """The design's own test: the 95% interval leaves out no effect."""
        low, high = self.effect.interval
        return low > 0 or high < 0

    @property
    def outcome_name(self) -> str:
        return local_text(self.outcome_label, default=self.outcome)

    @property
    def heading(self) -> str:
        return local_text(self.title)

    def table(self) -> pd.DataFrame:
        return self.event_study if len(self.event_study) else self.group_time

    def summary(self) -> str:
        """The detail for evaluators, every number in the reader's language."""
        low, high = self.effect.interval
        lines = [
            _("Difference-in-differences ({kind}), outcome {outcome}").format(
                kind=label(self.kind), outcome=self.outcome_name
            ),
            _(
                "Average effect {e} (95% interval {lo} to {hi}; standard error {se}; p = {p})"
            ).format(
                e=measured(self.effect.estimate),
                lo=measured(low),
                hi=measured(high),
                se=measured(self.effect.se),
                p=formats.decimal(self.effect.p_value, 3),
            ),
            _("{t} treated of {n} units").format(
                t=formats.count(self.n_treated), n=formats.count(self.n_units)
            ),
        ]
        if self.controls:
            lines.append(
                _("Also in the regression: {controls}").format(controls="; ".join(self.controls))
            )
        if self.twfe:
            lines.append(
                _("Two-way fixed effects, for comparison: {e} (standard error {se})").format(
                    e=measured(self.twfe.estimate), se=measured(self.twfe.se)
                )
            )
        lines.extend(_("Warning: {text}").format(text=d) for d in self.diagnostics)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "design": self.design,
            "title": self.heading,
            "outcome_label": self.outcome_name,
            "clear_of_chance": self.clear_of_chance,
            "kind": self.kind,
            "outcome": self.outcome,
            "effect": self.effect.to_dict(),
            "twfe": self.twfe.to_dict() if self.twfe else None,
            "event_study": self.event_study.to_dict(orient="records"),
            "group_time": self.group_time.to_dict(orient="records"),
            "n_units": self.n_units,
            "n_treated": self.n_treated,
            "controls": list(self.controls),
            "diagnostics": list(self.diagnostics),
            "dropped_units": self.dropped,
        }


def two_by_two(
    frame: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    treated: pd.Series,
    post: pd.Series,
    weights: pd.Series | None = None,
) -> Estimate:
    """The interaction coefficient of the pooled 2×2 regression, clustered by unit."""
    design = pd.DataFrame({"treated": treated.astype(float), "post": post.astype(float)})
    design["treated_post"] = design["treated"] * design["post"]
    x = sm.add_constant(design)
    model = sm.WLS(frame[outcome], x, weights=1.0 if weights is None else weights)
    fitted = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(frame[unit])[0]})
    return Estimate(float(fitted.params["treated_post"]), float(fitted.bse["treated_post"]))


def twfe(
    frame: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    treatment: pd.Series,
    weights: pd.Series | None = None,
) -> Estimate:
    """Unit and period fixed effects; SE with Stata's ``xtreg, fe vce(cluster)`` factor."""
    dummies = pd.get_dummies(frame[[unit, time]].astype(str), drop_first=True, dtype=float)
    x = sm.add_constant(pd.concat([treatment.astype(float).rename("treatment"), dummies], axis=1))
    w = np.ones(len(frame)) if weights is None else weights.to_numpy(dtype=float)
    fitted = sm.WLS(frame[outcome].to_numpy(dtype=float), x.to_numpy(), weights=w).fit()
    groups = pd.factorize(frame[unit])[0]
    bread = np.linalg.pinv(x.to_numpy().T @ (w[:, None] * x.to_numpy()))
    scores = x.to_numpy() * (w * fitted.resid)[:, None]
    meat = sum(np.outer(s, s) for s in pd.DataFrame(scores).groupby(groups).sum().to_numpy())
    n, g = len(frame), groups.max() + 1
    k = (
        1 + frame[time].nunique()
    )  # treatment, constant and period effects: the unit effects are absorbed
    factor = g / (g - 1) * (n - 1) / (n - k)
    cov = factor * bread @ meat @ bread
    return Estimate(float(fitted.params[1]), float(np.sqrt(cov[1, 1])))


def _att_if(dy: np.ndarray, in_group: np.ndarray, control: np.ndarray) -> tuple[float, np.ndarray]:
    """ATT of one cell and its influence function (one value per unit)."""
    n = len(dy)
    p_g, p_c = in_group.mean(), control.mean()
    mu_g, mu_c = dy[in_group].mean(), dy[control].mean()
    influence = in_group / p_g * (dy - mu_g) - control / p_c * (dy - mu_c)
    return float(mu_g - mu_c), influence * np.ones(n)


def callaway_santanna(
    wide: pd.DataFrame, groups: pd.Series, *, control_group: str = "never_treated"
) -> tuple[Estimate, pd.DataFrame, pd.DataFrame]:
    """Group-time ATTs from a period × unit outcome table and each unit's first treated period.

    ``groups`` holds the first treated period per unit (NaN for never treated).
    Returns the simple aggregate, the group-time table and the event study.
    """
    periods = list(wide.index)
    y = wide.to_numpy().T  # unit × period
    g = groups.reindex(wide.columns).to_numpy(dtype=float)
    cells, influences = [], []
    for group in sorted(set(g[~np.isnan(g)])):
        if group <= periods[0]:
            continue  # treated from the first period: no pre-period to compare with
        for t in periods[1:]:
            base = periods.index(group) - 1 if t >= group else periods.index(t) - 1
            col = periods.index(t)
            control = (
                np.isnan(g)
                if control_group == "never_treated"
                else (np.isnan(g) | (g > max(t, group)))
            )
            in_group = g == group
            att, inf = _att_if(y[:, col] - y[:, base], in_group, control)
            cells.append((group, t, t - group, att, in_group.mean()))
            influences.append(inf)
    table = pd.DataFrame(cells, columns=["group", "period", "event_time", "att", "share"])
    inf = np.array(influences)
    n = y.shape[0]
    table["se"] = np.sqrt((inf**2).sum(axis=1)) / n
    post = (table["event_time"] >= 0).to_numpy()
    simple = _aggregate(table, inf, post, n)
    events = [
        (int(e), *_aggregate_tuple(table, inf, (table["event_time"] == e).to_numpy(), n))
        for e in sorted(table["event_time"].unique())
    ]
    event_study = pd.DataFrame(events, columns=["event_time", "att", "se"])
    return simple, table.drop(columns="share"), event_study


def _aggregate_tuple(
    table: pd.DataFrame, inf: np.ndarray, mask: np.ndarray, n: int
) -> tuple[float, float]:
    e = _aggregate(table, inf, mask, n)
    return e.estimate, e.se


def _aggregate(table: pd.DataFrame, inf: np.ndarray, mask: np.ndarray, n: int) -> Estimate:
    """Group-size-weighted mean of the chosen cells, with the weights' own uncertainty."""
    share = table["share"].to_numpy()[mask]
    att = table["att"].to_numpy()[mask]
    weights = share / share.sum()
    estimate = float(weights @ att)
    combined = weights @ inf[mask]
    return Estimate(estimate, float(np.sqrt((combined**2).sum()) / n))


def regression(
    frame: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    treatment: pd.Series,
    covariates: tuple[str, ...] = (),
    fixed_effects: tuple[str | tuple[str, ...], ...] = (),
    unit_trends: bool = False,
    weights: str | None = None,
) -> Estimate:
    """``outcome ~ treatment + covariates [+ unit trends] | unit + time + extra`` by pyfixest.

    Errors are clustered by unit (CRV1, with Stata's small-sample factor: pyfixest
    equals ``xtreg, fe vce(cluster)`` on the castle panel). Columns are renamed to
    plain names first, so any column name works in the formula. Extra fixed
    effects (region × year) and unit trends (one column per unit, the period
    counted from the first) enter as columns, as Stata's ``xtreg`` with dummies
    does: pyfixest drops those the unit and period effects make collinear, so the
    small-sample factor counts only the parameters left (absorbed crossed effects
    would count the redundant levels and widen the error by about 1%).
    """
    names: dict[str, str] = {}

    def plain(column: str) -> str:
        return names.setdefault(column, f"c{len(names)}")

    data = pd.DataFrame(
        {plain(c): frame[c] for c in dict.fromkeys([outcome, unit, time, *covariates])}
    )
    data["treatment"] = treatment.astype(float).to_numpy()
    terms = ["treatment", *(plain(c) for c in covariates)]
    extra = [_dummies(frame, entry, len(names) + i) for i, entry in enumerate(fixed_effects)]
    if unit_trends:
        extra.append(_unit_trends(frame[unit], frame[time]))
    for block in extra:
        data = pd.concat([data, block], axis=1)
        terms += list(block.columns)
    if weights is not None:
        data["w"] = frame[weights].to_numpy(dtype=float)
    formula = f"{plain(outcome)} ~ {' + '.join(terms)} | {plain(unit)} + {plain(time)}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # collinear columns dropped: expected, see above
        fitted = pf.feols(
            formula,
            data=data,
            weights="w" if weights is not None else None,
            vcov={"CRV1": plain(unit)},
        )
    return Estimate(float(fitted.coef()["treatment"]), float(fitted.se()["treatment"]))


def _dummies(frame: pd.DataFrame, entry: str | tuple[str, ...], tag: int) -> pd.DataFrame:
    """One indicator per level of a column, or of columns crossed (region × year)."""
    columns = [entry] if isinstance(entry, str) else list(entry)
    key = frame[columns].astype(str).agg("|".join, axis=1)
    codes, uniques = pd.factorize(key)
    blocks = {f"fe{tag}_{k}": (codes == k).astype(float) for k in range(len(uniques))}
    return pd.DataFrame(blocks, index=frame.index)


def _unit_trends(units: pd.Series, periods: pd.Series) -> pd.DataFrame:
    """One linear trend per unit: the period counted from the first, zero for other units."""
    step = periods.to_numpy(dtype=float) - float(periods.min())
    codes, uniques = pd.factorize(units)
    columns = {f"trend{k}": np.where(codes == k, step, 0.0) for k in range(len(uniques))}
    return pd.DataFrame(columns, index=units.index)


def sun_abraham(
    frame: pd.DataFrame,
    *,
    outcome: str,
    unit: str,
    time: str,
    first_treated: pd.Series,
    covariates: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Sun & Abraham's interaction-weighted event study, with 95% bands (pyfixest).

    Every cohort × period-since-adoption cell gets its own coefficient against the
    never-treated units (the period before adoption is the reference); each event
    time's estimate is their average weighted by cohort shares, so a cohort's
    effect never contaminates another's, unlike the TWFE event study. Errors are
    clustered by unit. Returns event time, effect, standard error, low, high.
    """
    names = {unit: "unit", time: "period", outcome: "y"}
    data = pd.DataFrame({new: frame[old] for old, new in names.items()})
    for i, c in enumerate(covariates):
        data[f"x{i}"] = frame[c].to_numpy()
    data["unit"] = pd.factorize(data["unit"])[0].astype("int64")
    data["period"] = data["period"].astype("int64")
    data["g"] = first_treated.fillna(0).astype("int64").to_numpy()
    xfml = " + ".join(f"x{i}" for i in range(len(covariates))) or None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = pf.event_study(
            data,
            yname="y",
            idname="unit",
            tname="period",
            gname="g",
            xfml=xfml,
            estimator="saturated",
            cluster="unit",
        )
        table = fitted.aggregate(agg="period")
    return pd.DataFrame(
        {
            "event_time": table.index.to_numpy(dtype=float).astype(int),
            "att": table["Estimate"].to_numpy(dtype=float),
            "se": table["Std. Error"].to_numpy(dtype=float),
            "low": table["2.5%"].to_numpy(dtype=float),
            "high": table["97.5%"].to_numpy(dtype=float),
        }
    )


def run(spec: DidSpec, frame: pd.DataFrame, where: str) -> DidResult:
    """Run a DiD spec: staggered when ``first_treated`` names a column, else 2×2."""
    unit = spec.data.unit
    if unit is None:
        raise SpecError(
            _("a difference-in-differences needs a unit column"), file=where, field="data.unit"
        )
    _check_estimator(spec, where)
    crossed = [c for e in spec.fixed_effects for c in ((e,) if isinstance(e, str) else e)]
    columns = [spec.outcome, *spec.covariates, *(c for c in crossed if c != spec.data.time)]
    carry = [c for c in (spec.weights, spec.first_treated) if c]
    panel = build_panel(
        frame,
        unit=unit,
        time=spec.data.time,
        columns=list(dict.fromkeys(columns)),
        carry=carry,
        source=str(spec.data.path),
        missing=spec.data.missing,
        text_columns=[c for c in crossed if c != spec.data.time],
    )
    if spec.first_treated:
        return _staggered(spec, panel, where)
    return _two_by_two(spec, panel, where)


def _check_estimator(spec: DidSpec, where: str) -> None:
    """Refuse what an estimator would ignore (weights, covariates) instead of ignoring it."""
    staggered_cs = spec.first_treated is not None and spec.estimator != "twfe"
    hint = _("set `estimator: twfe` for the regression that uses them, or remove them")
    if staggered_cs and spec.weights:
        raise SpecError(
            _("the Callaway & Sant'Anna estimate here is unweighted: `weights` would be ignored"),
            file=where,
            field="weights",
            hint=hint,
        )
    if spec.controls and spec.estimator != "twfe":
        raise SpecError(
            _(
                "covariates, extra fixed effects and unit trends are used only by the "
                "two-way fixed effects regression"
            ),
            file=where,
            field="estimator",
            hint=hint,
        )
    if spec.event_study == "sun_abraham" and (spec.first_treated is None or spec.weights):
        raise SpecError(
            _("the Sun & Abraham event study needs `first_treated` and takes no `weights`"),
            file=where,
            field="event_study",
            hint=_("give each unit's first treated period in `first_treated`; remove `weights`"),
        )


def _controls(spec: DidSpec) -> tuple[str, ...]:
    """What the regression adds to unit and period effects, in the reader's words."""
    found = []
    if spec.covariates:
        found.append(_("covariates {names}").format(names=", ".join(spec.covariates)))
    for entry in spec.fixed_effects:
        names = entry if isinstance(entry, str) else " × ".join(entry)
        found.append(_("fixed effects {names}").format(names=names))
    if spec.unit_trends:
        found.append(_("a linear trend for each unit"))
    if spec.weights:
        found.append(_("weighted by {column}").format(column=spec.weights))
    return tuple(found)


def _regression(spec: DidSpec, panel: Panel, treatment: pd.Series) -> Estimate:
    return regression(
        panel.frame,
        outcome=spec.outcome,
        unit=panel.unit,
        time=panel.time,
        treatment=treatment,
        covariates=spec.covariates,
        fixed_effects=spec.fixed_effects,
        unit_trends=spec.unit_trends,
        weights=spec.weights,
    )


def _two_by_two(spec: DidSpec, panel: Panel, where: str) -> DidResult:
    f = panel.frame
    unknown = [u for u in spec.treated_units if u not in panel.units]
    if unknown:
        raise SpecError(
            _("unit {u!r} is not in the data").format(u=unknown[0]),
            file=where,
            field="treated_units",
        )
    assert spec.start is not None
    if not panel.periods[0] < spec.start <= panel.periods[-1]:
        raise SpecError(
            _("treatment start {s} is outside the data ({a}–{b})").format(
                s=spec.start, a=panel.periods[0], b=panel.periods[-1]
            ),
            file=where,
            field="start",
        )
    treated = f[panel.unit].isin(spec.treated_units)
    post = f[panel.time] >= spec.start
    weights = f[spec.weights] if spec.weights else None
    if spec.estimator == "twfe":
        effect = _regression(spec, panel, treated & post)
    else:
        effect = two_by_two(
            f, outcome=spec.outcome, unit=panel.unit, treated=treated, post=post, weights=weights
        )
    return DidResult(
        spec.title,
        spec.outcome,
        "twfe" if spec.estimator == "twfe" else "2x2",
        effect,
        None,
        pd.DataFrame(),
        pd.DataFrame(),
        len(panel.units),
        len(spec.treated_units),
        (),
        dict(panel.dropped),
        outcome_label=spec.outcome_label,
        controls=_controls(spec) if spec.estimator == "twfe" else (),
    )


def _staggered(spec: DidSpec, panel: Panel, where: str) -> DidResult:
    assert spec.first_treated is not None
    first = panel.frame.groupby(panel.unit)[spec.first_treated].first()
    first = first.where(first > 0)
    if first.notna().sum() == 0:
        raise SpecError(_("no unit is ever treated"), file=where, field="first_treated")
    f = panel.frame
    g = f[panel.unit].map(first)
    indicator = (f[panel.time] >= g).fillna(False)
    cells = pd.DataFrame()
    if spec.estimator == "twfe":
        effect, comparison, events = _regression(spec, panel, indicator), None, pd.DataFrame()
    else:
        effect, cells, events = callaway_santanna(
            panel.wide(spec.outcome), first, control_group=spec.control_group
        )
        comparison = twfe(
            f, outcome=spec.outcome, unit=panel.unit, time=panel.time, treatment=indicator
        )
    if spec.event_study == "sun_abraham":
        events = sun_abraham(
            f,
            outcome=spec.outcome,
            unit=panel.unit,
            time=panel.time,
            first_treated=g,
            covariates=spec.covariates,
        )
    notes = []
    if (first.isna().sum()) < 5 and spec.control_group == "never_treated":
        notes.append(_("fewer than 5 never-treated units: try `control_group: not_yet_treated`"))
    return DidResult(
        spec.title,
        spec.outcome,
        "twfe" if spec.estimator == "twfe" else "staggered",
        effect,
        comparison,
        cells,
        events,
        len(panel.units),
        int(first.notna().sum()),
        tuple(notes),
        dict(panel.dropped),
        outcome_label=spec.outcome_label,
        controls=_controls(spec) if spec.estimator == "twfe" else (),
    )
