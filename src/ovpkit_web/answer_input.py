"""What a respondent typed in the questionnaire form, as the answers file's raw answers.

The form sends plain strings (``value:<id>``, ``evidence:<id>``, ``note:<id>``); this
module turns them into what a person would write in the YAML file, reading numbers in
the reader's own format (``1.234,5`` in Spanish). It decides nothing about validity: the
core's loader does, through :func:`ovpkit_web.drafts.check_answer`. Only evidence links
are checked here, because a link is shown as a link on the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import QueryDict
from django.utils.translation import gettext as _

from ovpkit import formats
from ovpkit.assessment.questionnaire import Question, QuestionType
from ovpkit.i18n import current_language

_LINK = URLValidator(schemes=["http", "https"])


class LinkError(ValueError):
    """An evidence line that looks like a link but is not an http(s) address."""


@dataclass(frozen=True)
class Shown:
    """A stored raw answer as the form shows it."""

    values: tuple[str, ...]
    evidence: str
    note: str


def raw_answer(question: Question, data: QueryDict, previous: Any) -> Any:
    """The raw answer for ``question`` from the form, or None when nothing is said."""
    value = _value(question, data.getlist(f"value:{question.id}"))
    evidence = _evidence(data.get(f"evidence:{question.id}", ""), previous)
    note = data.get(f"note:{question.id}", "").strip()
    if value is None and not evidence and not note:
        return None
    if not evidence and not note:
        return value
    answer: dict[str, Any] = {"value": "unknown" if value is None else value}
    if evidence:
        answer["evidence"] = evidence
    if note:
        answer["note"] = note
    return answer


def shown(question: Question, raw: Any) -> Shown:
    """The stored answer as strings for the form's fields (numbers in the reader's format)."""
    mapping = raw if isinstance(raw, dict) else {"value": raw}
    value = mapping.get("value")
    evidence = mapping.get("evidence") or []
    items = evidence if isinstance(evidence, list) else [evidence]
    links = [item if isinstance(item, str) else item.get("source") for item in items]
    return Shown(
        values=_shown_values(question, value),
        evidence="\n".join(str(link) for link in links if link),
        note=str(mapping.get("note") or ""),
    )


def is_link(text: str) -> bool:
    """True for an http(s) address, the only evidence the site shows as a link."""
    try:
        _LINK(text)
    except ValidationError:
        return False
    return True


def _value(question: Question, values: list[str]) -> Any:
    texts = [v.strip() for v in values if v.strip()]
    if not texts or texts == ["unknown"]:
        return None
    if question.type is QuestionType.CHOICES:
        return texts
    text = texts[0] if question.type is not QuestionType.TEXT else values[0].strip()
    if question.type is QuestionType.NUMBER:
        return _number(text)
    if question.type is QuestionType.BUDGET:
        return [_budget_row(line) for line in text.splitlines() if line.strip()]
    return text


def _number(text: str) -> Any:
    """A number in the reader's format (or the text as typed, which the core refuses).

    Strict: a lenient parse took the other language's decimal mark for a thousands
    separator, so "36.6" on a Spanish page became 366; now a number that fits the
    reader's format only by dropping a mark is refused with the field named."""
    try:
        parsed = parse_decimal(text, locale=formats.locale(current_language()), strict=True)
    except NumberFormatError:
        return text
    return int(parsed) if parsed == parsed.to_integral_value() else float(parsed)


def _budget_row(line: str) -> Any:
    """``year; source; amount; currency`` as the file's row (as typed when it is not)."""
    parts = [part.strip() for part in line.split(";")]
    if len(parts) != 4:
        return line.strip()
    year, source, amount, currency = parts
    return {
        "year": int(year) if year.isdigit() else year,
        "source": source,
        "amount": _number(amount),
        "currency": currency,
    }


def _evidence(text: str, previous: Any) -> list[Any]:
    """Links typed one per line, plus the report passages the stored answer cites."""
    links: list[Any] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if ":" in line.split("/", 1)[0] and not is_link(line):
            raise LinkError(
                _("'%(link)s' is not a web address (http:// or https://).") % {"link": line}
            )
        links.append(line)
    return links + _passages(previous)


def _passages(previous: Any) -> list[Any]:
    """Evidence without a link (a report section and quote) is kept as it was."""
    if not isinstance(previous, dict):
        return []
    items = previous.get("evidence") or []
    items = items if isinstance(items, list) else [items]
    return [item for item in items if isinstance(item, dict) and not item.get("source")]


def _shown_values(question: Question, value: Any) -> tuple[str, ...]:
    if value is None or value == "unknown":
        return ()
    if isinstance(value, list) and question.type is QuestionType.BUDGET:
        return ("\n".join(_budget_line(row) for row in value),)
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (formats.year(value) if question.unit == "year" else _plain_number(value),)
    return (str(value),)


def _plain_number(value: float) -> str:
    return formats.number(value, places=10)


def _budget_line(row: Any) -> str:
    if not isinstance(row, dict):
        return str(row)
    amount = row.get("amount")
    shown_amount = _plain_number(amount) if isinstance(amount, int | float) else str(amount)
    return "; ".join(str(x) for x in (row.get("year"), row.get("source"), shown_amount)) + (
        f"; {row.get('currency')}"
    )
