"""An office's publications (members: draft, review, publish) and its public page (anyone).

The public page, its index, data package and the published diagnosis and evaluations
are read without login, from the published document only, through the core's
public sections (:mod:`ovpkit.publish.public`): the same content as the static site.
They are cacheable: ``Cache-Control: public``, an ETag per page and language, and a
language chosen by ``?lang=`` (or the reader's, with ``Vary``), with no cookie set.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_http_methods, require_POST, require_safe

from ovpkit.i18n import use_language
from ovpkit.publish.public import datapackage_zip, export, render_sections
from ovpkit.publish.render import report_credit, stylesheet
from ovpkit_web import consultation
from ovpkit_web import publication as pub
from ovpkit_web.models import Job, Office, Publication
from ovpkit_web.permissions import VIEW_OFFICE, offices_for, require
from ovpkit_web.presenters_consultation import public_block, public_snapshot
from ovpkit_web.views.data import REPORT_POLICY

LANGUAGE_NAMES = {"en": "English", "es": "Español", "pt": "Português"}
MAX_AGE = 300  # seconds a public page may be kept by a browser or a proxy


class PublicationForm(forms.Form):
    """What a draft needs beyond the stored documents: the office's own words."""

    mandate = forms.CharField(
        label=gettext_lazy("Public mandate, in the office's words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the mandate"),
        choices=[(code, name) for code, name in LANGUAGE_NAMES.items()],
    )
    currency = forms.RegexField(
        label=gettext_lazy("Currency of the budget (three letters, e.g. USD)"),
        regex=r"^[A-Z]{3}$",
        initial="USD",
        error_messages={"invalid": gettext_lazy("Three capital letters, e.g. USD or COP.")},
    )
    diagnosis = forms.ModelChoiceField(
        label=gettext_lazy("Diagnosis to publish"), queryset=Job.objects.none(), required=False
    )
    evaluations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Evaluations to publish"),
        queryset=Job.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, office: Office, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        diagnosis = cast(forms.ModelChoiceField[Job], self.fields["diagnosis"])
        evaluations = cast(forms.ModelMultipleChoiceField[Job], self.fields["evaluations"])
        diagnosis.queryset = pub.finished(office, "diagnosis")
        evaluations.queryset = pub.finished(office, "evaluation")
        # The choices' labels: Django's way is to override this method in a subclass;
        # setting it on the two fields of this form does the same, which mypy cannot see.
        diagnosis.label_from_instance = _job_label  # type: ignore[method-assign, assignment]
        evaluations.label_from_instance = _job_label  # type: ignore[method-assign, assignment]


def _job_label(job: Job) -> str:
    return _("computed on {date}").format(date=job.created.date().isoformat())


def _office(request: HttpRequest, slug: str) -> Office:
    office = get_object_or_404(offices_for(request.user), slug=slug)
    require(request.user, VIEW_OFFICE, office)
    return office


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """The office's publications and, for its writers, the form for a new draft."""
    office = _office(request, slug)
    can_write = pub.may_write(request.user, office)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    form = PublicationForm(office, request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = pub.write_draft(office, request.user, form.cleaned_data)
        messages.success(request, _("The draft is ready: check it, then submit it for review."))
        return redirect("publication", slug=office.slug, pk=item.pk)
    context = {
        "office": office,
        "items": Publication.objects.filter(office=office),
        "form": form if can_write else None,
        "public": pub.public_page(office),
    }
    return render(request, "ovpkit_web/publications.html", context,
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@require_safe
@login_required
def detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One publication as the public would read it, with the moves the user may make."""
    office = _office(request, slug)
    item = get_object_or_404(Publication, pk=pk, office=office)
    context = {
        "office": office,
        "item": item,
        "sections": render_sections(item.document, _preview_links(item)),
        "moves": [(name, MOVE_WORDS[name]) for name in pub.moves_for(request.user, item)],
    }
    return render(request, "ovpkit_web/publication.html", context)


#: The button of each move, in the reader's words.
MOVE_WORDS = {
    "submit": gettext_lazy("Submit for review"),
    "return": gettext_lazy("Send back to the author"),
    "approve": gettext_lazy("Approve"),
    "publish": gettext_lazy("Publish"),
    "withdraw": gettext_lazy("Withdraw from the public site"),
}


@require_POST
@login_required
def move(request: HttpRequest, slug: str, pk: int, name: str) -> HttpResponse:
    """Make one move of the review step (403 if the user may not, 409 if the state forbids)."""
    if name not in pub.MOVES:
        raise Http404
    office = _office(request, slug)
    item = get_object_or_404(Publication, pk=pk, office=office)
    try:
        pub.make_move(item, name, request.user, request)
    except pub.MoveRefused:
        return HttpResponse(_("This publication cannot make that move in its state."), status=409)
    messages.success(request, _("Done: the publication is now {state}.").format(
        state=item.get_state_display()))  # fmt: skip
    return redirect("publication", slug=office.slug, pk=item.pk)


@require_safe
@login_required
def download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The publication's document as the export ``ovpkit publish --site`` reads."""
    office = _office(request, slug)
    item = get_object_or_404(Publication, pk=pk, office=office)
    documents = [_with_consultation(request, item)]
    return _export_response(documents, f"{office.slug}-publication-{item.pk}.json")


def _export_response(documents: list[dict[str, Any]], name: str) -> HttpResponse:
    body = json.dumps(export(documents), ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _preview_links(item: Publication) -> dict[str, Any]:
    """Links of a preview: to the frozen pages as members see them (nothing is public yet)."""
    slug = item.office.slug
    count = len(item.document.get("evaluations", []))
    diagnosis = reverse("publication_page", args=[slug, item.pk, 0])
    return {
        "datapackage": reverse("publication_datapackage", args=[slug, item.pk]),
        "diagnosis": diagnosis if item.document.get("diagnosis") else None,
        "evaluations": {
            n: reverse("publication_page", args=[slug, item.pk, n]) for n in range(1, count + 1)
        },  # fmt: skip
    }


@require_safe
@login_required
def frozen_page(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """A frozen page of a publication (0: the diagnosis, n: the n-th evaluation), for review."""
    office = _office(request, slug)
    item = get_object_or_404(Publication, pk=pk, office=office)
    return _numbered_page(item, number, translation.get_language() or "en")


@require_safe
@login_required
def preview_datapackage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The data package the publication would offer, for review."""
    office = _office(request, slug)
    item = get_object_or_404(Publication, pk=pk, office=office)
    return _zip(item)


def _zip(item: Publication) -> HttpResponse:
    body = datapackage_zip(item.document)
    response = HttpResponse(body, content_type="application/zip")
    name = f"{item.office.slug}-datapackage.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _numbered_page(item: Publication, number: int, lang: str) -> HttpResponse:
    if number == 0:
        return _frozen_page(item.document.get("diagnosis"), lang)
    evaluations = item.document.get("evaluations", [])
    if not 1 <= number <= len(evaluations):
        raise Http404
    return _frozen_page(evaluations[number - 1].get("pages"), lang)


# --- public pages -------------------------------------------------------------------


def _language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in LANGUAGE_NAMES else (translation.get_language() or "en")[:2]


def _published(slug: str) -> Publication:
    office = get_object_or_404(Office, slug=slug)
    found = pub.public_page(office)
    if found is None:
        raise Http404
    return found


def _etag(request: HttpRequest, slug: str = "", **kwargs: Any) -> str | None:
    """One tag per published page, version and language: changes when a new one is out."""
    try:
        item = _published(slug) if slug else None
    except Http404:
        return None
    items = [item] if item else pub.published_pages()  # the export carries the results too
    stamp = ",".join(f"{p.pk}:{p.published}:{_consultation_version(p)}" for p in items)
    return hashlib.sha256(f"{stamp}:{_language(request)}:{request.path}".encode()).hexdigest()[:32]


def _consultation_version(item: Publication) -> str:
    """The consultation's results are not frozen: new public results are a new page."""
    row = consultation.consultation_of(item.office)
    return consultation.public_results(item.office, row)[0] if row is not None else "none"


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def _frame(request: HttpRequest, lang: str) -> dict[str, Any]:
    """What every public page has around its content: switcher, stylesheet, credit."""
    return {
        "lang": lang,
        "languages": [
            (code, name, f"{request.path}?lang={code}") for code, name in LANGUAGE_NAMES.items()
        ],  # fmt: skip
        "core_css": mark_safe(stylesheet()),  # noqa: S308 (the core's own stylesheet file)
        "credit": report_credit(),
    }


@require_safe
@condition(etag_func=_etag)
def public_index(request: HttpRequest) -> HttpResponse:
    """Every office with a published page."""
    lang = _language(request)
    with translation.override(lang), use_language(lang):
        offices = [
            {"name": p.document["office"]["name"],
             "href": reverse("public_office", args=[p.office.slug]) + f"?lang={lang}"}
            for p in pub.published_pages()
        ]  # fmt: skip
        context = {"offices": offices, **_frame(request, lang)}
        response = render(request, "ovpkit_web/public_index.html", context)
    return _cacheable(response)


@require_safe
@condition(etag_func=_etag)
def public_office(request: HttpRequest, slug: str) -> HttpResponse:
    """An office's published page, readable by anybody, in the language asked for."""
    item = _published(slug)
    lang = _language(request)
    with translation.override(lang), use_language(lang):
        context = {
            "office": item.office,
            "results": public_block(item.office, live=False),  # the consultation's aggregates
            "name": item.document["office"]["name"],  # as approved, not as renamed since
            "item": item,
            **_frame(request, lang),
            "sections": render_sections(item.document, _public_links(item, lang)),
        }
        response = render(request, "ovpkit_web/public_office.html", context)
    return _cacheable(response)


def _public_links(item: Publication, lang: str) -> dict[str, Any]:
    slug = item.office.slug
    evaluations = item.document.get("evaluations", [])
    return {
        "datapackage": reverse("public_datapackage", args=[slug]),
        "diagnosis": reverse("public_diagnosis", args=[slug]) + f"?lang={lang}"
        if item.document.get("diagnosis")
        else None,  # fmt: skip
        "evaluations": {
            n: reverse("public_evaluation", args=[slug, n]) + f"?lang={lang}"
            for n in range(1, len(evaluations) + 1)
        },  # fmt: skip
    }


@require_safe
@condition(etag_func=_etag)
def public_datapackage(request: HttpRequest, slug: str) -> HttpResponse:
    """The page's tables as a Frictionless Data Package (zip), through disclosure control."""
    item = _published(slug)
    with use_language(_language(request)):
        return _cacheable(_zip(item))


@require_safe
@condition(etag_func=_etag)
def public_diagnosis(request: HttpRequest, slug: str) -> HttpResponse:
    """The published diagnosis page (the core's, copied when the page was approved)."""
    return _numbered_page(_published(slug), 0, _language(request))


@require_safe
@condition(etag_func=_etag)
def public_evaluation(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A published evaluation's page, its cautions included, as the core rendered it."""
    if number < 1:
        raise Http404
    return _numbered_page(_published(slug), number, _language(request))


def _frozen_page(pages: dict[str, str] | None, lang: str) -> HttpResponse:
    page = (pages or {}).get(lang) or (pages or {}).get("en")
    if not page:
        raise Http404
    response = HttpResponse(page, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = REPORT_POLICY
    return _cacheable(response)


@require_safe
@condition(etag_func=_etag)
def public_export(request: HttpRequest) -> HttpResponse:
    """Every published document: what ``ovpkit publish EXPORT --site DIR`` reads."""
    documents = [_with_consultation(request, p) for p in pub.published_pages()]
    return _cacheable(_export_response(documents, "ovpkit-publications.json"))


def _with_consultation(request: HttpRequest, item: Publication) -> dict[str, Any]:
    """The document with the consultation's public aggregates, as the web page shows them.

    A static site cannot take answers: the export says where the consultation is (its
    full address, when it is open) and carries the aggregates published at export time.
    """
    address = request.build_absolute_uri(reverse("consultation", args=[item.office.slug]))
    kept = public_snapshot(item.office, address=address)
    return {**item.document, "consultation": kept} if kept else dict(item.document)
