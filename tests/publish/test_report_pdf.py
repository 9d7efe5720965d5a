"""Printed reports keep a heading with what it introduces (issue 11: no half-empty pages).

WeasyPrint cannot split a flex row across pages: a tall row of charts moved whole to the
next page, leaving its heading alone at the foot of a half-empty one (the diagnosis's
"Where" printed as a heading on page 4 and its map on page 5, 7 pages in all). The print
rules of report.css turn those rows into blocks and cap a chart's height.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ovpkit.diagnosis.report import render_html
from ovpkit.diagnosis.sample import SAMPLE_BOUNDARY_KEY, diagnose_sample, sample_boundaries
from ovpkit.i18n import use_language
from ovpkit.publish.pdf import write_pdf


def _pages(pdf: Path) -> list[str]:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def _page_of(pages: list[str], text: str) -> int:
    return next(i for i, page in enumerate(pages) if text in page)


@pytest.mark.slow
def test_a_printed_diagnosis_keeps_each_heading_with_its_chart(tmp_path: Path) -> None:
    result = diagnose_sample()
    with use_language("es"):
        page = render_html(result, boundaries=sample_boundaries(), boundary_key=SAMPLE_BOUNDARY_KEY)
    pages = _pages(write_pdf(page, tmp_path / "diagnosis.pdf"))

    # Each section heading and the caption under its chart(s) print on the same page.
    assert _page_of(pages, "Dónde (") == _page_of(pages, "Áreas sombreadas")
    assert _page_of(pages, "Tendencia (") == _page_of(pages, "Sombreado: intervalo")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_assess_brief_is_a_pdf_of_at_most_two_pages_opening_with_the_summary(
    tmp_path: Path, lang: str
) -> None:
    from typer.testing import CliRunner

    from ovpkit.cli import app

    answers = Path(__file__).parents[2] / "examples" / "answers" / "edmonton.yaml"
    brief = tmp_path / "brief.pdf"
    run = CliRunner().invoke(app, ["assess", str(answers), "--brief", str(brief), "--lang", lang])

    assert run.exit_code == 0, run.output
    pages = _pages(brief)
    assert 1 <= len(pages) <= 2
    heading = {"en": "In one minute", "es": "En un minuto", "pt": "Em um minuto"}[lang]
    assert heading in pages[0]
