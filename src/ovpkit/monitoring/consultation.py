"""The public consultation: a perception-of-insecurity survey an office runs itself.

The report counts "a mapping of perception of insecurity, and a citizen security
survey" in Peñalolén's annual diagnostic (Part 3, criterion 3). ovpkit ships a short
survey (``data/consultation_template.yaml``) whose questions and answers are gettext
message ids, so residents read it in their language. An office adjusts it
(:class:`OfficeConsultation`: which questions, its own wording, its list of areas and,
where it has one, each area's population) and collects :class:`Response` objects.

:func:`analyse` turns the responses into published shares through the same survey
estimator as ``ovpkit survey`` (:func:`ovpkit.monitoring.survey.weighted_proportions`).
People who answer a web survey are not a sample drawn in proportion to the population,
so when every area has a population the answers are post-stratified by area (each
answer in area *a* weighs population(a) / answers(a)); otherwise they are unweighted
and the result says so. Only aggregates leave the office: the number of answers by area
passes through the core's disclosure control (:mod:`ovpkit.publish.disclosure`), so an
area with fewer answers than the threshold is hidden, and so is a complementary area,
so that no hidden count follows from the total. Free-text answers are never analysed
or published.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Literal

import duckdb
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ovpkit.errors import AnswersError
from ovpkit.i18n import _, current_language
from ovpkit.monitoring.survey import AreaProportion, weighted_proportions
from ovpkit.publish.disclosure import TOTAL, count_table, protect

#: The disclosure threshold of the consultation's published figures (issue 11's default).
DEFAULT_THRESHOLD = 10
#: The languages an office may word a question in (ovpkit's first-class languages).
WORDING_LANGUAGES = ("en", "es", "pt")

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
AreaName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Option(_Frozen):
    code: Code
    label: str


class Headline(_Frozen):
    """The one share a page leads with, e.g. "feel unsafe" = a bit + very unsafe."""

    label: str
    options: tuple[Code, ...]


class Question(_Frozen):
    id: Code
    kind: Literal["choice", "text"]
    text: str
    options: tuple[Option, ...] = ()
    headline: Headline | None = None

    @model_validator(mode="after")
    def _options_fit_the_kind(self) -> Question:
        codes = [o.code for o in self.options]
        if self.kind == "choice" and len(codes) < 2:
            raise ValueError("a choice question needs at least two options")
        if self.kind == "text" and (codes or self.headline):
            raise ValueError("a free-text question has no options")
        if len(set(codes)) != len(codes):
            raise ValueError("two options share a code")
        if self.headline and not set(self.headline.options) <= set(codes):
            raise ValueError("the headline names an option the question does not have")
        return self

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


class Template(_Frozen):
    consent: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@functools.cache
def load_template() -> Template:
    """The shipped survey (validated once; its texts are English message ids)."""
    text = resources.files("ovpkit.monitoring").joinpath("data/consultation_template.yaml")
    return Template.model_validate(yaml.safe_load(text.read_text(encoding="utf-8")))


def template_texts() -> list[str]:
    """The template's translatable texts, for the catalogs."""
    template = load_template()
    texts = [template.consent]
    for q in template.questions:
        texts.append(q.text)
        texts.extend(o.label for o in q.options)
        if q.headline:
            texts.append(q.headline.label)
    return texts


class Area(_Frozen):
    """One area of the office's list: coarse geography, never an address."""

    name: AreaName
    population: int | None = Field(default=None, gt=0)


class OfficeConsultation(_Frozen):
    """How one office runs the shipped survey: the document the web site stores."""

    questions: tuple[Code, ...] = Field(min_length=1)
    wording: dict[Code, dict[Literal["en", "es", "pt"], str]] = Field(default_factory=dict)
    areas: tuple[Area, ...] = Field(min_length=1)
    threshold: int = Field(default=DEFAULT_THRESHOLD, ge=3)

    @model_validator(mode="after")
    def _questions_exist(self) -> OfficeConsultation:
        template = load_template()
        unknown = [q for q in (*self.questions, *self.wording) if template.question(q) is None]
        if unknown:
            raise ValueError(f"unknown question: {', '.join(unknown)}")
        if not any(q.kind == "choice" for q in self.chosen()):
            raise ValueError("choose at least one question with answers to choose from")
        names = [a.name.casefold() for a in self.areas]
        if len(set(names)) != len(names):
            raise ValueError("two areas have the same name")
        return self

    def chosen(self) -> tuple[Question, ...]:
        """The template's questions the office asks, in the office's order."""
        template = load_template()
        return tuple(q for q in map(template.question, self.questions) if q is not None)

    def area_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.areas)

    def weighted(self) -> bool:
        """Post-stratified by area only when every area has a population."""
        return all(a.population for a in self.areas)


def default_consultation(areas: Sequence[Area]) -> OfficeConsultation:
    """Every shipped question, in the shipped wording, over the office's areas."""
    return OfficeConsultation(
        questions=tuple(q.id for q in load_template().questions), areas=tuple(areas)
    )


def question_text(consultation: OfficeConsultation, question: Question) -> str:
    """The office's own wording in the reader's language, else the shipped one translated."""
    own = consultation.wording.get(question.id, {}).get(_language(), "").strip()
    return own or _(question.text)


def consent_text(office: str, threshold: int) -> str:
    """The consent a resident accepts before answering, in the reader's language."""
    return _(load_template().consent).format(office=office, threshold=threshold)


def _language() -> Literal["en", "es", "pt"]:
    code = current_language().split("-")[0]
    return "es" if code == "es" else "pt" if code == "pt" else "en"


class Response(_Frozen):
    """One resident's answers: an area from the list and one option per choice question."""

    area: AreaName
    answers: dict[Code, Code]
    comments: dict[Code, Annotated[str, StringConstraints(max_length=2000)]] = Field(
        default_factory=dict
    )


def check_response(consultation: OfficeConsultation, response: Response) -> Response:
    """Refuse an area not in the office's list or an answer the question does not offer."""
    if response.area not in consultation.area_names():
        raise AnswersError(
            _("the area '{area}' is not in the office's list").format(area=response.area),
            field="area",
            hint=_("choose one of the areas listed"),
        )
    for question in consultation.chosen():
        if (
            question.kind == "choice"
            and question.option(response.answers.get(question.id, "")) is None
        ):
            raise AnswersError(
                _("choose one answer to this question"),
                field=question.id,
                hint=_("every question with answers to choose from needs one"),
            )
    return response


@dataclass(frozen=True)
class AreaCount:
    """How many answered in an area, or None when disclosure control hides it."""

    area: str
    answers: int | None
    reason: str | None  # "small" or "complementary" when hidden


@dataclass(frozen=True)
class Share:
    """One option (or the headline) of a question: the city's share and each area's."""

    code: str  # an option code, or "headline"
    label: str  # its English message id
    overall: AreaProportion
    areas: tuple[AreaProportion, ...]


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    headline: Share | None
    options: tuple[Share, ...]


@dataclass(frozen=True)
class ConsultationResult:
    """What may be published about a consultation: aggregates past disclosure control."""

    threshold: int
    weighted: bool
    answers: int | None  # every counted answer, None when fewer than the threshold
    areas: tuple[AreaCount, ...]
    questions: tuple[QuestionResult, ...]
    set_aside: int  # answers from an area no longer listed, or without a question asked now

    @property
    def published(self) -> bool:
        return self.answers is not None


def analyse(consultation: OfficeConsultation, responses: Sequence[Response]) -> ConsultationResult:
    """Shares of every chosen question, overall and by area, fit to publish."""
    kept = _counted(consultation, responses)
    counts = Counter(r.area for r in kept)
    hidden, area_counts = _protect_areas(consultation.area_names(), counts, consultation.threshold)
    weights = _weights(consultation, counts)
    total = len(kept) if (TOTAL,) not in hidden else None
    questions = tuple(
        _question(q, kept, weights, hidden, consultation.threshold)
        for q in consultation.chosen()
        if q.kind == "choice"
    )
    return ConsultationResult(
        threshold=consultation.threshold,
        weighted=consultation.weighted(),
        answers=total,
        areas=area_counts,
        questions=questions if total is not None else (),
        set_aside=len(responses) - len(kept),
    )


def _counted(consultation: OfficeConsultation, responses: Sequence[Response]) -> list[Response]:
    """The answers from a listed area with an answer to every question asked now.

    Answers from before the office removed an area or added a question are set aside,
    so every share of an area has the same answers behind it as its published count.
    """
    names = set(consultation.area_names())
    codes = {q.id: {o.code for o in q.options} for q in consultation.chosen() if q.kind == "choice"}
    return [
        r
        for r in responses
        if r.area in names and all(r.answers.get(q) in valid for q, valid in codes.items())
    ]


def _protect_areas(
    names: Sequence[str], counts: Mapping[str, int], threshold: int
) -> tuple[set[tuple[str]], tuple[AreaCount, ...]]:
    """The core's disclosure control over answers by area (with the total)."""
    table = count_table(("area",), {(a,): counts.get(a, 0) for a in names}, levels=[names])
    protection = protect(table, threshold)
    hidden = {(key[0],) for key in protection.hidden_keys()}
    rows = tuple(AreaCount(a, protection.shown((a,)), protection.reason((a,))) for a in names)
    return hidden, rows


def _weights(consultation: OfficeConsultation, counts: Mapping[str, int]) -> dict[str, float]:
    """Post-stratification weights by area, or 1 for everyone without populations."""
    if not consultation.weighted():
        return {a.name: 1.0 for a in consultation.areas}
    return {
        a.name: float(a.population or 0) / counts[a.name]
        for a in consultation.areas
        if counts.get(a.name)
    }


def _question(
    question: Question,
    responses: Sequence[Response],
    weights: Mapping[str, float],
    hidden: set[tuple[str]],
    threshold: int,
) -> QuestionResult:
    frame = pd.DataFrame(
        {
            "area": [r.area for r in responses],
            "answer": [r.answers.get(question.id) for r in responses],
            "weight": [weights.get(r.area, 1.0) for r in responses],
        }
    )

    def share(code: str, label: str, yes: tuple[str, ...]) -> Share:
        overall, areas = _shares(frame, yes, hidden, threshold)
        return Share(code, label, overall, areas)

    headline = (
        share("headline", question.headline.label, question.headline.options)
        if question.headline
        else None
    )
    options = tuple(share(o.code, o.label, (o.code,)) for o in question.options)
    return QuestionResult(question, headline, options)


def _shares(
    frame: pd.DataFrame, yes: tuple[str, ...], hidden: set[tuple[str]], threshold: int
) -> tuple[AreaProportion, tuple[AreaProportion, ...]]:
    """The survey estimator's shares; an area the disclosure control hides stays hidden."""
    chosen = frame.assign(chose=frame["answer"].isin(yes).astype(int))  # 0/1: no text scan
    with warnings.catch_warnings():
        # an effective sample under 30 is flagged on each share (``reliable``) instead
        warnings.simplefilter("ignore", UserWarning)
        estimate = weighted_proportions(
            chosen, outcome="chose", weight="weight", area="area",
            method="kish", threshold=threshold,
        )  # fmt: skip
    areas = tuple(
        AreaProportion(area=a.area, respondents=a.respondents, suppressed=True)
        if (a.area,) in hidden
        else a
        for a in estimate.areas
    )
    return estimate.overall, areas


_NUMBER_SEPARATORS = re.compile(r"[\s.,'\u00a0\u202f]")


def parse_areas(text: str) -> tuple[Area, ...]:
    """Areas typed one a line, "Name" or "Name: population" (12,500 or 12.500 alike)."""
    areas = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, _sep, population = line.partition(":")
        digits = _NUMBER_SEPARATORS.sub("", population)
        if digits and not digits.isdigit():
            raise AnswersError(
                _("the population '{value}' is not a whole number").format(
                    value=population.strip()
                ),
                record=number,
                field="areas",
                hint=_("write one area a line, as 'Centro' or 'Centro: 12500'"),
            )
        areas.append(Area(name=name, population=int(digits) if digits else None))
    return tuple(areas)


def store_populations(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Each area's population in its latest year in the office's data store.

    Summed over age groups and sex; when two sources give an area, the first by name
    is used (as the diagnosis does); when one code is at two area levels, the unnamed
    level first. Keys are the area codes, which an office's list matches by name.
    """
    rows = con.execute(
        'SELECT area_code, population FROM (SELECT source, area_level, area_code, "year", '
        "SUM(population) AS population FROM population "
        'GROUP BY source, area_level, area_code, "year") '
        "QUALIFY ROW_NUMBER() OVER (PARTITION BY area_code "
        'ORDER BY "year" DESC, area_level NULLS FIRST, source) = 1'
    ).fetchall()
    return {str(code): int(population) for code, population in rows if population}


def with_populations(
    areas: Sequence[Area], populations: Mapping[str, int]
) -> tuple[tuple[Area, ...], tuple[str, ...]]:
    """The areas with a population from ``populations`` where the name matches (any case).

    Returns the areas and the names no population was found for (they keep theirs).
    """
    found = {code.strip().casefold(): n for code, n in populations.items()}
    filled, unmatched = [], []
    for area in areas:
        population = found.get(area.name.casefold())
        if population is None:
            unmatched.append(area.name)
        filled.append(area.model_copy(update={"population": population or area.population}))
    return tuple(filled), tuple(unmatched)
