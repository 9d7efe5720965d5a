"""The frozen result of a synthetic-control evaluation: table, summary, JSON.

Renderers (CLI, HTML, plots) read these objects; none of them recomputes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ovpkit.evaluation.cost import CostResult
from ovpkit.evaluation.placebo import InSpacePlacebo, LeaveOneOut
from ovpkit.i18n import _


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
    title: str
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

    def summary(self) -> str:
        lines = [
            _("Synthetic control for {unit} (start {start}), outcome {outcome}").format(
                unit=self.name(self.treated), start=self.start, outcome=self.outcome
            ),
            _("Average effect after the start: {effect:.4g} (treated minus synthetic)").format(
                effect=self.average_effect
            ),
            _("Pre-period RMSPE {pre:.4g}; post-period RMSPE {post:.4g}").format(
                pre=self.pre_rmspe, post=self.post_rmspe
            ),
            _(
                "V search: {search} (best start: {start}); loss the weights achieve: {loss:.6g}"
            ).format(search=self.v_search, start=self.v_start, loss=self.loss_v),
        ]
        if self.v_search == "global":
            lines.append(
                _("Standard search loss, for comparison: {loss:.6g}").format(
                    loss=self.standard_loss_v
                )
            )
        lines.append(_("Weights: {weights}").format(weights=self._weights_text()))
        if self.placebo:
            p = self.placebo
            lines.append(
                _(
                    "In-space placebos: post/pre RMSPE ratio ranks {rank} of {n}, p = {p:.3f}"
                ).format(rank=p.rank, n=p.n, p=p.p_value)
            )
        if self.in_time:
            lines.append(
                _("In-time placebo at {start}: average gap {gap:.4g}, ratio {ratio:.3g}").format(
                    start=self.in_time.start, gap=self.in_time.average_gap, ratio=self.in_time.ratio
                )
            )
        lines.extend(_("Warning: {text}").format(text=d) for d in self.diagnostics)
        return "\n".join(lines)

    def _weights_text(self) -> str:
        table = self.table()
        return ", ".join(f"{r.donor} {r.weight:.3f}" for r in table.itertuples())

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
            "title": self.title,
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
            "loss": {"v": self.loss_v, "w": self.loss_w, "standard_v": self.standard_loss_v},
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
