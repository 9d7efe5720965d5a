"""Every report, terminal page and error, in Spanish and Portuguese, reads in that language.

The pages are made by the commands a user runs (in process, through Typer's runner); the
checks compare what a reader sees with the catalogs and with Babel (see
``tests/reader_language.py``). English is checked too, for raw codes and Python values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml
from tests.reader_language import problems, visible_text
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.evaluation import simulate_counts, simulate_panel

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("es", "pt")
runner = CliRunner()

pytestmark = pytest.mark.slow


def _run(*args: str, lang: str = "en") -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200", "OVPKIT_LANG": lang})
    assert result.exit_code == 0, result.output
    return result.stdout


def _page(tmp: Path, name: str, *args: str) -> str:
    out = tmp / f"{name}.html"
    _run(*args, "--html", str(out))
    return visible_text(out.read_text(encoding="utf-8"))


def _evaluation_specs(tmp: Path) -> dict[str, Path]:
    simulate_panel(units=10, effect=-6.0, seed=1).to_csv(tmp / "panel.csv", index=False)
    counts = simulate_counts(seed=9)
    days = [p.to_timestamp() for p, n in counts.items() for _ in range(int(n))]
    pd.DataFrame({"date": days}).to_csv(tmp / "incidents.csv", index=False)
    panel = {"path": "panel.csv", "unit": "unit", "time": "period"}
    specs = {
        "synthetic-control": {
            "design": "synthetic_control",
            "data": panel,
            "outcome": "y",
            "treated": "u00",
            "start": 2018,
        },
        "did": {
            "design": "did",
            "data": panel,
            "outcome": "y",
            "treated_units": ["u00", "u01"],
            "start": 2018,
        },
        "its": {
            "design": "its",
            "data": {"path": "incidents.csv", "time": "date"},
            "start": "2020-01",
        },
    }
    paths = {}
    for name, spec in specs.items():
        paths[name] = tmp / f"{name}.yaml"
        paths[name].write_text(yaml.safe_dump(spec), encoding="utf-8")
    return paths


def _pages(tmp: Path, lang: str) -> dict[str, str]:
    """name -> visible text of every report and terminal page, in ``lang``.

    Terminal pages are named "... (terminal)" (see :func:`_problems`).
    """
    answers = ROOT / "examples" / "answers"
    monitoring = ROOT / "examples" / "monitoring"
    pages = {
        f"assess {city}": _page(tmp, city, "assess", str(answers / f"{city}.yaml"), "--lang", lang)
        for city in ("cali", "edmonton", "bristol", "rosario")
    }
    pages["compare"] = _page(
        tmp, "compare", "compare", str(answers / "cali.yaml"), str(answers / "edmonton.yaml"),
        "--lang", lang,
    )  # fmt: skip
    pages["diagnose --sample"] = _page(tmp, "diagnosis", "diagnose", "--sample", "--lang", lang)
    pages["monitor palmira"] = _page(
        tmp, "monitor", "monitor", str(monitoring / "palmira.yaml"), "--lang", lang
    )
    for name, spec in _evaluation_specs(tmp).items():
        pages[f"evaluate {name}"] = _page(
            tmp, name, "evaluate", str(spec), "--workers", "1", "--lang", lang
        )
    terminal: dict[str, list[str]] = {
        "criteria 6 (terminal)": ["criteria", "6"],
        "office cali-ssj (terminal)": ["office", "cali-ssj"],
        "offices (terminal)": ["offices"],
        "select (terminal)": ["select"],
        "indicators (terminal)": ["indicators"],
        "assess cali (terminal)": ["assess", str(answers / "cali.yaml")],
        "monitor palmira (terminal)": ["monitor", str(monitoring / "palmira.yaml")],
        "diagnose --sample (terminal)": ["diagnose", "--sample"],
    }
    for name, args in terminal.items():  # the language from OVPKIT_LANG, as a user sets it
        pages[name] = " ".join(_run(*args, lang=lang).split())
    return pages


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, str]]:
    made: dict[str, dict[str, str]] = {}

    def get(lang: str) -> dict[str, str]:
        if lang not in made:
            made[lang] = _pages(tmp_path_factory.mktemp(lang), lang)
        return made[lang]

    return get


def _typed_ids() -> set[str]:
    """Identifiers a user types (indicator ids in `ovpkit indicators`): not raw codes."""
    from ovpkit.monitoring.catalogue import load_catalogue

    return set(load_catalogue().sheets)


#: The terminal prints the report's quotes between double quotation marks.
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def _problems(name: str, text: str, lang: str) -> list[str]:
    terminal = name.endswith("(terminal)")
    if terminal:
        text = _QUOTED.sub(" ", text)
    allowed = _typed_ids() if name.startswith("indicators") else set()
    return problems(text, lang, allowed_codes=allowed, marked=not terminal)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reads_in_the_language(
    lang: str, pages: Callable[[str], dict[str, str]]
) -> None:
    found = {name: _problems(name, text, lang) for name, text in pages(lang).items()}

    assert {name: p for name, p in found.items() if p} == {}


def test_english_pages_show_no_raw_code(pages: Callable[[str], dict[str, str]]) -> None:
    found = {name: _problems(name, text, "en") for name, text in pages("en").items()}

    assert {name: p for name, p in found.items() if p} == {}
