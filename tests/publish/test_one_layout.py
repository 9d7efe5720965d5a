"""Every report kind goes through one layout: base.html and report.css (issue 11).

Before, the diagnosis and the monitoring page each had their own skeleton and <style>,
and the evaluation added its own styles: three looks, no <main> landmark, and text as
small as 7pt. These tests render each kind in each language and read the page's
structure, and read the one stylesheet for small text and weak contrast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from ovpkit.assessment.comparison import compare_assessments
from ovpkit.assessment.validation import city_assessments
from ovpkit.diagnosis.diagnosis import Diagnosis
from ovpkit.diagnosis.report import render_html as diagnosis_html
from ovpkit.diagnosis.sample import diagnose_sample
from ovpkit.evaluation import simulate_counts
from ovpkit.evaluation.its import analyse
from ovpkit.evaluation.report import render_html as evaluation_html
from ovpkit.i18n import use_language
from ovpkit.knowledge import load_knowledge_base
from ovpkit.monitoring import load_records, summarise
from ovpkit.monitoring.documents import summary_document
from ovpkit.monitoring.html import render_summary_html
from ovpkit.publish.assessment import render_assessment_html
from ovpkit.publish.comparison import render_comparison_html
from ovpkit.publish.render import stylesheet

LANGS = ("en", "es", "pt")
KINDS = ("assessment", "comparison", "diagnosis", "monitoring", "evaluation")
MONITORING_RECORDS = Path(__file__).parents[2] / "examples" / "monitoring" / "palmira.yaml"


@pytest.fixture(scope="module")
def sample_diagnosis() -> Diagnosis:
    return diagnose_sample()


@pytest.fixture(scope="module")
def renderers(sample_diagnosis: Diagnosis) -> dict[str, Callable[[str], str]]:
    """Each report kind as a function of the language."""
    cities = city_assessments(load_knowledge_base())
    comparison = compare_assessments([cities["Rosario"], cities["Cali"]])
    records = load_records(MONITORING_RECORDS)
    evaluation = analyse(simulate_counts(seed=1), pd.Period("2020-01", freq="M"), title="X")

    def in_language(render: Callable[[], str]) -> Callable[[str], str]:
        def page(lang: str) -> str:
            with use_language(lang):
                return render()

        return page

    return {
        "assessment": lambda lang: render_assessment_html(cities["Rosario"], lang=lang),
        "comparison": lambda lang: render_comparison_html(comparison, lang=lang),
        "diagnosis": in_language(lambda: diagnosis_html(sample_diagnosis)),
        "monitoring": in_language(
            lambda: render_summary_html(summary_document(summarise(records)))
        ),
        "evaluation": in_language(lambda: evaluation_html(evaluation)),
    }


class _Structure(HTMLParser):
    """The page's landmarks and its own styles (those of inline SVG charts aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.lang: str | None = None
        self.styles: list[str] = []
        self.mains = 0
        self.footers = 0
        self.body_class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "body":
            self.body_class = values.get("class") or ""
        self.mains += tag == "main"
        self.footers += tag == "footer" and "svg" not in self.open
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] == "style" and "svg" not in self.open:
            self.styles.append(data)


def _structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_report_uses_the_one_layout(
    renderers: dict[str, Callable[[str], str]], kind: str, lang: str
) -> None:
    page = _structure(renderers[kind](lang))

    assert page.lang == lang
    assert page.styles == [stylesheet()], "a report brings styles of its own"
    assert page.mains == 1 and page.footers == 1
    assert kind in page.body_class.split()


def test_the_content_is_inside_main_and_the_credit_after_it(
    renderers: dict[str, Callable[[str], str]],
) -> None:
    for kind in KINDS:
        page = renderers[kind]("es")
        main = page[page.index("<main>") : page.index("</main>")]

        assert "<h1" in main, kind
        assert "ovpkit" in page[page.index("</main>") :], kind


def _declarations(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) of every rule, @page and media blocks included."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = {}
        for item in body.split(";"):
            name, _colon, value = item.partition(":")
            if value.strip():
                props[name.strip()] = value.strip()
        rules.append((selector.strip(), props))
    return rules


def _points(size: str) -> float | None:
    """A font size in points (px × 0.75, rem × 12), None for relative keywords."""
    number = re.fullmatch(r"([\d.]+)(pt|px|rem)", size)
    if number is None:
        return None
    value, unit = float(number[1]), number[2]
    return {"pt": value, "px": value * 0.75, "rem": value * 12}[unit]


def test_no_text_is_smaller_than_12_px() -> None:
    sizes = [
        (selector, props["font-size"])
        for selector, props in _declarations(stylesheet())
        if "font-size" in props
    ]
    small = [(s, v) for s, v in sizes if (_points(v) or 9) < 9]

    assert sizes and small == []


def _luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(ink: str, paper: str) -> float:
    high, low = sorted((_luminance(ink), _luminance(paper)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_text_colour_has_a_contrast_of_at_least_4_5() -> None:
    rules = _declarations(stylesheet())
    names = {k: v for selector, props in rules if selector == ":root" for k, v in props.items()}

    def colour(value: str) -> str | None:
        value = re.sub(r"var\((--[\w-]+)\)", lambda m: names[m[1]], value).split()[0]
        return {"#fff": "#ffffff"}.get(value, value) if value.startswith("#") else None

    weak = []
    for selector, props in rules:
        ink = colour(props.get("color", "")) if "color" in props else None
        if ink is None:
            continue
        own = colour(props.get("background", props.get("background-color", "")) or "x")
        papers = [own] if own else ["#ffffff", colour("var(--band)") or "#ffffff"]
        weak += [(selector, ink, p) for p in papers if _contrast(ink, p) < 4.5]

    assert weak == []


# --- the one-minute summary -------------------------------------------------------------


def _summary(page: str) -> str:
    start = page.index('<section class="summary"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("kind", ["assessment", "diagnosis", "monitoring"])
def test_the_report_opens_with_a_one_minute_summary(
    renderers: dict[str, Callable[[str], str]], kind: str
) -> None:
    page = renderers[kind]("es")
    summary = _summary(page)

    assert page.index('<section class="summary"') < page.index("<h2", page.index("</section>"))
    assert "En un minuto" in summary and 1 <= summary.count("<li>") <= 6


def test_a_diagnosis_summary_calls_a_change_real_only_when_the_test_does() -> None:
    from ovpkit.diagnosis.report import diagnosis_summary

    public = {
        "source": "S",
        "first_date": "2020-01-01",
        "last_date": "2022-12-31",
        "focus_year": 2022,
        "yearly": [{"year": 2022, "victims": 120, "partial": False}],
        "changes": [
            {"area": None, "year": 2022, "percent": 20.0, "p_value": 0.3, "partial": False}
        ],
        "concentration": None,
        "hex_concentration": None,
        "target": None,
        "has_population": True,
    }
    with use_language("en"):
        chance = diagnosis_summary(public)
        public["changes"][0]["p_value"] = 0.001
        real = diagnosis_summary(public)
        public["yearly"][0]["victims"] = None
        hidden = diagnosis_summary(public)

    assert "which chance alone could give" in chance.findings[0]
    assert "unlikely to be chance" in real.findings[0]
    assert hidden.findings == () and chance.steps == ()


def test_a_monitoring_summary_counts_indicators_by_status_and_proposes_steps_with_reasons(
    renderers: dict[str, Callable[[str], str]],
) -> None:
    from ovpkit.monitoring.html import OFF_TRACK, monitoring_summary

    document = summary_document(summarise(load_records(MONITORING_RECORDS)))
    off = sum(i["status"] in OFF_TRACK for i in document["indicators"])
    with use_language("en"):
        summary = monitoring_summary(document)
        for indicator in document["indicators"]:
            indicator["status"] = "on_track"
        document["programs"]["reviews_overdue"] = 0
        document["budget"]["legal_safeguard"] = True
        all_good = monitoring_summary(document)

    assert off and summary.findings[1].startswith(f"{off} indicator")
    assert len(summary.steps) <= 3 and "off track" in summary.steps[0]
    assert all_good.steps == () and len(all_good.findings) == 2


def test_an_assessment_summary_ranks_only_assessed_criteria() -> None:
    import dataclasses

    from ovpkit.publish.assessment import assessment_summary

    rosario = city_assessments(load_knowledge_base())["Rosario"]
    criteria = [dataclasses.replace(c, level=2) for c in rosario.criteria]
    criteria[0] = dataclasses.replace(criteria[0], level=0, assessed=False)
    with use_language("en"):
        summary = assessment_summary(dataclasses.replace(rosario, criteria=tuple(criteria)))
        shown = assessment_summary(rosario)

    assert "8 of 9" in summary.measured
    assert summary.findings[0] == "Every assessed criterion is at level 2, established."
    first = sorted(rosario.action_plan, key=lambda s: s.order)[:3]
    assert shown.steps == tuple(s.text for s in first)


# --- axe-core in Chromium ---------------------------------------------------------------


#: Run in its own process: Playwright's sync API refuses to start where another sync
#: Playwright (the web browser tests' session browser) already runs an event loop.
AXE_SCRIPT = """
import json, sys
from pathlib import Path
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
chromium, *files = sys.argv[1:]
problems = {}
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
    page = browser.new_page()
    for name in files:
        page.goto(Path(name).as_uri())
        found = [
            f"{v['id']} ({v['impact']}) at {v['nodes'][0]['target']}"
            for v in Axe().run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if found:
            problems[Path(name).name] = found
    browser.close()
print(json.dumps(problems))
"""


@pytest.mark.slow
@pytest.mark.xdist_group("chromium")
def test_axe_finds_no_serious_problem_on_any_report(
    renderers: dict[str, Callable[[str], str]], tmp_path: Path
) -> None:
    """Before: white on the level-2 blue (3.1:1) and footnote links told by colour alone."""
    import json
    import shutil
    import subprocess
    import sys

    pytest.importorskip("playwright.sync_api")
    pytest.importorskip("axe_playwright_python.sync_playwright")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed here (scripts/system-deps.sh installs it)")
    files = []
    for kind in KINDS:
        for lang in ("en", "es"):
            path = tmp_path / f"{kind}-{lang}.html"
            path.write_text(renderers[kind](lang), encoding="utf-8")
            files.append(str(path))
    run = subprocess.run(
        [sys.executable, "-c", AXE_SCRIPT, chromium, *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )

    assert json.loads(run.stdout.strip().splitlines()[-1]) == {}
