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

# The record key and the source id are nearly always unique, so compressing them
# saves little space and was a quarter of the time to store ten million rows.
DDL: Final[tuple[str, ...]] = (
    """CREATE TABLE IF NOT EXISTS incidents (
        source VARCHAR NOT NULL,
        record_key VARCHAR USING COMPRESSION uncompressed NOT NULL,
        file_hash VARCHAR NOT NULL, "row" BIGINT NOT NULL,
        id VARCHAR USING COMPRESSION uncompressed, "date" DATE NOT NULL, "time" TIME,
        date_precision VARCHAR NOT NULL, type VARCHAR, fatal BOOLEAN, area_code VARCHAR,
        area_level VARCHAR, lat DOUBLE, lon DOUBLE, victim_age INTEGER, age_min INTEGER,
        age_max INTEGER, sex VARCHAR, weapon VARCHAR, "count" INTEGER NOT NULL
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
        population_rows BIGINT NOT NULL
    )""",
)
