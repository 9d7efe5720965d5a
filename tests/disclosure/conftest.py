"""An in-memory project store for the disclosure tests that run a diagnosis."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from ovpkit.diagnosis.store import open_store


@pytest.fixture
def store() -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_store(":memory:")
    yield con
    con.close()
