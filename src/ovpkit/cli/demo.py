"""``ovpkit demo``: the main job on the embedded defaults (the README's first command).

Everything it uses ships inside the package: the knowledge base, the four cities'
answers files (built only from the report's statements), the example mapping
database and the Philadelphia sample of shooting victims. It writes the reports a
person would read into one folder, with an ``index.html`` that links them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ovpkit.cli.app import app, console
from ovpkit.cli.knowledge import EXPORT_NAMES, dump
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_folder
from ovpkit.cli.select import example_mapping, subsample_document
from ovpkit.i18n import LANGUAGES, _, current_language, use_language
from ovpkit.knowledge import COLLECTIONS, KnowledgeBase, load_knowledge_base
from ovpkit.publish import render_page
from ovpkit.selection import read_mapping, select_subsample


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the outputs.")] = Path("ovpkit-output"),
    pdf: Annotated[bool, typer.Option(help="Also write PDF reports.")] = True,
    lang: Lang = "en",
) -> None:
    """Run the main job on the embedded defaults and say where the outputs are.

    The reports are written in every language; ``--lang`` is the language of what this
    command prints (and of the index page).
    """
    with use_language(lang):
        output_folder(out, option="--out")
        _demo(out, pdf=pdf)


def _demo(out: Path, *, pdf: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    base = load_knowledge_base()
    _print_framework(base)
    with console.status(_("Assessing Bristol, Cali, Edmonton and Rosario...")):
        reports = _write_assessments(out, pdf=pdf)
    with console.status(_("Diagnosing the Philadelphia sample...")):
        diagnosis = _write_diagnosis(out)
    data = [_write_knowledge(base, out), _write_subsample(out)]
    index = _write_index(out, reports, diagnosis, data)
    heading = _("Outputs")
    console.print(f"\n[bold]{heading}[/] ({out})")
    for path in (*reports, diagnosis, *data):
        console.print(f"  {path}")
    opening = _("Open this first:")
    console.print(f"\n{opening} [bold]{index}[/]")


def _print_framework(base: KnowledgeBase) -> None:
    table = Table(title=_("The nine criteria of effective Offices of Violence Prevention"))
    table.add_column("#", justify="right")
    table.add_column(_("Criterion"))
    table.add_column(_("Key takeaways"), justify="right")
    table.add_column(_("Exemplars"), justify="right")
    table.add_column(_("Tradeoffs"), justify="right")
    for c in base.criteria:
        table.add_row(
            str(c.id),
            _(c.name),
            str(len(c.key_takeaways)),
            str(len(base.practices_of(criterion=c.id))),
            str(len(base.tradeoffs_for(c.id))),
        )
    console.print(table)
    summary = _("{offices} offices and cities, {facts} facts, {practices} practices.").format(
        offices=len(base.offices), facts=len(base.facts), practices=len(base.practices)
    )
    console.print(summary)


def _write_assessments(out: Path, *, pdf: bool) -> list[Path]:
    from ovpkit.assessment.demo import build_reports

    return build_reports(out / "assessments", langs=LANGUAGES, pdf=pdf)


def _write_diagnosis(out: Path) -> Path:
    from ovpkit.diagnosis.report import render_html
    from ovpkit.diagnosis.sample import SAMPLE_BOUNDARY_KEY, diagnose_sample, sample_boundaries

    result = diagnose_sample()
    page = render_html(result, boundaries=sample_boundaries(), boundary_key=SAMPLE_BOUNDARY_KEY)
    path = out / "diagnosis-philadelphia-sample.html"
    path.write_text(page, encoding="utf-8")
    return path


def _write_knowledge(base: KnowledgeBase, out: Path) -> Path:
    document = {
        EXPORT_NAMES.get(name, name): [dump(r) for r in getattr(base, name)] for name in COLLECTIONS
    }
    path = out / "knowledge-base.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _write_subsample(out: Path) -> Path:
    subsample = select_subsample(read_mapping(example_mapping()))
    path = out / "subsample.json"
    document = subsample_document(subsample)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _report_table(reports: list[Path], out: Path) -> list[dict[str, Any]]:
    """One row a city, one cell a language, holding its HTML and PDF links.

    Relies on the names build_reports gives: ``assessment-<city>[-<lang>].<ext>``.
    """
    rows: dict[str, dict[str, dict[str, str]]] = {}
    for path in reports:
        parts = path.stem.removeprefix("assessment-").rsplit("-", 1)
        city, lang = (parts[0], parts[1]) if parts[-1] in LANGUAGES else (parts[0], "en")
        cell = rows.setdefault(city, {}).setdefault(lang.upper(), {})
        cell[path.suffix.lstrip(".")] = path.relative_to(out).as_posix()
    return [{"city": city.capitalize(), "cells": cells} for city, cells in rows.items()]


def _write_index(out: Path, reports: list[Path], diagnosis: Path, data: list[Path]) -> Path:
    def link(path: Path) -> dict[str, Any]:
        return {"href": path.relative_to(out).as_posix(), "name": path.name}

    context = {
        "title": _("ovpkit: what the main job produced"),
        "languages": [lang.upper() for lang in LANGUAGES],
        "cities": _report_table(reports, out),
        "diagnosis": link(diagnosis),
        "data": [link(p) for p in data],
    }
    page = render_page("demo_index.html", context, lang=current_language())
    path = out / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
