"""The canonical tables every incident file is mapped into.

One incident row stands for ``count`` victims (or incidents, for sources whose
unit is the incident) on one date in one area. Keeping one shape for every
source is what lets the analyses be written once.
"""

from __future__ import annotations

from typing import Final

# Canonical fields a mapping may fill, with the DuckDB type each is stored as.
INCIDENT_FIELDS: Final[dict[str, str]] = {
    "id": "VARCHAR",
    "date": "DATE",
    "time": "TIME",
    "type": "VARCHAR",
    "fatal": "BOOLEAN",
    "area_code": "VARCHAR",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "victim_age": "INTEGER",
    "age_group": "VARCHAR",
    "sex": "VARCHAR",
    "weapon": "VARCHAR",
    "count": "INTEGER",
}

POPULATION_FIELDS: Final[dict[str, str]] = {
    "area_code": "VARCHAR",
    "year": "INTEGER",
    "age_group": "VARCHAR",
    "sex": "VARCHAR",
    "population": "BIGINT",
}

SEXES: Final[tuple[str, ...]] = ("male", "female", "other")
PRECISIONS: Final[tuple[str, ...]] = ("day", "month", "year")

# The incidents themselves are Parquet files listed here (see ``parts``); the
# ``incidents`` view joins in what is the same on every row of a file.
DDL: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS incident_parts (
        part VARCHAR NOT NULL, source VARCHAR NOT NULL, file_hash VARCHAR NOT NULL,
        date_precision VARCHAR NOT NULL, area_level VARCHAR, "rows" BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS quarantine (
        source VARCHAR NOT NULL, file VARCHAR NOT NULL, file_hash VARCHAR NOT NULL,
        "table" VARCHAR NOT NULL, "row" BIGINT NOT NULL, field VARCHAR NOT NULL,
        "value" VARCHAR, reason VARCHAR NOT NULL, raw VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS population (
        source VARCHAR NOT NULL, area_code VARCHAR NOT NULL, area_level VARCHAR,
        "year" INTEGER NOT NULL, age_group VARCHAR, sex VARCHAR, population BIGINT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS provenance (
        file VARCHAR NOT NULL, file_hash VARCHAR NOT NULL, source VARCHAR NOT NULL,
        licence VARCHAR, mapping VARCHAR NOT NULL, ingested_at TIMESTAMP NOT NULL,
        rows_in BIGINT NOT NULL, loaded BIGINT NOT NULL, quarantined BIGINT NOT NULL,
        population_rows BIGINT NOT NULL, rows_loaded BIGINT
    )""",
    # Stores written before unpacking lack it; NULL means rows_in - quarantined.
    "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS rows_loaded BIGINT",
    # The mapping's unit (victim, incident, aggregate); stores written before lack it.
    "ALTER TABLE provenance ADD COLUMN IF NOT EXISTS unit VARCHAR",
)
