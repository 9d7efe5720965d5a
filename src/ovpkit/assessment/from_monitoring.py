"""Answers from an office's monitoring records: the records as one more respondent.

An office that keeps monitoring records (indicators, programs, partners, budget, staff,
coverage audits) already holds the facts behind several questions of the assessment.
The rules of ``data/from_monitoring.yaml`` (:mod:`ovpkit.assessment.monitoring_rules`)
turn those facts into answers, each carrying where it came from ("monitoring records
<file>, <facts>") and why. The derived answers join the office's own as a respondent of
their own, so the several-respondents machinery (:mod:`ovpkit.assessment.reconcile`)
shows where staff and records disagree, an answer the office agreed on wins, and a
question the office left out is filled by the records.

Only what the records state gives an answer: "not recorded" is never read as "no".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from ovpkit.assessment.answers import Answer, Evidence
from ovpkit.assessment.answersfile import AnswerSet, Respondent, RespondentRole
from ovpkit.assessment.monitoring_rules import Facts, RecordRule, fact_value, load_record_rules
from ovpkit.assessment.questionnaire import Questionnaire, load_questionnaire
from ovpkit.i18n import _
from ovpkit.monitoring import MonitoringRecords, load_records, monitoring_evidence, summarise
from ovpkit.monitoring.evidence import EvidenceValue


def answers_from_evidence(
    facts: Facts,
    *,
    file: str,
    as_of: str | None = None,
    rules: Sequence[RecordRule] | None = None,
    questionnaire: Questionnaire | None = None,
) -> dict[str, Answer]:
    """The answers the facts establish, in questionnaire order; the rest stay unanswered.

    ``file`` names the records in each answer's evidence; ``as_of`` is the date the facts
    describe. Texts are in the current language.
    """
    questionnaire = questionnaire or load_questionnaire()
    rules = load_record_rules() if rules is None else rules
    illustrative = facts.get("illustrative") is True
    answers: dict[str, Answer] = {}
    for rule in rules:
        value = rule.value(facts, questionnaire.question(rule.question))
        if value is None:
            continue
        answers[rule.question] = Answer(
            question=rule.question,
            value=value,
            evidence=(Evidence(source=_evidence_text(rule, facts, file), date=as_of),),
            note=_note(rule, illustrative),
        )
    order = {qid: n for n, qid in enumerate(questionnaire.ids)}
    return dict(sorted(answers.items(), key=lambda item: order[item[0]]))


def records_respondent(
    records: MonitoringRecords, *, file: str | None = None, respondent_id: str | None = None
) -> Respondent:
    """The records as a respondent whose answers are what they establish."""
    summary = summarise(records)
    name = file or records.file or "<records>"
    answers = answers_from_evidence(
        monitoring_evidence(summary), file=name, as_of=summary.as_of.isoformat()
    )
    return Respondent(
        id=respondent_id or _("monitoring records"),
        role=RespondentRole.MONITORING_RECORDS,
        answers=answers,
        name=records.header.office,
    )


def with_records(answer_set: AnswerSet, records: Sequence[Path | MonitoringRecords]) -> AnswerSet:
    """The office's answers with each records file added as one more respondent.

    The office's header (name, date) is kept: records often name the office differently.
    With several records files, each respondent is named after its file.
    """
    if not records:
        return answer_set
    label = _("monitoring records")
    added: list[Respondent] = []
    files: list[str] = []
    for item in records:
        loaded = load_records(item) if isinstance(item, Path) else item
        file = str(item) if isinstance(item, Path) else loaded.file or "<records>"
        rid = label if len(records) == 1 else f"{label} ({Path(file).name})"
        added.append(records_respondent(loaded, file=file, respondent_id=rid))
        files.append(file)
    return dataclasses.replace(
        answer_set,
        respondents=answer_set.respondents + tuple(added),
        file=" + ".join([answer_set.file, *files]),
    )


def _evidence_text(rule: RecordRule, facts: Facts, file: str) -> str:
    shown = "; ".join(f"{key} = {_shown(fact_value(facts, key))}" for key in rule.facts_read())
    return _("monitoring records {file}, {facts}").format(file=file, facts=shown)


def _shown(value: EvidenceValue) -> str:
    if value is None:
        return _("not recorded")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "[]"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def _note(rule: RecordRule, illustrative: bool) -> str:
    why = rule.why  # a name, not a literal: the rules file's texts are extracted from the data
    note = _(why)
    if illustrative:
        note += " " + _("The records are marked illustrative: example values, not real figures.")
    return note


def records_answers_document(answer_set: AnswerSet) -> dict[str, dict[str, object]]:
    """What each records respondent answered, for ``--json``: value, evidence and why."""
    return {
        respondent.id: {
            qid: {
                "value": list(a.value) if isinstance(a.value, tuple) else a.value,
                "evidence": [e.source for e in a.evidence],
                "as_of": a.evidence[0].date if a.evidence else None,
                "note": a.note,
            }
            for qid, a in respondent.answers.items()
        }
        for respondent in answer_set.respondents
        if respondent.role is RespondentRole.MONITORING_RECORDS
    }
