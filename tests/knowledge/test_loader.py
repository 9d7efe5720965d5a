"""Loading errors name the file, the line, the record and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ovpkit.errors import KnowledgeError
from ovpkit.knowledge import builtin_directory, load_knowledge_base

GOOD_FACT = """\
facts:
  - id: a-fact
    statement: Something the report says.
    kind: context
    citation: {section: part2/selection}
    quote: "The mapping database was composed of the following four sections"
"""


def _kb_with(tmp_path: Path, name: str, text: str) -> Path:
    directory = tmp_path / "kb"
    directory.mkdir()
    (directory / name).write_text(text, encoding="utf-8")
    return directory


def _error(directory: Path) -> str:
    with pytest.raises(KnowledgeError) as error:
        load_knowledge_base(directory)
    return str(error.value)


def test_loader_reads_a_minimal_valid_file(tmp_path: Path) -> None:
    base = load_knowledge_base(_kb_with(tmp_path, "facts.yaml", GOOD_FACT))

    assert [f.id for f in base.facts] == ["a-fact"]


def test_loader_names_line_record_and_field_of_a_misspelt_field(tmp_path: Path) -> None:
    text = GOOD_FACT + "  - id: second\n    statment: typo\n"

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "facts.yaml" in message
    assert "#2 'second' (line 7)" in message
    assert "field 'statment'" in message


def test_loader_names_a_wrong_type(tmp_path: Path) -> None:
    text = GOOD_FACT.replace("kind: context", "kind: context\n    value: many")

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "field 'value'" in message
    assert "valid number" in message


def test_loader_rejects_an_unknown_section(tmp_path: Path) -> None:
    text = GOOD_FACT.replace("part2/selection", "part9/nowhere")

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "field 'citation.section'" in message
    assert "unknown section 'part9/nowhere'" in message


def test_loader_reports_broken_yaml_with_its_line(tmp_path: Path) -> None:
    text = GOOD_FACT + "  - id: [unclosed\n"

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "facts.yaml" in message
    assert "not valid YAML (line" in message


def test_loader_rejects_an_unknown_collection(tmp_path: Path) -> None:
    message = _error(_kb_with(tmp_path, "x.yaml", "factoids: []\n"))

    assert "unknown collection 'factoids'" in message


def test_loader_rejects_a_reference_to_an_unknown_office(tmp_path: Path) -> None:
    text = GOOD_FACT.replace("kind: context", "kind: context\n    offices: [atlantis]")

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "atlantis" in message
    assert "field 'offices'" in message


def test_loader_rejects_duplicate_ids(tmp_path: Path) -> None:
    message = _error(_kb_with(tmp_path, "facts.yaml", GOOD_FACT + GOOD_FACT[7:]))

    assert "more than once: a-fact" in message


def test_loader_rejects_an_overlong_quote(tmp_path: Path) -> None:
    text = GOOD_FACT.replace('quote: "The mapping', 'quote: "' + "x" * 400 + " The mapping")

    message = _error(_kb_with(tmp_path, "facts.yaml", text))

    assert "field 'quote'" in message


def test_loader_shipped_base_survives_a_copy(tmp_path: Path) -> None:
    shipped = Path(str(builtin_directory()))
    copy = tmp_path / "copy"
    shutil.copytree(shipped, copy)

    assert load_knowledge_base(copy) == load_knowledge_base()
