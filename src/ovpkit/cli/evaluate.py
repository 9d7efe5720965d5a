"""``ovpkit evaluate spec.yaml``: an impact evaluation from one spec file."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
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
    with use_language(lang):
        result = _run(spec, spec_file, workers, show_progress=not as_json)
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
        console.print(_("HTML report written to {path}").format(path=html))


def _run(spec: object, spec_file: Path, workers: int | None, *, show_progress: bool) -> Result:
    from ovpkit.evaluation import evaluate as run_evaluation
    from ovpkit.evaluation.runner import EvaluationWarning
    from ovpkit.evaluation.spec import SyntheticControlSpec

    placebos = isinstance(spec, SyntheticControlSpec) and spec.placebo.in_space
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EvaluationWarning)  # shown as diagnostics instead
        if not (placebos and show_progress):
            return run_evaluation(spec, source=spec_file, workers=workers)  # type: ignore[arg-type]
        columns = (
            TextColumn(_("Placebo fits")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console_err, transient=True) as bar:
            task = bar.add_task("placebos", total=None)

            def advance(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            return run_evaluation(spec, source=spec_file, workers=workers, progress=advance)  # type: ignore[arg-type]


def _write_plots(result: Result, folder: Path) -> None:
    from ovpkit.evaluation import plots as charts

    folder.mkdir(parents=True, exist_ok=True)
    for name, fig in charts.figures(result).items():
        charts.save(fig, folder / f"{name}.svg")


def _print(result: Result) -> None:
    from ovpkit.evaluation.results import SyntheticControlResult

    console.print(result.summary(), highlight=False)
    if isinstance(result, SyntheticControlResult):
        table = Table(title=_("Donor weights"))
        table.add_column(_("donor"))
        table.add_column(_("weight"), justify="right")
        for row in result.table().itertuples():
            table.add_row(str(row.donor), f"{row.weight:.3f}")
        console.print(table)
    cost = getattr(result, "cost", None)
    if cost is not None:
        console.print(cost.summary(), highlight=False)
