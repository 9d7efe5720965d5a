"""Count tables for reconciliation, from the files offices actually have.

A source becomes a table of (area, period, count) in one of three ways:

* ``table``: a CSV, Parquet, JSON (list of records) or Excel file that already
  has the area, period and count columns;
* an ingestion mapping of :mod:`ovpkit.diagnosis` (e.g. ``colombia-policia-homicidios``):
  the files are ingested into a throw-away DuckDB store with the diagnosis
  engineer's ingestion, nothing lost, and the incidents summed by area and period;
* ``philadelphia-homicide-totals``: the Philadelphia Police annual homicide totals
  (a JSON object of year -> {"annual": n}), which no incident mapping fits since it
  has no incidents, only totals.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from ovpkit.diagnosis import ingest, load_mapping, open_store
from ovpkit.errors import DataError, os_problem
from ovpkit.i18n import N_, _, ngettext

Period = Literal["year", "quarter", "month"]
WHOLE_CITY = "all"
TABLE = "table"
PHILADELPHIA_TOTALS = "philadelphia-homicide-totals"
_PERIOD_SQL: dict[str, str] = {
    "year": 'CAST(year("date") AS VARCHAR)',
    "quarter": 'CAST(year("date") AS VARCHAR) || \'-Q\' || CAST(quarter("date") AS VARCHAR)',
    "month": "strftime(\"date\", '%Y-%m')",
}
_COARSER: dict[str, tuple[str, ...]] = {"year": (), "quarter": ("year",), "month": ("year",)}


@dataclass(frozen=True)
class SourceSpec:
    """Where a source's counts come from and how to sum them."""

    paths: tuple[Path, ...]
    reader: str = TABLE  # "table", "philadelphia-homicide-totals" or a mapping name or path
    by: str | None = "area"  # None: one total for the whole city
    period: str = "year"
    count: str = "count"  # the count column of a table
    fatal_only: bool = False

    @property
    def name(self) -> str:
        first = self.paths[0].name if self.paths else "?"
        return first + (f" (+{len(self.paths) - 1} files)" if len(self.paths) > 1 else "")


#: The periods a source is summed by, as the sentence "cannot be split by {period}" names them.
PERIOD_LABELS = {"quarter": N_("quarter"), "month": N_("month")}


def expand(pattern: str) -> tuple[Path, ...]:
    """The files a path or a glob pattern names (sorted); none is an error."""
    if any(ch in pattern for ch in "*?["):
        found = tuple(Path(p) for p in sorted(glob.glob(pattern)))
    else:
        found = (Path(pattern),) if Path(pattern).exists() else ()
    if not found:
        raise DataError(_("no file matches"), file=pattern, hint=_("check the path or the pattern"))
    return found


def read_counts(spec: SourceSpec) -> pd.DataFrame:
    """The (area, period, count) table of ``spec``."""
    if spec.reader == TABLE:
        frames = [
            count_table(p, by=spec.by, period=spec.period, count=spec.count) for p in spec.paths
        ]
        return pd.concat(frames, ignore_index=True)
    if spec.reader == PHILADELPHIA_TOTALS:
        return pd.concat([philadelphia_homicide_totals(p) for p in spec.paths], ignore_index=True)
    return ingested_counts(
        spec.paths,
        spec.reader,
        by_area=spec.by is not None,
        period=_period(spec.period),
        fatal_only=spec.fatal_only,
    )


def count_table(path: Path, *, by: str | None, period: str, count: str = "count") -> pd.DataFrame:
    """Read a ready table; ``by`` and ``period`` name its area and period columns."""
    frame = read_table(path)
    wanted = [c for c in (by, period, count) if c is not None]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise DataError(
            _("column '{column}' not found").format(column=missing[0]),
            file=path,
            field=missing[0],
            hint=_("the columns are: {columns}; name them with --by, --period and --count").format(
                columns=", ".join(map(str, frame.columns))
            ),
        )
    return pd.DataFrame(
        {
            "area": frame[by].astype(str) if by is not None else WHOLE_CITY,
            "period": frame[period].astype(str),
            "count": frame[count],
        }
    )


def read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".json":
            return pd.read_json(path, orient="records")
        if suffix in {".xlsx", ".xls"}:
            return pd.read_excel(path)
        return pd.read_csv(path, sep=None, engine="python", encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise DataError(
            _("cannot read this table: {problem}").format(problem=table_problem(exc)),
            file=path,
            hint=_("a count table is a CSV, Parquet, JSON list of records or Excel file"),
        ) from exc


def table_problem(exc: Exception) -> str:
    """Why a table could not be read, in words (the readers' own texts are English)."""
    if isinstance(exc, UnicodeDecodeError):
        return _("the file is not UTF-8 text (byte {n})").format(n=exc.start)
    if isinstance(exc, OSError):
        return os_problem(exc)
    return _("its content is not in the format its name says (or it is empty)")


def philadelphia_homicide_totals(path: Path) -> pd.DataFrame:
    """PPD annual homicide totals, {"2019": {"annual": 356.0, "ytd": 1}, ...}; nulls skipped."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(
            _("cannot read the totals: {problem}").format(problem=os_problem(exc)), file=path
        ) from exc
    except json.JSONDecodeError as exc:
        raise DataError(
            _("cannot read the totals: this is not valid JSON"),
            file=path,
            record=_("line {n}").format(n=exc.lineno),
        ) from exc
    if not isinstance(document, dict):
        raise DataError(_("expected an object of year -> totals"), file=path)
    rows = []
    for year, totals in document.items():
        annual = totals.get("annual") if isinstance(totals, dict) else None
        if annual is None:
            continue
        rows.append({"area": WHOLE_CITY, "period": str(year), "count": int(annual)})
    return pd.DataFrame(rows, columns=["area", "period", "count"])


def ingested_counts(
    paths: Sequence[Path],
    mapping_name: str,
    *,
    by_area: bool = True,
    period: Period = "year",
    fatal_only: bool = False,
    con: duckdb.DuckDBPyConnection | None = None,
) -> pd.DataFrame:
    """Ingest ``paths`` with a diagnosis mapping (in memory) and sum victims by area and period."""
    mapping = load_mapping(mapping_name)
    store = con if con is not None else open_store(":memory:")
    for path in paths:
        ingest(store, path, mapping)
    return store_counts(
        store, source=mapping.source, by_area=by_area, period=period, fatal_only=fatal_only
    )


def store_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    by_area: bool = True,
    period: Period = "year",
    fatal_only: bool = False,
) -> pd.DataFrame:
    """Sum of ``count`` in the project store's incidents of one source, by area and period."""
    _check_precision(con, source, period)
    area = "COALESCE(area_code, 'unknown')" if by_area else f"'{WHOLE_CITY}'"
    fatal = " AND fatal" if fatal_only else ""
    sql = (
        f'SELECT {area} AS area, {_PERIOD_SQL[period]} AS period, SUM("count") AS "count" '
        f"FROM incidents WHERE source = ?{fatal} GROUP BY ALL ORDER BY period, area"
    )
    return con.execute(sql, [source]).fetchdf()


def _check_precision(con: duckdb.DuckDBPyConnection, source: str, period: str) -> None:
    coarser = _COARSER[period]
    if not coarser:
        return
    marks = ", ".join(f"'{c}'" for c in coarser)
    row = con.execute(
        f"SELECT COUNT(*) FROM incidents WHERE source = ? AND date_precision IN ({marks})",
        [source],
    ).fetchone()
    if row and row[0]:
        raise DataError(
            ngettext(
                "{n} row of this source is dated only to the year, so it cannot be split by "
                "{period}",
                "{n} rows of this source are dated only to the year, so they cannot be split by "
                "{period}",
                int(row[0]),
            ).format(n=row[0], period=_(PERIOD_LABELS.get(period, period))),
            file=source,
            field="period",
            hint=_("reconcile by year (--period year)"),
        )


def _period(value: str) -> Period:
    if value == "year":
        return "year"
    if value == "quarter":
        return "quarter"
    if value == "month":
        return "month"
    raise DataError(
        _("unknown period '{value}'").format(value=value),
        field="period",
        hint=_("an ingested source is summed by year, quarter or month"),
    )
