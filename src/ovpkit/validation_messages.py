"""Pydantic's validation errors as sentences in the reader's language.

Pydantic writes its messages in English only ("Input should be a valid integer",
"Extra inputs are not permitted"), and the people who fix an answers file, a mapping
database or a knowledge-base record read Spanish or Portuguese as often as English.
:func:`problem` turns one error into a translated sentence chosen by the error's
``type`` (the stable part of pydantic's error), using the error's context for the
numbers and the allowed values; :func:`field_path` names the field; :func:`summary`
gathers every problem of a record, each with its field, into one message.

A value read from the file is quoted as the person wrote it (``'20x0'``, ``2010``),
never as a Python ``repr``; a rare error type without a sentence here keeps
pydantic's English text rather than saying nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ovpkit import formats
from ovpkit.i18n import _, ngettext, pgettext

#: At most this many problems of one record are listed; the rest are counted.
MAX_PROBLEMS = 10

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)")


def field_path(loc: Sequence[int | str]) -> str:
    """ "sections #2.questions #1.id": names joined by dots, list positions from 1.

    Parts that pydantic adds for its own validators (``function-after[...]``) are
    not fields a person wrote, so they are left out.
    """
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            position = f"#{part + 1}"
            parts.append(f"{parts.pop()} {position}" if parts else position)
        elif "[" not in part:
            parts.append(part)
    return ".".join(parts)


def shown(value: Any) -> str:
    """A value from the file as the reader wrote it: text quoted, lists spelled out."""
    if isinstance(value, bool):
        # Translators: a yes/no value read from a file, quoted in an error message.
        return pgettext("value", "yes") if value else pgettext("value", "no")
    if value is None:
        return _("an empty value")
    if isinstance(value, int | float):
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    if isinstance(value, dict):
        return _written(value)
    if isinstance(value, list | tuple):
        return _("the list {items}").format(items=", ".join(shown(item) for item in value))
    text = str(value)
    return f"'{text[:77]}...'" if len(text) > 80 else f"'{text}'"


def _written(value: dict[Any, Any]) -> str:
    """A mapping as YAML's one-line form, ``{q: mandate.public, is: maybe}``."""
    try:
        text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, allow_unicode=True)
    except yaml.YAMLError:
        return _("a group of 'name: value' lines")
    text = " ".join(text.split())
    return text[:117] + "..." if len(text) > 120 else text


def one_of(values: Sequence[str]) -> str:
    """ "'a', 'b' or 'c'" in the current language (the allowed values of a field)."""
    quoted = [f"'{v}'" for v in values]
    if len(quoted) < 2:
        return "".join(quoted)
    return _("{items} or {last}").format(items=", ".join(quoted[:-1]), last=quoted[-1])


def allowed_values(expected: str) -> list[str]:
    """The values pydantic lists in a literal or enum error's ``expected`` text."""
    return [text or number for text, number in _QUOTED.findall(expected)]


def _limit(value: Any) -> str:
    """A bound from the model: whole numbers without separators (years, endnotes)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return formats.number(value) if isinstance(value, float) else str(value)


def _ctx(error: ErrorDetails, key: str) -> Any:
    return (error.get("ctx") or {}).get(key)


def _missing(error: ErrorDetails) -> str:
    return _("this field is required")


def _extra(error: ErrorDetails) -> str:
    return _("this field is not expected here; check its spelling or remove it")


def _whole(error: ErrorDetails) -> str:
    return _("should be a whole number, not {value}").format(value=shown(error["input"]))


def _number(error: ErrorDetails) -> str:
    return _("should be a valid number, not {value}").format(value=shown(error["input"]))


def _boolean(error: ErrorDetails) -> str:
    return _("should be true or false, not {value}").format(value=shown(error["input"]))


def _string(error: ErrorDetails) -> str:
    return _("should be a text, not {value}").format(value=shown(error["input"]))


def _choice(error: ErrorDetails) -> str:
    allowed = one_of(allowed_values(str(_ctx(error, "expected") or "")))
    return _("should be {allowed}, not {value}").format(
        allowed=allowed, value=shown(error["input"])
    )


def _greater(error: ErrorDetails) -> str:
    return _("should be more than {limit}").format(limit=_limit(_ctx(error, "gt")))


def _at_least(error: ErrorDetails) -> str:
    return _("should be at least {limit}").format(limit=_limit(_ctx(error, "ge")))


def _less(error: ErrorDetails) -> str:
    return _("should be less than {limit}").format(limit=_limit(_ctx(error, "lt")))


def _at_most(error: ErrorDetails) -> str:
    return _("should be at most {limit}").format(limit=_limit(_ctx(error, "le")))


def _multiple(error: ErrorDetails) -> str:
    return _("should be a multiple of {n}").format(n=_limit(_ctx(error, "multiple_of")))


def _short_text(error: ErrorDetails) -> str:
    n = int(_ctx(error, "min_length") or 1)
    if n == 1:
        return _("should not be empty")
    return ngettext(
        "should have at least {n} character", "should have at least {n} characters", n
    ).format(n=n)


def _long_text(error: ErrorDetails) -> str:
    n = int(_ctx(error, "max_length") or 0)
    return ngettext(
        "should have at most {n} character", "should have at most {n} characters", n
    ).format(n=n)


def _pattern(error: ErrorDetails) -> str:
    return _("{value} is not written in the expected form ({pattern})").format(
        value=shown(error["input"]), pattern=_ctx(error, "pattern")
    )


def _few_items(error: ErrorDetails) -> str:
    n = int(_ctx(error, "min_length") or 1)
    if n == 1:
        return _("should have at least one item")
    return ngettext("should have at least {n} item", "should have at least {n} items", n).format(
        n=n
    )


def _many_items(error: ErrorDetails) -> str:
    n = int(_ctx(error, "max_length") or 0)
    return ngettext("should have at most {n} item", "should have at most {n} items", n).format(n=n)


def _date(error: ErrorDetails) -> str:
    return _("should be a date written as YYYY-MM-DD (such as 2024-03-31), not {value}").format(
        value=shown(error["input"])
    )


def _datetime(error: ErrorDetails) -> str:
    return _(
        "should be a date and time written as YYYY-MM-DD HH:MM (such as 2024-03-31 18:30), "
        "not {value}"
    ).format(value=shown(error["input"]))


def _url(error: ErrorDetails) -> str:
    return _("should be a web address such as https://example.org, not {value}").format(
        value=shown(error["input"])
    )


def _list(error: ErrorDetails) -> str:
    return _("should be a list (one item per line, starting with '-'), not {value}").format(
        value=shown(error["input"])
    )


def _mapping(error: ErrorDetails) -> str:
    return _("should be a group of 'name: value' lines, not {value}").format(
        value=shown(error["input"])
    )


def _own(error: ErrorDetails) -> str:
    """A validator's own message: ovpkit's validators raise it already translated."""
    cause = _ctx(error, "error")
    return str(cause) if cause is not None and str(cause) else error["msg"]


_SENTENCES: dict[str, Callable[[ErrorDetails], str]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "int_parsing": _whole,
    "int_type": _whole,
    "int_from_float": _whole,
    "float_parsing": _number,
    "float_type": _number,
    "decimal_parsing": _number,
    "decimal_type": _number,
    "bool_parsing": _boolean,
    "bool_type": _boolean,
    "string_type": _string,
    "literal_error": _choice,
    "enum": _choice,
    "greater_than": _greater,
    "greater_than_equal": _at_least,
    "less_than": _less,
    "less_than_equal": _at_most,
    "multiple_of": _multiple,
    "string_too_short": _short_text,
    "string_too_long": _long_text,
    "string_pattern_mismatch": _pattern,
    "too_short": _few_items,
    "too_long": _many_items,
    "date_parsing": _date,
    "date_type": _date,
    "date_from_datetime_parsing": _date,
    "date_from_datetime_inexact": _date,
    "datetime_parsing": _datetime,
    "datetime_type": _datetime,
    "datetime_from_date_parsing": _datetime,
    "url_parsing": _url,
    "url_type": _url,
    "url_scheme": _url,
    "url_syntax_violation": _url,
    "url_too_long": _url,
    "list_type": _list,
    "tuple_type": _list,
    "set_type": _list,
    "dict_type": _mapping,
    "model_type": _mapping,
    "model_attributes_type": _mapping,
    "value_error": _own,
    "assertion_error": _own,
}


def problem(error: ErrorDetails) -> str:
    """One pydantic error as a sentence in the current language (pydantic's text if rare)."""
    sentence = _SENTENCES.get(error["type"])
    return sentence(error) if sentence is not None else error["msg"]


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    """Every (field, sentence) of ``exc``, each field once per distinct sentence."""
    found = [(field_path(error["loc"]), problem(error)) for error in exc.errors()]
    return list(dict.fromkeys(found))


def summary(exc: ValidationError, limit: int = MAX_PROBLEMS) -> tuple[str | None, str]:
    """(field, message) for an error about one record: its field, or a list of all.

    One problem keeps its field apart (the error's ``field``); several are listed in
    the message, each after its field, so one run shows everything to fix.
    """
    found = problems(exc)
    if len(found) == 1:
        field, sentence = found[0]
        return field or None, sentence
    listed = "; ".join(_with_field(field, sentence) for field, sentence in found[:limit])
    if len(found) > limit:
        more = len(found) - limit
        listed += "; " + ngettext("and {n} more", "and {n} more", more).format(n=more)
    return None, ngettext("{n} problem: {list}", "{n} problems: {list}", len(found)).format(
        n=len(found), list=listed
    )


def _with_field(field: str, sentence: str) -> str:
    if not field:
        return sentence
    return _("field '{f}'").format(f=field) + ": " + sentence
