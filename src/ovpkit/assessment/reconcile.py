"""Several respondents, one set of answers: where they agree, where they do not.

Health-agency self-assessments reconcile several respondents the same way: a question
on which every respondent who knows the answer gives the same answer is settled; a
question on which they differ is a disagreement, shown per question. The office then
records the answer it agreed on and why. A disagreement left unresolved counts as
``unknown``: it lowers the confidence of the assessment, never its level.
"""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.assessment.answers import Answer, AnswerValue
from ovpkit.assessment.answersfile import AnswerSet


@dataclass(frozen=True)
class Disagreement:
    """Respondents' differing answers to one question, and the outcome."""

    question: str
    values: tuple[tuple[str, str], ...]  # (respondent id, answer as shown)
    agreed: str | None  # the agreed answer as shown, or None if unresolved
    reason: str | None

    @property
    def resolved(self) -> bool:
        return self.agreed is not None


@dataclass(frozen=True)
class Reconciliation:
    answers: dict[str, Answer]
    disagreements: tuple[Disagreement, ...]

    @property
    def unresolved(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if not d.resolved)


def reconcile(answer_set: AnswerSet) -> Reconciliation:
    """One answer per question, in questionnaire order of first appearance."""
    question_ids = list(
        dict.fromkeys(qid for respondent in answer_set.respondents for qid in respondent.answers)
    )
    question_ids += [qid for qid in answer_set.agreed if qid not in question_ids]
    answers: dict[str, Answer] = {}
    disagreements: list[Disagreement] = []
    for qid in question_ids:
        given = [(r.id, r.answers[qid]) for r in answer_set.respondents if qid in r.answers]
        known = [(rid, a) for rid, a in given if a.known]
        distinct = {_key(a.value) for _, a in known}
        agreement = answer_set.agreed.get(qid)
        if len(distinct) > 1:
            disagreements.append(
                Disagreement(
                    question=qid,
                    values=tuple((rid, a.display()) for rid, a in given),
                    agreed=agreement.answer.display() if agreement else None,
                    reason=agreement.reason if agreement else None,
                )
            )
        answers[qid] = _settle(qid, known, agreement.answer if agreement else None)
    return Reconciliation(answers=answers, disagreements=tuple(disagreements))


def _settle(qid: str, known: list[tuple[str, Answer]], agreed: Answer | None) -> Answer:
    if agreed is not None:
        return agreed
    if not known or len({_key(a.value) for _, a in known}) > 1:
        note = "respondents disagree; no agreed answer recorded" if known else None
        return Answer(question=qid, value=None, note=note)
    evidence = tuple(e for _, a in known for e in a.evidence)
    notes = [a.note for _, a in known if a.note]
    first = known[0][1]
    return Answer(
        question=qid,
        value=first.value,
        evidence=tuple(dict.fromkeys(evidence)),
        note="; ".join(notes) or None,
        line=first.line,
    )


def _key(value: AnswerValue) -> object:
    """Comparable form of an answer: lists (choices, budget rows) compare as sets.

    Two respondents listing the same budget rows in another order agree.
    """
    if isinstance(value, tuple):
        return frozenset(value)
    return value
