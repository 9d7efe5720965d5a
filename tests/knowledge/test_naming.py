"""Offices and criteria named one way, in the reader's language; codes shown as labels."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.i18n import use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.models import (
    FUNDING_SOURCE_LABELS,
    OFFICE_MODEL_LABELS,
    POLICE_JURISDICTION_LABELS,
    PREVENTION_LEVEL_LABELS,
    LocalName,
)
from ovpkit.knowledge.naming import office_name, office_title

KB = load_knowledge_base()


def test_office_with_a_local_name_shows_it_alone_in_its_language() -> None:
    cali = KB.office("cali-spcc")
    with use_language("es"):
        assert office_name(cali) == "Secretaría de Paz y Cultura Ciudadana"
    with use_language("pt"):
        assert office_name(KB.office("pelotas-ggim")) == "Gabinete de Gestão Integral Municipal"


def test_office_with_a_local_name_adds_the_translated_description_elsewhere() -> None:
    with use_language("en"):
        assert office_name(KB.office("pelotas-ggim")) == (
            "Gabinete de Gestão Integral Municipal (Municipal Integrated Management Office)"
        )
    with use_language("es"):
        name = office_name(KB.office("pelotas-ggim"))
    assert name.startswith("Gabinete de Gestão Integral Municipal (") and "Office" not in name


def test_descriptive_name_is_translated_and_an_own_english_name_is_not() -> None:
    with use_language("es"):
        assert office_name(KB.office("cali-ssj")) == "Secretaría de Seguridad y Justicia"
        assert office_name(KB.office("reach-edmonton")) == KB.office("reach-edmonton").name


@pytest.mark.parametrize(
    ("slug", "words"), [("rosario", "todavía sin oficina"), ("bristol-vpc", "propuesta")]
)
def test_office_status_is_said_in_the_readers_language(slug: str, words: str) -> None:
    with use_language("es"):
        assert words in office_title(KB.office(slug))


def test_local_name_must_be_in_its_quote() -> None:
    with pytest.raises(ValueError, match="verbatim"):
        LocalName(
            text="Secretaría de Seguridad",
            lang="es",
            citation={"section": "appendix"},  # type: ignore[arg-type]
            quote="the report never prints this office's Spanish name",
        )


def test_code_labels_are_the_knowledge_bases_names() -> None:
    """One label per code: the one kept with the code equals the framework record's name."""
    pairs = [
        (OFFICE_MODEL_LABELS, KB.office_models),
        (POLICE_JURISDICTION_LABELS, KB.police_jurisdictions),
        (FUNDING_SOURCE_LABELS, KB.funding_sources),
        (PREVENTION_LEVEL_LABELS, KB.prevention_levels),
    ]
    for labels, records in pairs:
        assert {r.id: r.name for r in records} == dict(labels)


def test_cli_facts_show_units_and_offices_in_spanish() -> None:
    result = CliRunner().invoke(app, ["facts", "--office", "pelotas-ggim", "--lang", "es"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "38 %" in out and "percent" not in out
    assert "pelotas-ggim" not in out  # the office by its name, not its slug
