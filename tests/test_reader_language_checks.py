"""The reader-language check finds what it must, and leaves alone what is English on purpose."""

from __future__ import annotations

import pytest
from tests.reader_language import problems, visible_text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nivel medio 0.7", "English decimal"),
        ("1280.0 víctimas", "English decimal"),
        ("13,341 víctimas", "English thousands"),
        ("fundada en 2,005", "English thousands"),
        ("etapa scale_up", "code"),
        ("publicado: True", "Python value"),
        ("Secretariats of Security and Justice", "English words"),
        ("Resumen: Levels by criterion", "English"),
    ],
)
def test_check_finds_what_a_spanish_reader_should_not_see(text: str, kind: str) -> None:
    found = problems(text, "es")

    assert any(p.startswith(kind) for p in found), found


@pytest.mark.parametrize(
    "text", ["13.341 víctimas", "nivel medio 0,7", "razón 1,000 (0,702 a 1,000)", "año 2005"]
)
def test_check_accepts_spanish_numbers(text: str) -> None:
    assert problems(text, "es") == []


def test_visible_text_leaves_out_quotes_code_and_marked_english() -> None:
    html = (
        "<p>Según el informe <q>the office was created</q>, use <code>scale_up</code>; "
        '<span lang="en">Office of Violence Prevention</span><br>fin</p>'
        "<svg><metadata>2026-12-03T08:37:08.369729</metadata></svg>"
    )

    assert visible_text(html) == "Según el informe , use ; fin"
