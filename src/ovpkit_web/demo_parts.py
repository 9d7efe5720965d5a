"""The demo's records, data set and evaluation, each put where the site keeps its own.

Everything goes through the same checks as a person's work on the site: the records
through the core's models (``ovpkit_web.monitoring.validated``), the data file through
the ``ingest`` job's work, the evaluation through the ``evaluation`` job. Each part is
skipped when the office has it already, so loading again changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings

from ovpkit_web import domain, monitoring, publication
from ovpkit_web.models import DataFile, Job, MonitoringRecord, Office, Publication, Role

#: the collections of a records file the site keeps, in the order they refer to each other
COLLECTIONS = ("partners", "indicators", "programs", "budget", "staff", "coverage")


def load_records(office: Office, user: Any, path: Path) -> str | None:
    """Palmira's records file as the office's records; the partner a demo partner acts for.

    The file is read by the core (``load_records``: every reference checked), then each
    record is checked again by the model the forms use and kept as it would be saved.
    """
    from ovpkit.monitoring import load_records as read

    records = read(path)
    first_partner = _first_running_partner(records)
    if monitoring.records(office, "header").exists():
        return first_partner
    header = records.header.model_dump(mode="json", exclude_defaults=True, exclude={"catalogue"})
    _keep(office, user, "header", "header", header)
    for collection in COLLECTIONS:
        for number, item in enumerate(getattr(records, collection), start=1):
            document = item.model_dump(mode="json", exclude_defaults=True)
            key = document.get("id") or f"{collection}-{number}"
            _keep(office, user, collection, key, document)
    return first_partner


def _first_running_partner(records: Any) -> str | None:
    """The first partner that runs a program (so the demo partner has a program of its own)."""
    for program in records.programs:
        if program.partners:
            return str(program.partners[0])
    return None


def _keep(office: Office, user: Any, collection: str, key: str, record: dict[str, Any]) -> None:
    data, problems = monitoring.validated(collection, record)
    if problems:  # a shipped file the core refuses is a fault of this package
        raise ValueError(f"demo record {collection}/{key}: {problems}")
    MonitoringRecord.objects.create(
        office=office, collection=collection, key=key, data=data, updated_by=user
    )


def load_sample_data(office: Office, user: Any) -> None:
    """The core's Philadelphia sample loaded now (about a second); its diagnosis queued."""
    from ovpkit.diagnosis.sample import sample_path
    from ovpkit_web import jobs

    if DataFile.objects.filter(office=office).exists():
        return
    _forget_store(office)
    sample = sample_path()
    relative = Path(office.slug) / "demo" / sample.name
    target = Path(settings.UPLOADS_DIR) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sample, target)
    item = DataFile.objects.create(
        office=office,
        uploaded_by=user,
        file_name=sample.name,
        stored=relative.as_posix(),
        size=target.stat().st_size,
        mapping_name="philadelphia-shootings-sample",
    )
    # The ingest job's own work, run here and not queued: the diagnosis needs the rows.
    item.job = Job.objects.create(
        office=office, user=user, kind="ingest", language="en", arguments={"data_file": item.pk}
    )
    item.save(update_fields=["job"])
    jobs.run_job.call(item.job.pk)
    jobs.start("diagnosis", office, user, "en")


def _forget_store(office: Office) -> None:
    """A store left by an earlier database in the same home folder would double the rows."""
    from ovpkit_web import data

    store = data.store_path(office)
    for leftover in (store, store.with_name(store.name + ".wal")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(store.with_name(store.name + ".files"), ignore_errors=True)


def queue_evaluation(office: Office, user: Any, spec_path: Path) -> None:
    """The Basque Country study: its panel kept like an upload, its run queued."""
    import yaml

    from ovpkit_web import evaluations, jobs

    if Job.objects.filter(office=office, kind="evaluation").exists():
        return
    spec_text = spec_path.read_text(encoding="utf-8")
    panel = spec_path.parent / yaml.safe_load(spec_text)["data"]["path"]
    stored = evaluations.store_panel(office, iter([panel.read_bytes()]), panel.name)
    jobs.start("evaluation", office, user, "en", spec=spec_text, spec_name=spec_path.name,
               panel=stored)  # fmt: skip


def publish_page(office: Office, users: dict[Role, Any], mandate_fact: str) -> None:
    """The office's public page through the whole review step, as the people would do it.

    Written by the staff member, approved by the reviewer (not the author), published by
    the manager; each move an audit event. Its mandate is a fact of the report, in
    English (the report's language), so the page says nothing the report does not.
    """
    if Publication.objects.filter(office=office).exists():
        return
    fact = next(f for f in domain.knowledge_base().facts if f.id == mandate_fact)
    choices = {"mandate": fact.statement, "language": "en"}
    draft = publication.write_draft(office, users[Role.STAFF], choices)
    for move, role in (("submit", Role.STAFF), ("approve", Role.REVIEWER),
                       ("publish", Role.MANAGER)):  # fmt: skip
        publication.make_move(draft, move, users[role], None)
