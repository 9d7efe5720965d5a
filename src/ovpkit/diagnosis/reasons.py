"""Why a row was set aside: one stable English text for machines, a sentence for people.

The ``quarantine`` table and the JSON outputs keep each reason in English, written
from the templates below, so a script (or a test) can match it whatever language the
office reads. :func:`reason_text` turns a stored reason back into a sentence in the
current language for the ingest report and ``ovpkit data quarantine``: it finds the
template the reason was written from and translates it, keeping the values (a column
name, the date formats, a reason the mapping's author wrote) as they were.

A reason without a template (one stored by an older version) is shown as stored.
"""

from __future__ import annotations

import re
from functools import cache

from ovpkit.i18n import N_, _, pgettext

#: Prefix of the reasons for rows the mapping itself leaves out (not unreadable rows).
EXCLUDED = "excluded: "

MISSING_VALUE = N_("missing value (this field is required)")
NOT_NUMBER = N_("not a number")
NOT_WHOLE = N_("not a whole number")
NEGATIVE = N_("negative count")
TOO_LARGE = N_("number too large")
AGE_NOT_NUMBER = N_("age is not a number")
AGE_OUTSIDE = N_("age outside 0 to 120")
AGE_GROUP = N_("unrecognised age group; add it under 'values:' as 'lo-hi', 'lo+' or null")
MISSING_DATE = N_("missing date")
NOT_DATE = N_("not a date in the format(s) {formats}")
DATE_OUTSIDE = N_("date outside 1900 to next year")
NOT_DATA = N_("not a data row (blank line, note, title or footer)")
RAGGED = N_("row has {n} cells, more than the header")
RAGGED_MANY = N_("row has more than {n} cells, more than the header")
LONG_LINE = N_("line longer than {n} MB")
UNREADABLE_LINE = N_("the line cannot be read as CSV (check its quotes and delimiters)")
COORDINATE = N_("coordinate out of range")
NOT_PACKED = N_("not a packed list of participants (expected {written})")
INDEX_TWICE = N_("a participant index appears twice")
STRAY = N_("a participant listed here is not in {column} (index mismatch)")
NO_PARTICIPANTS = N_("excluded: no participants listed in {column}")
NOBODY = N_("excluded: no participant whose {column} is {values}")
EXCLUDED_BY_RULE = N_("excluded: {reason}")
DUPLICATE = N_("excluded: exact copy of row {n}")

#: The unknown-code reason of each coded parse (the kind of code is part of the sentence).
UNKNOWN_CODE = {
    "text": N_("unrecognised text code; add it under 'values:' in the mapping"),
    "area": N_("unrecognised area code; add it under 'values:' in the mapping"),
    "sex": N_("unrecognised sex code; add it under 'values:' in the mapping"),
    "yes/no": N_("unrecognised yes/no code; add it under 'values:' in the mapping"),
}

#: Every template, most specific first: the rule's own reason matches anything after
#: the prefix, so it comes last.
TEMPLATES: tuple[str, ...] = (
    MISSING_VALUE,
    NOT_NUMBER,
    NOT_WHOLE,
    NEGATIVE,
    TOO_LARGE,
    AGE_NOT_NUMBER,
    AGE_OUTSIDE,
    AGE_GROUP,
    MISSING_DATE,
    NOT_DATE,
    DATE_OUTSIDE,
    NOT_DATA,
    RAGGED_MANY,  # before RAGGED, whose {n} would take "more than 34"
    RAGGED,
    LONG_LINE,
    UNREADABLE_LINE,
    COORDINATE,
    NOT_PACKED,
    INDEX_TWICE,
    STRAY,
    *UNKNOWN_CODE.values(),
    NO_PARTICIPANTS,
    NOBODY,
    DUPLICATE,  # before EXCLUDED_BY_RULE, whose {reason} would take "exact copy of row 2"
    EXCLUDED_BY_RULE,
)

_PLACEHOLDER = re.compile(r"\{(\w+)\}")

#: How the English reasons join alternatives ("Victim or Suspect", two syntaxes).
ENGLISH_OR = " or "


def either(values: tuple[str, ...] | list[str]) -> str:
    """Alternatives as the stable English reason writes them: "a or b"."""
    return ENGLISH_OR.join(values)


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The template as a regular expression, each placeholder a named group."""
    parts = _PLACEHOLDER.split(template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex + r"\Z", re.DOTALL)


def reason_text(reason: str) -> str:
    """A stored (English) set-aside reason as a sentence in the current language."""
    for template in TEMPLATES:
        found = _pattern(template).match(reason)
        if found is not None:
            values = {name: _value(name, text) for name, text in found.groupdict().items()}
            return _(template).format(**values)
    return reason


def _value(name: str, text: str) -> str:
    """A value of the reason in the reader's words: alternatives joined by their "or"."""
    if name == "values":
        return _alternatives(text.split(ENGLISH_OR))
    if name == "written":
        # Translators: the placeholder word in an example of a packed cell, "0::value||1::value".
        word = pgettext("packed cell", "value")
        return _alternatives([w.replace("value", word) for w in text.split(ENGLISH_OR)])
    return text


def _alternatives(values: list[str]) -> str:
    """ "a, b or c" in the current language."""
    if len(values) < 2:
        return "".join(values)
    return _("{items} or {last}").format(items=", ".join(values[:-1]), last=values[-1])
