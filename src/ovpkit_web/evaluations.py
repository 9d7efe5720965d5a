"""An office's evaluations: a spec (from the form or a file) and a panel, run by the core.

The spec is the core's own (``ovpkit.evaluation.spec``): the form only writes the YAML an
author would write, and the core's model validates it, naming the field. The run is
``ovpkit.evaluation.evaluate`` in the worker; its page is the core's ``render_html``
(summary, charts, cautions) in every language. The panel (a CSV of unit, period and
outcome columns) is kept under the home folder beside the spec, never served.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.utils.translation import gettext as _

from ovpkit.errors import OvpkitError, SpecError
from ovpkit.i18n import use_language
from ovpkit_web.data import LANGUAGES, safe_name
from ovpkit_web.jobs import Progress, output_path, work
from ovpkit_web.models import Job, Office

#: The file name the panel takes in a spec (it is replaced by the stored panel's path).
PANEL = "panel.csv"
#: Where each stage of the core's run starts, in percent of the job.
_STAGE_PERCENT = {"read": 5, "fit": 15, "model": 30, "placebos": 30, "in_time": 85}
_STAGE_PERCENT["leave_one_out"] = 90


def check_spec(text: str, file_name: str) -> dict[str, Any]:
    """The spec's YAML as a mapping, once the core's model accepted it.

    ``data.path`` is set to the panel uploaded with it; the core's errors name
    ``file_name`` (the user's), not the temporary file it was checked in.
    """
    from ovpkit.evaluation import load_spec

    folder = Path(tempfile.mkdtemp(prefix="ovpkit-spec-"))
    try:
        path = folder / safe_name(file_name)
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError:
            raw = None
        if isinstance(raw, dict) and isinstance(raw.get("data"), dict):
            raw["data"]["path"] = PANEL
            text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        try:
            load_spec(path)
        except SpecError as exc:
            raise renamed(exc, file_name) from None
        return dict(raw) if isinstance(raw, dict) else {}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def spec_from_form(values: dict[str, Any]) -> dict[str, Any]:
    """The spec an author would write for the form's choices (empty fields left out)."""
    design = values["design"]
    raw: dict[str, Any] = {"design": design}
    if values.get("title"):
        raw["title"] = values["title"]
    data = {"path": PANEL, "unit": values.get("unit") or None, "time": values.get("time")}
    raw["data"] = {k: v for k, v in data.items() if v}
    if design == "its":
        raw["count"] = values.get("outcome") or None
    else:
        raw["outcome"] = values.get("outcome") or None
    if design == "synthetic_control":
        raw["treated"] = values.get("treated") or None
    if design == "did":
        units = [u.strip() for u in (values.get("treated") or "").split(";") if u.strip()]
        raw["treated_units"] = units
    raw["start"] = _period(values.get("start"), design)
    return {k: v for k, v in raw.items() if v not in (None, "", [])}


def _period(value: Any, design: str) -> Any:
    """A start period as the design reads it: a whole number, or a date for ITS."""
    text = str(value or "").strip()
    if design != "its" and text.lstrip("-").isdigit():
        return int(text)
    return text or None


def store_panel(office: Office, chunks: Any, file_name: str) -> str:
    """Write the uploaded panel under the home folder; return its path there."""
    relative = Path(office.slug) / "evaluations" / uuid.uuid4().hex / safe_name(file_name)
    final = Path(settings.UPLOADS_DIR) / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".part")
    with partial.open("wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    partial.replace(final)
    return relative.as_posix()


@work("evaluation")
def run_evaluation(job: Job, progress: Progress) -> dict[str, Any]:
    """The core's evaluation of the spec on the stored panel, its page in every language."""
    from ovpkit.evaluation import evaluate
    from ovpkit.evaluation.report import render_html
    from ovpkit.evaluation.spec import parse_spec

    assert job.office is not None
    panel = Path(settings.UPLOADS_DIR) / str(job.arguments["panel"])
    raw = yaml.safe_load(str(job.arguments["spec"]))
    raw["data"]["path"] = str(panel)
    spec_name = str(job.arguments.get("spec_name") or "spec.yaml")
    try:
        spec = parse_spec(raw, source=panel.parent / spec_name)
        result = evaluate(
            spec,
            source=panel.parent / spec_name,
            workers=1,
            stage=_stage_progress(progress),
            progress=lambda done, total: progress(30 + 55 * done // max(total, 1), _placebos()),
        )
    except OvpkitError as exc:
        raise renamed(exc, spec_name) from None
    pages = {}
    for language in LANGUAGES:
        with use_language(language):
            html = render_html(result)
        name = f"evaluation-{job.pk}-{language}.html"
        output_path(job, name).write_text(html, encoding="utf-8")
        pages[language] = f"{job.office.slug}/{name}"
    return {"pages": pages, "design": spec.design}


def _placebos() -> str:
    return _("Placebo runs: the same method on units that had no programme.")


def _stage_progress(progress: Progress) -> Any:
    """The core's stage codes as a percent and its own stage words (its catalog)."""
    from ovpkit.evaluation.runner import STAGES
    from ovpkit.i18n import _ as core_

    def say(code: str) -> None:
        if code in _STAGE_PERCENT:
            progress(_STAGE_PERCENT[code], core_(STAGES[code]) + "…")

    return say


def renamed(exc: OvpkitError, file_name: str) -> OvpkitError:
    """The core's error naming the user's own file instead of a server path."""
    with use_language(exc.lang):
        return type(exc)(
            exc.message, file=file_name, record=exc.record, field=exc.field, hint=exc.hint
        )
