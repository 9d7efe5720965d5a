"""Rosario's assessment report in Spanish and Portuguese: peer exemplars and tradeoffs in
the reader's language, the report's quotes in English.

The expected translations are read from the ``.po`` files with babel, as data; a few are
also written out by hand.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.knowledge import load_knowledge_base

ROOT = Path(__file__).resolve().parents[2]
ROSARIO = ROOT / "examples" / "answers" / "rosario.yaml"
LOCALE = ROOT / "src" / "ovpkit" / "locale"
runner = CliRunner()


def _catalog(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "ovpkit.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}


@pytest.fixture(scope="module")
def rosario_english() -> dict[str, object]:
    result = runner.invoke(app, ["assess", str(ROSARIO), "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _report(lang: str, tmp_path: Path) -> str:
    page = tmp_path / f"rosario-{lang}.html"
    result = runner.invoke(app, ["assess", str(ROSARIO), "--html", str(page), "--lang", lang])
    assert result.exit_code == 0, result.output
    return html.unescape(page.read_text(encoding="utf-8"))


def _peer_texts(document: dict[str, object]) -> tuple[list[str], list[str], list[str]]:
    """English exemplar summaries, tradeoff gains and costs, and their quotes."""
    base = load_knowledge_base()
    practices = {p.id: p for p in base.practices}
    tradeoffs = {t.id: t for t in base.tradeoffs}
    criteria = document["criteria"]
    assert isinstance(criteria, list)
    summaries, tradeoff_texts, quotes = [], [], []
    for criterion in criteria:
        for exemplar in criterion["exemplars"]:
            practice = practices[exemplar["practice"]]
            summaries.append(practice.summary)
            quotes.append(practice.quote)
        for note in criterion["tradeoffs"]:
            tradeoff = tradeoffs[note["id"]]
            tradeoff_texts += [tradeoff.topic, tradeoff.gain, tradeoff.cost]
            quotes.append(tradeoff.quote)
    return summaries, tradeoff_texts, quotes


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_report_shows_exemplars_and_tradeoffs_translated_and_quotes_in_english(
    lang: str, rosario_english: dict[str, object], tmp_path: Path
) -> None:
    summaries, tradeoff_texts, quotes = _peer_texts(rosario_english)
    catalog = _catalog(lang)

    page = _report(lang, tmp_path)

    assert summaries and tradeoff_texts
    for english in (*summaries, *tradeoff_texts):
        assert catalog[english] in page, english
        assert english not in page, english
    for quote in quotes:
        assert quote in page


def test_spanish_report_reads_as_the_translators_wrote_it(tmp_path: Path) -> None:
    page = _report("es", tmp_path)

    assert "Disyuntiva: Cuánto invertir en el diagnóstico" in page
    assert "está fijado por ley municipal (Ley 5828, art. 10)" in page
    assert "Parte 3, criterio 6: Presupuesto adecuado y sostenible" in page  # a footnote
    assert "Peer exemplars and tradeoffs" not in page
