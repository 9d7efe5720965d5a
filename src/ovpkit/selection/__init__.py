"""Part 2 of the report: the mapping database, the four filters, the subsample."""

from ovpkit.selection.filters import (
    CandidateFilter,
    CivilianLeadership,
    DiverseContexts,
    FilterSet,
    PublicInformation,
    Stability,
    Verdict,
)
from ovpkit.selection.mapping import Candidate, Founded, Known, Source, read_mapping
from ovpkit.selection.subsample import Decision, Subsample, select_subsample

__all__ = [
    "Candidate",
    "CandidateFilter",
    "CivilianLeadership",
    "Decision",
    "DiverseContexts",
    "FilterSet",
    "Founded",
    "Known",
    "PublicInformation",
    "Source",
    "Stability",
    "Subsample",
    "Verdict",
    "read_mapping",
    "select_subsample",
]
