"""The assessment engine: answers → levels, the report's chart, peers, plan, synthesis.

Pure function of its inputs (answers, rubric, questionnaire, knowledge base); it
returns an immutable :class:`~ovpkit.assessment.results.Assessment` that the JSON
export, the HTML/PDF report and the comparison only read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.answersfile import AnswerSet
from ovpkit.assessment.facts import disputed_facts, facts_of
from ovpkit.assessment.levels import TOP_LEVEL, LevelOutcome, evaluate_level
from ovpkit.assessment.peers import (
    concerns_of,
    context_tags,
    exemplars_for,
    source_of,
    tradeoffs_for,
    tradeoffs_for_check,
)
from ovpkit.assessment.plan import build_action_plan
from ovpkit.assessment.questionnaire import Questionnaire, load_questionnaire
from ovpkit.assessment.reconcile import reconcile
from ovpkit.assessment.results import (
    AnswerEvidence,
    Assessment,
    CriterionResult,
    Opportunity,
    Risk,
    Strength,
    TradeoffNote,
)
from ovpkit.assessment.risks import find_risks
from ovpkit.assessment.rubric import Check, Rubric, load_rubric
from ovpkit.assessment.rules import Status, status_of
from ovpkit.assessment.sensitivity import moves_for
from ovpkit.assessment.similarity import PeerContext
from ovpkit.assessment.synthesis import key_notions, office_model_advice
from ovpkit.i18n import N_
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base

#: The report's wording when nothing more is needed (Edmonton, criteria 3 and 9).
#: The opportunity of a criterion at level 3: the report's Part 4 charts say "Continue with
#: current approach." there; ovpkit's own sentence (translated) says the same.
CONTINUE = N_("Continue with the current approach.")


def assess(
    answer_set: AnswerSet,
    *,
    kb: KnowledgeBase | None = None,
    rubric: Rubric | None = None,
    questionnaire: Questionnaire | None = None,
) -> Assessment:
    """Assess one office from its (possibly several respondents') answers."""
    kb = kb or load_knowledge_base()
    rubric = rubric or load_rubric()
    questionnaire = questionnaire or load_questionnaire()
    reconciliation = reconcile(answer_set)
    answers = reconciliation.answers
    tags = context_tags(rubric, answers)
    setting = _Setting(kb, rubric, questionnaire, answers, tags, answer_set.office_slugs)

    def judge(number: int, cap: Risk | None = None) -> CriterionResult:
        disputed = disputed_facts(reconciliation.disagreements, number)
        return _criterion(setting, number, disputed, cap)

    criteria = tuple(judge(number) for number in range(1, 10))
    risks = find_risks(answers, criteria, answer_set.assessed_on)
    criteria = tuple(_apply_caps(c, risks, judge) for c in criteria)
    return Assessment(
        office=answer_set.office,
        city=answer_set.city,
        assessed_on=answer_set.assessed_on,
        language=answer_set.language,
        file=answer_set.file,
        respondents=tuple(r.id for r in answer_set.respondents),
        context=_context(questionnaire, answers),
        context_answers=_context_answers(questionnaire, answers),
        context_tags=tags,
        criteria=criteria,
        action_plan=build_action_plan(criteria, rubric, risks),
        key_notions=key_notions(kb, criteria, rubric, _statuses(rubric, answers)),
        office_model_advice=office_model_advice(kb, rubric, answers),
        disagreements=reconciliation.disagreements,
        office_slugs=answer_set.office_slugs,
        risks=risks,
        facts=facts_of(answers, questionnaire),
    )


@dataclass(frozen=True)
class _Setting:
    """What every criterion of one assessment is judged with."""

    kb: KnowledgeBase
    rubric: Rubric
    questionnaire: Questionnaire
    answers: Mapping[str, Answer]
    tags: tuple[str, ...]
    office_slugs: tuple[str, ...]


def _apply_caps(
    result: CriterionResult,
    risks: tuple[Risk, ...],
    judge: Callable[[int, Risk | None], CriterionResult],
) -> CriterionResult:
    """Judge a criterion again under the lowest cap of its risks, when that cap bites."""
    capping = [r for r in risks if r.criterion == result.criterion and r.caps is not None]
    if not capping or not result.assessed:
        return result
    lowest = min(capping, key=lambda r: (r.caps, r.id))
    assert lowest.caps is not None
    return judge(result.criterion, lowest) if result.level > lowest.caps else result


def _statuses(rubric: Rubric, answers: Mapping[str, Answer]) -> dict[str, Status]:
    """Every check's status, for the syntheses that look past one criterion."""
    return {c.id: status_of(c.when.score(answers)) for c in rubric.checks}


def _criterion(
    setting: _Setting,
    number: int,
    disputed: tuple[str, ...] = (),
    risk: Risk | None = None,
) -> CriterionResult:
    """One criterion's result; ``risk`` (with a cap) holds the level at most at its cap."""
    kb, rubric, questionnaire = setting.kb, setting.rubric, setting.questionnaire
    answers, tags, office_slugs = setting.answers, setting.tags, setting.office_slugs
    checks = rubric.checks_for(number)
    judged = evaluate_level(checks, answers, disputed=len(disputed))
    cap = risk.caps if risk is not None else None
    held = cap is not None and judged.level > cap
    outcome = _capped(judged, cap) if cap is not None else judged
    concerns = concerns_of(answers)

    def weigh(check: Check) -> tuple[TradeoffNote, ...]:
        return tradeoffs_for_check(kb, check, tags, concerns)

    opportunities = _opportunities(checks, outcome, answers, weigh)
    if held and risk is not None and cap is not None:
        opportunities = (_risk_opportunity(risk, cap), *opportunities)
    wanted = [t for o in opportunities if o.check for t in rubric.check(o.check).tags] + list(tags)
    record = kb.criterion(number)
    return CriterionResult(
        criterion=number,
        name=record.name,
        level=outcome.level,
        level_low=outcome.low,
        level_high=outcome.high,
        confidence=outcome.confidence,
        assessed=outcome.assessed,
        strengths=tuple(
            _strength(c, questionnaire, answers)
            for c in checks
            if outcome.statuses[c.id] is Status.MET and c.level <= max(outcome.level, 1)
        ),
        moves=tuple(
            m for m in moves_for(checks, answers, outcome.level) if cap is None or m.level <= cap
        ),
        opportunities=opportunities,
        to_verify=_to_verify(checks, outcome, answers),
        exemplars=exemplars_for(
            kb,
            number,
            wanted,
            exclude_offices=office_slugs,
            context=PeerContext.from_answers(answers),
        ),
        tradeoffs=tradeoffs_for(kb, number, concerns),
        disputed_facts=disputed,
        capped_from=judged.level if held else None,
        capped_by=risk.id if held and risk is not None else None,
    )


def _risk_opportunity(risk: Risk, cap: int) -> Opportunity:
    """The way out of a risk that holds a criterion down, as its first opportunity."""
    return Opportunity(
        check=None,
        text=risk.recommendation,
        level=cap + 1,
        effort="structural",
        basis=risk.source,
    )


def _capped(outcome: LevelOutcome, cap: int) -> LevelOutcome:
    """The outcome with its level and range held at most at ``cap`` (a risk holds)."""
    return replace(
        outcome,
        level=min(outcome.level, cap),
        low=min(outcome.low, cap),
        high=min(outcome.high, cap),
    )


def _opportunities(
    checks: tuple[Check, ...],
    outcome: LevelOutcome,
    answers: Mapping[str, Answer],
    weigh: Callable[[Check], tuple[TradeoffNote, ...]],
) -> tuple[Opportunity, ...]:
    """Checks of the next level not met (or not known to be met), as actions.

    Checks of higher levels join them when the office's context makes them urgent
    (the rubric's ``priority``, e.g. cooperation with the government that controls the
    police). At the top level the report's own advice applies: continue. ``weigh``
    gives each action the tradeoffs that concern it.
    """
    target = outcome.level + 1
    chosen: list[tuple[Check, str | None]] = [
        (c, None) for c in checks if c.level == target and outcome.statuses[c.id] is not Status.MET
    ]
    chosen += [
        (c, c.priority.reason)
        for c in checks
        if c.level > target
        and c.priority is not None
        and outcome.statuses[c.id] is not Status.MET
        and c.priority.when.evaluate(answers) is Status.MET
    ]
    if not chosen and outcome.level == TOP_LEVEL:
        top = checks[-1]
        return (
            Opportunity(
                check=None,
                text=CONTINUE,
                level=TOP_LEVEL,
                effort="quick_win",
                basis=source_of(top.citation, top.quote),
            ),
        )
    return tuple(
        Opportunity(
            check=c.id,
            text=c.opportunity,
            level=c.level,
            effort=c.effort.value,
            basis=source_of(c.citation, c.quote),
            confirmed=outcome.statuses[c.id] in (Status.NOT_MET, Status.PARTLY),
            priority_reason=reason,
            tradeoffs=weigh(c),
        )
        for c, reason in chosen
    )


def _strength(
    check: Check, questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> Strength:
    evidence = tuple(
        AnswerEvidence(
            question=qid,
            question_text=questionnaire.question(qid).text,
            answer=answers[qid].display(questionnaire.question(qid).unit),
            evidence=answers[qid].evidence,
            note=answers[qid].note,
        )
        for qid in check.when.questions()
        if qid in answers and answers[qid].known
    )
    return Strength(
        check=check.id,
        text=check.strength,
        level=check.level,
        basis=source_of(check.citation, check.quote),
        evidence=evidence,
    )


def _to_verify(
    checks: tuple[Check, ...], outcome: LevelOutcome, answers: Mapping[str, Answer]
) -> tuple[str, ...]:
    """Unknown answers behind the checks that decide the level (up to the next level)."""
    deciding = [
        c
        for c in checks
        if c.level <= min(outcome.level + 1, TOP_LEVEL) and outcome.statuses[c.id] is Status.UNKNOWN
    ]
    questions = [
        q for c in deciding for q in c.when.questions() if q not in answers or not answers[q].known
    ]
    return tuple(dict.fromkeys(questions))


def _context(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> tuple[tuple[str, str, str], ...]:
    section = next(s for s in questionnaire.sections if s.criterion is None)
    return tuple(
        (q.id, q.text, answers[q.id].display(q.unit))
        for q in section.questions
        if q.id in answers and answers[q.id].known
    )


def _context_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Answer]
) -> tuple[Answer, ...]:
    """The known context answers themselves, so pages format them in their language."""
    section = next(s for s in questionnaire.sections if s.criterion is None)
    return tuple(
        answers[q.id] for q in section.questions if q.id in answers and answers[q.id].known
    )
