"""Names a user's file writes as the report does read in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from ovpkit import formats
from ovpkit.i18n import use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.knowledge.models import Office
from ovpkit.knowledge.naming import known_office_name


@pytest.fixture(scope="module")
def offices() -> Sequence[Office]:
    return load_knowledge_base().offices


def test_a_report_office_described_in_english_is_translated(offices: Sequence[Office]) -> None:
    with use_language("es"):
        assert known_office_name("Crime Prevention Office", offices) != "Crime Prevention Office"
        assert known_office_name("Crime Prevention Office (SOS-KKP)", offices).endswith(
            " (SOS-KKP)"
        )


def test_an_office_with_its_own_english_name_keeps_it(offices: Sequence[Office]) -> None:
    own = next(o for o in offices if o.name_official)

    with use_language("es"):
        assert known_office_name(own.name, offices) == own.name


def test_a_name_the_report_does_not_know_is_shown_as_written(offices: Sequence[Office]) -> None:
    with use_language("pt"):
        assert known_office_name("Oficina Municipal de Paz (OMP)", offices) == (
            "Oficina Municipal de Paz (OMP)"
        )


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Belgium", "es", "Bélgica"),
        ("United States", "pt", "Estados Unidos"),
        ("Brazil", "en", "Brazil"),
        ("Atlantis", "es", "Atlantis"),
    ],
)
def test_country_names_come_from_the_cldr(name: str, lang: str, expected: str) -> None:
    assert formats.country(name, lang=lang) == expected
