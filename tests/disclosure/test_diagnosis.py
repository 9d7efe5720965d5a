"""The public diagnosis, attacked: no hidden count comes back from what is published.

The attacker reads the public document (what the page, the JSON and the data package
show) and solves the linear constraints it gives: yearly totals, counts by year and
area, killed or not, and the concentration curve times its total.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from ovpkit.diagnosis.diagnosis import Diagnosis, Options, diagnose
from ovpkit.diagnosis.disclosure import public_dict
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.report import render_html
from ovpkit.diagnosis.sample import SAMPLE_MAPPING, sample_path
from ovpkit.i18n import use_language
from ovpkit.publish.disclosure import MARKER

ISSUE_THRESHOLD = 5  # issue 11: fatal Philadelphia shootings 2019-2020, threshold 5


def _diagnose(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, tmp_path: Path) -> Diagnosis:
    frame.to_csv(tmp_path / "incidents.csv", index=False)
    ingest(con, tmp_path / "incidents.csv", load_mapping(SAMPLE_MAPPING))
    return diagnose(con, Options())


@pytest.fixture(scope="module")
def fatal_2019_2020(tmp_path_factory: pytest.TempPathFactory) -> Diagnosis:
    frame = pd.read_csv(sample_path())
    frame = frame[(frame["fatal"] == 1) & frame["date"].between("2019-01-01", "2020-12-31")]
    from ovpkit.diagnosis.store import open_store

    con = open_store(":memory:")
    try:
        return _diagnose(con, frame, tmp_path_factory.mktemp("fatal"))
    finally:
        con.close()


def _small_counts_from_curve(public: dict[str, Any], key: str, threshold: int) -> int:
    """How many places' exact small counts the Lorenz curve times the total gives.

    A step that is the mean of the hidden places (or twice it) gives nothing away: that
    mean is public anyway (the total minus the shown counts, over the hidden places).
    """
    conc = public[key]
    if key == "hex_concentration":
        shown = [c["victims"] for c in public["hotspots"]["cells"] if c["victims"]]
    else:
        year = public["focus_year"]
        shown = [r["victims"] for r in public["by_area"]
                 if r["year"] == year and r["area"] is not None and r["victims"]]  # fmt: skip
    pooled = conc["places"] - len(shown)
    mean = (conc["total"] - sum(shown)) / pooled if pooled > 0 else -1.0
    steps = np.diff(np.array(conc["lorenz"])[:, 1]) * conc["total"]
    exact = (
        np.isclose(steps, np.round(steps), atol=1e-6) & (steps > 0.5) & (steps < threshold - 0.5)
    )
    means = np.isclose(steps, mean) | np.isclose(steps, 2 * mean)
    return int(np.sum(exact & ~means))


@pytest.mark.parametrize("key", ["concentration", "hex_concentration"])
def test_lorenz_curve_times_total_gives_no_small_count(
    fatal_2019_2020: Diagnosis, key: str
) -> None:
    # before: 6 police districts and 69 hexagons came back exactly
    public = public_dict(fatal_2019_2020, ISSUE_THRESHOLD)
    if public[key] is None:  # withheld, and the page says why
        assert key == "concentration" and public["concentration_withheld"]
        return
    assert _small_counts_from_curve(public, key, ISSUE_THRESHOLD) == 0


def test_hot_spots_publish_no_z_scores(fatal_2019_2020: Diagnosis) -> None:
    cells = public_dict(fatal_2019_2020, ISSUE_THRESHOLD)["hotspots"]["cells"]
    assert all(c["z"] is None and c["p"] is None for c in cells)
    assert all(c["victims"] is None or c["victims"] >= ISSUE_THRESHOLD or c["victims"] == 0
               for c in cells)  # fmt: skip


def _attack(public: dict[str, Any]) -> dict[tuple[str, str], tuple[float, float]]:
    """min and max of every hidden year × area count under the published equations."""
    rows = public["by_area"]
    cells = sorted({(str(r["year"]), str(r["area"])) for r in rows})
    index = {c: i for i, c in enumerate(cells)}
    n = len(cells)  # variables: killed, then not killed, per cell
    a_eq, b_eq = [], []

    def equation(weights: dict[int, float], value: float) -> None:
        row = np.zeros(2 * n)
        for i, w in weights.items():
            row[i] = w
        a_eq.append(row)
        b_eq.append(value)

    for r in rows:
        i = index[(str(r["year"]), str(r["area"]))]
        if r["victims"] is not None:
            equation({i: 1, n + i: 1}, r["victims"])
        if r["fatal"] is not None:
            equation({i: 1}, r["fatal"])
    for y in public["yearly"]:
        mine = [i for (year, _a), i in index.items() if year == str(y["year"])]
        if y["victims"] is not None:
            equation({**dict.fromkeys(mine, 1), **{n + i: 1 for i in mine}}, y["victims"])
        if y["fatal"] is not None:
            equation(dict.fromkeys(mine, 1), y["fatal"])
    found = {}
    for r in rows:
        if r["victims"] is None:
            i = index[(str(r["year"]), str(r["area"]))]
            goal = np.zeros(2 * n)
            goal[[i, n + i]] = 1
            low = linprog(goal, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None)).fun
            high = -linprog(-goal, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None)).fun
            found[(str(r["year"]), str(r["area"]))] = (low, high)
    return found


def _three_districts(small: int, fatal_in: str | None = None) -> pd.DataFrame:
    """Two years, three police districts, one district-year with ``small`` victims.

    A third of the victims were killed, or (``fatal_in``) all those of one district.
    """
    counts = {("2021", "1"): 30, ("2021", "2"): small, ("2021", "3"): 22,
              ("2022", "1"): 27, ("2022", "2"): 18, ("2022", "3"): 25}  # fmt: skip
    rows = []
    for (year, district), n in counts.items():
        for k in range(n):
            date = f"{year}-{k % 12 + 1:02d}-15"
            fatal = district == fatal_in if fatal_in else k % 3 == 0
            rows.append({"date": date, "fatal": int(fatal), "age": 25, "sex": "M",
                         "police_district": district, "lat": None, "lon": None})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.mark.parametrize("small", [1, 3, 9])
def test_attack_on_year_and_area_tables_pins_no_hidden_count(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, small: int
) -> None:
    # before: the one small district-year was the yearly total minus the two others
    public = public_dict(_diagnose(store, _three_districts(small), tmp_path), 10)
    found = _attack(public)
    assert ("2021", "2") in found
    for low, high in found.values():
        assert high - low >= 1


def test_no_shown_count_is_small(store: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    public = public_dict(_diagnose(store, _three_districts(3), tmp_path), 10)
    for row in [*public["yearly"], *public["by_area"]]:
        for field in ("victims", "fatal"):
            assert row[field] is None or row[field] == 0 or row[field] >= 10


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_page_marks_hidden_cells_and_says_why(
    store: duckdb.DuckDBPyConnection, tmp_path: Path, lang: str
) -> None:
    result = _diagnose(store, _three_districts(3, fatal_in="2"), tmp_path)  # 3 killed in 2021
    with use_language(lang):
        page = render_html(result, threshold=10)
    assert f"<td>{MARKER}</td>" in page
    words = {"en": "hidden to protect people", "es": "para proteger", "pt": "para proteger"}
    assert words[lang] in page


def _monthly(small_month: str, small: int) -> pd.DataFrame:
    """Two years and a half of months with 20 victims, one month with ``small``."""
    rows = []
    for month in pd.period_range("2020-01", "2022-06", freq="M"):
        n = small if str(month) == small_month else 20
        rows += [{"date": f"{month}-10", "fatal": 0, "age": 30, "sex": "M",
                  "police_district": "1", "lat": None, "lon": None}] * n  # fmt: skip
    return pd.DataFrame(rows)


def test_rolling_sums_give_no_hidden_month_back(
    store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # before: rolling(m) - rolling(m-1) = month m - month m-12, with month m-12 shown
    public = public_dict(_diagnose(store, _monthly("2021-03", 3), tmp_path), 10)
    rows = public["rolling"]
    index = {r["month"]: i for i, r in enumerate(rows)}
    a_eq, b_eq = [], []
    for i, r in enumerate(rows):
        if r["victims"] is not None:
            a_eq.append(np.eye(len(rows))[i])
            b_eq.append(r["victims"])
        if r["rolling_12"] is not None:
            a_eq.append(np.array([1.0 if i - 11 <= j <= i else 0.0 for j in range(len(rows))]))
            b_eq.append(r["rolling_12"])
    for y in public["yearly"]:
        if y["victims"] is not None:
            a_eq.append(np.array([1.0 if m.startswith(str(y["year"])) else 0.0 for m in index]))
            b_eq.append(y["victims"])
    hidden = [i for i, r in enumerate(rows) if r["victims"] is None]
    assert index["2021-03"] in hidden
    for i in hidden:
        goal = np.eye(len(rows))[i]
        low = linprog(goal, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None)).fun
        high = -linprog(-goal, A_eq=np.array(a_eq), b_eq=b_eq, bounds=(0, None)).fun
        assert high - low >= 1, rows[i]["month"]
