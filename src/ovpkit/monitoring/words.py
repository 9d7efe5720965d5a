"""The monitoring codes as readers see them, in the current language.

Documents (``--json``, the web layer) keep the codes (``scale_up``, ``international_donor``);
the terminal and the HTML page show these words instead. Each label lives next to its
code, in the module that defines it; this module only looks them up. A code an office
made up itself (a funding source or a background slug) has no translation: it is shown
as the office wrote it, with spaces for underscores, never as a bare key; on a page,
:func:`own_word` marks it with the language of the office's records.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup

from ovpkit import formats
from ovpkit.i18n import _
from ovpkit.monitoring.budget import CONCENTRATION_LABELS, SOURCE_LABELS, TREND_LABELS
from ovpkit.monitoring.catalogue import DIRECTION_LABELS, UNIT_LABELS
from ovpkit.monitoring.catalogue import LEVEL_LABELS as INDICATOR_LEVEL_LABELS
from ovpkit.monitoring.coverage import DIMENSION_LABELS
from ovpkit.monitoring.programs import LEVEL_LABELS
from ovpkit.monitoring.reconciliation import CELL_STATUS_LABELS
from ovpkit.monitoring.records import DECISION_LABELS, SEX_LABELS, STAGE_LABELS
from ovpkit.monitoring.staffing import BACKGROUND_LABELS, BASIS_LABELS

#: kind of code -> its labels; the template calls ``word("stage", p.stage)``.
KINDS: Mapping[str, Mapping[str, str]] = {
    "background": BACKGROUND_LABELS,
    "basis": BASIS_LABELS,
    "cell_status": CELL_STATUS_LABELS,
    "concentration": CONCENTRATION_LABELS,
    "decision": DECISION_LABELS,
    "dimension": DIMENSION_LABELS,
    "direction": DIRECTION_LABELS,
    "indicator_level": INDICATOR_LEVEL_LABELS,
    "level": LEVEL_LABELS,
    "sex": SEX_LABELS,
    "source": SOURCE_LABELS,
    "stage": STAGE_LABELS,
    "trend": TREND_LABELS,
    "unit": UNIT_LABELS,
}


def word(kind: str, code: str | None) -> str:
    """The reader's word for ``code`` (one of ``KINDS[kind]``), or the code made readable."""
    if code is None:
        return "–"
    label = KINDS[kind].get(code)
    return _(label) if label is not None else code.replace("_", " ")


def own_word(kind: str, code: str, language: str | None) -> Markup:
    """:func:`word` for a page: a code the office made up is its own word, marked as such."""
    from ovpkit.publish.render import foreign

    shown = word(kind, code)
    return foreign(shown, language) if code not in KINDS[kind] else Markup.escape(shown)


def group_word(dimension: str, group: str) -> str:
    """A coverage group: sexes are codes; areas and age groups are the office's own names."""
    return word("sex", group) if dimension == "sex" else group


def figure(value: object) -> str:
    """A published figure: a number in the reader's locale; a suppressed count ("<5") as is."""
    if isinstance(value, str):
        return value
    return formats.number(value)  # type: ignore[arg-type]
