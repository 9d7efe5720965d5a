"""The assessment as a JSON-ready document, in the current language.

Interface, rubric and recommendation texts are translated with gettext; quotes from the
report and texts from the knowledge base stay in English (the knowledge base's texts
fall back to English when a catalog has no entry for them).
"""

from __future__ import annotations

from typing import Any

from ovpkit.assessment.answers import AnswerValue, Evidence
from ovpkit.assessment.display import risk_finding
from ovpkit.assessment.reconcile import Disagreement
from ovpkit.assessment.results import (
    NOT_ASSESSED,
    ActionStep,
    Assessment,
    CriterionResult,
    Exemplar,
    NotionSummary,
    OfficeModelAdvice,
    Risk,
    Source,
    Strength,
    TradeoffNote,
)
from ovpkit.assessment.rubric import load_rubric
from ovpkit.i18n import _, current_language


def assessment_document(assessment: Assessment) -> dict[str, Any]:
    """Everything the engine found, as plain data (the ``--json`` output)."""
    return {
        "office": assessment.office,
        "city": assessment.city,
        "assessed_on": assessment.assessed_on,
        "language": current_language(),
        "respondents": list(assessment.respondents),
        "context": {qid: answer for qid, _text, answer in assessment.context},
        "context_tags": list(assessment.context_tags),
        "criteria": [_criterion(c) for c in assessment.criteria],
        "action_plan": [_step(s) for s in assessment.action_plan],
        "key_notions": [_notion(n) for n in assessment.key_notions],
        "office_model_advice": _advice(assessment.office_model_advice),
        "disagreements": [_disagreement(d) for d in assessment.disagreements],
        "risks": [_risk(r) for r in assessment.risks],
        "facts": [
            {"question": f.question, "value": f.value, "unit": f.unit, "currency": f.currency}
            for f in assessment.facts
        ],
    }


def _risk(risk: Risk) -> dict[str, Any]:
    return {
        "id": risk.id,
        "criterion": risk.criterion,
        "title": _(risk.title),
        "finding": risk_finding(risk),
        "figures": {name: value for name, _kind, value in risk.figures},
        "recommendation": _(risk.recommendation),
        "owner": risk.owner,
        "caps_level": risk.caps,
        "citation": source_document(risk.source),
    }


def source_document(source: Source) -> dict[str, Any]:
    return {
        "section": source.section,
        "title": _(source.title),
        "endnote": source.endnote,
        "quote": source.quote,
    }


def _criterion(result: CriterionResult) -> dict[str, Any]:
    rubric = load_rubric()
    return {
        "criterion": result.criterion,
        "name": _(result.name),
        # not assessed (no check could be judged) is null, never a level 0
        "assessed": result.assessed,
        "level": result.level if result.assessed else None,
        "level_name": _(rubric.level_name(result.level)) if result.assessed else _(NOT_ASSESSED),
        "level_range": [result.level_low, result.level_high],
        "confidence": result.confidence,
        "strengths": [_strength(s) for s in result.strengths],
        "opportunities": [
            {
                "check": o.check,
                "text": _(o.text),
                "toward_level": o.level,
                "effort": o.effort,
                "confirmed": o.confirmed,
                "basis": source_document(o.basis),
                "tradeoffs": [_tradeoff(t) for t in o.tradeoffs],
            }
            for o in result.opportunities
        ],
        "to_verify": list(result.to_verify),
        "what_would_move_this": [
            {"question": m.question, "answer": _move_value(m.value), "level": m.level}
            for m in result.moves
        ],
        "exemplars": [_exemplar(e) for e in result.exemplars],
        "tradeoffs": [_tradeoff(t) for t in result.tradeoffs],
        "disputed_facts": list(result.disputed_facts),
        "capped": (
            {"from_level": result.capped_from, "by_risk": result.capped_by}
            if result.capped_by
            else None
        ),
    }


def _move_value(value: AnswerValue) -> Any:
    """The answer of a move as raw data (a list for several choices)."""
    return list(value) if isinstance(value, tuple) else value


def _strength(strength: Strength) -> dict[str, Any]:
    return {
        "check": strength.check,
        "text": _(strength.text),
        "level": strength.level,
        "basis": source_document(strength.basis),
        "evidence": [
            {
                "question": e.question,
                "answer": _(e.answer),
                "evidence": [_evidence(x) for x in e.evidence],
                "note": e.note,
            }
            for e in strength.evidence
        ],
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {k: v for k, v in vars(evidence).items() if v is not None}


def _exemplar(exemplar: Exemplar) -> dict[str, Any]:
    return {
        "practice": exemplar.practice,
        "title": _(exemplar.title),
        "office": exemplar.office,
        "summary": _(exemplar.summary),
        "matched_tags": list(exemplar.matched_tags),
        "chosen_because": list(exemplar.reasons),
        "citation": source_document(exemplar.source),
    }


def _tradeoff(tradeoff: TradeoffNote) -> dict[str, Any]:
    return {
        "id": tradeoff.id,
        "topic": _(tradeoff.topic),
        "gain": _(tradeoff.gain),
        "cost": _(tradeoff.cost),
        "matched_tags": list(tradeoff.matched_tags),
        "citation": source_document(tradeoff.source),
    }


def _step(step: ActionStep) -> dict[str, Any]:
    return {
        "order": step.order,
        "phase": step.phase,
        "criterion": step.criterion,
        "check": step.check,
        "action": _(step.text),
        "effort": step.effort,
        "depends_on": list(step.depends_on),
        "start_now": step.start_now,
        "horizon_months": step.horizon,
        "owner": step.owner,
        "done_when": list(step.done_when),
        "reason": _(step.reason) if step.reason else None,
    }


def _notion(notion: NotionSummary) -> dict[str, Any]:
    return {
        "number": notion.number,
        "id": notion.id,
        "title": _(notion.title),
        "summary": _(notion.summary),
        "criteria": list(notion.criteria),
        "mean_level": notion.mean_level,
        "weakest_criteria": list(notion.weakest),
        "status": notion.status,
        "missing_checks": list(notion.missing),
        "citation": source_document(notion.source),
    }


def _advice(advice: OfficeModelAdvice | None) -> dict[str, Any] | None:
    if advice is None:
        return None
    return {
        "options": [
            {
                "model": o.model,
                "name": _(o.name),
                "description": _(o.description) if o.description else None,
                "reasons": [
                    {"text": _(r.text), "citation": source_document(r.source)} for r in o.reasons
                ],
                "caution": {
                    "text": _(o.caution.text),
                    "citation": source_document(o.caution.source),
                },
                "examples": list(o.examples),
            }
            for o in advice.options
        ],
        "current_model": advice.current,
    }


def _disagreement(disagreement: Disagreement) -> dict[str, Any]:
    return {
        "question": disagreement.question,
        "answers": dict(disagreement.values),
        "agreed": disagreement.agreed,
        "reason": disagreement.reason,
    }
