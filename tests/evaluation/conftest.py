"""Fixtures for the evaluation tests: reference panels and a seeded simulated panel."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "evaluation"

BASQUE_PREDICTORS: list[dict[str, object]] = [
    *(
        {"variable": v, "from": 1964, "to": 1969}
        for v in ["school.illit", "school.prim", "school.med", "school.high", "school.post.high"]
    ),
    {"variable": "invest", "from": 1964, "to": 1969},
    {"variable": "gdpcap", "from": 1960, "to": 1969},
    *(
        {"variable": v, "from": 1961, "to": 1969, "step": 2}
        for v in [
            "sec.agriculture",
            "sec.energy",
            "sec.industry",
            "sec.construction",
            "sec.services.venta",
            "sec.services.nonventa",
        ]
    ),
    {"variable": "popdens", "periods": [1969]},
]


@pytest.fixture(scope="session")
def synth_dir(data_dir: Path) -> Path:
    path = data_dir / "synth"
    if not path.is_dir():
        pytest.skip(f"synthetic-control reference panels not found at {path}")
    return path


@pytest.fixture(scope="session")
def basque_raw(synth_dir: Path) -> dict[str, object]:
    """The Basque study as in Abadie & Gardeazabal (2003) and pysyncon's example."""
    return {
        "design": "synthetic_control",
        "data": {"path": str(synth_dir / "basque.csv"), "unit": "regionname", "time": "year"},
        "outcome": "gdpcap",
        "treated": "Basque Country (Pais Vasco)",
        "start": 1970,
        "predictors": BASQUE_PREDICTORS,
        "optimise": {"from": 1960, "to": 1969},
        "placebo": {"in_space": False, "leave_one_out": False},
    }


@pytest.fixture(scope="session")
def prop99_raw(synth_dir: Path) -> dict[str, object]:
    """Proposition 99 with the paper's lagged-outcome predictors (1975, 1980, 1988)."""
    return {
        "design": "synthetic_control",
        "data": {
            "path": str(synth_dir / "california_prop99.csv"),
            "unit": "State",
            "time": "Year",
        },
        "outcome": "PacksPerCapita",
        "treated": "California",
        "start": 1989,
        "predictors": [{"variable": "PacksPerCapita", "periods": [y]} for y in (1975, 1980, 1988)],
        "placebo": {"in_space": False, "leave_one_out": False},
    }
