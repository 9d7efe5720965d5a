"""The four cities of the report, assessed and published: the README's main job calls this.

Runs the shipped answers files of Bristol, Cali, Edmonton and Rosario (built only from
the report's statements) and writes an HTML and a PDF report per city and language.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ovpkit.assessment.validation import city_assessments
from ovpkit.i18n import check_language
from ovpkit.knowledge import KnowledgeBase, load_knowledge_base
from ovpkit.publish.assessment import render_assessment_html
from ovpkit.publish.pdf import write_pdf


def build_reports(
    out_dir: Path,
    langs: Iterable[str] = ("en",),
    *,
    pdf: bool = True,
    kb: KnowledgeBase | None = None,
) -> list[Path]:
    """Write ``assessment-<city>[-<lang>].html`` (and ``.pdf``) into ``out_dir``.

    English files have no language suffix. Returns the paths written, HTML before PDF
    for each city and language.
    """
    languages = [check_language(lang) for lang in langs]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for city, assessment in city_assessments(kb or load_knowledge_base()).items():
        for lang in languages:
            stem = f"assessment-{city.lower()}" + ("" if lang == "en" else f"-{lang}")
            html = render_assessment_html(assessment, lang=lang)
            html_path = out_dir / f"{stem}.html"
            html_path.write_text(html, encoding="utf-8")
            written.append(html_path)
            if pdf:
                written.append(write_pdf(html, out_dir / f"{stem}.pdf"))
    return written
