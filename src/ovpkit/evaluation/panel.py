"""A unit × period panel, validated once so that every estimator can trust it.

The rules for gaps are explicit, because a silently dropped unit changes a
synthetic control or a difference-in-differences without anyone seeing it:

* ``missing="error"`` (the default): any missing value of a column an estimator
  uses raises :class:`~ovpkit.errors.SpecError` naming the unit, period and column.
* ``missing="drop_units"``: units with a missing value are removed, and every
  removed unit is listed in :attr:`Panel.dropped` with its reason (the treated
  unit is never dropped: a gap there is still an error).

Files that list only unit-periods with at least one event (zeros implicit, as in
the Colombian municipal homicide panel) are completed by :func:`fill_implicit_zeros`
before validation; see its docstring for how population is filled.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ovpkit.errors import SpecError
from ovpkit.i18n import _

MissingRule = Literal["error", "drop_units"]


@dataclass(frozen=True)
class Panel:
    """A balanced long panel: one row per unit and period, no duplicates.

    ``frame`` is sorted by unit then period; ``units`` and ``periods`` are sorted.
    ``dropped`` maps each unit removed under ``missing="drop_units"`` to the reason.
    """

    frame: pd.DataFrame
    unit: str
    time: str
    units: tuple[str, ...]
    periods: tuple[int, ...]
    source: str
    dropped: dict[str, str] = field(default_factory=dict)

    def wide(self, column: str) -> pd.DataFrame:
        """The column as a period × unit table (rows periods, columns units)."""
        table = self.frame.pivot(index=self.time, columns=self.unit, values=column)
        return table.loc[list(self.periods), list(self.units)].astype(float)

    def has(self, column: str) -> bool:
        return column in self.frame.columns


def load_table(path: Path) -> pd.DataFrame:
    """Read a CSV or Parquet file; a missing or unreadable file is a spec problem."""
    if not path.is_file():
        raise SpecError(
            _("the data file {path} does not exist").format(path=path),
            field="data.path",
            hint=_("give a path relative to the spec file, or an absolute path"),
        )
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    return pd.read_csv(path)


def fill_implicit_zeros(
    frame: pd.DataFrame, *, unit: str, time: str, count: str, population: str | None
) -> tuple[pd.DataFrame, int]:
    """Add the rows a file leaves out because their count is zero.

    Each unit gets every period between the file's first and last period, with
    ``count = 0`` where the row was absent. Population (when named) is only
    *interpolated*, linearly between the unit's own known years, never
    extrapolated: a filled row before a unit's first or after its last listed year
    keeps a missing population, so the missing-value rule then decides (error, or
    drop the unit with the reason written down). Returns the frame and the number
    of rows added.
    """
    _reject_duplicates(frame, unit, time, "data")
    periods = np.arange(int(frame[time].min()), int(frame[time].max()) + 1)
    index = pd.MultiIndex.from_product([sorted(frame[unit].unique()), periods], names=[unit, time])
    full = frame.set_index([unit, time]).reindex(index)
    added = int(full[count].isna().sum())
    full[count] = full[count].fillna(0)
    if population is not None:
        full[population] = full.groupby(level=0)[population].transform(
            lambda s: s.interpolate(method="linear", limit_area="inside")
        )
    return full.reset_index(), added


def build_panel(
    frame: pd.DataFrame,
    *,
    unit: str,
    time: str,
    columns: Sequence[str],
    source: str,
    carry: Sequence[str] = (),
    keep_units: Sequence[str] = (),
    periods: tuple[int, int] | None = None,
    missing: MissingRule = "error",
    text_columns: Sequence[str] = (),
) -> Panel:
    """Validate ``frame`` into a :class:`Panel` over ``columns``.

    ``carry`` columns are kept without the gap check (a predictor measured only in
    some years is checked over its own window by the estimator). ``keep_units`` are
    units that must survive (the treated unit): a gap in one of them is an error
    under every rule. ``periods`` restricts to an inclusive range first.
    ``text_columns`` (among ``columns``) are checked for gaps but kept as they are:
    labels such as a region, used as fixed effects.
    """
    _require_columns(frame, [unit, time, *columns, *carry], source)
    data = frame[[unit, time, *dict.fromkeys([*columns, *carry])]].copy()
    data[unit] = data[unit].astype(str)
    data[time] = _integer_periods(data[time], time, source)
    if periods is not None:
        data = data[data[time].between(*periods)]
    _reject_duplicates(data, unit, time, source)
    data = _balance(data, unit, time)
    dropped = _apply_missing_rule(data, unit, time, list(columns), source, keep_units, missing)
    data = data[~data[unit].isin(dropped)].sort_values([unit, time]).reset_index(drop=True)
    for column in dict.fromkeys([*columns, *carry]):
        if column not in text_columns:
            data[column] = _numeric(data[column], column, source)
    return Panel(
        frame=data,
        unit=unit,
        time=time,
        units=tuple(sorted(data[unit].unique())),
        periods=tuple(int(p) for p in sorted(data[time].unique())),
        source=source,
        dropped=dropped,
    )


def _require_columns(frame: pd.DataFrame, needed: Sequence[str], source: str) -> None:
    absent = [c for c in dict.fromkeys(needed) if c not in frame.columns]
    if absent:
        raise SpecError(
            _("column(s) {absent} not found; the file has: {have}").format(
                absent=", ".join(absent), have=", ".join(map(str, frame.columns))
            ),
            file=source,
            field=absent[0],
            hint=_("correct the column name in the spec"),
        )


def _integer_periods(values: pd.Series, time: str, source: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() | (numbers != numbers.round())
    if bad.any():
        raise SpecError(
            _("period {value!r} is not a whole number").format(value=values[bad].iloc[0]),
            file=source,
            field=time,
            hint=_("periods must be whole numbers such as years (1990) or months (202301)"),
        )
    return numbers.astype(int)


def _numeric(values: pd.Series, column: str, source: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() & values.notna()
    if bad.any():
        raise SpecError(
            _("value {value!r} is not a number").format(value=values[bad].iloc[0]),
            file=source,
            field=column,
            hint=_("the outcome and predictors must be numeric columns"),
        )
    return numbers.astype(float)


def _reject_duplicates(data: pd.DataFrame, unit: str, time: str, source: str) -> None:
    dup = data.duplicated([unit, time], keep=False)
    if dup.any():
        first = data[dup].iloc[0]
        raise SpecError(
            _("unit {unit!r} has more than one row for period {period}").format(
                unit=first[unit], period=first[time]
            ),
            file=source,
            field=time,
            hint=_("aggregate the file to one row per unit and period first"),
        )


def _balance(data: pd.DataFrame, unit: str, time: str) -> pd.DataFrame:
    """Make absent unit-periods explicit rows of missing values (then the rule applies)."""
    index = pd.MultiIndex.from_product(
        [sorted(data[unit].unique()), sorted(data[time].unique())], names=[unit, time]
    )
    return data.set_index([unit, time]).reindex(index).reset_index()


def _infinite(values: pd.DataFrame) -> pd.DataFrame:
    """Cells that are numbers but infinite (a rate over a population of 0, for example)."""
    numbers = values.apply(lambda c: pd.to_numeric(c, errors="coerce")).astype(float)
    return pd.DataFrame(np.isinf(numbers.to_numpy()), index=values.index, columns=values.columns)


def _gap_reason(
    rows: pd.DataFrame,
    missing_cells: pd.DataFrame,
    infinite: pd.DataFrame,
    columns: list[str],
    time: str,
) -> str:
    """Why a unit has a gap: its missing or infinite columns and the first periods."""
    messages = (
        (missing_cells, _("missing {cols} in {years}")),
        # Translators: a value that is a division by zero, e.g. a rate over a population of 0.
        (infinite, _("infinite {cols} (a division by zero, e.g. a population of 0) in {years}")),
    )
    parts = []
    for cells, message in messages:
        flagged = cells.loc[rows.index]
        cols = [c for c in columns if flagged[c].any()]
        if not cols:
            continue
        periods = rows.loc[flagged.any(axis=1), time].tolist()
        years = ", ".join(str(p) for p in periods[:5]) + ("…" if len(periods) > 5 else "")
        parts.append(message.format(cols=", ".join(cols), years=years))
    return "; ".join(parts)


def _apply_missing_rule(
    data: pd.DataFrame,
    unit: str,
    time: str,
    columns: list[str],
    source: str,
    keep_units: Sequence[str],
    missing: MissingRule,
) -> dict[str, str]:
    missing_cells = data[columns].isna()
    infinite = _infinite(data[columns])
    gaps = data[(missing_cells | infinite).any(axis=1)]
    if gaps.empty:
        return {}
    reasons: dict[str, str] = {}
    for name, rows in gaps.groupby(unit, sort=True):
        reasons[str(name)] = _gap_reason(rows, missing_cells, infinite, columns, time)
    protected = [u for u in keep_units if u in reasons]
    if missing == "error" or protected:
        name = protected[0] if protected else next(iter(reasons))
        raise SpecError(
            _("unit {unit!r}: {reason} ({n} unit(s) have gaps)").format(
                unit=name, reason=reasons[name], n=len(reasons)
            ),
            file=source,
            field=columns[0] if len(columns) == 1 else None,
            hint=_(
                "fill the gaps in the file, narrow the periods, or set `missing: drop_units` "
                "to leave donors with gaps out (they are then listed in the diagnostics)"
            ),
        )
    return reasons
