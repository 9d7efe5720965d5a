"""Shared fixtures for the diagnosis tests: an in-memory store and the real data sets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_store(":memory:")
    yield con
    con.close()


@pytest.fixture(scope="session")
def shared_data(data_dir: Path) -> Path:
    """The real data sets of ../shared/data (the project-wide ``data_dir`` fixture)."""
    return data_dir


@pytest.fixture(scope="session")
def spark_session() -> Iterator[object]:
    """One local Spark per test worker (tests using it share the xdist group "spark")."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'ovpkit[spark]')")
    from ovpkit.diagnosis.engine import local_spark

    session = local_spark()
    yield session
    session.stop()
