"""A public document worded for a reader, every count through disclosure control.

This is the one place a public page (web or static) gets its figures from. Participant
counts are published only as a table by prevention level × focus population, protected
with complementary suppression (:func:`ovpkit.publish.disclosure.protect`), so no count
below the threshold shows, directly or as a total minus the others; a program's own
participants are never shown (they would give the table's cells back). An indicator
that counts events or people is hidden when small. Budget amounts are money, not
people, and are shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

from ovpkit import formats
from ovpkit.disclosure import is_small
from ovpkit.i18n import N_, _
from ovpkit.knowledge.base import KnowledgeBase
from ovpkit.knowledge.loader import load_knowledge_base
from ovpkit.knowledge.sections import SECTION_TITLES
from ovpkit.knowledge.translated import translated
from ovpkit.monitoring.catalogue import UNIT_LABELS
from ovpkit.monitoring.trajectory import STATUS_LABELS, Status
from ovpkit.monitoring.words import word
from ovpkit.publish.assessment import level_words
from ovpkit.publish.disclosure import MARKER, TOTAL, Protection, count_table, footnote, protect
from ovpkit.publish.public.consultation import block as consultation_block
from ovpkit.publish.render import foreign
from ovpkit.publish.svg import LevelBar, LevelLegend, level_chart

#: Indicators in these units count events or people: a small value could point at someone.
COUNT_UNITS = frozenset({"count", "people"})
#: The evaluation designs, as readers see them.
DESIGN_LABELS = {
    "synthetic_control": N_("synthetic control"),
    "did": N_("difference-in-differences"),
    "its": N_("interrupted time series"),
}
#: The criteria the public page rests on, cited in its methodology section.
CITED_CRITERIA = (9, 3, 5, 6)


@cache
def knowledge() -> KnowledgeBase:
    return load_knowledge_base()


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Citation:
    criterion: str
    section: Markup  # the report's English section title, marked as English
    quote: str


@dataclass(frozen=True)
class ParticipantTable:
    """Participants by prevention level (rows) and focus population (columns)."""

    populations: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...], str], ...]  # level, cells, row total
    totals: tuple[tuple[str, ...], str]  # column totals, grand total
    hidden: int


def profile_rows(
    profile: Mapping[str, Any] | None, kb: KnowledgeBase | None = None
) -> tuple[Row, ...]:
    """The office's profile (the core's Office record), every code by its label.

    The one list of profile rows: the static site, the web's public page and its
    workspace dashboard all show it, so an office reads the same profile everywhere.
    ``kb`` lets the web pass the knowledge base it already holds.
    """
    if not profile:
        return ()
    from ovpkit.knowledge.models import Region
    from ovpkit.selection.filters import REGION_NAMES

    kb = kb or knowledge()
    # keyed by the code as the stored profile (JSON) has it: a plain string
    models: dict[str, str] = {m.id: translated(m).name for m in kb.office_models}
    police: dict[str, str] = {p.id: translated(p).name for p in kb.police_jurisdictions}
    funding = {f.id: translated(f).name for f in kb.funding_sources}
    region = profile.get("region")
    rows = [
        (_("City"), profile.get("city")),
        (_("Country"), profile.get("country")),
        (_("Region"), _(REGION_NAMES[Region(region)]) if region else None),
        (_("Office model"), models.get(profile.get("model") or "")),
        (_("Founded"), formats.year(profile["founded"]) if profile.get("founded") else None),
        (_("Who controls the police"), police.get(profile.get("police_jurisdiction") or "")),
        (_("Funding"), ", ".join(funding.get(f, f) for f in profile.get("funding_sources", ()))),
    ]
    return tuple(Row(label, str(value)) for label, value in rows if value)


def assessment_chart(assessment: Mapping[str, Any]) -> Markup:
    """The level chart of the stored assessment, in the reader's language."""
    kb = knowledge()
    names = level_words()
    bars = [
        LevelBar(
            label=f"{item['criterion']}. {translated(kb.criterion(item['criterion'])).chart_label}",
            level=item["level"] or 0,
            not_assessed=None if item["level"] is not None else _("not assessed"),
            low=item["level_range"][0],
            high=item["level_range"][1],
            note=formats.percent(item["confidence"]),
        )
        for item in assessment["criteria"]
    ]
    legend = LevelLegend(
        note_title=_("confidence"),
        range_label=_("range of possible levels while answers are unknown"),
    )
    chart = level_chart(bars, [names[i] for i in range(4)], title=_("Levels by criterion"),
                        legend=legend)  # fmt: skip
    return Markup(chart)  # noqa: S704 (the core's own SVG, every text escaped by it)


def assessment_rows(assessment: Mapping[str, Any]) -> tuple[Row, ...]:
    """Each criterion and its level in words: the chart's text alternative."""
    kb = knowledge()
    names = level_words()
    return tuple(
        Row(
            f"{item['criterion']}. {translated(kb.criterion(item['criterion'])).chart_label}",
            names[item["level"]] if item["level"] is not None else _("not assessed"),
        )
        for item in assessment["criteria"]
    )


def indicator_rows(document: Mapping[str, Any]) -> tuple[dict[str, str], ...]:
    """Each indicator against its baseline and target, with its status in words."""
    threshold = int(document["threshold"])
    return tuple(_indicator(item, threshold) for item in document["indicators"])


def _indicator(item: Mapping[str, Any], threshold: int) -> dict[str, str]:
    counts = item["unit"] in COUNT_UNITS

    def value(number: float | None) -> str:
        if number is None:
            return "–"
        if counts and is_small(number, threshold):
            return MARKER
        return formats.number(number)

    def when(year: int | None) -> str:
        return formats.year(year) if year is not None else "–"

    return {
        "name": foreign(item["name"], item.get("name_language"))
        if item.get("own_name")
        else _(item["name"]),  # a shipped sheet's name, in the catalogs  # fmt: skip
        "unit": _(UNIT_LABELS.get(item["unit"], item["unit"])),
        "baseline": value(item["baseline_value"]),
        "baseline_year": when(item["baseline_year"]),
        "target": value(item["target_value"]),
        "target_year": when(item["target_year"]),
        "latest": value(item["latest_value"]),
        "latest_year": when(item["latest_year"]),
        "status": _(STATUS_LABELS[Status(item["status"])]),
    }


def participants(document: Mapping[str, Any]) -> Protection | None:
    """Participants by prevention level × focus population, protected; None if none known."""
    counts: dict[tuple[str, ...], int] = defaultdict(int)
    for program in document["programs"]:
        if program.get("participants") is not None:
            key = (program["prevention_level"], program["focus_population"])
            counts[key] += int(program["participants"])
    if not counts:
        return None
    table = count_table(("level", "population"), counts)
    return protect(table, int(document["threshold"]))


def participant_table(protection: Protection) -> ParticipantTable:
    """The protected table as a reader sees it: hidden cells show the marker."""
    levels, populations = protection.table.levels

    def cell(key: tuple[str, str]) -> str:
        shown = protection.shown(key)
        return MARKER if shown is None else formats.count(shown)

    rows = tuple(
        (word("level", level), tuple(cell((level, p)) for p in populations),
         cell((level, TOTAL)))
        for level in levels
    )  # fmt: skip
    totals = (tuple(cell((TOTAL, p)) for p in populations), cell((TOTAL, TOTAL)))
    return ParticipantTable(populations, rows, totals, len(protection.hidden_keys()))


def program_rows(document: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """Programs by prevention level: name, focus population, stage (no participant counts)."""
    language = document["office"].get("language")
    ordered = sorted(document["programs"], key=lambda p: (p["prevention_level"], p["name"]))
    return tuple(
        {
            "name": foreign(p["name"], language),
            "level": word("level", p["prevention_level"]),
            "population": foreign(p["focus_population"], language),
            "stage": word("stage", p["stage"]),
        }
        for p in ordered
    )


def budget_rows(document: Mapping[str, Any]) -> tuple[dict[str, str], ...]:
    """The budget by year and source, amounts in the office's currency."""
    sums: dict[tuple[int, str], float] = defaultdict(float)
    for line in document["budget"]:
        sums[(int(line["year"]), line["source"])] += float(line["amount"])
    currency = str(document["currency"])
    return tuple(
        {"year": formats.year(year), "source": word("source", source),
         "amount": formats.money(amount, currency)}
        for (year, source), amount in sorted(sums.items())
    )  # fmt: skip


def evaluation_rows(document: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """The published evaluations: their design, by number (their pages hold the cautions)."""
    return tuple(
        {"number": number, "design": _(DESIGN_LABELS.get(e.get("design", ""), N_("evaluation")))}
        for number, e in enumerate(document["evaluations"], start=1)
    )


def citations() -> tuple[Citation, ...]:
    """The report's words the page rests on: each cited criterion's definition."""
    kb = knowledge()
    found = []
    for number in CITED_CRITERIA:
        criterion = kb.criterion(number)
        found.append(
            Citation(
                criterion=f"{number}. {translated(criterion).name}",
                section=foreign(SECTION_TITLES[criterion.citation.section], "en"),
                quote=criterion.quote,
            )
        )
    return tuple(found)


def page_context(document: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the shared sections template needs, in the current language."""
    assessment = document.get("assessment")
    protection = participants(document)
    return {
        "doc": document,
        "office_name": foreign(document["office"]["name"], document["office"].get("language")),
        "mandate": foreign(
            document["office"].get("mandate") or "", document["office"].get("language")
        ),  # fmt: skip
        "profile": profile_rows(document["office"].get("profile")),
        "chart": assessment_chart(assessment) if assessment else None,
        "levels": assessment_rows(assessment) if assessment else (),
        "indicators": indicator_rows(document),
        "participants": participant_table(protection) if protection else None,
        "programs": program_rows(document),
        "budget": budget_rows(document),
        "evaluations": evaluation_rows(document),
        "consultation": consultation_block(document.get("consultation")),
        "citations": citations(),
        "footnote": footnote(int(document["threshold"])),
        "threshold": int(document["threshold"]),
        "published": formats.date(_created(document)),
    }


def _created(document: Mapping[str, Any]) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(str(document["created"]))
