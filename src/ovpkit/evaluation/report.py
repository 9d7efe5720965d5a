"""An evaluation as one self-contained HTML page (shared layout, charts inline as SVG).

The page reads as a reader needs it: the plain-language summary first (what was
compared, the effect and its uncertainty in words, whether it can be told from
chance, the cautions, the cost of violence), then the headline numbers, the charts
and the detail for evaluators. Technical terms keep their names and carry a plain
line each. Every number goes through :mod:`ovpkit.formats`; every column and code
through :mod:`ovpkit.evaluation.labels`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Real

import pandas as pd

from ovpkit import formats
from ovpkit.evaluation import plots
from ovpkit.evaluation.cost import Interval
from ovpkit.evaluation.did import DidResult
from ovpkit.evaluation.its import ItsResult
from ovpkit.evaluation.labels import label, measured, term, yes_no
from ovpkit.evaluation.plain import plain_summary
from ovpkit.evaluation.results import SyntheticControlResult
from ovpkit.i18n import _, current_language
from ovpkit.publish.render import render_page

Result = SyntheticControlResult | DidResult | ItsResult

#: Terms each design's page uses, in the order they first appear.
TERMS = {
    "synthetic_control": (
        "synthetic",
        "rmspe",
        "loss",
        "placebo",
        "p_value",
        "in_time",
        "v_search",
        "predictor",
    ),
    "did": ("interval",),
    "its": ("rate_ratio", "interval"),
}


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    help: str = ""


@dataclass(frozen=True)
class TableView:
    """A table as readers see it: translated headers, formatted cells."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


def _view(
    heading: str,
    frame: pd.DataFrame,
    cells: Mapping[str, Callable[[object], str]],
    note: str = "",
) -> TableView:
    """Headers through :func:`label`, each cell through its column's formatter."""
    columns = tuple(label(str(c)) for c in frame.columns)
    rows = tuple(
        tuple(cells.get(str(c), str)(v) for c, v in zip(frame.columns, row, strict=True))
        for row in frame.itertuples(index=False)
    )
    return TableView(heading, columns, rows, note)


def _float(value: object) -> float:
    return float(value) if isinstance(value, Real) else float("nan")


def _measured(value: object) -> str:
    return measured(_float(value))


def _weight(value: object) -> str:
    return formats.decimal(_float(value), 3)


def _ratio(value: object) -> str:
    return formats.decimal(_float(value), 2)


def _count(value: object) -> str:
    return formats.count(_float(value))


def predictor_label(name: str, result: SyntheticControlResult) -> str:
    """ "homicide_rate 2003–2006 every 2" with the outcome's name and the words translated."""
    if name.startswith(result.outcome + " "):
        name = result.outcome_name + name[len(result.outcome) :]
    return re.sub(
        r" every (\d+)$", lambda m: " " + _("every {n} periods").format(n=m.group(1)), name
    )


def _cards(result: Result) -> list[Card]:
    if isinstance(result, SyntheticControlResult):
        return _scm_cards(result)
    if isinstance(result, DidResult):
        low, high = result.effect.interval
        cards = [Card(_("Average effect"), measured(result.effect.estimate), result.outcome_name)]
        if low < high:
            interval = _("{low} to {high}").format(low=measured(low), high=measured(high))
            cards.append(Card(_("95% interval"), interval, term("interval")[1]))
        treated = _("{t} of {n}").format(
            t=formats.count(result.n_treated), n=formats.count(result.n_units)
        )
        return [*cards, Card(_("Treated units"), treated)]
    return _its_cards(result)


def _scm_cards(result: SyntheticControlResult) -> list[Card]:
    cards = [
        Card(
            _("Average effect"),
            measured(result.average_effect),
            _("{outcome}, evaluated unit minus synthetic control").format(
                outcome=result.outcome_name
            ),
        )
    ]
    if result.placebo:
        p = result.placebo
        value = _("{p} (rank {rank} of {n})").format(
            p=formats.decimal(p.p_value, 2), rank=formats.count(p.rank), n=formats.count(p.n)
        )
        cards.append(Card(_("Placebo p-value"), value, term("p_value")[1]))
    cards.append(Card(_("Pre-period RMSPE"), measured(result.pre_rmspe), term("rmspe")[1]))
    cards.append(Card(_("Loss of the weights"), measured(result.loss_v), term("loss")[1]))
    return cards


def _its_cards(result: ItsResult) -> list[Card]:
    rr = result.rate_ratio
    cards = [Card(_("Rate ratio"), formats.decimal(rr.estimate, 3), term("rate_ratio")[1])]
    if rr.low < rr.high:
        interval = _("{low} to {high}").format(
            low=formats.decimal(rr.low, 3), high=formats.decimal(rr.high, 3)
        )
        cards.append(Card(_("95% interval"), interval, term("interval")[1]))
    if result.clear_of_chance:
        p = result.prevented
        cards.append(Card(_("Incidents prevented"), formats.count(p.estimate), _count_range(p)))
    return cards


def _count_range(i: Interval) -> str:
    if i.low >= i.high:
        return ""
    return _("95% interval {low} to {high}").format(
        low=formats.count(i.low), high=formats.count(i.high)
    )


def _tables(result: Result) -> list[TableView]:
    if isinstance(result, SyntheticControlResult):
        return _scm_tables(result)
    if isinstance(result, DidResult) and len(result.event_study):
        es = result.event_study
        cells = {"event_time": _count, "att": _measured, "se": _measured}
        note = ""
        if "low" in es.columns:  # Sun & Abraham: the bands pyfixest gives
            cells |= {"low": _measured, "high": _measured}
            note = _(
                "Sun & Abraham (2021) interaction-weighted event study: each group of units "
                "adopting in the same period is compared with never-treated units, then "
                "averaged by group size; the period before adoption is the reference (0)"
            )
        return [_view(_("Event study"), es, cells, note)]
    return []


def _scm_tables(result: SyntheticControlResult) -> list[TableView]:
    tables = [_view(_("Donor weights"), result.table(), {"weight": _weight})]
    balance = result.balance.reset_index(names="predictor")
    balance["predictor"] = [predictor_label(str(n), result) for n in balance["predictor"]]
    cells = {c: _measured for c in ("treated", "synthetic", "donor mean")}
    tables.append(_view(_("Predictor balance"), balance, cells, term("predictor")[1]))
    if result.placebo:
        tables.append(_placebo_table(result))
    if result.conformal:
        tables.append(_conformal_table(result))
    return tables


def _conformal_table(result: SyntheticControlResult) -> TableView:
    """The effect in each post-period with its conformal interval (CWZ 2021)."""
    frame = pd.DataFrame(
        [(c.period, c.estimate, c.low, c.high) for c in result.conformal],
        columns=["period", "att", "interval low", "interval high"],
    )
    cells: dict[str, Callable[[object], str]] = {
        "period": lambda v: formats.year(int(v)),  # type: ignore[call-overload]
        "att": _measured,
        "interval low": _measured,
        "interval high": _measured,
    }
    level = formats.percent(1 - (result.conformal_alpha or 0.1), 0)
    note = _(
        "Conformal {level} interval for the effect in each period (Chernozhukov, Wüthrich & "
        "Zhu 2021): the effects the period's gap is compatible with, judged against the "
        "gaps before the start, with weights fitted to the outcome alone as in the paper; "
        "valid only as far as the fit before the start is good"
    ).format(level=level)
    return _view(_("Effect by period, with conformal intervals"), frame, cells, note)


def _placebo_table(result: SyntheticControlResult) -> TableView:
    assert result.placebo is not None
    rows = [
        (result.name(u.unit), u.pre_rmspe, u.post_rmspe, u.ratio, u.kept)
        for u in result.placebo.units
    ]
    frame = pd.DataFrame(rows, columns=["unit", "pre RMSPE", "post RMSPE", "ratio", "kept"])
    top = frame.sort_values("ratio", ascending=False).head(15)
    cells: dict[str, Callable[[object], str]] = {
        "pre RMSPE": _measured,
        "post RMSPE": _measured,
        "ratio": _ratio,
        "kept": lambda v: yes_no(bool(v)),
    }
    note = term("placebo")[1]
    return _view(_("Largest post/pre RMSPE ratios"), top, cells, note)


def glossary(result: Result) -> list[tuple[str, str]]:
    """The technical terms of this page, each with its plain line."""
    return [term(code) for code in TERMS[result.design]]


def render_html(result: Result) -> str:
    """The page: plain summary, headline numbers, charts, glossary, detail tables."""
    charts = [plots.svg(fig) for fig in plots.figures(result).values()]
    context = {
        "title": result.heading or _("Impact evaluation"),
        "lead": label(result.design),
        "plain": plain_summary(result),
        "cards": _cards(result),
        "charts": charts,
        "terms": glossary(result),
        "tables": _tables(result),
        "detail": result.summary().splitlines(),
        "basis": _basis(result),
    }
    return render_page(
        "evaluation.html", context, lang=current_language(), extra_packages=("ovpkit.evaluation",)
    )


def _basis(result: Result) -> Sequence[str]:
    cost = getattr(result, "cost", None)
    return [cost.basis] if cost is not None else []
