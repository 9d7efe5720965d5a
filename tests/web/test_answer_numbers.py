"""A number typed in the questionnaire is read in the reader's format, never multiplied by ten.

A lenient parse took the other language's decimal mark for a thousands separator: "36.6" on a
Spanish page was stored as 366. A number that fits the reader's format only by dropping a mark
is now kept as typed, so the core refuses it with the field named, instead of a wrong value.
"""

from __future__ import annotations

import pytest
from django.http import QueryDict

from ovpkit.assessment.questionnaire import Question, QuestionType, load_questionnaire
from ovpkit.i18n import use_language
from ovpkit_web.answer_input import raw_answer


def _number_question() -> Question:
    return next(q for q in load_questionnaire().questions if q.type is QuestionType.NUMBER)


def _read(lang: str, typed: str) -> object:
    question = _number_question()
    data = QueryDict(mutable=True)
    data[f"value:{question.id}"] = typed
    with use_language(lang):
        return raw_answer(question, data, None)


@pytest.mark.parametrize(
    ("lang", "typed", "read"),
    [("es", "36,6", 36.6), ("pt", "36,6", 36.6), ("en", "36.6", 36.6),
     ("es", "1.280", 1280), ("pt", "1.234,5", 1234.5), ("en", "1,280", 1280), ("es", "12", 12)],
)  # fmt: skip
def test_numbers_in_the_readers_format_are_read(lang: str, typed: str, read: float) -> None:
    assert _read(lang, typed) == read


@pytest.mark.parametrize(("lang", "typed"), [("es", "36.6"), ("pt", "36.6"), ("en", "36,6")])
def test_the_other_languages_decimal_mark_is_never_dropped(lang: str, typed: str) -> None:
    assert _read(lang, typed) not in (366, 366.0)
