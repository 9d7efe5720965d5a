"""The risks the report warns about, checked on the office's numbers.

The report names four threats to an office's survival and effectiveness: money that is
short term (project grants, donor aid, one-off relief funds), political and leadership
turnover, the office's place in the city government, and pressure to show quick results.
``data/risks.yaml`` holds each risk's wording, recommendation and citation; the
conditions are here, each with the reason for its threshold:

- **funding cliff**: more than half of the budget is time-limited ("most" of the money
  ends unless renewed: the budget cannot be called sustainable, so budget stays at most
  2), or some of it is time-limited, ends by the year after the assessment (a city
  budgets a year at a time, so the next budget must replace it) and no plan for after is
  shown;
- **leadership turnover**: three or more directors in five years, i.e. tenures shorter
  than one administration's term, which the report says long-term work outlasts;
- **institutional move**: the office moved to another department or reporting line at
  least once in five years (its levers and its stability change with where it sits);
- **results demanded**: the council, mayor or funders ask for results while
  documentation is below established (level 2): nothing yet to show them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.peers import source_of
from ovpkit.assessment.results import CriterionResult, Risk
from ovpkit.assessment.yamlnodes import load_words
from ovpkit.i18n import N_
from ovpkit.knowledge.models import Citation, Quote, Slug, Text

#: "Most" of the budget: more than half of it.
MOST = 50.0
#: A city budgets one year at a time: money ending by next year must be replaced now.
YEARS_TO_REPLACE = 1
#: Directors in five years from which tenures are shorter than one term.
TURNOVER_DIRECTORS = 3
#: The documentation level from which there are results to show (established).
RESULTS_LEVEL = 2

#: Why each risk is flagged, with the figures it names (formatted where shown).
FINDINGS = {
    "funding-cliff-most": N_(
        "{share} of the budget is time-limited: most of the money ends unless it is renewed."
    ),
    "funding-cliff-soon": N_(
        "{share} of the budget is time-limited and ends in {year}, with no plan shown for after."
    ),
    "leadership-turnover": N_("{count} directors in the last five years."),
    "institutional-move": N_("Moved to another department {count} times in the last five years."),
    "institutional-move-once": N_("Moved to another department once in the last five years."),
    "results-demanded": N_(
        "Results are asked for, while documentation is at level {level}: not enough to show them."
    ),
}


class _RiskRecord(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Slug
    criterion: int = Field(ge=1, le=9)
    title: Text
    recommendation: Text
    owner: Slug
    caps: int | None = Field(default=None, ge=0, le=3)
    citation: Citation
    quote: Quote


class _RiskData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    risks: tuple[_RiskRecord, ...]


@cache
def risk_records() -> dict[str, _RiskRecord]:
    """The shipped risks by id (validated once)."""
    source = resources.files("ovpkit.assessment") / "data" / "risks.yaml"
    data = _RiskData.model_validate(load_words(source.read_text(encoding="utf-8")))
    return {r.id: r for r in data.risks}


@dataclass(frozen=True)
class _Finding:
    risk: str
    key: str
    figures: tuple[tuple[str, str, float], ...]  # (placeholder, kind, value)


def _number(answers: Mapping[str, Answer], qid: str) -> float | None:
    answer = answers.get(qid)
    return answer.value if answer is not None and isinstance(answer.value, float) else None


def _status(answers: Mapping[str, Answer], qid: str) -> str | None:
    answer = answers.get(qid)
    return answer.value if answer is not None and isinstance(answer.value, str) else None


def _funding_cliff(answers: Mapping[str, Answer], year: int | None) -> _Finding | None:
    share = _number(answers, "sustainability.time_limited_share")
    if share is None or share <= 0:
        return None
    if share > MOST:
        return _Finding("funding-cliff", "funding-cliff-most", (("share", "percent", share),))
    ends = _number(answers, "sustainability.time_limited_ends")
    planned = _status(answers, "sustainability.plan_after") == "yes"
    if ends is None or year is None or planned or ends - year > YEARS_TO_REPLACE:
        return None
    figures = (("share", "percent", share), ("year", "year", ends))
    return _Finding("funding-cliff", "funding-cliff-soon", figures)


def _turnover(answers: Mapping[str, Answer]) -> _Finding | None:
    directors = _number(answers, "sustainability.directors")
    if directors is None or directors < TURNOVER_DIRECTORS:
        return None
    return _Finding("leadership-turnover", "leadership-turnover", (("count", "count", directors),))


def _moves(answers: Mapping[str, Answer]) -> _Finding | None:
    moves = _number(answers, "sustainability.department_moves")
    if moves is None or moves < 1:
        return None
    key = "institutional-move-once" if moves == 1 else "institutional-move"
    return _Finding("institutional-move", key, (("count", "count", moves),))


def _results(answers: Mapping[str, Answer], documentation: CriterionResult) -> _Finding | None:
    if _status(answers, "sustainability.results_demanded") != "yes":
        return None
    if documentation.assessed and documentation.level >= RESULTS_LEVEL:
        return None
    level = float(documentation.level if documentation.assessed else 0)
    return _Finding("results-demanded", "results-demanded", (("level", "count", level),))


def find_risks(
    answers: Mapping[str, Answer],
    criteria: tuple[CriterionResult, ...],
    assessed_on: str | None,
) -> tuple[Risk, ...]:
    """The report's risks that the office's answers show, in the order of the data file."""
    year = _year(assessed_on)
    documentation = next(c for c in criteria if c.criterion == 9)
    findings = [
        _funding_cliff(answers, year),
        _turnover(answers),
        _moves(answers),
        _results(answers, documentation),
    ]
    records = risk_records()
    return tuple(_risk(records[f.risk], f) for f in findings if f is not None)


def _risk(record: _RiskRecord, finding: _Finding) -> Risk:
    return Risk(
        id=record.id,
        criterion=record.criterion,
        title=record.title,
        finding=FINDINGS[finding.key],
        figures=finding.figures,
        recommendation=record.recommendation,
        owner=record.owner,
        caps=record.caps if finding.key != "funding-cliff-soon" else None,
        source=source_of(record.citation, record.quote),
    )


def _year(assessed_on: str | None) -> int | None:
    """The assessment's year (its date is an ISO date string, or absent)."""
    if not assessed_on or not assessed_on[:4].isdigit():
        return None
    return int(assessed_on[:4])
