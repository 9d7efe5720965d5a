"""The consultation's published results, worded for a page in the reader's language.

Everything here comes from the core's :class:`ConsultationResult` (aggregates that passed
disclosure control); numbers go through :mod:`ovpkit.formats`. ``_public_consultation.html``
renders :func:`public_block`: the office's staff page includes it, and so can the public
office page (``{% include "ovpkit_web/_public_consultation.html" with results=... %}``).
"""

from __future__ import annotations

from typing import Any

from ovpkit.publish.public import consultation as public_consultation
from ovpkit_web import consultation as consult
from ovpkit_web.models import Office


def public_block(office: Office, *, live: bool = True) -> dict[str, Any] | None:
    """The aggregate results of the office's consultation, or None when it has none.

    ``live=False`` (the public page): the results of the last few minutes
    (:func:`ovpkit_web.consultation.public_results`), not analysed again for every read.
    Worded by the core (:func:`ovpkit.publish.public.consultation.block`), as the static
    site words the same aggregates from an export.
    """
    kept = public_snapshot(office, live=live)
    worded = public_consultation.block(kept)
    return None if worded is None else {**worded, "slug": office.slug}


def public_snapshot(
    office: Office, *, live: bool = False, address: str | None = None
) -> dict[str, Any] | None:
    """The consultation's published aggregates as an export keeps them (None: none)."""
    row = consult.consultation_of(office)
    if row is None:
        return None
    doc = consult.document(row)
    result = consult.results(office, row) if live else consult.public_results(office, row)[1]
    return public_consultation.snapshot(result, doc, is_open=row.enabled, address=address)
