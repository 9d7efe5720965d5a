"""Commands that read the knowledge base: criteria, offices, facts, search, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from ovpkit import formats
from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.knowledge_text import (
    citation_label,
    fact_place,
    fact_value,
    hit_texts,
    kind_label,
    kind_word,
    model_name,
    office_details,
)
from ovpkit.cli.language import Lang
from ovpkit.cli.tables import id_column, text_columns
from ovpkit.errors import KnowledgeError, OvpkitError
from ovpkit.i18n import _, use_language
from ovpkit.knowledge import COLLECTIONS, KnowledgeBase, ReportText, load_knowledge_base, normalise
from ovpkit.knowledge.models import Criterion, Fact, Office, Practice, Record
from ovpkit.knowledge.naming import criterion_label, office_name, office_title
from ovpkit.knowledge.search import SearchHit
from ovpkit.knowledge.search import search as search_kb
from ovpkit.knowledge.translated import translated
from ovpkit.textfile import read_text

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


def dump_translated(record: BaseModel) -> dict[str, Any]:
    """The record as JSON with its explanatory texts in the current language."""
    return dump(translated(record)) if isinstance(record, Record) else dump(record)


def _kb(directory: Path | None) -> KnowledgeBase:
    return load_knowledge_base(directory)


@app.command()
def criteria(
    criterion_id: Annotated[int | None, typer.Argument(help="A criterion number, 1 to 9.")] = None,
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """The nine criteria of the report, or one of them in full."""
    base = _kb(kb_dir)
    with use_language(lang):
        if criterion_id is None:
            _print_criteria(base, as_json=as_json)
        else:
            _print_criterion(base, _criterion(base, criterion_id), as_json=as_json)


def _criterion(base: KnowledgeBase, criterion_id: int) -> Criterion:
    try:
        return base.criterion(criterion_id)
    except KeyError:
        raise OvpkitError(
            _("there is no criterion {n}").format(n=criterion_id),
            hint=_("use a number from 1 to 9"),
        ) from None


def _print_criteria(base: KnowledgeBase, *, as_json: bool) -> None:
    if as_json:
        print_json([dump_translated(c) for c in base.criteria])
        return
    table = Table(title=_("The nine criteria"), show_lines=False)
    table.add_column("#", justify="right")
    text_columns(table, _("Criterion"), _("Definition"))
    for c in base.criteria:
        table.add_row(str(c.id), _(c.name), _(c.definition))
    console.print(table)


def _print_criterion(base: KnowledgeBase, record: Criterion, *, as_json: bool) -> None:
    criterion = translated(record)
    if as_json:
        print_json(dump(criterion))
        return
    console.print(f"[bold]{criterion_label(record.id, record.name)}[/]")
    console.print(criterion.definition)
    console.print(f"[dim]{criterion.rationale}[/]\n")
    _print_cited(_("Findings"), criterion.findings)
    _print_cited(_("Key takeaways"), criterion.key_takeaways)
    tradeoffs = [translated(t) for t in base.tradeoffs_for(criterion.id)]
    if tradeoffs:
        heading = _("Tradeoffs")
        console.print(f"[bold]{heading}[/]")
        for t in tradeoffs:
            source = citation_label(t.citation)
            console.print(f"  • {t.topic}: + {t.gain} / − {t.cost}  [dim]({source})[/]")
    _print_practices(_("Exemplars"), base.practices_of(criterion=criterion.id))


def _print_cited(heading: str, items: Any) -> None:
    if not items:
        return
    console.print(f"[bold]{heading}[/]")
    for item in items:
        console.print(f"  • {item.text}  [dim]({citation_label(item.citation)})[/]")
    console.print()


def _print_practices(heading: str, practices: tuple[Practice, ...]) -> None:
    if not practices:
        return
    console.print(f"\n[bold]{heading}[/]")
    for p in map(translated, practices):
        console.print(f"  • {p.title}: {p.summary}  [dim]({citation_label(p.citation)})[/]")


@app.command()
def offices(
    country: Annotated[str | None, typer.Option(help="Only offices in this country.")] = None,
    model: Annotated[
        str | None, typer.Option(help="Only this office model, e.g. mayor_office.")
    ] = None,
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """The offices the report studies (and the cities it advises)."""
    base = _kb(kb_dir)
    with use_language(lang):
        _print_offices(base, country, model, as_json=as_json)


def _print_offices(
    base: KnowledgeBase, country: str | None, model: str | None, *, as_json: bool
) -> None:
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
    id_column(table, _("Slug"), [o.slug for o in selected])
    text_columns(table, _("City"), _("Country"), _("Office"), _("Model"), _("Founded"))
    for o in selected:
        table.add_row(
            o.slug,
            o.city,
            formats.country(o.country),
            office_name(o),
            model_name(o),
            formats.year(o.founded) if o.founded else formats.MISSING,
        )
    console.print(table)


@app.command()
def office(
    slug: Annotated[str, typer.Argument(help="The office's slug, e.g. oakland-dvp.")],
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Everything the report says about one office, with citations."""
    base = _kb(kb_dir)
    record = _find_office(base, slug)
    with use_language(lang):
        _print_office(base, record, as_json=as_json)


def _print_office(base: KnowledgeBase, record: Office, *, as_json: bool) -> None:
    facts = base.facts_about(office=record.slug)
    practices = base.practices_of(office=record.slug)
    if as_json:
        print_json(
            {
                "office": dump(record),
                "facts": [dump_translated(f) for f in facts],
                "practices": [dump_translated(p) for p in practices],
            }
        )
        return
    console.print(
        f"[bold]{office_title(record)}[/] — {record.city}, {formats.country(record.country)}"
    )
    for label, value in office_details(record).items():
        if value is not None:
            console.print(f"  {label}: {value}")
    for kind in sorted({f.kind for f in facts}, key=lambda k: k.value):
        console.print(f"\n[bold]{kind_label(kind)}[/]")
        for fact in (translated(f) for f in facts if f.kind == kind):
            console.print(f"  • {fact.statement}")
            console.print(f'    [dim]"{fact.quote}" — {citation_label(fact.citation)}[/]')
    _print_practices(_("Practices"), practices)


def _find_office(base: KnowledgeBase, slug: str) -> Office:
    """The office with this slug, or the only office of a city named so ("oakland")."""
    try:
        return base.office(slug)
    except KeyError:
        pass
    wanted = normalise(slug.replace("-", " "))
    in_city = [o for o in base.offices if normalise(o.city) == wanted]
    if len(in_city) == 1:
        return in_city[0]
    matches = [o.slug for o in in_city] or [o.slug for o in base.offices if wanted in o.slug]
    hint = (
        _("did you mean {names}?").format(names=", ".join(matches))
        if matches
        else _("run 'ovpkit offices' to see the offices and their names")
    )
    raise OvpkitError(_("there is no office '{name}'").format(name=slug), hint=hint)


@app.command()
def facts(
    office_slug: Annotated[str | None, typer.Option("--office", help="An office slug.")] = None,
    criterion: Annotated[int | None, typer.Option(help="A criterion number, 1 to 9.")] = None,
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Facts from the report, with numbers, filtered by office and/or criterion."""
    base = _kb(kb_dir)
    if office_slug is not None:
        _find_office(base, office_slug)
    selected = base.facts_about(office=office_slug, criterion=criterion)
    with use_language(lang):
        _print_facts(base, selected, as_json=as_json)


def _print_facts(base: KnowledgeBase, selected: tuple[Fact, ...], *, as_json: bool) -> None:
    if as_json:
        print_json([dump_translated(f) for f in selected])
        return
    table = Table(title=_("Facts"), show_lines=True)
    text_columns(table, _("Fact"), _("Value"), _("Where"), _("Source"))
    for fact in map(translated, selected):
        table.add_row(
            fact.statement, fact_value(fact), fact_place(base, fact), citation_label(fact.citation)
        )
    console.print(table)


@app.command(name="search")
def search_command(
    text: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 10,
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Ranked full-text search over criteria, practices, tradeoffs and facts.

    The search reads the English texts; --lang translates what it prints.
    """
    base = _kb(kb_dir)
    hits = search_kb(base, text, limit=limit)
    with use_language(lang):
        _print_hits(base, hits, as_json=as_json)


def _print_hits(base: KnowledgeBase, hits: list[SearchHit], *, as_json: bool) -> None:
    shown = [(hit, *hit_texts(base, hit)) for hit in hits]
    if as_json:
        print_json(
            [
                {
                    "kind": h.kind,
                    "id": h.key,
                    "title": title,
                    "text": text,
                    "score": h.score,
                    "citation": h.citation.model_dump(mode="json", exclude_none=True),
                    "quote": h.quote,
                }
                for h, title, text in shown
            ]
        )
        return
    if not hits:
        console.print(_("Nothing found. Try fewer or other words."))
        return
    for rank, (hit, title, text) in enumerate(shown, start=1):
        console.print(f"[bold]{rank}. {title}[/] [dim]({kind_word(hit.kind)} {hit.key})[/]")
        console.print(f"   {text}")
        console.print(f'   [dim]"{hit.quote}" — {citation_label(hit.citation)}[/]')


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
    lang: Lang = "en",
    as_json: JsonFlag = False,
    kb_dir: KbDir = None,
) -> None:
    """Check that every quote of the knowledge base is verbatim in the report."""
    with use_language(lang):
        _check(report, kb_dir, as_json=as_json)


def _check(report: Path, kb_dir: Path | None, *, as_json: bool) -> None:
    base = _kb(kb_dir)
    text = _report(report)
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


def _report(report: Path) -> ReportText:
    """The report's text by section; another text is an error that says so."""
    try:
        return ReportText.from_text(_report_text(report))
    except ValueError as exc:
        raise KnowledgeError(
            _("this is not the report's text: one of its section headings is missing"),
            file=report,
            hint=_("give the text of 'Lessons from Effective Offices of Violence Prevention'"),
        ) from exc


def _report_text(report: Path) -> str:
    """The report's text; a missing or unreadable file is an error in words, not a traceback."""
    return read_text(
        report,
        KnowledgeError,
        unreadable=_("cannot read the report's text: {problem}"),
        unreadable_hint=_("give the path of the report's text file (UTF-8)"),
    )
