"""``ovpkit publish``: a public result as a Frictionless Data Package, or a static site.

``--site DIR`` takes the offices' approved public documents instead (the export of
the web site's publications page, or one office's document) and writes their public
pages as a static site that works from ``file://`` (:mod:`ovpkit.publish.public.site`).

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
from ovpkit.errors import DataError, OvpkitError
from ovpkit.i18n import _, use_language


@app.command()
def publish(
    result: Annotated[
        Path,
        typer.Argument(
            help="A public result (ovpkit diagnose --json > result.json), or with --site "
            "the export of approved publications."
        ),
    ],
    datapackage: Annotated[
        Path | None, typer.Option("--datapackage", help="Folder to write the data package into.")
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option("--site", help="Folder to write the offices' public pages into (static)."),
    ] = None,
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
        if site is not None:
            _publish_site(result, site, as_json=as_json)
            return
        if datapackage is None:
            hint = _("for example: ovpkit publish result.json --datapackage dp/")
            raise OvpkitError(_("say what to write: --datapackage DIR or --site DIR"), hint=hint)
        output_folder(datapackage, option="--datapackage")
        document = read_result(result)
        path = write_datapackage(diagnosis_package(document), datapackage)
        if as_json:
            descriptor = json.loads(path.read_text(encoding="utf-8"))
            print_json({"datapackage": str(path), "resources": [r["path"] for r in
                        descriptor["resources"]], **descriptor["ovpkit:disclosure"]})  # fmt: skip
        else:
            console.print(_("Data package written to {path}").format(path=path))


def _publish_site(export: Path, site: Path, *, as_json: bool) -> None:
    """The static site of the publications in ``export``."""
    from ovpkit.publish.public import documents_in, write_site

    output_folder(site, option="--site")
    hint = _("download the export from the site's publications page")
    documents = documents_in(read_json(export, hint=hint), file=str(export))
    pages = write_site(documents, site)
    if as_json:
        print_json({"site": str(site), "offices": [d["office"]["slug"] for d in documents],
                    "pages": len(pages)})  # fmt: skip
    else:
        console.print(_("Public pages written to {path}").format(path=site / "index.html"))


def read_json(path: Path, *, hint: str) -> Any:
    """The JSON document in ``path``; a clear error when it is missing or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError(_("the file does not exist"), file=path, hint=hint) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(_("the file is not a JSON document"), file=path, hint=hint) from exc


def read_result(path: Path) -> dict[str, Any]:
    """The public result in ``path``; a clear error for anything else."""
    hint = _("write one with: ovpkit diagnose --json > result.json")
    document = read_json(path, hint=hint)
    if (
        not isinstance(document, dict)
        or document.get("kind") != "diagnosis"
        or ("disclosure" not in document)
    ):
        raise DataError(_("the file is not the public result of a diagnosis"), file=path,
                        hint=hint)  # fmt: skip
    return document
