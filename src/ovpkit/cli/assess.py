"""Commands of the assessment: questionnaire, assess, compare, validate-report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from ovpkit import formats
from ovpkit.assessment.answersfile import load_answers, merge_answer_sets
from ovpkit.assessment.comparison import (
    SincePrevious,
    compare_assessments,
    comparison_document,
    since_document,
    since_previous,
)
from ovpkit.assessment.display import assessment_title, fact_change_text, risk_finding
from ovpkit.assessment.engine import assess as run_assessment
from ovpkit.assessment.export import assessment_document
from ovpkit.assessment.plan import HORIZON_LABELS, OWNER_LABELS
from ovpkit.assessment.questionnaire import load_questionnaire
from ovpkit.assessment.results import NOT_ASSESSED, Assessment
from ovpkit.assessment.rubric import load_rubric
from ovpkit.assessment.template import questionnaire_template
from ovpkit.assessment.validation import (
    AgreementReport,
    agreement_document,
    validate_against_report,
)
from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_file
from ovpkit.cli.progress import working
from ovpkit.i18n import _, use_language
from ovpkit.knowledge.naming import criterion_label

JsonFlag = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


HtmlOut = Annotated[Path | None, typer.Option("--html", help="Write an HTML report here.")]
PdfOut = Annotated[Path | None, typer.Option("--pdf", help="Write a PDF report here.")]
BriefOut = Annotated[
    Path | None,
    typer.Option("--brief", help="Write a two-page PDF brief for council and funders here."),
]
PreviousIn = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        help="The office's previous answers file: the report says what moved since then.",
    ),
]
RecordsIn = Annotated[
    list[Path] | None,
    typer.Option(
        "--records",
        help=(
            "The office's monitoring records (repeatable): what they establish answers "
            "questions too, as one more respondent."
        ),
    ),
]


@app.command()
def questionnaire(lang: Lang = "en", as_json: JsonFlag = False) -> None:
    """Write the answers template (commented YAML) to standard output."""
    with use_language(lang):
        if as_json:
            print_json(_translated(load_questionnaire().model_dump(mode="json", exclude_none=True)))
            return
        typer.echo(questionnaire_template(load_questionnaire()), nl=False)


def _translated(document: dict[str, Any]) -> dict[str, Any]:
    """The questionnaire's wording in the current language (quotes stay English)."""
    for section in document["sections"]:
        for key in ("title", "intro"):
            if key in section:
                section[key] = _(section[key])
        for question in section["questions"]:
            for key in ("text", "help"):
                if key in question:
                    question[key] = _(question[key])
            for choice in question.get("choices", []):
                label = choice["label"]  # a name, not a literal: keeps "label" out of the catalogs
                choice["label"] = _(label)
    return document


@app.command()
def assess(
    answers: Annotated[
        list[Path],
        typer.Argument(help="Answers file(s) of one office; several files = several respondents."),
    ],
    records: RecordsIn = None,
    previous: PreviousIn = None,
    lang: Lang = "en",
    html: HtmlOut = None,
    pdf: PdfOut = None,
    brief: BriefOut = None,
    as_json: JsonFlag = False,
) -> None:
    """Assess an office: levels, strengths, opportunities, peers, plan and key notions."""
    from ovpkit.assessment.from_monitoring import records_answers_document, with_records

    with use_language(lang):  # answers derived from records carry translated evidence
        output_file(html, option="--html")
        output_file(pdf, option="--pdf")
        output_file(brief, option="--brief")
        answer_set = with_records(
            merge_answer_sets([load_answers(path) for path in answers]), records or []
        )
        result = run_assessment(answer_set)
        since = since_previous(run_assessment(load_answers(previous)), result) if previous else None
        with working(_("Writing the reports..."), quiet=as_json or not (html or pdf or brief)):
            written = _write_reports(result, html, pdf, lang, since)
            if brief is not None:
                from ovpkit.publish.assessment import write_assessment_brief

                written.append(write_assessment_brief(result, brief, lang=lang))
        derived = records_answers_document(answer_set)
        if as_json:
            document = assessment_document(result)
            if records:
                document["from_records"] = derived
            if since is not None:
                document["since_previous"] = since_document(since)
            print_json(document)
        else:
            _print_assessment(result)
            if since is not None:
                _print_since(since)
            for rid, found in derived.items():
                line = _("{respondent}: {count} questions answered")
                console.print(line.format(respondent=rid, count=len(found)))
            for path in written:
                console.print(_("Written: {path}").format(path=path))


def _write_reports(
    result: Assessment,
    html: Path | None,
    pdf: Path | None,
    lang: str,
    since: SincePrevious | None = None,
) -> list[Path]:
    from ovpkit.publish.assessment import render_assessment_html, write_assessment_pdf

    written: list[Path] = []
    if html is not None:
        page = render_assessment_html(result, lang=lang, since=since)
        html.write_text(page, encoding="utf-8")
        written.append(html)
    if pdf is not None:
        write_assessment_pdf(result, pdf, lang=lang, since=since)
        written.append(pdf)
    return written


def _print_since(since: SincePrevious) -> None:
    """What moved since the previous assessment: levels, then numbers."""
    heading = _("Since the previous assessment")
    console.print(f"[bold]{heading}[/]" + (f" ({since.previous_on})" if since.previous_on else ""))
    criterion_word = _("Criterion")
    for change in since.levels:
        console.print(f"  {criterion_word} {change.criterion}: {change.before} → {change.after}")
    questions = load_questionnaire()
    for fact in since.numbers:
        question = _(questions.question(fact.question).text)
        console.print(f"  {question} {fact_change_text(fact)}")
    if not (since.levels or since.numbers):
        console.print("  " + _("Nothing moved between the two assessments."))


def _print_assessment(result: Assessment) -> None:
    """The report's chart in the terminal: one block per criterion."""
    rubric = load_rubric()
    confidence, not_done = _("confidence"), _("if not already done")
    plan = _("Action plan")
    disagree, agreed = _("Where respondents disagree"), _("agreed")
    heading, weigh = _("current strengths and opportunities"), _("Weigh:")
    console.print(f"[bold]{assessment_title(result)}[/]: {heading}\n")
    for c in result.criteria:
        level = f"{c.level} {_(rubric.level_name(c.level))}" if c.assessed else _(NOT_ASSESSED)
        console.print(
            f"[bold]{criterion_label(c.criterion, c.name)}[/] — {level} "
            f"[dim]({confidence} {formats.percent(c.confidence)})[/]"
        )
        for s in c.strengths:
            console.print(f"  [green]+[/] {_(s.text)}")
        for o in c.opportunities:
            mark = "" if o.confirmed else f" [dim]({not_done})[/]"
            console.print(f"  [yellow]→[/] {_(o.text)}{mark}")
            for t in o.tradeoffs:
                console.print(f"      [dim]{weigh} {escape(_(t.topic))}[/]")
    console.print()
    if result.risks:
        risks_heading = _("Risks the report warns about")
        console.print(f"[bold]{risks_heading}[/]")
        for risk in result.risks:
            console.print(f"  [red]![/] {_(risk.title)}: {escape(risk_finding(risk))}")
    if result.action_plan:
        console.print(f"[bold]{plan}[/]")
        start = _("Start now")
        for step in result.action_plan:
            when = f"{start} · " if step.start_now else ""
            when += f"{_(HORIZON_LABELS[step.horizon])} · {_(OWNER_LABELS[step.owner])}"
            console.print(f"  {step.order}. {escape(f'[{when}]')} {_(step.text)}")
    if result.disagreements:
        console.print(f"[bold]{disagree}[/]")
        for d in result.disagreements:
            values = ", ".join(f"{rid}: {value}" for rid, value in d.values)
            outcome = f"{agreed}: {d.agreed} ({d.reason})" if d.agreed else _("unresolved")
            console.print(f"  {d.question}: {values} → {outcome}")


@app.command()
def compare(
    answers: Annotated[list[Path], typer.Argument(help="Answers files, one per assessment.")],
    lang: Lang = "en",
    html: HtmlOut = None,
    as_json: JsonFlag = False,
) -> None:
    """Several offices side by side, or one office over time (what moved)."""
    with use_language(lang):
        output_file(html, option="--html")
    results = [run_assessment(load_answers(path)) for path in answers]
    comparison = compare_assessments(results)
    with use_language(lang):
        if html is not None:
            from ovpkit.publish.comparison import render_comparison_html

            html.write_text(render_comparison_html(comparison, lang=lang), encoding="utf-8")
        if as_json:
            print_json(comparison_document(comparison))
            return
        table = Table(title=_("Levels by criterion"))
        table.add_column(_("Assessment"))
        for number in range(1, 10):
            table.add_column(str(number), justify="center")
        for row in comparison.rows:
            table.add_row(row.label, *(str(level) for level in row.levels))
        console.print(table)
        criterion_word = _("Criterion")
        for change in comparison.changes:
            console.print(f"{criterion_word} {change.criterion}: {change.before} → {change.after}")
        questions = load_questionnaire()
        for fact in comparison.fact_changes:
            question = _(questions.question(fact.question).text)
            console.print(f"{question} {fact_change_text(fact)}")
        if html is not None:
            console.print(_("Written: {path}").format(path=html))


@app.command("validate-report")
def validate_report(
    lang: Lang = "en",
    as_json: JsonFlag = False,
    write: Annotated[
        Path | None,
        typer.Option("--write", help="Also write the table as Markdown here (in English)."),
    ] = None,
) -> None:
    """Agreement of the engine with the report's Part 4 charts (36 city x criterion cells)."""
    with use_language(lang):
        output_file(write, option="--write")
    report = validate_against_report()
    if write is not None:
        from ovpkit.assessment.validation import agreement_markdown

        write.write_text(agreement_markdown(report), encoding="utf-8")
    if as_json:
        print_json(agreement_document(report))
        return
    with use_language(lang):
        _print_agreement(report)


def _print_agreement(report: AgreementReport) -> None:
    table = Table(title=_("Agreement with the report's Part 4 charts"))
    for heading in ("City", "#", "Report", "Engine", "Level", "Strength", "Opportunity"):
        table.add_column(_(heading))
    for row in report.rows:
        table.add_row(
            row.city,
            str(row.criterion),
            str(row.report_level),
            str(row.engine_level),
            _mark(row.level_agrees),
            _mark(row.strength_agrees),
            _mark(row.opportunity_agrees),
        )
    console.print(table)
    summary = _(
        "Cells: {cells}. Level: {level_exact} exact, {level_within_one} within one level "
        "(engine higher in {engine_higher}, lower in {engine_lower}). "
        "Strength: {strength}. Opportunity: {opportunity}."
    )
    console.print(summary.format(**report.summary()))


def _mark(ok: bool) -> str:
    yes, no = _("yes"), _("no")
    return f"[green]{yes}[/]" if ok else f"[red]{no}[/]"
