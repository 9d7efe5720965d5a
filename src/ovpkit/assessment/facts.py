"""Numbers as evidence: which criteria each number feeds, and how they change over time.

The report reads an office's budget "in absolute and relative terms; its evolution over
time", its staff, its directors and its place in government. A number on which
respondents (or monitoring records) disagree cannot be relied on: it counts as one more
deciding answer that is unknown for every criterion it feeds, so the confidence falls
and the number is listed. Between two assessments of one office, every number that
changed is reported (a 40% staff cut is a finding, whatever the levels say).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ovpkit.assessment.answers import Answer, BudgetLine
from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.reconcile import Disagreement
from ovpkit.assessment.results import Fact, FactChange

#: The criteria each numeric fact is evidence for.
FACT_CRITERIA: dict[str, tuple[int, ...]] = {
    "budget.amounts": (6,),
    "sustainability.time_limited_share": (6,),
    "sustainability.time_limited_ends": (6,),
    "staff.full_time": (7,),
    "sustainability.directors": (8,),
    "sustainability.director_tenure": (8,),
    "sustainability.department_moves": (8,),
    "prevention.programs": (5,),
    "partners.count": (2,),
}

#: The numbers compared between assessments (the budget as its latest year's total).
TRACKED = (
    "budget.amounts",
    "staff.full_time",
    "sustainability.time_limited_share",
    "sustainability.directors",
    "sustainability.department_moves",
    "prevention.programs",
    "partners.count",
    "context.year_founded",
)


def disputed_facts(disagreements: Iterable[Disagreement], criterion: int) -> tuple[str, ...]:
    """The numbers this criterion reads that respondents disagree on, unresolved."""
    return tuple(
        d.question
        for d in disagreements
        if not d.resolved and criterion in FACT_CRITERIA.get(d.question, ())
    )


def facts_of(answers: Mapping[str, Answer], questionnaire: Questionnaire) -> tuple[Fact, ...]:
    """The tracked numbers the answers give (a budget only when one currency is used)."""
    facts = []
    for qid in TRACKED:
        answer = answers.get(qid)
        if answer is None or answer.value is None:
            continue
        if isinstance(answer.value, float):
            facts.append(Fact(qid, answer.value, unit=questionnaire.question(qid).unit))
        elif qid == "budget.amounts" and isinstance(answer.value, tuple):
            total = _latest_total(tuple(v for v in answer.value if isinstance(v, BudgetLine)))
            if total is not None:
                facts.append(Fact(qid, total[0], currency=total[1]))
    return tuple(facts)


def _latest_total(lines: tuple[BudgetLine, ...]) -> tuple[float, str] | None:
    if not lines:
        return None
    latest = max(line.year for line in lines)
    rows = [line for line in lines if line.year == latest]
    currencies = {line.currency for line in rows}
    if len(currencies) != 1:
        return None
    return sum(line.amount for line in rows), currencies.pop()


def fact_changes(before: Iterable[Fact], after: Iterable[Fact]) -> tuple[FactChange, ...]:
    """Every tracked number that differs between two assessments (same currency)."""
    earlier = {f.question: f for f in before}
    changes = []
    for fact in after:
        old = earlier.get(fact.question)
        if old is None or old.value == fact.value or old.currency != fact.currency:
            continue
        changes.append(FactChange(fact.question, old.value, fact.value, fact.unit, fact.currency))
    return tuple(changes)
