"""Charts of evaluation results (matplotlib, Agg backend): SVG or PNG.

Each function takes a frozen result and returns a figure; :func:`figures` picks
the charts that fit a result and :func:`save` writes them. Nothing is recomputed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from ovpkit import formats  # noqa: E402
from ovpkit.evaluation.did import DidResult  # noqa: E402
from ovpkit.evaluation.its import ItsResult  # noqa: E402
from ovpkit.evaluation.results import SyntheticControlResult  # noqa: E402
from ovpkit.i18n import _  # noqa: E402

TREATED, SYNTHETIC, PLACEBO = "#1b4f72", "#c0392b", "#b3b6b7"


def _axes(title: str) -> tuple[Figure, Any]:
    """A figure whose value axis reads in the reader's language ("0,5" in Spanish)."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2), dpi=100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: formats.number(value)))
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", alpha=0.3)
    return fig, ax


def paths(result: SyntheticControlResult) -> Figure:
    """The treated unit and its synthetic control, with the start marked."""
    fig, ax = _axes(_("{unit}: observed and synthetic").format(unit=result.name(result.treated)))
    ax.plot(
        result.treated_path.index,
        result.treated_path,
        color=TREATED,
        lw=2,
        label=result.name(result.treated),
    )
    ax.plot(
        result.synthetic_path.index,
        result.synthetic_path,
        color=SYNTHETIC,
        lw=2,
        ls="--",
        label=_("synthetic {unit}").format(unit=result.name(result.treated)),
    )
    ax.axvline(result.start - 0.5, color="black", lw=0.8, ls=":")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: formats.year(value)))
    ax.set_ylabel(result.outcome_name)
    ax.legend(frameon=False, fontsize=9)
    return fig


def gaps(result: SyntheticControlResult) -> Figure:
    """Gap of the treated unit (dark) against the placebo gaps (grey)."""
    fig, ax = _axes(_("Gap: observed minus synthetic, with in-space placebos"))
    if result.placebo is not None:
        kept = {u.unit for u in result.placebo.units if u.kept}
        for unit in result.placebo.gaps.columns:
            if unit in kept:
                ax.plot(
                    result.placebo.gaps.index,
                    result.placebo.gaps[unit],
                    color=PLACEBO,
                    lw=0.7,
                    alpha=0.6,
                )
    ax.plot(
        result.gaps.index, result.gaps, color=TREATED, lw=2.2, label=result.name(result.treated)
    )
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(result.start - 0.5, color="black", lw=0.8, ls=":")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: formats.year(value)))
    ax.set_ylabel(_("gap in {outcome}").format(outcome=result.outcome_name))
    ax.legend(frameon=False, fontsize=9)
    return fig


def event_study(result: DidResult) -> Figure:
    """Average effect by years since adoption, with 95% intervals."""
    fig, ax = _axes(_("Event study: effect by time since adoption"))
    es = result.event_study
    if "low" in es.columns:  # bands given by the estimator (Sun & Abraham)
        yerr = np.vstack([es["att"] - es["low"], es["high"] - es["att"]])
    else:
        yerr = 1.96 * es["se"].to_numpy()
    ax.errorbar(es["event_time"], es["att"], yerr=yerr, fmt="o", color=TREATED, capsize=3, lw=1.2)
    ax.axhline(0, color="black", lw=0.6)
    ax.axvline(-0.5, color="black", lw=0.8, ls=":")
    ax.set_xlabel(_("periods since adoption"))
    ax.set_ylabel(result.outcome_name)
    return fig


def its_series(result: ItsResult) -> Figure:
    """Observed counts, the fitted model and the counterfactual without the change."""
    fig, ax = _axes(_("Monthly counts, fit and counterfactual"))
    x = range(len(result.observed))
    ax.plot(x, result.observed.to_numpy(), color=PLACEBO, lw=1, marker=".", label=_("observed"))
    ax.plot(x, result.fitted.to_numpy(), color=TREATED, lw=2, label=_("fitted"))
    ax.plot(
        x,
        result.counterfactual.to_numpy(),
        color=SYNTHETIC,
        lw=1.5,
        ls="--",
        label=_("counterfactual"),
    )
    start = list(result.observed.index).index(result.start)
    ax.axvline(start - 0.5, color="black", lw=0.8, ls=":")
    ticks = list(range(0, len(result.observed), 12))
    ax.set_xticks(ticks, [result.observed.index[i] for i in ticks], fontsize=8)
    ax.set_ylabel(result.outcome_name)
    ax.legend(frameon=False, fontsize=9)
    return fig


def figures(result: SyntheticControlResult | DidResult | ItsResult) -> dict[str, Figure]:
    if isinstance(result, SyntheticControlResult):
        return {"paths": paths(result), "gaps": gaps(result)}
    if isinstance(result, DidResult):
        return {"event_study": event_study(result)} if len(result.event_study) else {}
    return {"series": its_series(result)}


def save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def svg(fig: Figure) -> str:
    """The figure as inline SVG text (for the HTML report)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]
