"""The questionnaire as a web form: one page per criterion, saved as the respondent types.

Each page posts its answers; with htmx the page posts itself after every change (a
short pause after typing) and shows what was saved or refused in a live region. Without
JavaScript the same form saves on its button. Only respondents (manager, staff,
partner) have a draft; a reviewer gets 403, an outsider 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ovpkit.errors import AnswersError
from ovpkit.i18n import current_language
from ovpkit_web import audit, drafts
from ovpkit_web import questionnaire_pages as pages
from ovpkit_web.answer_input import LinkError, raw_answer
from ovpkit_web.forms import AnswersUploadForm, answers_error_text
from ovpkit_web.models import AuditAction, QuestionnaireDraft
from ovpkit_web.permissions import UPLOAD_ANSWERS, VIEW_OFFICE
from ovpkit_web.views.office import _office


@require_safe
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    office = _office(request, slug, UPLOAD_ANSWERS)
    draft = drafts.draft_for(office, request.user)
    context = {"office": office, "draft": draft, "sections": pages.section_links(draft)}
    return render(request, "ovpkit_web/questionnaire.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def section(request: HttpRequest, slug: str, section_id: str) -> HttpResponse:
    office = _office(request, slug, UPLOAD_ANSWERS)
    try:
        item = pages.section(section_id)
    except KeyError:
        raise Http404 from None
    draft = drafts.draft_for(office, request.user)
    errors: dict[str, str] = {}
    if request.method == "POST":
        errors = _save(draft, item.questions, request)
        if request.headers.get("HX-Request"):
            return _save_status(request, errors, item.questions)
        if not errors:
            return _after_save(request, office.slug, section_id)
    answers = {**draft.answers, **_typed(item.questions, request)} if errors else draft.answers
    previous, following = pages.neighbours(section_id)
    context = {
        "office": office,
        "section": item,
        "title": pages.section_title(item),
        "fields": pages.fields(item, answers, errors),
        "previous": previous,
        "next": following,
        "errors": errors,
    }
    return render(
        request, "ovpkit_web/questionnaire_section.html", context, status=400 if errors else 200
    )


def _save(draft: QuestionnaireDraft, questions: Any, request: HttpRequest) -> dict[str, str]:
    """Keep every answer the core accepts; return the refused ones' messages by question."""
    accepted: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in questions:
        try:
            raw = raw_answer(question, request.POST, draft.answers.get(question.id))
            if raw is not None:
                drafts.check_answer(question.id, raw)
        except LinkError as exc:
            errors[question.id] = str(exc)
            continue
        except AnswersError as exc:
            errors[question.id] = _form_error(exc)
            continue
        accepted[question.id] = raw
    drafts.save_answers(draft, accepted)
    return errors


def _typed(questions: Any, request: HttpRequest) -> dict[str, Any]:
    """What was typed (kept on the page after a refusal, so nothing typed is lost)."""
    typed: dict[str, Any] = {}
    for question in questions:
        try:
            typed[question.id] = raw_answer(question, request.POST, None)
        except LinkError:
            typed[question.id] = None
    return typed


def _form_error(exc: AnswersError) -> str:
    """The core's words without the file's line number (a form has no lines)."""
    text = exc.message
    if exc.hint:
        text += " " + _("What to do: %(hint)s") % {"hint": exc.hint}
    return text


def _save_status(request: HttpRequest, errors: dict[str, str], questions: Any) -> HttpResponse:
    texts = {q.id: pages.fields_text(q) for q in questions}
    problems = [(qid, texts[qid], message) for qid, message in errors.items()]
    context = {"saved_at": timezone.localtime(), "problems": problems}
    return render(request, "ovpkit_web/_save_status.html", context)


def _after_save(request: HttpRequest, slug: str, section_id: str) -> HttpResponse:
    messages.success(request, _("Your answers are saved."))
    _previous, following = pages.neighbours(section_id)
    if following and "next" in request.POST:
        return redirect("questionnaire_section", slug=slug, section_id=following)
    return redirect("questionnaire_section", slug=slug, section_id=section_id)


@require_safe
@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft as the answers file the command line reads (checked by the core first)."""
    office = _office(request, slug, UPLOAD_ANSWERS)
    draft = drafts.draft_for(office, request.user)
    try:
        text = drafts.draft_yaml(draft, current_language())
    except AnswersError as exc:
        messages.error(request, answers_error_text(exc))
        return redirect("questionnaire", slug=office.slug)
    audit.record(AuditAction.EXPORT, request, office=office, what="answers")
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = f"{office.slug}-answers.yaml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def import_file(request: HttpRequest, slug: str) -> HttpResponse:
    """Fill the draft from an answers file (the core checks it; nothing is kept if not)."""
    office = _office(request, slug, UPLOAD_ANSWERS)
    form = AnswersUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        draft = drafts.draft_for(office, request.user)
        try:
            count = drafts.import_answers(draft, upload.text, upload.file_name)
        except AnswersError as exc:
            form.add_error("file", answers_error_text(exc))
        else:
            messages.success(request, _("%(n)s answers imported into your draft.") % {"n": count})
            return redirect("questionnaire", slug=office.slug)
    status = 400 if request.method == "POST" else 200
    context = {"office": office, "form": form}
    return render(request, "ovpkit_web/questionnaire_import.html", context, status=status)


@require_POST
@login_required
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    """Make the draft the office's answers file, the one the next assessment uses."""
    office = _office(request, slug, UPLOAD_ANSWERS)
    draft = drafts.draft_for(office, request.user)
    try:
        document = drafts.submit_draft(draft, request.user, current_language())
    except AnswersError as exc:
        messages.error(request, answers_error_text(exc))
        return redirect("questionnaire", slug=office.slug)
    audit.record(AuditAction.UPLOAD_ANSWERS, request, office=office, answers=document.pk)
    messages.success(request, _("Your answers are now the office's answers file."))
    return redirect("office", slug=office.slug)


@require_safe
@login_required
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """Every respondent's answers side by side; the questions they answer differently first."""
    office = _office(request, slug, VIEW_OFFICE)
    rows, respondents = pages.comparison(drafts.office_drafts(office))
    context = {"office": office, "rows": rows, "respondents": respondents}
    return render(request, "ovpkit_web/questionnaire_compare.html", context)
