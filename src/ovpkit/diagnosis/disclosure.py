"""Disclosure control for the public diagnosis: no hidden count can be worked out.

The diagnosis publishes several tables of the same victims: by year, by year × area,
killed or not, by month, by age and sex, by hexagon, and figures derived from them
(rates, intervals, changes, rolling sums, shares, the concentration curve). Each
table goes through :mod:`ovpkit.publish.disclosure` (primary and complementary
suppression); a cell hidden in one table is hidden in every other table that shows
it; a derived figure is published only when it gives nothing back:

- a rate, an interval or a change is hidden with the count it is computed from;
- a rolling 12-month sum and the young men's count only when no protecting cube
  changes them (:meth:`Protection.invariant`);
- the concentration (top shares, Lorenz curve, Gini) is computed from the published
  area counts, each hidden area counting as the mean of the hidden ones (their sum is
  public through the total), so the curve times the total no longer gives the small
  counts back; hot spots keep their kind but not their z-scores (linear in the
  neighbours' counts).

Hidden values are None in the public document; ``suppressed`` names each hidden field
and why ("small" or "complementary"). Only aggregates leave the store.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ovpkit.diagnosis.concentration import TOP_SHARES, gini, lorenz_curve
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.disclosure import DEFAULT_THRESHOLD, is_small
from ovpkit.publish.disclosure import MARKER, TOTAL, CountTable, Protection, count_table, protect
from ovpkit.publish.disclosure.table import Key

__all__ = ["DEFAULT_THRESHOLD", "is_small", "public_dict"]
UNRECORDED = "__unrecorded__"  # victims whose area is not recorded: part of the year totals
RATE_FIELDS = ("rate", "lower", "upper", "victims_lower", "victims_upper", "records")


def public_dict(diagnosis: Diagnosis, threshold: int = DEFAULT_THRESHOLD) -> dict[str, Any]:
    """The diagnosis as plain data with every disclosive count hidden, for JSON and HTML."""
    out = diagnosis.to_dict()
    main = _Linked(out, threshold)  # victims by year × area × outcome, every total
    hidden_years = [k for k in main.hidden_keys() if k[1] == TOTAL]
    out["yearly"] = [_rate_row(r, main, (str(r["year"]), TOTAL)) for r in out["yearly"]]
    out["by_area"] = [
        _rate_row(r, main, (str(r["year"]), _area(r["area"]))) for r in out["by_area"]
    ]
    out["trend"] = _trend(out, main, hidden_years, threshold)
    out["changes"] = [_change(c, main) for c in out["changes"]]
    out["rolling"] = _rolling(out["rolling"], hidden_years, threshold)
    out["affected"] = _affected(out["affected"], main, str(out["focus_year"]), threshold)
    areas = out["concentration"]
    out["concentration"] = _area_concentration(out, main)
    out["concentration_withheld"] = areas is not None and out["concentration"] is None
    out["hotspots"], out["hex_concentration"] = _hexagons(out, threshold)
    out["polygons"] = _polygons(out, threshold)
    out["target"] = _target(out["target"], main)
    out["kind"] = "diagnosis"
    out["disclosure_threshold"] = threshold
    out["disclosure"] = {"threshold": threshold, "marker": MARKER,
                         "hidden": _count_hidden(out)}  # fmt: skip
    return out


class _Linked:
    """Victims by year × area × outcome, protected in two linked tables.

    The areas table (year × recorded area × outcome) is protected first; its margin
    over areas is the victims with a recorded area, which the concentration's total
    publishes. The year table (year × recorded or not × outcome) then hides every
    margin the first one hid, so the yearly totals give no hidden count back either.
    """

    def __init__(self, out: dict[str, Any], threshold: int) -> None:
        areas: dict[Key, int] = {}
        for row in out["by_area"]:
            if row["area"] is not None:
                _add_outcomes(areas, (str(row["year"]), str(row["area"])), row)
        years: dict[Key, int] = {}
        for row in out["yearly"]:
            year = str(row["year"])
            mine = [k for k in areas if k[0] == year]
            _add_outcomes(years, (year, UNRECORDED), row)
            for outcome in ("fatal", "other"):
                recorded = sum(areas[k] for k in mine if k[2] == outcome)
                years[(year, "recorded", outcome)] = recorded
                years[(year, UNRECORDED, outcome)] -= recorded
        levels = sorted({k[0] for k in years})
        outcomes = ("fatal", "other")
        area_levels = sorted({k[1] for k in areas}) or ["none"]
        by_area = count_table(("year", "area", "outcome"), areas,
                              levels=(levels, area_levels, outcomes))  # fmt: skip
        by_year = count_table(("year", "area", "outcome"), years,
                              levels=(levels, ("recorded", UNRECORDED), outcomes))  # fmt: skip
        self.areas, self.years = _protect_linked(by_area, by_year, threshold)

    def known(self, key: Key) -> bool:
        levels = self.table_for(key).table.levels
        return all(k == TOTAL or k in lv for k, lv in zip(key, levels, strict=True))

    def table_for(self, key: Key) -> Protection:
        return self.years if key[1] in (TOTAL, UNRECORDED) else self.areas

    def reason(self, key: Key) -> str | None:
        return self.table_for(key).reason(key)

    def hidden(self, key: Key) -> bool:
        return self.table_for(key).hidden(key)

    def hidden_keys(self) -> list[Key]:
        return self.years.hidden_keys()


def _protect_linked(
    by_area: CountTable, by_year: CountTable, threshold: int
) -> tuple[Protection, Protection]:
    """Protect both tables until each hides every cell the other hides (a few rounds)."""
    to_areas: set[Key] = set()
    for _round in range(5):
        areas = protect(by_area, threshold, forced=sorted(to_areas))
        to_years = {(y, "recorded", o) for y, a, o in areas.hidden_keys() if a == TOTAL}
        years = protect(by_year, threshold, forced=sorted(to_years))
        back = {(y, TOTAL, o) for y, a, o in years.hidden_keys() if a == "recorded"}
        if back <= to_areas | {(y, TOTAL, o) for y, _r, o in to_years}:
            return areas, years
        to_areas |= back
    return areas, years


def _area(code: object) -> str:
    return UNRECORDED if code is None else str(code)


def _add_outcomes(counts: dict[Key, int], key: tuple[str, str], row: dict[str, Any]) -> None:
    counts[(*key, "fatal")] = max(0, int(row["fatal"]))
    counts[(*key, "other")] = max(0, int(row["victims"]) - int(row["fatal"]))


def _rate_row(
    row: dict[str, Any], table: Protection | _Linked, key: tuple[str, str]
) -> dict[str, Any]:
    """A row of counts and rates, its victims and fatal cells from the protected table.

    The number of source rows behind a cell (``records``: incidents, or rows of an
    aggregate panel) is never published: it is not the measure, it can be small where the
    victims are not (three incidents, twelve victims), and it is not protected as a table.
    """
    out = dict(row)
    out["records"] = None
    reasons: dict[str, str] = {}
    for field, outcome in (("victims", TOTAL), ("fatal", "fatal")):
        reason = table.reason((*key, outcome))
        if reason:
            out[field] = None
            reasons[field] = reason
    if "victims" in reasons:
        out.update(dict.fromkeys(RATE_FIELDS))
    return _mark(out, reasons)


def _mark(row: dict[str, Any], reasons: dict[str, str]) -> dict[str, Any]:
    if reasons:
        row["suppressed"] = reasons
    return row


def _trend(
    out: dict[str, Any], main: _Linked, hidden: list[Key], threshold: int
) -> list[dict[str, Any]]:
    """The trend: the yearly rows, or months / quarters protected with the years hidden."""
    if out["period"] == "year":
        return list(out["yearly"])
    rows = out["trend"]
    counts: dict[Key, int] = {}
    for row in rows:
        _add_outcomes(counts, (str(row["year"]), str(row["period"])), row)
    table = count_table(("year", "period", "outcome"), counts)
    forced = [(y, TOTAL, o) for y, _a, o in hidden if y in table.levels[0]]
    protection = protect(table, threshold, forced=forced)
    return [_rate_row(r, protection, (str(r["year"]), str(r["period"]))) for r in rows]


def _change(row: dict[str, Any], main: _Linked) -> dict[str, Any]:
    """A year-on-year change, hidden whole when either year's count is hidden."""
    area = TOTAL if row["area"] is None else _area(row["area"])
    keys = [(str(row["year"]), area, TOTAL), (str(row["year"] - 1), area, TOTAL)]
    reasons = {f: r for f, k in zip(("victims", "previous"), keys, strict=True)
               if (r := main.reason(k) if main.known(k) else None)}  # fmt: skip
    out = dict(row)
    if reasons:
        out.update(dict.fromkeys(("victims", "previous", "change", "percent", "p_value")))
    return _mark(out, reasons)


def _rolling(rows: list[dict[str, Any]], hidden: list[Key], threshold: int) -> list[dict[str, Any]]:
    """Monthly counts and 12-month sums; a sum is shown only if it gives no month back."""
    if not rows:
        return []
    months = [(r["month"][:4], r["month"][5:7]) for r in rows]
    table = count_table(("year", "month"), {m: int(r["victims"]) for m, r in
                                            zip(months, rows, strict=True)})  # fmt: skip
    forced = [(y, TOTAL) for y, _a, o in hidden if o == TOTAL and y in table.levels[0]]
    protection = protect(table, threshold, forced=forced)
    out = []
    for i, (month, row) in enumerate(zip(months, rows, strict=True)):
        item = dict(row)
        reasons = {"victims": r} if (r := protection.reason(month)) else {}
        if reasons:
            item["victims"] = None
        window: dict[Key, float] = dict.fromkeys(months[max(0, i - 11) : i + 1], 1.0)
        total = row["rolling_12"]
        if total is not None and (is_small(total, threshold) or not protection.invariant(window)):
            item["rolling_12"] = None
            reasons["rolling_12"] = "complementary" if not is_small(total, threshold) else "small"
        out.append(_mark(item, reasons))
    return out


def _affected(affected: dict[str, Any], main: _Linked, year: str, threshold: int) -> dict[str, Any]:
    """Victims by age and sex, weapon and outcome, linked to the year × area table."""
    out = dict(affected)
    total_hidden = main.hidden((year, TOTAL, TOTAL))
    age_sex = _protect_shares(out["by_age_sex"], ("group", "sex"), threshold,
                              [(TOTAL, TOTAL)] if total_hidden else [])  # fmt: skip
    out["by_age_sex"] = _shares(out["by_age_sex"], age_sex, ("group", "sex"))
    weapon = _protect_shares(out["by_weapon"], ("group",), threshold,
                             [(TOTAL,)] if total_hidden else [])  # fmt: skip
    out["by_weapon"] = _shares(out["by_weapon"], weapon, ("group",))
    linked = {("fatal",): (year, TOTAL, "fatal"), ("non-fatal",): (year, TOTAL, "other"),
              (TOTAL,): (year, TOTAL, TOTAL)}  # fmt: skip
    forced: list[Key] = [k for k, cell in linked.items() if main.hidden(cell)]
    outcome = _protect_shares(out["by_fatal"], ("group",), threshold, forced)
    out["by_fatal"] = _shares(out["by_fatal"], outcome, ("group",))
    _young_men(out, age_sex, total_hidden, threshold)
    if total_hidden:
        out["total"] = None
    return out


def _young_men(out: dict[str, Any], age_sex: _Shares, total_hidden: bool, threshold: int) -> None:
    """The young men's count and share, and the undetermined-age share, when they are safe."""
    young = {k: 1.0 for k in age_sex.table_keys() if k[1] == "male" and _young(k[0])}
    unknown = {k: 1.0 for k in age_sex.table_keys() if k[0] == "unknown"}
    small = is_small(out["young_men"], threshold)
    if total_hidden or small or not age_sex.protection.invariant(young):
        known = out["young_men_share"] is not None
        out.update(young_men=None, young_men_share=None, young_men_open=None)
        if known:
            out["suppressed"] = {"young_men": "small" if small else "complementary"}
    if total_hidden or not age_sex.protection.invariant(unknown):
        out["age_undetermined_share"] = None


class _Shares:
    """A protected table of shares and the keys of its inner cells."""

    def __init__(self, protection: Protection) -> None:
        self.protection = protection

    def table_keys(self) -> Iterable[Key]:
        levels = self.protection.table.levels
        return (tuple(k) for k in np.array(np.meshgrid(*levels, indexing="ij")).reshape(
            len(levels), -1).T)  # fmt: skip


def _protect_shares(
    rows: list[dict[str, Any]], fields: Sequence[str], threshold: int, forced: Sequence[Key]
) -> _Shares:
    counts = {tuple(str(r[f]) for f in fields): int(r["victims"]) for r in rows}
    if not counts:
        counts = {tuple("none" for _ in fields): 0}
    table = count_table(tuple(fields), counts)
    present = [k for k in forced if all(x == TOTAL or x in lv for x, lv in
                                        zip(k, table.levels, strict=True))]  # fmt: skip
    return _Shares(protect(table, threshold, forced=present))


def _shares(
    rows: list[dict[str, Any]], shares: _Shares, fields: Sequence[str]
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        item = dict(row)
        reason = shares.protection.reason(tuple(str(row[f]) for f in fields))
        if reason:
            item.update(victims=None, share=None)
        out.append(_mark(item, {"victims": reason} if reason else {}))
    return out


def _young(group: str) -> bool:
    """Whether an age group lies within 15 to 29 for certain ("18-24" yes, "18+" no)."""
    match = re.fullmatch(r"(\d+)-(\d+)", group)
    return bool(match) and int(match.group(1)) >= 15 and int(match.group(2)) <= 29  # type: ignore[union-attr]


def _area_concentration(out: dict[str, Any], linked: _Linked) -> dict[str, Any] | None:
    """Concentration over areas, from published counts (hidden ones as their mean)."""
    conc = out["concentration"]
    if conc is None:
        return None
    year = str(out["focus_year"])
    main = linked.areas
    if main.hidden((year, TOTAL, TOTAL)):
        return None  # its total is the hidden count of victims with a recorded area
    keys = [(year, a, TOTAL) for a in main.table.levels[1]]
    keys = [k for k in keys if main.table.value(k) > 0]
    hidden = [k for k in keys if main.hidden(k)]
    if hidden and not main.invariant(dict.fromkeys(hidden, 1.0)):
        return None
    values = _with_means([main.table.value(k) for k in keys], [main.hidden(k) for k in keys])
    zeros = max(0, int(conc["places"]) - len(keys))
    return _concentration(conc, values + [0.0] * zeros, bool(hidden))


def _with_means(values: list[int], hidden: list[bool]) -> list[float]:
    """The values with every hidden one replaced by the mean of the hidden ones."""
    secret = [v for v, h in zip(values, hidden, strict=True) if h]
    mean = sum(secret) / len(secret) if secret else 0.0
    return [mean if h else float(v) for v, h in zip(values, hidden, strict=True)]


def _concentration(conc: dict[str, Any], values: list[float], pooled: bool) -> dict[str, Any]:
    x = np.sort(np.asarray(values, dtype=float))[::-1]
    total = float(x.sum())
    top = []
    for percent in TOP_SHARES:
        k = max(1, math.ceil(percent / 100 * x.size)) if x.size else 0
        top.append([percent, k, float(x[:k].sum() / total) if total else 0.0])
    return conc | {"top": top, "lorenz": [list(p) for p in lorenz_curve(x)],
                   "gini": round(gini(x), 2), "pooled": pooled}  # fmt: skip


def _hexagons(out: dict[str, Any], threshold: int) -> tuple[Any, Any]:
    """Hot-spot cells with protected counts and no z-scores; concentration from them."""
    spots, conc = out["hotspots"], out["hex_concentration"]
    if spots is None or not spots["cells"]:
        return spots, conc
    cells = spots["cells"]
    table = count_table(("cell",), {(c["cell"],): int(c["victims"]) for c in cells})
    protection = protect(table, threshold)
    shown = []
    for cell in cells:
        reason = protection.reason((cell["cell"],))
        item = cell | {"z": None, "p": None, "q": None}
        if reason:
            item["victims"] = None
        shown.append(_mark(item, {"victims": reason} if reason else {}))
    spots = spots | {"cells": shown}
    if conc is None:
        return spots, None
    keys = [(c["cell"],) for c in cells if c["victims"] > 0]
    hidden = [protection.hidden(k) for k in keys]
    if protection.hidden((TOTAL,)):
        return spots, None
    values = _with_means([table.value(k) for k in keys], hidden)
    return spots, _concentration(conc, values, any(hidden))


OUTSIDE, UNPLACED = "__outside__", "__unplaced__"


def _polygons(out: dict[str, Any], threshold: int) -> dict[str, Any] | None:
    """Victims per given polygon protected as one table (with those outside or unplaced).

    Areas the area table hid stay hidden here (``forced``), so the two tables
    cannot be set side by side; z-scores go, as for hexagons; a rate goes with
    its count; the concentration is computed from the published counts.
    """
    spots = out.get("polygons")
    if spots is None:
        return None
    year = out["focus_year"]
    hidden_areas = {
        (str(r["area"]),)
        for r in out["by_area"]
        if r["year"] == year and r["area"] is not None and r["victims"] is None
    }
    counts: dict[Key, int] = {(str(s["code"]),): int(s["victims"]) for s in spots["spots"]}
    counts |= {(OUTSIDE,): int(spots["outside"]), (UNPLACED,): int(spots["unplaced"])}
    table = count_table(("polygon",), counts)
    protection = protect(table, threshold, forced=[k for k in counts if k in hidden_areas])
    shown = [_polygon(s, protection.reason((s["code"],))) for s in spots["spots"]]
    public: dict[str, Any] = spots | {"spots": shown, **_placement(spots, protection)}
    if protection.hidden((TOTAL,)):
        return public | {"concentration": None}
    keys = [(s["code"],) for s in spots["spots"]]
    values = _with_means([table.value(k) for k in keys], [protection.hidden(k) for k in keys])
    hidden = any(protection.hidden(k) for k in keys)
    return public | {"concentration": _concentration(spots["concentration"], values, hidden)}


def _polygon(spot: dict[str, Any], reason: str | None) -> dict[str, Any]:
    item = spot | {"z": None, "p": None, "q": None}
    if reason:
        item |= {"victims": None, "rate": None}
    return _mark(item, {"victims": reason, "rate": reason} if reason else {})


def _placement(spots: dict[str, Any], protection: Protection) -> dict[str, Any]:
    """Victims outside every polygon or unplaced, None when hidden."""
    return {
        field: None if protection.hidden((key,)) else spots[field]
        for field, key in (("outside", OUTSIDE), ("unplaced", UNPLACED))
    }


def _target(target: dict[str, Any] | None, main: _Linked) -> dict[str, Any] | None:
    """Baseline and target figures, hidden when a year they average is hidden."""
    if target is None:
        return None
    years = {*target["baseline_years"], target["latest_year"], target["start_year"]}
    keys = [(str(y), TOTAL, TOTAL) for y in years if y is not None]
    if not any(main.known(k) and main.hidden(k) for k in keys):
        return target
    out = target | dict.fromkeys(("baseline", "target", "latest", "expected"))
    out["trajectory"] = []
    return _mark(out, {"baseline": "complementary"})


def _count_hidden(out: dict[str, Any]) -> int:
    """How many published figures are hidden (for the footnote and the data package)."""

    def walk(node: Any) -> int:
        if isinstance(node, dict):
            own = len(node["suppressed"]) if isinstance(node.get("suppressed"), dict) else 0
            return own + sum(walk(v) for k, v in node.items() if k != "suppressed")
        if isinstance(node, list):
            return sum(walk(v) for v in node)
        return 0

    return walk(out)
