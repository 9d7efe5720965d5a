"""Interrupted time series for one city's monthly counts.

A segmented regression on the log scale:

    log E[y_t] = b0 + b1 t + b2 after_t + b3 (t - t0) after_t + month effects + log(exposure)

fitted as a negative-binomial (default: counts of violence are over-dispersed) or
Poisson model. ``exp(b2)`` is the rate ratio at the start (the level change),
``exp(b3)`` the change in the monthly trend. The counterfactual is the fitted
model with ``after = 0``; incidents prevented are its excess over the fit after
the start, with the interval from the level-change interval.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize

from ovpkit import formats
from ovpkit.errors import SpecError
from ovpkit.evaluation import labels
from ovpkit.evaluation.cost import Interval
from ovpkit.evaluation.spec import ItsSpec, Text, in_every_language, local_text
from ovpkit.i18n import _


@dataclass(frozen=True)
class ItsResult:
    title: Text
    outcome: str
    start: str
    family: str
    rate_ratio: Interval  # level change at the start
    trend_ratio: Interval | None  # change in the monthly trend, per month
    observed: pd.Series  # monthly counts, indexed by period strings "2021-01"
    fitted: pd.Series
    counterfactual: pd.Series
    prevented: Interval  # counterfactual minus fitted, summed after the start
    dispersion: float | None
    diagnostics: tuple[str, ...] = ()
    dropped: dict[str, str] = field(default_factory=dict)
    design: str = "its"
    outcome_label: Text | None = None

    @property
    def clear_of_chance(self) -> bool:
        """The design's own test: the rate ratio's 95% interval leaves out 1 (no change)."""
        return self.rate_ratio.low > 1 or self.rate_ratio.high < 1

    @property
    def outcome_name(self) -> str:
        return local_text(self.outcome_label, default=self.outcome)

    @property
    def heading(self) -> str:
        return local_text(self.title)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "observed": self.observed,
                "fitted": self.fitted,
                "counterfactual": self.counterfactual,
            }
        )

    def summary(self) -> str:
        """The detail for evaluators, every number in the reader's language."""
        rr = self.rate_ratio
        lines = [
            _("Interrupted time series ({family}), {outcome}, start {start}").format(
                family=labels.label(self.family), outcome=self.outcome_name, start=self.start
            ),
            _("Rate ratio at the start {rr} (95% interval {lo} to {hi})").format(
                rr=formats.decimal(rr.estimate, 3),
                lo=formats.decimal(rr.low, 3),
                hi=formats.decimal(rr.high, 3),
            ),
        ]
        if self.trend_ratio:
            t = self.trend_ratio
            lines.append(
                _("Trend change per month {rr} ({lo} to {hi})").format(
                    rr=formats.decimal(t.estimate, 4),
                    lo=formats.decimal(t.low, 4),
                    hi=formats.decimal(t.high, 4),
                )
            )
        lines.extend(_("Warning: {text}").format(text=d) for d in self.diagnostics)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        def iv(i: Interval | None) -> dict[str, float] | None:
            return None if i is None else {"estimate": i.estimate, "low": i.low, "high": i.high}

        return {
            "design": self.design,
            "title": self.heading,
            "outcome_label": self.outcome_name,
            "clear_of_chance": self.clear_of_chance,
            "outcome": self.outcome,
            "start": self.start,
            "family": self.family,
            "effect": {"rate_ratio": iv(self.rate_ratio), "trend_ratio": iv(self.trend_ratio)},
            "prevented": iv(self.prevented),
            "dispersion": self.dispersion,
            "series": self.table().reset_index(names="month").to_dict(orient="records"),
            "diagnostics": list(self.diagnostics),
        }


def design_matrix(
    months: pd.PeriodIndex, start: pd.Period, *, seasonality: bool, trend_change: bool
) -> pd.DataFrame:
    t = np.arange(len(months), dtype=float)
    after = (months >= start).astype(float)
    t0 = float(np.argmax(after)) if after.any() else float(len(months))
    x = pd.DataFrame({"const": 1.0, "time": t, "after": after}, index=months)
    if trend_change:
        x["time_after"] = (t - t0) * after
    if seasonality:
        month = pd.get_dummies(months.month, prefix="m", drop_first=True, dtype=float)
        x = pd.concat([x, month.set_index(months)], axis=1)
    return x


#: Bounds of the dispersion search. At the lower bound the negative binomial is the
#: Poisson model to any precision a count of violence can show.
ALPHA_BOUNDS = (1e-8, 10.0)


@dataclass(frozen=True)
class ItsFit:
    """The fitted GLM, its design, the family actually used and the dispersion."""

    result: Any
    design: pd.DataFrame
    family: str
    dispersion: float | None
    notes: tuple[str, ...] = ()


def fit_its(
    counts: pd.Series,
    start: pd.Period,
    *,
    exposure: pd.Series | None = None,
    family: str = "negative_binomial",
    seasonality: bool = True,
    trend_change: bool = True,
) -> ItsFit:
    """Fit the segmented model.

    The negative binomial is fitted as R's ``MASS::glm.nb`` does: the dispersion by
    maximum likelihood over a bounded one-dimensional search, the coefficients by
    IRLS given it, their standard errors conditional on it. A joint Newton or BFGS
    fit (statsmodels' ``NegativeBinomial``) fails when the counts show no
    over-dispersion, because the likelihood's maximum lies on the boundary alpha = 0
    where its Hessian cannot be inverted; there the model *is* Poisson, and it is
    fitted and reported as such.
    """
    x = design_matrix(counts.index, start, seasonality=seasonality, trend_change=trend_change)  # type: ignore[arg-type]
    y = counts.to_numpy(dtype=float)
    after = x["after"].to_numpy() > 0
    for label, part in ((_("before the start"), ~after), (_("from the start on"), after)):
        if not y[part].any():
            raise _not_estimable(_("every month {part} has a count of 0").format(part=label))
    offset = np.zeros(len(y)) if exposure is None else np.log(exposure.to_numpy(dtype=float))
    poisson = _glm(y, x, offset, sm.families.Poisson())
    if family == "poisson":
        return ItsFit(poisson, x, "poisson", None)
    alpha = _dispersion(y, x, offset)
    if alpha is None:
        note = _(
            "the counts show no over-dispersion (the negative binomial's dispersion is 0), "
            "so the model is the Poisson model and was fitted as one"
        )
        return ItsFit(poisson, x, "poisson", 0.0, (note,))
    nb = _glm(y, x, offset, sm.families.NegativeBinomial(alpha=alpha))
    return ItsFit(nb, x, "negative_binomial", alpha)


def _glm(y: np.ndarray, x: pd.DataFrame, offset: np.ndarray, family: Any) -> Any:
    """IRLS fit; numerical warnings become one clear error instead of a bad interval."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = sm.GLM(y, x, family=family, offset=offset).fit()
            result.llf, result.bse  # noqa: B018 (computed lazily: their warnings belong here)
        except (Warning, ValueError, np.linalg.LinAlgError) as problem:
            raise _not_estimable(str(problem)) from problem
    if not np.all(np.isfinite(np.asarray(result.bse))):
        raise _not_estimable(_("a coefficient's standard error is not finite"))
    return result


def _dispersion(y: np.ndarray, x: pd.DataFrame, offset: np.ndarray) -> float | None:
    """Maximum-likelihood alpha, or None when the maximum is at alpha = 0 (Poisson)."""

    def negative_loglik(log_alpha: float) -> float:
        family = sm.families.NegativeBinomial(alpha=float(np.exp(log_alpha)))
        return -float(_glm(y, x, offset, family).llf)

    low, high = (float(np.log(b)) for b in ALPHA_BOUNDS)
    best = optimize.minimize_scalar(
        negative_loglik, bounds=(low, high), method="bounded", options={"xatol": 1e-6}
    )
    at_boundary = best.x - low < 1e-3 or negative_loglik(low) <= best.fun
    return None if at_boundary else float(np.exp(best.x))


def _not_estimable(reason: str) -> SpecError:
    return SpecError(
        _(
            "cannot estimate an interval for the change because the model cannot be fitted: {r}"
        ).format(r=reason),
        field="design",
        hint=_(
            "check that the months before and after the start both have counts above zero, "
            "or drop `seasonality` or `trend_change` when the series is short"
        ),
    )


def _ratio(result: Any, name: str) -> Interval:
    position = list(result.params.index).index(name)
    low, high = (float(b) for b in np.asarray(result.conf_int())[position])
    return Interval(float(np.exp(result.params[name])), float(np.exp(low)), float(np.exp(high)))


def _linear_prediction(result: Any, x: pd.DataFrame, offset: np.ndarray) -> np.ndarray:
    params = result.params[x.columns]
    return np.asarray(np.exp(x.to_numpy() @ params.to_numpy() + offset))


def analyse(
    counts: pd.Series,
    start: pd.Period,
    *,
    exposure: pd.Series | None = None,
    family: str = "negative_binomial",
    seasonality: bool = True,
    trend_change: bool = True,
    title: Text = "",
    outcome: str = "count",
    outcome_label: Text | None = None,
) -> ItsResult:
    """Fit and summarise: rate ratios, counterfactual, incidents prevented."""
    fit = fit_its(
        counts,
        start,
        exposure=exposure,
        family=family,
        seasonality=seasonality,
        trend_change=trend_change,
    )
    result, x = fit.result, fit.design
    offset = np.zeros(len(x)) if exposure is None else np.log(exposure.to_numpy(dtype=float))
    fitted = _linear_prediction(result, x, offset)
    no_change = x.copy()
    no_change["after"] = 0.0
    if trend_change:
        no_change["time_after"] = 0.0
    counterfactual = _linear_prediction(result, no_change, offset)
    rr = _ratio(result, "after")
    after = x["after"].to_numpy() > 0
    base = counterfactual[after].sum()
    prevented = Interval(
        float(base - fitted[after].sum()), float(base * (1 - rr.high)), float(base * (1 - rr.low))
    )
    months = counts.index.astype(str)
    return ItsResult(
        title=title,
        outcome=outcome,
        outcome_label=outcome_label,
        start=str(start),
        family=fit.family,
        rate_ratio=rr,
        trend_ratio=_ratio(result, "time_after") if trend_change else None,
        observed=pd.Series(counts.to_numpy(), index=months),
        fitted=pd.Series(fitted, index=months),
        counterfactual=pd.Series(counterfactual, index=months),
        prevented=prevented,
        dispersion=fit.dispersion,
        diagnostics=fit.notes + tuple(_notes(counts, start, family, result)),
    )


def _notes(counts: pd.Series, start: pd.Period, family: str, result: Any) -> list[str]:
    notes = []
    pre = int((counts.index < start).sum())
    if pre < 24:
        notes.append(
            _(
                "only {n} months before the start: seasonality and trend are poorly "
                "pinned down (24 or more is advisable)"
            ).format(n=pre)
        )
    if family == "poisson" and result.pearson_chi2 / result.df_resid > 1.5:
        notes.append(
            _(
                "counts are over-dispersed (Pearson χ²/df {d:.2f}): use `family: negative_binomial`"
            ).format(d=result.pearson_chi2 / result.df_resid)
        )
    return notes


def run(spec: ItsSpec, frame: pd.DataFrame, where: str) -> ItsResult:
    """Monthly series from the data (rows are incidents unless ``count`` names a column)."""
    time = spec.data.time
    if time not in frame.columns:
        raise SpecError(_("column not in the data"), file=where, field="data.time")
    months = pd.to_datetime(frame[time], errors="coerce").dt.to_period("M")
    if months.isna().any():
        raise SpecError(
            _("value {v!r} is not a date").format(v=frame[time][months.isna()].iloc[0]),
            file=where,
            field="data.time",
            hint=_("use dates such as 2021-01-31"),
        )
    if spec.count:
        if spec.count not in frame.columns:
            raise SpecError(_("column not in the data"), file=where, field="count")
        series = frame.groupby(months)[spec.count].sum()
    else:
        series = months.value_counts()
    full = pd.period_range(series.index.min(), series.index.max(), freq="M")
    counts = (
        series.reindex(full, fill_value=0).astype(float) if not spec.count else series.reindex(full)
    )
    if counts.isna().any():
        raise SpecError(
            _("month {m} has no row").format(m=counts.index[counts.isna()][0]),
            file=where,
            field="count",
            hint=_("add the month with its count (0 if none)"),
        )
    start = pd.Period(spec.start, freq="M")
    if not full[0] < start <= full[-1]:
        raise SpecError(
            _("start {s} is outside the data ({a}–{b})").format(s=start, a=full[0], b=full[-1]),
            file=where,
            field="start",
        )
    exposure = None
    if spec.exposure:
        exposure = frame.groupby(months)[spec.exposure].mean().reindex(full)
    return analyse(
        counts,
        start,
        exposure=exposure,
        family=spec.family,
        seasonality=spec.seasonality == "month",
        trend_change=spec.trend_change,
        title=spec.title,
        outcome=spec.count or "incidents",
        outcome_label=spec.outcome_label
        or (None if spec.count else in_every_language(lambda: _("incidents"))),
    )
