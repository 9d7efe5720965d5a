"""The Spanish and Portuguese catalogs cover every message of ovpkit, and only those.

The catalogs are read as data (babel's ``read_po``), independently of the code that uses
them. Messages from the shipped YAML lose their origin when a ``.po`` file is read back
(their locations have no line number), so coverage is checked against the source
messages rather than against the origins recorded in the files.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from ovpkit.i18n_catalogs import read_catalog, source_messages
from ovpkit.knowledge import COLLECTIONS, load_knowledge_base
from ovpkit.knowledge.models import Finding, Takeaway, Text
from ovpkit.knowledge.translated import TEXT_FIELDS, knowledge_texts

LANGS = ("es", "pt")
#: Text fields of the knowledge base that stay as the report has them: names of places,
#: offices and people, and the Part 4 charts (verbatim cells of the report's tables).
NOT_TRANSLATED = {
    ("offices", "city"),
    ("offices", "country"),
    ("offices", "name"),
    ("charts", "title"),
}


def _source_ids() -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in source_messages() if m.id}


def _filled(string: str | tuple[str, ...]) -> bool:
    return all(string) if isinstance(string, tuple) else bool(string)


@pytest.fixture(scope="module")
def source_ids() -> set[str]:
    return _source_ids()


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_message_of_ovpkit(lang: str, source_ids: set[str]) -> None:
    catalog = read_catalog(lang)
    untranslated = sorted(
        text for text in source_ids if (m := catalog.get(text)) is None or not _filled(m.string)
    )
    assert not untranslated, (
        "run .venv/bin/python scripts/i18n_catalogs.py, then translate:\n" + "\n".join(untranslated)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_no_message_the_source_lost(lang: str, source_ids: set[str]) -> None:
    stale = sorted(
        m.id
        for m in read_catalog(lang)
        if m.id and isinstance(m.id, str) and m.id not in source_ids
    )
    assert not stale, "run .venv/bin/python scripts/i18n_catalogs.py\n" + "\n".join(stale)


def test_catalogs_carry_the_knowledge_base_texts_but_never_its_quotes(
    source_ids: set[str],
) -> None:
    base = load_knowledge_base()
    texts = {text for _origin, text in knowledge_texts(base)}
    quotes = {quote for _label, _citation, quote in base.cited_texts()}

    assert texts <= source_ids
    assert not (quotes - texts) & source_ids


def _is_text(annotation: object) -> bool:
    """Whether a field holds the knowledge base's free text (``Text`` or tuples of it)."""
    if typing.get_origin(annotation) is tuple:
        return _is_text(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is not typing.Annotated:
        return False
    return typing.get_args(annotation)[1:] == typing.get_args(Text)[1:]


def _text_fields(model: type[BaseModel]) -> Iterator[str]:
    hints = typing.get_type_hints(model, include_extras=True)
    return (name for name in model.model_fields if _is_text(hints[name]))


def test_every_explanatory_field_of_the_knowledge_base_is_translatable() -> None:
    models = {**COLLECTIONS, "findings": Finding, "key_takeaways": Takeaway}
    forgotten = [
        f"{collection}.{name}"
        for collection, model in models.items()
        for name in _text_fields(model)
        if (collection, name) not in NOT_TRANSLATED and name not in TEXT_FIELDS.get(model, ())  # type: ignore[call-overload]
    ]
    assert not forgotten, "add these to ovpkit.knowledge.translated.TEXT_FIELDS"
