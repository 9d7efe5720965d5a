"""The consultation's published results, worded for a page in the reader's language.

Everything here comes from the core's :class:`ConsultationResult` (aggregates that passed
disclosure control); numbers go through :mod:`ovpkit.formats`. ``_public_consultation.html``
renders :func:`public_block`: the office's staff page includes it, and so can the public
office page (``{% include "ovpkit_web/_public_consultation.html" with results=... %}``).
"""

from __future__ import annotations

from typing import Any

from ovpkit import formats
from ovpkit.i18n import _ as core_
from ovpkit.monitoring import consultation as core
from ovpkit.monitoring.survey import AreaProportion
from ovpkit.publish.disclosure import MARKER, REASONS, footnote
from ovpkit_web import consultation as consult
from ovpkit_web.models import Office


def public_block(office: Office, *, live: bool = True) -> dict[str, Any] | None:
    """The aggregate results of the office's consultation, or None when it has none.

    ``live=False`` (the public page): the results of the last few minutes
    (:func:`ovpkit_web.consultation.public_results`), not analysed again for every read.
    """
    row = consult.consultation_of(office)
    if row is None:
        return None
    doc = consult.document(row)
    result = consult.results(office, row) if live else consult.public_results(office, row)[1]
    return {
        "open": row.enabled,
        "slug": office.slug,
        "published": result.published,
        "answers": formats.count(result.answers) if result.answers is not None else None,
        "threshold": formats.count(result.threshold),
        "weighted": result.weighted,
        "areas": [_area_count(a, result.threshold) for a in result.areas],
        "questions": [_question(doc, q) for q in result.questions],
        "marker": MARKER,
        "footnote": footnote(result.threshold),
        "hidden_any": any(a.answers is None for a in result.areas),
        "unanswered": [a.area for a in result.areas if a.answers == 0],
    }


def _area_count(area: core.AreaCount, threshold: int) -> dict[str, Any]:
    why = core_(REASONS[area.reason]).format(n=threshold) if area.reason else ""
    shown = formats.count(area.answers) if area.answers is not None else MARKER
    return {"name": area.area, "answers": shown, "why": why}


def _question(doc: core.OfficeConsultation, result: core.QuestionResult) -> dict[str, Any]:
    return {
        "text": core.question_text(doc, result.question),
        "headline": _share(result.headline) if result.headline else None,
        "options": [_share(s) for s in result.options],
    }


def _share(share: core.Share) -> dict[str, Any]:
    return {
        "label": core_(share.label),
        "overall": _proportion(share.overall),
        "areas": [{"name": a.area, **_proportion(a)} for a in share.areas],
    }


def _proportion(p: AreaProportion) -> dict[str, Any]:
    if p.suppressed or p.estimate is None:
        return {"share": MARKER, "interval": "", "reliable": True}
    interval = f"{formats.percent(p.lower or 0.0)} – {formats.percent(p.upper or 0.0)}"
    return {"share": formats.percent(p.estimate), "interval": interval, "reliable": p.reliable}
