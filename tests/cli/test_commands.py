"""Every command, as a user who is not a programmer meets it: --lang, and bad output paths."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from ovpkit.cli import app, main
from ovpkit.evaluation import simulate_panel

ROOT = Path(__file__).resolve().parents[2]
#: commands that print nothing for people to read, only machine output
MACHINE_ONLY = {"kb export": "prints one JSON document"}
#: parameters through which a command writes a file or a folder
OUTPUT_PARAMETERS = {"html", "pdf", "write", "plots", "out", "db", "datapackage"}
MISSING = "/nonexistent-ovpkit/dir"


def registered(
    typer_app: typer.Typer = app, prefix: str = ""
) -> Iterator[tuple[str, Callable[..., Any]]]:
    """(``"data ingest"``, callback) for every command, groups included."""
    for command in typer_app.registered_commands:
        assert command.callback is not None
        name = command.name or command.callback.__name__.replace("_", "-")
        yield f"{prefix}{name}", command.callback
    for group in typer_app.registered_groups:
        if group.typer_instance is not None and group.name:
            yield from registered(group.typer_instance, f"{prefix}{group.name} ")


def parameters(callback: Callable[..., Any]) -> tuple[str, ...]:
    code = callback.__code__
    return code.co_varnames[: code.co_argcount]


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run ``ovpkit ARGS`` through the console script's ``main`` (its error handling too)."""
    monkeypatch.setattr(sys, "argv", ["ovpkit", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    captured = capsys.readouterr()
    code = stopped.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_every_command_that_prints_for_people_has_lang() -> None:
    lacking = [
        name
        for name, callback in registered()
        if name not in MACHINE_ONLY and "lang" not in parameters(callback)
    ]

    assert not lacking, f"add lang: Lang = 'en' to: {lacking}"


def _spec(folder: Path) -> Path:
    simulate_panel(units=6, effect=-6.0, seed=2).to_csv(folder / "panel.csv", index=False)
    spec = {
        "design": "synthetic_control",
        "data": {"path": "panel.csv", "unit": "unit", "time": "period"},
        "outcome": "y",
        "treated": "u00",
        "start": 2018,
    }
    (folder / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return folder / "spec.yaml"


def _cases(tmp: Path) -> dict[tuple[str, str], list[str]]:
    """(command, option) -> arguments with valid inputs and an unwritable output."""
    answers = str(ROOT / "src/ovpkit/assessment/examples/cali.yaml")
    records = str(ROOT / "examples/monitoring/palmira.yaml")
    a_file = tmp / "a-file.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    return {
        ("monitor", "html"): ["monitor", records, "--html", f"{MISSING}/m.html"],
        ("assess", "html"): ["assess", answers, "--html", f"{MISSING}/a.html"],
        ("assess", "pdf"): ["assess", answers, "--pdf", f"{MISSING}/a.pdf"],
        ("compare", "html"): ["compare", answers, answers, "--html", f"{MISSING}/c.html"],
        ("validate-report", "write"): ["validate-report", "--write", f"{MISSING}/v.md"],
        ("diagnose", "html"): ["diagnose", "--sample", "--html", f"{MISSING}/d.html"],
        ("evaluate", "html"): ["evaluate", str(_spec(tmp)), "--html", f"{MISSING}/e.html"],
        ("evaluate", "plots"): ["evaluate", str(_spec(tmp)), "--plots", str(a_file / "plots")],
        ("demo", "out"): ["demo", "--no-pdf", "--out", str(a_file / "out")],
        ("publish", "datapackage"): ["publish", str(a_file), "--datapackage", str(a_file / "dp")],
        ("data ingest", "db"): [
            "data",
            "ingest",
            str(ROOT / "src/ovpkit/diagnosis/samples/philadelphia_shootings_2015_2025.csv"),
            "-m",
            "philadelphia-shootings-sample",
            "--db",
            f"{MISSING}/x.duckdb",
        ],
    }


def test_every_output_option_has_a_bad_path_case(tmp_path: Path) -> None:
    writes = {
        (name, p)
        for name, callback in registered()
        for p in parameters(callback)
        if p in OUTPUT_PARAMETERS and not name.startswith(("data status", "data quarantine"))
    }
    writes.discard(("diagnose", "db"))  # diagnose reads the database, it does not write it
    writes.discard(("demo", "pdf"))  # a yes/no flag: the PDFs go into --out

    assert writes <= set(_cases(tmp_path)), writes - set(_cases(tmp_path))


@pytest.mark.parametrize(
    "case",
    [
        ("monitor", "html"),
        ("assess", "html"),
        ("assess", "pdf"),
        ("compare", "html"),
        ("validate-report", "write"),
        ("diagnose", "html"),
        ("evaluate", "html"),
        ("evaluate", "plots"),
        ("demo", "out"),
        ("data ingest", "db"),
        ("publish", "datapackage"),
    ],
)
def test_a_bad_output_path_is_refused_before_the_work(
    case: tuple[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = _cases(tmp_path)[case]

    code, out, err = run_main(monkeypatch, capsys, *args)

    message = " ".join(err.split())
    assert code == 2, err
    assert "Traceback" not in err + out
    assert f"--{case[1]}" in message and "What to do" in message
    assert "does not exist" in message or "is a file, not a folder" in message
    assert not out.strip(), "the work started before the path was checked"


def test_a_bad_output_path_is_explained_in_spanish(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = str(ROOT / "examples/monitoring/palmira.yaml")

    code, _out, err = run_main(
        monkeypatch, capsys, "monitor", records, "--html", f"{MISSING}/m.html", "--lang", "es"
    )

    message = " ".join(err.split())
    assert code == 2
    assert f"la carpeta {MISSING} no existe" in message and "mkdir -p" in message


def test_an_existing_folder_given_as_a_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = str(ROOT / "examples/monitoring/palmira.yaml")

    code, _out, err = run_main(monkeypatch, capsys, "monitor", records, "--html", str(tmp_path))

    assert code == 2 and "it is a folder" in " ".join(err.split())
