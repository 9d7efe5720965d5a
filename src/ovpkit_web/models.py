"""Slim models: who belongs to which office, and the core's documents as stored.

Every change to an office's own rows (its profile, memberships, answers files, drafts and
assessments) is kept by django-simple-history (``history``: who, when, the row as it
was); logins, exports and publishing are AuditEvents, which are append-only.

The documents (an office's profile, an answers file, an assessment) are the core's own:
validated by the core's models or loader before they are saved (see
:mod:`ovpkit_web.domain`), never re-declared here field by field.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models.lookups import Lookup
from django.db.models.sql.where import AND, WhereNode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    MANAGER = "manager", _("office manager")
    STAFF = "staff", _("office staff")
    PARTNER = "partner", _("partner organisation")
    REVIEWER = "reviewer", _("reviewer or funder")


class Office(models.Model):
    """An office of violence prevention that works on this site."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The office's record in the knowledge base, when the report describes it.
    knowledge_slug = models.SlugField(blank=True, default="")
    # ovpkit.knowledge.models.Office as JSON (validated by that model), or empty.
    profile = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]

    def __str__(self) -> str:
        return self.name


class UnscopedQuery(RuntimeError):
    """An office's rows were read without saying which office: a bug in the code, never
    something a visitor did. Filter by office (``office.answers...``,
    ``filter(office=...)``) or, where every office is meant (the job worker, a test), use
    the model's ``unscoped`` manager and say why."""


def filters_office(where: WhereNode) -> bool:
    """Whether a query's conditions pin it to an office (``office = x`` or ``office IN``).

    Only conditions every row must meet count: inside an OR or a NOT, an office
    condition does not scope the query.
    """
    if where.connector != AND or where.negated:
        return False
    for child in where.children:
        if isinstance(child, WhereNode):
            if filters_office(child):
                return True
            continue
        if not isinstance(child, Lookup):
            continue
        target = getattr(child.lhs, "target", None)
        if getattr(target, "name", None) == "office" and child.lookup_name in ("exact", "in"):
            return True
    return False


class OfficeScopedQuerySet(models.QuerySet[Any]):
    """Rows of one office: reading them without an office filter raises UnscopedQuery.

    This is django-scopes' idea (a forgotten filter is an error, not a leak) with
    Django's own filters: every office page already looks its office up first (see
    ovpkit_web.permissions), so the check costs nothing where the code is right.
    """

    def _require_office(self) -> None:
        if not filters_office(self.query.where):
            raise UnscopedQuery(f"{self.model.__name__} read without an office filter")

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._require_office()
        super()._fetch_all()

    def iterator(self, chunk_size: int | None = None) -> Any:
        self._require_office()
        return super().iterator(chunk_size=chunk_size)

    def count(self) -> int:
        self._require_office()
        return super().count()

    def exists(self) -> bool:
        self._require_office()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._require_office()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        self._require_office()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._require_office()
        return super().delete()


class OfficeScoped(models.Model):
    """A row of one office, read through ``objects`` with an office filter or not at all.

    ``unscoped`` reads every office's rows, for the job worker, the public index and
    tests: say why where it is used. It is also the manager Django uses when following a
    foreign key, saving and deleting (``base_manager_name``), which name no office.
    """

    objects = OfficeScopedQuerySet.as_manager()
    unscoped = models.Manager()  # noqa: DJ012 (a manager, after the default one: ruff takes it for a field)

    class Meta:
        abstract = True
        base_manager_name = "unscoped"


class Membership(models.Model):
    """A user's role in one office: the only way anybody sees an office's data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "office"], name="one_role_per_office")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.office}: {self.role}"


class AnswersStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("answers", "draft")
    SUBMITTED = "submitted", pgettext_lazy("answers", "submitted")


class AnswersDocument(OfficeScoped):
    """An answers file (YAML, the CLI's format) that ovpkit.assessment's loader accepted."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    text = models.TextField()
    status = models.CharField(
        max_length=16, choices=AnswersStatus.choices, default=AnswersStatus.DRAFT
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(OfficeScoped.Meta):
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.file_name}"


class QuestionnaireDraft(OfficeScoped):
    """One respondent's answers as they fill in the web form, saved as they type.

    ``answers`` maps a question id to the raw answer exactly as the answers file writes
    it (``"yes"``, a number, a list, or ``{value, evidence, note}``); each answer was
    accepted by the core's loader before it was kept (see :mod:`ovpkit_web.drafts`).
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="drafts")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    answers = models.JSONField(default=dict, blank=True)
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta(OfficeScoped.Meta):
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["office", "respondent"], name="one_draft_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.respondent}"


class AssessmentResult(OfficeScoped):
    """The core's assessment document (``ovpkit.assessment.export``), as it computed it."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="assessments")
    answers = models.ForeignKey(
        AnswersDocument, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    document = models.JSONField()
    history = HistoricalRecords()

    class Meta(OfficeScoped.Meta):
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.office.slug} @ {self.created:%Y-%m-%d}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(OfficeScoped):
    """Long work and how far it got, so a page can show progress.

    The work itself runs in the worker (Django's tasks API, database backend: see
    :mod:`ovpkit_web.jobs`); ``message`` is written in ``language``, the language of the
    person who started the job, so the page they watch speaks it.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, null=True, related_name="jobs")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=40)
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    percent = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True, default="")  # for a person to read
    result = models.JSONField(null=True, blank=True)
    language = models.CharField(max_length=8, default="en")
    arguments = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta(OfficeScoped.Meta):
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.status} {self.percent}%"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class AuditAction(models.TextChoices):
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed login")
    LOGOUT = "logout", _("logged out")
    EXPORT = "export", _("exported")
    VIEW_INCIDENTS = "view_incidents", _("viewed incident data")
    UPLOAD_ANSWERS = "upload_answers", _("uploaded answers")
    ASSESS = "assess", _("ran an assessment")
    UPLOAD_DATA = "upload_data", _("uploaded a data file")
    PUBLICATION = "publication", _("changed the state of a public page")
    MEMBER_ADDED = "member_added", _("added a member")
    ROLE_CHANGED = "role_changed", _("changed a member's role")
    MEMBER_REMOVED = "member_removed", _("removed a member")
    PARTNER_LINKED = "partner_linked", _("linked a member to a partner organisation")


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    """Audit events are never changed or removed, not even in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit events are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events are append-only")


class AuditEvent(models.Model):
    """Who did what, when: logins, exports, views of incident data. Append-only."""

    created = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True, default="")
    office = models.ForeignKey(Office, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    detail = models.JSONField(default=dict, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit events are append-only")


class DataFileStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("data file", "waiting to be loaded")
    LOADED = "loaded", pgettext_lazy("data file", "loaded")
    FAILED = "failed", pgettext_lazy("data file", "refused")


class DataFile(models.Model):
    """An incident or population file an office uploaded, and what its ingestion did.

    The file itself lives under the home folder (``UPLOADS_DIR``), never where it could
    be served; the rows go into the office's DuckDB store through the core's
    ``ovpkit.diagnosis.ingest``. ``report`` is the core's ``IngestReport`` as JSON (rows in
    = loaded + set aside, each kind of problem with its reason), kept as it computed it.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="data_files")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    stored = models.CharField(max_length=400)  # relative to UPLOADS_DIR
    size = models.PositiveBigIntegerField(default=0)
    # A shipped mapping's name, or the YAML of the mapping the user uploaded.
    mapping_name = models.CharField(max_length=200)
    mapping_text = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=DataFileStatus.choices, default=DataFileStatus.QUEUED
    )
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, related_name="+")
    report = models.JSONField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.file_name}"


class MonitoringRecord(models.Model):
    """One record of an office's monitoring (a program, a partner), as the core's model took it.

    ``data`` is the record exactly as the records file would write it, accepted by the
    core's model for its collection (``ovpkit.monitoring.records``) before it was saved;
    ``key`` is its ``id``.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="monitoring")
    collection = models.CharField(max_length=20)  # "programs", "partners"
    key = models.SlugField(max_length=120)
    data = models.JSONField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)
    #: every edit and removal, with who made it (a removed record stays here)
    history = HistoricalRecords()
    #: who removes the record, set just before ``delete()``: django-simple-history reads
    #: it for the removal's history row (an annotation only, not a column)
    _history_user: Any

    class Meta:
        ordering: ClassVar[list[str]] = ["collection", "key"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["office", "collection", "key"], name="one_record_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.collection}/{self.key}"


class PartnerUser(models.Model):
    """Which partner organisation (a partner record's id) a partner-role user acts for."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.SlugField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["office", "user"], name="one_partner_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.user} for {self.partner}"


class Consultation(OfficeScoped):
    """An office's public consultation: the core's ``OfficeConsultation`` as JSON.

    ``document`` is validated by ``ovpkit.monitoring.consultation.OfficeConsultation``
    before it is saved (see :mod:`ovpkit_web.consultation`); ``enabled`` opens the form.
    """

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="consultation")
    enabled = models.BooleanField(default=False)
    document = models.JSONField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.office.slug}: consultation"


class ConsultationResponse(OfficeScoped):
    """One resident's answers, checked by the core's ``Response``: no name, no address, no IP.

    ``received`` keeps the day only (an exact time could be matched with a visit).
    ``comments`` (free-text answers) are never published nor shown on a page.
    """

    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="consultation_responses"
    )
    area = models.CharField(max_length=80)
    answers = models.JSONField()
    comments = models.JSONField(default=dict, blank=True)
    received = models.DateField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.office.slug}: answer {self.pk}"


class ConsultationLimit(models.Model):
    """How many answers one address sent in its current window: the consultation's rate limit.

    In the database so that every gunicorn worker counts the same answers (a per-process
    cache let each worker accept its own quota). ``key`` is a keyed hash of the address,
    never the address itself; a row is deleted once its window has ended.
    """

    key = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key[:8]}…: {self.count}"


class PublicationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication", "draft")
    SUBMITTED = "submitted", pgettext_lazy("publication", "submitted for review")
    APPROVED = "approved", pgettext_lazy("publication", "approved")
    PUBLISHED = "published", pgettext_lazy("publication", "published")
    WITHDRAWN = "withdrawn", pgettext_lazy("publication", "withdrawn")


class Publication(OfficeScoped):
    """An office's public page as the core's public document, frozen once submitted.

    ``document`` is :func:`ovpkit.publish.public.public_document` as built from the
    office's stored core documents when the draft was written: a copy, so later changes
    to the office change neither what the reviewer approves nor what the public reads.
    The states and who may move them are in :mod:`ovpkit_web.publication`.
    """

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="publications")
    state = models.CharField(
        max_length=16, choices=PublicationState.choices, default=PublicationState.DRAFT
    )
    document = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    published = models.DateTimeField(null=True, blank=True)

    class Meta(OfficeScoped.Meta):
        ordering: ClassVar[list[str]] = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.office.slug}: {self.state} ({self.pk})"
