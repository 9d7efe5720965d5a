"""An evaluation in plain words, for readers who are not evaluators.

Four parts, in the order a reader needs them: what was compared; the estimated
effect with its uncertainty in words; whether it can be told from chance (the
design's own test: the placebo p-value for a synthetic control, the 95% interval
for difference-in-differences and interrupted time series); and the cautions. The
cost of violence follows, and says that no saving can be claimed when the effect
cannot be told from chance. The page and the terminal show this first, then the
detail. Nothing here recomputes: every sentence reads the frozen result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit import formats
from ovpkit.evaluation.did import DidResult
from ovpkit.evaluation.its import ItsResult
from ovpkit.evaluation.labels import measured
from ovpkit.evaluation.results import CHANCE_P, SyntheticControlResult
from ovpkit.i18n import _, ngettext

Result = SyntheticControlResult | DidResult | ItsResult


@dataclass(frozen=True)
class PlainSummary:
    compared: str
    effect: str
    chance: str
    clear_of_chance: bool
    cautions: tuple[str, ...]
    cost: tuple[str, ...]

    def text(self) -> str:
        """The summary as lines for the terminal."""
        lines = [
            _("What was compared: {text}").format(text=self.compared),
            _("Estimated effect: {text}").format(text=self.effect),
            _("Can it be told from chance? {text}").format(text=self.chance),
        ]
        lines += [_("Caution: {text}").format(text=c) for c in self.cautions]
        lines += [_("Cost of violence: {text}").format(text=c) for c in self.cost]
        return "\n".join(lines)


def plain_summary(result: Result) -> PlainSummary:
    """The four parts for any design, in the current language."""
    if isinstance(result, SyntheticControlResult):
        compared, effect, chance = _scm(result)
    elif isinstance(result, DidResult):
        compared, effect, chance = _did(result)
    else:
        compared, effect, chance = _its(result)
    cost = getattr(result, "cost", None)
    return PlainSummary(
        compared=compared,
        effect=effect,
        chance=chance,
        clear_of_chance=result.clear_of_chance,
        cautions=tuple(result.diagnostics),
        cost=tuple(cost.summary().splitlines()) if cost is not None else (),
    )


def _direction(gap: float, size: str) -> str:
    """ "3.2 lower", "3.2 higher" or "about the same" (when the gap rounds to zero)."""
    if size.strip("0,.") == "":
        return _("about the same as")
    return (_("{size} lower than") if gap < 0 else _("{size} higher than")).format(size=size)


def _scm(result: SyntheticControlResult) -> tuple[str, str, str]:
    ranked = sorted(result.weights.items(), key=lambda kv: -kv[1])
    donors = [result.name(unit) for unit, weight in ranked if weight >= 0.01]
    start = formats.year(result.start)
    compared = _(
        "{unit}, {outcome}, from {start} on, against a synthetic control: a weighted mix of "
        "comparison units ({donors}) built to follow {unit} before {start}."
    ).format(
        unit=result.name(result.treated),
        outcome=result.outcome_name,
        start=start,
        donors=", ".join(donors),
    )
    size = measured(abs(result.average_effect))
    effect = _(
        "after {start}, {outcome} was on average {direction} the synthetic control. A "
        "synthetic control gives no confidence interval; as a yardstick, before {start} the "
        "two differed by {pre} on average (RMSPE), and gaps of that size are within the "
        "match's own error."
    ).format(
        start=start,
        outcome=result.outcome_name,
        direction=_direction(result.average_effect, size),
        pre=measured(result.pre_rmspe),
    )
    return compared, effect, _scm_chance(result)


def _scm_chance(result: SyntheticControlResult) -> str:
    if result.placebo is None:
        return _("No: without placebo runs a synthetic control cannot tell its effect from chance.")
    p = result.placebo
    shared = ngettext(
        "{rank} of {n} units (the evaluated one included) shows a gap at least as unusual",
        "{rank} of {n} units (the evaluated one included) show a gap at least as unusual",
        p.rank,
    ).format(rank=formats.count(p.rank), n=formats.count(p.n))
    verdict = (
        _("Yes. {units} (p = {p}, at most {limit}).")
        if result.clear_of_chance
        else _("No. {units} (p = {p}, above {limit}).")
    ).format(units=shared, p=formats.decimal(p.p_value, 2), limit=formats.decimal(CHANCE_P, 2))
    text = verdict
    if result.in_time is not None:
        text += " " + _(
            "With a false start in {year}, before the real one, the average gap was already {gap}."
        ).format(year=formats.year(result.in_time.start), gap=measured(result.in_time.average_gap))
    return text


def _interval_verdict(clear: bool) -> str:
    if clear:
        return _("Yes. The 95% interval leaves out no effect.")
    return _("No. The 95% interval includes no effect.")


def _did(result: DidResult) -> tuple[str, str, str]:
    n_control = result.n_units - result.n_treated
    compared = _(
        "the change in {outcome} from before to after the start in {t} treated units, "
        "against the change over the same periods in {c} units not treated."
    ).format(
        outcome=result.outcome_name,
        t=formats.count(result.n_treated),
        c=formats.count(n_control),
    )
    low, high = result.effect.interval
    effect = _(
        "{outcome} changed by {e} more in the treated units than in the others; with 95% "
        "confidence the effect lies between {lo} and {hi}."
    ).format(
        outcome=result.outcome_name,
        e=measured(result.effect.estimate),
        lo=measured(low),
        hi=measured(high),
    )
    return compared, effect, _interval_verdict(result.clear_of_chance)


def _its(result: ItsResult) -> tuple[str, str, str]:
    compared = _(
        "monthly {outcome} from {start} on, against what the trend and the seasons of the "
        "months before {start} predict."
    ).format(outcome=result.outcome_name, start=result.start)
    rr = result.rate_ratio
    effect = _(
        "at the start, {outcome} changed by {change} against that prediction; with 95% "
        "confidence the change lies between {lo} and {hi}."
    ).format(
        outcome=result.outcome_name,
        change=formats.signed_percent(rr.estimate - 1),
        lo=formats.signed_percent(rr.low - 1),
        hi=formats.signed_percent(rr.high - 1),
    )
    if result.clear_of_chance:
        effect += " " + _incidents(result)
    return compared, effect, _interval_verdict(result.clear_of_chance)


def _incidents(result: ItsResult) -> str:
    """Incidents prevented (or added), said only once the change is told from chance."""
    p = result.prevented
    fewer = p.estimate >= 0
    text = (
        _("That is about {n} incidents fewer than predicted (95% interval {lo} to {hi}).")
        if fewer
        else _("That is about {n} incidents more than predicted (95% interval {lo} to {hi}).")
    )
    sign = 1 if fewer else -1
    low, high = sorted((sign * p.low, sign * p.high))
    return text.format(
        n=formats.count(sign * p.estimate), lo=formats.count(low), hi=formats.count(high)
    )
