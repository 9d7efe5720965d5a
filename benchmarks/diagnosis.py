"""Benchmark: synthetic incidents, ovpkit against vectorised pandas, polars and DuckDB SQL.

Every tool does the same work from the same file, CSV and Parquet: read the
rows, set aside the bad dates, count victims by area and year with rates per
100,000 and exact Poisson intervals, concentration over areas (top shares,
Gini) and hot spots (H3 resolution 8, Gi*, Benjamini-Hochberg). Each tool runs
in its own process (imports before the clock starts), so each peak memory
(getrusage, maximum resident size) is that tool's own. No tool calls h3 once
per row: h3 has no vectorised call, so every baseline, like ovpkit, groups the
rows by location first and computes one cell per distinct location. The
results (rows loaded and set aside, area-year cells, the sum of the rates,
Gini, hot cells) must be the same for every tool.

Each tool's processor time (every thread) is printed beside its clock time:
on a machine others share, the clock measures the queue as much as the work,
and the processor-time ratios move far less from run to run.

Targets at 10 million rows: ovpkit end to end (ingestion into a store file and
the analyses) at least 5x faster than pandas, within 2x of polars, peak < 3 GB.

    .venv/bin/python benchmarks/diagnosis.py [--rows 10000000] [--formats csv,parquet]
    .venv/bin/python benchmarks/diagnosis.py --huge   # also ovpkit on 100 million (Parquet)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ovpkit.diagnosis.mapping import Mapping

AREAS, PLACES, RESOLUTION = 500, 200_000, 8
MEMORY = "2GB"  # DuckDB's memory_limit for ovpkit and plain DuckDB
MAPPING = Mapping.model_validate(
    {
        "name": "benchmark",
        "source": "synthetic",
        "area_level": "district",
        "fields": {
            "id": "id",
            "date": {"column": "date", "formats": ["%Y-%m-%d"]},
            "sex": "sex",
            "victim_age": "age",
            "area_code": "area",
            "lat": "lat",
            "lon": "lon",
        },
    }
)


def generate(path: Path, rows: int) -> None:
    """Skewed synthetic incidents at 200,000 block-level places; 0.1% bad dates."""
    duckdb.execute("SELECT setseed(0.42)")
    duckdb.execute(
        f"""COPY (
          WITH r AS (SELECT i, random() AS u, random() AS v, random() AS w FROM range({rows}) t(i))
          SELECT i AS id,
            CASE WHEN w < 0.001 THEN 'not a date'
                 ELSE strftime(DATE '2018-01-01' + CAST(floor(v * 1826) AS INTEGER),
                               '%Y-%m-%d') END AS date,
            CASE WHEN w < 0.85 THEN 'M' ELSE 'F' END AS sex,
            CAST(12 + floor(u * v * 70) AS INTEGER) AS age,
            CAST(floor(u * u * {PLACES}) AS BIGINT) AS place
          FROM r)
        TO '{path}.tmp' (FORMAT parquet)"""
    )
    duckdb.execute(
        f"""COPY (SELECT id, date, sex, age,
            'D' || lpad(CAST(place % {AREAS} AS VARCHAR), 3, '0') AS area,
            round(39.90 + (place // 500) / 400.0 * 0.2, 5) AS lat,
            round(-75.25 + (place % 500) / 500.0 * 0.25, 5) AS lon
          FROM read_parquet('{path}.tmp')) TO '{path}.parquet' (FORMAT parquet)"""
    )
    Path(f"{path}.tmp").unlink()


def population() -> pd.DataFrame:
    years = range(2018, 2023)
    return pd.DataFrame(
        [(f"D{a:03d}", y, 20_000 + 37 * a) for a in range(AREAS) for y in years],
        columns=["area_code", "year", "population"],
    )


def finish(
    counts: pd.DataFrame, by_area: dict[str, int], places: pd.DataFrame, loaded: int, aside: int
) -> dict[str, Any]:
    """Rates, concentration and hot spots from a baseline's aggregates (small frames)."""
    import h3

    from ovpkit.diagnosis.concentration import concentration
    from ovpkit.diagnosis.hotspots import hot_spots
    from ovpkit.diagnosis.rates import poisson_interval

    counts = counts.merge(population(), left_on=["area", "year"], right_on=["area_code", "year"])
    lower, upper = poisson_interval(counts["victims"].to_numpy())
    rate = counts["victims"] / counts["population"] * 1e5
    assert (lower <= counts["victims"]).all() and (upper >= counts["victims"]).all()
    conc = concentration(by_area, unit="area")
    pairs = zip(places["lat"], places["lon"], strict=True)
    cells = [h3.latlng_to_cell(a, b, RESOLUTION) for a, b in pairs]
    per_cell = pd.Series(places["victims"].to_numpy(), index=cells).groupby(level=0).sum()
    spots = hot_spots({str(k): int(v) for k, v in per_cell.items()}, resolution=RESOLUTION)
    return result(loaded, aside, len(counts), float(rate.sum()), conc.gini, len(spots.hot))


def result(
    loaded: int, aside: int, cells: int, rates: float, gini: float, hot: int
) -> dict[str, Any]:
    return {"loaded": loaded, "set_aside": aside, "rates": cells, "rate_sum": round(rates, 4),
            "gini": round(gini, 9), "hot": hot}  # fmt: skip


def run_ovpkit(path: Path) -> dict[str, Any]:
    """ovpkit's own code path: ingest into a store file, then the Ibis analyses."""
    from ovpkit.diagnosis.concentration import concentration
    from ovpkit.diagnosis.engine import incidents_table, population_frame, resolve_source
    from ovpkit.diagnosis.hotspots import cell_counts, hot_spots, locations
    from ovpkit.diagnosis.ingestion import ingest
    from ovpkit.diagnosis.rates import count_by, rate_rows
    from ovpkit.diagnosis.store import open_store

    with tempfile.TemporaryDirectory(prefix="ovpkit-bench-store-") as folder:
        con = open_store(Path(folder) / "bench.duckdb", memory_limit=MEMORY)
        con.execute("SET threads = 2")
        report = ingest(con, path, MAPPING)
        pop = population().assign(source="census", area_level="district", age_group=None, sex=None)
        con.register("pop_frame", pop)
        con.execute(
            "INSERT INTO population SELECT source, area_code, area_level, year, age_group, sex, "
            "population FROM pop_frame"
        )
        selection = resolve_source(con, None)
        t = incidents_table(con, selection)
        rates = rate_rows(
            count_by(t, "year", by_area=True), population_frame(con, selection), "year"
        )
        by_area = t.group_by(area=t.area_code).aggregate(victims=t["count"].sum()).to_pandas()
        conc = concentration(
            dict(zip(by_area["area"], by_area["victims"], strict=True)), unit="area"
        )
        spots = hot_spots(cell_counts(locations(t), RESOLUTION), resolution=RESOLUTION)
        con.close()
    rated = [r.rate for r in rates if r.rate is not None]
    return result(report.loaded, report.quarantined, len(rated), float(sum(rated)), conc.gini,
                  len(spots.hot))  # fmt: skip


def run_pandas(path: Path) -> dict[str, Any]:
    """What a careful analyst writes in pandas: whole columns at a time."""
    if path.suffix == ".csv":
        df = pd.read_csv(path, dtype={"date": str, "sex": str, "area": str})
    else:
        df = pd.read_parquet(path)
    date = pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce")
    bad = date.isna()
    df = df[~bad].assign(year=date[~bad].dt.year)
    counts = df.groupby(["area", "year"]).size().rename("victims").reset_index()
    by_area = {str(k): int(v) for k, v in df.groupby("area").size().items()}
    places = df.groupby(["lat", "lon"]).size().rename("victims").reset_index()
    return finish(counts, by_area, places, len(df), int(bad.sum()))


def run_polars(path: Path) -> dict[str, Any]:
    """Polars, lazy and streaming."""
    import polars as pl

    text = {"date": pl.String, "sex": pl.String, "area": pl.String}
    frame = (
        pl.scan_csv(path, schema_overrides=text) if path.suffix == ".csv" else pl.scan_parquet(path)
    )
    frame = frame.with_columns(day=pl.col("date").str.strptime(pl.Date, "%Y-%m-%d", strict=False))
    good = frame.filter(pl.col("day").is_not_null())
    counts, areas, places, total = pl.collect_all([
        good.group_by("area", year=pl.col("day").dt.year()).agg(victims=pl.len()),
        good.group_by("area").agg(victims=pl.len()),
        good.group_by("lat", "lon").agg(victims=pl.len()),
        frame.select(loaded=pl.col("day").is_not_null().sum(), aside=pl.col("day").is_null().sum()),
    ], engine="streaming")  # fmt: skip
    by_area = dict(zip(areas["area"].to_list(), areas["victims"].to_list(), strict=True))
    counts_pd = counts.to_pandas().astype({"year": "int64"})
    return finish(
        counts_pd, by_area, places.to_pandas(), int(total["loaded"][0]), int(total["aside"][0])
    )


def run_duckdb(path: Path) -> dict[str, Any]:
    """Plain DuckDB SQL over the file."""
    con = duckdb.connect()
    con.execute(f"SET threads = 2; SET memory_limit = '{MEMORY}'")
    reader = "read_csv" if path.suffix == ".csv" else "read_parquet"
    con.execute(
        f"CREATE TEMP TABLE t AS SELECT area, lat, lon, try_strptime(date, '%Y-%m-%d') AS day "
        f"FROM {reader}('{path}')"
    )
    loaded, aside = con.execute("SELECT COUNT(day), COUNT(*) - COUNT(day) FROM t").fetchone() or (
        0,
        0,
    )
    good = "FROM t WHERE day IS NOT NULL"
    counts = con.execute(
        f"SELECT area, year(day) AS year, COUNT(*) AS victims {good} GROUP BY ALL"
    ).df()
    areas = con.execute(f"SELECT area, COUNT(*) {good} GROUP BY area").fetchall()
    places = con.execute(f"SELECT lat, lon, COUNT(*) AS victims {good} GROUP BY ALL").df()
    return finish(counts.astype({"year": "int64"}), {str(a): int(n) for a, n in areas}, places,
                  int(loaded), int(aside))  # fmt: skip


TOOLS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "ovpkit": run_ovpkit, "pandas": run_pandas, "polars": run_polars, "duckdb": run_duckdb,
}  # fmt: skip


def preload(tool: str) -> None:
    """Import what the tool and the shared finishing step use, before the clock starts."""
    import h3  # noqa: F401
    import ibis.backends.duckdb  # noqa: F401
    import scipy.stats  # noqa: F401

    import ovpkit.diagnosis.hotspots  # noqa: F401
    import ovpkit.diagnosis.ingestion  # noqa: F401
    import ovpkit.diagnosis.rates  # noqa: F401

    if tool == "polars":
        import polars  # noqa: F401


def _cpu() -> float:
    """Processor seconds of this process, every thread (DuckDB's and polars' too)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(tool: str, path: Path) -> None:
    preload(tool)
    start, cpu = time.perf_counter(), _cpu()
    out = TOOLS[tool](path)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_gb": peak, "result": out}))


def measure(tool: str, path: Path) -> dict[str, Any]:
    """Run one tool on one file in a fresh process."""
    cmd = [sys.executable, __file__, "--child", tool, "--input", str(path)]
    done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def generated(folder: Path, rows: int, kind: str) -> Path:
    path = folder / f"incidents.{kind}"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--rows", str(rows), "--generate", str(path)], check=True
    )
    if kind == "csv":
        with duckdb.connect() as con:
            con.execute(f"COPY (FROM read_parquet('{path}.parquet')) TO '{path}' (HEADER)")
        Path(f"{path}.parquet").unlink()
    else:
        Path(f"{path}.parquet").rename(path)
    print(f"generated {rows:,} incidents in {time.perf_counter() - start:.1f} s "
          f"({path.stat().st_size / 1e6:.0f} MB {kind})", flush=True)  # fmt: skip
    return path


def compare(rows: int, kinds: list[str], tools: list[str]) -> None:
    for kind in kinds:
        with tempfile.TemporaryDirectory(prefix="ovpkit-bench-") as tmp:
            path = generated(Path(tmp), rows, kind)
            runs = {}
            for tool in tools:
                runs[tool] = measure(tool, path)
                f = runs[tool]
                print(f"  {kind:7s} {tool:7s} {f['seconds']:7.1f} s  cpu {f['cpu']:7.1f} s  "
                      f"peak {f['peak_gb']:.2f} GB  "
                      f"{f['result']}", flush=True)  # fmt: skip
        report(kind, runs)


def agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Same counts; rates and Gini equal up to the order of floating-point sums."""
    exact = ("loaded", "set_aside", "rates", "hot")
    close = abs(a["rate_sum"] - b["rate_sum"]) <= 1e-6 * abs(b["rate_sum"]) + 1e-6
    return all(a[k] == b[k] for k in exact) and close and abs(a["gini"] - b["gini"]) < 1e-9


def report(kind: str, runs: dict[str, dict[str, Any]]) -> None:
    ours = runs["ovpkit"]
    same = all(agree(r["result"], ours["result"]) for r in runs.values())
    ratios = ", ".join(
        f"{tool} {r['seconds'] / ours['seconds']:.1f}x (cpu {r['cpu'] / ours['cpu']:.1f}x)"
        for tool, r in runs.items()
        if tool != "ovpkit"
    )
    print(f"{kind}: ovpkit {ours['seconds']:.1f} s, peak {ours['peak_gb']:.2f} GB (target < 3 GB); "
          f"the others' time over ovpkit's: {ratios} (targets: pandas >= 5x, polars >= 0.5x); "
          f"same results: {same}", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--formats", default="csv,parquet")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--huge", action="store_true", help="also ovpkit on 100 million rows")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=list(TOOLS), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate is not None:
        generate(args.generate, args.rows)
    elif args.child is not None:
        child(args.child, args.input)
    else:
        compare(args.rows, args.formats.split(","), args.tools.split(","))
        if args.huge:
            with tempfile.TemporaryDirectory(prefix="ovpkit-bench-") as tmp:
                f = measure("ovpkit", generated(Path(tmp), 100_000_000, "parquet"))
            print(f"100 million rows from Parquet: ovpkit {f['seconds']:.1f} s, "
                  f"peak {f['peak_gb']:.2f} GB, {f['result']}")  # fmt: skip


if __name__ == "__main__":
    main()
