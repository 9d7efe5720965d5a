"""Check a boundaries GeoJSON and its key before the map is drawn.

``--boundary-key`` names the property that holds each polygon's area code. A
wrong name used to draw every area grey without a word; it is an error that
names the key and lists the properties the file has, and so is a key whose
values are none of the data's area codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ovpkit.errors import DataError
from ovpkit.i18n import _
from ovpkit.textfile import read_text

SHOWN = 12


def check_boundaries(path: Path, key: str | None, area_codes: Iterable[str]) -> None:
    """Raise DataError when the file is not a FeatureCollection or ``key`` does not fit it."""
    features = _features(path)
    if key is None:
        return
    names = sorted({str(k) for f in features for k in (f.get("properties") or {})})
    values = {str(v) for f in features if (v := (f.get("properties") or {}).get(key)) is not None}
    if not values:
        raise DataError(
            _("the boundaries have no property '{key}' (their properties are: {names})").format(
                key=key, names=", ".join(f"'{n}'" for n in names[:SHOWN]) or "–"
            ),
            file=path,
            field="--boundary-key",
            hint=_("give --boundary-key the property that holds each area's code"),
        )
    codes = {str(c) for c in area_codes}
    if codes and not codes & values:
        raise DataError(
            _("no value of '{key}' is an area code of the data (such as {codes})").format(
                key=key, codes=", ".join(sorted(codes)[:3])
            ),
            file=path,
            field="--boundary-key",
            hint=_("give --boundary-key the property that holds each area's code"),
        )


def _features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection; anything else is a DataError."""
    try:
        document = json.loads(read_text(path, DataError))
    except json.JSONDecodeError as exc:
        raise DataError(
            _("this is not valid JSON"),
            file=path,
            record=_("line {n}").format(n=exc.lineno),
            hint=_("export the GeoJSON again, or check the brackets and commas near that line"),
        ) from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise DataError(_("not a GeoJSON FeatureCollection (no 'features' list)"), file=path)
    return [f for f in features if isinstance(f, dict)]
