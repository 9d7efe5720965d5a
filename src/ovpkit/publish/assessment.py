"""The assessment report: the report's chart, levels, peers, plan; HTML and PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ovpkit import formats
from ovpkit.assessment.answers import Answer, Evidence
from ovpkit.assessment.comparison import SincePrevious
from ovpkit.assessment.display import (
    answer_text,
    assessment_title,
    fact_change_text,
    own_words,
    peer_office,
    peer_office_language,
    risk_finding,
    shown_value,
    title_language,
)
from ovpkit.assessment.plan import HORIZON_LABELS, OWNER_LABELS
from ovpkit.assessment.questionnaire import load_questionnaire
from ovpkit.assessment.results import (
    NOT_ASSESSED,
    AnswerEvidence,
    Assessment,
    CriterionResult,
    TradeoffNote,
)
from ovpkit.assessment.risks import risk_records
from ovpkit.assessment.rubric import load_rubric
from ovpkit.assessment.sensitivity import Move
from ovpkit.assessment.similarity import REASON_LABELS
from ovpkit.i18n import _, ngettext, use_language
from ovpkit.knowledge.naming import criterion_label
from ovpkit.knowledge.sections import SECTION_TITLES
from ovpkit.knowledge.translated import source_label
from ovpkit.publish.brief import Brief, write_brief_pdf
from ovpkit.publish.footnotes import Footnotes
from ovpkit.publish.pdf import write_pdf
from ovpkit.publish.render import render_page
from ovpkit.publish.summary import Summary
from ovpkit.publish.svg import LevelBar, LevelLegend, level_chart


def render_assessment_html(
    assessment: Assessment, *, lang: str = "en", since: SincePrevious | None = None
) -> str:
    """The full report as one self-contained HTML page (with what moved ``since``)."""
    with use_language(lang):
        context = {**_context(assessment), "since": since, "fact_change_text": fact_change_text}
    return render_page("assessment.html", context, lang=lang)


def write_assessment_pdf(
    assessment: Assessment, path: Path, *, lang: str = "en", since: SincePrevious | None = None
) -> Path:
    return write_pdf(render_assessment_html(assessment, lang=lang, since=since), path)


def write_assessment_brief(assessment: Assessment, path: Path, *, lang: str = "en") -> Path:
    """The two-page brief: title, one-minute summary and the levels chart."""
    with use_language(lang):
        brief = Brief(
            kind="assessment",
            title=assessment_title(assessment),
            title_lang=title_language(assessment),
            subtitle=" · ".join(filter(None, (assessment.city, assessment.assessed_on))),
            summary=assessment_summary(assessment),
            chart_title=_("Levels by criterion"),
            chart=_level_chart(assessment),
        )
    return write_brief_pdf(brief, path, lang=lang)


def _context(assessment: Assessment) -> dict[str, Any]:
    notes = Footnotes()
    return {
        "a": assessment,
        "title": assessment_title(assessment),
        "title_lang": title_language(assessment),
        "notes": notes,
        "evidence_numbers": _evidence_numbers(_evidence_citer(notes)),
        "level_chart": _level_chart(assessment),
        "level_names": level_words(),
        "status_words": {
            "in_place": _("in place"),
            "partly": _("partly in place"),
            "weak": _("weak"),
            "not_assessed": _(NOT_ASSESSED),
        },
        "effort_words": {"quick_win": _("quick win"), "structural": _("structural change")},
        "step_numbers": {s.check: s.order for s in assessment.action_plan},
        "question_text": _question_text,
        "answer_text": answer_text,
        "shown_value": shown_value,
        "criterion_label": criterion_label,
        "peer_office": peer_office,
        "peer_lang": peer_office_language,
        "own_words": own_words,
        "other_tradeoffs": _other_tradeoffs,
        "not_assessed": _(NOT_ASSESSED),
        "move_text": _move_text,
        "check_strength": lambda check_id: load_rubric().check(check_id).strength,
        "risk_finding": risk_finding,
        "reason_labels": REASON_LABELS,
        "risk_titles": {r.id: r.title for r in risk_records().values()},
        "owner_words": {code: _(label) for code, label in OWNER_LABELS.items()},
        "horizon_words": {code: _(label) for code, label in HORIZON_LABELS.items()},
        "summary": assessment_summary(assessment),
    }


def assessment_summary(assessment: Assessment) -> Summary:
    """The one-minute summary: the strongest and weakest criteria, the plan's first steps.

    Only assessed criteria are ranked (a criterion no answer could judge is "not
    assessed", not level 0), and the summary says when levels rest on unknown answers.
    """
    assessed = [c for c in assessment.criteria if c.assessed]
    measured = _(
        "The answers on the nine criteria of effective offices of violence prevention: "
        "{n} of 9 could be assessed."
    ).format(n=formats.count(len(assessed)))
    findings = _level_findings(assessed)
    unsure = sum(c.confidence < 1 for c in assessed)
    if unsure:
        findings.append(
            ngettext(
                "{n} level rests partly on unknown answers: see the confidence of each.",
                "{n} levels rest partly on unknown answers: see the confidence of each.",
                unsure,
            ).format(n=formats.count(unsure))
        )
    steps = tuple(_(s.text) for s in sorted(assessment.action_plan, key=lambda s: s.order))
    return Summary(measured, tuple(findings), steps)


def _level_findings(assessed: list[CriterionResult]) -> list[str]:
    """The highest and the lowest level and their criteria (one line when all are equal)."""
    if not assessed:
        return []
    levels = level_words()
    high, low = max(c.level for c in assessed), min(c.level for c in assessed)
    if high == low:
        return [
            _("Every assessed criterion is at level {level}, {name}.").format(
                level=high, name=levels[high]
            )
        ]
    return [
        sentence.format(criteria=_criteria_at(assessed, level), level=level, name=levels[level])
        for level, sentence in (
            (high, _("Furthest along: {criteria} (level {level}, {name}).")),
            (low, _("Furthest to go: {criteria} (level {level}, {name}).")),
        )
    ]


def _criteria_at(assessed: list[CriterionResult], level: int) -> str:
    """The criteria at ``level`` by name, or their number when too many to read at once."""
    names = [criterion_label(c.criterion, c.name) for c in assessed if c.level == level]
    if len(names) > 3:
        return _("{n} criteria").format(n=formats.count(len(names)))
    return "; ".join(names)


def level_words() -> dict[int, str]:
    rubric = load_rubric()
    return {d.level.value: _(d.name) for d in rubric.levels}


def _level_chart(assessment: Assessment) -> str:
    names = level_words()
    bars = [
        LevelBar(
            label=criterion_label(c.criterion, c.name),
            level=c.level,
            low=c.level_low,
            high=c.level_high,
            note=formats.percent(c.confidence) if c.assessed else "–",
            not_assessed=None if c.assessed else _(NOT_ASSESSED),
        )
        for c in assessment.criteria
    ]
    legend = LevelLegend(
        note_title=_("confidence"),
        range_label=_("range of possible levels while answers are unknown"),
    )
    return level_chart(
        bars, [names[i] for i in range(4)], title=_("Levels by criterion"), legend=legend
    )


def _evidence_citer(notes: Footnotes) -> Callable[[Evidence], int]:
    def cite(evidence: Evidence) -> int:
        if evidence.section:
            title = source_label(SECTION_TITLES[evidence.section], evidence.endnote or None)
            return notes.add(title, evidence.quote)
        url = evidence.source if evidence.source and evidence.source.startswith("http") else None
        return notes.add(evidence.source or _("evidence"), None, date=evidence.date, url=url)

    return cite


def _evidence_numbers(
    cite: Callable[[Evidence], int],
) -> Callable[[tuple[AnswerEvidence, ...]], list[int]]:
    """Footnote numbers of the evidence behind a strength, each number once."""

    def numbers(items: tuple[AnswerEvidence, ...]) -> list[int]:
        return list(dict.fromkeys(cite(e) for item in items for e in item.evidence))

    return numbers


def _other_tradeoffs(result: CriterionResult) -> tuple[TradeoffNote, ...]:
    """The criterion's tradeoffs not already shown under one of its opportunities."""
    shown = {t.id for o in result.opportunities for t in o.tradeoffs}
    return tuple(t for t in result.tradeoffs if t.id not in shown)


def _move_text(move: Move) -> str:
    """ "Answering 'question' with 'yes' would bring it to 2 · established", in words."""
    answer = answer_text(move.question, Answer(question=move.question, value=move.value))
    text = (
        _("Answering “{question}” with “{answer}” would bring it to {level} · {name}.")
        if not move.was_known
        else _("If the answer to “{question}” became “{answer}”, it would be {level} · {name}.")
    )
    return text.format(
        question=_(_question_text(move.question)),
        answer=answer,
        level=move.level,
        name=level_words()[move.level],
    )


def _question_text(question_id: str) -> str:
    try:
        return load_questionnaire().question(question_id).text
    except KeyError:
        return question_id
