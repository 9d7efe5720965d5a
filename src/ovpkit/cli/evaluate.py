"""``ovpkit evaluate spec.yaml``: an impact evaluation from one spec file."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ovpkit.cli.app import JSON_HELP, app, console, console_err, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_file, output_folder
from ovpkit.i18n import _, use_language

if TYPE_CHECKING:  # the estimators (SciPy, statsmodels, Matplotlib) load only when run
    from ovpkit.evaluation.runner import Result


@app.command()
def evaluate(
    spec_file: Annotated[Path, typer.Argument(help="Evaluation spec (YAML).", exists=False)],
    html: Annotated[Path | None, typer.Option("--html", help="Write an HTML report here.")] = None,
    plots: Annotated[
        Path | None, typer.Option("--plots", help="Write the charts (SVG) into this folder.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Processes for placebo fits (default: all cores).")
    ] = None,
    global_search: Annotated[
        bool, typer.Option("--global-search", help="Search V from many starts (synthetic control).")
    ] = False,
    lang: Lang = "en",
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Run a synthetic control, difference-in-differences or interrupted time series."""
    from ovpkit.evaluation import load_spec
    from ovpkit.evaluation.spec import SyntheticControlSpec

    with use_language(lang):
        output_file(html, option="--html")
        output_folder(plots, option="--plots")
        spec = load_spec(spec_file)
        if global_search and isinstance(spec, SyntheticControlSpec):
            spec = spec.model_copy(update={"v_search": "global"})
        # With --json, progress goes to stderr only when a person watches it.
        show = console_err.is_terminal or not as_json
        result = _run(spec, spec_file, workers, show_progress=show)
        _report(result, html, plots, as_json=as_json)


def _report(result: Result, html: Path | None, plots: Path | None, *, as_json: bool) -> None:
    if html:
        from ovpkit.evaluation.report import render_html

        html.write_text(render_html(result), encoding="utf-8")
    if plots:
        _write_plots(result, plots)
    if as_json:
        print_json(result.to_dict())
        return
    _print(result)
    if html:
        console.print(_("HTML report written to {path}").format(path=html), highlight=False)


class ProgressView:
    """Stages and placebo runs on stderr: a live bar on a terminal, plain lines in a log.

    Never on stdout, so ``--json`` output stays one clean document.
    """

    def __init__(self, err: Console) -> None:
        self.err = err
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.label = ""
        self.shown_quarter = -1

    def __enter__(self) -> ProgressView:
        if self.err.is_terminal:
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self.bar = Progress(*columns, console=self.err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def stage(self, code: str) -> None:
        from ovpkit.evaluation.runner import STAGES

        self.label = _(STAGES[code])
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, description=self.label, completed=0, total=None)
        else:
            self.err.print(f"{self.label}…", highlight=False)

    def advance(self, done: int, total: int) -> None:
        """Placebo runs: the bar moves; a log gets a line at each quarter."""
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done, total=total)
            return
        quarter = 4 * done // max(total, 1)
        if quarter > self.shown_quarter:
            self.shown_quarter = quarter
            text = _("{stage}: {done} of {total}").format(stage=self.label, done=done, total=total)
            self.err.print(text, highlight=False)


def _run(spec: object, spec_file: Path, workers: int | None, *, show_progress: bool) -> Result:
    from ovpkit.evaluation import evaluate as run_evaluation
    from ovpkit.evaluation.runner import EvaluationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EvaluationWarning)  # shown as diagnostics instead
        if not show_progress:
            return run_evaluation(spec, source=spec_file, workers=workers)  # type: ignore[arg-type]
        with ProgressView(console_err) as view:
            return run_evaluation(
                spec,  # type: ignore[arg-type]
                source=spec_file,
                workers=workers,
                progress=view.advance,
                stage=view.stage,
            )


def _write_plots(result: Result, folder: Path) -> None:
    from ovpkit.evaluation import plots as charts

    folder.mkdir(parents=True, exist_ok=True)
    for name, fig in charts.figures(result).items():
        charts.save(fig, folder / f"{name}.svg")


def _print(result: Result) -> None:
    """The plain summary first, then the detail, then the terms it uses."""
    from ovpkit.evaluation.labels import label
    from ovpkit.evaluation.plain import plain_summary
    from ovpkit.evaluation.report import glossary

    if result.heading:
        console.print(f"[bold]{result.heading}[/bold]", highlight=False)
    console.print(label(result.design), highlight=False)
    console.print(f"\n[bold]{_('Summary')}[/bold]", highlight=False)
    console.print(plain_summary(result).text(), highlight=False)
    console.print(f"\n[bold]{_('Detail for evaluators')}[/bold]", highlight=False)
    console.print(result.summary(), highlight=False)
    _print_weights(result)
    console.print(f"\n[bold]{_('Terms used')}[/bold]", highlight=False)
    for name, explanation in glossary(result):
        console.print(f"{name}: {explanation}", highlight=False)


def _print_weights(result: Result) -> None:
    from ovpkit import formats
    from ovpkit.evaluation.labels import label
    from ovpkit.evaluation.results import SyntheticControlResult

    if not isinstance(result, SyntheticControlResult):
        return
    table = Table(title=_("Donor weights"))
    table.add_column(label("donor"))
    table.add_column(label("weight"), justify="right")
    for donor, weight in zip(result.table()["donor"], result.table()["weight"], strict=True):
        table.add_row(str(donor), formats.decimal(float(weight), 3))
    console.print(table)
