"""The same Ibis analyses give identical results on DuckDB and on Spark."""

from __future__ import annotations

import dataclasses

import pytest

from ovpkit.diagnosis.diagnosis import Options, diagnose
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping


@pytest.mark.slow
@pytest.mark.spark
@pytest.mark.xdist_group("spark")
@pytest.mark.filterwarnings("ignore::ResourceWarning")  # py4j leaves its sockets to the GC
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_philadelphia_diagnosis_is_identical_on_duckdb_and_spark(store, shared_data, spark_session):
    mapping = load_mapping("philadelphia-shootings")
    for year in (2018, 2019, 2020):
        ingest(store, shared_data / f"philadelphia/shootings_{year}.json", mapping)
    options = Options(period="month")

    on_duckdb = diagnose(store, options)
    on_spark = diagnose(store, dataclasses.replace(options, engine="spark"), spark=spark_session)

    assert on_spark.engine == "spark"
    assert dataclasses.replace(on_spark, engine="duckdb") == on_duckdb
