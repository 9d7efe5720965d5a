"""The public diagnosis page states the disclosure threshold once, not twice.

A page with a hidden count shows the footnote under the yearly table; the methods
paragraph used to repeat the same threshold in other words (issue 11).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ovpkit.diagnosis.diagnosis import diagnose
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.report import render_html
from ovpkit.diagnosis.store import open_store
from ovpkit.i18n import use_language

MAPPING = """name: test-threshold
source: threshold test
area_level: district
fields:
  date: {column: date, formats: ["%Y-%m-%d"]}
  sex: sex
  area_code: area
"""

#: How each language words "counts from 1 to {last}" in both sentences that state it.
SAYS_THRESHOLD = {"en": "1 to {last}", "es": "1 a {last}", "pt": "1 a {last}"}


def _diagnosis(tmp_path: Path, small_area_victims: int):  # type: ignore[no-untyped-def]
    days = pd.date_range("2019-01-01", "2021-12-31", freq="D").repeat(2)
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "sex": "M", "area": "A"})
    small = pd.DataFrame({"date": ["2021-03-01"] * small_area_victims, "sex": "M", "area": "B"})
    pd.concat([frame, small]).to_csv(tmp_path / "incidents.csv", index=False)
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    store = open_store(":memory:")
    ingest(store, tmp_path / "incidents.csv", load_mapping(tmp_path / "m.yaml"))
    return diagnose(store)


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_a_page_with_a_hidden_count_states_the_threshold_once(tmp_path, lang):
    result = _diagnosis(tmp_path, small_area_victims=3)
    with use_language(lang):
        page = render_html(result)

    assert page.count(SAYS_THRESHOLD[lang].format(last=9)) == 1


def test_a_page_without_hidden_counts_still_states_the_threshold(tmp_path):
    result = _diagnosis(tmp_path, small_area_victims=0)
    with use_language("en"):
        page = render_html(result)

    assert page.count("1 to 9") == 1
