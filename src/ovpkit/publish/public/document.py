"""The public document of an office: what its public page shows, frozen when approved.

The document is plain JSON built once from the core's own results (the assessment
document, the monitoring records checked by the core's models, the indicator statuses
the core computed, the diagnosis and evaluation pages the core rendered). A reviewer
approves exactly this document; the web site copies it into its ``Publication`` and the
static site (``ovpkit publish --site``) renders it, so both show the same thing and
later changes to the office change neither. Counts are kept as they are here and pass
through disclosure control when a page or a data package is made from the document
(:mod:`ovpkit.publish.public.view`), so the threshold is applied in one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ovpkit.disclosure import DEFAULT_THRESHOLD
from ovpkit.errors import DataError
from ovpkit.i18n import _
from ovpkit.monitoring.catalogue import Catalogue, load_catalogue
from ovpkit.monitoring.records import BudgetLine, IndicatorRecord, Program
from ovpkit.monitoring.trajectory import indicator_status

KIND = "ovpkit_public_office"
EXPORT_KIND = "ovpkit_publications"
VERSION = 1
#: An office's short name: it becomes a file name in the static site.
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
#: The report's wording of a pages' language set; pages are written in each.
LANGUAGES = ("en", "es", "pt")


@dataclasses.dataclass(frozen=True)
class OfficeText:
    """Who the office is, in its own words: name, mandate and their language."""

    slug: str
    name: str
    mandate: str = ""
    language: str | None = None  # the language the office wrote its name and mandate in
    profile: Mapping[str, Any] | None = None  # ovpkit.knowledge.models.Office as JSON


def public_document(
    office: OfficeText,
    *,
    assessment: Mapping[str, Any] | None = None,
    indicators: Sequence[Mapping[str, Any]] = (),
    programs: Sequence[Mapping[str, Any]] = (),
    budget: Sequence[Mapping[str, Any]] = (),
    currency: str = "USD",
    diagnosis: Mapping[str, str] | None = None,
    evaluations: Sequence[Mapping[str, Any]] = (),
    threshold: int = DEFAULT_THRESHOLD,
    catalogue: Catalogue | None = None,
    illustrative: bool = False,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The public document, every record checked by the core's model first.

    ``diagnosis`` maps a language to the core's public diagnosis page (HTML, small
    counts already hidden by the diagnosis); each of ``evaluations`` is
    ``{"design": ..., "pages": {language: html}}``. Indicator statuses are computed
    here, once, so the page shows what the reviewer approved.
    """
    catalogue = catalogue or load_catalogue()
    checked = [IndicatorRecord.model_validate(r) for r in indicators]
    known = [r for r in checked if r.sheet in catalogue.sheets]
    return {
        "kind": KIND,
        "version": VERSION,
        "office": dataclasses.asdict(office),
        "threshold": threshold,
        "illustrative": illustrative,  # the records say their values are examples
        "created": (today or dt.date.today()).isoformat(),
        "assessment": dict(assessment) if assessment else None,
        "indicators": [_status(r, catalogue) for r in known],
        "programs": [_json(Program, p) for p in programs],
        "budget": [_json(BudgetLine, b) for b in budget],
        "currency": currency,
        "diagnosis": dict(diagnosis) if diagnosis else None,
        "evaluations": [dict(e) for e in evaluations],
    }


def _json(model: Any, record: Mapping[str, Any]) -> dict[str, Any]:
    return dict(model.model_validate(record).model_dump(mode="json"))


def _status(record: IndicatorRecord, catalogue: Catalogue) -> dict[str, Any]:
    status = indicator_status(record, catalogue)
    found = dataclasses.asdict(status)
    found["status"] = status.status.value
    found["observations"] = [list(o) for o in status.observations]
    found["trajectory"] = [list(t) for t in status.trajectory]
    return found


def checked_document(document: object, *, file: str) -> dict[str, Any]:
    """``document`` if it is a public office document this version reads; else a clear error."""
    hint = _("export it from the office's publications page on the site")
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise DataError(_("the file is not an office's public document"), file=file, hint=hint)
    if document.get("version") != VERSION:
        raise DataError(
            _("this public document was written by another version of ovpkit"),
            file=file,
            hint=hint,
        )
    office = document.get("office")
    if (
        not isinstance(office, dict)
        or not office.get("name")
        or not _SLUG.match(str(office.get("slug", "")))
    ):
        raise DataError(_("the office has no name or no short name"), file=file,
                        field="office", hint=hint)  # fmt: skip
    return document


def documents_in(payload: object, *, file: str) -> list[dict[str, Any]]:
    """The public documents of an export (``{"kind": EXPORT_KIND, "publications": [...]}``)
    or of a single document."""
    if isinstance(payload, dict) and payload.get("kind") == EXPORT_KIND:
        items = payload.get("publications")
        if not isinstance(items, list) or not items:
            raise DataError(_("the export holds no publication"), file=file,
                            field="publications")  # fmt: skip
        return [checked_document(item, file=file) for item in items]
    return [checked_document(payload, file=file)]


def export(documents: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What the site's export writes and ``ovpkit publish --site`` reads."""
    return {"kind": EXPORT_KIND, "publications": [dict(d) for d in documents]}
