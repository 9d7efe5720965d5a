"""How alike two offices' contexts are: the reasons a peer fits, in the report's terms.

The report compares offices along a few lines of context: US and non-US offices differ
in mandate, place in government and police (Part 2, "general differences between US and
non-US offices"); the region; the office model; whether the city controls its police;
the funding mix; and whether an office exists at all (Bristol and Rosario had none).
Each line an office shares with the assessed one is a reason to show its practices;
the US/non-US line weighs double because the report draws it explicitly. City size is
not used: the knowledge base does not record the peers' populations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ovpkit.assessment.answers import Answer
from ovpkit.i18n import N_
from ovpkit.knowledge.models import Office, OfficeStatus, PoliceJurisdiction

#: One label per reason code, shown as "chosen because ...".
REASON_LABELS = {
    "tags": N_("it shows how to take your open steps"),
    "also_us": N_("also a US office"),
    "also_non_us": N_("also outside the United States"),
    "same_region": N_("same region"),
    "same_model": N_("same office model"),
    "police_city": N_("its city also controls the police"),
    "police_other": N_("its police also answer to another government"),
    "shared_funding": N_("a similar funding mix"),
    "also_active": N_("also an established office"),
    "also_no_office": N_("also without an office yet"),
}

#: How much each shared line of context weighs (the report's own US/non-US split: 2).
WEIGHTS = {"also_us": 2, "also_non_us": 2}


@dataclass(frozen=True)
class PeerContext:
    """The assessed office's context, read once from its answers (None: not answered)."""

    united_states: bool | None = None
    region: str | None = None
    model: str | None = None
    city_police: bool | None = None
    sources: frozenset[str] = frozenset()
    active: bool | None = None

    @classmethod
    def from_answers(cls, answers: Mapping[str, Answer]) -> PeerContext:
        def value(qid: str) -> object:
            answer = answers.get(qid)
            return answer.value if answer is not None else None

        us, police, status = (
            value("context.united_states"),
            value("context.police_jurisdiction"),
            value("context.office_status"),
        )
        sources = value("budget.sources")
        return cls(
            united_states=None if us not in ("yes", "no") else us == "yes",
            region=str(value("context.region")) if value("context.region") else None,
            model=str(value("context.office_model")) if value("context.office_model") else None,
            city_police=None if not isinstance(police, str) else police == "municipal",
            sources=frozenset(sources) if isinstance(sources, tuple) else frozenset(),
            active=None if not isinstance(status, str) else status == "active",
        )


def shared_context(context: PeerContext, office: Office) -> tuple[str, ...]:
    """The reason codes of the lines of context the peer office shares (best first)."""
    reasons: list[str] = []
    if context.united_states is not None and context.united_states == office.in_united_states:
        reasons.append("also_us" if context.united_states else "also_non_us")
    if context.region and context.region == office.region.value:
        reasons.append("same_region")
    if context.model and office.model is not None and context.model == office.model.value:
        reasons.append("same_model")
    police = office.police_jurisdiction
    if context.city_police is not None and police is not None:
        city_controls = police is PoliceJurisdiction.MUNICIPAL
        if context.city_police == city_controls:
            reasons.append("police_city" if city_controls else "police_other")
    if context.sources & {s.value for s in office.funding_sources}:
        reasons.append("shared_funding")
    if context.active is not None and context.active == (office.status is OfficeStatus.ACTIVE):
        reasons.append("also_active" if context.active else "also_no_office")
    return tuple(reasons)


def similarity(reasons: tuple[str, ...]) -> int:
    return sum(WEIGHTS.get(r, 1) for r in reasons)
