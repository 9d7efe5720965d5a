"""Perception-of-insecurity surveys: weighted proportions with confidence intervals by area.

Peñalolén's annual diagnostic "includes a mapping of perception of insecurity, and
a citizen security survey" (Part 3, criterion 3). A survey share must be weighted
(respondents are not sampled in proportion to the population) and its uncertainty
must reflect the design. Two design-based variances are offered:

* ``linearisation`` (default): Taylor linearisation of the ratio estimator
  sum(w*y)/sum(w), with-replacement, using strata and primary sampling units (PSUs)
  when given. Areas are estimated as domains of the whole design, as survey packages
  do, so an area's variance counts every PSU of its strata.
* ``kish``: the binomial variance with Kish's effective sample size
  (sum w)^2 / sum(w^2). It ignores clustering and assumes weights unrelated to the
  answer; use it when only weights are known.

Both give a Wilson interval computed with the effective sample size. Areas with
fewer respondents than the disclosure threshold are suppressed; an effective sample
size under 30 only warns (the estimate is published, flagged as unreliable).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import stats

from ovpkit.errors import DataError, row_in_file
from ovpkit.i18n import _
from ovpkit.validation_messages import shown

Method = Literal["linearisation", "kish"]
MIN_EFFECTIVE_N = 30
ALL_AREAS = "all"


@dataclass(frozen=True)
class AreaProportion:
    area: str
    respondents: int
    suppressed: bool
    estimate: float | None = None
    standard_error: float | None = None
    lower: float | None = None
    upper: float | None = None
    effective_n: float | None = None
    design_effect: float | None = None

    @property
    def reliable(self) -> bool:
        return self.effective_n is not None and self.effective_n >= MIN_EFFECTIVE_N


@dataclass(frozen=True)
class SurveyEstimate:
    method: Method
    confidence: float
    outcome: str
    overall: AreaProportion
    areas: tuple[AreaProportion, ...]
    dropped: int  # respondents without an answer to the question


@dataclass(frozen=True)
class _Design:
    """The validated columns, as arrays (one entry per answering respondent)."""

    y: NDArray[np.float64]
    w: NDArray[np.float64]
    area: NDArray[np.str_]
    strata: NDArray[np.str_]
    psu: NDArray[np.str_]


def weighted_proportions(
    frame: pd.DataFrame,
    *,
    outcome: str,
    weight: str,
    area: str | None = None,
    strata: str | None = None,
    psu: str | None = None,
    yes: tuple[str, ...] | None = None,
    method: Method = "linearisation",
    confidence: float = 0.95,
    threshold: int = 5,
    file: str | None = None,
) -> SurveyEstimate:
    """Weighted share of ``outcome`` (0/1, or in ``yes``) overall and by ``area``."""
    design, dropped = _validate(frame, outcome, weight, area, strata, psu, yes, file)
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    everyone = np.ones(len(design.y), dtype=bool)
    overall = _estimate(design, everyone, ALL_AREAS, method, z, threshold)
    areas = (
        tuple(
            _estimate(design, design.area == name, str(name), method, z, threshold)
            for name in sorted(set(design.area.tolist()))
        )
        if area
        else ()
    )
    _warn_unreliable((overall, *areas))
    return SurveyEstimate(method, confidence, outcome, overall, areas, dropped)


def _validate(
    frame: pd.DataFrame,
    outcome: str,
    weight: str,
    area: str | None,
    strata: str | None,
    psu: str | None,
    yes: tuple[str, ...] | None,
    file: str | None,
) -> tuple[_Design, int]:
    for column in (outcome, weight, area, strata, psu):
        if column is not None and column not in frame.columns:
            raise DataError(
                _("column '{column}' not found").format(column=column),
                file=file,
                field=column,
                hint=_("the columns are {columns}").format(
                    columns=", ".join(map(str, frame.columns))
                ),
            )
    answered = frame[frame[outcome].notna()]
    y = _outcome(answered[outcome], yes, outcome, file)
    w = _weights(answered[weight], weight, file)

    def labels(column: str | None, default: str) -> NDArray[np.str_]:
        if column is None:
            return np.full(len(answered), default)
        return np.asarray(answered[column].astype(str).tolist(), dtype=np.str_)

    design = _Design(
        y=y,
        w=w,
        area=labels(area, ALL_AREAS),
        strata=labels(strata, "1"),
        psu=np.arange(len(answered)).astype(str) if psu is None else labels(psu, ""),
    )
    return design, len(frame) - len(answered)


def _outcome(
    values: pd.Series, yes: tuple[str, ...] | None, column: str, file: str | None
) -> NDArray[np.float64]:
    if yes is not None:
        wanted = {v.strip().casefold() for v in yes}
        return np.array([str(v).strip().casefold() in wanted for v in values], dtype=float)
    numeric = pd.to_numeric(values.astype("object").replace({True: 1, False: 0}), errors="coerce")
    bad = ~numeric.isin([0, 1])
    if bad.any():
        row = values.index[int(np.argmax(bad.to_numpy()))]
        raise DataError(
            _("the answer {value} is not 0/1 or true/false").format(value=shown(values.loc[row])),
            file=file,
            record=row_in_file(file, row),
            field=column,
            hint=_("give the answers that count as 'yes' (e.g. --yes 'unsafe,very unsafe')"),
        )
    return numeric.to_numpy(dtype=float)


def _weights(values: pd.Series, column: str, file: str | None) -> NDArray[np.float64]:
    numeric = pd.to_numeric(values, errors="coerce")
    bad = ~(numeric > 0) | ~np.isfinite(numeric)
    if bad.any():
        row = values.index[int(np.argmax(bad.to_numpy()))]
        raise DataError(
            _("the weight {value} is not a positive number").format(value=shown(values.loc[row])),
            file=file,
            record=row_in_file(file, row),
            field=column,
            hint=_("every respondent who answered needs a positive survey weight"),
        )
    return numeric.to_numpy(dtype=float)


def _estimate(
    design: _Design,
    domain: NDArray[np.bool_],
    name: str,
    method: Method,
    z: float,
    threshold: int,
) -> AreaProportion:
    n = int(domain.sum())
    if n < max(threshold, 1):
        return AreaProportion(area=name, respondents=n, suppressed=True)
    w, y = design.w[domain], design.y[domain]
    p = float(np.sum(w * y) / np.sum(w))
    kish_n = float(np.sum(w) ** 2 / np.sum(w**2))
    variance = _kish_variance(p, kish_n) if method == "kish" else _linearised(design, domain, p)
    effective_n = p * (1 - p) / variance if variance > 0 else kish_n
    lower, upper = wilson(p, effective_n, z)
    srs = p * (1 - p) / n
    return AreaProportion(
        area=name,
        respondents=n,
        suppressed=False,
        estimate=p,
        standard_error=math.sqrt(variance),
        lower=lower,
        upper=upper,
        effective_n=effective_n,
        design_effect=variance / srs if srs > 0 else None,
    )


def _kish_variance(p: float, kish_n: float) -> float:
    return p * (1 - p) / kish_n


def _linearised(design: _Design, domain: NDArray[np.bool_], p: float) -> float:
    """With-replacement variance of a domain ratio: strata of PSU totals of z."""
    total_weight = float(np.sum(design.w[domain]))
    z = np.where(domain, design.w * (design.y - p), 0.0) / total_weight
    totals = pd.DataFrame({"h": design.strata, "psu": design.psu, "z": z})
    by_psu = totals.groupby(["h", "psu"], sort=False)["z"].sum().reset_index()
    variance = 0.0
    for _stratum_id, stratum in by_psu.groupby("h", sort=False):
        n_h = len(stratum)
        if n_h < 2:
            continue  # a stratum with one PSU adds nothing (survey's "certainty" PSU)
        deviations = stratum["z"].to_numpy() - stratum["z"].mean()
        variance += n_h / (n_h - 1) * float(np.sum(deviations**2))
    return variance


def wilson(p: float, n: float, z: float) -> tuple[float, float]:
    """Wilson score interval for a proportion ``p`` from an (effective) sample size ``n``."""
    if n <= 0:
        return 0.0, 1.0
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _warn_unreliable(results: tuple[AreaProportion, ...]) -> None:
    weak = [r.area for r in results if not r.suppressed and not r.reliable]
    if weak:
        warnings.warn(
            f"effective sample size under {MIN_EFFECTIVE_N} in: {', '.join(weak)}; "
            "these shares are unreliable. Pool two survey years or merge small areas.",
            stacklevel=3,
        )
