"""Monitoring in the reader's language: ovpkit's sheets translated, the office's words marked.

The shipped indicator sheets are ovpkit's texts: a Spanish or Portuguese reader sees them
in that language. An office's own words (its name, its programs, its own sheets) cannot be
translated: the page marks them with the language the records file declares.
"""

from __future__ import annotations

import json
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ovpkit.cli import app
from ovpkit.errors import AnswersError
from ovpkit.i18n import _, use_language
from ovpkit.i18n_catalogs import source_messages
from ovpkit.knowledge.models import Text
from ovpkit.monitoring import load_catalogue, load_records, parse_records, summarise
from ovpkit.monitoring.catalogue import SHEET_TEXT_FIELDS, IndicatorSheet, catalogue_texts
from ovpkit.monitoring.documents import catalogue_document, summary_document
from ovpkit.monitoring.html import render_summary_html

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "monitoring"
LANGS = ("es", "pt")
OWN_SHEET = """\
language: en
indicators:
  - id: safe_routes
    name: Safe routes to school walked
    definition: Routes to school walked with a volunteer in the month.
    formula: count of routes walked
    minimum_variables: [route register]
    sources: [volunteer register]
    unit: count
    direction: higher_is_better
"""
RECORDS = """\
office: Oficina de Paz de Ejemplo
language: {language}
catalogue: [own.yaml]
indicators:
  - id: homicides
    sheet: homicide_rate
    baseline: {{year: 2019, value: 30}}
    observations: [{{year: 2023, value: 25}}]
  - id: routes
    sheet: safe_routes
    observations: [{{year: 2023, value: 12}}]
programs:
  - id: mentoring
    name: Mentoring for young people
    prevention_level: secondary
    focus_population: young people leaving detention
    stage: scale_up
"""


@pytest.fixture(autouse=True)
def _wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """No wrapping inside table cells: a wrapped name would not be found (the console's
    width is fixed when it is made, so COLUMNS alone is not enough under xdist)."""
    from ovpkit.cli.app import console

    monkeypatch.setattr(console, "_width", 400)


def _run(*args: str, lang: str) -> str:
    result = runner.invoke(app, [*args, "--lang", lang])
    assert result.exit_code == 0, result.output
    return " ".join(result.stdout.split())


def _in(language: str, english: str) -> str:
    with use_language(language):
        return _(english)


def _records_file(tmp_path: Path, language: str = "en") -> Path:
    (tmp_path / "own.yaml").write_text(OWN_SHEET, encoding="utf-8")
    path = tmp_path / "records.yaml"
    path.write_text(RECORDS.format(language=language), encoding="utf-8")
    return path


class _Languages(HTMLParser):
    """The language of each piece of text: that of its nearest element with ``lang``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("br", "meta", "img", "hr"):
            inherited = self.stack[-1] if self.stack else None
            self.stack.append(dict(attrs).get("lang") or inherited)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "meta", "img", "hr") and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack:
            self.texts.append((data.strip(), self.stack[-1]))


def _languages_of(page: str, text: str) -> set[str | None]:
    parser = _Languages()
    parser.feed(page)
    found = {lang for shown, lang in parser.texts if shown == text}
    assert found, f"{text!r} is not on the page"
    return found


def _page(path: Path, lang: str) -> str:
    with use_language(lang):
        return render_summary_html(summary_document(summarise(load_records(path))))


# --- the shipped sheets, translated ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_it_lists_the_shipped_sheets_in_the_language(lang: str) -> None:
    shown = _run("indicators", lang=lang)
    for sheet in load_catalogue().sheets.values():
        translated = _in(lang, sheet.name)
        assert translated != sheet.name
        assert " ".join(translated.split()) in shown
        assert sheet.name not in shown


@pytest.mark.parametrize("lang", LANGS)
def test_it_shows_one_sheet_in_the_language_with_the_quotes_in_english(lang: str) -> None:
    sheet = load_catalogue().sheet("homicide_rate")
    shown = _run("indicators", "homicide_rate", lang=lang)
    for english in (sheet.definition, sheet.formula, sheet.sources[0], sheet.periodicity):
        assert english is not None
        assert " ".join(_in(lang, english).split()) in shown
        assert english not in shown
    assert sheet.references[0].quote in shown  # the report's words stay as written
    assert "part4/cali" not in shown  # the section by its title, not its key


@pytest.mark.parametrize("lang", LANGS)
def test_it_shows_the_monitor_terminal_with_the_shipped_sheet_names_translated(
    lang: str, tmp_path: Path
) -> None:
    shown = _run("monitor", str(_records_file(tmp_path)), lang=lang)
    english = load_catalogue().sheet("homicide_rate").name
    assert " ".join(_in(lang, english).split()) in shown
    assert english not in shown
    assert "Safe routes to school walked" in shown  # the office's own sheet, as written


def test_it_keeps_the_json_readable_by_programs_and_says_what_was_translated(
    tmp_path: Path,
) -> None:
    result = runner.invoke(app, ["monitor", str(_records_file(tmp_path)), "--lang", "es", "--json"])
    indicators = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    shipped, own = indicators["homicides"], indicators["routes"]
    assert (shipped["own_name"], shipped["name_language"]) == (False, None)
    assert shipped["name"] == _in("es", "Homicide rate per 100,000 inhabitants")
    assert (own["own_name"], own["name_language"]) == (True, "en")
    assert own["name"] == "Safe routes to school walked"
    assert shipped["sheet"] == "homicide_rate"  # codes stay codes


def test_it_translates_shipped_sheets_but_never_an_offices_own(tmp_path: Path) -> None:
    _records_file(tmp_path)
    catalogue = load_catalogue(tmp_path / "own.yaml")
    with use_language("es"):
        sheets = {s["id"]: s for s in catalogue_document(catalogue)}
    assert sheets["safe_routes"]["name"] == "Safe routes to school walked"
    assert sheets["safe_routes"]["language"] == "en"
    assert sheets["robbery_rate"]["name"] != catalogue.sheet("robbery_rate").name
    assert "language" not in sheets["robbery_rate"]


# --- the office's own words, marked --------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_it_marks_the_offices_own_words_with_their_language(lang: str, tmp_path: Path) -> None:
    page = _page(_records_file(tmp_path, "en"), lang)
    for own in (
        "Oficina de Paz de Ejemplo",
        "Safe routes to school walked",
        "Mentoring for young people",
        "young people leaving detention",
    ):
        assert _languages_of(page, own) == {"en"}
    translated = _in(lang, "Homicide rate per 100,000 inhabitants")
    assert _languages_of(page, translated) == {lang}


def test_it_does_not_mark_own_words_already_in_the_pages_language(tmp_path: Path) -> None:
    page = _page(_records_file(tmp_path, "es"), "es")  # the records say: Spanish
    assert _languages_of(page, "Mentoring for young people") == {"es"}
    assert _languages_of(page, "Oficina de Paz de Ejemplo") == {"es"}
    assert _languages_of(page, "Safe routes to school walked") == {"en"}  # its file says en


def test_it_gives_an_own_sheet_the_records_language_when_its_file_says_none(
    tmp_path: Path,
) -> None:
    records = _records_file(tmp_path, "en")
    (tmp_path / "own.yaml").write_text(OWN_SHEET.replace("language: en\n", ""), "utf-8")
    page = _page(records, "pt")
    assert _languages_of(page, "Safe routes to school walked") == {"en"}


def test_the_examples_declare_the_language_of_their_own_words() -> None:
    for path in EXAMPLES.glob("*.yaml"):
        assert "\nlanguage: en" in path.read_text(encoding="utf-8"), path.name


# --- a bad language tag ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["english", "xx-notalanguage", "12"])
def test_it_refuses_a_records_language_that_is_not_a_language(value: str) -> None:
    text = f"office: Example office\nlanguage: '{value}'\n"
    with use_language("es"), pytest.raises(AnswersError) as caught:
        parse_records(text, file="records.yaml")
    error = caught.value
    assert error.field == "language"
    assert error.file == "records.yaml"
    message = _in("es", "'{value}' is not a language: write it as a code such as {codes}")
    assert message.format(value=value, codes="en, es, pt") in str(error)
    assert "Value error" not in str(error)  # pydantic's English prefix is not shown


def test_it_refuses_an_own_catalogue_language_that_is_not_a_language(tmp_path: Path) -> None:
    records = _records_file(tmp_path)
    (tmp_path / "own.yaml").write_text(OWN_SHEET.replace("language: en", "language: zz9"), "utf-8")
    with pytest.raises(AnswersError) as caught:
        load_records(records)
    assert caught.value.field == "language"
    assert str(caught.value.file).endswith("own.yaml")


def test_it_accepts_a_regional_tag() -> None:
    records = parse_records("office: Escritório\nlanguage: pt-BR\n")
    assert records.header.language == "pt-BR"


# --- the catalogs ---------------------------------------------------------------------


def test_the_catalogs_carry_the_catalogues_texts_but_never_its_quotes() -> None:
    ids = {m.id for m in source_messages() if m.id}
    texts = {text for _origin, text in catalogue_texts()}
    quotes = {reference.quote for _id, reference in load_catalogue().cited()}
    assert texts <= ids
    assert not quotes & ids


def _is_text(annotation: object) -> bool:
    """``Text``, ``Text | None`` or a tuple of ``Text``: a sheet's free text."""
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[1:] == typing.get_args(Text)[1:]
    return any(_is_text(a) for a in typing.get_args(annotation))


def test_every_text_field_of_a_sheet_is_translatable() -> None:
    hints = typing.get_type_hints(IndicatorSheet, include_extras=True)
    text_fields = {name for name in IndicatorSheet.model_fields if _is_text(hints[name])}
    assert text_fields == set(SHEET_TEXT_FIELDS)
