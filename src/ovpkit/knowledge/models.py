"""The report as typed records.

Every record taken from the report is :class:`Cited`: it carries a citation
(section key, endnote where there is one) and a short verbatim quote that a test
finds in the report text. Records are frozen: the knowledge base is read, never
edited in memory.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    field_validator,
    model_validator,
)

from ovpkit.i18n import N_, _
from ovpkit.knowledge.sections import SECTION_KEYS, SECTION_TITLES

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")]
CriterionId = Annotated[int, Field(ge=1, le=9)]
Quote = Annotated[str, StringConstraints(min_length=12, max_length=320, strip_whitespace=True)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Record):
    """Where in the report a record comes from."""

    section: str
    endnote: int | None = Field(default=None, ge=1, le=63)

    @field_validator("section")
    @classmethod
    def _known_section(cls, value: str) -> str:
        if value not in SECTION_KEYS:
            known = ", ".join(sorted(SECTION_KEYS))
            raise ValueError(
                _("unknown section '{section}'; use one of: {known}").format(
                    section=value, known=known
                )
            )
        return value

    @computed_field  # type: ignore[prop-decorator]
    @property
    def title(self) -> str:
        """The section heading as a reader finds it in the report."""
        return SECTION_TITLES[self.section]

    def label(self) -> str:
        """The citation as a reader sees it: section title, and endnote if any."""
        return f"{self.title}, endnote {self.endnote}" if self.endnote else self.title


class Cited(Record):
    citation: Citation
    quote: Quote


# --- enumerations used across the framework -------------------------------------------


class Region(StrEnum):
    LATIN_AMERICA = "latin_america"
    NORTH_AMERICA = "north_america"
    WESTERN_EUROPE = "western_europe"
    OTHER = "other"


class OfficeModelId(StrEnum):
    MAYOR_OFFICE = "mayor_office"  # centralised under the mayor or city manager
    LINE_DEPARTMENT = "line_department"  # e.g. a public-health department or a secretariat
    INDEPENDENT_COUNCIL = "independent_council"  # "local prevention system" with a board
    MIXED_COALITION = "mixed_coalition"  # public agencies and civil society as equals


class PoliceJurisdiction(StrEnum):
    MUNICIPAL = "municipal"
    STATE = "state"  # state, provincial or regional
    NATIONAL = "national"


class FundingSourceId(StrEnum):
    MUNICIPAL = "municipal"
    REGIONAL = "regional"  # regional, state or provincial
    NATIONAL = "national"  # national or federal
    INTERNATIONAL_DONOR = "international_donor"
    PRIVATE = "private"
    VOTER_APPROVED_TAX = "voter_approved_tax"


class PreventionLevelId(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    TERTIARY = "tertiary"


class OfficeStatus(StrEnum):
    ACTIVE = "active"
    PROPOSED = "proposed"  # e.g. the Bristol Violence Prevention Coalition
    NONE = "none"  # no office yet (e.g. Rosario)


class FactKind(StrEnum):
    BUDGET = "budget"
    STAFF = "staff"
    PARTNERS = "partners"
    GOAL = "goal"
    PROGRAM = "program"
    RESULT = "result"
    EVALUATION = "evaluation"
    CONTEXT = "context"  # homicide counts and rates, population, violence drivers
    COST = "cost"  # cost of violence
    GOVERNANCE = "governance"  # model, reporting line, board, police relations
    FOUNDING = "founding"
    POPULATION = "population"  # focus population of an office
    PREVENTION = "prevention"  # prevention levels an office applies
    DIAGNOSIS = "diagnosis"
    COMMUNICATION = "communication"
    GUIDE = "guide"  # a rule of thumb the report cites (e.g. 15% for data and evaluation)


class Unit(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    PER_100K = "per_100k"
    USD = "usd"
    GBP = "gbp"
    YEARS = "years"
    RATIO = "ratio"  # e.g. dollars returned per dollar invested
    PEOPLE = "people"
    DAYS = "days"
    PERCENTAGE_POINTS = "percentage_points"


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    UP_TO = "up_to"
    RANGE = "range"  # value .. value_high


#: One translatable label per code, kept with the code: show ``_(LABELS[code])``, never
#: the code. Where the knowledge base has a record for the code (framework.yaml), its
#: ``name`` is this same label (a test keeps them equal).
OFFICE_MODEL_LABELS: dict[OfficeModelId, str] = {
    OfficeModelId.MAYOR_OFFICE: N_("Office under the mayor or city manager"),
    OfficeModelId.LINE_DEPARTMENT: N_("Line department"),
    OfficeModelId.INDEPENDENT_COUNCIL: N_('Independent council ("local prevention system")'),
    OfficeModelId.MIXED_COALITION: N_("Mixed coalition"),
}
POLICE_JURISDICTION_LABELS: dict[PoliceJurisdiction, str] = {
    PoliceJurisdiction.MUNICIPAL: N_("Municipal police"),
    PoliceJurisdiction.STATE: N_("State, provincial or regional police"),
    PoliceJurisdiction.NATIONAL: N_("National police"),
}
FUNDING_SOURCE_LABELS: dict[FundingSourceId, str] = {
    FundingSourceId.MUNICIPAL: N_("Municipal budget"),
    FundingSourceId.REGIONAL: N_("Regional, state or provincial government"),
    FundingSourceId.NATIONAL: N_("National or federal government"),
    FundingSourceId.INTERNATIONAL_DONOR: N_("International donors"),
    FundingSourceId.PRIVATE: N_("Private sector"),
    FundingSourceId.VOTER_APPROVED_TAX: N_("Voter-approved tax"),
}
PREVENTION_LEVEL_LABELS: dict[PreventionLevelId, str] = {
    PreventionLevelId.PRIMARY: N_("Primary prevention"),
    PreventionLevelId.SECONDARY: N_("Secondary prevention"),
    PreventionLevelId.TERTIARY: N_("Tertiary prevention"),
}
OFFICE_STATUS_LABELS: dict[OfficeStatus, str] = {
    OfficeStatus.ACTIVE: N_("active"),
    OfficeStatus.PROPOSED: N_("proposed"),
    OfficeStatus.NONE: N_("no office yet"),
}
#: A value with its unit, as a reader says it (counts need no word).
UNIT_LABELS: dict[Unit, str] = {
    Unit.PERCENT: N_("{value} percent"),
    Unit.PER_100K: N_("{value} per 100,000"),
    Unit.USD: N_("{value} US dollars"),
    Unit.GBP: N_("{value} pounds sterling"),
    Unit.YEARS: N_("{value} years"),
    Unit.RATIO: N_("{value} to 1"),
    Unit.PEOPLE: N_("{value} people"),
    Unit.DAYS: N_("{value} days"),
    Unit.PERCENTAGE_POINTS: N_("{value} percentage points"),
}
#: Yes/no attributes (``civilian_led``) as words, never Python's True/False.
YES_NO_LABELS: dict[bool, str] = {True: N_("yes"), False: N_("no")}


OfficeAttribute = Literal[
    "model", "civilian_led", "founded", "police_jurisdiction", "funding_sources", "status"
]


# --- the nine criteria -------------------------------------------------------------------


class Finding(Cited):
    text: Text


class Takeaway(Cited):
    text: Text


class Criterion(Cited):
    """One of the nine criteria; ``quote`` is from its Part 2 definition."""

    id: CriterionId
    slug: Slug
    name: Text
    chart_label: Text  # the wording of the Part 4 charts, e.g. "Diagnosis or baseline studies"
    definition: Text
    rationale: Text
    findings: tuple[Finding, ...]
    key_takeaways: tuple[Takeaway, ...]


class Practice(Cited):
    """An exemplar: what an office does that the report holds up for others."""

    id: Slug
    office: Slug | None = None
    criteria: tuple[CriterionId, ...]
    title: Text
    summary: Text
    tags: tuple[Slug, ...] = ()


class Tradeoff(Cited):
    """A choice with a gain and a cost, as the report weighs it."""

    id: Slug
    criteria: tuple[CriterionId, ...] = ()
    concerns: tuple[Slug, ...] = ()  # ids of office models, staffing models, funding sources
    tags: tuple[Slug, ...] = ()  # practice tags: the contexts and choices the tradeoff weighs
    topic: Text
    gain: Text
    cost: Text


class Fact(Cited):
    """A statement from the report, with its number when it has one."""

    id: Slug
    statement: Text
    kind: FactKind
    offices: tuple[Slug, ...] = ()
    place: str | None = None  # city or country when the fact is not about an office
    criteria: tuple[CriterionId, ...] = ()
    value: float | None = None
    value_high: float | None = None
    unit: Unit | None = None
    qualifier: Qualifier = Qualifier.EXACT
    year: int | None = Field(default=None, ge=1900, le=2100)
    year_end: int | None = Field(default=None, ge=1900, le=2100)
    supports: tuple[OfficeAttribute, ...] = ()  # office attributes this fact is evidence for


class LocalName(Cited):
    """An office's official name in its own language, as the report prints it.

    ``quote`` is the report's sentence that contains the name verbatim, so a reader (and
    a test) can check it; ``lang`` is the name's language (``es``, ``pt``...).
    """

    text: Text
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

    @model_validator(mode="after")
    def _name_in_quote(self) -> LocalName:
        if self.text not in self.quote:
            raise ValueError(f"the quote must contain the name {self.text!r} verbatim")
        return self


class Office(Cited):
    """An office (or a city with a proposed or no office); ``quote`` identifies it.

    ``name`` is the report's English name. Where the report gives the office's own name
    in its language, ``local_name`` holds it and is the name shown first. ``name_official``
    marks an English name that is the office's own (offices in English-speaking cities),
    never translated; any other English name only describes the office, and readers see it
    translated (see :mod:`ovpkit.knowledge.naming`).
    """

    slug: Slug
    city: Text
    country: Text
    region: Region
    name: Text
    name_official: bool = False
    local_name: LocalName | None = None
    acronym: str | None = None
    status: OfficeStatus = OfficeStatus.ACTIVE
    in_sample: bool  # one of the offices of the appendix
    model: OfficeModelId | None = None
    civilian_led: bool | None = None
    founded: int | None = Field(default=None, ge=1900, le=2100)
    police_jurisdiction: PoliceJurisdiction | None = None
    funding_sources: tuple[FundingSourceId, ...] = ()

    @property
    def in_united_states(self) -> bool:
        return self.country == "United States"

    @model_validator(mode="after")
    def _one_official_name(self) -> Office:
        if self.name_official and self.local_name is not None:
            raise ValueError("an office has one official name: name_official or local_name")
        return self


class ChartCell(Record):
    """One row of a Part 4 chart; both texts are verbatim from the chart."""

    criterion: CriterionId
    strength: Text
    opportunity: Text
    # Verbatim fragments, only where the report's extracted table split a cell's text.
    strength_quote: Quote | None = None
    opportunity_quote: Quote | None = None


class Chart(Cited):
    """One of the report's Part 4 charts of current strengths and opportunities."""

    office: Slug
    title: Text
    cells: tuple[ChartCell, ...]


class KeyNotion(Cited):
    id: Slug
    number: int = Field(ge=1, le=4)
    title: Text
    summary: Text
    criteria: tuple[CriterionId, ...] = ()


# --- framework ---------------------------------------------------------------------------


class PreventionLevel(Cited):
    id: PreventionLevelId
    name: Text
    definition: Text


class OfficeModel(Cited):
    id: OfficeModelId
    name: Text
    description: Text
    strengths: tuple[Text, ...] = ()
    risks: tuple[Text, ...] = ()
    examples: tuple[Slug, ...] = ()  # office slugs


class StaffingModel(Cited):
    id: Slug
    dimension: Literal["delivery", "profile"]  # who implements; what backgrounds
    name: Text
    description: Text
    examples: tuple[Slug, ...] = ()


class FundingSource(Cited):
    id: FundingSourceId
    name: Text
    description: Text
    examples: tuple[Slug, ...] = ()


class PoliceJurisdictionRecord(Cited):
    id: PoliceJurisdiction
    name: Text
    description: Text
    countries: tuple[str, ...] = ()


class ContextDifference(Cited):
    """A difference between US offices and offices elsewhere (Part 2)."""

    id: Slug
    topic: Text
    united_states: Text
    elsewhere: Text


class SelectionSource(Cited):
    id: Slug
    number: int = Field(ge=1, le=4)
    name: Text
    description: Text


class SelectionFilter(Cited):
    id: Slug
    name: Text
    description: Text
