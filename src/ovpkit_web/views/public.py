"""Public pages: the knowledge base, readable by anybody in en, es and pt."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ovpkit_web import presenters, search
from ovpkit_web.domain import knowledge_base
from ovpkit_web.permissions import offices_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The start page: the knowledge base for everyone, and a member's offices."""
    return render(
        request,
        "ovpkit_web/home.html",
        {"offices": offices_for(request.user), "criteria": presenters.criteria(knowledge_base())},
    )


@require_safe
def criteria(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ovpkit_web/criteria.html",
        {"criteria": presenters.criteria(knowledge_base())},
    )


@require_safe
def criterion(request: HttpRequest, number: int) -> HttpResponse:
    try:
        page = presenters.criterion_page(knowledge_base(), number)
    except KeyError:
        raise Http404 from None
    return render(request, "ovpkit_web/criterion.html", {"page": page})


@require_safe
def knowledge_search(request: HttpRequest) -> HttpResponse:
    """Search the knowledge base (the core's ranked search), results in the reader's words."""
    query = request.GET.get("q", "").strip()
    found = search.hits(knowledge_base(), query) if query else []
    return render(
        request, "ovpkit_web/search.html", {"query": query, "hits": found, "limit": search.LIMIT}
    )
