"""Peer exemplars and tradeoffs from the knowledge base, matched to an office's context.

An office sees the practices of other offices that show how to take its next steps:
a practice ranks by how many of its tags match what the office needs (the tags of the
checks it has not met yet, plus the tags its context calls for, such as
``no-police-control`` when the city does not control its police). Tradeoffs rank by
whether they concern the office's model, funding sources or staffing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.results import Exemplar, Source, TradeoffNote
from ovpkit.assessment.rubric import Rubric
from ovpkit.assessment.rules import Status
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import Citation

MAX_EXEMPLARS = 3
MAX_TRADEOFFS = 3

#: staffing answers -> staffing-model ids of the knowledge base
_STAFFING = {
    "internal": "internal",
    "outsourced": "outsourced-to-partners",
    "mixed": "mixed",
    "specialists": "specialists",
    "generalists": "generalists",
}


def source_of(citation: Citation, quote: str) -> Source:
    return Source(
        section=citation.section, title=citation.title, quote=quote, endnote=citation.endnote
    )


def context_tags(rubric: Rubric, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """Practice tags the office's context calls for, in rubric order."""
    tags = [
        tag
        for rule in rubric.context_tags
        if rule.when.evaluate(answers) is Status.MET
        for tag in rule.tags
    ]
    return tuple(dict.fromkeys(tags))


def exemplars_for(
    kb: KnowledgeBase,
    criterion: int,
    wanted: Iterable[str],
    *,
    exclude_office: str | None = None,
) -> tuple[Exemplar, ...]:
    """The best-matching practices for ``criterion``; general ones when nothing matches.

    A tag wanted several times (by the context and by several open checks) weighs more.
    """
    weights = Counter(wanted)
    wanted_set = set(weights)
    candidates = [
        p
        for p in kb.practices_of(criterion=criterion)
        if exclude_office is None or p.office != exclude_office
    ]
    scored = sorted(
        candidates,
        key=lambda p: (-sum(weights[t] for t in p.tags), p.office is None, p.id),
    )
    matched = [p for p in scored if wanted_set & set(p.tags)]
    chosen = matched[:MAX_EXEMPLARS] or scored[:1]
    names = {o.slug: o.name if o.city in o.name else f"{o.name} ({o.city})" for o in kb.offices}
    return tuple(
        Exemplar(
            practice=p.id,
            title=p.title,
            summary=p.summary,
            office=names.get(p.office) if p.office else None,
            matched_tags=tuple(t for t in p.tags if t in wanted_set),
            source=source_of(p.citation, p.quote),
        )
        for p in chosen
    )


def concerns_of(answers: Mapping[str, Answer]) -> set[str]:
    """Framework ids (office model, funding sources, staffing) the office's answers name."""
    concerns: set[str] = set()
    for question in ("context.office_model", "staff.delivery_model", "staff.profile"):
        answer = answers.get(question)
        if answer is not None and isinstance(answer.value, str):
            concerns.add(_STAFFING.get(answer.value, answer.value))
    sources = answers.get("budget.sources")
    if sources is not None and isinstance(sources.value, tuple):
        concerns.update(str(s) for s in sources.value)
    return concerns


def tradeoffs_for(
    kb: KnowledgeBase, criterion: int, concerns: set[str]
) -> tuple[TradeoffNote, ...]:
    ranked = sorted(
        kb.tradeoffs_for(criterion),
        key=lambda t: (-len(concerns & set(t.concerns)), t.id),
    )
    return tuple(
        TradeoffNote(
            id=t.id,
            topic=t.topic,
            gain=t.gain,
            cost=t.cost,
            source=source_of(t.citation, t.quote),
        )
        for t in ranked[:MAX_TRADEOFFS]
    )
