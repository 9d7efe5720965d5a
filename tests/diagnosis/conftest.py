"""Shared fixtures for the diagnosis tests: an in-memory store and the real data sets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ovpkit.diagnosis.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_store(":memory:")
    yield con
    con.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data sets of ../shared/data; tests that need one skip, loudly, without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data sets not found at {SHARED_DATA.resolve()}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def spark_session() -> Iterator[object]:
    """One local Spark per test worker (tests using it share the xdist group "spark")."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'ovpkit[spark]')")
    from ovpkit.diagnosis.engine import local_spark

    session = local_spark()
    yield session
    session.stop()
