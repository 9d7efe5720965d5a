"""Pydantic's errors as sentences in the reader's language, chosen by the error's type."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, field_validator
from tests.message_language import not_for_reader

from ovpkit.i18n import _, use_language
from ovpkit.validation_messages import MAX_PROBLEMS, field_path, problem, shown, summary


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = 0
    share: float = 0.0
    active: bool = False
    label: str = "x"
    level: Literal["primary", "secondary", "tertiary"] = "primary"
    year: int = Field(default=2000, ge=1900, le=2100)
    endnote: int = Field(default=1, gt=0, lt=64)
    tags: list[str] = Field(default_factory=list, min_length=0, max_length=2)
    on: date = date(2020, 1, 1)
    url: HttpUrl | None = None
    items: list[Item] = Field(default_factory=list)
    slug: str = Field(default="a", pattern=r"^[a-z]+$")
    section: str = "part1"

    @field_validator("section")
    @classmethod
    def _known(cls, value: str) -> str:
        if value == "nowhere":
            raise ValueError(_("not found in the report"))
        return value


BAD = {
    "count": "many",
    "share": "half",
    "active": "perhaps",
    "label": 3,
    "level": "quaternary",
    "year": 1066,
    "endnote": 99,
    "tags": ["a", "b", "c"],
    "on": "31/03/2024",
    "url": "not a web address",
    "slug": "Not-A-Slug",
    "colour": "blue",
    "section": "nowhere",
}


def _error(raw: dict[str, object]) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Record.model_validate(raw)
    return caught.value


def _sentence(field: str, value: object, lang: str) -> str:
    with use_language(lang):
        return problem(_error({field: value}).errors()[0])


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("field", sorted(BAD))
def test_problem_reads_in_the_reader_language(field: str, lang: str) -> None:
    english = _sentence(field, BAD[field], "en")
    translated = _sentence(field, BAD[field], lang)

    assert translated != english
    assert not_for_reader(translated, lang, english) == []


def test_problem_never_passes_pydantic_english_for_the_common_types() -> None:
    for field, value in BAD.items():
        sentence = _sentence(field, value, "en")
        assert "Input should" not in sentence and "Extra inputs" not in sentence, field


def test_problem_lists_the_allowed_values_in_the_reader_language() -> None:
    assert _sentence("level", "quaternary", "es") == (
        "debe ser 'primary', 'secondary' o 'tertiary', no 'quaternary'"
    )


def test_problem_writes_a_bound_as_the_model_states_it() -> None:
    assert _sentence("year", 1066, "en") == "should be at least 1900"
    assert _sentence("endnote", 99, "pt") == "deve ser menor que 64"


def test_problem_of_a_validator_is_its_own_translated_message() -> None:
    assert _sentence("section", "nowhere", "es") == "no está en el informe"


def test_problem_of_a_rare_type_keeps_pydantic_text() -> None:
    error = {"type": "complex_type", "loc": ("x",), "msg": "Input is odd", "input": 1}

    assert problem(error) == "Input is odd"  # type: ignore[arg-type]


def test_field_path_counts_list_positions_from_one() -> None:
    error = _error({"items": [{"name": "a"}, {"name": ""}]}).errors()[0]

    assert field_path(error["loc"]) == "items #2.name"


def test_shown_writes_values_as_a_person_wrote_them() -> None:
    with use_language("es"):
        assert shown(["a", "b"]) == "la lista 'a', 'b'"
        assert shown(True) == "sí"
        assert shown(None) == "un valor vacío"
    assert shown({"q": "x", "is": "maybe"}) == "{q: x, is: maybe}"
    assert shown(2010) == "2010"
    assert shown(1250000.5) == "1250000.5"


def test_summary_keeps_the_field_of_a_single_problem() -> None:
    with use_language("pt"):
        field, message = summary(_error({"count": "many"}))

    assert field == "count"
    assert message == "deve ser um número inteiro, não 'many'"


def test_summary_lists_every_problem_with_its_field() -> None:
    with use_language("es"):
        field, message = summary(_error({"count": "many", "colour": 1}))

    assert field is None
    assert message.startswith("2 problemas: ")
    assert "campo 'count': debe ser un número entero, no 'many'" in message
    assert "campo 'colour': este campo no corresponde aquí" in message


def test_summary_counts_the_problems_beyond_the_limit() -> None:
    error = _error({f"extra{i}": i for i in range(MAX_PROBLEMS + 3)})

    _field, message = summary(error)

    assert message.count("field '") == MAX_PROBLEMS
    assert message.endswith("and 3 more")
