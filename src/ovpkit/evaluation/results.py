"""The frozen result of a synthetic-control evaluation: table, summary, JSON.

Renderers (CLI, HTML, plots) read these objects; none of them recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ovpkit import formats
from ovpkit.evaluation.conformal import ConformalInterval
from ovpkit.evaluation.cost import CostResult
from ovpkit.evaluation.labels import label, measured
from ovpkit.evaluation.placebo import InSpacePlacebo, LeaveOneOut
from ovpkit.evaluation.spec import Text, local_text
from ovpkit.evaluation.vsearch import StartLoss
from ovpkit.i18n import _

#: A placebo p-value above this cannot be told from chance. Ten percent, not five:
#: with a few dozen placebos the smallest possible p is 1/(n+1), so five percent
#: would often be out of reach (Abadie, Diamond & Hainmueller 2010 report rank 1 of 39).
CHANCE_P = 0.10

#: The local search methods by their authors' names (proper names, not translated).
_METHODS = {"nelder-mead": "Nelder-Mead", "powell": "Powell"}


@dataclass(frozen=True)
class InTimePlacebo:
    """The same design with a fake start before the real one: a gap here warns."""

    start: int
    average_gap: float
    pre_rmspe: float
    post_rmspe: float
    gaps: pd.Series

    @property
    def ratio(self) -> float:
        return self.post_rmspe / self.pre_rmspe if self.pre_rmspe > 0 else float("inf")


@dataclass(frozen=True)
class SyntheticControlResult:
    title: Text
    outcome: str
    treated: str
    start: int
    treated_path: pd.Series
    synthetic_path: pd.Series
    weights: dict[str, float]
    v: dict[str, float]
    balance: pd.DataFrame  # predictor × (treated, synthetic, donor mean)
    loss_v: float
    loss_w: float
    standard_loss_v: float
    v_search: str
    v_start: str
    pre_rmspe: float
    post_rmspe: float
    placebo: InSpacePlacebo | None = None
    in_time: InTimePlacebo | None = None
    leave_one_out: tuple[LeaveOneOut, ...] = ()
    diagnostics: tuple[str, ...] = ()
    dropped: dict[str, str] = field(default_factory=dict)
    cost: CostResult | None = None
    design: str = "synthetic_control"
    labels: dict[str, str] = field(default_factory=dict)  # unit -> name, when the spec has one
    outcome_label: Text | None = None
    v_starts: tuple[StartLoss, ...] = ()  # every local search of the V search, in order
    validation_loss_v: float | None = None  # cross-validated V: loss over the validation periods
    conformal: tuple[ConformalInterval, ...] = ()  # CWZ (2021) interval per post-period
    conformal_alpha: float | None = None

    def name(self, unit: str) -> str:
        """A unit as people know it: "Palmira (76520)", or the code alone."""
        label = self.labels.get(unit)
        return f"{label} ({unit})" if label else unit

    @property
    def gaps(self) -> pd.Series:
        return self.treated_path - self.synthetic_path

    @property
    def post_periods(self) -> list[int]:
        return [int(p) for p in self.gaps.index if p >= self.start]

    @property
    def average_effect(self) -> float:
        return float(self.gaps.loc[self.post_periods].mean())

    def table(self, *, min_weight: float = 0.001) -> pd.DataFrame:
        """Donor weights above ``min_weight``, largest first."""
        rows = [(self.name(u), w) for u, w in self.weights.items() if w >= min_weight]
        frame = pd.DataFrame(rows, columns=["donor", "weight"])
        return frame.sort_values("weight", ascending=False).reset_index(drop=True)

    @property
    def clear_of_chance(self) -> bool:
        """The design's own test: the placebo p-value is at most :data:`CHANCE_P`."""
        return self.placebo is not None and self.placebo.p_value <= CHANCE_P

    @property
    def outcome_name(self) -> str:
        """The outcome as the spec names it for readers (else its column)."""
        return local_text(self.outcome_label, default=self.outcome)

    @property
    def heading(self) -> str:
        return local_text(self.title)

    def summary(self) -> str:
        """The detail for evaluators, every number in the reader's language."""
        lines = [
            _("Synthetic control for {unit} (start {start}), outcome {outcome}").format(
                unit=self.name(self.treated),
                start=formats.year(self.start),
                outcome=self.outcome_name,
            ),
            _("Average effect after the start: {effect} (treated minus synthetic)").format(
                effect=measured(self.average_effect)
            ),
            _("Pre-period RMSPE {pre}; post-period RMSPE {post}").format(
                pre=measured(self.pre_rmspe), post=measured(self.post_rmspe)
            ),
            _("V search: {search} (best start: {start}); loss the weights achieve: {loss}").format(
                search=label(self.v_search), start=self._start_text(), loss=measured(self.loss_v)
            ),
        ]
        if self.validation_loss_v is not None:
            lines.append(
                _("Loss of the chosen V over the validation periods: {loss}").format(
                    loss=measured(self.validation_loss_v)
                )
            )
            if len(self.v_starts) > 1:
                lines.append(
                    _("Validation loss of each start: {starts}").format(starts=self._starts_text())
                )
        elif len(self.v_starts) > 1:
            lines.append(_("Loss of each start: {starts}").format(starts=self._starts_text()))
        if self.v_search == "global":
            lines.append(
                _("Standard search loss, for comparison: {loss}").format(
                    loss=measured(self.standard_loss_v)
                )
            )
        lines.append(_("Weights: {weights}").format(weights=self._weights_text()))
        lines.extend(self._placebo_lines())
        if self.conformal and self.conformal_alpha is not None:
            lines.append(self._conformal_line(self.conformal_alpha))
        lines.extend(_("Warning: {text}").format(text=d) for d in self.diagnostics)
        return "\n".join(lines)

    def _starts_text(self) -> str:
        """Every start of the V search with the loss it reached (the best is the summary's)."""
        return "; ".join(
            f"{self._name_of(s.start)} ({_METHODS.get(s.method, s.method)}) {measured(s.loss_v)}"
            for s in self.v_starts
        )

    def _name_of(self, start: str) -> str:
        if start.startswith("random "):
            return _("random start {n}").format(n=start.split()[1])
        return label(start)

    def _start_text(self) -> str:
        """The V search's best start ("random 3" is a numbered seed, the rest are codes)."""
        if self.v_start.startswith("random "):
            return _("random start {n}").format(n=self.v_start.split()[1])
        return label(self.v_start)

    def _placebo_lines(self) -> list[str]:
        lines = []
        if self.placebo:
            p = self.placebo
            lines.append(
                _("In-space placebos: post/pre RMSPE ratio ranks {rank} of {n}, p = {p}").format(
                    rank=formats.count(p.rank),
                    n=formats.count(p.n),
                    p=formats.decimal(p.p_value, 2),
                )
            )
        if self.in_time:
            lines.append(
                _("In-time placebo at {start}: average gap {gap}, ratio {ratio}").format(
                    start=formats.year(self.in_time.start),
                    gap=measured(self.in_time.average_gap),
                    ratio=formats.decimal(self.in_time.ratio, 1),
                )
            )
        return lines

    def _conformal_line(self, alpha: float) -> str:
        """Each post-period's effect with its conformal interval (pointwise)."""
        periods = "; ".join(
            _("{period}: {effect} ({low} to {high})").format(
                period=formats.year(c.period),
                effect=measured(c.estimate),
                low=measured(c.low),
                high=measured(c.high),
            )
            for c in self.conformal
        )
        return _(
            "Conformal {level} intervals (Chernozhukov, Wüthrich & Zhu 2021), by period: {periods}"
        ).format(level=formats.percent(1 - alpha, 0), periods=periods)

    def _weights_text(self) -> str:
        table = self.table()
        pairs = zip(table["donor"], table["weight"], strict=True)
        return ", ".join(f"{donor} {formats.decimal(float(w), 3)}" for donor, w in pairs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``ovpkit evaluate --json``."""
        placebo = None
        if self.placebo:
            p = self.placebo
            placebo = {
                "rank": p.rank,
                "n": p.n,
                "p_value": p.p_value,
                "pool": p.pool,
                "drop_pre_rmspe_above": p.drop_above,
                "rank_kept": p.rank_kept,
                "p_value_kept": p.p_value_kept,
                "units": {
                    u.unit: {"ratio": _num(u.ratio), "pre_rmspe": u.pre_rmspe, "kept": u.kept}
                    for u in p.units
                },
            }
        return {
            "design": self.design,
            "title": self.heading,
            "outcome_label": self.outcome_name,
            "clear_of_chance": self.clear_of_chance,
            "treated": self.treated,
            "start": self.start,
            "outcome": self.outcome,
            "effect": {
                "estimate": self.average_effect,
                "p_value": self.placebo.p_value if self.placebo else None,
                "per_period": {str(k): float(v) for k, v in self.gaps.items()},
            },
            "weights": {u: w for u, w in self.weights.items() if w >= 1e-6},
            "v": self.v,
            "loss": {
                "v": self.loss_v,
                "w": self.loss_w,
                "standard_v": self.standard_loss_v,
                "validation_v": self.validation_loss_v,
            },
            "v_search": self.v_search,
            "pre_rmspe": self.pre_rmspe,
            "post_rmspe": self.post_rmspe,
            "placebo": placebo,
            "in_time": None
            if self.in_time is None
            else {
                "start": self.in_time.start,
                "average_gap": self.in_time.average_gap,
                "ratio": _num(self.in_time.ratio),
            },
            "leave_one_out": {
                o.unit: {"average_effect": o.average_effect, "pre_rmspe": o.pre_rmspe}
                for o in self.leave_one_out
            },
            "conformal": None
            if self.conformal_alpha is None
            else {
                "alpha": self.conformal_alpha,
                "periods": {
                    str(c.period): {
                        "estimate": c.estimate,
                        "low": _num(c.low),
                        "high": _num(c.high),
                    }
                    for c in self.conformal
                },
            },
            "diagnostics": list(self.diagnostics),
            "dropped_units": self.dropped,
            "labels": {
                u: name
                for u, name in sorted(self.labels.items())
                if u == self.treated or u in self.weights
            },
            "cost": self.cost.to_dict() if self.cost else None,
        }


def _num(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None
