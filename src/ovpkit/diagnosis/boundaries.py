"""Check a boundaries GeoJSON and its key before the map is drawn.

``--boundary-key`` names the property that holds each polygon's area code. A
wrong name used to draw every area grey without a word; it is an error that
names the key and lists the properties the file has, and so is a key whose
values are none of the data's area codes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import shapely.geometry

from ovpkit.errors import DataError
from ovpkit.i18n import _
from ovpkit.textfile import read_text

SHOWN = 12


def check_boundaries(
    path: Path,
    key: str | None,
    area_codes: Iterable[str],
    *,
    name_key: str | None = None,
    located: bool = False,
) -> None:
    """Raise DataError when the file is not a FeatureCollection or a key does not fit it.

    Codes that match no polygon are an error only when the data have no
    coordinates either (``located``): with coordinates the victims are placed
    in the polygons by point, whatever unit their area codes are in.
    """
    features = _features(path)
    if name_key is not None:
        hint = _("give --boundary-name the property that holds each area's name")
        _property_values(path, features, name_key, "--boundary-name", hint)
    if key is None:
        return
    hint = _("give --boundary-key the property that holds each area's code")
    values = _property_values(path, features, key, "--boundary-key", hint)
    codes = {str(c) for c in area_codes}
    if codes and not codes & values and not located:
        raise DataError(
            _("no value of '{key}' is an area code of the data (such as {codes})").format(
                key=key, codes=", ".join(sorted(codes)[:3])
            ),
            file=path,
            field="--boundary-key",
            hint=_("give --boundary-key the property that holds each area's code"),
        )


def _property_values(
    path: Path, features: list[dict[str, Any]], key: str, option: str, hint: str
) -> set[str]:
    """The values of property ``key``; a DataError naming the file's properties if none."""
    values = {str(v) for f in features if (v := (f.get("properties") or {}).get(key)) is not None}
    if values:
        return values
    names = sorted({str(k) for f in features for k in (f.get("properties") or {})})
    raise DataError(
        _("the boundaries have no property '{key}' (their properties are: {names})").format(
            key=key, names=", ".join(f"'{n}'" for n in names[:SHOWN]) or "–"
        ),
        file=path,
        field=option,
        hint=hint,
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


#: Properties that usually hold a polygon's name, tried in this order (case ignored).
NAME_KEYS = ("name", "nombre", "nome", "label", "district_name", "neighborhood", "barrio")

SHORT_NAME = 4  # characters: names up to this long are written on the map itself
Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Polygon:
    """One area of the boundaries file: its code (``--boundary-key``), its name, its outlines."""

    number: int  # its row in the key table
    code: str
    name: str
    rings: tuple[Ring, ...]
    label: str  # what the map writes on it: its short name, else its number
    geometry: shapely.Geometry  # holes and parts included: points are placed in it


def polygons(path: Path, key: str | None, name_key: str | None = None) -> list[Polygon]:
    """The file's areas, numbered in the order of their codes (numbers in numeric order).

    The name is property ``name_key`` (``--boundary-name``) when given, else
    the first of :data:`NAME_KEYS` the feature has, else its code:
    a district known by its number reads as that number. The map writes the
    names when all are short (district numbers), else each area's number in the
    key table: a number that is not the district's own would mislead.
    """
    found = []
    for feature in _features(path):
        props = feature.get("properties") or {}
        code = str(props.get(key, "")) if key else ""
        geometry = feature.get("geometry") or {}
        rings = _outer_rings(geometry)
        if rings:
            found.append((code, _name(props, code, name_key), rings, _shape(geometry)))
    found.sort(key=lambda f: _natural(f[0] or f[1]))
    short = all(len(f[1]) <= SHORT_NAME for f in found)
    return [
        Polygon(i, code, name, rings, name if short else str(i), shape)
        for i, (code, name, rings, shape) in enumerate(found, 1)
    ]


def _shape(geometry: dict[str, Any]) -> shapely.Geometry:
    """The GeoJSON geometry as shapely's (holes kept), repaired when it crosses itself."""
    shape = shapely.geometry.shape(geometry)
    if shapely.is_valid(shape):
        return shape
    return shapely.MultiPolygon(_polygonal(shapely.make_valid(shape)))


def _polygonal(shape: shapely.Geometry) -> list[shapely.Polygon]:
    """The polygons inside a repaired shape (make_valid may nest them in a collection)."""
    if shape.geom_type == "Polygon":
        return [shape] if not shape.is_empty else []
    if shape.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for part in shapely.get_parts(shape) for p in _polygonal(part)]
    return []  # lines and points left by the repair have no area


def _name(props: dict[str, Any], code: str, name_key: str | None = None) -> str:
    if name_key is not None and props.get(name_key) not in (None, ""):
        return str(props[name_key])
    lowered = {str(k).casefold(): v for k, v in props.items()}
    for wanted in NAME_KEYS:
        value = lowered.get(wanted)
        if value not in (None, ""):
            return str(value)
    return code


def _natural(text: str) -> tuple[int, float, str]:
    """Sort "2" before "10", and numbers before names."""
    try:
        return (0, float(text), text)
    except ValueError:
        return (1, 0.0, text.casefold())


def _outer_rings(geometry: dict[str, Any]) -> tuple[Ring, ...]:
    """The outer ring of each polygon part (holes are not drawn)."""
    if geometry.get("type") == "Polygon":
        parts = [geometry["coordinates"]]
    elif geometry.get("type") == "MultiPolygon":
        parts = geometry["coordinates"]
    else:
        return ()
    return tuple(tuple((float(p[0]), float(p[1])) for p in part[0]) for part in parts if part)
