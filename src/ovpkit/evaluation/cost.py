"""Cost of violence and social return, with the report's figures as cited defaults.

An evaluation's effect (incidents prevented, with its interval) times a cost per
incident gives the costs avoided; divided by what the programme cost, the return
per unit spent. The interval is carried through: the low end uses the low effect
and the low cost, the high end the high ones, so the range shows both
uncertainties at once. The report gives no cost per non-fatal shooting, so that
one is an input without a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ovpkit import formats
from ovpkit.i18n import _
from ovpkit.knowledge.models import Citation, Cited


@dataclass(frozen=True)
class CostDefault:
    """A figure from the report, with where it is and its words."""

    id: str
    low: float
    high: float
    currency: str
    per: str
    source: Cited


HOMICIDE_COST_US = CostDefault(
    id="homicide-cost-us",
    low=1_500_000.0,
    high=3_000_000.0,
    currency="USD",
    per="homicide",
    source=Cited(
        citation=Citation(section="part1/resources", endnote=14),
        quote="each homicide can cost a city anywhere between $1.5 million and $3 million",
    ),
)

HOMICIDE_COST_UK = CostDefault(
    id="homicide-cost-uk-2018",
    low=3_217_740.0,
    high=3_217_740.0,
    currency="GBP",
    per="homicide",
    source=Cited(
        citation=Citation(section="endnotes", endnote=14),
        quote="in 2018, the UK government estimated that each homicide cost £3,217,740",
    ),
)

REACH_OST_RETURN = CostDefault(
    id="reach-ost-return",
    low=3.30,
    high=3.30,
    currency="USD",
    per="dollar invested",
    source=Cited(
        citation=Citation(section="part4/edmonton", endnote=61),
        quote="returning $3.30 for every $1.00 invested",
    ),
)

DEFAULTS: tuple[CostDefault, ...] = (HOMICIDE_COST_US, HOMICIDE_COST_UK, REACH_OST_RETURN)


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float

    def scaled(self, low: float, high: float) -> Interval:
        """Multiply by a cost range, keeping the extremes of every combination."""
        corners = [self.low * low, self.low * high, self.high * low, self.high * high]
        mid = self.estimate * (low + high) / 2
        return Interval(mid, min(corners), max(corners))

    def divided(self, denominator: float) -> Interval:
        return Interval(
            self.estimate / denominator, self.low / denominator, self.high / denominator
        )


@dataclass(frozen=True)
class CostResult:
    """Costs avoided; when the effect is not a finding (``caveat``), nothing is claimable.

    A saving is claimable only when the effect it comes from can be told from chance.
    Otherwise the summary, the page and the JSON say that no saving can be claimed and
    show at most the range the effect's interval allows, labelled as such: never a
    cost avoided as if it were a result.
    """

    prevented: Interval
    cost_per_incident: tuple[float, float]
    currency: str
    costs_avoided: Interval
    programme_cost: float | None
    return_per_unit: Interval | None
    basis: str  # where the cost per incident came from
    caveat: str | None = None  # why the figures are not a finding, when they are not

    @property
    def claimable(self) -> bool:
        return self.caveat is None

    @property
    def range_allowed(self) -> Interval | None:
        """Costs avoided over the effect's interval, when there is one (not a result)."""
        if self.prevented.low < self.prevented.high:
            return self.costs_avoided
        return None

    def summary(self) -> str:
        """Plain sentences in the current language, numbers through ``ovpkit.formats``."""
        if not self.claimable:
            return "\n".join(self._not_claimable())
        lines = [
            _("Incidents prevented: {n}{interval}.").format(
                n=formats.count(self.prevented.estimate), interval=_counts(self.prevented)
            ),
            _("Costs avoided: {amount}{interval}.").format(
                amount=self._money(self.costs_avoided.estimate),
                interval=self._money_range(self.costs_avoided),
            ),
        ]
        if self.return_per_unit:
            r = self.return_per_unit
            lines.append(
                _("Return per unit spent: {r}{interval}.").format(
                    r=formats.decimal(r.estimate, 2), interval=_decimals(r)
                )
            )
        return "\n".join(lines)

    def _not_claimable(self) -> list[str]:
        lines = [_("No saving can be claimed: {reason}.").format(reason=self.caveat)]
        allowed = self.range_allowed
        if allowed is not None:
            lines.append(
                _(
                    "The effect's interval allows anything from {low} to {high} in costs "
                    "avoided (a negative figure is an extra cost); this range is not a result."
                ).format(low=self._money(allowed.low), high=self._money(allowed.high))
            )
        return lines

    def _money(self, amount: float) -> str:
        if self.currency == "other":
            return formats.count(amount)
        return formats.money(amount, self.currency)

    def _money_range(self, i: Interval) -> str:
        if i.low >= i.high:
            return ""
        return " " + _("(range {low} to {high})").format(
            low=self._money(i.low), high=self._money(i.high)
        )

    def to_dict(self) -> dict[str, Any]:
        """Raw numbers; money figures only when claimable, else the range, flagged."""

        def as_dict(i: Interval | None) -> dict[str, float] | None:
            return None if i is None else {"estimate": i.estimate, "low": i.low, "high": i.high}

        allowed = self.range_allowed
        return {
            "claimable": self.claimable,
            "prevented": as_dict(self.prevented),
            "cost_per_incident": list(self.cost_per_incident),
            "currency": self.currency,
            "costs_avoided": as_dict(self.costs_avoided) if self.claimable else None,
            "range_allowed": None
            if self.claimable or allowed is None
            else {"low": allowed.low, "high": allowed.high},
            "programme_cost": self.programme_cost,
            "return_per_unit": as_dict(self.return_per_unit) if self.claimable else None,
            "basis": self.basis,
            "caveat": self.caveat,
        }


def _counts(i: Interval) -> str:
    """ " (95% interval 120 to 240)" for counts, or nothing when there is no interval."""
    if i.low >= i.high:
        return ""
    return " " + _("(95% interval {low} to {high})").format(
        low=formats.count(i.low), high=formats.count(i.high)
    )


def _decimals(i: Interval) -> str:
    if i.low >= i.high:
        return ""
    return " " + _("(range {low} to {high})").format(
        low=formats.decimal(i.low, 2), high=formats.decimal(i.high, 2)
    )


def default_cost(currency: str) -> CostDefault:
    """The report's cost per homicide for a currency (US range unless GBP)."""
    return HOMICIDE_COST_UK if currency == "GBP" else HOMICIDE_COST_US


def cost_of_violence(
    prevented: Interval,
    *,
    per_incident: float | None = None,
    currency: str = "USD",
    programme_cost: float | None = None,
    caveat: str | None = None,
) -> CostResult:
    """Costs avoided and return per unit spent, with the interval carried through.

    Money figures read as findings, so when the effect's interval includes no
    effect (or ``caveat`` gives another reason) the result says so beside them.
    """
    if per_incident is not None:
        low = high = per_incident
        basis = _("cost per incident given in the spec")
    else:
        figure = default_cost(currency)
        low, high, currency = figure.low, figure.high, figure.currency
        basis = f"{figure.source.citation.label()}: “{figure.source.quote}”"
    avoided = prevented.scaled(low, high)
    ratio = avoided.divided(programme_cost) if programme_cost else None
    if caveat is None and prevented.low <= 0 <= prevented.high and prevented.low < prevented.high:
        caveat = _("the interval of incidents prevented includes no effect")
    return CostResult(
        prevented, (low, high), currency, avoided, programme_cost, ratio, basis, caveat
    )
