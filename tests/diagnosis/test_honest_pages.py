"""The diagnosis never overstates, and reads in the reader's language.

Each test builds a small synthetic file that shows one problem found by a new
user (a file ending in July, age groups that cannot give 15-29, no coordinates,
one year of data...) and checks the result and the page; the real files of
../shared/data repeat the checks where they exist.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.diagnosis.coverage import MAX_GAP_DAYS, allowed_gap
from ovpkit.diagnosis.diagnosis import Diagnosis, Options, diagnose
from ovpkit.diagnosis.ingestion import ingest
from ovpkit.diagnosis.mapping import load_mapping
from ovpkit.diagnosis.report import render_html
from ovpkit.i18n import use_language

MAPPING = """name: test-honest
source: honest test
area_level: district
fields:
  date: {column: date, formats: ["%Y-%m-%d"]}
  sex: sex
  area_code: area
"""


def _daily(start: str, end: str, per_day: int = 2, **columns: object) -> pd.DataFrame:
    days = pd.date_range(start, end, freq="D").repeat(per_day)
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "sex": "M", "area": "A"})
    for name, value in columns.items():
        frame[name] = value
    return frame


def _load(store, tmp_path: Path, frame: pd.DataFrame, mapping: str = MAPPING) -> None:
    (tmp_path / "m.yaml").write_text(mapping, encoding="utf-8")
    frame.to_csv(tmp_path / "incidents.csv", index=False)
    ingest(store, tmp_path / "incidents.csv", load_mapping(tmp_path / "m.yaml"))


def _page(result: Diagnosis, lang: str = "en", **kwargs: object) -> str:
    with use_language(lang):
        return render_html(result, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def ends_in_july(store, tmp_path):
    """Five whole years, then a 2023 that stops on 19 July (as the Chicago extract)."""
    _load(store, tmp_path, _daily("2018-01-01", "2023-07-19"))
    return store


def test_partial_last_year_gets_no_change_test(ends_in_july):
    result = diagnose(ends_in_july)

    last = result.changes[-1]
    assert result.yearly[-1].partial and not result.yearly[-2].partial
    assert (last.year, last.partial, last.p_value, last.percent) == (2023, True, None, None)


def test_partial_last_year_is_not_the_headline_nor_judged(ends_in_july):
    result = diagnose(ends_in_july)

    assert result.focus_year == 2022
    assert result.target is not None and result.target.latest_year == 2022


def test_partial_month_is_flagged_in_a_monthly_trend(ends_in_july):
    result = diagnose(ends_in_july, Options(period="month"))

    partial = [r.period for r in result.trend if r.partial]
    assert partial == ["2023-07"]


def test_page_marks_the_partial_year_without_significance(ends_in_july):
    page = _page(diagnose(ends_in_july))

    assert "2023 (partial year)" in page and "not compared (partial year)" in page
    assert "−50%" not in page and "-50%" not in page


def test_declared_data_end_makes_later_periods_partial(store, tmp_path):
    _load(store, tmp_path, _daily("2019-01-01", "2022-12-31"))

    found = diagnose(store)
    declared = diagnose(store, Options(data_end=dt.date(2022, 6, 30)))

    assert not found.yearly[-1].partial
    assert declared.yearly[-1].partial and declared.focus_year == 2021


def test_a_quiet_last_day_does_not_make_a_year_partial(store, tmp_path):
    frame = _daily("2019-01-01", "2022-12-31", per_day=1)
    _load(store, tmp_path, frame[frame["date"] != "2022-12-31"])

    result = diagnose(store)

    assert allowed_gap(1.0) == 2 and not result.yearly[-1].partial


def test_allowed_gap_follows_the_poisson_chance_and_is_capped():
    assert allowed_gap(3.0) == 0  # exp(-3) ≈ 5%: even one quiet day is unlikely
    assert allowed_gap(0.5) == 5  # ln 20 / 0.5 = 5.99
    assert allowed_gap(0.01) == MAX_GAP_DAYS


def test_default_baseline_is_the_complete_years_before_the_latest(ends_in_july):
    result = diagnose(ends_in_july)

    assert result.target is not None
    assert (result.target.baseline_years, result.target.start_year) == ((2019, 2020, 2021), 2022)
    assert not result.target.chosen


def test_page_states_the_baseline_years_and_why(ends_in_july):
    page = _page(diagnose(ends_in_july))

    assert "Baseline (2019, 2020, 2021)" in page
    assert "three most recent complete years before 2022" in page


def test_page_says_there_is_no_baseline_when_years_are_too_few(store, tmp_path):
    _load(store, tmp_path, _daily("2021-01-01", "2022-12-31"))

    page = _page(diagnose(store))

    assert "No baseline: it needs three complete years" in page
    assert "2 complete years" in page


def test_young_men_not_available_when_age_groups_straddle_15_to_29(store, tmp_path):
    frame = _daily("2022-01-01", "2022-12-31", per_day=3)
    frame["age"] = ["MENORES", "ADOLESCENTES", "ADULTOS"] * (len(frame) // 3)
    mapping = MAPPING + (
        "  age_group: {column: age, values: {MENORES: '0-12', ADOLESCENTES: '13-17', "
        "ADULTOS: '18+'}}\n"
    )
    _load(store, tmp_path, frame, mapping)

    result = diagnose(store)
    page = _page(result, "es")

    assert result.affected.young_men_share is None
    assert "no disponible en estos datos" in page
    assert ">0 %<" not in page and ">0%<" not in page


def test_weapon_and_age_not_available_when_the_data_have_none(store, tmp_path):
    _load(store, tmp_path, _daily("2022-01-01", "2022-12-31").assign(sex=""))

    page = _page(diagnose(store))

    assert "Weapon: <span" in page and "Age and sex: <span" in page
    assert ">unknown<" not in page


def test_map_left_out_with_a_reason_without_coordinates_or_boundaries(store, tmp_path):
    _load(store, tmp_path, _daily("2022-01-01", "2022-12-31"))

    page = _page(diagnose(store))

    assert "No map: these data have no coordinates" in page
    where = page.split("<h2>Where")[1].split("<h2>Who")[0]
    assert where.count("<svg") == 1  # only the Lorenz curve


def test_trend_chart_left_out_with_one_year(store, tmp_path):
    _load(store, tmp_path, _daily("2022-01-01", "2022-12-31"))

    page = _page(diagnose(store))

    assert "No trend chart: it needs at least two periods" in page


def test_page_and_help_say_how_to_load_a_population(store, tmp_path):
    _load(store, tmp_path, _daily("2022-01-01", "2022-12-31"))

    page = _page(diagnose(store))
    helped = CliRunner().invoke(app, ["diagnose", "--help"], env={"COLUMNS": "200"})

    assert "No rates: no population is loaded" in page and "population:" in page
    assert "population" in helped.output and "area_level" in helped.output


def test_engine_is_in_the_footer_in_plain_words(ends_in_july):
    page = _page(diagnose(ends_in_july))

    head, footer = page.split("<footer>")
    assert "duckdb" not in head.casefold()
    assert "How this was computed" in footer and "DuckDB, an embedded database" in footer


def test_every_section_states_its_year(ends_in_july):
    page = _page(diagnose(ends_in_july))

    assert "In 2022, the latest complete year" in page
    assert "Where (2022)" in page and "Who is affected (2022)" in page


def test_who_is_affected_counts_the_focus_year_like_the_headline(store, tmp_path):
    women = _daily("2021-01-01", "2021-12-31").assign(sex="F")
    men = _daily("2022-01-01", "2022-12-31").assign(sex="M")
    _load(store, tmp_path, pd.concat([women, men]))

    result = diagnose(store)

    assert {s.sex for s in result.affected.by_age_sex} == {"male"}
    assert result.affected.total == result.yearly[-1].victims


def test_spanish_page_formats_numbers_and_translates_codes(store, tmp_path):
    frame = _daily("2019-01-01", "2022-12-31", per_day=8).assign(weapon="firearm")
    frame.loc[frame.index % 4 == 0, "area"] = "B"
    _load(store, tmp_path, frame, MAPPING + "  weapon: weapon\n")

    page = _page(diagnose(store), "es")

    assert "2.920" in page and "2,920" not in page  # 8 a day in 2022 (365 days)
    assert "Índice de Gini 0," in page
    assert "arma de fuego" in page and ">firearm<" not in page
    assert "2 áreas" in page and "area unidades" not in page


def test_cli_summary_in_spanish_uses_the_reader_number_format(tmp_path):
    frame = _daily("2021-01-01", "2022-12-31", per_day=30)
    (tmp_path / "m.yaml").write_text(MAPPING, encoding="utf-8")
    frame.to_csv(tmp_path / "incidents.csv", index=False)
    db = str(tmp_path / "p.duckdb")
    runner = CliRunner()
    runner.invoke(app, ["data", "ingest", str(tmp_path / "incidents.csv"), "-m",
                        str(tmp_path / "m.yaml"), "--db", db])  # fmt: skip

    result = runner.invoke(app, ["diagnose", "--db", db, "--lang", "es"])

    assert result.exit_code == 0, result.output
    assert "10.950" in result.output and "10,950" not in result.output


def test_chicago_page_never_calls_the_half_year_on_track(store, shared_data):
    ingest(store, shared_data / "chicago/Homicides_2001_to_present.csv",
           load_mapping("chicago-homicides"))  # fmt: skip

    result = diagnose(store)
    page = _page(result, "es")

    assert result.focus_year == 2022 and result.target is not None
    assert result.target.baseline_years == (2019, 2020, 2021)
    assert "-53%" not in page and "−53 %" not in page and "2023 (año parcial)" in page


def test_colombian_police_table_has_no_zero_young_men_and_no_empty_charts(store, shared_data):
    ingest(store, shared_data / "colombia/homicidios_2024.xls",
           load_mapping("colombia-policia-homicidios"))  # fmt: skip

    result = diagnose(store)
    page = _page(result, "es")

    assert result.affected.young_men_share is None
    assert "13.341" in page and "13,341" not in page
    assert "Sin mapa" in page and "Sin gráfico de tendencia" in page
