"""Source reconciliation: two sources of the same events, compared by area and period.

Offices get violent deaths from the police, forensic medicine, health records and
the statistics office, and the counts differ. Cali's observatory checks every
violent death across its sources each week. This module lines up two count tables
(area, period, count), keeps only the periods both cover, and says for each cell
how far apart the sources are and whether the gap is beyond a tolerance. An area
present in one source only is shown as such: a missing row may mean a true zero
(sources that omit zero rows) or an area coded differently (a changed DANE code).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from ovpkit.errors import DataError, row_in_file
from ovpkit.i18n import N_, _, ngettext
from ovpkit.validation_messages import shown

COLUMNS = ("area", "period", "count")


class CellStatus(StrEnum):
    MATCH = "match"
    WITHIN = "within_tolerance"
    GAP = "gap"
    ONLY_A = "only_in_a"
    ONLY_B = "only_in_b"


CELL_STATUS_LABELS: dict[str, str] = {
    CellStatus.MATCH: N_("match"),
    CellStatus.WITHIN: N_("within tolerance"),
    CellStatus.GAP: N_("gap"),
    CellStatus.ONLY_A: N_("only in A"),
    CellStatus.ONLY_B: N_("only in B"),
}


@dataclass(frozen=True)
class Cell:
    area: str
    period: str
    a: int | None  # None: the area is absent from source A in this period
    b: int | None
    status: CellStatus

    @property
    def difference(self) -> int:
        """B minus A, an absent row counting as zero."""
        return (self.b or 0) - (self.a or 0)

    @property
    def relative(self) -> float | None:
        """Difference relative to A (None when A is zero or absent)."""
        return self.difference / self.a if self.a else None


@dataclass(frozen=True)
class PeriodTotals:
    period: str
    a: int
    b: int
    areas_a: int
    areas_b: int
    only_a: int
    only_b: int
    gaps: int  # cells flagged as gaps (including one-sided ones)

    @property
    def difference(self) -> int:
        return self.b - self.a

    @property
    def relative(self) -> float | None:
        return self.difference / self.a if self.a else None

    @property
    def ratio(self) -> float | None:
        return self.b / self.a if self.a else None


@dataclass(frozen=True)
class Reconciliation:
    name_a: str
    name_b: str
    tolerance: float
    min_difference: int
    periods: tuple[PeriodTotals, ...]  # periods both sources cover
    cells: tuple[Cell, ...]
    periods_only_a: tuple[str, ...]
    periods_only_b: tuple[str, ...]

    @property
    def gaps(self) -> tuple[Cell, ...]:
        flagged = {CellStatus.GAP, CellStatus.ONLY_A, CellStatus.ONLY_B}
        return tuple(c for c in self.cells if c.status in flagged)

    @property
    def total_a(self) -> int:
        return sum(p.a for p in self.periods)

    @property
    def total_b(self) -> int:
        return sum(p.b for p in self.periods)


def reconcile(
    a: pd.DataFrame,
    b: pd.DataFrame,
    *,
    names: tuple[str, str] = ("A", "B"),
    tolerance: float = 0.05,
    min_difference: int = 0,
) -> Reconciliation:
    """Compare two tables with columns area, period, count (several rows per cell are summed).

    A present-on-both cell is a gap when the sources differ by more than
    ``min_difference`` and by more than ``tolerance`` relative to A.
    """
    left, right = _cells(a, names[0]), _cells(b, names[1])
    shared = sorted(set(left["period"]) & set(right["period"]))
    joined = pd.merge(
        left[left["period"].isin(shared)],
        right[right["period"].isin(shared)],
        on=["area", "period"],
        how="outer",
        suffixes=("_a", "_b"),
    ).sort_values(["period", "area"], kind="stable")
    columns = (joined[c].tolist() for c in ("area", "period", "count_a", "count_b"))
    cells = tuple(
        _cell(area, period, a, b, tolerance, min_difference)
        for area, period, a, b in zip(*columns, strict=True)
    )
    return Reconciliation(
        name_a=names[0],
        name_b=names[1],
        tolerance=tolerance,
        min_difference=min_difference,
        periods=tuple(_totals(period, cells) for period in shared),
        cells=cells,
        periods_only_a=tuple(sorted(set(left["period"]) - set(shared))),
        periods_only_b=tuple(sorted(set(right["period"]) - set(shared))),
    )


def _as_written(value: object) -> object:
    """A cell as the person wrote it: pandas' empty cell (NaN) is an empty value."""
    return None if pd.isna(value) else value  # type: ignore[call-overload]


def _cells(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataError(
            ngettext(
                "the table has no column {columns}",
                "the table has no columns {columns}",
                len(missing),
            ).format(columns=", ".join(f"'{c}'" for c in missing)),
            file=name,
            field=missing[0],
            hint=_("a source to reconcile is a table of area, period and count"),
        )
    counts = pd.to_numeric(frame["count"], errors="coerce")
    if counts.isna().any() or (counts < 0).any():
        row = frame.index[int((counts.isna() | (counts < 0)).to_numpy().argmax())]
        raise DataError(
            _("the count {value} is not a number of zero or more").format(
                value=shown(_as_written(frame.loc[row, "count"]))
            ),
            file=name,
            record=row_in_file(name, row),
            field="count",
            hint=_("write each count as a whole number, 0 or more"),
        )
    tidy = pd.DataFrame(
        {
            "area": frame["area"].astype(str).str.strip(),
            "period": frame["period"].astype(str).str.strip(),
            "count": counts.round().astype("int64"),
        }
    )
    return tidy.groupby(["area", "period"], as_index=False).agg(count=("count", "sum"))


def _cell(
    area: str, period: str, a: float, b: float, tolerance: float, min_difference: int
) -> Cell:
    count_a = None if pd.isna(a) else int(a)
    count_b = None if pd.isna(b) else int(b)
    if count_b is None:
        status = CellStatus.ONLY_A
    elif count_a is None:
        status = CellStatus.ONLY_B
    else:
        status = _status(count_a, count_b, tolerance, min_difference)
    return Cell(area=area, period=period, a=count_a, b=count_b, status=status)


def _status(a: int, b: int, tolerance: float, min_difference: int) -> CellStatus:
    difference = abs(b - a)
    if difference == 0:
        return CellStatus.MATCH
    if difference <= min_difference or (a > 0 and difference / a <= tolerance):
        return CellStatus.WITHIN
    return CellStatus.GAP


def _totals(period: str, cells: tuple[Cell, ...]) -> PeriodTotals:
    mine = [c for c in cells if c.period == period]
    flagged = {CellStatus.GAP, CellStatus.ONLY_A, CellStatus.ONLY_B}
    return PeriodTotals(
        period=period,
        a=sum(c.a or 0 for c in mine),
        b=sum(c.b or 0 for c in mine),
        areas_a=sum(1 for c in mine if c.a is not None),
        areas_b=sum(1 for c in mine if c.b is not None),
        only_a=sum(1 for c in mine if c.status is CellStatus.ONLY_A),
        only_b=sum(1 for c in mine if c.status is CellStatus.ONLY_B),
        gaps=sum(1 for c in mine if c.status in flagged),
    )
