"""Comparing assessments: several offices side by side, or one office over time.

Several offices give a heat map of levels (offices × criteria). Two or more
assessments of the same office (same office name) are read as a time series, ordered by
their date: the comparison then says, criterion by criterion, what moved between the
first and the last one (level, and the strengths gained or lost).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ovpkit.assessment.facts import fact_changes
from ovpkit.assessment.results import Assessment, FactChange
from ovpkit.i18n import _


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    office: str
    assessed_on: str | None
    levels: tuple[int, ...]
    confidences: tuple[float, ...]
    #: the knowledge base's offices of the row, and the answers file's language, so a
    #: page names the row as the report names the office, in the reader's language
    office_slugs: tuple[str, ...] = ()
    language: str | None = None
    #: per criterion, False when it was not assessed (its level is then not a 0)
    assessed: tuple[bool, ...] = ()

    @property
    def shown_levels(self) -> tuple[int | None, ...]:
        """The levels with ``None`` where a criterion was not assessed."""
        flags = self.assessed or (True,) * len(self.levels)
        return tuple(level if ok else None for level, ok in zip(self.levels, flags, strict=True))


@dataclass(frozen=True)
class LevelChange:
    criterion: int
    name: str
    before: int
    after: int
    gained: tuple[str, ...]  # strengths (English message ids) new in the later assessment
    lost: tuple[str, ...]

    @property
    def moved(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    rows: tuple[ComparisonRow, ...]
    criteria: tuple[tuple[int, str], ...]  # (number, name)
    over_time: bool
    changes: tuple[LevelChange, ...]
    #: numbers (staff, budget, directors...) that changed between the first and last
    fact_changes: tuple[FactChange, ...] = ()


def compare_assessments(assessments: list[Assessment]) -> Comparison:
    if not assessments:
        raise ValueError("nothing to compare: give at least one assessment")
    over_time = len(assessments) > 1 and len({a.office for a in assessments}) == 1
    ordered = sorted(assessments, key=lambda a: a.assessed_on or "") if over_time else assessments
    rows = tuple(
        ComparisonRow(
            label=f"{a.office} ({a.assessed_on})" if over_time else a.office,
            office=a.office,
            assessed_on=a.assessed_on,
            levels=a.levels,
            confidences=tuple(c.confidence for c in a.criteria),
            office_slugs=a.office_slugs,
            language=a.language,
            assessed=tuple(c.assessed for c in a.criteria),
        )
        for a in ordered
    )
    criteria = tuple((c.criterion, c.name) for c in ordered[0].criteria)
    changes = _changes(ordered[0], ordered[-1]) if over_time else ()
    moved = fact_changes(ordered[0].facts, ordered[-1].facts) if over_time else ()
    return Comparison(
        rows=rows, criteria=criteria, over_time=over_time, changes=changes, fact_changes=moved
    )


@dataclass(frozen=True)
class SincePrevious:
    """What moved since an earlier assessment of the same office: levels and numbers."""

    previous_on: str | None
    levels: tuple[LevelChange, ...]
    numbers: tuple[FactChange, ...]


def since_previous(previous: Assessment, current: Assessment) -> SincePrevious:
    """A re-assessment read against the one before it (``ovpkit assess --previous``)."""
    return SincePrevious(
        previous_on=previous.assessed_on,
        levels=_changes(previous, current),
        numbers=fact_changes(previous.facts, current.facts),
    )


def since_document(since: SincePrevious) -> dict[str, Any]:
    """The changes as plain data (raw numbers), for ``--json``."""
    return {
        "previous_assessed_on": since.previous_on,
        "level_changes": [
            {"criterion": c.criterion, "before": c.before, "after": c.after} for c in since.levels
        ],
        "fact_changes": [
            {
                "question": f.question,
                "before": f.before,
                "after": f.after,
                "relative_change": f.relative,
                "currency": f.currency,
            }
            for f in since.numbers
        ],
    }


def _changes(first: Assessment, last: Assessment) -> tuple[LevelChange, ...]:
    changes = []
    for before, after in zip(first.criteria, last.criteria, strict=True):
        had = {s.text for s in before.strengths}
        has = {s.text for s in after.strengths}
        if not (before.assessed and after.assessed):
            continue  # a level that was not assessed did not move
        if before.level == after.level and had == has:
            continue
        changes.append(
            LevelChange(
                criterion=before.criterion,
                name=before.name,
                before=before.level,
                after=after.level,
                gained=tuple(s.text for s in after.strengths if s.text not in had),
                lost=tuple(s.text for s in before.strengths if s.text not in has),
            )
        )
    return tuple(changes)


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    return {
        "over_time": comparison.over_time,
        "criteria": [{"criterion": n, "name": _(name)} for n, name in comparison.criteria],
        "assessments": [
            {
                "label": row.label,
                "office": row.office,
                "assessed_on": row.assessed_on,
                "levels": list(row.shown_levels),
                "confidence": list(row.confidences),
            }
            for row in comparison.rows
        ],
        "changes": [
            {
                "criterion": c.criterion,
                "before": c.before,
                "after": c.after,
                "gained": [_(t) for t in c.gained],
                "lost": [_(t) for t in c.lost],
            }
            for c in comparison.changes
        ],
        "fact_changes": since_document(SincePrevious(None, (), comparison.fact_changes))[
            "fact_changes"
        ],
    }
