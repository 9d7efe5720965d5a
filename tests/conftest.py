"""Shared fixtures: where the report and the real data sets are, when present."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REPORT_PATH = SHARED / "seed" / "000_10e5d9afd786331e.txt"
DATA_DIR = SHARED / "data"


@pytest.fixture(scope="session")
def report_path() -> Path:
    """The report's text file; tests that need it are skipped, loudly, without it."""
    if not REPORT_PATH.is_file():
        pytest.skip(f"report text not found at {REPORT_PATH}: quote checks cannot run here")
    return REPORT_PATH


@pytest.fixture(scope="session")
def report_raw(report_path: Path) -> str:
    return report_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(f"real data sets not found at {DATA_DIR}")
    return DATA_DIR
