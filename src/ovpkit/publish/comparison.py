"""The comparison report: a heat map of levels, and what moved over time."""

from __future__ import annotations

from ovpkit.assessment.comparison import Comparison, ComparisonRow
from ovpkit.assessment.display import fact_change_text, offices_display, offices_language
from ovpkit.assessment.questionnaire import load_questionnaire
from ovpkit.i18n import _, use_language
from ovpkit.knowledge.naming import criterion_label
from ovpkit.publish.assessment import level_words
from ovpkit.publish.render import render_page
from ovpkit.publish.svg import heat_map


def row_name(row: ComparisonRow) -> str:
    """A row's office as the report names it, in the reader's language."""
    return offices_display(row.office, row.office_slugs)


def row_language(row: ComparisonRow) -> str | None:
    return offices_language(row.office_slugs, row.language)


def render_comparison_html(comparison: Comparison, *, lang: str = "en") -> str:
    with use_language(lang):
        names = level_words()
        chart = heat_map(
            [_row_title(row, comparison.over_time) for row in comparison.rows],
            [str(number) for number, _name in comparison.criteria],
            [row.shown_levels for row in comparison.rows],
            title=_("Levels by criterion"),
            level_names=[names[i] for i in range(4)],
            not_assessed=_("not assessed"),
        )
        context = {
            "c": comparison,
            "heat_map": chart,
            "level_names": names,
            "criterion_label": criterion_label,
            "row_name": row_name,
            "row_language": row_language,
            "fact_change_text": fact_change_text,
            "question_text": lambda qid: load_questionnaire().question(qid).text,
        }
    return render_page("comparison.html", context, lang=lang)


def _row_title(row: ComparisonRow, over_time: bool) -> str:
    return f"{row_name(row)} ({row.assessed_on})" if over_time else row_name(row)
