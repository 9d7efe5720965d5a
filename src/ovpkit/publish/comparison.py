"""The comparison report: a heat map of levels, and what moved over time."""

from __future__ import annotations

from ovpkit.assessment.comparison import Comparison
from ovpkit.i18n import _, use_language
from ovpkit.knowledge.naming import criterion_label
from ovpkit.publish.assessment import level_words
from ovpkit.publish.render import render_page
from ovpkit.publish.svg import heat_map


def render_comparison_html(comparison: Comparison, *, lang: str = "en") -> str:
    with use_language(lang):
        names = level_words()
        chart = heat_map(
            [row.label for row in comparison.rows],
            [str(number) for number, _name in comparison.criteria],
            [row.levels for row in comparison.rows],
            title=_("Levels by criterion"),
            level_names=[names[i] for i in range(4)],
        )
        context = {
            "c": comparison,
            "heat_map": chart,
            "level_names": names,
            "criterion_label": criterion_label,
        }
    return render_page("comparison.html", context, lang=lang)
