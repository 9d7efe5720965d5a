"""The knowledge base in Spanish and Portuguese: explanatory texts translated, quotes not.

Expected wordings are the translators' (written here by hand), not recomputed by the code.
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.i18n import use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.translated import source_label, translated

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_translated_practice_in_spanish_keeps_id_and_quote() -> None:
    practice = next(p for p in load_knowledge_base().practices if p.id == "oakland-five-goals")

    with use_language("es"):
        spanish = translated(practice)

    assert spanish.title == "El mandato de Oakland fija cinco metas claras"
    assert (spanish.id, spanish.quote, spanish.citation) == (
        practice.id,
        practice.quote,
        practice.citation,
    )


def test_translated_criterion_translates_its_findings_and_takeaways() -> None:
    criterion = load_knowledge_base().criterion(9)

    with use_language("pt"):
        portuguese = translated(criterion)

    assert portuguese.key_takeaways[1].text == "Estabelecer uma linha de base."
    assert portuguese.findings[0].quote == criterion.findings[0].quote
    assert portuguese.findings[0].text != criterion.findings[0].text


def test_translated_in_english_is_the_record_itself() -> None:
    tradeoff = load_knowledge_base().tradeoffs[0]

    assert translated(tradeoff) == tradeoff


def test_source_label_translates_section_and_endnote() -> None:
    with use_language("es"):
        label = source_label("Part 3, Criterion 6: Appropriate and Sustainable Budget", 35)

    assert label == "Parte 3, criterio 6: Presupuesto adecuado y sostenible, nota final 35"


def test_cli_criteria_6_in_portuguese() -> None:
    output = _run("criteria", "6", "--lang", "pt")

    assert "6. Orçamento adequado e sustentável" in output
    assert "Constatações" in output and "Principais lições" in output and "Dilemas" in output
    assert "Buscar salvaguardas legais que estabilizem (ou ampliem) o orçamento" in output
    assert "Financiar programas com um tributo aprovado pelos eleitores" in output
    assert "Appropriate and sustainable budget" not in output
    assert "Aim for legal safeguards" not in output


def test_cli_criteria_6_json_in_portuguese_keeps_quotes_english() -> None:
    document = json.loads(_run("criteria", "6", "--lang", "pt", "--json"))

    assert document["name"] == "Orçamento adequado e sustentável"
    assert document["key_takeaways"][0]["text"].startswith("Buscar salvaguardas legais")
    assert "Aim for legal safeguards" in document["key_takeaways"][0]["quote"]


def test_cli_office_in_spanish_names_the_model_and_keeps_quotes() -> None:
    output = _run("office", "reach-edmonton", "--lang", "es")

    assert "Modelo: Consejo independiente (“sistema local de prevención”)" in output
    assert "REACH codiseña cada iniciativa con la comunidad" in output
    assert "REACH assigns interventions" in output  # a quote, verbatim


def test_cli_search_in_spanish_shows_translated_hits() -> None:
    hits = json.loads(_run("search", "voter-approved tax", "--lang", "es", "--json"))

    practice = next(h for h in hits if h["id"] == "oakland-voter-approved-tax")
    assert (
        practice["title"] == "Oakland financia programas con un impuesto aprobado por los votantes"
    )
    assert "voter-approved" in practice["quote"]


def test_cli_rejects_a_language_without_a_catalog() -> None:
    result = runner.invoke(app, ["criteria", "1", "--lang", "fr"], env={"COLUMNS": "200"})

    assert result.exit_code == 2
    assert "en, es, pt" in result.output
