"""Program portfolio and REACH's 90-day START UP review."""

from __future__ import annotations

import datetime as dt

from ovpkit.monitoring import program_portfolio
from ovpkit.monitoring.programs import ReviewState
from ovpkit.monitoring.records import Program


def program(pid: str, **fields: object) -> Program:
    base: dict[str, object] = {
        "id": pid,
        "name": pid,
        "prevention_level": "primary",
        "focus_population": "youth",
        "stage": "start_up",
    }
    return Program.model_validate({**base, **fields})


def test_programs_review_due_overdue_and_done() -> None:
    as_of = dt.date(2024, 6, 1)
    programs = [
        program("new", stage_started="2024-04-01"),  # due 2024-06-30
        program("late", stage_started="2024-01-02"),  # due 2024-04-01
        program(
            "done",
            stage_started="2024-01-02",
            review={"date": "2024-04-03", "decision": "scale_up"},
        ),
        program("grown", stage="scale_up", prevention_level="tertiary"),
        program("undated"),
    ]
    portfolio = program_portfolio(programs, [], as_of=as_of)
    states = {p.program: p.review_state for p in portfolio.programs}
    assert states == {
        "new": ReviewState.DUE,
        "late": ReviewState.OVERDUE,
        "done": ReviewState.REVIEWED,
        "grown": ReviewState.NOT_APPLICABLE,
        "undated": ReviewState.UNKNOWN_START,
    }
    late = next(p for p in portfolio.programs if p.program == "late")
    assert late.review_due == dt.date(2024, 4, 1)
    assert late.days_overdue == 61
    assert portfolio.reviews_overdue == 1
    assert dict(portfolio.by_level) == {"primary": 4, "secondary": 0, "tertiary": 1}
    assert portfolio.levels_covered == 2
