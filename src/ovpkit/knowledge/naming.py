"""How offices and criteria are named to a reader: one place, in the reader's language.

Criteria: one name each (the report's Part 2 name, ``Criterion.name``), shown as
"3. Sound, regularly updated diagnoses" by :func:`criterion_label` on every page and in
the terminal. The Part 4 charts' shorter wordings (``chart_label``) stay in the data,
where they match the report's charts, and are never shown as a second name.

Offices: an office's own name is never translated; a name that only describes the
office (the report's English rendering of a Spanish or Dutch name) is. So

- with a ``local_name`` (the name the report prints in Spanish or Portuguese), readers
  of that language see it alone, others see it followed by the translated description:
  "Secretaría de Paz y Cultura Ciudadana (Secretariat for Peace and Citizen Culture)";
- with ``name_official`` (an English name that is the office's own), everyone sees it;
- otherwise the English name is descriptive and goes through the catalog.

A proposed office, or a city with none, says so in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from babel.lists import format_list

from ovpkit.i18n import N_, _, current_language
from ovpkit.knowledge.models import Office, OfficeStatus

#: What an office's status adds to its name (an active office adds nothing).
STATUS_SUFFIX = {
    OfficeStatus.PROPOSED: N_("{name} (proposed)"),
    OfficeStatus.NONE: N_("{name} (no office yet)"),
}


def criterion_label(number: int, name: str) -> str:
    """The one way a criterion is named: its number and translated name."""
    return f"{number}. {_(name)}"


def has_descriptive_name(office: Office) -> bool:
    """True when ``office.name`` only describes the office, so it is translated."""
    return not office.name_official


def office_name(office: Office) -> str:
    """The office's name for a reader of the current language (see the module doc)."""
    local = office.local_name
    if local is not None:
        if local.lang == current_language():
            return local.text
        return f"{local.text} ({_(office.name)})"
    return _(office.name) if has_descriptive_name(office) else office.name


def known_office_name(name: str, offices: Iterable[Office]) -> str:
    """``name`` in the reader's language when it is a report office's descriptive name.

    A mapping database or another user file may write an office's name as the report
    does; that English description is translated like the knowledge base's own. Any
    other name is the user's and is shown as written. An acronym after the name, as in
    "Crime Prevention Office (SOS-KKP)", is kept.
    """
    base, acronym = name, ""
    if match := _ACRONYM.fullmatch(name):
        base, acronym = match["base"], f" ({match['acronym']})"
    for office in offices:
        if office.name == base and has_descriptive_name(office):
            return office_name(office) + acronym
    return name


_ACRONYM = re.compile(r"(?P<base>.+?) \((?P<acronym>[^\s()]+)\)")


def office_name_language(office: Office) -> str | None:
    """The language of :func:`office_name` when it is not the reader's, else None.

    An own name is shown as it is, so a page marks it with its language (HTML's
    ``lang``): a screen reader then pronounces it right, and a reader knows it is a name.
    """
    lang = current_language()
    local = office.local_name
    if local is not None:
        return None if local.lang == lang else local.lang
    if office.name_official and lang != "en":
        return "en"
    return None


def office_title(office: Office) -> str:
    """The office's name, with its status when it is proposed or does not exist yet."""
    name = office_name(office)
    suffix = STATUS_SUFFIX.get(office.status)
    return name if suffix is None else _(suffix).format(name=name)


def office_label(office: Office) -> str:
    """The office's name with its city, for lists of peers from many cities."""
    name = office_name(office)
    return name if office.city in name else f"{name} ({office.city})"


def offices_title(offices: Sequence[Office]) -> str:
    """Several offices assessed together (Cali's two secretariats): one readable title."""
    return join_names(office_title(o) for o in offices)


def join_names(names: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the current language (CLDR list patterns)."""
    return format_list(list(names), locale=current_language())
