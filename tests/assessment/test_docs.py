"""The generated documents match their sources: docs/rubric.md and the agreement table."""

from __future__ import annotations

from pathlib import Path

from ovpkit.assessment.docs import rubric_document, validation_document

DOCS = Path(__file__).resolve().parents[2] / "docs"
HINT = "run: .venv/bin/python scripts/assessment_docs.py"


def test_rubric_doc_is_generated_from_the_rubric_data() -> None:
    assert (DOCS / "rubric.md").read_text(encoding="utf-8") == rubric_document(), HINT


def test_validation_doc_table_matches_the_engine() -> None:
    current = (DOCS / "validation.md").read_text(encoding="utf-8")
    assert current == validation_document(current), HINT


def test_rubric_doc_names_every_check_and_its_source() -> None:
    text = rubric_document()
    assert text.count("  - Source: ") == 57
    assert "`politics-other-levels`" in text
