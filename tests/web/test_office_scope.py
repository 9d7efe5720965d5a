"""A forgotten office filter is an error, not a leak (django-scopes' idea, Django's filters).

Reading an office's rows (answers files, drafts, assessments, jobs) must say which office;
without it the query raises UnscopedQuery instead of returning every office's rows.
"""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ovpkit_web import domain
from ovpkit_web.models import AnswersDocument, Job, QuestionnaireDraft, UnscopedQuery

from .conftest import Site


@pytest.fixture
def stored(site: Site, cali_answers: str) -> AnswersDocument:
    """One answers file in each of the two offices."""
    domain.store_answers(site.other, site.users["outsider"], cali_answers, "theirs.yaml")
    return domain.store_answers(site.office, site.users["staff"], cali_answers, "ours.yaml")


@pytest.mark.parametrize(
    "read",
    [
        lambda: list(AnswersDocument.objects.all()),
        lambda: AnswersDocument.objects.count(),
        lambda: AnswersDocument.objects.exists(),
        lambda: AnswersDocument.objects.first(),
        lambda: list(AnswersDocument.objects.filter(file_name="ours.yaml")),
        lambda: list(AnswersDocument.objects.values_list("text", flat=True)),
        lambda: list(AnswersDocument.objects.iterator()),
        lambda: AnswersDocument.objects.update(file_name="x"),
        lambda: AnswersDocument.objects.all().delete(),
        lambda: list(QuestionnaireDraft.objects.all()),
        lambda: list(Job.objects.all()),
    ],
)
def test_reading_without_an_office_raises(stored: AnswersDocument, read: object) -> None:
    with pytest.raises(UnscopedQuery):
        read()  # type: ignore[operator]


def test_the_classic_forgotten_filter_by_id_raises(stored: AnswersDocument) -> None:
    """A page that looks a row up by its number alone would show another office's row."""
    with pytest.raises(UnscopedQuery):
        get_object_or_404(AnswersDocument, pk=stored.pk)


def test_an_office_inside_or_or_not_does_not_scope(site: Site, stored: AnswersDocument) -> None:
    with pytest.raises(UnscopedQuery):
        list(AnswersDocument.objects.filter(Q(office=site.office) | Q(file_name="theirs.yaml")))
    with pytest.raises(UnscopedQuery):
        list(AnswersDocument.objects.exclude(office=site.office))


def test_reading_one_offices_rows_works(site: Site, stored: AnswersDocument) -> None:
    assert [a.file_name for a in site.office.answers.all()] == ["ours.yaml"]
    assert AnswersDocument.objects.filter(office=site.office).count() == 1
    assert AnswersDocument.objects.get(pk=stored.pk, office=site.office) == stored
    assert AnswersDocument.objects.filter(office__in=[site.office, site.other]).count() == 2


def test_every_office_on_purpose_through_unscoped(stored: AnswersDocument) -> None:
    assert AnswersDocument.unscoped.count() == 2
