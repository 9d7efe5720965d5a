"""What the pages show, taken from the core: knowledge records and stored documents.

Texts come translated by the core's catalogs (``ovpkit.knowledge.translated``); the
level chart is ``ovpkit.publish``'s SVG, drawn from the levels the core stored, so the
site never computes a level or re-words a finding. The site's own words (labels) use
Django's gettext (``_``); codes the core labels (regions) use the core's (``core_``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ovpkit import formats
from ovpkit.i18n import _ as core_
from ovpkit.knowledge import KnowledgeBase
from ovpkit.knowledge.models import Criterion, Practice, Tradeoff
from ovpkit.knowledge.naming import office_name, office_name_language, office_title
from ovpkit.knowledge.translated import source_label, translated
from ovpkit.publish.assessment import level_words
from ovpkit.publish.public import view as public_view
from ovpkit.publish.public.view import Row
from ovpkit.publish.svg import LevelBar, LevelLegend, level_chart


@dataclass(frozen=True)
class Exemplar:
    practice: Practice
    #: the office's name and status, its own name marked with its language when that is
    #: not the reader's ("<span lang="en">Bristol …</span> (propuesta)"): safe HTML
    office_name: str | None


@dataclass(frozen=True)
class CriterionPage:
    criterion: Criterion
    source: str
    tradeoffs: tuple[Tradeoff, ...]
    exemplars: tuple[Exemplar, ...]


def criteria(kb: KnowledgeBase) -> tuple[Criterion, ...]:
    """The nine criteria in the current language."""
    return tuple(translated(c) for c in kb.criteria)


def criterion_page(kb: KnowledgeBase, criterion_id: int) -> CriterionPage:
    """One criterion with its findings, takeaways, tradeoffs and exemplars (translated)."""
    criterion = kb.criterion(criterion_id)
    return CriterionPage(
        criterion=translated(criterion),
        source=source_label(criterion.citation.title, criterion.citation.endnote),
        tradeoffs=tuple(translated(t) for t in kb.tradeoffs_for(criterion_id)),
        exemplars=tuple(
            _exemplar(kb, translated(p)) for p in kb.practices_of(criterion=criterion_id)
        ),
    )


def _exemplar(kb: KnowledgeBase, practice: Practice) -> Exemplar:
    """A practice with its office named as every page names it (``knowledge.naming``).

    The office's descriptive English name is translated, a proposed office says so in
    the reader's language, and an own name keeps its language for the page's markup.
    """
    try:
        office = kb.office(practice.office) if practice.office else None
    except KeyError:
        office = None
    if office is None:
        return Exemplar(practice, None)
    title, lang = office_title(office), office_name_language(office)
    if lang is None:
        return Exemplar(practice, title)
    name = office_name(office)
    marked = format_html('<span lang="{}">{}</span>', lang, name)
    return Exemplar(practice, mark_safe(escape(title).replace(escape(name), marked, 1)))


@dataclass(frozen=True)
class LevelRow:
    number: int
    label: str
    level: int
    level_name: str
    confidence: str


def level_rows(kb: KnowledgeBase, document: dict[str, Any]) -> tuple[LevelRow, ...]:
    """Each criterion's stored level, worded in the current language."""
    names = level_words()
    return tuple(
        LevelRow(
            number=item["criterion"],
            label=translated(kb.criterion(item["criterion"])).chart_label,
            level=item["level"] or 0,
            level_name=names[item["level"]] if item["level"] is not None else item["level_name"],
            confidence=formats.percent(item["confidence"]),
        )
        for item in document["criteria"]
    )


def assessment_chart(kb: KnowledgeBase, document: dict[str, Any]) -> str:
    """ovpkit.publish's level chart (SVG) of a stored assessment document."""
    names = level_words()
    bars = [
        LevelBar(
            label=f"{row.number}. {row.label}",
            level=item["level"] or 0,
            not_assessed=None if item["level"] is not None else item["level_name"],
            low=item["level_range"][0],
            high=item["level_range"][1],
            note=row.confidence,
        )
        for row, item in zip(level_rows(kb, document), document["criteria"], strict=True)
    ]
    # The legend in the core's words (its catalogs), as the core's own report says it.
    legend = LevelLegend(
        note_title=core_("confidence"),
        range_label=core_("range of possible levels while answers are unknown"),
    )
    return level_chart(
        bars, [names[i] for i in range(4)], title=_("Levels by criterion"), legend=legend
    )


def profile_rows(kb: KnowledgeBase, profile: dict[str, Any] | None) -> tuple[Row, ...]:
    """An office's profile: the core's one list of rows (the public pages show the same)."""
    return public_view.profile_rows(profile, kb)


def data_file_row(item: Any) -> dict[str, Any]:
    """One data file for a list: its name, mapping, status, balance (numbers formatted)."""
    report = item.report or {}
    return {
        "pk": item.pk,
        "file_name": item.file_name,
        "mapping": item.mapping_name,
        "status": item.status,
        "status_label": item.get_status_display(),
        "created": item.created,
        "size": formats.count(item.size),
        "job": item.job_id,
        "rows_in": formats.count(report["rows_in"]) if report else "",
        "loaded": formats.count(report["loaded"]) if report else "",
        "set_aside": formats.count(report["quarantined"]) if report else "",
        "has_report": bool(report),
    }


def ingest_report(report: Any) -> dict[str, Any] | None:
    """The core's ingest report for a page: its balance and every kind of problem.

    The figures are the ones the core stored; only their wording happens here (numbers
    in the reader's format, reasons through the core's ``reason_text``).
    """
    if report is None:
        return None
    from ovpkit.diagnosis.quarantine import TABLE_LABELS
    from ovpkit.diagnosis.reasons import reason_text

    problems = [
        {
            "table": core_(TABLE_LABELS[s.table]) if s.table in TABLE_LABELS else s.table,
            "field": _("whole row") if s.field == "*" else s.field,
            "reason": reason_text(s.reason),
            "rows": formats.count(s.rows),
            "examples": ", ".join(formats.count(r) for r in s.examples)
            + (", …" if s.rows > len(s.examples) else ""),
        }
        for s in report.set_aside
    ]
    return {
        "file": report.file,
        "mapping": report.mapping,
        "source": report.source,
        "rows_in": formats.count(report.rows_in),
        "loaded": formats.count(report.loaded),
        "rows_loaded": None if report.rows_loaded is None else formats.count(report.rows_loaded),
        "quarantined": formats.count(report.quarantined),
        "population_rows": formats.count(report.population_rows),
        "already": report.already_ingested,
        "balanced": report.balanced,
        "problems": problems,
    }


def set_aside_row(row: dict[str, object]) -> dict[str, Any]:
    """One set-aside row for a person: the reason in their language, the value as read."""
    from ovpkit.diagnosis.reasons import reason_text

    field = str(row["field"])
    return {
        "row": formats.count(int(str(row["row"]))),
        "table": row["table"],
        "field": _("whole row") if field == "*" else field,
        "value": "" if row["value"] is None else str(row["value"]),
        "reason": reason_text(str(row["reason"])),
    }
