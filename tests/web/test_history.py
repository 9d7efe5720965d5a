"""Assessment history: every assessment of an office, and what moved between two."""

from __future__ import annotations

import html

from django.urls import reverse

from ovpkit.assessment.answersfile import parse_answer_set
from ovpkit.assessment.comparison import compare_assessments
from ovpkit.assessment.engine import assess
from ovpkit_web import domain
from ovpkit_web.models import AssessmentResult

from .conftest import Site


def _later(answers: str) -> str:
    """The same office a year later, having lost every 'yes' (so levels go down)."""
    return answers.replace('assessed_on: "2024-01"', 'assessed_on: "2025-01"').replace(
        "value: yes", "value: no"
    )


def _assessed(site: Site, text: str, name: str) -> AssessmentResult:
    document = domain.store_answers(site.office, site.users["manager"], text, name)
    return domain.assess_office(site.office, site.users["manager"], document)


def test_history_lists_every_assessment_and_says_what_moved(site: Site, cali_answers: str) -> None:
    first = _assessed(site, cali_answers, "cali-2024.yaml")
    second = _assessed(site, _later(cali_answers), "cali-2025.yaml")
    client = site.client("reviewer", HTTP_ACCEPT_LANGUAGE="es")
    url = reverse("history", args=[site.office.slug])
    listing = client.get(url).content.decode()
    assert "cali-2024.yaml" in listing and "cali-2025.yaml" in listing
    page = html.unescape(client.get(url, {"a": first.pk, "b": second.pk}).content.decode())
    kb = domain.knowledge_base()
    expected = compare_assessments(
        [assess(parse_answer_set(t, file=n), kb=kb) for t, n in
         ((cali_answers, "a.yaml"), (_later(cali_answers), "b.yaml"))]
    ).changes  # fmt: skip
    assert expected, "the later answers must move something for this test to mean anything"
    for change in expected:
        assert f"<td>{change.criterion}. " in page
        assert ("↓ " if change.moved < 0 else "↑ " if change.moved > 0 else "") in page
    moved = {c.criterion for c in expected}
    still = [n for n in range(1, 10) if n not in moved]
    for number in still:
        assert f"<td>{number}. " not in page
    assert "Antes" in page and "Después" in page
    # the same two, given the other way round, still read from the older to the newer
    swapped = html.unescape(client.get(url, {"a": second.pk, "b": first.pk}).content.decode())
    assert swapped.count("↓ ") == page.count("↓ ")


def test_another_offices_assessment_is_not_compared(site: Site, cali_answers: str) -> None:
    mine = _assessed(site, cali_answers, "cali.yaml")
    # a later assessment that moves levels: compared, it would show what moved
    other_answers = domain.store_answers(site.other, None, _later(cali_answers), "x.yaml")
    theirs = domain.assess_office(site.other, None, other_answers)
    page = site.client("manager").get(
        reverse("history", args=[site.office.slug]), {"a": mine.pk, "b": theirs.pk}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Strengths gained" not in text and "Nothing moved" not in text
