"""Diagnosis (criterion 3): incident data in, rates, trends, concentration, hot spots out.

Ingestion maps any incident file (CSV, Excel, Parquet, GeoJSON) into one canonical
schema in a DuckDB file per project, setting aside rows it cannot read with the
reason. The analyses are written once with Ibis and run on DuckDB or Spark.

Public API (used by the CLI and by ``ovpkit.monitoring``)::

    con = open_store("ovpkit.duckdb")
    report = ingest(con, "shootings_2019.json", load_mapping("philadelphia-shootings"))
    print(set_aside_report(report))
"""

from __future__ import annotations

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import Mapping, load_mapping, shipped_mappings
from ovpkit.diagnosis.quarantine import IngestReport, SetAside, quarantined_rows, set_aside_report
from ovpkit.diagnosis.store import DEFAULT_DB, StoreStatus, open_store, store_status

__all__ = [
    "DEFAULT_DB",
    "IngestReport",
    "Mapping",
    "SetAside",
    "StoreStatus",
    "ingest",
    "load_mapping",
    "open_store",
    "quarantined_rows",
    "set_aside_report",
    "shipped_mappings",
    "store_status",
]
