"""Every loading error of a knowledge-base folder reads in es and pt."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.error_language import error_text
from tests.message_language import not_for_reader

from ovpkit.errors import KnowledgeError
from ovpkit.i18n import use_language
from ovpkit.knowledge import ReportText, load_knowledge_base

FACT = """\
facts:
  - id: a-fact
    statement: Something the report says.
    kind: context
    offices: []
    citation: {section: part2/selection}
    quote: "The mapping database was composed of the following four sections"
"""

BAD_KB = {
    "wrong type": FACT.replace("kind: context", "kind: context\n    value: many"),
    "misspelt field": FACT.replace("statement:", "statment:"),
    "several problems": FACT.replace("statement:", "statment:").replace("kind: context", "kind: x"),
    "unknown section": FACT.replace("part2/selection", "part9/nowhere"),
    "endnote out of range": FACT.replace("selection}", "selection, endnote: 99}"),
    "unknown collection": "factz: []\n",
    "not a list": "facts: {a: 1}\n",
    "not a mapping": "- a\n- b\n",
    "bad yaml": "facts:\n  - id: a\n   kind: x\n",
    "duplicate id": FACT + FACT.removeprefix("facts:\n"),
    "unknown office": FACT.replace("offices: []", "offices: [atlantis]"),
}


def _raised(directory: Path, lang: str) -> KnowledgeError:
    with use_language(lang), pytest.raises(KnowledgeError) as caught:
        load_knowledge_base(directory)
    return caught.value


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("case", [*sorted(BAD_KB), "empty folder", "missing folder"])
def test_knowledge_error_reads_in_the_reader_language(case: str, lang: str, tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    if case != "missing folder":
        directory.mkdir()
    if case in BAD_KB:
        (directory / "facts.yaml").write_text(BAD_KB[case], encoding="utf-8")

    english, translated = _raised(directory, "en"), _raised(directory, lang)

    assert not_for_reader(error_text(translated), lang, error_text(english)) == []
    assert translated.message != english.message


def test_knowledge_record_lists_every_problem_with_its_field(tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    directory.mkdir()
    (directory / "facts.yaml").write_text(BAD_KB["several problems"], encoding="utf-8")

    error = _raised(directory, "es")

    assert error.field is None
    assert "campo 'statement': este campo es obligatorio" in error.message
    assert "campo 'statment'" in error.message
    assert "campo 'kind'" in error.message
    assert error.record == "facts #1 'a-fact' (línea 2)"


def test_quote_problem_reads_in_the_reader_language(report_raw: str) -> None:
    report = ReportText.from_text(report_raw)

    with use_language("pt"):
        missing = report.find("a sentence the report never wrote at all", "part2/selection")
        elsewhere = report.find("Lessons from Effective Offices", "part2/selection")

    assert missing == "não está no relatório"
    assert elsewhere == "está no relatório, mas não na seção 'part2/selection'"
