"""Peer exemplars and tradeoffs from the knowledge base, matched to an office's context.

An office sees the practices of other offices that show how to take its next steps:
a practice ranks by how many of its tags match what the office needs (the tags of the
checks it has not met yet, plus the tags its context calls for, such as
``no-police-control`` when the city does not control its police).

Tradeoffs are matched the same way, one recommendation at a time: a tradeoff weighs on
an opportunity when it shares a tag with the opportunity's rubric check; the context's
tags, the check's criterion and the office's model, funding sources and staffing then
rank the ones that match. Each criterion also keeps its own tradeoffs, ranked by those
concerns only: the fallback for opportunities that no tradeoff matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from ovpkit.assessment.answers import Answer
from ovpkit.assessment.results import Exemplar, Source, TradeoffNote
from ovpkit.assessment.rubric import Check, Rubric
from ovpkit.assessment.rules import Status
from ovpkit.assessment.similarity import PeerContext, shared_context, similarity
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import Citation, Office, Practice, Tradeoff
from ovpkit.knowledge.naming import office_label

MAX_EXEMPLARS = 3
MAX_TRADEOFFS = 3
MAX_OPPORTUNITY_TRADEOFFS = 2

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


class Tagged(Protocol):
    @property
    def tags(self) -> tuple[str, ...]: ...


TaggedT = TypeVar("TaggedT", bound=Tagged)


def rank_by_tags(
    items: Iterable[TaggedT],
    weights: Mapping[str, int],
    *,
    then: Callable[[TaggedT], tuple[Any, ...]],
) -> list[TaggedT]:
    """Items best first: by the summed weight of their tags, then by ``then``.

    The one matcher of peers and tradeoffs: a tag wanted several times weighs more.
    """
    return sorted(items, key=lambda item: (-sum(weights.get(t, 0) for t in item.tags), *then(item)))


def exemplars_for(
    kb: KnowledgeBase,
    criterion: int,
    wanted: Iterable[str],
    *,
    exclude_offices: Collection[str] = (),
    context: PeerContext | None = None,
) -> tuple[Exemplar, ...]:
    """The best-matching practices for ``criterion``; general ones when nothing matches.

    A practice scores the summed weight of the tags it shares with what the office needs
    (a tag wanted several times, by the context and by several open checks, weighs
    more) plus the similarity of its office's context to this one
    (:mod:`ovpkit.assessment.similarity`): a US office sees US peers before a UK
    coalition doing the same thing. Only practices sharing a tag qualify; similarity
    ranks them, never brings one in alone. Each exemplar says why it was chosen. The
    assessed offices' own practices (``exclude_offices``) are not their peers.
    """
    weights = Counter(wanted)
    wanted_set = set(weights)
    offices = {o.slug: o for o in kb.offices}
    candidates = [
        p for p in kb.practices_of(criterion=criterion) if p.office not in exclude_offices
    ]

    def alike(p: Practice) -> tuple[str, ...]:
        office = offices.get(p.office) if p.office else None
        return shared_context(context, office) if context and office else ()

    def score(p: Practice) -> tuple[Any, ...]:
        tags = sum(weights.get(t, 0) for t in p.tags)
        return (-(tags + similarity(alike(p))), -tags, p.office is None, p.id)

    scored = sorted(candidates, key=score)
    matched = [p for p in scored if wanted_set & set(p.tags)]
    chosen = matched[:MAX_EXEMPLARS] or scored[:1]
    return tuple(_exemplar(p, wanted_set, alike(p), offices) for p in chosen)


def _exemplar(
    practice: Practice,
    wanted: set[str],
    alike: tuple[str, ...],
    offices: Mapping[str, Office],
) -> Exemplar:
    matched = tuple(t for t in practice.tags if t in wanted)
    office = offices.get(practice.office) if practice.office else None
    return Exemplar(
        practice=practice.id,
        title=practice.title,
        summary=practice.summary,
        office=office_label(office) if office else None,
        matched_tags=matched,
        source=source_of(practice.citation, practice.quote),
        office_slug=practice.office,
        reasons=(("tags",) if matched else ()) + alike,
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
    """The criterion's tradeoffs, those about the office's model or funding first."""
    ranked = sorted(
        kb.tradeoffs_for(criterion),
        key=lambda t: (-len(concerns & set(t.concerns)), t.id),
    )
    return tuple(_note(t, ()) for t in ranked[:MAX_TRADEOFFS])


def tradeoffs_for_check(
    kb: KnowledgeBase, check: Check, context: Iterable[str], concerns: set[str]
) -> tuple[TradeoffNote, ...]:
    """The tradeoffs to weigh before acting on ``check``'s opportunity, best first.

    Only tradeoffs sharing a tag with the check qualify; a tag that the office's context
    also calls for weighs double, but the context never brings a tradeoff in alone. Ties
    go to tradeoffs of the check's criterion, then to those about the office's model,
    funding or staffing, then to those the report weighs under fewer criteria (they are
    more about this one).
    """
    own = set(check.tags)
    weights = Counter(check.tags) + Counter(t for t in context if t in own)

    def then(t: Tradeoff) -> tuple[Any, ...]:
        return (
            check.criterion not in t.criteria,
            -len(concerns & set(t.concerns)),
            len(t.criteria),
            t.id,
        )

    ranked = rank_by_tags((t for t in kb.tradeoffs if own & set(t.tags)), weights, then=then)
    return tuple(
        _note(t, tuple(tag for tag in t.tags if tag in weights))
        for t in ranked[:MAX_OPPORTUNITY_TRADEOFFS]
    )


def _note(tradeoff: Tradeoff, matched: tuple[str, ...]) -> TradeoffNote:
    return TradeoffNote(
        id=tradeoff.id,
        topic=tradeoff.topic,
        gain=tradeoff.gain,
        cost=tradeoff.cost,
        source=source_of(tradeoff.citation, tradeoff.quote),
        matched_tags=matched,
    )
