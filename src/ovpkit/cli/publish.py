"""``ovpkit publish``: a public result as a Frictionless Data Package.

The result is the public JSON of a diagnosis (``ovpkit diagnose --json``), in
which disclosure control has already hidden every count that could point at
someone; the package holds those tables as CSV, the same hidden cells marked the
same way, and says where the data came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ovpkit.cli.app import JSON_HELP, app, console, print_json
from ovpkit.cli.language import Lang
from ovpkit.cli.paths import output_folder
from ovpkit.errors import DataError
from ovpkit.i18n import _, use_language


@app.command()
def publish(
    result: Annotated[
        Path, typer.Argument(help="A public result: ovpkit diagnose --json > result.json")
    ],
    datapackage: Annotated[
        Path, typer.Option("--datapackage", help="Folder to write the data package into.")
    ],
    lang: Lang = "en",
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Write a public result as a Frictionless Data Package (CSV files + datapackage.json).

    Only what the public page shows goes into the package: counts from 1 to the
    disclosure threshold - 1 and the counts that would give them back are marked "x",
    and the "suppressed" table says which and why.
    """
    from ovpkit.publish.datapackage import write_datapackage
    from ovpkit.publish.diagnosis_package import diagnosis_package

    with use_language(lang):
        output_folder(datapackage, option="--datapackage")
        document = read_result(result)
        path = write_datapackage(diagnosis_package(document), datapackage)
        if as_json:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
            print_json({"datapackage": str(path), "resources": [r["path"] for r in
                        descriptor["resources"]], **descriptor["ovpkit:disclosure"]})  # fmt: skip
        else:
            console.print(_("Data package written to {path}").format(path=path))


def read_result(path: Path) -> dict[str, Any]:
    """The public result in ``path``; a clear error for anything else."""
    hint = _("write one with: ovpkit diagnose --json > result.json")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(_("the file does not exist"), file=path, hint=hint) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(_("the file is not a JSON document"), file=path, hint=hint) from exc
    if (
        not isinstance(document, dict)
        or document.get("kind") != "diagnosis"
        or ("disclosure" not in document)
    ):
        raise DataError(_("the file is not the public result of a diagnosis"), file=path,
                        hint=hint)  # fmt: skip
    return document
