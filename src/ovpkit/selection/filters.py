"""The report's four selection filters, as small parameterised, composable rules.

Three filters judge a candidate on its own (civilian leadership, stability, public
information); "diverse contexts" judges the subsample as a whole, so it runs last
over the candidates the others let in. Every filter returns a :class:`Verdict`
with the reason in plain words, so a reader sees why a city is in or out.
The ids match the ``selection_filters`` of the knowledge base. A reason is kept as an
English message with named values and read in the current language
(``ovpkit.i18n.use_language``), so one subsample prints in English, Spanish or Portuguese.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ovpkit.i18n import N_, _
from ovpkit.knowledge.models import Region
from ovpkit.selection.mapping import Candidate, Known

#: Region names as a reader sees them (translated where they are shown).
REGION_NAMES: dict[Region, str] = {
    Region.LATIN_AMERICA: N_("Latin America"),
    Region.NORTH_AMERICA: N_("North America"),
    Region.WESTERN_EUROPE: N_("Western Europe"),
    Region.OTHER: N_("other regions"),
}


@dataclass(frozen=True)
class Verdict:
    """One filter's judgement; ``passed`` is None when the filter was not applied.

    ``message`` is an English gettext message id whose ``{placeholders}`` take ``values``
    (names and numbers, kept as they are); ``words`` are values that are themselves
    messages to translate, such as a region's name.
    """

    filter: str
    passed: bool | None
    message: str
    values: tuple[tuple[str, str | int], ...] = ()
    words: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str:
        """The reason in the current language."""
        words = {key: _(word) for key, word in self.words}
        return _(self.message).format(**dict(self.values), **words)


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
            return Verdict(self.id, True, N_("under civilian leadership"))
        if candidate.civilian_led is Known.PARTIAL:
            return Verdict(self.id, False, N_("leadership only partly civilian"))
        if candidate.civilian_led is Known.NO:
            return Verdict(self.id, False, N_("led by the police or security forces"))
        return Verdict(self.id, False, N_("leadership not known: record it to include the city"))


@dataclass(frozen=True)
class Stability:
    """Offices at least ``min_age_years`` old in ``as_of``: they outlived an electoral cycle."""

    min_age_years: int = 5
    as_of: int = 2023
    id: str = "stability"

    def __call__(self, candidate: Candidate) -> Verdict:
        founded = candidate.founded
        if founded is None:
            return Verdict(self.id, False, N_("founding year not known"))
        values = (("founded", str(founded)), ("year", self.as_of))
        if founded.year > self.as_of - self.min_age_years:
            message = N_("founded {founded}: younger than {min_age} years in {year}")
            return Verdict(self.id, False, message, (*values, ("min_age", self.min_age_years)))
        if founded.exact:
            message = N_("founded {founded}: {age} years old in {year}")
        else:
            message = N_("founded {founded}: at least {age} years old in {year}")
        return Verdict(self.id, True, message, (*values, ("age", self.as_of - founded.year)))


_PUBLIC_INFORMATION = {
    Known.YES: N_("public information: yes"),
    Known.PARTIAL: N_("public information: partial"),
    Known.NO: N_("public information: no"),
}


@dataclass(frozen=True)
class PublicInformation:
    """Enough public information for independent desk research."""

    accept: frozenset[Known] = frozenset({Known.YES, Known.PARTIAL})
    id: str = "public-information"

    def __call__(self, candidate: Candidate) -> Verdict:
        value = candidate.public_information
        if value is Known.UNKNOWN:
            message = N_("not known whether information is public")
            return Verdict(self.id, value in self.accept, message)
        return Verdict(self.id, value in self.accept, _PUBLIC_INFORMATION[value])


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
            return Verdict(self.id, False, N_("region not known: cannot judge diversity"))
        if candidate.city in kept:
            message = N_("another office of {city}, already kept")
            return Verdict(self.id, True, message, (("city", candidate.city),))
        country = ("country", candidate.country)
        if len(kept) >= self.max_cities_per_country:
            message = N_("{country} already has {n} cities in the subsample")
            return Verdict(self.id, False, message, (country, ("n", len(kept))))
        kept.append(candidate.city)
        region = (("region", REGION_NAMES[candidate.region]),)
        return Verdict(self.id, True, N_("adds {country} ({region})"), (country,), region)


@dataclass(frozen=True)
class FilterSet:
    """The filters to apply, in order; the defaults are the report's."""

    candidate_filters: tuple[CandidateFilter, ...] = field(
        default_factory=lambda: (CivilianLeadership(), Stability(), PublicInformation())
    )
    diversity: DiverseContexts = field(default_factory=DiverseContexts)
