"""The report's four key notions as a synthesis, and office-model advice.

The key notions (Part 5) group criteria: resources meet ambition, buy-in with
autonomy, sustained engagement, whole-of-city coordination. Each is summarised by the
levels of its criteria. Office-model advice applies where no office exists yet (the
report's Bristol and Rosario cases): every model is listed with the reasons in the
office's answers that favour it and the caution the report attaches to it.
"""

from __future__ import annotations

from collections.abc import Mapping

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.peers import source_of
from ovpkit.assessment.results import (
    CriterionResult,
    ModelOption,
    ModelReasonNote,
    NotionSummary,
    OfficeModelAdvice,
)
from ovpkit.assessment.rubric import ModelAdvice, Rubric
from ovpkit.assessment.rules import Status
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import OfficeModel


def key_notions(
    kb: KnowledgeBase,
    criteria: tuple[CriterionResult, ...],
    rubric: Rubric | None = None,
    statuses: Mapping[str, Status] | None = None,
) -> tuple[NotionSummary, ...]:
    """Each notion by the levels of its assessed criteria (not assessed ones are left out).

    A notion none of whose criteria was assessed says so (status ``not_assessed``)
    rather than averaging zeros. A notion whose own element (the rubric's
    ``key_notions.requires``, e.g. autonomy for "buy-in with autonomy") is not shown
    met is at most ``partly``, and names that element under ``missing``.
    """
    levels = {c.criterion: c.level for c in criteria if c.assessed}
    statuses = statuses or {}
    summaries = []
    for notion in sorted(kb.key_notions, key=lambda n: n.number):
        own = [levels[c] for c in notion.criteria if c in levels]
        lowest = min(own) if own else 0
        mean = sum(own) / len(own) if own else 0.0
        required = rubric.notion_requires(notion.id) if rubric else ()
        missing = tuple(r for r in required if statuses.get(r) is not Status.MET)
        status = _status(lowest, mean) if own else "not_assessed"
        if status == "in_place" and missing:
            status = "partly"
        summaries.append(
            NotionSummary(
                id=notion.id,
                number=notion.number,
                title=notion.title,
                summary=notion.summary,
                criteria=notion.criteria,
                mean_level=round(mean, 2),
                weakest=tuple(c for c in notion.criteria if levels.get(c) == lowest),
                status=status,
                source=source_of(notion.citation, notion.quote),
                missing=missing,
            )
        )
    return tuple(summaries)


def _status(lowest: int, mean: float) -> str:
    if lowest >= 2:
        return "in_place"
    if mean >= 1:
        return "partly"
    return "weak"


def office_model_advice(
    kb: KnowledgeBase, rubric: Rubric, answers: Mapping[str, Answer]
) -> OfficeModelAdvice | None:
    """Models ranked by the reasons that favour them.

    Where no office exists, every model is an option. For an active office whose model is
    known, the advice starts from where it sits now (its model's reasons and caution)
    and shows, for each other model, what a move would change: what the answers favour
    in it, and its caution. None when the office's place is not known.
    """
    rules = rubric.office_models
    current = _current_model(answers)
    if rules.applies_when.evaluate(answers) is not Status.MET and current is None:
        return None
    described = {m.id.value: m for m in kb.office_models}
    options = [_option(kb, advice, described, answers) for advice in rules.models]
    options.sort(key=lambda o: (o.model != current, -len(o.reasons)))
    return OfficeModelAdvice(options=tuple(options), current=current)


def _current_model(answers: Mapping[str, Answer]) -> str | None:
    """The model of an active office, when the answers give both."""
    status, model = answers.get("context.office_status"), answers.get("context.office_model")
    if status is None or status.value != "active" or model is None:
        return None
    return model.value if isinstance(model.value, str) else None


def _option(
    kb: KnowledgeBase,
    advice: ModelAdvice,
    described: Mapping[str, OfficeModel],
    answers: Mapping[str, Answer],
) -> ModelOption:
    record = described.get(advice.model.value)
    reasons = tuple(
        ModelReasonNote(text=r.text, source=source_of(r.citation, r.quote))
        for r in advice.favoured_by
        if r.when.evaluate(answers) is Status.MET
    )
    listed = record.examples if record else ()
    return ModelOption(
        model=advice.model.value,
        name=advice.name,
        description=record.description if record else None,
        reasons=reasons,
        caution=ModelReasonNote(
            text=advice.caution.text,
            source=source_of(advice.caution.citation, advice.caution.quote),
        ),
        examples=_examples(kb, advice.model.value, listed),
        example_offices=_example_slugs(kb, advice.model.value, listed),
    )


def _example_slugs(kb: KnowledgeBase, model: str, listed: tuple[str, ...]) -> tuple[str, ...]:
    """The model's example offices: those the report lists, else the offices of that model."""
    slugs = listed or tuple(
        o.slug for o in kb.offices if o.model is not None and o.model.value == model
    )
    known = {o.slug for o in kb.offices}
    return tuple(s for s in slugs if s in known)


def _examples(kb: KnowledgeBase, model: str, listed: tuple[str, ...]) -> tuple[str, ...]:
    names = {o.slug: f"{o.name} ({o.city})" for o in kb.offices}
    return tuple(names[s] for s in _example_slugs(kb, model, listed))
