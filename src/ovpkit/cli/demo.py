"""``ovpkit demo``: the main job on the embedded defaults (the README's first command).

It shows what ovpkit knows and does without any file of the user's: the report's
framework and offices, the subsample selection, and writes machine-readable copies
into an output folder, then prints where everything is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ovpkit.cli.app import app, console
from ovpkit.cli.knowledge import EXPORT_NAMES, dump
from ovpkit.cli.select import example_mapping, subsample_document
from ovpkit.i18n import _
from ovpkit.knowledge import COLLECTIONS, KnowledgeBase, load_knowledge_base
from ovpkit.selection import read_mapping, select_subsample


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the outputs.")] = Path("ovpkit-output"),
) -> None:
    """Run the main job on the embedded defaults and say where the outputs are."""
    out.mkdir(parents=True, exist_ok=True)
    base = load_knowledge_base()
    _print_framework(base)
    _print_offices(base)
    written = [_write_knowledge(base, out), _write_subsample(out)]
    console.print(f"\n[bold]{_('Outputs')}[/]")
    for path in written:
        console.print(f"  {path}")


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
            c.name,
            str(len(c.key_takeaways)),
            str(len(base.practices_of(criterion=c.id))),
            str(len(base.tradeoffs_for(c.id))),
        )
    console.print(table)
    for level in base.prevention_levels:
        console.print(f"[bold]{level.name}[/]: {level.definition}")
    for model in base.office_models:
        console.print(f"[bold]{model.name}[/]: {model.description}")


def _print_offices(base: KnowledgeBase) -> None:
    table = Table(title=_("Offices in the report"))
    for heading in (_("City"), _("Country"), _("Office"), _("Facts")):
        table.add_column(heading)
    for office in base.offices:
        facts = len(base.facts_about(office=office.slug))
        table.add_row(office.city, office.country, office.name, str(facts))
    console.print(table)


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
