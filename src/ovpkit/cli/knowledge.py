"""Commands that read the knowledge base: criteria, offices, facts, search, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.errors import KnowledgeError
from ovpkit.i18n import _
from ovpkit.knowledge import COLLECTIONS, KnowledgeBase, ReportText, load_knowledge_base
from ovpkit.knowledge.search import search as search_kb

JsonFlag = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
KbDir = Annotated[
    Path | None,
    typer.Option("--kb", help="Use a knowledge-base folder instead of the shipped one."),
]

kb_app = typer.Typer(help="Work with the knowledge base as a whole.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")

#: Export keys that differ from the collection names.
EXPORT_NAMES = {"selection_filters": "filters", "selection_sources": "sources"}


def dump(record: BaseModel) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def _kb(directory: Path | None) -> KnowledgeBase:
    return load_knowledge_base(directory)


@app.command()
def criteria(
    criterion_id: Annotated[int | None, typer.Argument(help="A criterion number, 1 to 9.")] = None,
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """The nine criteria of the report, or one of them in full."""
    base = _kb(kb_dir)
    if criterion_id is None:
        if as_json:
            print_json([dump(c) for c in base.criteria])
            return
        table = Table(title=_("The nine criteria"), show_lines=False)
        table.add_column("#", justify="right")
        table.add_column(_("Criterion"))
        table.add_column(_("Definition"))
        for c in base.criteria:
            table.add_row(str(c.id), c.name, c.definition)
        console.print(table)
        return
    try:
        criterion = base.criterion(criterion_id)
    except KeyError:
        raise KnowledgeError(
            f"there is no criterion {criterion_id}", hint="use a number from 1 to 9"
        ) from None
    if as_json:
        print_json(dump(criterion))
        return
    console.print(f"[bold]{criterion.id}. {criterion.name}[/]")
    console.print(criterion.definition)
    console.print(f"[dim]{criterion.rationale}[/]\n")
    _print_cited(_("Findings"), criterion.findings)
    _print_cited(_("Key takeaways"), criterion.key_takeaways)
    tradeoffs = base.tradeoffs_for(criterion.id)
    if tradeoffs:
        console.print(f"[bold]{_('Tradeoffs')}[/]")
        for t in tradeoffs:
            console.print(f"  • {t.topic}: + {t.gain} / − {t.cost}  [dim]({t.citation.label()})[/]")
    practices = base.practices_of(criterion=criterion.id)
    if practices:
        console.print(f"[bold]{_('Exemplars')}[/]")
        for p in practices:
            console.print(f"  • {p.title}: {p.summary}  [dim]({p.citation.label()})[/]")


def _print_cited(heading: str, items: Any) -> None:
    if not items:
        return
    console.print(f"[bold]{heading}[/]")
    for item in items:
        console.print(f"  • {item.text}  [dim]({item.citation.label()})[/]")
    console.print()


@app.command()
def offices(
    country: Annotated[str | None, typer.Option(help="Only offices in this country.")] = None,
    model: Annotated[
        str | None, typer.Option(help="Only this office model, e.g. mayor_office.")
    ] = None,
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """The offices the report studies (and the cities it advises)."""
    base = _kb(kb_dir)
    selected = [
        o
        for o in base.offices
        if (country is None or o.country.casefold() == country.casefold())
        and (model is None or (o.model is not None and o.model.value == model))
    ]
    if as_json:
        print_json([dump(o) for o in selected])
        return
    table = Table(title=_("Offices"))
    for heading in (_("Slug"), _("City"), _("Country"), _("Office"), _("Model"), _("Founded")):
        table.add_column(heading)
    for o in selected:
        table.add_row(
            o.slug,
            o.city,
            o.country,
            o.name,
            o.model.value if o.model else "–",
            str(o.founded) if o.founded else "–",
        )
    console.print(table)


@app.command()
def office(
    slug: Annotated[str, typer.Argument(help="The office's slug, e.g. oakland-dvp.")],
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Everything the report says about one office, with citations."""
    base = _kb(kb_dir)
    record = _find_office(base, slug)
    facts = base.facts_about(office=record.slug)
    practices = base.practices_of(office=record.slug)
    if as_json:
        print_json(
            {
                "office": dump(record),
                "facts": [dump(f) for f in facts],
                "practices": [dump(p) for p in practices],
            }
        )
        return
    console.print(f"[bold]{record.name}[/] — {record.city}, {record.country}")
    details = {
        _("Status"): record.status.value,
        _("Model"): record.model.value if record.model else None,
        _("Civilian-led"): record.civilian_led,
        _("Founded"): record.founded,
        _("Police"): record.police_jurisdiction.value if record.police_jurisdiction else None,
        _("Funding"): ", ".join(s.value for s in record.funding_sources) or None,
    }
    for label, value in details.items():
        if value is not None:
            console.print(f"  {label}: {value}")
    for kind in sorted({f.kind for f in facts}, key=lambda k: k.value):
        console.print(f"\n[bold]{kind.value.capitalize()}[/]")
        for fact in (f for f in facts if f.kind == kind):
            console.print(f"  • {fact.statement}")
            console.print(f'    [dim]"{fact.quote}" — {fact.citation.label()}[/]')
    if practices:
        console.print(f"\n[bold]{_('Practices')}[/]")
        for p in practices:
            console.print(f"  • {p.title}: {p.summary}  [dim]({p.citation.label()})[/]")


def _find_office(base: KnowledgeBase, slug: str) -> Any:
    try:
        return base.office(slug)
    except KeyError:
        matches = [o.slug for o in base.offices if slug.casefold() in o.slug]
        hint = f"did you mean {', '.join(matches)}?" if matches else "run 'ovpkit offices'"
        raise KnowledgeError(f"there is no office {slug!r}", hint=hint) from None


@app.command()
def facts(
    office_slug: Annotated[str | None, typer.Option("--office", help="An office slug.")] = None,
    criterion: Annotated[int | None, typer.Option(help="A criterion number, 1 to 9.")] = None,
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Facts from the report, with numbers, filtered by office and/or criterion."""
    base = _kb(kb_dir)
    if office_slug is not None:
        _find_office(base, office_slug)
    selected = base.facts_about(office=office_slug, criterion=criterion)
    if as_json:
        print_json([dump(f) for f in selected])
        return
    table = Table(title=_("Facts"), show_lines=True)
    for heading in (_("Fact"), _("Value"), _("Where"), _("Source")):
        table.add_column(heading)
    for fact in selected:
        value = "" if fact.value is None else f"{fact.value:g}"
        if fact.value_high is not None:
            value += f"–{fact.value_high:g}"
        if fact.unit is not None and value:
            value += f" {fact.unit.value}"
        where = ", ".join(fact.offices) or (fact.place or "")
        table.add_row(fact.statement, value, where, fact.citation.label())
    console.print(table)


@app.command(name="search")
def search_command(
    text: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 10,
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Ranked full-text search over criteria, practices, tradeoffs and facts."""
    hits = search_kb(_kb(kb_dir), text, limit=limit)
    if as_json:
        print_json(
            [
                {
                    "kind": h.kind,
                    "id": h.key,
                    "title": h.title,
                    "text": h.text,
                    "score": h.score,
                    "citation": h.citation.model_dump(mode="json", exclude_none=True),
                    "quote": h.quote,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        console.print(_("Nothing found. Try fewer or other words."))
        return
    for rank, hit in enumerate(hits, start=1):
        console.print(f"[bold]{rank}. {hit.title}[/] [dim]({hit.kind} {hit.key})[/]")
        console.print(f"   {hit.text}")
        console.print(f'   [dim]"{hit.quote}" — {hit.citation.label()}[/]')


@kb_app.command("export")
def export(kb_dir: KbDir = None) -> None:
    """The whole knowledge base as one JSON document on stdout."""
    base = _kb(kb_dir)
    document: dict[str, Any] = {
        "report": {
            "title": "Lessons from Effective Offices of Violence Prevention",
            "authors": ["Hernán Flom", "Alfredo Malaret Baldo"],
            "publisher": "Peace in Our Cities",
            "date": "2024-01",
        }
    }
    for name in COLLECTIONS:
        document[EXPORT_NAMES.get(name, name)] = [dump(r) for r in getattr(base, name)]
    print_json(document)


@kb_app.command("check")
def check(
    report: Annotated[Path, typer.Argument(help="The report's text file.")],
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Check that every quote of the knowledge base is verbatim in the report."""
    base = _kb(kb_dir)
    text = ReportText.from_text(report.read_text(encoding="utf-8"))
    problems = [
        {"record": label, "section": c.section, "problem": problem, "quote": quote}
        for label, c, quote in base.cited_texts()
        if (problem := text.find(quote, c.section, c.endnote)) is not None
    ]
    checked = sum(1 for _item in base.cited_texts())
    if as_json:
        print_json({"checked": checked, "problems": problems})
    else:
        for p in problems:
            console.print(f"[red]✗[/] {p['record']} [{p['section']}]: {p['problem']}")
        console.print(
            _("{checked} quotes checked, {bad} not found.").format(
                checked=checked, bad=len(problems)
            )
        )
    if problems:
        raise typer.Exit(1)
