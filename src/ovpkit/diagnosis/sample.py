"""The Philadelphia sample that ships inside ovpkit, so a diagnosis runs anywhere."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.quarantine import IngestReport

if TYPE_CHECKING:
    from ovpkit.diagnosis.diagnosis import Diagnosis

SAMPLE_MAPPING = "philadelphia-shootings-sample"
SAMPLE_BOUNDARY_KEY = "police_district"


def sample_path(name: str = "philadelphia_shootings_2015_2025.csv") -> Path:
    return Path(str(resources.files("ovpkit.diagnosis") / "samples" / name))


def sample_boundaries() -> Path:
    return sample_path("philadelphia_police_districts.geojson")


def load_sample(con: duckdb.DuckDBPyConnection) -> IngestReport:
    """Ingest the shipped sample into ``con`` (once: re-loading changes nothing)."""
    return ingest(con, sample_path(), load_mapping(SAMPLE_MAPPING))


def diagnose_sample() -> Diagnosis:
    """The diagnosis of the shipped sample, from a store in memory (demo pages, tests)."""
    from ovpkit.diagnosis.diagnosis import diagnose
    from ovpkit.diagnosis.store import open_store

    con = open_store(":memory:")
    try:
        load_sample(con)
        return diagnose(con)
    finally:
        con.close()
