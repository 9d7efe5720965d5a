"""Spanish and Portuguese: every interface, question, rubric and recommendation text.

Scope: the assessment, publishing and questionnaire/rubric messages (other areas' messages
are merged into the same catalogs by scripts/i18n_catalogs.py and translated there too).
"""

from __future__ import annotations

import re

import pytest

from ovpkit.assessment.questionnaire import Questionnaire
from ovpkit.assessment.template import questionnaire_template
from ovpkit.i18n import _, use_language
from ovpkit.i18n_catalogs import missing, read_catalog, source_messages

OWN = (
    "assessment/",
    "publish/",
    "cli/assess.py",
    "questionnaire.yaml",
    "rubric.yaml",
    "knowledge:",
    "data:",
)
PLACEHOLDER = re.compile(r"\{[a-z_]*[^}]*\}|%\([a-z_]+\)[ds]")


def _own_ids() -> set[str]:
    ids = set()
    for message in source_messages():
        if message.id and any(f.startswith(OWN) for f, _line in message.locations):
            ids.add(message.id if isinstance(message.id, str) else message.id[0])
    return ids


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_catalog_has_every_message_of_the_assessment(lang: str) -> None:
    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalog(lang)}
    stale = sorted(_own_ids() - catalog_ids)
    assert not stale, "run: .venv/bin/python scripts/i18n_catalogs.py\n" + "\n".join(stale)


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_catalog_translates_every_message_of_the_assessment(lang: str) -> None:
    untranslated = missing(read_catalog(lang), origins=OWN)
    assert not untranslated, "\n".join(untranslated)


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_translations_keep_their_placeholders(lang: str) -> None:
    for message in read_catalog(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for text in strings:
            if text:
                assert sorted(PLACEHOLDER.findall(text)) == expected, (message.id, text)


def test_translation_switches_with_the_language() -> None:
    with use_language("es"):
        spanish = _("Current strengths")
    with use_language("pt"):
        portuguese = _("Current strengths")
    assert (spanish, portuguese) == ("Fortalezas actuales", "Pontos fortes atuais")
    assert _("Current strengths") == "Current strengths"


def test_template_in_spanish_translates_the_questions(questionnaire: Questionnaire) -> None:
    with use_language("es"):
        text = questionnaire_template(questionnaire)
    assert "# ¿Existe un mandato escrito" in text
    assert "mandate.written: unknown" in text
