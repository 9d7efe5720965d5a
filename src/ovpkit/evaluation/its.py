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
from statsmodels.tools.sm_exceptions import ConvergenceWarning

from ovpkit.errors import SpecError
from ovpkit.evaluation.cost import Interval
from ovpkit.evaluation.spec import ItsSpec
from ovpkit.i18n import _


@dataclass(frozen=True)
class ItsResult:
    title: str
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

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "observed": self.observed,
                "fitted": self.fitted,
                "counterfactual": self.counterfactual,
            }
        )

    def summary(self) -> str:
        rr = self.rate_ratio
        lines = [
            _("Interrupted time series ({family}), {outcome}, start {start}").format(
                family=self.family, outcome=self.outcome, start=self.start
            ),
            _("Rate ratio at the start {rr:.3f} (95% CI {lo:.3f} to {hi:.3f})").format(
                rr=rr.estimate, lo=rr.low, hi=rr.high
            ),
        ]
        if self.trend_ratio:
            t = self.trend_ratio
            lines.append(
                _("Trend change per month {rr:.4f} ({lo:.4f} to {hi:.4f})").format(
                    rr=t.estimate, lo=t.low, hi=t.high
                )
            )
        lines.extend(_("Warning: {text}").format(text=d) for d in self.diagnostics)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        def iv(i: Interval | None) -> dict[str, float] | None:
            return None if i is None else {"estimate": i.estimate, "low": i.low, "high": i.high}

        return {
            "design": self.design,
            "title": self.title,
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


def fit_its(
    counts: pd.Series,
    start: pd.Period,
    *,
    exposure: pd.Series | None = None,
    family: str = "negative_binomial",
    seasonality: bool = True,
    trend_change: bool = True,
) -> tuple[Any, pd.DataFrame]:
    """Fit the segmented model; returns the statsmodels result and the design."""
    x = design_matrix(counts.index, start, seasonality=seasonality, trend_change=trend_change)  # type: ignore[arg-type]
    offset = None if exposure is None else np.log(exposure.to_numpy(dtype=float))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        if family == "poisson":
            model = sm.GLM(counts.to_numpy(), x, family=sm.families.Poisson(), offset=offset)
            return model.fit(), x
        nb = sm.NegativeBinomial(counts.to_numpy(), x, offset=offset)
        return nb.fit(disp=0, maxiter=200), x


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
    title: str = "",
    outcome: str = "count",
) -> ItsResult:
    """Fit and summarise: rate ratios, counterfactual, incidents prevented."""
    result, x = fit_its(
        counts,
        start,
        exposure=exposure,
        family=family,
        seasonality=seasonality,
        trend_change=trend_change,
    )
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
    dispersion = float(result.params["alpha"]) if "alpha" in result.params.index else None
    return ItsResult(
        title=title,
        outcome=outcome,
        start=str(start),
        family=family,
        rate_ratio=rr,
        trend_ratio=_ratio(result, "time_after") if trend_change else None,
        observed=pd.Series(counts.to_numpy(), index=months),
        fitted=pd.Series(fitted, index=months),
        counterfactual=pd.Series(counterfactual, index=months),
        prevented=prevented,
        dispersion=dispersion,
        diagnostics=tuple(_notes(counts, start, family, result)),
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
        outcome=spec.count or _("incidents"),
    )
