"""Where the analyses run: the project's DuckDB (default) or Apache Spark.

The analyses take an Ibis table of canonical incidents and never know which
engine is behind it. For Spark, the incidents are exported once to Parquet (the
format Spark reads natively) and read back as a Spark table; at scale an office
would point Spark at its own Parquet copy the same way.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import duckdb
import ibis
import pandas as pd

from ovpkit.errors import DataError
from ovpkit.i18n import _

Engine = Literal["duckdb", "spark"]
ENGINES: tuple[str, ...] = ("duckdb", "spark")


@dataclass(frozen=True)
class Selection:
    """Which incidents a diagnosis covers: one source, optionally one type."""

    source: str
    area_level: str | None
    type: str | None = None


def resolve_source(con: duckdb.DuckDBPyConnection, source: str | None) -> Selection:
    """The source to diagnose: the only one, or the one named (a unique part of its name).

    Sources are never mixed: two sources may count the same events twice.
    """
    rows = con.execute(
        "SELECT source, ANY_VALUE(area_level) FROM incidents GROUP BY source ORDER BY source"
    ).fetchall()
    if not rows:
        raise DataError(
            _("the project database has no incidents yet"),
            hint=_("load a file first: 'ovpkit data ingest FILE --mapping NAME'"),
        )
    known: dict[str, str | None] = {str(r[0]): r[1] for r in rows}
    if source is None and len(known) == 1:
        source = next(iter(known))
    if source not in known:
        matches = [k for k in known if source and source.casefold() in k.casefold()]
        if len(matches) != 1:
            raise DataError(
                _("choose one source to diagnose; the store has: {sources}").format(
                    sources="; ".join(f"'{k}'" for k in known)
                ),
                field="source",
                hint=_("pass --source with one of these names or a unique part of one"),
            )
        source = matches[0]
    return Selection(source=source, area_level=known[source])


def incidents_table(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    *,
    engine: Engine = "duckdb",
    spark: Any = None,
) -> ibis.Table:
    """The selected incidents as an Ibis table on the chosen engine."""
    if engine == "duckdb":
        table = ibis.duckdb.from_connection(con).table("incidents")
    elif engine == "spark":
        table = _spark_table(con, selection, spark)
    else:
        raise DataError(
            _("unknown engine '{engine}'").format(engine=engine),
            hint=_("use one of: {names}").format(names=", ".join(ENGINES)),
        )
    table = table.filter(table.source == selection.source)
    if selection.type is not None:
        table = table.filter(table.type == selection.type)
    return table


def _spark_table(con: duckdb.DuckDBPyConnection, selection: Selection, spark: Any) -> ibis.Table:
    """Export the source's incidents to Parquet and open them in Spark through Ibis."""
    if spark is None:
        spark = local_spark()
    folder = Path(tempfile.mkdtemp(prefix="ovpkit-spark-"))
    target = folder / "incidents.parquet"
    # Spark has no TIME type; the analyses never use the time of day.
    con.execute(
        'COPY (SELECT * EXCLUDE ("time") FROM incidents WHERE source = ?) '
        f"TO '{target}' (FORMAT parquet)",
        [selection.source],
    )
    frame = spark.read.parquet(str(target))
    view = "ovpkit_incidents"
    frame.createOrReplaceTempView(view)
    return ibis.pyspark.connect(spark).table(view)


def local_spark() -> Any:
    """A small local Spark session (2 cores), created once per process."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise DataError(
            _("Spark is not installed"), hint=_("pip install 'ovpkit[spark]' (needs Java 17)")
        ) from exc
    return (
        SparkSession.builder.master("local[2]")
        .appName("ovpkit")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def population_frame(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Denominators for the selection's area level, summed over age and sex."""
    level = selection.area_level
    where = "WHERE area_level = ?" if level else "WHERE area_level IS NULL"
    params = [level] if level else []
    # When two sources give the same area and year, the first by name is used.
    return con.execute(
        f'SELECT area_code, "year", population FROM (SELECT source, area_code, "year", '
        f"SUM(population) AS population FROM population {where} "
        'GROUP BY source, area_code, "year") '
        'QUALIFY ROW_NUMBER() OVER (PARTITION BY area_code, "year" ORDER BY source) = 1',
        params,
    ).df()
