"""An office's monitoring records: indicators, programs, partners, budget, staff, coverage.

Activity reports (what a partner delivered in a period) are records too.

These are the facts an office keeps about itself (criteria 4 to 7 and 9 of the
report). They are validated once, when the office's YAML file is loaded
(:func:`ovpkit.monitoring.loading.load_records`), and are frozen afterwards.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from pydantic import Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ovpkit.i18n import N_, _
from ovpkit.knowledge.models import PreventionLevelId, Record, Slug, Text

Year = Annotated[int, Field(ge=1900, le=2100)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=120, strip_whitespace=True)]


# --- indicators -------------------------------------------------------------------------


class Observation(Record):
    """One measured value of an indicator."""

    year: Year
    period: Label | None = None  # finer than a year, e.g. "2023-Q2"; optional
    value: float
    numerator: float | None = Field(default=None, ge=0)
    denominator: float | None = Field(default=None, gt=0)
    source: Text | None = None
    note: Text | None = None


class Baseline(Record):
    """The value progress is measured from, e.g. the mean of the three years before the start."""

    year: Year
    value: float
    method: Text | None = None  # e.g. "mean of 2016-2018"


class Target(Record):
    """A goal: an absolute value, a relative change from the baseline, or a named preset."""

    year: Year | None = None
    value: float | None = None
    change: float | None = Field(default=None, gt=-1.0)  # -0.5 = halve
    preset: Slug | None = None  # e.g. pioc_halve_by_2030 from the catalogue

    @model_validator(mode="after")
    def _one_way(self) -> Target:
        given = [name for name in ("value", "change", "preset") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                _("give exactly one of 'value', 'change' (e.g. -0.5 to halve) or 'preset'")
            )
        if self.preset is None and self.year is None:
            raise ValueError(_("a target needs the 'year' by which it should be reached"))
        return self


class IndicatorRecord(Record):
    """An indicator the office tracks, tied to a technical sheet of the catalogue."""

    id: Slug
    sheet: Slug
    name: Text | None = None  # defaults to the sheet's name
    area: Text | None = None
    baseline: Baseline | None = None
    target: Target | None = None
    observations: tuple[Observation, ...] = ()
    source: Text | None = None
    published: Text | None = None  # where the office publishes it: a URL or a report's name


# --- programs and partners --------------------------------------------------------------


class Stage(StrEnum):
    """REACH Edmonton's life cycle of a program (Part 4)."""

    START_UP = "start_up"
    SCALE_UP = "scale_up"
    SHIFT_OUT = "shift_out"


#: The stages as readers see them (REACH Edmonton writes them in capitals).
STAGE_LABELS: dict[str, str] = {
    Stage.START_UP: N_("start up"),
    Stage.SCALE_UP: N_("scale up"),
    Stage.SHIFT_OUT: N_("shift out"),
}


class ReviewDecision(StrEnum):
    SCALE_UP = "scale_up"
    EXTEND = "extend"  # another sprint
    STOP = "stop"
    SHIFT_OUT = "shift_out"


DECISION_LABELS: dict[str, str] = {
    ReviewDecision.SCALE_UP: N_("scale up"),
    ReviewDecision.EXTEND: N_("another sprint"),
    ReviewDecision.STOP: N_("stop"),
    ReviewDecision.SHIFT_OUT: N_("shift out"),
}


class StageReview(Record):
    """The review that closes a START UP sprint."""

    date: dt.date
    decision: ReviewDecision
    note: Text | None = None


class Program(Record):
    id: Slug
    name: Text
    prevention_level: PreventionLevelId
    focus_population: Text
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    areas: tuple[Label, ...] = ()
    partners: tuple[Slug, ...] = ()
    stage: Stage
    stage_started: dt.date | None = None
    review: StageReview | None = None
    participants: int | None = Field(default=None, ge=0)
    participants_year: Year | None = None
    indicators: tuple[Slug, ...] = ()
    note: Text | None = None

    @model_validator(mode="after")
    def _ages_in_order(self) -> Program:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError(_("'age_min' is larger than 'age_max'"))
        return self


class PartnerKind(StrEnum):
    COMMUNITY_BASED = "community_based"
    PUBLIC_AGENCY = "public_agency"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    UNIVERSITY = "university"
    PRIVATE = "private"
    FAITH = "faith"
    INTERNATIONAL = "international"
    OTHER = "other"


class Partner(Record):
    id: Slug
    name: Text
    kind: PartnerKind
    funded: bool = False  # receives funds from the office
    formal_agreement: bool = False
    since: Year | None = None
    note: Text | None = None


# --- budget and staff -------------------------------------------------------------------


class FundingKind(StrEnum):
    CORE = "core"  # multiyear, unrestricted: salaries, rent, equipment
    PROJECT = "project"  # tied to a project, usually short term


class BudgetLine(Record):
    year: Year
    source: Slug  # e.g. municipal, regional, national, international_donor, private
    amount: float = Field(ge=0)
    kind: FundingKind = FundingKind.CORE
    legal_safeguard: bool = False  # set by law, ordinance or a voter-approved measure
    multi_year: bool = False
    program: Slug | None = None
    note: Text | None = None


class Contract(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed_term"  # a year or more
    SHORT_TERM = "short_term"  # less than a year
    CONTRACTOR = "contractor"
    VOLUNTEER = "volunteer"


class StaffFunction(StrEnum):
    MANAGEMENT = "management"
    PROGRAM_DELIVERY = "program_delivery"
    COORDINATION = "coordination"
    DATA_EVALUATION = "data_evaluation"
    ADMINISTRATION = "administration"
    COMMUNICATIONS = "communications"
    OTHER = "other"


class StaffPosition(Record):
    """A position (or a group of identical positions, with ``fte`` summed); no names."""

    role: Text
    fte: float = Field(gt=0, le=1000)
    contract: Contract
    function: StaffFunction
    backgrounds: tuple[Slug, ...] = ()  # e.g. social_work, psychology, lived_experience
    annual_cost: float | None = Field(default=None, ge=0)
    data_evaluation_fraction: float | None = Field(default=None, ge=0, le=1)
    year: Year | None = None

    def data_evaluation_time(self) -> float:
        """Share of this position's time spent on data and evaluation (diagnoses, evaluations)."""
        if self.data_evaluation_fraction is not None:
            return self.data_evaluation_fraction
        return 1.0 if self.function is StaffFunction.DATA_EVALUATION else 0.0


# --- coverage audit ---------------------------------------------------------------------


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


SEX_LABELS: dict[str, str] = {
    Sex.FEMALE: N_("women and girls"),
    Sex.MALE: N_("men and boys"),
    Sex.OTHER: N_("other"),
    Sex.UNKNOWN: N_("not known"),
}


class CoverageCell(Record):
    """A count of people (participants or victims) in one group; any dimension may be left out."""

    area: Label | None = None
    age_group: Label | None = None
    sex: Sex | None = None
    count: int = Field(ge=0)


class CoverageAudit(Record):
    """Who the programs reach against who is harmed, for one program or all of them."""

    id: Slug
    year: Year | None = None
    programs: tuple[Slug, ...] = ()  # empty: all the office's programs
    participants: tuple[CoverageCell, ...] = Field(min_length=1)
    victims: tuple[CoverageCell, ...] = Field(min_length=1)
    victims_source: Text | None = None


# --- activity reports -------------------------------------------------------------------


class ActivityReport(Record):
    """What the organisation running a program delivered in one period, and whom it reached.

    A partner organisation writes it about its own program (criterion 6: partners report on
    what they deliver). The people reached may be broken down like a coverage audit's
    participants (area, age group, sex), so that they can be set against who is harmed.
    """

    id: Slug
    program: Slug
    period_start: dt.date
    period_end: dt.date
    activities: int = Field(ge=0)  # sessions or activities delivered in the period
    reached: int | None = Field(default=None, ge=0)  # people reached, counted once each
    reached_by: tuple[CoverageCell, ...] = ()
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ActivityReport:
        if self.period_end < self.period_start:
            raise ValueError(_("the period ends before it starts"))
        if self.reached is not None:
            for dimensions, total in _breakdown_totals(self.reached_by).items():
                if total > self.reached:
                    raise ValueError(
                        _(
                            "the people reached by {dimensions} add up to {total}, more than "
                            "the {reached} people reached"
                        ).format(
                            dimensions=", ".join(dimensions), total=total, reached=self.reached
                        )
                    )
        return self


def _breakdown_totals(cells: tuple[CoverageCell, ...]) -> dict[tuple[str, ...], int]:
    """Sum of the cells that split people along the same dimensions.

    Cells giving the same dimensions (say, only ``sex``) describe groups that do not
    overlap, so their counts cannot add up to more than the people reached in all.
    """
    totals: dict[tuple[str, ...], int] = {}
    for cell in cells:
        given = tuple(n for n in ("area", "age_group", "sex") if getattr(cell, n) is not None)
        if given:
            totals[given] = totals.get(given, 0) + cell.count
    return totals


# --- the file ---------------------------------------------------------------------------


class RecordsHeader(Record):
    """The top of an office's records file."""

    office: Text
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "USD"
    disclosure_threshold: int = Field(default=5, ge=0, le=100)
    as_of: dt.date | None = None  # the date reviews are judged against (default: today)
    catalogue: tuple[str, ...] = ()  # the office's own indicator sheets (paths)
    illustrative: bool = False  # True when values are examples, not real figures
    language: str | None = None  # BCP 47 tag of the office's own words (names, notes)
    note: Text | None = None

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        return language_tag(value)


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag ("en", "pt-BR") checked by Babel, or None when not given.

    The pages mark an office's own words with it (``lang="en"``), so a screen reader
    reads an English program name in English on a Spanish page; a tag Babel does not know
    would mark them wrongly, so it is refused (a pydantic error, so that the records'
    header reports it like its other fields, naming the field).
    """
    if not value:
        return None
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        message = _("'{value}' is not a language: write it as a code such as {codes}")
        # a custom error type: its message is shown as it is, without "Value error, "
        raise PydanticCustomError(
            "language_tag", message.format(value=value, codes="en, es, pt")
        ) from None
    return value


COLLECTION_KEYS: tuple[str, ...] = (
    "indicators",
    "programs",
    "partners",
    "budget",
    "staff",
    "coverage",
    "activity_reports",
)
HEADER_KEYS: tuple[str, ...] = tuple(RecordsHeader.model_fields)
Verdict = Literal["good", "mixed", "poor", "unknown"]
