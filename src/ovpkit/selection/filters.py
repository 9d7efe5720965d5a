"""The report's four selection filters, as small parameterised, composable rules.

Three filters judge a candidate on its own (civilian leadership, stability, public
information); "diverse contexts" judges the subsample as a whole, so it runs last
over the candidates the others let in. Every filter returns a :class:`Verdict`
with the reason in plain words, so a reader sees why a city is in or out.
The ids match the ``selection_filters`` of the knowledge base.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ovpkit.selection.mapping import Candidate, Known


@dataclass(frozen=True)
class Verdict:
    """One filter's judgement; ``passed`` is None when the filter was not applied."""

    filter: str
    passed: bool | None
    reason: str


class CandidateFilter(Protocol):
    """A filter that judges one candidate on its own."""

    @property
    def id(self) -> str: ...

    def __call__(self, candidate: Candidate) -> Verdict: ...


@dataclass(frozen=True)
class CivilianLeadership:
    """Offices under civilian control, not under considerable police influence."""

    id: str = "civilian-leadership"

    def __call__(self, candidate: Candidate) -> Verdict:
        if candidate.civilian_led is Known.YES:
            return Verdict(self.id, True, "under civilian leadership")
        if candidate.civilian_led is Known.PARTIAL:
            return Verdict(self.id, False, "leadership only partly civilian")
        if candidate.civilian_led is Known.NO:
            return Verdict(self.id, False, "led by the police or security forces")
        return Verdict(self.id, False, "leadership not known: record it to include the city")


@dataclass(frozen=True)
class Stability:
    """Offices at least ``min_age_years`` old in ``as_of``: they outlived an electoral cycle."""

    min_age_years: int = 5
    as_of: int = 2023
    id: str = "stability"

    def __call__(self, candidate: Candidate) -> Verdict:
        founded = candidate.founded
        if founded is None:
            return Verdict(self.id, False, "founding year not known")
        latest = self.as_of - self.min_age_years
        age = self.as_of - founded.year
        if founded.year <= latest:
            how_old = f"{age} years old" if founded.exact else f"at least {age} years old"
            return Verdict(self.id, True, f"founded {founded}: {how_old} in {self.as_of}")
        return Verdict(
            self.id,
            False,
            f"founded {founded}: younger than {self.min_age_years} years in {self.as_of}",
        )


@dataclass(frozen=True)
class PublicInformation:
    """Enough public information for independent desk research."""

    accept: frozenset[Known] = frozenset({Known.YES, Known.PARTIAL})
    id: str = "public-information"

    def __call__(self, candidate: Candidate) -> Verdict:
        value = candidate.public_information
        if value in self.accept:
            return Verdict(self.id, True, f"public information: {value.value}")
        if value is Known.UNKNOWN:
            return Verdict(self.id, False, "not known whether information is public")
        return Verdict(self.id, False, f"public information: {value.value}")


@dataclass(frozen=True)
class DiverseContexts:
    """Keep the subsample varied: at most ``max_cities_per_country`` cities per country.

    Within a country, candidates named by more mapping sources come first, then the
    order of the file. A candidate without a region cannot be placed and is left out.
    """

    max_cities_per_country: int = 4
    id: str = "diverse-contexts"

    def judge(self, candidates: Sequence[Candidate]) -> dict[int, Verdict]:
        """Verdicts keyed by the candidate's position in ``candidates``."""
        verdicts: dict[int, Verdict] = {}
        cities: dict[str, list[str]] = defaultdict(list)
        order = sorted(range(len(candidates)), key=lambda i: (-len(candidates[i].sources), i))
        for i in order:
            candidate = candidates[i]
            verdicts[i] = self._judge_one(candidate, cities[candidate.country])
        return verdicts

    def _judge_one(self, candidate: Candidate, kept: list[str]) -> Verdict:
        if candidate.region is None:
            return Verdict(self.id, False, "region not known: cannot judge diversity")
        if candidate.city in kept:
            return Verdict(self.id, True, f"another office of {candidate.city}, already kept")
        if len(kept) >= self.max_cities_per_country:
            return Verdict(
                self.id,
                False,
                f"{candidate.country} already has {len(kept)} cities in the subsample",
            )
        kept.append(candidate.city)
        return Verdict(self.id, True, f"adds {candidate.country} ({candidate.region.value})")


@dataclass(frozen=True)
class FilterSet:
    """The filters to apply, in order; the defaults are the report's."""

    candidate_filters: tuple[CandidateFilter, ...] = field(
        default_factory=lambda: (CivilianLeadership(), Stability(), PublicInformation())
    )
    diversity: DiverseContexts = field(default_factory=DiverseContexts)
