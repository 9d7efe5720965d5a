"""From a mapping database to the subsample, with the reason for every decision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ovpkit.i18n import N_
from ovpkit.selection.filters import FilterSet, Verdict
from ovpkit.selection.mapping import Candidate


@dataclass(frozen=True)
class Decision:
    candidate: Candidate
    verdicts: tuple[Verdict, ...]

    @property
    def selected(self) -> bool:
        return all(v.passed is True for v in self.verdicts)

    @property
    def kept_out_by(self) -> tuple[str, ...]:
        return tuple(v.filter for v in self.verdicts if v.passed is False)


@dataclass(frozen=True)
class Subsample:
    decisions: tuple[Decision, ...]

    @property
    def selected(self) -> tuple[Candidate, ...]:
        return tuple(d.candidate for d in self.decisions if d.selected)

    def regions_covered(self) -> dict[str, int]:
        """Selected cities per region: what "diverse contexts" reports."""
        cities = {(c.region.value if c.region else "unknown", c.city) for c in self.selected}
        return dict(sorted(Counter(region for region, _city in cities).items()))

    def countries(self) -> dict[str, int]:
        cities = {(c.country, c.city) for c in self.selected}
        return dict(sorted(Counter(country for country, _city in cities).items()))


def select_subsample(
    candidates: Sequence[Candidate], filters: FilterSet | None = None
) -> Subsample:
    """Apply every filter to every candidate; diversity runs over those the others let in."""
    filters = filters or FilterSet()
    individual = [tuple(f(c) for f in filters.candidate_filters) for c in candidates]
    passing = [i for i, verdicts in enumerate(individual) if all(v.passed for v in verdicts)]
    diversity = filters.diversity.judge([candidates[i] for i in passing])
    by_candidate = {i: diversity[position] for position, i in enumerate(passing)}
    skipped = Verdict(
        filters.diversity.id, None, N_("not considered: kept out by an earlier filter")
    )
    decisions = tuple(
        Decision(candidate, (*individual[i], by_candidate.get(i, skipped)))
        for i, candidate in enumerate(candidates)
    )
    return Subsample(decisions)
