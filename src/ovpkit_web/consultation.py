"""The public consultation on the site: settings, answers, spam checks, published results.

The survey, its checks and its analysis are the core's
(:mod:`ovpkit.monitoring.consultation`); this module stores the office's settings and
the residents' answers, and keeps automated answers out without a third-party CAPTCHA:

* a **honeypot**: a field people do not see (hidden by the page's style and from
  screen readers) that a form-filling robot fills;
* a **minimum fill time**: the form carries the time it was made, signed with the
  site's key, so a form sent back sooner than ``CONSULTATION_MIN_SECONDS``, or with a
  changed or foreign time, is refused;
* a **rate limit per address**: at most ``CONSULTATION_RATE_LIMIT`` answers in
  ``CONSULTATION_RATE_WINDOW`` seconds, counted in the database so that every worker
  sees the same count. The address is kept only as a keyed hash, deleted once the
  window ends; the address itself is never written anywhere.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.db import transaction
from django.db.models import Count, F, Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import ValidationError

from ovpkit.errors import OvpkitError
from ovpkit.i18n import _ as core_
from ovpkit.monitoring import consultation as core
from ovpkit_web.models import Consultation, ConsultationLimit, ConsultationResponse, Office

SALT = "ovpkit_web.consultation"
#: Each language named in itself, as in the site's language switcher.
LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
HONEYPOT = "website"


class Refused(Exception):
    """An answer the site does not keep, with the sentence the resident reads."""


def consultation_of(office: Office) -> Consultation | None:
    return Consultation.objects.filter(office=office).first()


def document(row: Consultation) -> core.OfficeConsultation:
    """The stored settings, as the core's model (validated when saved)."""
    return core.OfficeConsultation.model_validate(row.document)


def open_consultation(office: Office) -> tuple[Consultation, core.OfficeConsultation] | None:
    """The office's consultation when it takes answers, else None (its page is a 404)."""
    row = consultation_of(office)
    return (row, document(row)) if row is not None and row.enabled else None


def save_settings(
    office: Office, user: Any, settings_doc: core.OfficeConsultation, *, enabled: bool
) -> Consultation:
    row = consultation_of(office) or Consultation(office=office)
    row.document = settings_doc.model_dump(mode="json")
    row.enabled = enabled
    row.updated_by = user
    row.save()
    return row


def record(office: Office, response: core.Response) -> ConsultationResponse:
    """Keep one checked answer (area, choices, free text); nothing about who sent it."""
    return ConsultationResponse.objects.create(
        office=office, area=response.area, answers=response.answers, comments=response.comments
    )


def results_version(office: Office, row: Consultation | None) -> str:
    """What the results depend on: the answers' count, the last answer, the settings' time.

    The results' cache key and the public page's ETag, so both change with a new answer
    or new settings and with nothing else.
    """
    if row is None:
        return "none"
    seen = ConsultationResponse.objects.filter(office=office).aggregate(
        n=Count("id"), last=Max("id")
    )
    return f"{seen['n']}:{seen['last']}:{row.enabled}:{row.updated.timestamp()}"


def public_results(office: Office, row: Consultation) -> tuple[str, core.ConsultationResult]:
    """The results the public page shows, and their version: at most a few minutes old.

    Every new answer changes the live results, and analysing all answers again for each
    public read made the page slow under load (each read after an answer paid the whole
    analysis). The public page keeps one analysis for ``CONSULTATION_PUBLIC_REFRESH``
    seconds (the page's own cache lifetime); the staff page stays live.
    """
    key = f"consultation-public:{office.pk}:{row.enabled}:{row.updated.timestamp()}"
    kept: tuple[str, core.ConsultationResult] | None = caches["default"].get(key)
    if kept is None:
        kept = (results_version(office, row), results(office, row))
        caches["default"].set(key, kept, timeout=settings.CONSULTATION_PUBLIC_REFRESH)
    return kept


def results(office: Office, row: Consultation) -> core.ConsultationResult:
    """The core's analysis of the office's answers: aggregates past disclosure control.

    Kept in the default cache under the answers' count, the last answer and the settings'
    time, so a page read between two answers does not analyse again, and any new answer
    or change of settings is seen at once (the result holds no words, only codes and
    message ids, so one serves every language).
    """
    key = f"consultation:{office.pk}:{results_version(office, row)}"
    found: core.ConsultationResult | None = caches["default"].get(key)
    if found is None:
        answers = ConsultationResponse.objects.filter(office=office)
        rows = answers.values_list("area", "answers")
        found = core.analyse(document(row), [core.Response(area=a, answers=c) for a, c in rows])
        caches["default"].set(key, found, timeout=60 * 60)
    return found


# -- spam checks ---------------------------------------------------------------------


def start_token(office: Office) -> str:
    """The signed time the form was made, for this office."""
    return signing.dumps({"o": office.pk, "t": time.time()}, salt=SALT, compress=True)


def check_token(token: str, office: Office) -> None:
    """Refuse a form sent too soon, too late, changed, or made for another office."""
    try:
        made = signing.loads(token, salt=SALT, max_age=settings.CONSULTATION_MAX_AGE)
    except signing.SignatureExpired:
        raise Refused(_("This form is too old. Reload the page and answer again.")) from None
    except signing.BadSignature:
        raise Refused(_("This form was changed. Reload the page and answer again.")) from None
    if not isinstance(made, dict) or made.get("o") != office.pk:
        raise Refused(_("This form was changed. Reload the page and answer again."))
    if time.time() - float(made.get("t", 0)) < settings.CONSULTATION_MIN_SECONDS:
        raise Refused(
            _("The answers came back too quickly to be a person's. Read the questions, then send.")
        )


def _address_key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac(SALT, address).hexdigest()


def over_rate_limit(request: HttpRequest) -> bool:
    """True when this address has sent its answers for the window (counts this one).

    Counted in the database (:class:`ConsultationLimit`), which every worker shares; the
    row is locked while it is read and counted, so two workers cannot both take the last
    answer of a window. Rows of ended windows are purged on the way.
    """
    if request.META.get("REMOTE_ADDR", "") in settings.CONSULTATION_RATE_EXEMPT:
        return False
    now = timezone.now()
    with transaction.atomic():
        ConsultationLimit.objects.filter(expires__lte=now).delete()
        row, _created = ConsultationLimit.objects.select_for_update().get_or_create(
            key=_address_key(request),
            defaults={"expires": now + timedelta(seconds=settings.CONSULTATION_RATE_WINDOW)},
        )
        if row.count >= settings.CONSULTATION_RATE_LIMIT:
            return True
        ConsultationLimit.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return False


# -- the resident's form ------------------------------------------------------------


class ResponseForm(forms.Form):
    """The office's questions, an area from its list, the consent, and the spam checks."""

    started = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, office: Office, doc: core.OfficeConsultation, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.office, self.doc = office, doc
        self.fields["area"] = forms.ChoiceField(
            label=_("Which area of the city do you live in?"),
            help_text=_("Only the area is asked, never an address."),
            choices=[("", "—"), *((n, n) for n in doc.area_names())],
        )
        for question in doc.chosen():
            self.fields[question.id] = _field(doc, question)
        self.fields["consent"] = forms.BooleanField(
            label=core.consent_text(office.name, doc.threshold),
            error_messages={"required": _("Please accept the consent to send your answers.")},
        )
        self.fields["area"].error_messages["invalid_choice"] = _("Choose your area from the list.")
        if not self.is_bound:
            self.initial["started"] = start_token(office)

    def question_fields(self) -> list[forms.BoundField]:
        return [self[q.id] for q in self.doc.chosen()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT):
            raise forms.ValidationError(
                _("These answers look automatic and were not kept. Leave the hidden field empty.")
            )
        try:
            check_token(str(data.get("started", "")), self.office)
        except Refused as refused:
            raise forms.ValidationError(str(refused)) from None
        return data

    def response(self) -> core.Response:
        """The core's checked response (call after ``is_valid``)."""
        data = self.cleaned_data
        chosen = self.doc.chosen()
        response = core.Response(
            area=data["area"],
            answers={q.id: data[q.id] for q in chosen if q.kind == "choice"},
            comments={q.id: data[q.id] for q in chosen if q.kind == "text" and data.get(q.id)},
        )
        return core.check_response(self.doc, response)


def _field(doc: core.OfficeConsultation, question: core.Question) -> forms.Field:
    label = core.question_text(doc, question)
    if question.kind == "text":
        return forms.CharField(
            label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.ChoiceField(
        label=label,
        choices=[(o.code, core_(o.label)) for o in question.options],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one answer to this question."),
            "invalid_choice": _("Choose one answer to this question."),
        },
    )


# -- the manager's settings -----------------------------------------------------------


class SettingsForm(forms.Form):
    """Open or close the consultation, choose and word the questions, list the areas."""

    enabled = forms.BooleanField(required=False, label=gettext_lazy("Take answers"))
    areas = forms.CharField(
        label=gettext_lazy("Areas"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "One area a line. Add its population after a colon (Centro: 12500) to weight the "
            "answers by area; without a population for every area they are not weighted."
        ),
    )
    from_data = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Take each area's population from the office's population data (its latest year)"
        ),
        help_text=gettext_lazy(
            "An area is matched by its name to the area codes of the population file loaded "
            "on the Data page."
        ),
    )
    threshold = forms.IntegerField(
        label=gettext_lazy("Smallest number of answers shown for an area"),
        min_value=3,
        initial=core.DEFAULT_THRESHOLD,
    )

    def __init__(self, office: Office, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.office = office
        self.unmatched: tuple[str, ...] = ()
        for question in core.load_template().questions:
            self.fields[f"ask_{question.id}"] = forms.BooleanField(
                required=False, label=core_(question.text)
            )
            for lang in core.WORDING_LANGUAGES:
                self.fields[f"text_{question.id}_{lang}"] = forms.CharField(
                    required=False,
                    max_length=300,
                    label=_("Own wording ({language})").format(language=LANGUAGE_NAMES[lang]),
                )

    def question_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "ask": self[f"ask_{q.id}"],
                "texts": [self[f"text_{q.id}_{lang}"] for lang in core.WORDING_LANGUAGES],
            }
            for q in core.load_template().questions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self.document = _document(data)
            if data.get("from_data"):
                self.document = self._with_store_populations(self.document)
        except OvpkitError as error:
            self.add_error("from_data" if data.get("from_data") else "areas", error.message)
        except ValidationError as error:
            self.add_error(None, _settings_error(error))
        return data

    def _with_store_populations(self, doc: core.OfficeConsultation) -> core.OfficeConsultation:
        """The areas' populations read from the office's data store (read-only)."""
        from ovpkit.diagnosis import open_store
        from ovpkit_web.data import store_path

        path = store_path(self.office)
        if not path.is_file():
            raise OvpkitError(
                _(
                    "This office has no population data yet: "
                    "load a population file on the Data page."
                )
            )
        con = open_store(path, read_only=True)
        try:
            populations = core.store_populations(con)
        finally:
            con.close()
        areas, self.unmatched = core.with_populations(doc.areas, populations)
        return doc.model_copy(update={"areas": areas})


def _document(data: dict[str, Any]) -> core.OfficeConsultation:
    template = core.load_template()
    wording = {
        q.id: {
            lang: text
            for lang in core.WORDING_LANGUAGES
            if (text := data.get(f"text_{q.id}_{lang}"))
        }
        for q in template.questions
    }
    return core.OfficeConsultation(
        questions=tuple(q.id for q in template.questions if data.get(f"ask_{q.id}")),
        wording={k: v for k, v in wording.items() if v},
        areas=core.parse_areas(data.get("areas") or ""),
        threshold=data.get("threshold") or core.DEFAULT_THRESHOLD,
    )


def _settings_error(error: ValidationError) -> str:
    """A sentence for the manager from the core model's refusal."""
    first = error.errors()[0]
    where = first["loc"][0] if first["loc"] else ""
    if where == "areas":
        return _("List at least one area, each once, with a whole positive population if any.")
    return _("Ask at least one question with answers to choose from.")


def initial_settings(row: Consultation | None) -> dict[str, Any]:
    """The form's values from the stored settings (the shipped survey when none yet)."""
    template = core.load_template()
    if row is None:
        return {f"ask_{q.id}": True for q in template.questions} | {
            "threshold": core.DEFAULT_THRESHOLD
        }
    doc = document(row)
    values: dict[str, Any] = {
        "enabled": row.enabled,
        "threshold": doc.threshold,
        "areas": "\n".join(
            f"{a.name}: {a.population}" if a.population else a.name for a in doc.areas
        ),
    }
    for q in template.questions:
        values[f"ask_{q.id}"] = q.id in doc.questions
        for lang, text in doc.wording.get(q.id, {}).items():
            values[f"text_{q.id}_{lang}"] = text
    return values
