"""Charts of evaluation results (matplotlib, Agg backend): SVG or PNG.

Each function takes a frozen result and returns a figure; :func:`figures` picks
the charts that fit a result and :func:`save` writes them. Nothing is recomputed.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from matplotlib.typing import RcKeyType  # noqa: E402

from ovpkit import formats  # noqa: E402
from ovpkit.evaluation.did import DidResult  # noqa: E402
from ovpkit.evaluation.its import ItsResult  # noqa: E402
from ovpkit.evaluation.results import SyntheticControlResult  # noqa: E402
from ovpkit.i18n import _  # noqa: E402
from ovpkit.publish.svg import GROWTH, MIN_TEXT, PHONE_WIDTH  # noqa: E402

TREATED, SYNTHETIC, PLACEBO = "#1b4f72", "#c0392b", "#b3b6b7"
#: A phone's column in inches (an SVG point is a unit of its viewBox): the chart is
#: drawn at that width, so ``MIN_TEXT``-point text reads ``MIN_TEXT`` px on a phone.
#: Tick labels are made and laid out when the figure is drawn, so this holds for the
#: whole life of a figure, from ``figures`` to ``svg``.
READABLE: dict[RcKeyType, Any] = {
    "font.size": MIN_TEXT,
    "axes.titlesize": MIN_TEXT + 1,
    "axes.labelsize": MIN_TEXT,
    "xtick.labelsize": MIN_TEXT,
    "ytick.labelsize": MIN_TEXT,
    "legend.fontsize": MIN_TEXT,
    "svg.fonttype": "none",  # text stays text: readable by screen readers, searchable
}
FIGSIZE = (PHONE_WIDTH * 0.92 / 72, 3.4)  # tight bounding box adds the labels around it


def _axes(title: str) -> tuple[Figure, Any]:
    """A figure whose value axis reads in the reader's language ("0,5" in Spanish)."""
    fig, ax = plt.subplots(figsize=FIGSIZE, dpi=100)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: formats.number(value)))
    ax.set_title(title, loc="left", wrap=True)
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
    ax.legend(frameon=False)
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
    ax.legend(frameon=False)
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
    ax.set_xticks(ticks, [str(result.observed.index[i]) for i in ticks], rotation=45)
    ax.set_ylabel(result.outcome_name)
    ax.legend(frameon=False)
    return fig


def figures(result: SyntheticControlResult | DidResult | ItsResult) -> dict[str, Figure]:
    with matplotlib.rc_context(READABLE):
        return _figures(result)


def _figures(result: SyntheticControlResult | DidResult | ItsResult) -> dict[str, Figure]:
    if isinstance(result, SyntheticControlResult):
        return {"paths": paths(result), "gaps": gaps(result)}
    if isinstance(result, DidResult):
        return {"event_study": event_study(result)} if len(result.event_study) else {}
    return {"series": its_series(result)}


def save(fig: Figure, path: Path) -> Path:
    with matplotlib.rc_context(READABLE):
        fig.savefig(path, bbox_inches="tight")
    plt.close(fig)
    return path


def svg(fig: Figure) -> str:
    """The figure as inline SVG text (for the HTML report)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(READABLE):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return scalable(text[text.index("<svg") :])


def scalable(svg_text: str) -> str:
    """matplotlib's fixed ``width="…pt" height="…pt"`` made to follow the page's column.

    The viewBox stays; the chart is drawn at 100 % of the column, no wider than
    ``GROWTH`` times its own size, and keeps its proportions (report.css: height auto).
    """
    head, rest = svg_text.split(">", 1)
    found = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', head)
    width = float(found.group(1)) if found else PHONE_WIDTH
    head = re.sub(r'\s(width|height)="[\d.]+pt"', "", head)
    return f'{head} width="100%" style="max-width:{width * GROWTH:.0f}px">{rest}'
