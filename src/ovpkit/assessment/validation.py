"""Does the engine agree with the report? The 36 city x criterion cells of Part 4.

The four cities' answers files (shipped in ``ovpkit/assessment/examples``) are built
only from what the report states. The engine's result for each cell is compared with
the report's judgement, coded in ``data/report_judgements.yaml`` by one rule fixed
before the answers were written: the level, the themes of the chart's strength, and
the themes of its opportunity.

- level agrees: same level (``within_one`` is reported too);
- strength agrees: the chart states no strength and the engine lists none, or one of
  the engine's strengths (met checks) is about a theme of the chart's strength;
- opportunity agrees: one of the engine's opportunities is about a theme of the chart's
  opportunity ("continue" = the engine found nothing more to do).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.engine import CONTINUE, assess
from ovpkit.assessment.results import Assessment, CriterionResult
from ovpkit.assessment.rubric import Rubric, load_rubric
from ovpkit.assessment.yamlnodes import load_words
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base


@dataclass(frozen=True)
class CellJudgement:
    city: str
    office: str
    criterion: int
    level: int
    strength_themes: tuple[str, ...]
    opportunity_themes: tuple[str, ...]
    quote: str
    section: str


@dataclass(frozen=True)
class AgreementRow:
    city: str
    criterion: int
    report_level: int
    engine_level: int
    confidence: float
    strength_agrees: bool
    opportunity_agrees: bool
    report_strength: str
    report_opportunity: str
    engine_strengths: tuple[str, ...]
    engine_opportunities: tuple[str, ...]

    @property
    def level_agrees(self) -> bool:
        return self.report_level == self.engine_level

    @property
    def within_one(self) -> bool:
        return abs(self.report_level - self.engine_level) <= 1


@dataclass(frozen=True)
class AgreementReport:
    rows: tuple[AgreementRow, ...]

    def summary(self) -> dict[str, Any]:
        total = len(self.rows)
        return {
            "cells": total,
            "level_exact": sum(r.level_agrees for r in self.rows),
            "level_within_one": sum(r.within_one for r in self.rows),
            "engine_higher": sum(r.engine_level > r.report_level for r in self.rows),
            "engine_lower": sum(r.engine_level < r.report_level for r in self.rows),
            "strength": sum(r.strength_agrees for r in self.rows),
            "opportunity": sum(r.opportunity_agrees for r in self.rows),
        }


@cache
def report_judgements() -> tuple[CellJudgement, ...]:
    source = resources.files("ovpkit.assessment") / "data" / "report_judgements.yaml"
    document = load_words(source.read_text(encoding="utf-8"))
    return tuple(
        CellJudgement(
            city=city["city"],
            office=city["office"],
            criterion=cell["criterion"],
            level=cell["level"],
            strength_themes=tuple(cell["strength_themes"]),
            opportunity_themes=tuple(cell["opportunity_themes"]),
            quote=cell["quote"],
            section=city["section"],
        )
        for city in document["cities"]
        for cell in city["cells"]
    )


#: city -> answers file name, in the report's order
CITY_FILES: dict[str, str] = {
    "Bristol": "bristol.yaml",
    "Cali": "cali.yaml",
    "Edmonton": "edmonton.yaml",
    "Rosario": "rosario.yaml",
}


def example_answers_text(name: str) -> str:
    """The text of a shipped city answers file (``bristol.yaml`` ...)."""
    return (resources.files("ovpkit.assessment") / "examples" / name).read_text(encoding="utf-8")


def city_assessments(kb: KnowledgeBase | None = None) -> dict[str, Assessment]:
    """The engine's assessment of each of the four cities, from the shipped files."""
    kb = kb or load_knowledge_base()
    return {
        city: assess(parse_answer_set(example_answers_text(name), file=name), kb=kb)
        for city, name in CITY_FILES.items()
    }


def validate_against_report(
    kb: KnowledgeBase | None = None, rubric: Rubric | None = None
) -> AgreementReport:
    kb = kb or load_knowledge_base()
    rubric = rubric or load_rubric()
    assessments = city_assessments(kb)
    rows = []
    for judgement in report_judgements():
        result = assessments[judgement.city].criterion(judgement.criterion)
        chart = kb.chart_for(judgement.office)
        cells = chart.cells if chart is not None else ()
        cell = next((c for c in cells if c.criterion == judgement.criterion), None)
        rows.append(
            AgreementRow(
                city=judgement.city,
                criterion=judgement.criterion,
                report_level=judgement.level,
                engine_level=result.level,
                confidence=result.confidence,
                strength_agrees=_strength_agrees(judgement, result, rubric),
                opportunity_agrees=_opportunity_agrees(judgement, result, rubric),
                report_strength=cell.strength if cell else judgement.quote,
                report_opportunity=cell.opportunity if cell else "",
                engine_strengths=tuple(s.text for s in result.strengths),
                engine_opportunities=tuple(o.text for o in result.opportunities),
            )
        )
    return AgreementReport(rows=tuple(rows))


def _strength_agrees(judgement: CellJudgement, result: CriterionResult, rubric: Rubric) -> bool:
    themes = {rubric.check(s.check).theme for s in result.strengths}
    if not judgement.strength_themes:
        return not themes
    return bool(themes & set(judgement.strength_themes))


def _opportunity_agrees(judgement: CellJudgement, result: CriterionResult, rubric: Rubric) -> bool:
    if "continue" in judgement.opportunity_themes:
        return any(o.check is None and o.text == CONTINUE for o in result.opportunities)
    themes = {rubric.check(o.check).theme for o in result.opportunities if o.check}
    return bool(themes & set(judgement.opportunity_themes))


def agreement_document(report: AgreementReport) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "cells": [
            {
                "city": r.city,
                "criterion": r.criterion,
                "report_level": r.report_level,
                "engine_level": r.engine_level,
                "confidence": r.confidence,
                "level_agrees": r.level_agrees,
                "strength_agrees": r.strength_agrees,
                "opportunity_agrees": r.opportunity_agrees,
                "report_strength": r.report_strength,
                "report_opportunity": r.report_opportunity,
                "engine_strengths": list(r.engine_strengths),
                "engine_opportunities": list(r.engine_opportunities),
            }
            for r in report.rows
        ],
    }


def agreement_markdown(report: AgreementReport) -> str:
    """The agreement table as Markdown (pasted into docs/validation.md)."""
    s = report.summary()
    lines = [
        f"Cells: {s['cells']}. Level: {s['level_exact']} exact, {s['level_within_one']} within "
        f"one level (engine higher in {s['engine_higher']}, lower in {s['engine_lower']}). "
        f"Strength: {s['strength']}. Opportunity: {s['opportunity']}.",
        "",
        "| City | # | Report level | Engine level | Confidence | Level | Strength | Opportunity |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in report.rows:
        marks = [
            ("yes" if ok else "**no**")
            for ok in (r.level_agrees, r.strength_agrees, r.opportunity_agrees)
        ]
        lines.append(
            f"| {r.city} | {r.criterion} | {r.report_level} | {r.engine_level} | "
            f"{r.confidence:.0%} | {' | '.join(marks)} |"
        )
    return "\n".join(lines) + "\n"


def write_markdown(report: AgreementReport, path: Path) -> None:
    path.write_text(agreement_markdown(report), encoding="utf-8")
