"""An evaluation as one self-contained HTML page (Jinja2, charts inline as SVG)."""

from __future__ import annotations

from importlib import resources

import pandas as pd
from jinja2 import Environment, select_autoescape

from ovpkit.evaluation import plots
from ovpkit.evaluation.did import DidResult
from ovpkit.evaluation.its import ItsResult
from ovpkit.evaluation.results import SyntheticControlResult
from ovpkit.i18n import _, current_language

Result = SyntheticControlResult | DidResult | ItsResult


def _html_table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, float_format=lambda x: f"{x:.4g}", border=0)


def _cards(result: Result) -> list[tuple[str, str]]:
    if isinstance(result, SyntheticControlResult):
        cards = [
            (_("Average effect"), f"{result.average_effect:.3g}"),
            (_("Pre-period RMSPE"), f"{result.pre_rmspe:.3g}"),
            (_("Loss of the weights"), f"{result.loss_v:.4g}"),
        ]
        if result.placebo:
            p = result.placebo
            cards.append((_("Placebo rank (p)"), f"{p.rank}/{p.n} ({p.p_value:.3f})"))
        return cards
    if isinstance(result, DidResult):
        low, high = result.effect.interval
        return [
            (_("Average effect"), f"{result.effect.estimate:.3g}"),
            (_("95% interval"), _("{low} to {high}").format(low=f"{low:.3g}", high=f"{high:.3g}")),
            (_("Treated units"), f"{result.n_treated} / {result.n_units}"),
        ]
    rr = result.rate_ratio
    return [
        (_("Rate ratio"), f"{rr.estimate:.3f}"),
        (
            _("95% interval"),
            _("{low} to {high}").format(low=f"{rr.low:.3f}", high=f"{rr.high:.3f}"),
        ),
        (_("Incidents prevented"), f"{result.prevented.estimate:.0f}"),
    ]


def _tables(result: Result) -> list[tuple[str, str]]:
    if isinstance(result, SyntheticControlResult):
        tables = [(_("Donor weights"), _html_table(result.table()))]
        balance = result.balance.reset_index(names=_("predictor"))
        tables.append((_("Predictor balance"), _html_table(balance)))
        if result.placebo:
            rows = [
                (u.unit, u.pre_rmspe, u.post_rmspe, u.ratio, u.kept) for u in result.placebo.units
            ]
            frame = pd.DataFrame(rows, columns=["unit", "pre RMSPE", "post RMSPE", "ratio", "kept"])
            top = frame.sort_values("ratio", ascending=False).head(15)
            tables.append((_("Largest post/pre RMSPE ratios"), _html_table(top)))
        return tables
    if isinstance(result, DidResult):
        return (
            [(_("Event study"), _html_table(result.event_study))] if len(result.event_study) else []
        )
    return []


def render_html(result: Result) -> str:
    """The page: headline numbers, warnings, charts, tables and the text summary."""
    template_text = (
        resources.files("ovpkit.evaluation") / "templates" / "evaluation.html"
    ).read_text(encoding="utf-8")
    env = Environment(autoescape=select_autoescape(default=True))
    template = env.from_string(template_text)
    charts = [(name, plots.svg(fig)) for name, fig in plots.figures(result).items()]
    title = result.title or _("Impact evaluation")
    lead = {
        "synthetic_control": _("Synthetic control with placebo inference"),
        "did": _("Difference-in-differences"),
        "its": _("Interrupted time series"),
    }[result.design]
    cost = getattr(result, "cost", None)
    return template.render(
        lang=current_language(),
        title=title,
        lead=lead,
        cards=_cards(result),
        diagnostics=result.diagnostics,
        charts=charts,
        tables=_tables(result),
        summary_heading=_("Summary"),
        summary=result.summary() + ("\n" + cost.summary() if cost else ""),
        footer=_("Made with ovpkit evaluate."),
    )
